// HTTP for grant agreements: creation from an award, the PDF for signing and the signed copy,
// tranches and their payment, reports and their review, amendments, monitoring visits, the
// portfolio overview and the payment schedule export.
#include <boost/json.hpp>

#include "audit/routes.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "http/respond.hpp"
#include "modules/grants/access.hpp"
#include "platform/policy.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/routes.hpp"
#include "modules/grants/rules.hpp"
#include "modules/registry/documents.hpp"
#include "modules/registry/repo.hpp"
#include "modules/registry/rules.hpp"
#include "reports/pdf.hpp"
#include "reports/xlsx.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;
using http::Request;
using http::Response;
using http::with_etag;

// Reports are due this many days after their period ends.
constexpr int kReportDays = 30;

std::vector<std::int64_t> grantee_staff(store::Tx& tx, const Agreement& g) { return users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), g.organisation_id); }

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
                   {"payable", why.empty()}, {"blocked_reason", t.paid_on || why.empty() ? bj::value(nullptr) : bj::value(why)}});
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
  for (const auto& d : registry::documents_of(tx, "agreement", g.id)) docs.push_back(registry::to_json(d));
  return {{"id", g.id}, {"number", g.number}, {"application_id", g.application_id}, {"application_number", nullable(app.number)},
          {"title", app.title}, {"call_id", g.call_id}, {"call_code", call.code}, {"organisation_id", g.organisation_id},
          {"organisation_name", organisation_name(tx, g.organisation_id)},
          {"partner_authority_name", app.partner_authority_id ? bj::value(authority_name(tx, *app.partner_authority_id)) : bj::value(nullptr)},
          {"district", nullable(app.district)}, {"amount_minor", g.amount_minor}, {"currency", g.currency},
          {"starts_on", g.starts_on}, {"ends_on", g.ends_on}, {"status", g.status}, {"signed_on", nullable(g.signed_on)},
          {"signed_document_id", nullable(g.signed_document_id)}, {"reallocation_free_bp", call.reallocation_free_bp},
          {"paid_minor", paid}, {"reported_minor", reported}, {"approved_minor", approved},
          {"lines", std::move(lj)}, {"tranches", tranches_json(g, ts, reports)}, {"reports", std::move(rj)},
          {"amendments", amendments_json(tx, g.id)}, {"visits", visits_json(tx, g.id)}, {"documents", std::move(docs)},
          {"version", g.version}, {"created_at", g.created_at}};
}

// ------------------------------------------------------------------ agreements

// Budget categories as the Romanian agreement names them.
std::string category_ro(const std::string& code) {
  static const std::map<std::string, std::string> names = {{"staff", "Personal"},       {"operating", "Costuri operaționale"},
                                                           {"equipment", "Echipament"}, {"travel", "Deplasări"},
                                                           {"training", "Instruire"},   {"other", "Alte costuri"}};
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

// An award becomes a grant agreement: the awarded amount, the project's period, its budget (scaled
// to the award), a tranche schedule (the officer's, or 40% on signature and the rest after each
// report) and one report per period.
Response create_agreement(App& app, Request& r) {
  auto id = r.id();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"starts_on", "duration_months", "tranches"});
  auto starts = v.date("starts_on", Need::Optional);
  auto months = v.integer("duration_months", Need::Optional, 1, 120);
  auto tx = app.db->write();
  auto a = load_application(tx, id, r.me());
  auto c = *find_call(tx, a.call_id);
  if (a.decision != "award" || !a.awarded_minor) throw Conflict("Only an awarded application becomes a grant agreement");
  auto status = effective_status(c, now_iso());
  if (status != "decided" && status != "archived") throw Conflict("Agreements are made once the call is decided");
  if (agreement_of_application(tx, id)) throw Conflict("This application already has a grant agreement");
  Agreement g;
  g.application_id = a.id;
  g.call_id = c.id;
  g.organisation_id = a.organisation_id;
  g.amount_minor = *a.awarded_minor;
  g.currency = c.currency;
  g.starts_on = starts.value_or(a.starts_on.value_or(today()));
  int duration = static_cast<int>(months.value_or(a.duration_months.value_or(c.max_duration_months)));
  g.ends_on = add_days(add_months(g.starts_on, duration), -1);
  auto schedule = report_schedule(g.starts_on, duration, c.period_months, kReportDays);
  auto tranches = v.has("tranches") ? read_tranches(body, v, g.amount_minor)
                                    : default_tranches(g.amount_minor, static_cast<int>(schedule.size()));
  if (tranches.size() > schedule.size() + 1)
    v.add("tranches", "too_many", "At most " + std::to_string(schedule.size() + 1) + " tranches: each later one follows a report");
  v.finish();
  g.number = next_agreement_number(tx, c);
  g.id = insert_agreement(tx, g, agreement_lines(a, g.amount_minor), tranches, schedule);
  auto out = agreement_json(tx, *find_agreement(tx, g.id));
  notify(tx, grantee_staff(tx, g), "agreement_ready", "agreement", g.id, {{"number", g.number}});
  audit::record(tx, audit::actor_of(r), "create", "agreement", g.id, nullptr, out, g.number);
  tx.commit();
  return with_etag(out, 201);
}

