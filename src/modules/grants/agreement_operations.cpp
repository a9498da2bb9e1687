// Grant agreements: creation from an award, the PDF for signing and the signed copy, tranches and
// their payment, reports and their review, amendments, monitoring visits, the portfolio and the
// payment schedule. On the platform's write path.
#include <boost/json.hpp>

#include <algorithm>

#include "platform/events.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "common/words.hpp"
#include "modules/grants/access.hpp"
#include "modules/grants/kinds.hpp"
#include "modules/grants/operations.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/tallies.hpp"
#include "modules/grants/rules.hpp"
#include "modules/registry/registry.hpp"
#include "platform/visits.hpp"
#include "platform/documents.hpp"
#include "modules/registry/rules.hpp"
#include "platform/policy.hpp"
#include "reports/pdf.hpp"
#include "reports/xlsx.hpp"
#include "store/data_version.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;

// Reports are due this many days after their period ends.
constexpr int kReportDays = 30;

std::vector<std::int64_t> grantee_staff(store::Tx& tx, const Agreement& g) { return users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), g.organisation_id); }
// An event of an agreement for systems outside (platform/events.hpp): its number, call and grantee and
// `facts`; the programme and the grantee's staff may receive it.
void announce(store::Tx& tx, std::string_view type, const Agreement& g, bj::object facts) {
  facts["agreement_id"] = g.id;
  facts["number"] = g.number;
  facts["call_id"] = g.call_id;
  facts["organisation_id"] = g.organisation_id;
  platform::emit(tx, {.type = type,
                      .entity = "agreement",
                      .entity_id = g.id,
                      .audience = policy::EventAudience::Programme,
                      .organisations = {g.organisation_id},
                      .authorities = {},
                      .data = std::move(facts)});
}

bj::object line_json(const AgreementLine& l, std::int64_t spent) {
  return {{"id", l.id}, {"position", l.position}, {"category", l.category}, {"description", l.description},
          {"period", l.period}, {"grant_minor", l.grant_minor}, {"cofinancing_minor", l.cofinancing_minor},
          {"reported_minor", spent}};
}

// Whether each tranche can be paid now, and why not.
bj::array tranches_json(const Agreement& g, const std::vector<Tranche>& ts, const std::vector<Report>& reports) {
  bj::array out;
  for (const auto& t : ts) {
    std::optional<std::string> prev;
    for (const auto& r : reports)
      if (r.number == t.number - 1) prev = r.status;
    auto why = tranche_error(g, t, prev);
    out.push_back({{"id", t.id}, {"number", t.number}, {"share_bp", t.share_bp}, {"amount_minor", t.amount_minor},
                   {"condition", t.condition}, {"planned_on", nullable(t.planned_on)}, {"paid_on", nullable(t.paid_on)},
                   {"paid_minor", nullable(t.paid_minor)}, {"payment_ref", nullable(t.payment_ref)},
                   {"payable", !why}, {"blocked", t.paid_on || !why ? bj::value(nullptr) : said(*why)}});
  }
  return out;
}

bj::object report_summary(const Report& r, const std::string& today_) {
  return {{"id", r.id}, {"number", r.number}, {"final", r.final}, {"due_on", r.due_on}, {"status", r.status},
          {"spent_minor", r.spent_minor}, {"submitted_at", nullable(r.submitted_at)}, {"approved_at", nullable(r.approved_at)},
          {"overdue", (r.status == "due" || r.status == "returned") && r.due_on < today_}};
}

bj::object agreement_json(store::Tx& tx, const Agreement& g) {
  auto app = *find_application(tx, g.application_id);
  auto call = *find_call(tx, g.call_id);
  auto lines = lines_of(tx, g.id);
  auto ts = tranches_of(tx, g.id);
  auto reports = reports_of(tx, g.id);
  auto today_ = today();
  std::map<std::int64_t, std::int64_t> spent;  // per line, in reports submitted or approved
  std::int64_t reported = 0, approved = 0, paid = 0;
  for (const auto& r : reports) {
    if (r.status != "submitted" && r.status != "approved") continue;
    for (const auto& l : r.lines) spent[l.line_id] += l.spent_minor;
    reported += r.spent_minor;
    if (r.status == "approved") approved += r.spent_minor;
  }
  for (const auto& t : ts) paid += t.paid_minor.value_or(0);
  bj::array lj, rj, docs;
  for (const auto& l : lines) lj.push_back(line_json(l, spent[l.id]));
  for (const auto& r : reports) rj.push_back(report_summary(r, today_));
  for (const auto& d : platform::documents_of(tx, "agreement", g.id)) docs.push_back(platform::document_json(d));
  return {{"id", g.id}, {"number", g.number}, {"application_id", g.application_id}, {"application_number", nullable(app.number)},
          {"title", app.title}, {"call_id", g.call_id}, {"call_code", call.code}, {"organisation_id", g.organisation_id},
          {"organisation_name", organisation_name(tx, g.organisation_id)},
          {"partner_authority_name", app.partner_authority_id ? bj::value(authority_name(tx, *app.partner_authority_id)) : bj::value(nullptr)},
          {"district", nullable(app.district)}, {"amount_minor", g.amount_minor}, {"currency", g.currency},
          {"starts_on", g.starts_on}, {"ends_on", g.ends_on}, {"status", g.status}, {"signed_on", nullable(g.signed_on)},
          {"signed_document_id", nullable(g.signed_document_id)}, {"reallocation_free_bp", call.reallocation_free_bp},
          {"paid_minor", paid}, {"reported_minor", reported}, {"approved_minor", approved},
          {"lines", std::move(lj)}, {"tranches", tranches_json(g, ts, reports)}, {"reports", std::move(rj)},
          {"amendments", amendments_json(tx, g.id)}, {"visits", platform::visits_of(tx, "agreement", g.id)}, {"documents", std::move(docs)},
          {"version", g.version}, {"created_at", g.created_at}};
}

