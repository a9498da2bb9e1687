// The contract of an awarded lot and its monthly cycle (issue 14, decision 0022): the report of a
// month generated from the delivery records of the contract's services, the provider's claims
// checked against the log, the authority's verification line by line, approval freezing it as an
// invoice, payment only of an approved report, corrections of approved months carried into the next
// report, and the volume used against the maximum.
#include <algorithm>
#include <map>
#include <set>

#include "platform/events.hpp"
#include "common/errors.hpp"
#include "common/money.hpp"
#include "common/words.hpp"
#include "common/time.hpp"
#include "modules/contracting/kinds.hpp"
#include "modules/contracting/operations.hpp"
#include "modules/contracting/repo.hpp"
#include "modules/contracting/rules.hpp"
#include "modules/contracting/tallies.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"
#include "platform/directory.hpp"
#include "platform/documents.hpp"
#include "platform/visits.hpp"
#include "platform/notifications.hpp"
#include "platform/policy.hpp"
#include "reports/pdf.hpp"

namespace sp::contracting {
namespace {
namespace bj = boost::json;

std::vector<std::int64_t> service_ids(const Contract& c) {
  std::vector<std::int64_t> out;
  for (const auto& s : c.services) out.push_back(std::stoll(s));
  return out;
}
bool provider_of(const auth::Principal& me, const Contract& c) {
  return policy::may_offer(me) && me.organisation_id && *me.organisation_id == c.organisation_id;
}
bool reads_contract(const auth::Principal& me, const Contract& c) {
  return provider_of(me, c) || policy::may_read_contracting_plans(me, c.authority_id);
}
// The contract `me` may read: 404 when there is none, 403 for anyone but its parties and the programme.
Contract readable_contract(store::Tx& tx, const auth::Principal& me, std::int64_t id) {
  auto c = find_contract(tx, id);
  if (!c) throw NotFound(say("not_found", "No such contract"));
  if (!reads_contract(me, *c)) throw Forbidden(say("contract_hidden", "A contract is read by its parties and the programme"));
  return *c;
}
// A report's month, "YYYY-MM" ("" when missing or wrong, the field named).
std::string read_month(Validator& v) {
  auto month = v.text("month", Need::Required, 7).value_or("");
  if (!month.empty() && !valid_date(month + "-01")) v.add("month", "invalid_month", "A month: YYYY-MM");
  return month;
}


// Units approved, and submitted for approval, across the contract's reports (but one).
struct Used {
  std::int64_t units = 0, amount = 0, paid = 0;
};
Used used_of(store::Tx& tx, const Contract& c, std::int64_t except_report = 0) {
  Used u;
  for (const auto& r : report_sums(tx, c.id)) {
    if (r.id == except_report || (r.status != "submitted" && r.status != "approved" && r.status != "paid")) continue;
    u.units += r.units;
    u.amount += r.amount_minor;
    if (r.status == "paid") u.paid += r.paid_minor.value_or(r.amount_minor);
  }
  return u;
}

// The lines of a new or reopened report: the month's log, and the corrections of every approved month
// whose log changed since an approval saw it (the versions each approval kept say which; the others have
// nothing to correct, and neither their log nor the earlier reports' lines are read). `log` is the
// month's own log; `seen` what the lines were made from, kept with the report.
struct Generated {
  std::vector<ReportLine> lines;
  std::vector<Recorded> log;
  LogSeen seen;
};
Generated generate(store::Tx& tx, const Contract& c, const std::string& month) {
  std::vector<std::string> approved_months;
  std::vector<Approval> approvals;
  for (const auto& r : report_sums(tx, c.id)) {
    if (r.status != "approved" && r.status != "paid") continue;
    if (r.month < month) approved_months.push_back(r.month);
    if (r.log_seen) approvals.push_back({r.approved_at.value_or(""), r.id, log_seen_of(bj::parse(*r.log_seen))});
  }
  Generated g;
  g.seen.services = service_ids(c);
  auto versions = services::delivery_versions(tx, g.seen.services, approved_months.empty() ? month : approved_months.front(), month);
  for (const auto& m : approved_months) g.seen.months[m] = versions[m];
  g.seen.months[month] = versions[month];
  auto reread = months_to_reread(approved_months, approvals, g.seen.services, versions);
  // The months read in one pass: the earliest to reread up to this one.
  auto logs = recorded_months(tx, c, reread.empty() ? month : *reread.begin(), month);
  g.lines = lines_from(logs[month], c.unit_price_minor);
  if (!reread.empty()) {
    std::map<std::string, std::vector<ReportLine>> approved;  // month → its frozen lines and its approved corrections
    for (const auto& r : reports_of(tx, c.id)) {
      if (r.status != "approved" && r.status != "paid") continue;
      for (const auto& l : r.lines)
        if (auto m = l.corrects.value_or(r.month); reread.count(m)) approved[m].push_back(l);
    }
    for (const auto& [m, lines_of_m] : approved)
      for (auto& l : corrections_for(m, lines_of_m, logs[m], c.unit_price_minor)) g.lines.push_back(std::move(l));
  }
  g.log = std::move(logs[month]);
  return g;
}
std::string seen_text(const LogSeen& s) { return bj::serialize(to_json(s)); }

// The lot's name as the purchase gave it (its code where the purchase no longer names it).
std::string lot_name(store::Tx& tx, const Contract& c) {
  if (auto p = find_purchase(tx, c.purchase_id))
    for (const auto& l : p->lots)
      if (l.code == c.lot) return l.name;
  return c.lot;
}

bj::object contract_json(store::Tx& tx, const Contract& c, bool whole) {
  auto u = used_of(tx, c);
  bj::object o{{"id", c.id},
               {"number", nullable(c.number)},
               {"purchase_id", c.purchase_id},
               {"offer_id", c.offer_id},
               {"authority_id", c.authority_id},
               {"organisation_id", c.organisation_id},
               {"organisation_name", organisation_name(tx, c.organisation_id)},
               {"lot", c.lot},
               {"lot_name", lot_name(tx, c)},
               {"type_code", c.type_code},
               {"unit", c.unit},
               {"services", bj::value_from(c.services)},
               {"unit_price_minor", c.unit_price_minor},
               {"min_volume", c.min_volume},
               {"max_volume", c.max_volume},
               {"starts_on", c.starts_on},
               {"ends_on", c.ends_on},
               {"indexation", c.indexation},
               {"kpis", to_json(c.kpis)},
               {"sanctions", c.sanctions},
               {"status", c.status},
               {"signed_on", nullable(c.signed_on)},
               {"ended_on", nullable(c.ended_on)},
               {"end_reason", nullable(c.end_reason)},
               {"amendments", bj::parse(c.amendments)},
               {"volume_used", u.units},
               {"value_used_minor", u.amount},
               {"paid_minor", u.paid},
               {"max_value_minor", c.max_volume * c.unit_price_minor},
               {"volume_level", volume_level(u.units, c.max_volume)},
               {"version", c.version}};
  if (whole) {
    // Performance against the targets, from the records of its services over its term so far.
    auto to = std::min(today(), c.ends_on);
    auto perf = services::performance_of(tx, service_ids(c), c.starts_on, to, today());
    std::map<std::string, std::optional<std::int64_t>> value = {{"plans_on_time", perf.plans_on_time_pct},
                                                                {"waiting_days", perf.waiting_days},
                                                                {"exits_to_community", perf.exits_to_community_pct},
                                                                {"occupancy", perf.occupancy_pct}};
    bj::array kp;
    for (const auto& [code, v] : value) {
      auto target = std::find_if(c.kpis.begin(), c.kpis.end(), [&](const Kpi& k) { return k.code == code; });
      bj::object row{{"code", code}, {"value", nullable(v)}, {"target", target == c.kpis.end() ? bj::value(nullptr) : bj::value(target->target)}};
      // The waiting time meets its target from below; the shares from above.
      row["met"] = target == c.kpis.end() || !v ? bj::value(nullptr) : bj::value(code == "waiting_days" ? *v <= target->target : *v >= target->target);
      kp.push_back(std::move(row));
    }
    o["performance"] = std::move(kp);
    o["people"] = perf.people;
    bj::array rs;
    for (const auto& r : reports_of(tx, c.id))
      rs.push_back({{"id", r.id}, {"month", r.month}, {"status", r.status}, {"units", r.units}, {"amount_minor", r.amount_minor},
                    {"invoice_number", nullable(r.invoice_number)}, {"paid_on", nullable(r.paid_on)}, {"version", r.version}});
    o["reports"] = std::move(rs);
    bj::array docs;
    for (const auto& d : platform::documents_of(tx, "contract", c.id)) docs.push_back(platform::document_json(d));
    o["documents"] = std::move(docs);
    o["visits"] = platform::visits_of(tx, "contract", c.id);
  }
  return o;
}

platform::Kind<Contract> contract_kind() {
  return {.not_found = "No such contract",
          .stale = "The contract changed since you read it",
          .find = find_contract,
          .version = [](const Contract& c) { return c.version; },
          .subject = [](const Contract& c) { return platform::Subject{"contract", c.id, c.number.value_or(c.lot)}; },
          .show = [](store::Tx& tx, const Contract& c) { return contract_json(tx, c, true); }};
}

platform::Refusal<Contract> unless_contract_keeper(const auth::Principal& me) {
  return [&me](store::Tx&, const Contract& c) -> std::optional<Say> {
    if (policy::may_keep_contracting(me, c.authority_id)) return std::nullopt;
    return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
  };
}

struct ReportCtx {
  MonthlyReport r;
  Contract c;
};

bj::object report_json(store::Tx& tx, const ReportCtx& x, const std::vector<Recorded>* log = nullptr) {
  // Side by side: what was claimed, and what the delivery log holds now (an approved report's lines
  // are frozen; the log may have moved since, and the next month carries the difference).
  auto now = log ? *log : recorded(tx, x.c, x.r.month);
  bj::array lines;
  for (const auto& l : x.r.lines) {
    auto o = to_json(std::vector<ReportLine>{l}).at(0).as_object();
    if (!l.corrects) {
      auto it = std::find_if(now.begin(), now.end(), [&](const Recorded& r) { return r.code == l.person_code; });
      o["recorded_now"] = it == now.end() ? 0 : it->units;
    } else {
      o["recorded_now"] = nullptr;
    }
    o.erase("person_id");
    lines.push_back(std::move(o));
  }
  auto u = used_of(tx, x.c, x.r.id);
  return {{"id", x.r.id},
          {"contract_id", x.c.id},
          {"contract_number", nullable(x.c.number)},
          {"organisation_name", organisation_name(tx, x.c.organisation_id)},
          {"month", x.r.month},
          {"unit", x.c.unit},
          {"unit_price_minor", x.c.unit_price_minor},
          {"status", x.r.status},
          {"lines", std::move(lines)},
          {"units", x.r.units},
          {"amount_minor", x.r.amount_minor},
          {"volume_used_before", u.units},
          {"max_volume", x.c.max_volume},
          {"volume_level", volume_level(u.units + x.r.units, x.c.max_volume)},
          {"invoice_number", nullable(x.r.invoice_number)},
          {"submitted_at", nullable(x.r.submitted_at)},
          {"approved_at", nullable(x.r.approved_at)},
          {"returned_reason", nullable(x.r.returned_reason)},
          {"paid_on", nullable(x.r.paid_on)},
          {"payment_ref", nullable(x.r.payment_ref)},
          {"paid_minor", nullable(x.r.paid_minor)},
          {"version", x.r.version}};
}

platform::Kind<ReportCtx> report_kind() {
  return {.not_found = "No such report",
          .stale = "The report changed since you read it",
          .find = [](store::Tx& tx, std::int64_t id) -> std::optional<ReportCtx> {
            auto r = find_report(tx, id);
            if (!r) return std::nullopt;
            return ReportCtx{*r, *find_contract(tx, r->contract_id)};
          },
          .version = [](const ReportCtx& x) { return x.r.version; },
          .subject = [](const ReportCtx& x) { return platform::Subject{"contract_report", x.r.id, x.c.number.value_or("") + " " + x.r.month}; },
          .show = [](store::Tx& tx, const ReportCtx& x) { return report_json(tx, x); }};
}

platform::Refusal<ReportCtx> unless_report_provider(const auth::Principal& me) {
  return [&me](store::Tx&, const ReportCtx& x) -> std::optional<Say> {
    if (provider_of(me, x.c)) return std::nullopt;
    return say("contract_provider_only", "The contract's provider reports its months");
  };
}
platform::Refusal<ReportCtx> unless_report_keeper(const auth::Principal& me) {
  return [&me](store::Tx&, const ReportCtx& x) -> std::optional<Say> {
    if (policy::may_keep_contracting(me, x.c.authority_id)) return std::nullopt;
    return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
  };
}
}  // namespace

// ---------------------------------------------------------------- contracts

Written contracts_list(App& app, const auth::Principal& me) {
  auto tx = app.db->read();
  std::vector<Contract> rows;
  if (policy::reads_portfolio(me)) rows = list_contracts(tx, std::nullopt, std::nullopt);
  else if (policy::may_offer(me)) rows = list_contracts(tx, std::nullopt, *me.organisation_id);
  else if (me.authority_id && policy::may_keep_contracting(me, *me.authority_id)) rows = list_contracts(tx, *me.authority_id, std::nullopt);
  bj::array items;
  for (const auto& c : rows) items.push_back(contract_json(tx, c, false));
  return {bj::object{{"items", std::move(items)}}};
}

Written contract_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto c = readable_contract(tx, me, id);
  return {contract_json(tx, c, true), c.version};
}

