#include "platform/events.hpp"
#include "modules/contracting/operations.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "modules/contracting/kinds.hpp"
#include "modules/contracting/repo.hpp"
#include "modules/contracting/rules.hpp"
#include "modules/costing/costing.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"
#include "platform/directory.hpp"
#include "platform/notifications.hpp"
#include "platform/policy.hpp"

namespace sp::contracting {
namespace {
namespace bj = boost::json;

// ---- whose: the authority of the caller, and the facts the policy decides on

// The authority the caller keeps contracting for (403 for anyone else).
registry::Authority my_authority(store::Tx& tx, const auth::Principal& me) {
  if (!me.authority_id || !policy::may_keep_contracting(me, *me.authority_id))
    throw Forbidden(say("contracting_authority_only", "Needs, plans and purchases are kept by a public authority's staff"));
  auto a = registry::find_authority(tx, *me.authority_id);
  if (!a) throw Forbidden(say("contracting_authority_only", "Needs, plans and purchases are kept by a public authority's staff"));
  return *a;
}

std::string authority_name(store::Tx& tx, std::int64_t id) {
  auto a = registry::find_authority(tx, id);
  return a ? a->name : std::string();
}
std::string district_of(store::Tx& tx, std::int64_t authority_id) {
  auto a = registry::find_authority(tx, authority_id);
  return a ? a->district.value_or("") : std::string();
}

platform::Refusal<Needs> unless_needs_keeper(const auth::Principal& me) {
  return [&me](store::Tx&, const Needs& n) -> std::optional<Say> {
    if (policy::may_keep_contracting(me, n.authority_id)) return std::nullopt;
    return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
  };
}

// A line's locality must lie in the authority's district.
void check_locality(store::Tx& tx, Validator& v, const std::string& field, const std::optional<std::string>& locality, const std::string& district) {
  if (!locality) return;
  auto u = registry::find_unit(tx, *locality);
  if (!u || u->level != 1 || u->parent_code.value_or("") != district)
    v.add(field, "not_in_district", "Not a locality of the authority's district");
}

// ---------------------------------------------------------------- needs

std::int64_t expected_of(const NeedLine& l) { return (l.eligible * l.take_up_pct * 2 + 100) / 200; }

// The people served and waiting in a district, from the services' records: read once per district
// when a list shows many assessments.
using DistrictCounts = std::map<std::string, std::map<std::pair<std::string, std::string>, services::ServedWaiting>>;

bj::object needs_json(store::Tx& tx, const Needs& n, DistrictCounts* cache = nullptr) {
  auto district = district_of(tx, n.authority_id);
  DistrictCounts own;
  auto& by = cache ? *cache : own;
  auto known = by.find(district);
  if (known == by.end()) known = by.emplace(district, services::served_and_waiting(tx, district)).first;
  const auto& counts = known->second;
  std::vector<std::string> places;
  for (const auto& l : n.lines)
    if (l.locality) places.push_back(*l.locality);
  auto names = registry::unit_names(tx, places);
  // Served and waiting per line, suppressed per target group so that no hidden count is the others'
  // difference (services' suppress_group): the lines of a group add up like a district's people do.
  std::map<std::string, std::vector<std::size_t>> by_group;
  for (std::size_t i = 0; i < n.lines.size(); ++i) by_group[n.lines[i].target_group].push_back(i);
  std::vector<services::Shown> served_how(n.lines.size()), waiting_how(n.lines.size());
  std::vector<services::ServedWaiting> true_counts(n.lines.size());
  for (std::size_t i = 0; i < n.lines.size(); ++i) {
    const auto& l = n.lines[i];
    if (l.locality) {
      auto it = counts.find({l.target_group, *l.locality});
      if (it != counts.end()) true_counts[i] = it->second;
    } else {
      for (const auto& [k, c] : counts)
        if (k.first == l.target_group) {
          true_counts[i].served += c.served;
          true_counts[i].waiting += c.waiting;
        }
    }
  }
  for (const auto& [g, idx] : by_group) {
    std::vector<std::int64_t> s, w;
    for (auto i : idx) {
      s.push_back(true_counts[i].served);
      w.push_back(true_counts[i].waiting);
    }
    auto sh = services::suppress_group(s), wh = services::suppress_group(w);
    for (std::size_t k = 0; k < idx.size(); ++k) {
      served_how[idx[k]] = sh[k];
      waiting_how[idx[k]] = wh[k];
    }
  }
  bj::array lines;
  std::int64_t expected_total = 0;
  for (std::size_t i = 0; i < n.lines.size(); ++i) {
    const auto& l = n.lines[i];
    auto expected = expected_of(l);
    expected_total += expected;
    bj::object o{{"target_group", l.target_group},
                 {"locality", nullable(l.locality)},
                 {"locality_name", l.locality ? bj::value(names.count(*l.locality) ? names[*l.locality] : *l.locality) : bj::value(nullptr)},
                 {"eligible", l.eligible},
                 {"take_up_pct", l.take_up_pct},
                 {"priority", l.priority},
                 {"note", nullable(l.note)},
                 {"expected", expected},
                 {"served", services::shown(true_counts[i].served, served_how[i])},
                 {"waiting", services::shown(true_counts[i].waiting, waiting_how[i])}};
    // The gap (expected less served) only where the served count is shown; otherwise at most what
    // the hidden count allows (a hidden count is at least 1, or at least 5 where it hides another).
    if (served_how[i] == services::Shown::Value) {
      o["gap"] = std::max<std::int64_t>(0, expected - true_counts[i].served);
      o["gap_at_most"] = nullptr;
    } else {
      o["gap"] = nullptr;
      o["gap_at_most"] = std::max<std::int64_t>(0, expected - (served_how[i] == services::Shown::Small ? 1 : 5));
    }
    lines.push_back(std::move(o));
  }
  return {{"id", n.id},
          {"authority_id", n.authority_id},
          {"authority_name", authority_name(tx, n.authority_id)},
          {"district", district},
          {"year", n.year},
          {"lines", std::move(lines)},
          {"expected_total", expected_total},
          {"note", nullable(n.note)},
          {"version", n.version},
          {"created_at", n.created_at},
          {"updated_at", n.updated_at}};
}

platform::Kind<Needs> needs_kind() {
  return {.not_found = "No such needs assessment",
          .stale = "The needs assessment changed since you read it",
          .find = find_needs,
          .version = [](const Needs& n) { return n.version; },
          .subject = [](const Needs& n) { return platform::Subject{"needs_assessment", n.id, std::to_string(n.year)}; },
          .show = [](store::Tx& tx, const Needs& n) { return needs_json(tx, n); }};
}

void check_need_lines(store::Tx& tx, Validator& v, const std::vector<NeedLine>& lines, const std::string& district) {
  for (std::size_t i = 0; i < lines.size(); ++i) check_locality(tx, v, "lines[" + std::to_string(i) + "].locality", lines[i].locality, district);
}

// ---------------------------------------------------------------- plans

// An item valued at the approved standard's unit cost (the plan's year; the district's standard,
// else the country's), and its procedure by the thresholds in force.
bj::object item_json(store::Tx& tx, const PlanItem& i, const std::string& district, int year, const std::optional<Thresholds>& t,
                     std::int64_t& total) {
  auto o = to_json(std::vector<PlanItem>{i}).at(0).as_object();
  auto s = costing::standard_for(tx, i.type_code, district, year);
  std::optional<std::int64_t> cost;
  if (s) cost = standard_unit_cost(*s, i.unit);
  o["standard_id"] = s ? bj::value(s->id) : bj::value(nullptr);
  o["standard_number"] = s ? bj::value(s->number) : bj::value(nullptr);
  o["standard_territory"] = s ? bj::value(s->territory) : bj::value(nullptr);
  o["unit_cost_minor"] = nullable(cost);
  o["missing"] = !s ? bj::value("no_standard") : !cost ? bj::value("no_unit_cost") : bj::value(nullptr);
  if (cost) {
    auto value = *cost * i.volume;
    total += value;
    o["estimated_minor"] = value;
    o["procedure"] = i.route != "procurement" ? i.route : t ? procedure_for(value, *t) : std::string();
  } else {
    o["estimated_minor"] = nullptr;
    o["procedure"] = i.route != "procurement" ? bj::value(i.route) : bj::value(nullptr);
  }
  return o;
}

bj::object plan_json(store::Tx& tx, const Plan& p) {
  auto district = district_of(tx, p.authority_id);
  auto t = thresholds_on(tx, std::to_string(p.year) + "-01-01");
  if (!t) t = thresholds_on(tx, today());
  bj::array items;
  std::int64_t total = 0;
  for (const auto& i : p.items) items.push_back(item_json(tx, i, district, p.year, t, total));
  return {{"id", p.id},
          {"authority_id", p.authority_id},
          {"authority_name", authority_name(tx, p.authority_id)},
          {"district", district},
          {"year", p.year},
          {"budget_line", p.budget_line},
          {"budget_minor", p.budget_minor},
          {"items", std::move(items)},
          {"total_minor", total},
          {"over_budget_minor", std::max<std::int64_t>(0, total - p.budget_minor)},
          {"thresholds", t ? bj::value(to_json(*t)) : bj::value(nullptr)},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

platform::Kind<Plan> plan_kind() {
  return {.not_found = "No such purchase plan",
          .stale = "The purchase plan changed since you read it",
          .find = find_plan,
          .version = [](const Plan& p) { return p.version; },
          .subject = [](const Plan& p) { return platform::Subject{"purchase_plan", p.id, std::to_string(p.year)}; },
          .show = plan_json};
}

void check_plan_items(store::Tx& tx, Validator& v, const std::vector<PlanItem>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto at = "items[" + std::to_string(i) + "]";
    if (!items[i].type_code.empty() && !services::service_type_known(tx, items[i].type_code)) v.add(at + ".type_code", "not_found", "No such service type");
    else if (!items[i].unit.empty() && items[i].unit != "beneficiary_month" && items[i].unit != services::service_type_unit(tx, items[i].type_code))
      v.add(at + ".unit", "unit_of_type", "Beneficiary-months or the type's own unit ({unit})", {{"unit", services::service_type_unit(tx, items[i].type_code)}});
  }
}

// ---------------------------------------------------------------- purchases

}  // namespace

bj::object purchase_json(store::Tx& tx, const auth::Principal& me, const Purchase& p, bool whole) {
  auto now = now_iso();
  auto status = effective_status(p, now);
  const bool keeper = policy::may_keep_contracting(me, p.authority_id);
  bj::object o{{"id", p.id},
               {"number", nullable(p.number)},
               {"authority_id", p.authority_id},
               {"authority_name", authority_name(tx, p.authority_id)},
               {"year", p.year},
               {"title", p.title},
               {"description", nullable(p.description)},
               {"type_code", p.type_code},
               {"unit", p.unit},
               {"route", p.route},
               {"procedure", p.procedure.empty() ? bj::value(nullptr) : bj::value(p.procedure)},
               {"allowances_minor", p.allowances_minor},
               {"copayment_minor", p.copayment_minor},
               {"lots", to_json(p.lots)},
               {"criteria", to_json(p.criteria)},
               {"price_weight", p.price_weight},
               {"documents", to_json(p.documents)},
               {"min_volume", p.min_volume()},
               {"max_volume", p.max_volume()},
               {"starts_on", p.starts_on},
               {"ends_on", p.ends_on},
               {"clarification_deadline", nullable(p.clarification_deadline)},
               {"offer_deadline", nullable(p.offer_deadline)},
               {"standstill_days", p.standstill_days},
               {"standard_id", nullable(p.standard_id)},
               {"standard_number", nullable(p.standard_number)},
               {"standard_territory", nullable(p.standard_territory)},
               {"standard_unit_cost_minor", nullable(p.standard_unit_cost_minor)},
               {"ceiling_minor", nullable(p.ceiling_minor)},
               {"estimated_minor", nullable(p.estimated_minor)},
               {"status", status},
               {"published_at", nullable(p.published_at)},
               {"cancel_reason", nullable(p.cancel_reason)},
               {"amendments", p.amendments},
               {"version", p.version},
               {"created_at", p.created_at},
               {"updated_at", p.updated_at}};
  if (whole) {
    bj::array am;
    for (const auto& a : amendments_of(tx, p.id))
      am.push_back({{"number", a.number},
                    {"summary", a.summary},
                    {"changes", bj::parse(a.changes)},
                    {"offer_content", a.offer_content},
                    {"offer_deadline_before", nullable(a.offer_deadline_before)},
                    {"offer_deadline_after", nullable(a.offer_deadline_after)},
                    {"created_at", a.created_at}});
    o["amendment_list"] = std::move(am);
    o["committee"] = bj::value_from(p.committee);
    o["score_gap"] = p.score_gap;
    o["awarded_at"] = nullable(p.awarded_at);
    o["announced_at"] = nullable(p.announced_at);
    o["standstill_until"] = nullable(p.standstill_until);
    // The frozen ranking: the authority and the programme; each provider its own lines once announced.
    bj::array ranking, mine;
    if (p.ranking)
      for (const auto& r : lot_ranks_of(bj::parse(*p.ranking))) {
        auto row = to_json(std::vector<LotRank>{r}).at(0).as_object();
        if (policy::may_read_contracting_plans(me, p.authority_id)) ranking.push_back(row);
        else if (p.announced_at && me.organisation_id && *me.organisation_id == r.organisation_id) mine.push_back(row);
      }
    o["ranking"] = std::move(ranking);
    o["my_result"] = std::move(mine);
    bj::array complaints;
    bool complaint_open = false;
    for (const auto& k : complaints_of(tx, p.id)) {
      complaint_open = complaint_open || k.status == "open";
      if (policy::may_read_contracting_plans(me, p.authority_id) || (me.organisation_id && *me.organisation_id == k.organisation_id))
        complaints.push_back({{"id", k.id}, {"text", k.text}, {"status", k.status}, {"decision", nullable(k.decision)}, {"lodged_at", k.lodged_at},
                              {"decided_at", nullable(k.decided_at)}, {"version", k.version}});
    }
    o["complaints"] = std::move(complaints);
    const bool standstill_over = p.status == "standstill" && p.standstill_until && today() > *p.standstill_until;
    const bool open = status == "published" || status == "clarifications";
    o["may"] = {{"edit", keeper && (p.status == "draft" || p.status == "cost_approved")},
                {"approve_cost", keeper && (p.status == "draft" || p.status == "cost_approved")},
                {"publish", keeper && p.status == "cost_approved"},
                {"amend", keeper && open},
                {"cancel", keeper && p.status != "signed" && p.status != "cancelled"},
                {"ask", policy::may_offer(me) && status == "published"},
                {"offer", policy::may_offer(me) && open},
                {"open_offers", keeper && status == "evaluation" && p.status == "published"},
                {"award", keeper && p.status == "evaluation"},
                {"announce", keeper && p.status == "awarded"},
                {"complain", policy::may_offer(me) && p.status == "standstill" && p.standstill_until && today() <= *p.standstill_until},
                {"keep", keeper},
                {"decide_complaints", keeper && complaint_open},
                {"draw_contracts", keeper && standstill_over && !complaint_open}};
  }
  return o;
}

platform::Kind<Purchase> purchase_kind(const auth::Principal& me) {
  return {.not_found = "No such purchase",
          .stale = "The purchase changed since you read it",
          .find = find_purchase,
          .version = [](const Purchase& p) { return p.version; },
          .subject = [](const Purchase& p) { return platform::Subject{"purchase", p.id, p.number.value_or(p.title)}; },
          .show = [&me](store::Tx& tx, const Purchase& p) { return purchase_json(tx, me, p, true); }};
}

platform::Refusal<Purchase> unless_purchase_keeper(const auth::Principal& me) {
  return [&me](store::Tx&, const Purchase& p) -> std::optional<Say> {
    if (policy::may_keep_contracting(me, p.authority_id)) return std::nullopt;
    return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
  };
}

bool published(const Purchase& p) { return p.status != "draft" && p.status != "cost_approved"; }

Purchase readable_purchase(store::Tx& tx, const auth::Principal& me, std::int64_t id) {
  auto p = find_purchase(tx, id);
  if (!p) throw NotFound(say("not_found", "No such purchase"));
  if (!policy::may_read_purchase(me, p->authority_id, published(*p)))
    throw Forbidden(say("purchase_not_published", "The purchase is not published yet"));
  return *p;
}

namespace {
// The purchase's references: the type known, its unit beneficiary-months or the type's own, each
// lot's locality in the authority's district.
void check_purchase_refs(store::Tx& tx, Validator& v, const Purchase& p) {
  if (!p.type_code.empty() && !services::service_type_known(tx, p.type_code)) v.add("type_code", "not_found", "No such service type");
  else if (!p.unit.empty() && !p.type_code.empty() && p.unit != "beneficiary_month" && p.unit != services::service_type_unit(tx, p.type_code))
    v.add("unit", "unit_of_type", "Beneficiary-months or the type's own unit ({unit})", {{"unit", services::service_type_unit(tx, p.type_code)}});
  auto district = district_of(tx, p.authority_id);
  for (std::size_t i = 0; i < p.lots.size(); ++i) check_locality(tx, v, "lots[" + std::to_string(i) + "].locality", p.lots[i].locality, district);
}

}  // namespace

std::string organisation_name(store::Tx& tx, std::int64_t id) {
  auto names = registry::organisation_names(tx, {id});
  return names.count(id) ? names[id] : std::string();
}

// Who hears of a purchase: the staff of every provider accredited for its type on the offer deadline
// (or today), and of those who asked a question.
std::vector<std::int64_t> interested(store::Tx& tx, const Purchase& p) {
  std::set<std::int64_t> orgs;
  auto on = p.offer_deadline ? utc_to_chisinau(*p.offer_deadline).substr(0, 10) : today();
  for (auto o : services::accredited_providers(tx, p.type_code, on)) orgs.insert(o);
  for (const auto& c : clarifications_of(tx, p.id)) orgs.insert(c.organisation_id);
  std::vector<std::int64_t> users;
  auto role = policy::role_of(policy::Audience::CsoStaff);
  for (auto o : orgs)
    for (auto u : platform::users_with_role(tx, role, o)) users.push_back(u);
  return users;
}

namespace {
// The fields of a purchase an amendment may change, as the API shows them.
bj::object purchase_fields(const Purchase& p) {
  return {{"title", p.title},
          {"description", nullable(p.description)},
          {"unit", p.unit},
          {"allowances_minor", p.allowances_minor},
          {"copayment_minor", p.copayment_minor},
          {"lots", to_json(p.lots)},
          {"criteria", to_json(p.criteria)},
          {"price_weight", p.price_weight},
          {"documents", to_json(p.documents)},
          {"starts_on", p.starts_on},
          {"ends_on", p.ends_on},
          {"clarification_deadline", nullable(p.clarification_deadline)},
          {"offer_deadline", nullable(p.offer_deadline)},
          {"standstill_days", p.standstill_days}};
}

bj::value changes_json(const Purchase& a, const Purchase& b) {
  auto x = purchase_fields(a), y = purchase_fields(b);
  bj::object out;
  for (const auto& [k, v] : y)
    if (!x.contains(k) || bj::serialize(x.at(k)) != bj::serialize(v)) out[k] = {{"before", x.contains(k) ? x.at(k) : bj::value(nullptr)}, {"after", v}};
  return out;
}
}  // namespace


namespace {
// An authority's needs and plans are read by its staff and the programme (403 for anyone else).
void plans_readable(const auth::Principal& me, std::int64_t authority_id) {
  if (!policy::may_read_contracting_plans(me, authority_id))
    throw Forbidden(say("contracting_plans_hidden", "An authority's needs and plans are read by its staff and the programme"));
}
// Whose needs and plans a list shows: the authority asked for (if the reader may read it), else the
// reader's own authority's, or every authority's for the programme (0).
std::int64_t plans_in_view(const auth::Principal& me, std::optional<std::int64_t> authority_id) {
  std::int64_t of = authority_id.value_or(0);
  if (!of && !policy::reads_portfolio(me)) of = me.authority_id.value_or(-1);
  if (of > 0) plans_readable(me, of);
  return of;
}
}  // namespace

// ---------------------------------------------------------------- thresholds

Written thresholds_list(App& app) {
  auto tx = app.db->read();
  bj::array items;
  for (const auto& t : list_thresholds(tx)) items.push_back(to_json(t));
  return {bj::object{{"items", std::move(items)}}};
}

Written thresholds_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"valid_from", "low_value_max_minor", "open_from_minor", "standstill_days", "note"});
  Thresholds t;
  t.valid_from = v.date("valid_from", Need::Required).value_or("");
  t.low_value_max_minor = v.integer("low_value_max_minor", Need::Required, 0, INT64_MAX / 4).value_or(0);
  t.open_from_minor = v.integer("open_from_minor", Need::Required, 0, INT64_MAX / 4).value_or(0);
  t.standstill_days = static_cast<int>(v.integer("standstill_days", Need::Required, 0, 60).value_or(0));
  t.note = v.text("note", Need::Optional, 1000, true);
  if (v.ok() && t.open_from_minor <= t.low_value_max_minor)
    v.add("open_from_minor", "not_above", "Above the low-value maximum");
  return platform::create<Thresholds>(
      *app.db, c, v,
      {.not_found = "No such thresholds",
       .stale = "The thresholds changed since you read them",
       .find = find_thresholds,
       .version = [](const Thresholds& t) { return t.version; },
       .subject = [](const Thresholds& t) { return platform::Subject{"contracting_thresholds", t.id, t.valid_from}; },
       .show = [](store::Tx&, const Thresholds& t) { return to_json(t); }},
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             if (!policy::keeps_cost_parameters(c.me))
               throw Forbidden(say("contracting_thresholds_programme", "The thresholds are kept by the programme's staff"));
             for (const auto& x : list_thresholds(tx))
               if (x.valid_from == t.valid_from) v.add("valid_from", "duplicate", "Thresholds from this day exist already");
           },
       .insert = [&](store::Tx& tx) { return insert_thresholds(tx, t); },
       .audited = {}});
}