bj::object report_json(store::Tx& tx, const Report& rep, const Agreement& g) {
  auto o = to_json(rep);
  auto covered = lines_of_report(lines_of(tx, g.id), rep);
  bj::array lines;
  for (const auto& l : covered) {
    auto it = std::find_if(rep.lines.begin(), rep.lines.end(), [&](const ReportLine& x) { return x.line_id == l.id; });
    auto j = line_json(l, it == rep.lines.end() ? 0 : it->spent_minor);
    j["variance_needs_justification"] = it != rep.lines.end() && variance_needs_justification(l.grant_minor, it->spent_minor);
    lines.push_back(std::move(j));
  }
  bj::array docs;
  for (const auto& d : platform::documents_of(tx, "report", rep.id)) docs.push_back(platform::document_json(d));
  o["budget_lines"] = std::move(lines);
  o["agreement_number"] = g.number;
  o["currency"] = g.currency;
  o["history"] = reviews_of(tx, rep.id);
  o["documents"] = std::move(docs);
  o["editable"] = (rep.status == "due" || rep.status == "returned") && g.status == "signed";
  return o;
}

bool is_grantee(const auth::Principal& me, const Agreement& g) {
  return policy::is_cso_staff(me) && me.organisation_id && *me.organisation_id == g.organisation_id;
}

// Money committed (agreements), disbursed (tranches paid) and reported (reports approved), by call,
// district and grantee, in each currency; and the reports overdue. Three aggregate queries and
// the grouping here; the answer is built on an arena (ADR 0006).
struct Sums {
  std::int64_t agreements = 0, committed = 0, disbursed = 0, reported = 0;
};

platform::Kind<Agreement> agreement_kind() {
  return {"No such grant agreement", "The agreement was changed by someone else", find_agreement, [](const Agreement& g) { return g.version; },
          [](const Agreement& g) { return platform::Subject{"agreement", g.id, g.number}; },
          [](store::Tx& tx, const Agreement& g) { return agreement_json(tx, g); }};
}

platform::Refusal<Agreement> agreement_refusal(const Caller& cl) {
  return [&cl](store::Tx& tx, const Agreement& g) { return agreement_read_refusal(tx, cl.me, g); };
}

bj::value agreement_audited(store::Tx& tx, const Agreement& g) { return agreement_json(tx, g); }

// A part of an agreement versioned by the agreement (a tranche, an amendment: If-Match carries the
// agreement's version), or on its own (a report, a visit).
template <class P>
struct Of {
  P part;
  Agreement g;
};

struct ReportOf {
  Report rep;
  Agreement g;
};

platform::Kind<ReportOf> report_kind() {
  return {"No such report", "The report was changed by someone else",
          [](store::Tx& tx, std::int64_t id) -> std::optional<ReportOf> {
            auto rep = find_report(tx, id);
            auto g = rep ? find_agreement(tx, rep->agreement_id) : std::nullopt;
            if (!g) return std::nullopt;
            return ReportOf{*rep, *g};
          },
          [](const ReportOf& x) { return x.rep.version; },
          [](const ReportOf& x) { return platform::Subject{"report", x.rep.id, x.g.number + " / " + std::to_string(x.rep.number)}; },
          [](store::Tx& tx, const ReportOf& x) { return report_json(tx, x.rep, x.g); }};
}

platform::Refusal<ReportOf> report_refusal(const Caller& cl) {
  return [&cl](store::Tx& tx, const ReportOf& x) { return agreement_refusal(cl)(tx, x.g); };
}

bj::value report_audited(store::Tx&, const ReportOf& x) { return to_json(x.rep); }
}  // namespace

// ------------------------------------------------------------------ agreements

// An award becomes a grant agreement: the awarded amount, the project's period, its budget (scaled
// to the award), a tranche schedule (the officer's, or 40% on signature and the rest after each
// report) and one report per period.
Written agreement_create(App& app, const Caller& cl, std::int64_t id, const json::object& body) {
  Validator v(body);
  v.only({"starts_on", "duration_months", "tranches"});
  auto starts = v.date("starts_on", Need::Optional);
  auto months = v.integer("duration_months", Need::Optional, 1, 120);
  Agreement g;
  std::vector<TrancheSpec> tranches;
  std::vector<ReportDue> schedule;
  Application a;
  Call c;
  return platform::create<Agreement>(
      *app.db, cl, v, agreement_kind(),
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             a = load_application(tx, id, cl.me);
             c = *find_call(tx, a.call_id);
             if (a.decision != "award" || !a.awarded_minor) throw Conflict(say("agreement_needs_award", "Only an awarded application becomes a grant agreement"));
             auto status = effective_status(c, now_iso());
             if (status != "decided" && status != "archived") throw Conflict(say("agreement_after_decision", "Agreements are made once the call is decided"));
             if (agreement_of_application(tx, id)) throw Conflict(say("agreement_exists", "This application already has a grant agreement"));
             g.application_id = a.id;
             g.call_id = c.id;
             g.organisation_id = a.organisation_id;
             g.amount_minor = *a.awarded_minor;
             g.currency = c.currency;
             g.starts_on = starts.value_or(a.starts_on.value_or(today()));
             int duration = static_cast<int>(months.value_or(a.duration_months.value_or(c.max_duration_months)));
             g.ends_on = add_days(add_months(g.starts_on, duration), -1);
             schedule = report_schedule(g.starts_on, duration, c.period_months, kReportDays);
             tranches = v.has("tranches") ? read_tranches(body, v, g.amount_minor) : default_tranches(g.amount_minor, static_cast<int>(schedule.size()));
             if (tranches.size() > schedule.size() + 1)
               v.add("tranches", "too_many", "At most " + std::to_string(schedule.size() + 1) + " tranches: each later one follows a report",
                     {{"max", std::to_string(schedule.size() + 1)}});
           },
       .insert =
           [&](store::Tx& tx) {
             g.number = next_agreement_number(tx, c);
             g.id = insert_agreement(tx, g, agreement_lines(a, g.amount_minor), tranches, schedule);
             notify(tx, grantee_staff(tx, g), "agreement_ready", "agreement", g.id, {{"number", g.number}});
             return g.id;
           },
       .audited = {}});
}