Response list_agreements_route(App& app, Request& r) {
  const auto& me = r.me();
  AgreementFilter f;
  if (auto call = query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX)) f.call_id = call;
  f.status = http::query_in(r, "status", {"draft", "signed", "completed", "terminated"});
  if (policy::is_cso_staff(me)) {
    if (!me.organisation_id) throw Forbidden("Your account is not linked to an organisation");
    f.organisation_id = me.organisation_id;
  } else if (policy::is_authority_staff(me)) {
    if (!me.authority_id) throw Forbidden("Your account is not linked to an authority");
    f.authority_id = me.authority_id;
  } else if (!policy::reads_portfolio(me)) {
    throw Forbidden("Agreements are read by the grantee, its partner authority and the programme's staff");
  }
  auto tx = app.db->read();
  auto today_ = today();
  // One query each for the money paid and the reports overdue, not one per agreement.
  std::map<std::int64_t, std::int64_t> paid, overdue;
  {
    auto c = tx.query("SELECT agreement_id, SUM(paid_minor) FROM tranches WHERE paid_on IS NOT NULL GROUP BY agreement_id");
    while (c->next()) paid[c->i64(0)] = c->i64(1);
  }
  {
    auto c = tx.query("SELECT agreement_id, COUNT(*) FROM grant_reports WHERE status IN ('due', 'returned') AND due_on < $1 "
                      "GROUP BY agreement_id", {today_});
    while (c->next()) overdue[c->i64(0)] = c->i64(1);
  }
  std::map<std::int64_t, std::string> codes, names;
  {
    auto c = tx.query("SELECT id, code FROM grant_calls");
    while (c->next()) codes[c->i64(0)] = c->str(1);
    auto o = tx.query("SELECT DISTINCT o.id, o.name FROM organisations o JOIN grant_agreements g ON g.organisation_id = o.id");
    while (o->next()) names[o->i64(0)] = o->str(1);
  }
  bj::array items;
  for (const auto& g : list_agreements(tx, f))
    items.push_back({{"id", g.id}, {"number", g.number}, {"call_id", g.call_id}, {"call_code", codes[g.call_id]},
                     {"organisation_id", g.organisation_id}, {"organisation_name", names[g.organisation_id]},
                     {"amount_minor", g.amount_minor}, {"currency", g.currency}, {"starts_on", g.starts_on},
                     {"ends_on", g.ends_on}, {"status", g.status}, {"paid_minor", paid[g.id]},
                     {"overdue_reports", overdue[g.id]}, {"version", g.version}});
  return Response::json(bj::object{{"items", std::move(items)}});
}

Response get_agreement(App& app, Request& r) {
  auto tx = app.db->read();
  auto g = load_agreement(tx, r.id(), r.me());
  return with_etag(agreement_json(tx, g));
}

// The agreement for signing, in Romanian (the language of the contract), with every diacritic.
Response agreement_pdf(App& app, Request& r) {
  auto tx = app.db->read();
  auto g = load_agreement(tx, r.id(), r.me());
  auto a = *find_application(tx, g.application_id);
  auto c = *find_call(tx, g.call_id);
  auto org = registry::find_organisation(tx, g.organisation_id);
  auto authority = a.partner_authority_id ? authority_name(tx, *a.partner_authority_id) : std::string();
  std::string district;
  if (a.district)
    if (auto u = registry::find_unit(tx, *a.district)) district = u->name;
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
                  {"Perioada", g.starts_on + " — " + g.ends_on},
                  {"Raionul", district.empty() ? "—" : district}});
  if (a.summary) pdf.paragraph(*a.summary);
  pdf.heading("Bugetul");
  std::vector<std::vector<std::string>> rows;
  std::int64_t tg = 0, tc = 0;
  for (const auto& l : lines_of(tx, g.id)) {
    rows.push_back({std::to_string(l.position), category_ro(l.category), l.description, std::to_string(l.period),
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
                    t.planned_on.value_or("")});
  pdf.table({"Nr.", "Cota", "Suma", "Condiția", "Data planificată"}, rows, {0.07, 0.1, 0.23, 0.42, 0.18},
            {false, true, true, false, false});
  pdf.heading("Rapoartele");
  rows.clear();
  for (const auto& rep : reports_of(tx, g.id))
    rows.push_back({std::to_string(rep.number), rep.final ? "final (narativ și financiar)" : "intermediar (narativ și financiar)", rep.due_on});
  pdf.table({"Nr.", "Tipul", "Termenul"}, rows, {0.1, 0.6, 0.3});
  pdf.heading("Condiții");
  pdf.paragraph("Beneficiarul folosește grantul numai pentru activitățile și liniile de buget de mai sus. O abatere de peste 10% "
                "pe o linie se justifică în raportul financiar. Realocările între linii de până la " +
                std::to_string(c.reallocation_free_bp / 100) +
                "% din grant se fac fără aprobare prealabilă; cele mai mari și orice schimbare a perioadei se fac prin amendament aprobat.");
  pdf.paragraph("Fiecare tranșă, în afară de prima, se plătește după aprobarea raportului perioadei precedente. Finanțatorul poate "
                "efectua vizite de monitorizare și poate cere documentele justificative ale cheltuielilor.");
  pdf.signatures({"Pentru Finanțator", "Pentru Beneficiar", authority.empty() ? "Partenerul public" : "Pentru " + authority});
  Response out;
  out.content_type = reports::kPdfType;
  out.body = pdf.finish();
  out.header("Content-Disposition", "inline; filename=\"acord-" + g.number + ".pdf\"");
  return out;
}