// ---------------------------------------------------------------- needs

Written needs_list(App& app, const auth::Principal& me, std::optional<std::int64_t> authority_id) {
  auto tx = app.db->read();
  auto of = plans_in_view(me, authority_id);
  bj::array items;
  DistrictCounts counts;
  for (const auto& n : list_needs(tx, of)) {
    // The gap of the whole from its lines as shown: where a line's served count is hidden, its
    // bound, so that the total never gives a hidden count back by subtraction.
    auto full = needs_json(tx, n, &counts);
    std::int64_t gap = 0;
    bool bound = false;
    for (const auto& l : full.at("lines").as_array()) {
      const auto& o = l.as_object();
      if (o.at("gap").is_int64()) gap += o.at("gap").as_int64();
      else {
        gap += o.at("gap_at_most").as_int64();
        bound = true;
      }
    }
    items.push_back({{"id", n.id},
                     {"authority_id", n.authority_id},
                     {"authority_name", full.at("authority_name")},
                     {"district", full.at("district")},
                     {"year", n.year},
                     {"lines", n.lines.size()},
                     {"expected_total", full.at("expected_total")},
                     {"gap_total", gap},
                     {"gap_at_most", bound},
                     {"updated_at", n.updated_at}});
  }
  return {bj::object{{"items", std::move(items)}}};
}