Written agreements_list(App& app, const Caller& cl, const AgreementQuery& q) {
  const auto& me = cl.me;
  AgreementFilter f;
  if (q.call_id) f.call_id = q.call_id;
  f.status = q.status;
  auto scope = list_scope(me, policy::reads_portfolio(me), say("agreements_restricted", "Agreements are read by the grantee, its partner authority and the programme's staff"));
  f.organisation_id = scope.organisation_id;
  f.authority_id = scope.authority_id;
  auto tx = app.db->read();
  // One query each for the money paid and the reports overdue, not one per agreement.
  auto paid = paid_by_agreement(tx);
  auto overdue = overdue_by_agreement(tx, today());
  auto codes = call_codes(tx);
  auto names = grantee_names(tx);
  bj::array items;
  for (const auto& g : list_agreements(tx, f))
    items.push_back({{"id", g.id}, {"number", g.number}, {"call_id", g.call_id}, {"call_code", codes[g.call_id]},
                     {"organisation_id", g.organisation_id}, {"organisation_name", names[g.organisation_id]},
                     {"amount_minor", g.amount_minor}, {"currency", g.currency}, {"starts_on", g.starts_on},
                     {"ends_on", g.ends_on}, {"status", g.status}, {"paid_minor", paid[g.id]},
                     {"overdue_reports", overdue[g.id]}, {"version", g.version}});
  return {bj::object{{"items", std::move(items)}}};
}

Written agreement_get(App& app, const Caller& cl, std::int64_t id) {
  auto tx = app.db->read();
  auto g = load_agreement(tx, id, cl.me);
  return {agreement_json(tx, g), g.version};
}

// The agreement for signing, in Romanian (the language of the contract), with every diacritic.
reports::Spreadsheet agreement_pdf(App& app, const Caller& cl, std::int64_t id) {
  auto tx = app.db->read();
  auto g = load_agreement(tx, id, cl.me);
  auto a = *find_application(tx, g.application_id);
  auto c = *find_call(tx, g.call_id);
  auto org = registry::find_organisation(tx, g.organisation_id);
  auto authority = a.partner_authority_id ? authority_name(tx, *a.partner_authority_id) : std::string();
  std::string district;
  if (a.district)
    if (auto u = registry::find_unit(tx, *a.district)) district = u->name;
  const Words ro("ro");  // the agreement's words and dates as written in Moldova (02.12.2026)
  reports::Pdf pdf("Acord de grant " + g.number, "Acord de grant " + g.number);
  pdf.title("Acord de grant nr. " + g.number);
  pdf.paragraph("încheiat în cadrul apelului „" + c.title.ro + "” (" + c.code + ")");
  pdf.heading("Părțile");
  pdf.key_values({{"Finanțatorul", "Fundația — administratorul programului de granturi"},
                  {"Beneficiarul", org ? org->name + " (IDNO " + org->idno + ")" : organisation_name(tx, g.organisation_id)},
                  {"Partenerul public", authority.empty() ? "—" : authority}});
  pdf.heading("Obiectul acordului");
  pdf.key_values({{"Proiectul", a.title},
                  {"Cererea", a.number.value_or("")},
                  {"Suma grantului", format_money(g.amount_minor, g.currency)},
                  {"Perioada", ro.date(g.starts_on) + " — " + ro.date(g.ends_on)},
                  {"Raionul", district.empty() ? "—" : district}});
  if (a.summary) pdf.paragraph(*a.summary);
  pdf.heading("Bugetul");
  std::vector<std::vector<std::string>> rows;
  std::int64_t tg = 0, tc = 0;
  for (const auto& l : lines_of(tx, g.id)) {
    rows.push_back({std::to_string(l.position), ro.code("budget_category", l.category), l.description, std::to_string(l.period),
                    format_money(l.grant_minor, ""), format_money(l.cofinancing_minor, "")});
    tg += l.grant_minor;
    tc += l.cofinancing_minor;
  }
  rows.push_back({"", "", "Total", "", format_money(tg, ""), format_money(tc, "")});
  pdf.table({"Nr.", "Categoria", "Descrierea", "Perioada", "Grant (" + g.currency + ")", "Cofinanțare (" + g.currency + ")"}, rows,
            {0.05, 0.17, 0.3, 0.12, 0.18, 0.18}, {false, false, false, true, true, true});
  pdf.heading("Tranșele");
  rows.clear();
  for (const auto& t : tranches_of(tx, g.id))
    rows.push_back({std::to_string(t.number), std::to_string(t.share_bp / 100) + "," + std::to_string(t.share_bp % 100 / 10) + "%",
                    format_money(t.amount_minor, g.currency),
                    t.condition == "signature" ? "la semnarea acordului"
                                               : "după aprobarea raportului perioadei " + std::to_string(t.number - 1),
                    ro.date(t.planned_on.value_or(""))});
  pdf.table({"Nr.", "Cota", "Suma", "Condiția", "Data planificată"}, rows, {0.07, 0.1, 0.23, 0.42, 0.18},
            {false, true, true, false, false});
  pdf.heading("Rapoartele");
  rows.clear();
  for (const auto& rep : reports_of(tx, g.id))
    rows.push_back({std::to_string(rep.number), rep.final ? "final (narativ și financiar)" : "intermediar (narativ și financiar)", ro.date(rep.due_on)});
  pdf.table({"Nr.", "Tipul", "Termenul"}, rows, {0.1, 0.6, 0.3});
  pdf.heading("Condiții");
  pdf.paragraph("Beneficiarul folosește grantul numai pentru activitățile și liniile de buget de mai sus. O abatere de peste 10% "
                "pe o linie se justifică în raportul financiar. Realocările între linii de până la " +
                std::to_string(c.reallocation_free_bp / 100) +
                "% din grant se fac fără aprobare prealabilă; cele mai mari și orice schimbare a perioadei se fac prin amendament aprobat.");
  pdf.paragraph("Fiecare tranșă, în afară de prima, se plătește după aprobarea raportului perioadei precedente. Finanțatorul poate "
                "efectua vizite de monitorizare și poate cere documentele justificative ale cheltuielilor.");
  pdf.signatures({"Pentru Finanțator", "Pentru Beneficiar", authority.empty() ? "Partenerul public" : "Pentru " + authority});
  return {"acord-" + g.number + ".pdf", pdf.finish()};
}