Written contract_create(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body) {
  Validator v(body);
  v.only({"lot", "services", "indexation", "kpis", "sanctions"});
  Contract k;
  k.lot = v.text("lot", Need::Required, 40).value_or("");
  std::vector<std::int64_t> services;
  v.each_object("services", Need::Required, 20, [&](Validator& s, std::size_t) {
    s.only({"service_id"});
    services.push_back(s.integer("service_id", Need::Required, 1, INT64_MAX).value_or(0));
  });
  k.indexation = v.text("indexation", Need::Optional, 2000, true).value_or("");
  k.sanctions = v.text("sanctions", Need::Optional, 4000, true).value_or("");
  v.each_object("kpis", Need::Optional, 10, [&](Validator& s, std::size_t) {
    s.only({"code", "target"});
    Kpi kpi;
    kpi.code = s.one_of("code", Need::Required, {"plans_on_time", "waiting_days", "exits_to_community", "occupancy"}).value_or("");
    kpi.target = s.integer("target", Need::Required, 0, 1000).value_or(0);
    k.kpis.push_back(kpi);
  });
  return platform::add<Purchase>(
      *app.db, c, purchase_id, v, purchase_kind(c.me),
      {.action = "contract",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator& v) {
             if (p.status != "standstill" || !p.standstill_until)
               throw Conflict(say("purchase_not_awarded", "The award is decided first"));
             if (today() <= *p.standstill_until)
               throw Conflict(say("standstill_running", "The standstill runs until {until}: the contract is signed after it", {{"until", *p.standstill_until}}));
             auto ks = complaints_of(tx, p.id);
             if (std::any_of(ks.begin(), ks.end(), [](const Complaint& x) { return x.status == "open"; }))
               throw Conflict(say("complaint_open", "A complaint is open: the award is suspended until it is decided"));
             if (contract_of_lot(tx, p.id, k.lot)) v.add("lot", "duplicate", "The lot has its contract already");
             std::optional<LotRank> first;
             for (const auto& r : lot_ranks_of(bj::parse(p.ranking.value_or("[]"))))
               if (r.lot == k.lot && r.rank == 1) first = r;
             if (!first) {
               v.add("lot", "not_awarded", "No offer was awarded this lot");
               return;
             }
             auto lot = std::find_if(p.lots.begin(), p.lots.end(), [&](const Lot& l) { return l.code == k.lot; });
             k.purchase_id = p.id;
             k.offer_id = first->offer_id;
             k.organisation_id = first->organisation_id;
             k.authority_id = p.authority_id;
             k.type_code = p.type_code;
             k.unit = p.unit;
             k.unit_price_minor = first->unit_price_minor;
             k.min_volume = lot->min_volume;
             k.max_volume = lot->max_volume;
             k.starts_on = p.starts_on;
             k.ends_on = p.ends_on;
             k.created_by = c.me.user_id;
             for (std::size_t i = 0; i < services.size(); ++i) {
               auto s = services::find_service_unit(tx, services[i]);
               if (!s || s->type_code != p.type_code || services::provider_party(*s).organisation_id != k.organisation_id)
                 v.add("services[" + std::to_string(i) + "].service_id", "not_providers_service", "Not a service of this type of the awarded provider");
               else k.services.push_back(std::to_string(services[i]));
             }
           },
       .insert =
           [&](store::Tx& tx, const Purchase&) {
             k.id = insert_contract(tx, k);
             auto made = *find_contract(tx, k.id);
             return platform::Added{{contract_json(tx, made, true), made.version, 201}, bj::object{{"contract_id", made.id}, {"lot", made.lot}}};
           }});
}

