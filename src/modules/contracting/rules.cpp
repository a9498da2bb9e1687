#include "modules/contracting/rules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/exact.hpp"
#include "common/money.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "platform/evaluation.hpp"
#include "modules/registry/model.hpp"

namespace sp::contracting {
namespace bj = boost::json;

namespace {
constexpr std::int64_t kMaxMinor = 100'000'000'000'000;  // a thousand billion lei
constexpr std::int64_t kMaxVolume = 100'000'000;

std::string text_of(const bj::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}
std::optional<std::string> opt_text_of(const bj::object& o, std::string_view k) {
  auto it = o.find(k);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().get_string());
}
std::int64_t int_of(const bj::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_int64() ? it->value().get_int64() : 0;
}
bj::value nullable(const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); }
const bj::array& array_of(const bj::value& v) {
  static const bj::array empty;
  return v.is_array() ? v.get_array() : empty;
}
// A deadline typed in Chisinau time ("YYYY-MM-DDTHH:MM"), kept in UTC.
std::optional<std::string> deadline(Validator& v, std::string_view field) {
  auto s = v.text(field, Need::Optional, 25);
  if (!s) return std::nullopt;
  auto utc = chisinau_to_utc(*s);
  if (!utc) v.add(field, "invalid_datetime", "Must be a date and time YYYY-MM-DDTHH:MM (Chisinau time)");
  return utc;
}
std::string code_of(Validator& v, std::string_view field) {
  auto c = v.text(field, Need::Required, 40).value_or("");
  if (!c.empty() && !std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'; }))
    v.add(field, "invalid_code", "Lower-case letters, digits, - and _ only");
  return c;
}
}  // namespace

const std::vector<std::string>& units() {
  static const std::vector<std::string> v = {"beneficiary_month", "day", "hour", "place_month", "visit"};
  return v;
}
const std::vector<std::string>& routes() {
  static const std::vector<std::string> v = {"procurement", "grant_competition", "social_order"};
  return v;
}
const std::vector<std::string>& priorities() {
  static const std::vector<std::string> v = {"high", "medium", "low"};
  return v;
}

std::optional<std::int64_t> unit_cost(const StandardFigures& s, std::string_view unit) {
  if (unit == "beneficiary_month") return s.per_beneficiary_month_minor;
  if (unit == "day") return s.per_beneficiary_day_minor;
  if (unit == "hour") return s.per_contact_hour_minor;
  if (unit == "place_month" && s.per_place_year_minor) return (*s.per_place_year_minor * 2 + 12) / 24;
  return std::nullopt;
}

std::int64_t ceiling(std::int64_t unit_cost_minor, std::int64_t allowances_minor, std::int64_t copayment_minor) {
  return std::max<std::int64_t>(0, unit_cost_minor - allowances_minor - copayment_minor);
}

std::string procedure_for(std::int64_t estimated_minor, const Thresholds& t) {
  if (estimated_minor >= t.open_from_minor) return "open";
  if (estimated_minor > t.low_value_max_minor) return "price_quotations";
  return "low_value";
}

std::string effective_status(const Purchase& p, std::string_view now) {
  if (p.status != "published") return p.status;
  if (p.offer_deadline && now >= *p.offer_deadline) return "evaluation";
  if (p.clarification_deadline && now >= *p.clarification_deadline) return "clarifications";
  return "published";
}

bool changes_offer_content(const Purchase& a, const Purchase& b) {
  return a.unit != b.unit || a.allowances_minor != b.allowances_minor || a.copayment_minor != b.copayment_minor ||
         a.price_weight != b.price_weight || a.starts_on != b.starts_on || a.ends_on != b.ends_on ||
         bj::serialize(to_json(a.lots)) != bj::serialize(to_json(b.lots)) ||
         bj::serialize(to_json(a.criteria)) != bj::serialize(to_json(b.criteria)) ||
         bj::serialize(to_json(a.documents)) != bj::serialize(to_json(b.documents));
}

int price_score(int price_weight, std::int64_t lowest_minor, std::int64_t price_minor) {
  if (price_minor <= 0) return 0;
  return static_cast<int>((Exact(price_weight) * Exact(100) * Exact(lowest_minor) / Exact(price_minor)).round());
}