// The signed copy is attached: the agreement is signed and its first tranche becomes due. The file
// is stored once the upload's checks pass (type, size) and before the transaction; a refused
// signature leaves at most an unreferenced file, never a row without one.
Written agreement_sign(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const std::string& signed_on, std::string_view file,
                       std::string_view filename) {
  if (!signed_on.empty() && !valid_date(signed_on)) throw Invalid({{"signed_on", "invalid_date", "Must be a date YYYY-MM-DD"}});
  json::object none;
  Validator v(none);
  platform::Document d;
  return platform::change<Agreement>(
      *app.db, cl, id, version, v, agreement_kind(),
      {.action = "sign",
       .refuse = agreement_refusal(cl),
       .check =
           [&](store::Tx&, const Agreement& g, Validator&) {
             if (g.status != "draft") throw Conflict(say("agreement_already_signed", "The agreement is already signed"));
             d = platform::store_document_file(app, file, filename);
           },
       .apply =
           [&](store::Tx& tx, const Agreement& before) {
             auto g = before;
             d.kind = "signed_agreement";
             d.id = platform::insert_document(tx, "agreement", id, d, cl.me.user_id);
             g.status = "signed";
             g.signed_on = signed_on.empty() ? today() : signed_on;
             g.signed_document_id = d.id;
             if (!update_agreement(tx, g, before.version)) return false;
             tally_signature(tx, g.id, *g.signed_on);
             notify(tx, grantee_staff(tx, g), "agreement_signed", "agreement", id, {{"number", g.number}});
             announce(tx, "agreement.signed", g, {{"signed_on", *g.signed_on}, {"amount_minor", g.amount_minor}, {"currency", g.currency}});
             notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "tranche_due", "agreement", id,
                    {{"number", g.number}, {"tranche", 1}});
             return true;
           },
       .before = agreement_audited,
       .after = {}});
}

// ------------------------------------------------------------------ tranches

platform::Kind<Of<Tranche>> tranche_kind() {
  return {"No such tranche", "The agreement was changed since you read it: reload it",
          [](store::Tx& tx, std::int64_t id) -> std::optional<Of<Tranche>> {
            auto t = find_tranche(tx, id);
            auto g = t ? find_agreement(tx, t->agreement_id) : std::nullopt;
            if (!g) return std::nullopt;
            return Of<Tranche>{*t, *g};
          },
          [](const Of<Tranche>& x) { return x.g.version; },
          [](const Of<Tranche>& x) { return platform::Subject{"tranche", x.part.id, x.g.number + " #" + std::to_string(x.part.number)}; },
          [](store::Tx& tx, const Of<Tranche>& x) { return agreement_json(tx, x.g); }};
}

// Recorded against the agreement's version, as the officer read it.
Written tranche_pay(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"paid_on", "paid_minor", "payment_ref"});
  auto paid_on = v.date("paid_on", Need::Required);
  auto amount = v.integer("paid_minor", Need::Required, 1, kMaxMinor);
  auto ref = v.text("payment_ref", Need::Optional, 100);
  v.finish();
  return platform::change<Of<Tranche>>(
      *app.db, cl, id, version, v, tranche_kind(),
      {.action = "pay",
       .refuse = [&](store::Tx& tx, const Of<Tranche>& x) { return agreement_refusal(cl)(tx, x.g); },
       .check =
           [&](store::Tx& tx, const Of<Tranche>& x, Validator&) {
             const auto& g = x.g;
             const auto& t = x.part;
             std::optional<std::string> prev;
             for (const auto& rep : reports_of(tx, g.id))
               if (rep.number == t.number - 1) prev = rep.status;
             if (auto why = tranche_error(g, t, prev)) throw Conflict(*why);
             if (*amount != t.amount_minor)
               throw Invalid({{"paid_minor", "not_tranche_amount",
                               "Tranche " + std::to_string(t.number) + " is " + format_money(t.amount_minor, g.currency),
                               {{"number", std::to_string(t.number)}, {"amount", format_money(t.amount_minor, g.currency)}}}});
             if (*paid_on > today()) throw Invalid({{"paid_on", "in_future", "A payment is recorded once made"}});
             if (g.signed_on && *paid_on < *g.signed_on)
               throw Invalid({{"paid_on", "before_signature", "Before the agreement was signed (" + *g.signed_on + ")", {{"date", *g.signed_on}}}});
           },
       .apply =
           [&](store::Tx& tx, const Of<Tranche>& x) {
             auto t = x.part;
             t.paid_on = paid_on;
             t.paid_minor = amount;
             t.payment_ref = ref;
             if (!touch_agreement(tx, x.g.id, x.g.version)) return false;
             record_payment(tx, t, cl.me.user_id);
             tally_payment(tx, x.g.id, *paid_on, *amount);
             platform::clear(tx, "agreement", x.g.id, {"tranche_due"});
             notify(tx, grantee_staff(tx, x.g), "tranche_paid", "agreement", x.g.id,
                    {{"number", x.g.number}, {"tranche", t.number}, {"amount_minor", *amount}, {"currency", x.g.currency}});
             announce(tx, "tranche.paid", x.g, {{"tranche", t.number}, {"paid_on", *paid_on}, {"amount_minor", *amount}, {"currency", x.g.currency}});
             return true;
           },
       .before = {},
       .after =
           [&](store::Tx&, const Of<Tranche>& x) {
             return bj::value(bj::object{{"agreement", x.g.number}, {"tranche", x.part.number}, {"paid_on", *paid_on}, {"paid_minor", *amount}});
           }});
}