// The signed copy is attached: the agreement is signed and its first tranche becomes due.
Response attach_signed(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto signed_on = http::query_text(r, "signed_on", 10);
  if (!signed_on.empty() && !valid_date(signed_on)) throw Invalid({{"signed_on", "invalid_date", "Must be a date YYYY-MM-DD"}});
  auto d = registry::store_document_file(app, r.body, http::query_text(r, "filename", 300));
  auto tx = app.db->write();
  auto g = load_agreement(tx, id, r.me());
  if (g.status != "draft") throw Conflict("The agreement is already signed");
  auto before = agreement_json(tx, g);
  d.kind = "signed_agreement";
  d.id = registry::insert_document(tx, "agreement", id, d, r.me().user_id);
  g.status = "signed";
  g.signed_on = signed_on.empty() ? today() : signed_on;
  g.signed_document_id = d.id;
  if (!update_agreement(tx, g, version)) throw PreconditionFailed("The agreement was changed by someone else");
  notify(tx, grantee_staff(tx, g), "agreement_signed", "agreement", id, {{"number", g.number}});
  notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "tranche_due", "agreement", id, {{"number", g.number}, {"tranche", 1}});
  auto out = agreement_json(tx, *find_agreement(tx, id));
  audit::record(tx, audit::actor_of(r), "sign", "agreement", id, before, out, g.number);
  tx.commit();
  return with_etag(out);
}

// ------------------------------------------------------------------ tranches

Response pay_tranche(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();  // the agreement's, as the officer read it
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"paid_on", "paid_minor", "payment_ref"});
  auto paid_on = v.date("paid_on", Need::Required);
  auto amount = v.integer("paid_minor", Need::Required, 1, kMaxMinor);
  auto ref = v.text("payment_ref", Need::Optional, 100);
  v.finish();
  auto tx = app.db->write();
  auto t = find_tranche(tx, id);
  if (!t) throw NotFound("No such tranche");
  auto g = load_agreement(tx, t->agreement_id, r.me());
  if (g.version != version) throw PreconditionFailed("The agreement was changed since you read it: reload it");
  std::optional<std::string> prev;
  for (const auto& rep : reports_of(tx, g.id))
    if (rep.number == t->number - 1) prev = rep.status;
  if (auto why = tranche_error(g, *t, prev); !why.empty()) throw Conflict(why);
  if (*amount != t->amount_minor)
    throw Invalid({{"paid_minor", "not_tranche_amount", "Tranche " + std::to_string(t->number) + " is " + format_money(t->amount_minor, g.currency)}});
  if (*paid_on > today()) throw Invalid({{"paid_on", "in_future", "A payment is recorded once made"}});
  if (g.signed_on && *paid_on < *g.signed_on) throw Invalid({{"paid_on", "before_signature", "Before the agreement was signed (" + *g.signed_on + ")"}});
  t->paid_on = paid_on;
  t->paid_minor = amount;
  t->payment_ref = ref;
  record_payment(tx, *t, r.me().user_id);
  if (!touch_agreement(tx, g.id, version)) throw PreconditionFailed("The agreement was changed by someone else");
  notify(tx, grantee_staff(tx, g), "tranche_paid", "agreement", g.id,
         {{"number", g.number}, {"tranche", t->number}, {"amount_minor", *amount}, {"currency", g.currency}});
  auto out = agreement_json(tx, g);
  audit::record(tx, audit::actor_of(r), "pay", "tranche", id, nullptr,
                bj::object{{"agreement", g.number}, {"tranche", t->number}, {"paid_on", *paid_on}, {"paid_minor", *amount}},
                g.number + " #" + std::to_string(t->number));
  tx.commit();
  return with_etag(out);
}