bool abnormally_low(std::int64_t price_minor, std::int64_t standard_minor) {
  return Exact(price_minor) * Exact(100) < Exact(standard_minor) * Exact(100 - kAbnormallyLowPct);
}

// ---------------------------------------------------------------- reading

std::vector<NeedLine> read_need_lines(Validator& v) {
  std::vector<NeedLine> out;
  std::set<std::pair<std::string, std::string>> seen;
  v.each_object("lines", Need::Required, 200, [&](Validator& l, std::size_t) {
    l.only({"target_group", "locality", "eligible", "take_up_pct", "priority", "note"});
    NeedLine n;
    n.target_group = l.one_of("target_group", Need::Required, registry::target_groups()).value_or("");
    n.locality = l.text("locality", Need::Optional, 20);
    n.eligible = l.integer("eligible", Need::Required, 0, 10'000'000).value_or(0);
    n.take_up_pct = static_cast<int>(l.integer("take_up_pct", Need::Required, 0, 100).value_or(0));
    n.priority = l.one_of("priority", Need::Required, priorities()).value_or("medium");
    n.note = l.text("note", Need::Optional, 1000, true);
    if (!n.target_group.empty() && !seen.insert({n.target_group, n.locality.value_or("")}).second)
      l.add("target_group", "duplicate", "This target group and locality are already listed");
    out.push_back(std::move(n));
  });
  return out;
}

std::vector<PlanItem> read_plan_items(Validator& v) {
  std::vector<PlanItem> out;
  v.each_object("items", Need::Required, 100, [&](Validator& l, std::size_t) {
    l.only({"type_code", "unit", "volume", "route", "publish_on", "start_on", "note"});
    PlanItem i;
    i.type_code = l.text("type_code", Need::Required, 60).value_or("");
    i.unit = l.one_of("unit", Need::Required, units()).value_or("");
    i.volume = l.integer("volume", Need::Required, 1, kMaxVolume).value_or(0);
    i.route = l.one_of("route", Need::Required, routes()).value_or("procurement");
    i.publish_on = l.date("publish_on", Need::Optional);
    i.start_on = l.date("start_on", Need::Optional);
    if (i.publish_on && i.start_on && *i.start_on < *i.publish_on) l.add("start_on", "date_order", "Starts after it is published");
    i.note = l.text("note", Need::Optional, 1000, true);
    out.push_back(std::move(i));
  });
  return out;
}