// What the officer has to pay now: unpaid tranches whose condition is met, in one query.
Written tranches_due(App& app, const Caller& cl) {
  if (!reads_all(cl.me)) throw Forbidden(say("payments_officers_only", "Payments are the programme officers' work"));
  auto tx = app.db->read();
  return {bj::object{{"items", payable_tranches(tx)}}};
}

// The officer's queues, each whole (a programme's queues hold tens to hundreds of items), oldest
// first, of one call or all: reports waiting for review, tranches payable, evaluations outstanding and
// reports overdue; the calls, for the filter.
Written queues(App& app, const Caller& cl, std::int64_t call) {
  if (!reads_all(cl.me)) throw Forbidden(say("queues_officers_only", "The queues are the programme officers' work"));
  auto tx = app.db->read();
  auto today_ = today();
  bj::array overdue;
  for (const auto& x : overdue_reports(tx, today_, call))
    overdue.push_back({{"report_id", x.report_id}, {"number", x.number}, {"due_on", x.due_on}, {"status", x.status},
                       {"agreement_id", x.agreement_id}, {"agreement_number", x.agreement_number}, {"organisation_name", x.grantee},
                       {"call_id", x.call_id}, {"call_code", x.call_code}, {"days_overdue", days_between(x.due_on, today_)}});
  bj::array calls;
  for (const auto& [id, code] : call_codes(tx)) calls.push_back({{"id", id}, {"code", code}});
  return {bj::object{{"call_id", call ? bj::value(call) : bj::value(nullptr)},
                     {"calls", std::move(calls)},
                     {"reports_to_review", reports_to_review(tx, call)},
                     {"tranches_payable", payable_tranches(tx, call)},
                     {"evaluations_outstanding", evaluations_outstanding(tx, call)},
                     {"reports_overdue", std::move(overdue)}}};
}

// The payment schedule: every tranche of every agreement (of a call), paid or not.
Spreadsheet payments_xlsx(App& app, const Caller& cl, const Words& w, std::int64_t call) {
  if (!policy::reads_portfolio(cl.me)) throw Forbidden(say("payments_staff_only", "The payment schedule is read by the programme's staff"));
  auto tx = app.db->read();
  using reports::Cell;
  std::vector<std::vector<Cell>> rows;
  for (const auto& x : payment_schedule(tx, call)) {
    const char* state = x.paid_on                                                                  ? "paid"
                        : x.agreement_status != "signed"                                           ? "awaiting_signature"
                        : (x.condition == "signature" || x.previous_report_status == "approved") ? "payable"
                                                                                                   : "awaiting_report";
    rows.push_back({Cell::of(x.call_code), Cell::of(x.agreement_number), Cell::of(x.grantee), Cell::num(static_cast<double>(x.tranche)),
                    Cell::share_bp(x.share_bp), Cell::money(x.amount_minor), Cell::of(x.currency),
                    Cell::of(w.code("tranche_condition", x.condition)), Cell::date(x.planned_on),
                    Cell::of(w.code("sheet.payments.state", state)), Cell::date(x.paid_on), Cell::money(x.paid_minor),
                    Cell::of(x.payment_ref.value_or(""))});
  }
  return {"payment-schedule",
          reports::xlsx_table(w, w.tr("sheet.payments.title"),
                              reports::headers(w, "sheet.payments",
                                               {"call", "agreement", "grantee", "tranche", "share", "amount", "currency", "condition",
                                                "planned_on", "state_header", "paid_on", "paid", "reference"}),
                              rows)};
}

// ------------------------------------------------------------------ reports

Written report_get(App& app, const Caller& cl, std::int64_t id) {
  auto tx = app.db->read();
  auto x = report_kind().find(tx, id);
  if (!x) throw NotFound(say("not_found", "No such report"));
  if (auto why = report_refusal(cl)(tx, *x)) throw Forbidden(*why);
  return {report_json(tx, x->rep, x->g), x->rep.version};
}

// The grantee writes its report (saved as often as needed), then submits it.
Written report_write(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"narrative", "lines", "submit"});
  auto submit = v.boolean("submit", Need::Optional).value_or(false);
  Report rep;
  return platform::change<ReportOf>(
      *app.db, cl, id, version, v, report_kind(),
      {.action = submit ? "submit" : "update",
       .refuse =
           [&](store::Tx& tx, const ReportOf& x) -> std::optional<Say> {
             if (auto why = report_refusal(cl)(tx, x)) return why;
             if (!is_grantee(cl.me, x.g)) return say("grantee_writes_reports", "Only the grantee's staff write its reports");
             return std::nullopt;
           },
       .check =
           [&](store::Tx& tx, const ReportOf& x, Validator& v) {
             if (x.g.status != "signed") throw Conflict(say("report_needs_signed_agreement", "Reports are written for a signed agreement in progress"));
             if (x.rep.status != "due" && x.rep.status != "returned")
               throw Conflict(say("report_frozen", "The report is {status}: it can no longer be changed", {{"status", x.rep.status}}));
             // Reports follow one another: the previous one must be submitted first.
             for (const auto& p : reports_of(tx, x.g.id))
               if (submit && p.number < x.rep.number && (p.status == "due" || p.status == "returned"))
                 throw Conflict(say("earlier_report_first", "Submit the report of period {period} first", {{"period", std::to_string(p.number)}}));
             rep = x.rep;
             read_report(v, rep, lines_of_report(lines_of(tx, x.g.id), rep), submit);
             if (submit) {
               rep.status = "submitted";
               rep.submitted_at = now_iso();
             }
           },
       .apply =
           [&](store::Tx& tx, const ReportOf& x) {
             if (!update_report(tx, rep, x.rep.version)) return false;
             if (submit) {
               insert_review(tx, id, "submitted", std::nullopt, cl.me.user_id);
               platform::clear(tx, "report", id, {"report_due", "report_overdue", "report_returned"});
               notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "report_submitted", "report", id,
                      {{"number", x.g.number}, {"report", rep.number}});
               announce(tx, "report.submitted", x.g, {{"report_id", id}, {"report", rep.number}});
             }
             return true;
           },
       .before = report_audited,
       .after = report_audited});
}