// What the officer has to pay now: unpaid tranches whose condition is met, in one query.
Response due_tranches(App& app, Request& r) {
  if (!reads_all(r.me())) throw Forbidden("Payments are the programme officers' work");
  auto tx = app.db->read();
  auto c = tx.query(
      "SELECT t.id, t.number, t.amount_minor, t.planned_on, g.id, g.number, g.currency, o.name, g.call_id "
      "FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id JOIN organisations o ON o.id = g.organisation_id "
      "LEFT JOIN grant_reports r ON r.agreement_id = t.agreement_id AND r.number = t.number - 1 "
      "WHERE t.paid_on IS NULL AND g.status = 'signed' AND (t.condition = 'signature' OR r.status = 'approved') "
      "ORDER BY t.planned_on, g.number, t.number");
  bj::array items;
  while (c->next())
    items.push_back({{"tranche_id", c->i64(0)}, {"number", c->i64(1)}, {"amount_minor", c->i64(2)},
                     {"planned_on", c->is_null(3) ? bj::value(nullptr) : bj::value(c->str(3))}, {"agreement_id", c->i64(4)},
                     {"agreement_number", c->str(5)}, {"currency", c->str(6)}, {"organisation_name", c->str(7)},
                     {"call_id", c->i64(8)}});
  return Response::json(bj::object{{"items", std::move(items)}});
}

// The payment schedule: every tranche of every agreement (of a call), paid or not.
Response payments_xlsx(App& app, Request& r) {
  if (!policy::reads_portfolio(r.me())) throw Forbidden("The payment schedule is read by the programme's staff");
  auto call = query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX);
  auto tx = app.db->read();
  std::string sql =
      "SELECT c.code, g.number, o.name, t.number, t.share_bp, t.amount_minor, g.currency, t.condition, t.planned_on, "
      "t.paid_on, t.paid_minor, t.payment_ref, g.status, r.status FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id "
      "JOIN grant_calls c ON c.id = g.call_id JOIN organisations o ON o.id = g.organisation_id "
      "LEFT JOIN grant_reports r ON r.agreement_id = t.agreement_id AND r.number = t.number - 1";
  store::Params p;
  if (call) {
    sql += " WHERE g.call_id = $1";
    p.push_back(call);
  }
  sql += " ORDER BY c.code, g.number, t.number";
  using reports::Cell;
  std::vector<std::vector<Cell>> rows;
  auto c = tx.query(sql, p);
  while (c->next()) {
    std::string state = !c->is_null(9) ? "paid"
                        : c->str(12) != "signed" ? "awaiting signature"
                        : (c->str(7) == "signature" || (!c->is_null(13) && c->str(13) == "approved")) ? "payable"
                                                                                                      : "awaiting report";
    rows.push_back({Cell::of(c->str(0)), Cell::of(c->str(1)), Cell::of(c->str(2)), Cell::num(static_cast<double>(c->i64(3))),
                    Cell::num(static_cast<double>(c->i64(4)) / 100.0), Cell::num(static_cast<double>(c->i64(5)) / 100.0),
                    Cell::of(c->str(6)), Cell::of(c->str(7)), Cell::of(c->is_null(8) ? "" : c->str(8)),
                    Cell::of(state), Cell::of(c->is_null(9) ? "" : c->str(9)),
                    c->is_null(10) ? Cell::empty() : Cell::num(static_cast<double>(c->i64(10)) / 100.0),
                    Cell::of(c->is_null(11) ? "" : c->str(11))});
  }
  return http::xlsx_file("payment-schedule",
                         reports::xlsx_table("Payments", {"Call", "Agreement", "Grantee", "Tranche", "Share %", "Amount", "Currency",
                                                          "Condition", "Planned", "State", "Paid on", "Paid", "Reference"},
                                             rows));
}

// ------------------------------------------------------------------ reports

struct ReportCtx {
  Report rep;
  Agreement g;
};
ReportCtx load_report(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto rep = find_report(tx, id);
  if (!rep) throw NotFound("No such report");
  return {*rep, load_agreement(tx, rep->agreement_id, me)};
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
  for (const auto& d : registry::documents_of(tx, "report", rep.id)) docs.push_back(registry::to_json(d));
  o["budget_lines"] = std::move(lines);
  o["agreement_number"] = g.number;
  o["currency"] = g.currency;
  o["history"] = reviews_of(tx, rep.id);
  o["documents"] = std::move(docs);
  o["editable"] = (rep.status == "due" || rep.status == "returned") && g.status == "signed";
  return o;
}