Written contract_sign(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"signed_on"});
  auto on = v.date("signed_on", Need::Required);
  Contract changed;
  return platform::change<Contract>(
      *app.db, c, id, version, v, contract_kind(),
      {.action = "sign",
       .refuse = unless_contract_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Contract& k, Validator& v) {
             if (k.status != "draft") throw Conflict(say("contract_signed", "The contract is signed already"));
             if (on && *on > today()) v.add("signed_on", "in_future", "Not after today");
             changed = k;
             changed.status = "signed";
             changed.signed_on = on;
             changed.number = next_contract_number(tx, std::stoi(on.value_or(today()).substr(0, 4)));
           },
       .apply =
           [&](store::Tx& tx, const Contract& k) {
             if (!update_contract(tx, changed, k.version)) return false;
             // Every awarded lot signed: the purchase is signed.
             auto p = *find_purchase(tx, k.purchase_id);
             std::set<std::string> awarded;
             for (const auto& r : lot_ranks_of(bj::parse(p.ranking.value_or("[]"))))
               if (r.rank == 1) awarded.insert(r.lot);
             for (const auto& x : contracts_of_purchase(tx, p.id))
               if (x.status == "signed") awarded.erase(x.lot);
             if (awarded.empty()) {
               auto was = p.version;
               p.status = "signed";
               update_purchase(tx, p, was);
             }
             platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), k.organisation_id), "contract_signed",
                              "contract", k.id, {{"number", *changed.number}});
             platform::emit(tx, {.type = "contract.signed",
                                 .entity = "contract",
                                 .entity_id = k.id,
                                 .audience = policy::EventAudience::Programme,
                                 .organisations = {k.organisation_id},
                                 .authorities = {k.authority_id},
                                 .data = {{"contract_id", k.id}, {"number", *changed.number}, {"purchase_id", k.purchase_id},
                                          {"authority_id", k.authority_id}, {"organisation_id", k.organisation_id}, {"type_code", k.type_code},
                                          {"signed_on", *changed.signed_on}, {"unit_price_minor", k.unit_price_minor}}});
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const Contract& k) -> bj::value { return bj::object{{"number", nullable(k.number)}, {"signed_on", nullable(k.signed_on)}}; }});
}