Written needs_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto n = find_needs(tx, id);
  if (!n) throw NotFound(say("not_found", "No such needs assessment"));
  plans_readable(me, n->authority_id);
  return {needs_json(tx, *n), n->version};
}

Written needs_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"year", "lines", "note"});
  Needs n;
  n.year = static_cast<int>(v.integer("year", Need::Required, 2000, 2100).value_or(0));
  n.lines = read_need_lines(v);
  n.note = v.text("note", Need::Optional, 4000, true);
  n.created_by = c.me.user_id;
  return platform::create<Needs>(*app.db, c, v, needs_kind(),
                                 {.action = "create",
                                  .check =
                                      [&](store::Tx& tx, Validator& v) {
                                        auto a = my_authority(tx, c.me);
                                        n.authority_id = a.id;
                                        check_need_lines(tx, v, n.lines, a.district.value_or(""));
                                        if (n.year && needs_of(tx, a.id, n.year))
                                          v.add("year", "duplicate", "This year's needs are assessed already: change that assessment");
                                      },
                                  .insert = [&](store::Tx& tx) { return insert_needs(tx, n); },
                                  .audited = {}});
}

Written needs_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"lines", "note"});
  auto lines = read_need_lines(v);
  auto note = v.text("note", Need::Optional, 4000, true);
  Needs changed;
  return platform::change<Needs>(*app.db, c, id, version, v, needs_kind(),
                                 {.action = "update",
                                  .refuse = unless_needs_keeper(c.me),
                                  .check =
                                      [&](store::Tx& tx, const Needs& n, Validator& v) {
                                        check_need_lines(tx, v, lines, district_of(tx, n.authority_id));
                                        changed = n;
                                        changed.lines = lines;
                                        changed.note = note;
                                      },
                                  .apply = [&](store::Tx& tx, const Needs& n) { return update_needs(tx, changed, n.version); },
                                  .before = [](store::Tx& tx, const Needs& n) -> bj::value { return needs_json(tx, n); },
                                  .after = {}});
}