// The officer approves a submitted report (the next tranche becomes payable) or returns it with comments.
Written report_review(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"action", "comments"});
  auto action = v.one_of("action", Need::Required, {"approve", "return"});
  auto comments = v.text("comments", action == "return" ? Need::Required : Need::Optional, 4000, true);
  v.finish();
  bool approve = action == "approve";
  return platform::change<ReportOf>(
      *app.db, cl, id, version, v, report_kind(),
      {.action = approve ? "approve" : "return",
       .refuse = report_refusal(cl),
       .check =
           [&](store::Tx&, const ReportOf& x, Validator&) {
             if (x.rep.status != "submitted") throw Conflict(say("review_needs_submitted", "Only a submitted report is reviewed (now: {status})", {{"status", x.rep.status}}));
           },
       .apply =
           [&](store::Tx& tx, const ReportOf& x) {
             auto rep = x.rep;
             rep.status = approve ? "approved" : "returned";
             if (approve) rep.approved_at = now_iso();
             if (!update_report(tx, rep, x.rep.version)) return false;
             insert_review(tx, id, approve ? "approved" : "returned", comments, cl.me.user_id);
             platform::clear(tx, "report", id, {"report_submitted"});
             notify(tx, grantee_staff(tx, x.g), approve ? "report_approved" : "report_returned", "report", id,
                    {{"number", x.g.number}, {"report", rep.number}});
             announce(tx, approve ? "report.approved" : "report.returned", x.g, {{"report_id", id}, {"report", rep.number}});
             if (!approve) return true;
             for (const auto& t : tranches_of(tx, x.g.id))
               if (t.number == rep.number + 1 && !t.paid_on)
                 notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "tranche_due", "agreement", x.g.id,
                        {{"number", x.g.number}, {"tranche", t.number}});
             // The final report approved and every tranche paid: the agreement is complete.
             if (rep.final) {
               bool all_paid = true;
               for (const auto& t : tranches_of(tx, x.g.id)) all_paid = all_paid && t.paid_on.has_value();
               if (all_paid) {
                 auto g = x.g;
                 g.status = "completed";
                 update_agreement(tx, g, g.version);
               }
             }
             return true;
           },
       .before = report_audited,
       .after = report_audited});
}

Written report_document_add(App& app, const Caller& cl, std::int64_t id, std::string_view file, std::string_view filename) {
  return platform::upload_document<ReportOf>(
      app, cl, "report", id, report_kind(),
      [&](store::Tx& tx, const ReportOf& x) -> std::optional<Say> {
        if (auto why = report_refusal(cl)(tx, x)) return why;
        if (!is_grantee(cl.me, x.g)) return say("grantee_attaches", "Only the grantee's staff attach supporting documents");
        return std::nullopt;
      },
      [](store::Tx&, const ReportOf& x) -> std::string {
        if (x.rep.status != "due" && x.rep.status != "returned")
          throw Conflict(say("report_attach_frozen", "The report is {status}: nothing can be attached", {{"status", x.rep.status}}));
        return "supporting";
      },
      file, filename);
}

// ------------------------------------------------------------------ amendments

// A change of period, or budget moved between lines. A reallocation up to the call's free share is
// applied at once; anything more, and every change of period, waits for the officer's approval.
Written amendment_request(App& app, const Caller& cl, std::int64_t id, const json::object& body) {
  Validator v(body);
  v.only({"kind", "reason", "ends_on", "lines"});
  auto kind = v.one_of("kind", Need::Required, {"period", "budget"});
  auto reason = v.text("reason", Need::Required, 4000, true);
  auto ends_on = v.date("ends_on", kind == "period" ? Need::Required : Need::Optional);
  std::vector<AgreementLine> lines;
  std::vector<std::int64_t> before, after;
  AgreementAmendment m;
  auto w = platform::add<Agreement>(
      *app.db, cl, id, v, agreement_kind(),
      {.action = "request_amendment",
       .refuse =
           [&](store::Tx& tx, const Agreement& g) -> std::optional<Say> {
             if (auto why = agreement_refusal(cl)(tx, g)) return why;
             if (!is_grantee(cl.me, g) && !is_staff(cl.me)) return say("amendment_askers", "Amendments are asked for by the grantee or the programme's staff");
             return std::nullopt;
           },
       .check =
           [&](store::Tx& tx, const Agreement& g, Validator& v) {
             if (g.status != "signed") throw Conflict(say("amendment_needs_signed_agreement", "Only a signed agreement in progress is amended"));
             if (has_pending_amendment(tx, id)) throw Conflict(say("amendment_pending", "An earlier amendment is still waiting for a decision"));
             lines = lines_of(tx, id);
             if (kind == "budget") {
               for (const auto& l : lines) before.push_back(l.grant_minor);
               after = before;
               v.each_object("lines", Need::Required, 500, [&](Validator& lv, std::size_t) {
                 lv.only({"line_id", "grant_minor"});
                 auto lid = lv.integer("line_id", Need::Required, 1, INT64_MAX);
                 auto amount = lv.integer("grant_minor", Need::Required, 0, kMaxMinor);
                 auto it = std::find_if(lines.begin(), lines.end(), [&](const AgreementLine& l) { return lid && l.id == *lid; });
                 if (lid && it == lines.end()) lv.add("line_id", "not_found", "No such line in this agreement");
                 else if (lid && amount) after[static_cast<std::size_t>(it - lines.begin())] = *amount;
               });
               std::int64_t total = 0;
               for (auto x : after) total += x;
               if (v.ok() && total != g.amount_minor)
                 v.add("lines", "total_changed",
                       "A reallocation keeps the grant at " + format_money(g.amount_minor, g.currency) + " (now " + format_money(total, g.currency) + ")");
               if (v.ok() && after == before) v.add("lines", "no_change", "Nothing is moved");
             } else if (ends_on && *ends_on <= g.starts_on) {
               v.add("ends_on", "before_start", "The project ends after it starts (" + g.starts_on + ")", {{"date", g.starts_on}});
             }
           },
       .insert =
           [&](store::Tx& tx, const Agreement& g) {
             auto c = *find_call(tx, g.call_id);
             m.agreement_id = id;
             m.kind = kind.value_or("");
             m.reason = reason.value_or("");
             bj::object changes;
             if (m.kind == "budget") {
               bj::array moved;
               for (std::size_t i = 0; i < lines.size(); ++i)
                 if (before[i] != after[i])
                   moved.push_back({{"line_id", lines[i].id}, {"description", lines[i].description}, {"before", before[i]}, {"after", after[i]}});
               changes["lines"] = std::move(moved);
               m.share_bp = reallocation_share_bp(before, after);
               m.status = m.share_bp <= c.reallocation_free_bp ? "applied" : "pending";
             } else {
               changes["ends_on"] = {{"before", g.ends_on}, {"after", *ends_on}};
               m.status = "pending";
             }
             m.changes_json = bj::serialize(changes);
             auto mid = insert_agreement_amendment(tx, m, cl.me.user_id);
             if (m.status == "applied")
               for (std::size_t i = 0; i < lines.size(); ++i)
                 if (before[i] != after[i]) update_line_grant(tx, lines[i].id, after[i]);
             touch_agreement(tx, id);
             if (m.status == "pending")
               notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "amendment_requested", "agreement", id,
                      {{"number", g.number}, {"kind", m.kind}});
             auto stored = *find_agreement(tx, id);
             auto out = agreement_json(tx, stored);
             out["amendment"] = {{"id", mid}, {"status", m.status}, {"share_bp", m.share_bp}};
             return platform::Added{{std::move(out), stored.version, 201}, std::move(changes),
                                    m.status == "applied" ? "amend" : "request_amendment"};
           }});
  return w;
}