void read_purchase(Validator& v, Purchase& p, Need need) {
  v.only({"title", "description", "year", "type_code", "unit", "route", "allowances_minor", "copayment_minor", "lots", "criteria", "price_weight",
          "documents", "starts_on", "ends_on", "clarification_deadline", "offer_deadline", "standstill_days"});
  if (auto t = v.text("title", need, 300)) p.title = *t;
  if (v.has("description")) p.description = v.text("description", Need::Optional, 8000, true);
  if (auto y = v.integer("year", need, 2000, 2100)) p.year = static_cast<int>(*y);
  if (auto t = v.text("type_code", need, 60)) p.type_code = *t;
  if (auto u = v.one_of("unit", need, units())) p.unit = *u;
  if (auto r = v.one_of("route", Need::Optional, routes())) p.route = *r;
  if (auto a = v.integer("allowances_minor", Need::Optional, 0, kMaxMinor)) p.allowances_minor = *a;
  if (auto a = v.integer("copayment_minor", Need::Optional, 0, kMaxMinor)) p.copayment_minor = *a;
  if (auto w = v.integer("price_weight", Need::Optional, 0, 100)) p.price_weight = static_cast<int>(*w);
  if (auto s = v.integer("standstill_days", Need::Optional, 0, 60)) p.standstill_days = static_cast<int>(*s);
  if (auto d = v.date("starts_on", need)) p.starts_on = *d;
  if (auto d = v.date("ends_on", need)) p.ends_on = *d;
  if (!p.starts_on.empty() && !p.ends_on.empty() && p.ends_on < p.starts_on) v.add("ends_on", "date_order", "Ends after it starts");
  if (v.has("clarification_deadline")) p.clarification_deadline = deadline(v, "clarification_deadline");
  if (v.has("offer_deadline")) p.offer_deadline = deadline(v, "offer_deadline");
  if (v.has("lots") || need == Need::Required) {
    p.lots.clear();
    std::set<std::string> codes;
    v.each_object("lots", Need::Required, 30, [&](Validator& l, std::size_t) {
      l.only({"code", "name", "locality", "target_group", "min_volume", "max_volume"});
      Lot lot;
      lot.code = code_of(l, "code");
      lot.name = l.text("name", Need::Required, 200).value_or("");
      lot.locality = l.text("locality", Need::Optional, 20);
      lot.target_group = l.one_of("target_group", Need::Optional, registry::target_groups());
      lot.min_volume = l.integer("min_volume", Need::Required, 0, kMaxVolume).value_or(0);
      lot.max_volume = l.integer("max_volume", Need::Required, 1, kMaxVolume).value_or(0);
      if (lot.max_volume && lot.min_volume > lot.max_volume) l.add("min_volume", "above_max", "At most the maximum volume");
      if (!lot.code.empty() && !codes.insert(lot.code).second) l.add("code", "duplicate", "Two lots with this code");
      p.lots.push_back(std::move(lot));
    });
  }
  if (v.has("criteria") || need == Need::Required) {
    p.criteria.clear();
    std::set<std::string> codes;
    v.each_object("criteria", Need::Required, 12, [&](Validator& l, std::size_t) {
      l.only({"code", "name", "weight"});
      QualityCriterion c;
      c.code = code_of(l, "code");
      c.name = l.text("name", Need::Required, 200).value_or("");
      c.weight = static_cast<int>(l.integer("weight", Need::Required, 1, 100).value_or(0));
      if (!c.code.empty() && !codes.insert(c.code).second) l.add("code", "duplicate", "Two criteria with this code");
      p.criteria.push_back(std::move(c));
    });
  }
  if (v.has("documents")) {
    p.documents.clear();
    v.each_object("documents", Need::Optional, 20, [&](Validator& l, std::size_t) {
      l.only({"code", "name"});
      p.documents.push_back({code_of(l, "code"), l.text("name", Need::Required, 200).value_or("")});
    });
  }
  if (!v.failed("criteria") && !v.failed("price_weight") && !p.criteria.empty()) {
    int sum = p.price_weight;
    for (const auto& c : p.criteria) sum += c.weight;
    if (sum != 100)
      v.add("criteria", "weights_not_100", "The quality criteria and the price weigh 100 points together ({sum} now)", {{"sum", std::to_string(sum)}});
  }
}

std::vector<FieldError> publish_errors(const Purchase& p, std::string_view now) {
  std::vector<FieldError> e;
  auto add = [&](std::string f, std::string code, std::string msg) { e.push_back({std::move(f), std::move(code), std::move(msg), {}}); };
  if (p.lots.empty()) add("lots", "required", "At least one lot");
  if (p.criteria.empty() && p.price_weight < 100) add("criteria", "required", "The quality criteria the committee scores");
  if (!p.clarification_deadline) add("clarification_deadline", "required", "This field is required");
  if (!p.offer_deadline) add("offer_deadline", "required", "This field is required");
  if (p.clarification_deadline && *p.clarification_deadline <= now) add("clarification_deadline", "in_past", "Must be in the future");
  if (p.offer_deadline && *p.offer_deadline <= now) add("offer_deadline", "in_past", "Must be in the future");
  if (p.clarification_deadline && p.offer_deadline && *p.offer_deadline <= *p.clarification_deadline)
    add("offer_deadline", "date_order", "After the clarification deadline");
  if (p.offer_deadline && !p.starts_on.empty() && p.starts_on < p.offer_deadline->substr(0, 10))
    add("starts_on", "date_order", "The service starts after the offer deadline");
  return e;
}

// ---------------------------------------------------------------- JSON

bj::object to_json(const Thresholds& t) {
  return {{"id", t.id},
          {"valid_from", t.valid_from},
          {"low_value_max_minor", t.low_value_max_minor},
          {"open_from_minor", t.open_from_minor},
          {"standstill_days", t.standstill_days},
          {"note", nullable(t.note)},
          {"version", t.version}};
}

bj::array to_json(const std::vector<NeedLine>& l) {
  bj::array a;
  for (const auto& n : l)
    a.push_back({{"target_group", n.target_group}, {"locality", nullable(n.locality)}, {"eligible", n.eligible}, {"take_up_pct", n.take_up_pct},
                 {"priority", n.priority}, {"note", nullable(n.note)}});
  return a;
}