Response get_report(App& app, Request& r) {
  auto tx = app.db->read();
  auto x = load_report(tx, r.id(), r.me());
  return with_etag(report_json(tx, x.rep, x.g));
}

bool is_grantee(const auth::Principal& me, const Agreement& g) {
  return policy::is_cso_staff(me) && me.organisation_id && *me.organisation_id == g.organisation_id;
}

// The grantee writes its report (saved as often as needed), then submits it.
Response write_report(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"narrative", "lines", "submit"});
  auto submit = v.boolean("submit", Need::Optional).value_or(false);
  auto tx = app.db->write();
  auto x = load_report(tx, id, r.me());
  if (!is_grantee(r.me(), x.g)) throw Forbidden("Only the grantee's staff write its reports");
  if (x.g.status != "signed") throw Conflict("Reports are written for a signed agreement in progress");
  if (x.rep.status != "due" && x.rep.status != "returned") throw Conflict("The report is " + x.rep.status + ": it can no longer be changed");
  // Reports follow one another: the previous one must be submitted first.
  for (const auto& p : reports_of(tx, x.g.id))
    if (submit && p.number < x.rep.number && (p.status == "due" || p.status == "returned"))
      throw Conflict("Submit the report of period " + std::to_string(p.number) + " first");
  auto before = to_json(x.rep);
  auto rep = x.rep;
  read_report(v, rep, lines_of_report(lines_of(tx, x.g.id), rep), submit);
  v.finish();
  if (submit) {
    rep.status = "submitted";
    rep.submitted_at = now_iso();
  }
  if (!update_report(tx, rep, version)) throw PreconditionFailed("The report was changed by someone else");
  if (submit) {
    insert_review(tx, id, "submitted", std::nullopt, r.me().user_id);
    notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "report_submitted", "report", id, {{"number", x.g.number}, {"report", rep.number}});
  }
  auto stored = *find_report(tx, id);
  audit::record(tx, audit::actor_of(r), submit ? "submit" : "update", "report", id, before, to_json(stored),
                x.g.number + " / " + std::to_string(rep.number));
  auto out = report_json(tx, stored, x.g);
  tx.commit();
  return with_etag(out);
}

// The officer approves a submitted report (the next tranche becomes payable) or returns it with comments.
Response review_report(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"action", "comments"});
  auto action = v.one_of("action", Need::Required, {"approve", "return"});
  auto comments = v.text("comments", action == "return" ? Need::Required : Need::Optional, 4000, true);
  v.finish();
  auto tx = app.db->write();
  auto x = load_report(tx, id, r.me());
  if (x.rep.status != "submitted") throw Conflict("Only a submitted report is reviewed (now: " + x.rep.status + ")");
  auto before = to_json(x.rep);
  auto rep = x.rep;
  bool approve = *action == "approve";
  rep.status = approve ? "approved" : "returned";
  if (approve) rep.approved_at = now_iso();
  if (!update_report(tx, rep, version)) throw PreconditionFailed("The report was changed by someone else");
  insert_review(tx, id, approve ? "approved" : "returned", comments, r.me().user_id);
  bj::object params{{"number", x.g.number}, {"report", rep.number}};
  notify(tx, grantee_staff(tx, x.g), approve ? "report_approved" : "report_returned", "report", id, params);
  if (approve) {
    for (const auto& t : tranches_of(tx, x.g.id))
      if (t.number == rep.number + 1 && !t.paid_on)
        notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "tranche_due", "agreement", x.g.id, {{"number", x.g.number}, {"tranche", t.number}});
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
  }
  auto stored = *find_report(tx, id);
  audit::record(tx, audit::actor_of(r), approve ? "approve" : "return", "report", id, before, to_json(stored),
                x.g.number + " / " + std::to_string(rep.number) + (comments ? ": " + *comments : std::string()));
  auto out = report_json(tx, stored, x.g);
  tx.commit();
  return with_etag(out);
}

Response upload_report_doc(App& app, Request& r) {
  auto id = r.id();
  auto tx = app.db->write();
  auto x = load_report(tx, id, r.me());
  if (!is_grantee(r.me(), x.g)) throw Forbidden("Only the grantee's staff attach supporting documents");
  if (x.rep.status != "due" && x.rep.status != "returned") throw Conflict("The report is " + x.rep.status + ": nothing can be attached");
  // Stored only once the upload is allowed: a refused one never reaches the disk.
  auto d = registry::store_document_file(app, r.body, http::query_text(r, "filename", 300));
  d.kind = "supporting";
  auto doc = registry::attach_document(tx, r, "report", id, d);
  tx.commit();
  return Response::json(doc, 201);
}

// ------------------------------------------------------------------ amendments