platform::Kind<Of<AgreementAmendment>> amendment_kind() {
  return {"No such amendment", "The agreement was changed since you read it: reload it",
          [](store::Tx& tx, std::int64_t id) -> std::optional<Of<AgreementAmendment>> {
            auto m = find_agreement_amendment(tx, id);
            auto g = m ? find_agreement(tx, m->agreement_id) : std::nullopt;
            if (!g) return std::nullopt;
            return Of<AgreementAmendment>{*m, *g};
          },
          [](const Of<AgreementAmendment>& x) { return x.g.version; },
          [](const Of<AgreementAmendment>& x) {
            return platform::Subject{"agreement", x.g.id, x.g.number + " amendment " + std::to_string(x.part.number)};
          },
          [](store::Tx& tx, const Of<AgreementAmendment>& x) { return agreement_json(tx, *find_agreement(tx, x.g.id)); }};
}

Written amendment_decide(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"approve", "comments"});
  auto approve = v.boolean("approve", Need::Required);
  auto comments = v.text("comments", approve == false ? Need::Required : Need::Optional, 4000, true);
  v.finish();
  return platform::change<Of<AgreementAmendment>>(
      *app.db, cl, id, version, v, amendment_kind(),
      {.action = *approve ? "approve_amendment" : "reject_amendment",
       .refuse = [&](store::Tx& tx, const Of<AgreementAmendment>& x) { return agreement_refusal(cl)(tx, x.g); },
       .check =
           [&](store::Tx&, const Of<AgreementAmendment>& x, Validator&) {
             if (x.part.status != "pending") throw Conflict(say("amendment_decided", "The amendment is already {status}", {{"status", x.part.status}}));
           },
       .apply =
           [&](store::Tx& tx, const Of<AgreementAmendment>& x) {
             auto g = x.g;
             auto changes = bj::parse(x.part.changes_json).as_object();
             if (!touch_agreement(tx, g.id, g.version)) return false;
             ++g.version;
             if (*approve) {
               if (x.part.kind == "budget") {
                 for (const auto& c : changes.at("lines").as_array()) update_line_grant(tx, c.at("line_id").as_int64(), c.at("after").as_int64());
               } else {
                 g.ends_on = std::string(changes.at("ends_on").at("after").as_string());
                 if (!update_agreement(tx, g, g.version)) return false;
                 // The final report follows the new end.
                 for (auto rep : reports_of(tx, g.id))
                   if (rep.final) {
                     rep.due_on = add_days(g.ends_on, kReportDays);
                     update_report(tx, rep, rep.version);
                   }
               }
             }
             decide_agreement_amendment(tx, id, *approve ? "approved" : "rejected", cl.me.user_id);
             notify(tx, grantee_staff(tx, g), "amendment_decided", "agreement", g.id,
                    {{"number", g.number}, {"approved", *approve}, {"comments", nullable(comments)}});
             return true;
           },
       .before = {},
       .after = [](store::Tx&, const Of<AgreementAmendment>& x) { return bj::parse(x.part.changes_json); }});
}

// ------------------------------------------------------------------ monitoring visits

// The platform's visits (platform/visits.hpp), to an agreement: by whom the policy says, to an
// agreement they read, once it is signed.
std::optional<Say> visit_refusal(const auth::Principal& me, store::Tx& tx, const Agreement& g) {
  if (auto why = agreement_read_refusal(tx, me, g)) return why;
  return policy::agreement_visit_refusal(me);
}

Written visit_add(App& app, const Caller& cl, std::int64_t id, const json::object& body) {
  Validator v(body);
  auto visit = platform::read_new_visit(v);
  v.finish();
  return platform::add<Agreement>(
      *app.db, cl, id, v, agreement_kind(),
      {.action = "visit",
       .refuse = [&](store::Tx& tx, const Agreement& g) { return visit_refusal(cl.me, tx, g); },
       .check =
           [&](store::Tx&, const Agreement& g, Validator&) {
             if (g.status == "draft") throw Conflict(say("visit_needs_signed_agreement", "Visits are recorded for a signed agreement"));
           },
       .insert =
           [&](store::Tx& tx, const Agreement& g) {
             return platform::record_visit(tx, "agreement", id, visit, cl.me.user_id, grantee_staff(tx, g), g.number);
           }});
}

