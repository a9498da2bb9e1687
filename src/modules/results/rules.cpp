#include "modules/results/rules.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "common/time.hpp"

namespace sp::results {
namespace bj = boost::json;

const std::vector<std::string>& partner_roles() {
  static const std::vector<std::string> r = {"implementing", "co_implementing", "monitoring"};
  return r;
}
const std::vector<std::string>& currencies() {
  static const std::vector<std::string> c = {"EUR", "MDL", "USD"};
  return c;
}

const std::vector<std::string>& levels() {
  static const std::vector<std::string> l = {"impact", "outcome", "output"};
  return l;
}
const std::vector<std::string>& indicator_units() {
  static const std::vector<std::string> u = {"number", "percentage", "qualitative"};
  return u;
}
const std::vector<Measure>& measure_list() {
  static const std::vector<Category> person = {{"sex", "sex"}, {"age", "age group"}, {"dis", "disability"}, {"tg", "target group"}};
  static const std::vector<Category> type = {{"type", "service type"}};
  static const std::vector<Measure> m = {
      {"people_served", person, true, false},
      {"units_delivered", type, false, false},
      {"deinstitutionalised", person, true, false},
      {"community_at_12_months", person, true, false},
      {"csos_granted", {}, false, true},
      {"services_supported", {{"lot", "lot"}}, false, true},
      {"grants_signed", {}, false, true},
      {"grants_committed", {{"cur", "currency"}}, false, true, true},
      {"grants_disbursed", {{"cur", "currency"}}, false, true, true},
      {"partnerships", {}, false, false},
      {"cofinancing", {{"cur", "currency"}, {"kind", "kind"}}, false, false, true},
      {"remote_services", type, false, false},
      {"services_contracted", type, false, false},
      {"public_money_paid", type, false, false, true},
  };
  return m;
}
const Measure* measure_of(std::string_view code) {
  for (const auto& m : measure_list())
    if (m.code == code) return &m;
  return nullptr;
}
const std::vector<std::string>& measures() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (const auto& m : measure_list()) out.push_back(m.code);
    return out;
  }();
  return codes;
}

bool valid_target_period(const std::string& p) {
  auto digits = [&](std::size_t from, std::size_t n) {
    if (p.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i)
      if (p[i] < '0' || p[i] > '9') return false;
    return true;
  };
  if (p == "programme") return true;
  if (p.size() == 4) return digits(0, 4);
  if (p.size() == 7 && digits(0, 4) && p[4] == '-') {
    if (p[5] == 'Q') return p[6] >= '1' && p[6] <= '4';
    return digits(5, 2) && p.substr(5, 2) >= "01" && p.substr(5, 2) <= "12";
  }
  return false;
}

std::optional<std::string> approved_value(const std::vector<IndicatorValue>& values, const std::string& period) {
  for (const auto& v : values)
    if (v.period == period && v.status == "approved" && v.place == "MD") return v.value;
  return std::nullopt;
}

std::optional<double> number_in(const std::string& s) {
  if (s.empty() || s.size() > 30) return std::nullopt;
  bool dot = false, digit = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '-' && i == 0) continue;
    if (ch == '.' && !dot && i + 1 < s.size()) {
      dot = true;
      continue;
    }
    if (ch < '0' || ch > '9') return std::nullopt;
    digit = true;
  }
  return digit ? std::optional(std::stod(s)) : std::nullopt;
}