// A renewal follows a review of the contract's performance: the review is written, the KPIs as the
// records give them are kept beside it, and the term runs on to the new end.
Written contract_renew(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"review", "ends_on", "max_volume"});
  auto review = v.reason("review", 30, 8000);
  auto ends = v.date("ends_on", Need::Required);
  auto max = v.integer("max_volume", Need::Optional, 1, 100'000'000);
  Contract changed;
  return platform::change<Contract>(
      *app.db, c, id, version, v, contract_kind(),
      {.action = "renew",
       .refuse = unless_contract_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Contract& k, Validator& v) {
             if (k.status != "signed") throw Conflict(say("contract_not_signed", "The contract is not in force"));
             if (ends && *ends <= k.ends_on) v.add("ends_on", "not_later", "After the present end ({end})", {{"end", k.ends_on}});
             changed = k;
             auto perf = contract_json(tx, k, true).at("performance");
             bj::object changes{{"ends_on", {{"before", k.ends_on}, {"after", ends.value_or("")}}}};
             if (max) changes["max_volume"] = {{"before", k.max_volume}, {"after", *max}};
             auto list = bj::parse(k.amendments).as_array();
             list.push_back({{"number", list.size() + 1}, {"summary", "Reînnoire după evaluarea performanței"}, {"changes", changes},
                             {"review", review}, {"performance", perf}, {"created_at", now_iso()}});
             changed.amendments = bj::serialize(list);
             if (ends) changed.ends_on = *ends;
             if (max) changed.max_volume = *max;
           },
       .apply = [&](store::Tx& tx, const Contract& k) { return update_contract(tx, changed, k.version); },
       .before = {},
       .after = [](store::Tx&, const Contract& k) -> bj::value { return bj::parse(k.amendments).as_array().back(); }});
}

Written contract_end(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"status", "reason"});
  auto status = v.one_of("status", Need::Required, {"terminated", "expired"});
  auto reason = v.reason("reason", 10, 4000);
  Contract changed;
  return platform::change<Contract>(*app.db, c, id, version, v, contract_kind(),
                                    {.action = "end",
                                     .refuse = unless_contract_keeper(c.me),
                                     .check =
                                         [&](store::Tx&, const Contract& k, Validator&) {
                                           if (k.status != "signed") throw Conflict(say("contract_not_signed", "The contract is not in force"));
                                           changed = k;
                                           changed.status = status.value_or("terminated");
                                           changed.end_reason = reason;
                                           changed.ended_on = today();
                                         },
                                     .apply = [&](store::Tx& tx, const Contract& k) { return update_contract(tx, changed, k.version); },
                                     .before = {},
                                     .after = {}});
}