void register_visit_owner() {
  platform::register_visit_owner("agreement", {[](const auth::Principal& me, store::Tx& tx, std::int64_t id) -> std::optional<Say> {
                                                 auto g = find_agreement(tx, id);
                                                 if (!g) return say("not_found", "No such grant agreement");
                                                 return visit_refusal(me, tx, *g);
                                               },
                                               [](store::Tx& tx, std::int64_t id) {
                                                 auto g = find_agreement(tx, id);
                                                 return g ? g->number : std::string();
                                               },
                                               "agreement_id"});
}

// ------------------------------------------------------------------ portfolio

std::string portfolio_text(App& app, const Caller& cl, std::int64_t call) {
  if (!policy::reads_portfolio(cl.me)) throw Forbidden(say("portfolio_staff_only", "The portfolio is read by the programme's staff"));
  auto tx = app.db->read();
  auto paid = paid_by_agreement(tx);
  auto approved = approved_by_agreement(tx);
  using Key = std::pair<std::string, std::string>;  // (group, currency)
  std::map<std::string, Sums> totals;
  std::map<Key, Sums> by_call, by_district, by_grantee;
  std::map<std::string, std::string> grantee_names;
  for (const auto& row : portfolio_rows(tx, call)) {
    auto id = row.agreement_id;
    const auto& cur = row.currency;
    auto add = [&](Sums& s) {
      ++s.agreements;
      s.committed += row.amount_minor;
      s.disbursed += paid[id];
      s.reported += approved[id];
    };
    add(totals[cur]);
    add(by_call[{std::to_string(row.call_id), cur}]);
    add(by_district[{row.district, cur}]);
    auto org = std::to_string(row.organisation_id);
    add(by_grantee[{org, cur}]);
    grantee_names.emplace(org, row.grantee);
  }
  std::map<std::string, std::pair<std::string, std::string>> calls;  // id → (code, title JSON)
  std::map<std::string, std::int64_t> envelopes;
  for (const auto& [id, s] : call_summaries(tx)) {
    calls[std::to_string(id)] = {s.code, s.title_json};
    envelopes[std::to_string(id)] = s.envelope_minor;
  }
  std::map<std::string, std::string> districts;
  for (const auto& u : registry::list_units(tx, 2, std::nullopt)) districts[u.code] = u.name;
  bj::monotonic_resource arena(32 * 1024);
  bj::storage_ptr sp(&arena);
  auto money = [&](const std::string& currency, const Sums& s) {
    bj::object o(sp);
    o.reserve(9);
    o["currency"] = currency;
    o["agreements"] = s.agreements;
    o["committed_minor"] = s.committed;
    o["disbursed_minor"] = s.disbursed;
    o["reported_minor"] = s.reported;
    return o;
  };
  // Largest commitment first.
  auto sorted = [](const std::map<Key, Sums>& m) {
    std::vector<std::pair<Key, Sums>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second.committed > b.second.committed; });
    return v;
  };
  bj::array tj(sp), cj(sp), dj(sp), gj(sp), oj(sp);
  for (const auto& [cur, s] : totals) tj.push_back(money(cur, s));
  for (const auto& [k, s] : sorted(by_call)) {
    auto o = money(k.second, s);
    o["call_id"] = std::stoll(k.first);
    o["code"] = calls[k.first].first;
    o["title"] = bj::parse(calls[k.first].second, sp);
    o["envelope_minor"] = envelopes[k.first];
    cj.push_back(std::move(o));
  }
  for (const auto& [k, s] : sorted(by_district)) {
    auto o = money(k.second, s);
    o["district"] = k.first;
    o["name"] = districts[k.first];
    dj.push_back(std::move(o));
  }
  for (const auto& [k, s] : sorted(by_grantee)) {
    auto o = money(k.second, s);
    o["organisation_id"] = std::stoll(k.first);
    o["name"] = grantee_names[k.first];
    gj.push_back(std::move(o));
  }
  {
    auto today_ = today();
    for (const auto& x : overdue_reports(tx, today_, call))
      oj.push_back(bj::object({{"report_id", x.report_id}, {"number", x.number}, {"due_on", x.due_on}, {"status", x.status},
                               {"agreement_id", x.agreement_id}, {"agreement_number", x.agreement_number}, {"organisation_name", x.grantee},
                               {"call_id", x.call_id}, {"days_overdue", days_between(x.due_on, today_)}},
                              sp));
  }
  bj::object out(sp);
  out["call_id"] = call ? bj::value(call) : bj::value(nullptr);
  out["totals"] = std::move(tj);
  out["by_call"] = std::move(cj);
  out["by_district"] = std::move(dj);
  out["by_grantee"] = std::move(gj);
  out["overdue_reports"] = std::move(oj);
  return bj::serialize(out);
}

void register_agreement_documents() {
  auto agreement_reader = [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
    auto g = find_agreement(tx, id);
    return g && may_read_agreement(tx, p, *g);
  };
  platform::register_document_owner("agreement", {agreement_reader, [](const auth::Principal&, store::Tx&, std::int64_t) { return false; },
                                                  [](store::Tx&, std::int64_t) {}});
  platform::register_document_owner("report",
                                    {[agreement_reader](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
                                       auto rep = find_report(tx, id);
                                       return rep && agreement_reader(p, tx, rep->agreement_id);
                                     },
                                     [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
                                       auto rep = find_report(tx, id);
                                       if (!rep || (rep->status != "due" && rep->status != "returned")) return false;
                                       auto g = find_agreement(tx, rep->agreement_id);
                                       return g && is_grantee(p, *g);
                                     },
                                     [](store::Tx& tx, std::int64_t id) { tx.exec("UPDATE grant_reports SET version = version + 1 WHERE id = $1", {id}); }});
}
}  // namespace sp::grants