bj::array to_json(const std::vector<PlanItem>& l) {
  bj::array a;
  for (const auto& i : l)
    a.push_back({{"type_code", i.type_code}, {"unit", i.unit}, {"volume", i.volume}, {"route", i.route}, {"publish_on", nullable(i.publish_on)},
                 {"start_on", nullable(i.start_on)}, {"note", nullable(i.note)}});
  return a;
}

bj::array to_json(const std::vector<Lot>& l) {
  bj::array a;
  for (const auto& x : l)
    a.push_back({{"code", x.code}, {"name", x.name}, {"locality", nullable(x.locality)}, {"target_group", nullable(x.target_group)},
                 {"min_volume", x.min_volume}, {"max_volume", x.max_volume}});
  return a;
}

bj::array to_json(const std::vector<QualityCriterion>& c) {
  bj::array a;
  for (const auto& x : c) a.push_back({{"code", x.code}, {"name", x.name}, {"weight", x.weight}});
  return a;
}

bj::array to_json(const std::vector<RequiredDocument>& d) {
  bj::array a;
  for (const auto& x : d) a.push_back({{"code", x.code}, {"name", x.name}});
  return a;
}

std::vector<NeedLine> need_lines_of(const bj::value& v) {
  std::vector<NeedLine> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "target_group"), opt_text_of(o, "locality"), int_of(o, "eligible"), static_cast<int>(int_of(o, "take_up_pct")),
                   text_of(o, "priority"), opt_text_of(o, "note")});
  }
  return out;
}

std::vector<PlanItem> plan_items_of(const bj::value& v) {
  std::vector<PlanItem> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "type_code"), text_of(o, "unit"), int_of(o, "volume"), text_of(o, "route"), opt_text_of(o, "publish_on"),
                   opt_text_of(o, "start_on"), opt_text_of(o, "note")});
  }
  return out;
}

std::vector<Lot> lots_of(const bj::value& v) {
  std::vector<Lot> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "code"), text_of(o, "name"), opt_text_of(o, "locality"), opt_text_of(o, "target_group"), int_of(o, "min_volume"),
                   int_of(o, "max_volume")});
  }
  return out;
}

std::vector<QualityCriterion> criteria_of(const bj::value& v) {
  std::vector<QualityCriterion> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "code"), text_of(o, "name"), static_cast<int>(int_of(o, "weight"))});
  }
  return out;
}

std::vector<RequiredDocument> documents_of(const bj::value& v) {
  std::vector<RequiredDocument> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "code"), text_of(o, "name")});
  }
  return out;
}

// ---------------------------------------------------------------- offers

void read_offer(Validator& v, Offer& o, const Purchase& p) {
  v.only({"lots", "quality", "staff", "capacity", "justification"});
  if (v.has("lots")) {
    o.lots.clear();
    std::set<std::string> seen;
    v.each_object("lots", Need::Optional, 30, [&](Validator& l, std::size_t) {
      l.only({"lot", "unit_price_minor"});
      OfferLot x;
      x.lot = l.text("lot", Need::Required, 40).value_or("");
      x.unit_price_minor = l.integer("unit_price_minor", Need::Required, 1, kMaxMinor).value_or(0);
      if (!x.lot.empty() && std::none_of(p.lots.begin(), p.lots.end(), [&](const Lot& k) { return k.code == x.lot; }))
        l.add("lot", "not_found", "No such lot in this purchase");
      if (!x.lot.empty() && !seen.insert(x.lot).second) l.add("lot", "duplicate", "Priced twice");
      o.lots.push_back(std::move(x));
    });
  }
  if (v.has("quality")) {
    o.quality.clear();
    std::set<std::string> seen;
    v.each_object("quality", Need::Optional, 12, [&](Validator& l, std::size_t) {
      l.only({"criterion", "text"});
      Proposal x;
      x.criterion = l.text("criterion", Need::Required, 40).value_or("");
      x.text = l.text("text", Need::Required, 8000, true).value_or("");
      if (!x.criterion.empty() && std::none_of(p.criteria.begin(), p.criteria.end(), [&](const QualityCriterion& k) { return k.code == x.criterion; }))
        l.add("criterion", "not_found", "No such criterion");
      if (!x.criterion.empty() && !seen.insert(x.criterion).second) l.add("criterion", "duplicate", "Proposed twice");
      o.quality.push_back(std::move(x));
    });
  }
  if (v.has("staff")) o.staff = v.text("staff", Need::Optional, 4000, true).value_or("");
  if (auto c = v.integer("capacity", Need::Optional, 0, 1'000'000)) o.capacity = *c;
  if (v.has("justification")) o.justification = v.text("justification", Need::Optional, 8000, true);
}