// A numbered amendment of a signed contract: its volumes, unit price (an indexation), end date.
Written contract_amend(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"summary", "min_volume", "max_volume", "unit_price_minor", "ends_on"});
  auto summary = v.reason("summary", 10, 2000);
  auto min = v.integer("min_volume", Need::Optional, 0, 100'000'000);
  auto max = v.integer("max_volume", Need::Optional, 1, 100'000'000);
  auto price = v.integer("unit_price_minor", Need::Optional, 1, INT64_MAX / 1'000'000);
  auto ends = v.date("ends_on", Need::Optional);
  Contract changed;
  return platform::change<Contract>(
      *app.db, c, id, version, v, contract_kind(),
      {.action = "amend",
       .refuse = unless_contract_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Contract& k, Validator& v) {
             if (k.status != "signed") throw Conflict(say("contract_not_signed", "The contract is not in force"));
             changed = k;
             bj::object changes;
             auto note = [&](const char* f, bj::value before, bj::value after) { changes[f] = {{"before", before}, {"after", after}}; };
             if (min) {
               note("min_volume", k.min_volume, *min);
               changed.min_volume = *min;
             }
             if (max) {
               note("max_volume", k.max_volume, *max);
               changed.max_volume = *max;
             }
             if (price) {
               note("unit_price_minor", k.unit_price_minor, *price);
               changed.unit_price_minor = *price;
             }
             if (ends) {
               note("ends_on", bj::value(k.ends_on), bj::value(*ends));
               changed.ends_on = *ends;
             }
             if (changed.min_volume > changed.max_volume) v.add("min_volume", "above_max", "At most the maximum volume");
             if (changed.max_volume < used_of(tx, k).units)
               v.add("max_volume", "below_used", "Below what is already reported ({used})", {{"used", std::to_string(used_of(tx, k).units)}});
             if (changed.ends_on < changed.starts_on) v.add("ends_on", "date_order", "Ends after it starts");
             if (changes.empty()) v.add("summary", "nothing_changed", "The amendment changes nothing");
             auto list = bj::parse(k.amendments).as_array();
             list.push_back({{"number", list.size() + 1}, {"summary", summary}, {"changes", changes}, {"created_at", now_iso()}});
             changed.amendments = bj::serialize(list);
           },
       .apply = [&](store::Tx& tx, const Contract& k) { return update_contract(tx, changed, k.version); },
       .before = {},
       .after = [](store::Tx&, const Contract& k) -> bj::value { return bj::parse(k.amendments).as_array().back(); }});
}

// The contract for signing, in Romanian (the language of the contract), days as written in Moldova.
reports::Spreadsheet contract_pdf(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  const auto k = readable_contract(tx, me, id);
  auto p = *find_purchase(tx, k.purchase_id);
  auto authority = registry::find_authority(tx, k.authority_id);
  auto org = registry::find_organisation(tx, k.organisation_id);
  const Words ro("ro");
  const auto number = k.number.value_or("(nesemnat)");
  static const std::map<std::string, std::string> units = {
      {"beneficiary_month", "beneficiar-lună"}, {"day", "zi"}, {"hour", "oră"}, {"place_month", "loc-lună"}, {"visit", "vizită"}};
  static const std::map<std::string, std::string> kpis = {{"plans_on_time", "Planuri individuale revizuite la termen (%)"},
                                                          {"waiting_days", "Timpul de așteptare de la referire la înrolare (zile, cel mult)"},
                                                          {"exits_to_community", "Ieșiri în familie sau comunitate (%)"},
                                                          {"occupancy", "Gradul de ocupare (%)"}};
  reports::Pdf pdf("Contract de prestare a serviciilor sociale " + number, "Contract " + number);
  pdf.title("Contract de prestare a serviciului social nr. " + number);
  pdf.paragraph("încheiat în urma achiziției " + p.number.value_or("") + " „" + p.title + "”, lotul " + k.lot);
  pdf.heading("Părțile");
  pdf.key_values({{"Autoritatea contractantă", authority ? authority->name + (authority->idno ? " (IDNO " + *authority->idno + ")" : "") : ""},
                  {"Prestatorul", org ? org->name + " (IDNO " + org->idno + ")" : organisation_name(tx, k.organisation_id)}});
  pdf.heading("Obiectul contractului");
  std::vector<std::string> names;
  for (auto sid : service_ids(k))
    if (auto s = services::find_service_unit(tx, sid)) names.push_back(s->name + (s->accreditation_number ? " (acreditare " + *s->accreditation_number + ")" : ""));
  std::string linked;
  for (const auto& n : names) linked += (linked.empty() ? "" : "; ") + n;
  pdf.key_values({{"Serviciul", services::service_type_name(tx, k.type_code, "ro")},
                  {"Unitățile de serviciu", linked.empty() ? "—" : linked},
                  {"Unitatea de plată", units.count(k.unit) ? units.at(k.unit) : k.unit},
                  {"Prețul unitar", format_money(k.unit_price_minor, "MDL")},
                  {"Volumul", "minimum " + std::to_string(k.min_volume) + ", maximum " + std::to_string(k.max_volume)},
                  {"Valoarea maximă", format_money(k.max_volume * k.unit_price_minor, "MDL")},
                  {"Perioada", ro.date(k.starts_on) + " — " + ro.date(k.ends_on)}});
  pdf.heading("Plata");
  pdf.paragraph("Prestatorul depune lunar raportul serviciilor prestate, generat din registrul prestărilor: pentru fiecare beneficiar "
                "(după codul său), unitățile prestate și zilele de prezență. Autoritatea verifică fiecare linie față de registru, "
                "aprobă sau returnează raportul; raportul aprobat devine factură și se plătește. Diferențele constatate ulterior "
                "într-o lună aprobată se regularizează în raportul lunii următoare. Un raport care ar depăși volumul maxim nu se acceptă.");
  if (!k.indexation.empty()) pdf.key_values({{"Indexarea", k.indexation}});
  if (!k.kpis.empty()) {
    pdf.heading("Indicatorii de performanță");
    std::vector<std::vector<std::string>> rows;
    for (const auto& x : k.kpis) rows.push_back({kpis.count(x.code) ? kpis.at(x.code) : x.code, std::to_string(x.target)});
    pdf.table({"Indicatorul", "Ținta"}, rows, {0.8, 0.2}, {false, true});
  }
  if (!k.sanctions.empty()) {
    pdf.heading("Sancțiuni");
    pdf.paragraph(k.sanctions);
  }
  pdf.signatures({"Pentru autoritatea contractantă", "Pentru prestator"});
  return {"contract-" + number + ".pdf", pdf.finish()};
}