// A change of period, or budget moved between lines. A reallocation up to the call's free share is
// applied at once; anything more, and every change of period, waits for the officer's approval.
Response request_amendment(App& app, Request& r) {
  auto id = r.id();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"kind", "reason", "ends_on", "lines"});
  auto kind = v.one_of("kind", Need::Required, {"period", "budget"});
  auto reason = v.text("reason", Need::Required, 4000, true);
  auto ends_on = v.date("ends_on", kind == "period" ? Need::Required : Need::Optional);
  auto tx = app.db->write();
  auto g = load_agreement(tx, id, r.me());
  if (!is_grantee(r.me(), g) && !is_staff(r.me())) throw Forbidden("Amendments are asked for by the grantee or the programme's staff");
  if (g.status != "signed") throw Conflict("Only a signed agreement in progress is amended");
  if (has_pending_amendment(tx, id)) throw Conflict("An earlier amendment is still waiting for a decision");
  auto c = *find_call(tx, g.call_id);
  auto lines = lines_of(tx, id);
  AgreementAmendment m;
  m.agreement_id = id;
  m.kind = kind.value_or("");
  m.reason = reason.value_or("");
  std::vector<std::int64_t> before, after;
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
      v.add("lines", "total_changed", "A reallocation keeps the grant at " + format_money(g.amount_minor, g.currency) + " (now " +
                                          format_money(total, g.currency) + ")");
    if (v.ok() && after == before) v.add("lines", "no_change", "Nothing is moved");
  } else if (ends_on && *ends_on <= g.starts_on) {
    v.add("ends_on", "before_start", "The project ends after it starts (" + g.starts_on + ")");
  }
  v.finish();
  bj::object changes;
  if (m.kind == "budget") {
    bj::array moved;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (before[i] != after[i]) moved.push_back({{"line_id", lines[i].id}, {"description", lines[i].description}, {"before", before[i]}, {"after", after[i]}});
    changes["lines"] = std::move(moved);
    m.share_bp = reallocation_share_bp(before, after);
    m.status = m.share_bp <= c.reallocation_free_bp ? "applied" : "pending";
  } else {
    changes["ends_on"] = {{"before", g.ends_on}, {"after", *ends_on}};
    m.status = "pending";
  }
  m.changes_json = bj::serialize(changes);
  auto mid = insert_agreement_amendment(tx, m, r.me().user_id);
  if (m.status == "applied")
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (before[i] != after[i]) update_line_grant(tx, lines[i].id, after[i]);
  tx.exec("UPDATE grant_agreements SET version = version + 1, updated_at = $1 WHERE id = $2", {now_iso(), id});
  if (m.status == "pending")
    notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "amendment_requested", "agreement", id, {{"number", g.number}, {"kind", m.kind}});
  audit::record(tx, audit::actor_of(r), m.status == "applied" ? "amend" : "request_amendment", "agreement", id, nullptr, changes,
                g.number + ": " + m.reason);
  auto out = agreement_json(tx, *find_agreement(tx, id));
  out["amendment"] = {{"id", mid}, {"status", m.status}, {"share_bp", m.share_bp}};
  tx.commit();
  return with_etag(out, 201);
}

Response decide_amendment(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();  // the agreement's, as the officer read it
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"approve", "comments"});
  auto approve = v.boolean("approve", Need::Required);
  auto comments = v.text("comments", approve == false ? Need::Required : Need::Optional, 4000, true);
  v.finish();
  auto tx = app.db->write();
  auto m = find_agreement_amendment(tx, id);
  if (!m) throw NotFound("No such amendment");
  auto g = load_agreement(tx, m->agreement_id, r.me());
  if (g.version != version) throw PreconditionFailed("The agreement was changed since you read it: reload it");
  if (m->status != "pending") throw Conflict("The amendment is already " + m->status);
  auto changes = bj::parse(m->changes_json).as_object();
  if (*approve) {
    if (m->kind == "budget") {
      for (const auto& x : changes.at("lines").as_array())
        update_line_grant(tx, x.at("line_id").as_int64(), x.at("after").as_int64());
    } else {
      g.ends_on = std::string(changes.at("ends_on").at("after").as_string());
      if (!update_agreement(tx, g, g.version)) throw PreconditionFailed("The agreement was changed by someone else");
      // The final report follows the new end.
      for (auto rep : reports_of(tx, g.id))
        if (rep.final) {
          rep.due_on = add_days(g.ends_on, kReportDays);
          update_report(tx, rep, rep.version);
        }
    }
  }
  decide_agreement_amendment(tx, id, *approve ? "approved" : "rejected", r.me().user_id);
  touch_agreement(tx, g.id);
  notify(tx, grantee_staff(tx, g), "amendment_decided", "agreement", g.id,
         {{"number", g.number}, {"approved", *approve}, {"comments", nullable(comments)}});
  audit::record(tx, audit::actor_of(r), *approve ? "approve_amendment" : "reject_amendment", "agreement", g.id, nullptr, changes,
                g.number + " amendment " + std::to_string(m->number) + (comments ? ": " + *comments : std::string()));
  auto out = agreement_json(tx, *find_agreement(tx, g.id));
  tx.commit();
  return with_etag(out);
}