std::optional<std::int64_t> whole_number(const std::string& s) {
  if (s.find('.') != std::string::npos) return std::nullopt;
  auto d = number_in(s);
  if (!d || std::abs(*d) > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

FrameworkResult read_result(Validator& v) {
  v.only({"level", "position", "title_ro", "title_ru", "title_en", "assumptions", "project_kind", "project_id"});
  FrameworkResult r;
  r.level = v.one_of("level", Need::Required, levels()).value_or("");
  r.position = static_cast<int>(v.integer("position", Need::Required, 1, kMaxResultsPerLevel).value_or(1));
  r.title_ro = v.text("title_ro", Need::Required, 500).value_or("");
  r.title_ru = v.text("title_ru", Need::Required, 500).value_or("");
  r.title_en = v.text("title_en", Need::Required, 500).value_or("");
  r.assumptions = v.text("assumptions", Need::Optional, 4000, true);
  r.project_kind = v.one_of("project_kind", Need::Optional, {"agreement", "contract"});
  if (auto id = v.integer("project_id", r.project_kind ? Need::Required : Need::Optional, 1, INT64_MAX)) r.project_id = *id;
  if (r.project_id && !r.project_kind) v.add("project_kind", "required", "Which kind of project");
  return r;
}

Indicator read_indicator(Validator& v) {
  v.only({"code", "name_ro", "name_ru", "name_en", "definition_ro", "definition_ru", "definition_en", "unit", "ascending", "measure", "baseline",
          "baseline_year", "targets", "sources", "reference", "contributes_to"});
  Indicator x;
  x.code = v.text("code", Need::Required, 20).value_or("");
  x.name_ro = v.text("name_ro", Need::Required, 500).value_or("");
  x.name_ru = v.text("name_ru", Need::Required, 500).value_or("");
  x.name_en = v.text("name_en", Need::Required, 500).value_or("");
  x.definition_ro = v.text("definition_ro", Need::Optional, 4000, true).value_or("");
  x.definition_ru = v.text("definition_ru", Need::Optional, 4000, true).value_or("");
  x.definition_en = v.text("definition_en", Need::Optional, 4000, true).value_or("");
  x.unit = v.one_of("unit", Need::Required, indicator_units()).value_or("number");
  x.ascending = v.boolean("ascending", Need::Optional).value_or(true);
  x.measure = v.one_of("measure", Need::Optional, measures());
  if (x.measure && x.unit != "number") v.add("measure", "measure_counts", "A measure counts: the indicator's unit is a number");
  x.baseline = v.text("baseline", Need::Optional, 50);
  if (auto y = v.integer("baseline_year", x.baseline ? Need::Required : Need::Optional, 1990, 2100)) x.baseline_year = static_cast<int>(*y);
  v.each_object("targets", Need::Optional, 60, [&](Validator& t, std::size_t) {
    t.only({"period", "value", "parts"});
    Target target;
    target.period = t.text("period", Need::Required, 20).value_or("");
    if (!target.period.empty() && !valid_target_period(target.period))
      t.add("period", "invalid_period", "A year (2026), a quarter (2026-Q1), a month (2026-03) or the programme");
    target.value = t.text("value", Need::Required, 50).value_or("");
    target.parts = read_parts(t, "parts");
    x.targets.push_back(std::move(target));
  });
  x.sources = v.text("sources", Need::Optional, 4000, true).value_or("");
  x.reference = v.text("reference", Need::Optional, 100);
  if (auto id = v.integer("contributes_to", Need::Optional, 1, INT64_MAX)) x.contributes_to = *id;
  return x;
}

namespace {
std::vector<Party> read_parties(Validator& v, std::string_view field, bool partner) {
  std::vector<Party> out;
  v.each_object(field, Need::Optional, 20, [&](Validator& p, std::size_t) {
    p.only({"name", "organisation_id", "role"});
    Party x;
    x.name = p.text("name", Need::Required, 300).value_or("");
    if (auto id = p.integer("organisation_id", Need::Optional, 1, INT64_MAX)) x.organisation_id = *id;
    if (partner) x.role = p.one_of("role", Need::Required, partner_roles()).value_or("");
    out.push_back(std::move(x));
  });
  return out;
}
}  // namespace

Programme read_programme(Validator& v) {
  v.only({"code", "name_ro", "name_ru", "name_en", "donors", "partners", "starts_on", "ends_on", "contributions", "calls", "status", "mdl_per_eur"});
  Programme p;
  p.code = v.text("code", Need::Required, 20).value_or("");
  p.name_ro = v.text("name_ro", Need::Required, 300).value_or("");
  p.name_ru = v.text("name_ru", Need::Required, 300).value_or("");
  p.name_en = v.text("name_en", Need::Required, 300).value_or("");
  p.donors = read_parties(v, "donors", false);
  p.partners = read_parties(v, "partners", true);
  p.starts_on = v.date("starts_on", Need::Required).value_or("");
  p.ends_on = v.date("ends_on", Need::Required).value_or("");
  if (!p.starts_on.empty() && !p.ends_on.empty() && p.ends_on < p.starts_on) v.add("ends_on", "before_start", "Not before the start");
  v.each_object("contributions", Need::Optional, 20, [&](Validator& c, std::size_t) {
    c.only({"by", "amount_minor", "currency"});
    Contribution x;
    x.by = c.text("by", Need::Required, 300).value_or("");
    x.amount_minor = c.integer("amount_minor", Need::Required, 0, 1'000'000'000'000'000).value_or(0);
    x.currency = c.one_of("currency", Need::Required, currencies()).value_or("EUR");
    p.contributions.push_back(std::move(x));
  });
  if (const auto* calls = v.array("calls", Need::Optional, 200)) {
    for (std::size_t i = 0; i < calls->size(); ++i) {
      const auto& c = (*calls)[i];
      if (!c.is_int64() || c.as_int64() < 1) v.add("calls[" + std::to_string(i) + "]", "invalid", "A call's id");
      else p.calls.push_back(std::to_string(c.as_int64()));
    }
  }
  p.status = v.one_of("status", Need::Optional, {"active", "closed"}).value_or("active");
  p.mdl_per_eur_ppm = v.decimal("mdl_per_eur", Need::Optional, 1'000'000, 1'000'000'000);  // 1 to 1,000 MDL for a euro
  return p;
}

std::vector<std::string> years_of(const Programme& p) {
  std::vector<std::string> out;
  if (p.starts_on.size() < 4 || p.ends_on.size() < 4) return out;
  for (int y = std::stoi(p.starts_on.substr(0, 4)); y <= std::stoi(p.ends_on.substr(0, 4)); ++y) out.push_back(std::to_string(y));
  return out;
}

bj::array to_json(const std::vector<Party>& p) {
  bj::array a;
  for (const auto& x : p) {
    bj::object o{{"name", x.name}, {"organisation_id", x.organisation_id ? bj::value(*x.organisation_id) : bj::value(nullptr)}};
    if (!x.role.empty()) o["role"] = x.role;
    a.push_back(std::move(o));
  }
  return a;
}
bj::array to_json(const std::vector<Contribution>& c) {
  bj::array a;
  for (const auto& x : c) a.push_back({{"by", x.by}, {"amount_minor", x.amount_minor}, {"currency", x.currency}});
  return a;
}
std::vector<Party> parties_of(const bj::value& v) {
  std::vector<Party> out;
  if (!v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    const auto& o = x.as_object();
    Party p;
    p.name = std::string(o.at("name").as_string());
    if (const auto* id = o.if_contains("organisation_id"); id && id->is_int64()) p.organisation_id = id->as_int64();
    if (const auto* r = o.if_contains("role"); r && r->is_string()) p.role = std::string(r->as_string());
    out.push_back(std::move(p));
  }
  return out;
}
bj::array to_json(const std::vector<Target>& t) {
  bj::array a;
  for (const auto& x : t) {
    bj::object o{{"period", x.period}, {"value", x.value}};
    if (!x.parts.empty()) o["parts"] = to_json(x.parts);
    a.push_back(std::move(o));
  }
  return a;
}
std::vector<Target> targets_of(const bj::value& v) {
  std::vector<Target> out;
  if (!v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    const auto& o = x.as_object();
    out.push_back({std::string(o.at("period").as_string()), std::string(o.at("value").as_string()), o.contains("parts") ? parts_of(o.at("parts")) : std::vector<Part>{}});
  }
  return out;
}

// ---- disaggregation categories

namespace {
bool category_code(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  for (unsigned char ch : s)
    if (!(std::islower(ch) || std::isdigit(ch) || ch == '_' || ch == '-' || ch == '+')) return false;
  return true;
}
std::string number_text(double d) {
  if (d == static_cast<double>(static_cast<std::int64_t>(d))) return std::to_string(static_cast<std::int64_t>(d));
  auto t = std::to_string(d);
  while (!t.empty() && t.back() == '0') t.pop_back();
  return t;
}
}  // namespace

CategorySet read_category_set(Validator& v) {
  v.only({"code", "name_ro", "name_ru", "name_en", "items"});
  CategorySet c;
  c.code = v.text("code", Need::Required, 40).value_or("");
  if (!c.code.empty() && !category_code(c.code)) v.add("code", "invalid_code", "Lower-case letters, digits and _ only");
  c.name_ro = v.text("name_ro", Need::Required, 200).value_or("");
  c.name_ru = v.text("name_ru", Need::Required, 200).value_or("");
  c.name_en = v.text("name_en", Need::Required, 200).value_or("");
  std::set<std::string> seen;
  v.each_object("items", Need::Required, 100, [&](Validator& i, std::size_t) {
    i.only({"code", "name_ro", "name_ru", "name_en"});
    CategoryItem item;
    item.code = i.text("code", Need::Required, 40).value_or("");
    if (!item.code.empty() && !category_code(item.code)) i.add("code", "invalid_code", "Lower-case letters, digits and _ only");
    else if (!item.code.empty() && !seen.insert(item.code).second) i.add("code", "duplicate", "Each category once");
    item.name_ro = i.text("name_ro", Need::Required, 200).value_or("");
    item.name_ru = i.text("name_ru", Need::Required, 200).value_or("");
    item.name_en = i.text("name_en", Need::Required, 200).value_or("");
    c.items.push_back(std::move(item));
  });
  return c;
}

void check_mapping(Validator& v, const CategorySet& previous, const CategorySet& next) {
  std::set<std::string> now;
  for (const auto& i : next.items) now.insert(i.code);
  for (const auto& i : previous.items) {
    auto it = next.mapping.find(i.code);
    if (it == next.mapping.end()) v.add("mapping." + i.code, "unmapped", "Each category of the previous version mapped onto one of this version's");
    else if (!now.contains(it->second)) v.add("mapping." + i.code, "not_in_set", "Not a category of this version");
  }
  for (const auto& [from, to] : next.mapping)
    if (std::none_of(previous.items.begin(), previous.items.end(), [&](const CategoryItem& i) { return i.code == from; }))
      v.add("mapping." + from, "not_in_set", "Not a category of the previous version");
}

std::vector<Part> read_parts(Validator& v, std::string_view field) {
  std::vector<Part> out;
  v.each_object(field, Need::Optional, 200, [&](Validator& p, std::size_t) {
    p.only({"set_id", "code", "value"});
    Part part;
    part.set_id = p.integer("set_id", Need::Required, 1, INT64_MAX).value_or(0);
    part.code = p.text("code", Need::Required, 40).value_or("");
    part.value = p.text("value", Need::Required, 50).value_or("");
    out.push_back(std::move(part));
  });
  return out;
}

std::vector<PartError> part_errors(const std::vector<Part>& parts, const std::map<std::int64_t, CategorySet>& sets) {
  std::vector<PartError> out;
  auto fault = [&](std::size_t i, const char* field, const char* code, const char* message) { out.push_back(PartError{i, field, code, message}); };
  std::set<std::pair<std::int64_t, std::string>> seen;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    auto s = sets.find(p.set_id);
    if (s == sets.end()) {
      fault(i, "set_id", "not_found", "No such category set");
      continue;
    }
    if (std::none_of(s->second.items.begin(), s->second.items.end(), [&](const CategoryItem& c) { return c.code == p.code; }))
      fault(i, "code", "not_in_set", "Not a category of this set");
    else if (!seen.insert({p.set_id, p.code}).second)
      fault(i, "code", "duplicate", "Each category once");
  }
  return out;
}

std::vector<SumFlag> sum_flags(const std::string& unit, const std::string& total, const std::vector<Part>& parts) {
  std::vector<SumFlag> out;
  if (unit != "number") return out;
  auto t = number_in(total);
  if (!t) return out;
  std::map<std::int64_t, double> sums;
  for (const auto& p : parts) {
    auto n = number_in(p.value);
    if (n) sums[p.set_id] += *n;
  }
  for (const auto& [set, sum] : sums)
    if (std::abs(sum - *t) > 1e-9) out.push_back({set, total, number_text(sum)});
  return out;
}

std::map<std::string, double> mapped_parts(const std::vector<Part>& parts, const std::vector<CategorySet>& chain) {
  std::map<std::string, double> out;
  for (const auto& p : parts) {
    auto n = number_in(p.value);
    if (!n) continue;
    std::string code = p.code;
    bool from_here = false;
    for (const auto& s : chain) {
      if (s.id == p.set_id) {
        from_here = true;
        continue;
      }
      if (!from_here) continue;
      auto it = s.mapping.find(code);
      if (it != s.mapping.end()) code = it->second;
    }
    out[code] += *n;
  }
  return out;
}

bj::array to_json(const std::vector<Part>& parts) {
  bj::array a;
  for (const auto& p : parts) a.push_back({{"set_id", p.set_id}, {"code", p.code}, {"value", p.value}});
  return a;
}
std::vector<Part> parts_of(const bj::value& v) {
  std::vector<Part> out;
  if (!v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    const auto& o = x.as_object();
    out.push_back({o.at("set_id").as_int64(), std::string(o.at("code").as_string()), std::string(o.at("value").as_string())});
  }
  return out;
}
bj::array to_json(const std::vector<CategoryItem>& items) {
  bj::array a;
  for (const auto& i : items) a.push_back({{"code", i.code}, {"name_ro", i.name_ro}, {"name_ru", i.name_ru}, {"name_en", i.name_en}});
  return a;
}
std::vector<CategoryItem> items_of(const bj::value& v) {
  std::vector<CategoryItem> out;
  if (!v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    const auto& o = x.as_object();
    out.push_back({std::string(o.at("code").as_string()), std::string(o.at("name_ro").as_string()), std::string(o.at("name_ru").as_string()),
                   std::string(o.at("name_en").as_string())});
  }
  return out;
}
bj::object to_json(const std::map<std::string, std::string>& mapping) {
  bj::object o;
  for (const auto& [from, to] : mapping) o[from] = to;
  return o;
}
std::map<std::string, std::string> mapping_of(const bj::value& v) {
  std::map<std::string, std::string> out;
  if (!v.is_object()) return out;
  for (const auto& [k, x] : v.as_object())
    if (x.is_string()) out[std::string(k)] = std::string(x.as_string());
  return out;
}

std::vector<Contribution> contributions_of(const bj::value& v) {
  std::vector<Contribution> out;
  if (!v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    const auto& o = x.as_object();
    out.push_back({std::string(o.at("by").as_string()), o.at("amount_minor").as_int64(), std::string(o.at("currency").as_string())});
  }
  return out;
}
}  // namespace sp::results