// The signed copy (a scan of the contract signed by both parties), kept with the contract by the
// authority once it is signed; the parties and the programme read it.
Written contract_document_add(App& app, const Caller& c, std::int64_t id, std::string_view file, std::string_view filename) {
  return platform::upload_document<Contract>(
      app, c, "contract", id, contract_kind(), unless_contract_keeper(c.me),
      [](store::Tx&, const Contract& k) -> std::string {
        if (k.status == "draft") throw Conflict(say("contract_not_signed", "The contract is not in force"));
        return "signed_contract";
      },
      file, filename);
}

// ---------------------------------------------------------------- monitoring visits

// The platform's visits (platform/visits.hpp), to a contract in force, by whom the policy says
// (policy::contract_visit_refusal); the findings and actions read by both parties.
Written contract_visit_add(App& app, const Caller& c, std::int64_t id, const json::object& body) {
  Validator v(body);
  auto visit = platform::read_new_visit(v);
  v.finish();
  return platform::add<Contract>(
      *app.db, c, id, v, contract_kind(),
      {.action = "visit",
       .refuse = [&](store::Tx&, const Contract& k) { return policy::contract_visit_refusal(c.me, k.authority_id); },
       .check =
           [&](store::Tx&, const Contract& k, Validator&) {
             if (k.status == "draft") throw Conflict(say("contract_not_signed", "The contract is not in force"));
           },
       .insert =
           [&](store::Tx& tx, const Contract& k) {
             return platform::record_visit(tx, "contract", k.id, visit, c.me.user_id,
                                           platform::users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), k.organisation_id),
                                           k.number.value_or(""));
           }});
}

void register_contract_visits() {
  platform::register_visit_owner("contract", {[](const auth::Principal& me, store::Tx& tx, std::int64_t id) -> std::optional<Say> {
                                                auto k = find_contract(tx, id);
                                                if (!k) return say("not_found", "No such contract");
                                                return policy::contract_visit_refusal(me, k->authority_id);
                                              },
                                              [](store::Tx& tx, std::int64_t id) {
                                                auto k = find_contract(tx, id);
                                                return k ? k->number.value_or(k->lot) : std::string();
                                              },
                                              "contract_id"});
}

void register_contract_documents() {
  platform::register_document_owner("contract", {[](const auth::Principal& me, store::Tx& tx, std::int64_t id) {
                                                   auto k = find_contract(tx, id);
                                                   return k && reads_contract(me, *k);
                                                 },
                                                 [](const auth::Principal& me, store::Tx& tx, std::int64_t id) {
                                                   auto k = find_contract(tx, id);
                                                   return k && policy::may_keep_contracting(me, k->authority_id);
                                                 },
                                                 [](store::Tx&, std::int64_t) {}});
}

// ---------------------------------------------------------------- monthly reports

Written report_create(App& app, const Caller& c, std::int64_t contract_id, const json::object& body) {
  Validator v(body);
  v.only({"month"});
  auto month = read_month(v);
  return platform::add<Contract>(
      *app.db, c, contract_id, v, contract_kind(),
      {.action = "report",
       .refuse =
           [&c](store::Tx&, const Contract& k) -> std::optional<Say> {
             if (provider_of(c.me, k)) return std::nullopt;
             return say("contract_provider_only", "The contract's provider reports its months");
           },
       .check =
           [&](store::Tx& tx, const Contract& k, Validator& v) {
             if (k.status != "signed") throw Conflict(say("contract_not_signed", "The contract is not in force"));
             if (!v.ok()) return;
             if (month < k.starts_on.substr(0, 7) || month > k.ends_on.substr(0, 7)) v.add("month", "outside_term", "Outside the contract's term");
             if (month > today().substr(0, 7)) v.add("month", "in_future", "Not after this month");
             for (const auto& r : reports_of(tx, k.id))
               if (r.month == month) v.add("month", "duplicate", "The month has its report already");
           },
       .insert =
           [&](store::Tx& tx, const Contract& k) {
             MonthlyReport r;
             r.contract_id = k.id;
             r.month = month;
             auto g = generate(tx, k, month);
             r.lines = std::move(g.lines);
             r.log_seen = seen_text(g.seen);
             totals(r);
             r.id = insert_report(tx, r);
             auto made = *find_report(tx, r.id);
             return platform::Added{{report_json(tx, {made, k}, &g.log), made.version, 201}, bj::object{{"report_id", made.id}, {"month", month}}};
           }});
}

Written report_preview(App& app, const auth::Principal& me, std::int64_t contract_id, const std::string& month) {
  const json::object query{{"month", month}};  // the validator reads it by reference
  Validator v(query);
  read_month(v);
  v.finish();
  auto tx = app.db->read();
  const auto k = readable_contract(tx, me, contract_id);
  MonthlyReport r;
  r.contract_id = k.id;
  r.month = month;
  auto g = generate(tx, k, month);
  r.lines = std::move(g.lines);
  totals(r);
  return {report_json(tx, {r, k}, &g.log)};
}