// ------------------------------------------------------------------ monitoring visits

bj::array read_actions(Validator& v, Need need) {
  bj::array actions;
  v.each_object("actions", need, 100, [&](Validator& av, std::size_t) {
    av.only({"action", "due_on", "done"});
    auto action = av.text("action", Need::Required, 2000, true);
    auto due = av.date("due_on", Need::Optional);
    auto done = av.boolean("done", Need::Optional).value_or(false);
    actions.push_back({{"action", action.value_or("")}, {"due_on", nullable(due)}, {"done", done}});
  });
  return actions;
}

Response add_visit(App& app, Request& r) {
  auto id = r.id();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"visited_on", "findings", "actions"});
  auto visited = v.date("visited_on", Need::Required);
  auto findings = v.text("findings", Need::Required, 20000, true);
  auto actions = read_actions(v, Need::Optional);
  if (visited && *visited > today()) v.add("visited_on", "in_future", "A visit is recorded once it took place");
  v.finish();
  auto tx = app.db->write();
  auto g = load_agreement(tx, id, r.me());
  if (g.status == "draft") throw Conflict("Visits are recorded for a signed agreement");
  auto vid = insert_visit(tx, id, *visited, *findings, bj::serialize(actions), r.me().user_id);
  if (!actions.empty())
    notify(tx, grantee_staff(tx, g), "visit_actions", "agreement", id, {{"number", g.number}, {"actions", actions.size()}});
  auto out = visits_json(tx, id, vid).at(0).as_object();
  audit::record(tx, audit::actor_of(r), "visit", "agreement", id, nullptr, out, g.number + " " + *visited);
  tx.commit();
  return with_etag(out, 201);
}

// Follow-up actions are marked done (or added) as they happen.
Response update_visit(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"actions"});
  auto actions = read_actions(v, Need::Required);
  v.finish();
  auto tx = app.db->write();
  auto owner = visit_owner(tx, id);
  if (!owner) throw NotFound("No such visit");
  auto g = load_agreement(tx, owner->first, r.me());
  auto before = visits_json(tx, g.id, id).at(0);
  if (!update_visit_actions(tx, id, bj::serialize(actions), version)) throw PreconditionFailed("The visit was changed by someone else");
  auto out = visits_json(tx, g.id, id).at(0).as_object();
  audit::record(tx, audit::actor_of(r), "update", "visit", id, before, out, g.number);
  tx.commit();
  return with_etag(out);
}

// ------------------------------------------------------------------ portfolio

// Money committed (agreements), disbursed (tranches paid) and reported (reports approved), by call,
// district and grantee, in each currency; and the reports overdue. Three aggregate queries and
// the grouping here; the answer is built on an arena (ADR 0006).
struct Sums {
  std::int64_t agreements = 0, committed = 0, disbursed = 0, reported = 0;
};