// ---------------------------------------------------------------- plans

Written plans_list(App& app, const auth::Principal& me, std::optional<std::int64_t> authority_id) {
  auto tx = app.db->read();
  auto of = plans_in_view(me, authority_id);
  bj::array items;
  for (const auto& p : list_plans(tx, of)) {
    auto full = plan_json(tx, p);
    items.push_back({{"id", p.id},
                     {"authority_id", p.authority_id},
                     {"authority_name", full.at("authority_name")},
                     {"year", p.year},
                     {"items", p.items.size()},
                     {"budget_minor", p.budget_minor},
                     {"total_minor", full.at("total_minor")},
                     {"updated_at", p.updated_at}});
  }
  return {bj::object{{"items", std::move(items)}}};
}

Written plan_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto p = find_plan(tx, id);
  if (!p) throw NotFound(say("not_found", "No such purchase plan"));
  plans_readable(me, p->authority_id);
  return {plan_json(tx, *p), p->version};
}

Written plan_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"year", "budget_line", "budget_minor", "items"});
  Plan p;
  p.year = static_cast<int>(v.integer("year", Need::Required, 2000, 2100).value_or(0));
  p.budget_line = v.text("budget_line", Need::Optional, 200).value_or("");
  p.budget_minor = v.integer("budget_minor", Need::Required, 0, INT64_MAX / 4).value_or(0);
  p.items = read_plan_items(v);
  p.created_by = c.me.user_id;
  return platform::create<Plan>(*app.db, c, v, plan_kind(),
                                {.action = "create",
                                 .check =
                                     [&](store::Tx& tx, Validator& v) {
                                       p.authority_id = my_authority(tx, c.me).id;
                                       check_plan_items(tx, v, p.items);
                                       if (p.year && plan_of(tx, p.authority_id, p.year))
                                         v.add("year", "duplicate", "This year's plan exists already: change that plan");
                                     },
                                 .insert = [&](store::Tx& tx) { return insert_plan(tx, p); },
                                 .audited = {}});
}