Written report_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto x = report_kind().find(tx, id);
  if (!x) throw NotFound(say("not_found", "No such report"));
  if (!reads_contract(me, x->c)) throw Forbidden(say("contract_hidden", "A contract is read by its parties and the programme"));
  return {report_json(tx, *x), x->r.version};
}

// The provider's claims: a subset of the log, never more than it holds; the corrections as generated.
Written report_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"lines"});
  std::vector<ReportLine> claimed;
  v.each_object("lines", Need::Required, 2000, [&](Validator& l, std::size_t) {
    l.only({"person_code", "units"});
    ReportLine x;
    x.person_code = l.text("person_code", Need::Required, 20).value_or("");
    x.units = l.integer("units", Need::Required, 0, 100000).value_or(0);
    claimed.push_back(std::move(x));
  });
  MonthlyReport changed;
  return platform::change<ReportCtx>(*app.db, c, id, version, v, report_kind(),
                                     {.action = "update",
                                      .refuse = unless_report_provider(c.me),
                                      .check =
                                          [&](store::Tx& tx, const ReportCtx& x, Validator& v) {
                                            if (x.r.status != "draft" && x.r.status != "returned")
                                              throw Conflict(say("report_not_editable", "Only a draft or returned report changes"));
                                            auto g = generate(tx, x.c, x.r.month);
                                            const auto& log = g.log;
                                            for (auto& e : claim_errors(claimed, log)) v.add(e.field, e.code, e.message, e.params);
                                            changed = x.r;
                                            changed.lines.clear();
                                            for (const auto& cl : claimed) {
                                              auto it = std::find_if(log.begin(), log.end(), [&](const Recorded& r) { return r.code == cl.person_code; });
                                              if (it == log.end() || cl.units == 0) continue;
                                              ReportLine l;
                                              l.person_id = it->person_id;
                                              l.person_code = it->code;
                                              l.units = cl.units;
                                              l.recorded = it->units;
                                              l.days_present = it->days_present;
                                              l.days_absent = it->days_absent;
                                              l.amount_minor = cl.units * x.c.unit_price_minor;
                                              changed.lines.push_back(std::move(l));
                                            }
                                            for (const auto& l : g.lines)
                                              if (l.corrects) changed.lines.push_back(l);
                                            changed.log_seen = seen_text(g.seen);
                                            totals(changed);
                                          },
                                      .apply = [&](store::Tx& tx, const ReportCtx& x) { return update_report(tx, changed, x.r.version); },
                                      .before = {},
                                      .after = [](store::Tx&, const ReportCtx& x) -> bj::value {
                                        return bj::object{{"units", x.r.units}, {"amount_minor", x.r.amount_minor}};
                                      }});
}

Written report_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  MonthlyReport changed;
  std::string level;
  return platform::change<ReportCtx>(
      *app.db, c, id, version, v, report_kind(),
      {.action = "submit",
       .refuse = unless_report_provider(c.me),
       .check =
           [&](store::Tx& tx, const ReportCtx& x, Validator&) {
             if (x.r.status != "draft" && x.r.status != "returned") throw Conflict(say("report_not_editable", "Only a draft or returned report changes"));
             // The claims against the log as it is now.
             std::vector<ReportLine> claims;
             for (const auto& l : x.r.lines)
               if (!l.corrects) claims.push_back(l);
             if (auto e = claim_errors(claims, recorded(tx, x.c, x.r.month)); !e.empty()) throw Invalid(e);
             auto before = used_of(tx, x.c, x.r.id).units;
             if (before + x.r.units > x.c.max_volume)
               throw Conflict(say("volume_exceeded", "The report would pass the contract's maximum volume: {left} left",
                                  {{"left", std::to_string(std::max<std::int64_t>(0, x.c.max_volume - before))}}));
             level = volume_level(before + x.r.units, x.c.max_volume);
             changed = x.r;
             changed.status = "submitted";
             changed.submitted_at = now_iso();
             changed.submitted_by = c.me.user_id;
             changed.returned_reason.reset();
           },
       .apply =
           [&](store::Tx& tx, const ReportCtx& x) {
             if (!update_report(tx, changed, x.r.version)) return false;
             auto keepers = platform::users_with_role(tx, policy::role_of(policy::Audience::AuthorityStaff), {}, x.c.authority_id);
             platform::notify(tx, keepers, "contract_report_submitted", "contract_report", x.r.id,
                              {{"number", x.c.number.value_or("")}, {"month", x.r.month}});
             if (level != "ok")
               platform::notify(tx, keepers, level == "full" ? "contract_volume_full" : "contract_volume_warning", "contract", x.c.id,
                                {{"number", x.c.number.value_or("")}});
             return true;
           },
       .before = {},
       .after = [](store::Tx&, const ReportCtx& x) -> bj::value { return bj::object{{"units", x.r.units}, {"amount_minor", x.r.amount_minor}}; }});
}