void mark_abnormally_low(Offer& o, std::int64_t standard) {
  for (auto& l : o.lots) l.abnormally_low = abnormally_low(l.unit_price_minor, standard);
}

std::vector<FieldError> offer_errors(const Offer& o, const Purchase& p) {
  std::vector<FieldError> e;
  if (o.lots.empty()) e.push_back({"lots", "required", "A price for at least one lot", {}});
  bool low = false;
  for (std::size_t i = 0; i < o.lots.size(); ++i) {
    if (p.ceiling_minor && o.lots[i].unit_price_minor > *p.ceiling_minor)
      e.push_back({"lots[" + std::to_string(i) + "].unit_price_minor", "above_ceiling", "Above the ceiling of {ceiling}",
                   {{"ceiling", format_money(*p.ceiling_minor, "MDL")}}});
    low = low || o.lots[i].abnormally_low;
  }
  if (low && (!o.justification || utf8_length(*o.justification) < 30))
    e.push_back({"justification", "abnormally_low", "A price more than 15% below the standard needs a written justification (30 characters at least)", {}});
  for (const auto& c : p.criteria)
    if (std::none_of(o.quality.begin(), o.quality.end(), [&](const Proposal& x) { return x.criterion == c.code && !x.text.empty(); }))
      e.push_back({"quality", "incomplete", "A proposal for every criterion: {criterion} is missing", {{"criterion", c.code}}});
  if (o.staff.empty()) e.push_back({"staff", "required", "This field is required", {}});
  return e;
}

std::vector<LotRank> rank_offers(const std::vector<OfferStanding>& offers, int price_weight) {
  std::map<std::string, std::int64_t> lowest;
  for (const auto& o : offers) {
    if (o.excluded || !o.quality) continue;
    for (const auto& l : o.lots) {
      auto it = lowest.find(l.lot);
      if (it == lowest.end() || l.unit_price_minor < it->second) lowest[l.lot] = l.unit_price_minor;
    }
  }
  std::vector<platform::evaluation::RankEntry> entries;
  std::map<std::pair<std::string, std::int64_t>, LotRank> by;
  for (const auto& o : offers) {
    if (o.excluded || !o.quality) continue;
    for (const auto& l : o.lots) {
      LotRank r{l.lot, o.offer_id, o.organisation_id, l.unit_price_minor, *o.quality, price_score(price_weight, lowest[l.lot], l.unit_price_minor), 0, 0};
      r.total = r.quality + r.price;
      by[{l.lot, o.offer_id}] = r;
      entries.push_back({o.offer_id, l.lot, r.total, o.first_criterion, o.submitted_at, l.unit_price_minor, 0});
    }
  }
  std::vector<LotRank> out;
  for (const auto& e : platform::evaluation::rank(std::move(entries))) {
    auto r = by.at({e.lot, e.subject_id});
    r.rank = e.rank;
    out.push_back(r);
  }
  return out;
}

bj::array to_json(const std::vector<OfferLot>& l) {
  bj::array a;
  for (const auto& x : l) a.push_back({{"lot", x.lot}, {"unit_price_minor", x.unit_price_minor}, {"abnormally_low", x.abnormally_low}});
  return a;
}
bj::array to_json(const std::vector<Proposal>& q) {
  bj::array a;
  for (const auto& x : q) a.push_back({{"criterion", x.criterion}, {"text", x.text}});
  return a;
}
bj::array to_json(const std::vector<LotRank>& r) {
  bj::array a;
  for (const auto& x : r)
    a.push_back({{"lot", x.lot}, {"offer_id", x.offer_id}, {"organisation_id", x.organisation_id}, {"unit_price_minor", x.unit_price_minor},
                 {"quality", x.quality}, {"price", x.price}, {"total", x.total}, {"rank", x.rank}});
  return a;
}
std::vector<OfferLot> offer_lots_of(const bj::value& v) {
  std::vector<OfferLot> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    auto it = o.find("abnormally_low");
    out.push_back({text_of(o, "lot"), int_of(o, "unit_price_minor"), it != o.end() && it->value().is_bool() && it->value().get_bool()});
  }
  return out;
}
std::vector<Proposal> proposals_of(const bj::value& v) {
  std::vector<Proposal> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "criterion"), text_of(o, "text")});
  }
  return out;
}
std::vector<LotRank> lot_ranks_of(const bj::value& v) {
  std::vector<LotRank> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "lot"), int_of(o, "offer_id"), int_of(o, "organisation_id"), int_of(o, "unit_price_minor"),
                   static_cast<int>(int_of(o, "quality")), static_cast<int>(int_of(o, "price")), static_cast<int>(int_of(o, "total")),
                   static_cast<int>(int_of(o, "rank"))});
  }
  return out;
}