Written plan_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"budget_line", "budget_minor", "items"});
  auto line = v.text("budget_line", Need::Optional, 200);
  auto budget = v.integer("budget_minor", Need::Optional, 0, INT64_MAX / 4);
  auto items = v.has("items") ? std::optional(read_plan_items(v)) : std::nullopt;
  Plan changed;
  return platform::change<Plan>(*app.db, c, id, version, v, plan_kind(),
                                {.action = "update",
                                 .refuse =
                                     [&c](store::Tx&, const Plan& p) -> std::optional<Say> {
                                       if (policy::may_keep_contracting(c.me, p.authority_id)) return std::nullopt;
                                       return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
                                     },
                                 .check =
                                     [&](store::Tx& tx, const Plan& p, Validator& v) {
                                       changed = p;
                                       if (line) changed.budget_line = *line;
                                       if (budget) changed.budget_minor = *budget;
                                       if (items) changed.items = *items;
                                       check_plan_items(tx, v, changed.items);
                                     },
                                 .apply = [&](store::Tx& tx, const Plan& p) { return update_plan(tx, changed, p.version); },
                                 .before = [](store::Tx& tx, const Plan& p) -> bj::value { return plan_json(tx, p); },
                                 .after = {}});
}

// ---------------------------------------------------------------- purchases