// Verified line by line: refused lines (each with its reason) are paid nothing; the rest is frozen
// as the month's invoice.
Written report_approve(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"refused"});
  std::map<std::string, std::string> refused;
  v.each_object("refused", Need::Optional, 2000, [&](Validator& l, std::size_t) {
    l.only({"person_code", "reason"});
    auto code = l.text("person_code", Need::Required, 20).value_or("");
    refused[code] = l.reason("reason", 5, 2000);
  });
  MonthlyReport changed;
  return platform::change<ReportCtx>(
      *app.db, c, id, version, v, report_kind(),
      {.action = "approve",
       .refuse = unless_report_keeper(c.me),
       .check =
           [&](store::Tx&, const ReportCtx& x, Validator& v) {
             if (x.r.status != "submitted") throw Conflict(say("report_not_submitted", "Only a submitted report is verified"));
             changed = x.r;
             for (const auto& [code, why] : refused) {
               auto it = std::find_if(changed.lines.begin(), changed.lines.end(), [&](const ReportLine& l) { return l.person_code == code && !l.corrects; });
               if (it == changed.lines.end()) {
                 v.add("refused", "not_found", "No line of this person: {code}", {{"code", code}});
                 continue;
               }
               it->refused = true;
               it->refusal = why;
             }
             totals(changed);
             changed.status = "approved";
             changed.approved_at = now_iso();
             changed.verified_by = c.me.user_id;
             changed.invoice_number = "F-" + x.c.number.value_or(std::to_string(x.c.id)) + "-" + x.r.month;
           },
       .apply =
           [&](store::Tx& tx, const ReportCtx& x) {
             if (!update_report(tx, changed, x.r.version)) return false;
             platform::clear(tx, "contract_report", x.r.id, {"contract_report_submitted"});
             platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), x.c.organisation_id),
                              "contract_report_approved", "contract_report", x.r.id, {{"number", x.c.number.value_or("")}, {"month", x.r.month}});
             platform::emit(tx, {.type = "contract_report.approved",
                                 .entity = "contract_report",
                                 .entity_id = x.r.id,
                                 .audience = policy::EventAudience::Programme,
                                 .organisations = {x.c.organisation_id},
                                 .authorities = {x.c.authority_id},
                                 .data = {{"report_id", x.r.id}, {"contract_id", x.c.id}, {"number", x.c.number.value_or("")}, {"month", x.r.month},
                                          {"units", changed.units}, {"amount_minor", changed.amount_minor},
                                          {"invoice_number", nullable(changed.invoice_number)}}});
             return true;
           },
       .before = {},
       .after = [](store::Tx&, const ReportCtx& x) -> bj::value {
         return bj::object{{"invoice_number", nullable(x.r.invoice_number)}, {"units", x.r.units}, {"amount_minor", x.r.amount_minor}};
       }});
}

Written report_return(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.reason("reason", 10, 4000);
  MonthlyReport changed;
  return platform::change<ReportCtx>(*app.db, c, id, version, v, report_kind(),
                                     {.action = "return",
                                      .refuse = unless_report_keeper(c.me),
                                      .check =
                                          [&](store::Tx&, const ReportCtx& x, Validator&) {
                                            if (x.r.status != "submitted") throw Conflict(say("report_not_submitted", "Only a submitted report is verified"));
                                            changed = x.r;
                                            changed.status = "returned";
                                            changed.returned_reason = reason;
                                          },
                                      .apply =
                                          [&](store::Tx& tx, const ReportCtx& x) {
                                            if (!update_report(tx, changed, x.r.version)) return false;
                                            platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), x.c.organisation_id),
                                                             "contract_report_returned", "contract_report", x.r.id,
                                                             {{"number", x.c.number.value_or("")}, {"month", x.r.month}});
                                            return true;
                                          },
                                      .before = {},
                                      .after = [&](store::Tx&, const ReportCtx&) -> bj::value { return bj::object{{"reason", reason}}; }});
}

Written report_pay(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"paid_on", "payment_ref", "amount_minor"});
  auto on = v.date("paid_on", Need::Required);
  auto ref = v.text("payment_ref", Need::Required, 60);
  auto amount = v.integer("amount_minor", Need::Optional, 0, INT64_MAX / 4);
  MonthlyReport changed;
  return platform::change<ReportCtx>(
      *app.db, c, id, version, v, report_kind(),
      {.action = "pay",
       .refuse = unless_report_keeper(c.me),
       .check =
           [&](store::Tx&, const ReportCtx& x, Validator& v) {
             if (x.r.status == "paid") throw Conflict(say("report_paid", "The report is paid already"));
             if (x.r.status != "approved") throw Conflict(say("report_not_approved", "Only a verified and approved report is paid"));
             if (on && *on > today()) v.add("paid_on", "in_future", "Not after today");
             if (amount && *amount > x.r.amount_minor) v.add("amount_minor", "above_invoice", "More than the invoice");
             changed = x.r;
             changed.status = "paid";
             changed.paid_on = on;
             changed.payment_ref = ref;
             changed.paid_minor = amount.value_or(x.r.amount_minor);
           },
       .apply =
           [&](store::Tx& tx, const ReportCtx& x) {
             if (!update_report(tx, changed, x.r.version)) return false;
             tally_report_paid(tx, x.c, *changed.paid_on, *changed.paid_minor);
             return true;
           },
       .before = {},
       .after = [](store::Tx&, const ReportCtx& x) -> bj::value {
         return bj::object{{"paid_on", nullable(x.r.paid_on)}, {"payment_ref", nullable(x.r.payment_ref)}, {"paid_minor", nullable(x.r.paid_minor)}};
       }});
}

std::map<std::string, std::vector<Recorded>> recorded_months(store::Tx& tx, const Contract& c, const std::string& from_month,
                                                             const std::string& to_month) {
  auto type_unit = services::service_type_unit(tx, c.type_code);
  std::map<std::string, std::vector<Recorded>> out;
  for (const auto& [month, people] : services::delivered_in_months(tx, service_ids(c), from_month, to_month)) {
    auto& v = out[month];
    for (const auto& p : people)
      v.push_back({p.person_id, p.code, contract_units(c.unit, type_unit, p.units, p.days_present), p.days_present,
                   std::max(0, p.days_enrolled - p.days_present)});
  }
  return out;
}

std::vector<Recorded> recorded(store::Tx& tx, const Contract& c, const std::string& month) {
  auto by = recorded_months(tx, c, month, month);
  return std::move(by[month]);
}
}  // namespace sp::contracting