// ---------------------------------------------------------------- the monthly cycle

std::int64_t contract_units(std::string_view contract_unit, std::string_view type_unit, std::int64_t delivered_units, int days_present) {
  if (contract_unit == type_unit) return delivered_units;
  if (contract_unit == "day") return days_present;
  return days_present > 0 ? 1 : 0;  // a beneficiary-month or a place-month
}

std::vector<ReportLine> lines_from(const std::vector<Recorded>& records, std::int64_t price) {
  std::vector<ReportLine> out;
  for (const auto& r : records) {
    if (r.units == 0) continue;
    ReportLine l;
    l.person_id = r.person_id;
    l.person_code = r.code;
    l.units = l.recorded = r.units;
    l.days_present = r.days_present;
    l.days_absent = r.days_absent;
    l.amount_minor = r.units * price;
    out.push_back(std::move(l));
  }
  return out;
}

void totals(MonthlyReport& r) {
  r.units = r.amount_minor = 0;
  for (const auto& l : r.lines) {
    if (l.refused) continue;
    r.units += l.units;
    r.amount_minor += l.amount_minor;
  }
}

std::vector<FieldError> claim_errors(const std::vector<ReportLine>& claimed, const std::vector<Recorded>& records) {
  std::vector<FieldError> e;
  for (std::size_t i = 0; i < claimed.size(); ++i) {
    if (claimed[i].corrects) continue;
    auto it = std::find_if(records.begin(), records.end(), [&](const Recorded& r) { return r.code == claimed[i].person_code; });
    auto at = "lines[" + std::to_string(i) + "]";
    if (it == records.end() || it->units == 0)
      e.push_back({at + ".person_code", "no_delivery_record", "No delivery of this person is recorded in the month", {}});
    else if (claimed[i].units > it->units)
      e.push_back({at + ".units", "above_records", "The delivery log holds {units}", {{"units", std::to_string(it->units)}}});
  }
  return e;
}