Written purchases_list(App& app, const auth::Principal& me, const PurchaseQuery& q) {
  auto tx = app.db->read();
  PurchaseFilter f;
  f.authority_id = q.authority_id;
  f.type_code = q.type_code;
  f.year = q.year;
  // Stored states; the time-derived ones (clarifications, evaluation) are published ones.
  if (q.status) f.status = *q.status == "clarifications" || *q.status == "evaluation" ? std::string("published") : *q.status;
  if (!policy::reads_portfolio(me)) {
    if (me.authority_id && policy::may_keep_contracting(me, *me.authority_id)) f.authority_or_published = *me.authority_id;
    else f.published_only = true;
  }
  auto now = now_iso();
  bj::array items;
  std::int64_t last = 0;
  bool more = false;
  std::int64_t before = q.before;
  // The time-derived states are filtered after reading, a page at a time.
  while (items.size() < static_cast<std::size_t>(q.limit)) {
    auto rows = list_purchases(tx, f, q.limit + 1, before);
    for (const auto& p : rows) {
      if (items.size() == static_cast<std::size_t>(q.limit)) {
        more = true;
        break;
      }
      before = p.id;
      if (q.status && effective_status(p, now) != *q.status) continue;
      items.push_back(purchase_json(tx, me, p, false));
      last = p.id;
    }
    if (more || rows.size() <= static_cast<std::size_t>(q.limit)) break;
  }
  return {bj::object{{"items", std::move(items)}, {"next_before", more ? bj::value(last) : bj::value(nullptr)}}};
}

Written purchase_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto p = readable_purchase(tx, me, id);
  return {purchase_json(tx, me, p, true), p.version};
}

Written purchase_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  Purchase p;
  read_purchase(v, p, Need::Required);
  p.created_by = c.me.user_id;
  return platform::create<Purchase>(*app.db, c, v, purchase_kind(c.me),
                                    {.action = "create",
                                     .check =
                                         [&](store::Tx& tx, Validator& v) {
                                           p.authority_id = my_authority(tx, c.me).id;
                                           if (!v.has("standstill_days"))
                                             if (auto t = thresholds_on(tx, today())) p.standstill_days = t->standstill_days;
                                           check_purchase_refs(tx, v, p);
                                         },
                                     .insert = [&](store::Tx& tx) { return insert_purchase(tx, p); },
                                     .audited = {}});
}

Written purchase_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  Purchase changed;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "update",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator& v) {
             if (p.status != "draft" && p.status != "cost_approved")
               throw Conflict(say("purchase_published", "A published purchase changes only by a numbered amendment"));
             changed = p;
             read_purchase(v, changed, Need::Optional);
             check_purchase_refs(tx, v, changed);
             // What the ceiling rests on changed: the cost is approved again.
             if (changed.type_code != p.type_code || changed.unit != p.unit || changed.year != p.year ||
                 changed.allowances_minor != p.allowances_minor || changed.copayment_minor != p.copayment_minor ||
                 changed.max_volume() != p.max_volume()) {
               changed.status = "draft";
               changed.standard_id.reset();
               changed.standard_number.reset();
               changed.standard_territory.reset();
               changed.standard_unit_cost_minor.reset();
               changed.ceiling_minor.reset();
               changed.estimated_minor.reset();
               changed.procedure.clear();
             }
           },
       .apply = [&](store::Tx& tx, const Purchase& p) { return update_purchase(tx, changed, p.version); },
       .before = [](store::Tx&, const Purchase& p) -> bj::value { return purchase_fields(p); },
       .after = [](store::Tx&, const Purchase& p) -> bj::value { return purchase_fields(p); }});
}

Written purchase_approve_cost(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Purchase changed;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "approve_cost",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator&) {
             if (p.status != "draft" && p.status != "cost_approved")
               throw Conflict(say("purchase_published", "A published purchase changes only by a numbered amendment"));
             auto district = district_of(tx, p.authority_id);
             auto s = costing::standard_for(tx, p.type_code, district, p.year);
             if (!s)
               throw Conflict(say("no_approved_standard",
                                  "No approved standard cost of this service type for the district or the country in {year}: approve one in costing first",
                                  {{"year", std::to_string(p.year)}}));
             auto cost = standard_unit_cost(*s, p.unit);
             if (!cost) throw Conflict(say("no_unit_cost", "The standard {number} gives no cost for this unit", {{"number", s->number}}));
             auto ceil = ceiling(*cost, p.allowances_minor, p.copayment_minor);
             if (ceil <= 0) throw Conflict(say("ceiling_not_positive", "The allowances and co-payments take the whole standard unit cost"));
             changed = p;
             changed.status = "cost_approved";
             changed.standard_id = s->id;
             changed.standard_number = s->number;
             changed.standard_territory = s->territory;
             changed.standard_unit_cost_minor = *cost;
             changed.ceiling_minor = ceil;
             changed.estimated_minor = ceil * p.max_volume();
             auto t = thresholds_on(tx, today());
             changed.procedure = p.route != "procurement" ? p.route : t ? procedure_for(*changed.estimated_minor, *t) : std::string("open");
           },
       .apply = [&](store::Tx& tx, const Purchase& p) { return update_purchase(tx, changed, p.version); },
       .before = {},
       .after = [](store::Tx&, const Purchase& p) -> bj::value {
         return bj::object{{"standard_number", nullable(p.standard_number)}, {"ceiling_minor", nullable(p.ceiling_minor)},
                           {"estimated_minor", nullable(p.estimated_minor)}, {"procedure", p.procedure}};
       }});
}