Response portfolio(App& app, Request& r) {
  if (!policy::reads_portfolio(r.me())) throw Forbidden("The portfolio is read by the programme's staff");
  auto call = query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX);
  auto tx = app.db->read();
  std::map<std::int64_t, std::int64_t> paid, approved;
  {
    auto c = tx.query("SELECT agreement_id, SUM(paid_minor) FROM tranches WHERE paid_on IS NOT NULL GROUP BY agreement_id");
    while (c->next()) paid[c->i64(0)] = c->i64(1);
    auto a = tx.query("SELECT agreement_id, SUM(spent_minor) FROM grant_reports WHERE status = 'approved' GROUP BY agreement_id");
    while (a->next()) approved[a->i64(0)] = a->i64(1);
  }
  using Key = std::pair<std::string, std::string>;  // (group, currency)
  std::map<std::string, Sums> totals;
  std::map<Key, Sums> by_call, by_district, by_grantee;
  std::map<std::string, std::string> grantee_names;
  {
    std::string sql = "SELECT g.id, g.call_id, g.organisation_id, COALESCE(a.district, ''), g.currency, g.amount_minor, o.name "
                      "FROM grant_agreements g JOIN applications a ON a.id = g.application_id "
                      "JOIN organisations o ON o.id = g.organisation_id";
    store::Params p;
    if (call) {
      sql += " WHERE g.call_id = $1";
      p.push_back(call);
    }
    auto c = tx.query(sql, p);
    while (c->next()) {
      auto id = c->i64(0);
      auto cur = c->str(4);
      auto add = [&](Sums& s) {
        ++s.agreements;
        s.committed += c->i64(5);
        s.disbursed += paid[id];
        s.reported += approved[id];
      };
      add(totals[cur]);
      add(by_call[{std::to_string(c->i64(1)), cur}]);
      add(by_district[{c->str(3), cur}]);
      auto org = std::to_string(c->i64(2));
      add(by_grantee[{org, cur}]);
      grantee_names.emplace(org, c->str(6));
    }
  }
  std::map<std::string, std::pair<std::string, std::string>> calls;  // id → (code, title JSON)
  std::map<std::string, std::int64_t> envelopes;
  {
    auto c = tx.query("SELECT id, code, title, envelope_minor FROM grant_calls");
    while (c->next()) {
      calls[std::to_string(c->i64(0))] = {c->str(1), c->str(2)};
      envelopes[std::to_string(c->i64(0))] = c->i64(3);
    }
  }
  std::map<std::string, std::string> districts;
  {
    auto c = tx.query("SELECT code, name FROM admin_units WHERE level = 2");
    while (c->next()) districts[c->str(0)] = c->str(1);
  }
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
    store::Params q{today_};
    std::string sql =
        "SELECT r.id, r.number, r.due_on, r.status, g.id, g.number, o.name, g.call_id FROM grant_reports r "
        "JOIN grant_agreements g ON g.id = r.agreement_id JOIN organisations o ON o.id = g.organisation_id "
        "WHERE r.status IN ('due', 'returned') AND r.due_on < $1 AND g.status = 'signed'";
    if (call) {
      sql += " AND g.call_id = $2";
      q.push_back(call);
    }
    auto c = tx.query(sql + " ORDER BY r.due_on, g.number", q);
    while (c->next())
      oj.push_back(bj::object({{"report_id", c->i64(0)}, {"number", c->i64(1)}, {"due_on", c->str(2)}, {"status", c->str(3)},
                               {"agreement_id", c->i64(4)}, {"agreement_number", c->str(5)}, {"organisation_name", c->str(6)},
                               {"call_id", c->i64(7)}, {"days_overdue", days_between(c->str(2), today_)}},
                              sp));
  }
  bj::object out(sp);
  out["call_id"] = call ? bj::value(call) : bj::value(nullptr);
  out["totals"] = std::move(tj);
  out["by_call"] = std::move(cj);
  out["by_district"] = std::move(dj);
  out["by_grantee"] = std::move(gj);
  out["overdue_reports"] = std::move(oj);
  Response res;
  res.body = bj::serialize(out);
  return res;
}
}  // namespace

void register_agreement_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  auto agreement_reader = [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
    auto g = find_agreement(tx, id);
    return g && may_read_agreement(tx, p, *g);
  };
  registry::register_document_owner(
      "agreement", {agreement_reader, [](const auth::Principal&, store::Tx&, std::int64_t) { return false; },
                    [](store::Tx&, std::int64_t) {}});
  registry::register_document_owner(
      "report",
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

  r.add("POST", "/api/v1/applications/{id}/agreement", "agreements.manage", h(create_agreement));
  r.add("GET", "/api/v1/agreements", "grants.read", h(list_agreements_route));
  r.add("GET", "/api/v1/agreements/{id}", "grants.read", h(get_agreement));
  r.add("GET", "/api/v1/agreements/{id}/document.pdf", "grants.read", h(agreement_pdf));
  r.add("POST", "/api/v1/agreements/{id}/signed", "agreements.manage", h(attach_signed));
  r.set_max_body(registry::kMaxDocumentBytes);
  r.add("GET", "/api/v1/tranches/due", "agreements.manage", h(due_tranches));
  r.add("POST", "/api/v1/tranches/{id}/payment", "agreements.manage", h(pay_tranche));
  r.add("GET", "/api/v1/payments.xlsx", "grants.read", h(payments_xlsx));
  r.add("GET", "/api/v1/reports/{id}", "grants.read", h(get_report));
  r.add("PUT", "/api/v1/reports/{id}", "reports.write", h(write_report));
  r.add("POST", "/api/v1/reports/{id}/documents", "reports.write", h(upload_report_doc));
  r.set_max_body(registry::kMaxDocumentBytes);
  r.add("POST", "/api/v1/reports/{id}/review", "agreements.manage", h(review_report));
  r.add("POST", "/api/v1/agreements/{id}/amendments", "amendments.request", h(request_amendment));
  r.add("POST", "/api/v1/agreement-amendments/{id}/decision", "agreements.manage", h(decide_amendment));
  r.add("POST", "/api/v1/agreements/{id}/visits", "visits.write", h(add_visit));
  r.add("PATCH", "/api/v1/visits/{id}", "visits.write", h(update_visit));
  r.add("GET", "/api/v1/portfolio", "grants.read", h(portfolio));
}
}  // namespace sp::grants