std::set<std::string> months_to_reread(const std::vector<std::string>& approved_months, const std::vector<Approval>& approvals,
                                       const std::vector<std::int64_t>& services,
                                       const std::map<std::string, std::map<std::int64_t, std::int64_t>>& versions_now) {
  auto sorted = [](std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  const auto ours = sorted(services);
  static const std::map<std::int64_t, std::int64_t> never_saved;
  std::set<std::string> out;
  for (const auto& m : approved_months) {
    const Approval* last = nullptr;
    for (const auto& a : approvals)
      if (a.seen.months.count(m) && (!last || std::tie(a.approved_at, a.id) > std::tie(last->approved_at, last->id))) last = &a;
    auto now = versions_now.find(m);
    const auto& v = now == versions_now.end() ? never_saved : now->second;
    if (!last || sorted(last->seen.services) != ours || last->seen.months.at(m) != v) out.insert(m);
  }
  return out;
}

boost::json::object to_json(const LogSeen& s) {
  boost::json::object months;
  for (const auto& [m, by] : s.months) {
    boost::json::object o;
    for (const auto& [sid, v] : by) o[std::to_string(sid)] = v;
    months[m] = std::move(o);
  }
  return {{"services", boost::json::value_from(s.services)}, {"months", std::move(months)}};
}

LogSeen log_seen_of(const boost::json::value& v) {
  LogSeen s;
  const auto* o = v.if_object();
  if (!o) return s;
  if (const auto* a = o->if_contains("services"); a && a->is_array())
    for (const auto& x : a->as_array())
      if (x.is_int64()) s.services.push_back(x.as_int64());
  if (const auto* ms = o->if_contains("months"); ms && ms->is_object())
    for (const auto& [m, by] : ms->as_object()) {
      auto& out = s.months[std::string(m)];
      if (by.is_object())
        for (const auto& [sid, ver] : by.as_object())
          if (ver.is_int64()) out[std::stoll(std::string(sid))] = ver.as_int64();
    }
  return s;
}

std::vector<ReportLine> corrections_for(const std::string& month, const std::vector<ReportLine>& approved, const std::vector<Recorded>& now,
                                        std::int64_t price) {
  // The log as the approval saw it (each line's `recorded`), moved by the corrections approved since;
  // a line the authority refused is not paid, so its log's changes are not either.
  std::map<std::string, std::int64_t> was, paid, ids;
  std::set<std::string> refused;
  for (const auto& l : approved) {
    ids[l.person_code] = l.person_id;
    if (l.refused) refused.insert(l.person_code);
    else paid[l.person_code] += l.units;
    was[l.person_code] += l.corrects ? l.units : l.recorded;
  }
  std::map<std::string, std::int64_t> is;
  for (const auto& r : now) {
    is[r.code] += r.units;
    ids[r.code] = r.person_id;
  }
  std::set<std::string> codes;
  for (const auto& [c, n] : was) codes.insert(c);
  for (const auto& [c, n] : is) codes.insert(c);
  std::vector<ReportLine> out;
  for (const auto& c : codes) {
    if (refused.count(c)) continue;
    auto diff = std::max(is[c] - was[c], -paid[c]);  // never takes back more than was paid
    if (diff == 0) continue;
    ReportLine l;
    l.person_id = ids[c];
    l.person_code = c;
    l.units = l.recorded = diff;
    l.amount_minor = diff * price;
    l.corrects = month;
    out.push_back(std::move(l));
  }
  return out;
}

std::string volume_level(std::int64_t used, std::int64_t max) {
  if (max <= 0) return "ok";
  if (used * 100 >= max * 100) return "full";
  if (used * 100 >= max * 80) return "warning";
  return "ok";
}

bj::array to_json(const std::vector<Kpi>& k) {
  bj::array a;
  for (const auto& x : k) a.push_back({{"code", x.code}, {"target", x.target}});
  return a;
}
bj::array to_json(const std::vector<ReportLine>& l) {
  bj::array a;
  for (const auto& x : l)
    a.push_back({{"person_id", x.person_id}, {"person_code", x.person_code}, {"units", x.units}, {"recorded", x.recorded},
                 {"days_present", x.days_present}, {"days_absent", x.days_absent}, {"amount_minor", x.amount_minor},
                 {"corrects", nullable(x.corrects)}, {"refused", x.refused}, {"refusal", nullable(x.refusal)}});
  return a;
}
std::vector<Kpi> kpis_of(const bj::value& v) {
  std::vector<Kpi> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    out.push_back({text_of(o, "code"), int_of(o, "target")});
  }
  return out;
}
std::vector<ReportLine> report_lines_of(const bj::value& v) {
  std::vector<ReportLine> out;
  for (const auto& e : array_of(v)) {
    const auto& o = e.as_object();
    ReportLine l;
    l.person_id = int_of(o, "person_id");
    l.person_code = text_of(o, "person_code");
    l.units = int_of(o, "units");
    l.recorded = int_of(o, "recorded");
    l.days_present = static_cast<int>(int_of(o, "days_present"));
    l.days_absent = static_cast<int>(int_of(o, "days_absent"));
    l.amount_minor = int_of(o, "amount_minor");
    l.corrects = opt_text_of(o, "corrects");
    auto it = o.find("refused");
    l.refused = it != o.end() && it->value().is_bool() && it->value().get_bool();
    l.refusal = opt_text_of(o, "refusal");
    out.push_back(std::move(l));
  }
  return out;
}

std::int64_t Purchase::min_volume() const {
  std::int64_t n = 0;
  for (const auto& l : lots) n += l.min_volume;
  return n;
}
std::int64_t Purchase::max_volume() const {
  std::int64_t n = 0;
  for (const auto& l : lots) n += l.max_volume;
  return n;
}
}  // namespace sp::contracting