Written purchase_publish(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Purchase changed;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "publish",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator& v) {
             if (p.status == "draft")
               throw Conflict(say("purchase_cost_not_approved", "Publishing needs an approved standard cost: approve the cost first"));
             if (p.status != "cost_approved") throw Conflict(say("purchase_published", "A published purchase changes only by a numbered amendment"));
             if (!p.standard_id || !costing::find_standard(tx, *p.standard_id))
               throw Conflict(say("purchase_cost_not_approved", "Publishing needs an approved standard cost: approve the cost first"));
             for (auto& e : publish_errors(p, now_iso())) v.add(e.field, e.code, e.message, e.params);
             changed = p;
             changed.status = "published";
             changed.number = next_purchase_number(tx, p.year);
             changed.published_at = now_iso();
           },
       .apply =
           [&](store::Tx& tx, const Purchase& p) {
             if (!update_purchase(tx, changed, p.version)) return false;
             platform::notify(tx, interested(tx, changed), "purchase_published", "purchase", p.id,
                              {{"number", *changed.number}, {"title", changed.title}});
             platform::emit(tx, {.type = "purchase.published",
                                 .entity = "purchase",
                                 .entity_id = p.id,
                                 .audience = policy::EventAudience::Public,
                                 .organisations = {},
                                 .authorities = {changed.authority_id},
                                 .data = {{"purchase_id", p.id}, {"number", *changed.number}, {"title", changed.title},
                                          {"authority_id", changed.authority_id}, {"type_code", changed.type_code}}});
             return true;
           },
       .before = {},
       .after = [](store::Tx&, const Purchase& p) -> bj::value { return bj::object{{"number", nullable(p.number)}}; }});
}

Written purchase_cancel(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.reason("reason", 10, 2000);
  Purchase changed;
  return platform::change<Purchase>(*app.db, c, id, version, v, purchase_kind(c.me),
                                    {.action = "cancel",
                                     .refuse = unless_purchase_keeper(c.me),
                                     .check =
                                         [&](store::Tx&, const Purchase& p, Validator&) {
                                           if (p.status == "signed" || p.status == "cancelled")
                                             throw Conflict(say("purchase_closed", "The purchase is signed or cancelled already"));
                                           changed = p;
                                           changed.status = "cancelled";
                                           changed.cancel_reason = reason;
                                           changed.cancelled_at = now_iso();
                                         },
                                     .apply =
                                         [&](store::Tx& tx, const Purchase& p) {
                                           if (!update_purchase(tx, changed, p.version)) return false;
                                           if (published(p))
                                             platform::notify(tx, interested(tx, p), "purchase_cancelled", "purchase", p.id,
                                                              {{"number", p.number.value_or("")}, {"reason", reason}});
                                           return true;
                                         },
                                     .before = {},
                                     .after = [&](store::Tx&, const Purchase&) -> bj::value { return bj::object{{"reason", reason}}; }});
}

Written purchase_amend(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"summary", "changes"});
  auto summary = v.reason("summary", 10, 2000);
  const auto* changes = v.object("changes", Need::Required);
  Purchase changed;
  Amendment am;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "amend",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator& v) {
             auto now = now_iso();
             auto status = effective_status(p, now);
             if (status != "published" && status != "clarifications")
               throw Conflict(say("purchase_not_amendable", "Only a published purchase is amended, before its offer deadline"));
             if (!changes) return;
             for (const char* k : {"year", "type_code", "route"})
               if (changes->contains(k)) v.add(std::string("changes.") + k, "not_amendable", "Cannot be amended: cancel and publish anew");
             if (!v.ok()) return;
             json::object only = *changes;
             for (const char* k : {"year", "type_code", "route"}) only.erase(k);
             Validator inner(only, "changes");
             changed = p;
             read_purchase(inner, changed, Need::Optional);
             check_purchase_refs(tx, inner, changed);
             for (auto& e : inner.errors()) v.add(e.field, e.code, e.message, e.params);
             if (!v.ok()) return;
             if (changed.ceiling_minor && changed.allowances_minor + changed.copayment_minor != p.allowances_minor + p.copayment_minor) {
               auto ceil = ceiling(*changed.standard_unit_cost_minor, changed.allowances_minor, changed.copayment_minor);
               if (ceil <= 0) v.add("changes.allowances_minor", "ceiling_not_positive", "The allowances and co-payments take the whole standard unit cost");
               changed.ceiling_minor = ceil;
             }
             if (changed.ceiling_minor) changed.estimated_minor = *changed.ceiling_minor * changed.max_volume();
             am.offer_content = changes_offer_content(p, changed);
             am.offer_deadline_before = p.offer_deadline;
             // What an offer must contain changed: at least five days to offer again.
             if (am.offer_content && changed.offer_deadline) {
               auto floor = add_days(now.substr(0, 10), kAmendmentExtensionDays) + now.substr(10);
               if (*changed.offer_deadline < floor) changed.offer_deadline = floor;
             }
             am.offer_deadline_after = changed.offer_deadline;
             for (auto& e : publish_errors(changed, now)) v.add("changes." + e.field, e.code, e.message, e.params);
             auto diff = changes_json(p, changed);
             if (diff.as_object().empty()) v.add("changes", "nothing_changed", "The amendment changes nothing");
             am.changes = bj::serialize(diff);
             am.purchase_id = p.id;
             am.number = p.amendments + 1;
             am.summary = summary;
             am.created_by = c.me.user_id;
             am.created_at = now;
             changed.amendments = am.number;
           },
       .apply =
           [&](store::Tx& tx, const Purchase& p) {
             if (!update_purchase(tx, changed, p.version)) return false;
             insert_amendment(tx, am);
             platform::notify(tx, interested(tx, changed), "purchase_amended", "purchase", p.id,
                              {{"number", p.number.value_or("")}, {"amendment", am.number}});
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const Purchase&) -> bj::value {
         return bj::object{{"amendment", am.number}, {"summary", am.summary}, {"changes", bj::parse(am.changes)}};
       }});
}

// ---------------------------------------------------------------- clarifications

namespace {
bj::object clarification_json(store::Tx& tx, const auth::Principal& me, const Clarification& q, bool authority_side) {
  bj::object o{{"id", q.id},
               {"purchase_id", q.purchase_id},
               {"question", q.question},
               {"answer", nullable(q.answer)},
               {"asked_at", q.asked_at},
               {"answered_at", nullable(q.answered_at)},
               {"mine", me.organisation_id && *me.organisation_id == q.organisation_id},
               {"version", q.version}};
  // Who asked: the authority knows; every other provider reads the answer without the asker's name.
  if (authority_side) {
    o["organisation_id"] = q.organisation_id;
    o["organisation_name"] = organisation_name(tx, q.organisation_id);
  }
  return o;
}

platform::Kind<Clarification> clarification_kind(const auth::Principal& me) {
  return {.not_found = "No such clarification",
          .stale = "The clarification changed since you read it",
          .find = find_clarification,
          .version = [](const Clarification& q) { return q.version; },
          .subject = [](const Clarification& q) { return platform::Subject{"clarification", q.id, std::to_string(q.purchase_id)}; },
          .show = [&me](store::Tx& tx, const Clarification& q) {
            auto p = find_purchase(tx, q.purchase_id);
            return clarification_json(tx, me, q, p && (policy::may_read_contracting_plans(me, p->authority_id)));
          }};
}
}  // namespace

Written clarifications_list(App& app, const auth::Principal& me, std::int64_t purchase_id) {
  auto tx = app.db->read();
  auto p = readable_purchase(tx, me, purchase_id);
  const bool authority_side = policy::may_read_contracting_plans(me, p.authority_id);
  bj::array items;
  for (const auto& q : clarifications_of(tx, p.id)) {
    const bool mine = me.organisation_id && *me.organisation_id == q.organisation_id;
    if (!authority_side && !q.answer && !mine) continue;  // an unanswered question is its asker's and the authority's
    items.push_back(clarification_json(tx, me, q, authority_side));
  }
  return {bj::object{{"items", std::move(items)}}};
}

Written clarification_ask(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body) {
  Validator v(body);
  v.only({"question"});
  auto question = v.reason("question", 10, 4000);
  bj::object answer;
  return platform::add<Purchase>(
      *app.db, c, purchase_id, v, purchase_kind(c.me),
      {.action = "ask_clarification",
       .refuse =
           [&c](store::Tx&, const Purchase& p) -> std::optional<Say> {
             if (!policy::may_offer(c.me)) return say("providers_ask", "Questions are asked by the staff of a provider");
             if (!published(p)) return say("purchase_not_published", "The purchase is not published yet");
             return std::nullopt;
           },
       .check =
           [&](store::Tx&, const Purchase& p, Validator&) {
             if (effective_status(p, now_iso()) != "published")
               throw Conflict(say("clarifications_closed", "Questions are asked until the clarification deadline"));
           },
       .insert =
           [&](store::Tx& tx, const Purchase& p) {
             Clarification q;
             q.purchase_id = p.id;
             q.organisation_id = *c.me.organisation_id;
             q.asked_by = c.me.user_id;
             q.question = question;
             q.asked_at = now_iso();
             q.id = insert_clarification(tx, q);
             q.version = 1;
             platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::AuthorityStaff), {}, p.authority_id),
                              "clarification_asked", "purchase", p.id, {{"number", p.number.value_or("")}});
             auto shown = clarification_json(tx, c.me, q, false);
             return platform::Added{{shown, q.version, 201}, bj::object{{"clarification_id", q.id}, {"question", question}}};
           }});
}

Written clarification_answer(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"answer"});
  auto text = v.reason("answer", 2, 8000);
  Clarification changed;
  Purchase purchase;
  return platform::change<Clarification>(
      *app.db, c, id, version, v, clarification_kind(c.me),
      {.action = "answer",
       .refuse =
           [&c, &purchase](store::Tx& tx, const Clarification& q) -> std::optional<Say> {
             purchase = *find_purchase(tx, q.purchase_id);
             if (policy::may_keep_contracting(c.me, purchase.authority_id)) return std::nullopt;
             return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
           },
       .check =
           [&](store::Tx&, const Clarification& q, Validator&) {
             if (q.answer) throw Conflict(say("already_answered", "The question is answered already"));
             auto status = effective_status(purchase, now_iso());
             if (status != "published" && status != "clarifications")
               throw Conflict(say("purchase_not_amendable", "Only a published purchase is amended, before its offer deadline"));
             changed = q;
             changed.answer = text;
             changed.answered_by = c.me.user_id;
             changed.answered_at = now_iso();
           },
       .apply =
           [&](store::Tx& tx, const Clarification& q) {
             if (!answer_clarification(tx, changed, q.version)) return false;
             auto open = clarifications_of(tx, purchase.id);
             if (std::none_of(open.begin(), open.end(), [&](const Clarification& x) { return !x.answer && x.id != q.id; }))
               platform::clear(tx, "purchase", purchase.id, {"clarification_asked"});
             platform::notify(tx, interested(tx, purchase), "clarification_answered", "purchase", purchase.id,
                              {{"number", purchase.number.value_or("")}});
             return true;
           },
       .before = {},
       .after = {}});
}
}  // namespace sp::contracting
