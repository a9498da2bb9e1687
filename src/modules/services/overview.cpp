// The services overview: aggregates only (no person's code or identity), suppressed so that no
// hidden count can be recovered from the others, kept until the data changes (single flight).
#include <map>
#include <set>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/operations.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/rules.hpp"
#include "platform/kept_answers.hpp"
#include "platform/policy.hpp"
#include "reports/xlsx.hpp"
#include "store/data_version.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {
// Counts per key (one group: they add up to the people counted beside them), suppressed on the way
// out so that no hidden count can be recovered from the others (suppress_group).
json::object counts_json(const std::map<std::string, std::int64_t>& m) {
  std::vector<std::int64_t> counts;
  for (const auto& [k, n] : m) counts.push_back(n);
  auto how = suppress_group(counts);
  json::object o;
  std::size_t i = 0;
  for (const auto& [k, n] : m) o[k] = shown(n, how[i++]);
  return o;
}

// The rows of a table (districts, services) add up to its total row: each measure of people is one
// group across the rows, suppressed as one (suppress_group).
void suppress_rows(json::array& rows, const char* measure, const std::vector<std::int64_t>& counts) {
  auto how = suppress_group(counts);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].as_object()[measure] = shown(counts[i], how[i]);
}

struct Tally {
  std::int64_t services = 0, capacity = 0, occupancy = 0, waiting = 0, people = 0, deinstitutionalised = 0, units = 0;
  std::map<std::string, std::int64_t> sex, age, disability, group;
  json::object to_json() const {
    return {{"services", services},          {"capacity", capacity},
            {"occupancy", suppressed(occupancy)}, {"waiting", suppressed(waiting)},
            {"people_served", suppressed(people)}, {"deinstitutionalised", suppressed(deinstitutionalised)},
            {"units", units},
            {"by_sex", counts_json(sex)},
            {"by_age_group", counts_json(age)},   {"by_disability", counts_json(disability)},
            {"by_target_group", counts_json(group)}};
  }
};

// Per district and per service (and for the whole selection): capacity, occupancy, waiting list,
// units delivered and the people served in a period, disaggregated by sex, age group, disability and
// target group. Aggregates only: no person's code or identity, every count of people below 5 shown
// as "<5". Units delivered are counted by whole months (the grid's unit of saving).
json::object compute_overview(store::Tx& tx, const OverviewQuery& q, bool sees_people) {
  auto from = q.from;
  auto to = q.to;
  if (to.empty()) to = today();
  if (from.empty()) from = to.substr(0, 4) + "-01-01";
  if (!valid_date(from) || !valid_date(to) || from > to)
    throw Invalid({{"from", "invalid_date", "A period from YYYY-MM-DD to YYYY-MM-DD"}});
  // Those who see aggregates only get whole months: two periods a day apart would otherwise tell,
  // by their difference, who started or left on that day.
  if (!sees_people) {
    from = from.substr(0, 8) + "01";
    to = add_days(add_months(to.substr(0, 8) + "01", 1), -1);
  }
  const auto& district = q.district;
  const auto& type = q.type;
  ServiceFilter selection;
  selection.district = district;
  selection.type = type;
  auto w = service_where(selection);
  std::map<std::string, Tally> by;
  Tally all;
  struct PerService {
    std::string name, district, type;
    std::int64_t capacity = 0, occupancy = 0, waiting = 0, people = 0, units = 0;
  };
  std::map<std::int64_t, PerService> services;
  {
    auto loads = service_loads(tx, selection);
    for (const auto& s : list_services(tx, selection)) {
      const auto& l = loads[s.id];
      services[s.id] = {s.name, s.district, s.type_code, s.capacity, l.active, l.waiting};
      for (auto* t : {&by[s.district], &all}) {
        ++t->services;
        t->capacity += s.capacity;
        t->occupancy += l.active;
        t->waiting += l.waiting;
      }
    }
  }
  {
    auto p = w.params();
    p.push_back(from.substr(0, 7));
    p.push_back(to.substr(0, 7));
    std::string cond = w.sql().empty() ? " WHERE " : w.sql() + " AND ";
    auto c = tx.query("SELECT s.id, SUM(m.units) FROM delivery_months m JOIN service_units s ON s.id = m.service_id" + cond +
                          "m.month BETWEEN $" + std::to_string(p.size() - 1) + " AND $" + std::to_string(p.size()) + " GROUP BY s.id",
                      p);
    while (c->next()) {
      auto it = services.find(c->i64(0));
      if (it == services.end()) continue;
      it->second.units = c->i64(1);
      by[it->second.district].units += c->i64(1);
      all.units += c->i64(1);
    }
  }
  // People served in the period: enrolled at some time in it, counted once per district, once per
  // service and once overall.
  auto p = w.params();
  p.push_back(to);
  p.push_back(from);
  std::string cond = w.sql().empty() ? " WHERE " : w.sql() + " AND ";
  auto c = tx.query(
      "SELECT s.district, p.id, p.sex, p.birth_year, p.disability_type, p.target_groups, s.id FROM enrolments e "
      "JOIN service_units s ON s.id = e.service_id JOIN people p ON p.id = e.person_id" + cond +
      "e.status <> 'waiting' AND e.started_on <= $" + std::to_string(p.size() - 1) + " AND (e.ended_on IS NULL OR e.ended_on >= $" +
      std::to_string(p.size()) + ") ORDER BY p.id",
      p);
  std::set<std::int64_t> seen;
  std::set<std::pair<std::string, std::int64_t>> seen_in_district;
  std::set<std::pair<std::int64_t, std::int64_t>> seen_in_service;
  int year = std::stoi(to.substr(0, 4));
  while (c->next()) {
    auto add = [&](Tally& t) {
      ++t.people;
      ++t.sex[c->str(2)];
      ++t.age[age_group(year - static_cast<int>(c->i64(3)))];
      ++t.disability[c->is_null(4) ? "none" : c->str(4)];
      for (const auto& g : store::split_codes(c->text(5))) ++t.group[g];
    };
    auto person = c->i64(1);
    if (seen_in_district.insert({c->str(0), person}).second) add(by[c->str(0)]);
    if (seen.insert(person).second) add(all);
    if (seen_in_service.insert({c->i64(6), person}).second) ++services[c->i64(6)].people;
  }
  c.reset();
  // People who left a residential institution in the period (a programme target), by the district they live in.
  {
    store::Params dp{from, to};
    if (!district.empty()) dp.push_back(district);
    auto d = tx.query(std::string("SELECT p.district, COUNT(*) FROM pathways pw JOIN people p ON p.id = pw.person_id "
                                  "WHERE pw.left_on BETWEEN $1 AND $2") +
                          (district.empty() ? "" : " AND p.district = $3") + " GROUP BY p.district",
                      dp);
    while (d->next()) {
      by[d->str(0)].deinstitutionalised = d->i64(1);
      all.deinstitutionalised += d->i64(1);
    }
  }
  // Each measure of people is one group across the rows of its table (suppress_rows).
  using Measures = std::map<std::string, std::vector<std::int64_t>>;
  using Row = std::initializer_list<std::pair<const char*, std::int64_t>>;
  auto suppress_table = [](json::array& rows, const Measures& measures) {
    for (const auto& [measure, counts] : measures) suppress_rows(rows, measure.c_str(), counts);
  };
  // The types of service each district has (the map's coverage): what the country's answer carries
  // instead of a row per service.
  std::map<std::string, std::set<std::string>> types_in;
  for (const auto& [id, sv] : services) types_in[sv.district].insert(sv.type);
  json::array districts;
  Measures by_district;
  for (const auto& [code, t] : by) {
    auto o = t.to_json();
    o["district"] = code;
    auto u = registry::find_unit(tx, code);
    o["name"] = u ? u->name : code;
    json::array types;
    for (const auto& x : types_in[code]) types.push_back(json::value(x));
    o["service_types"] = std::move(types);
    districts.push_back(std::move(o));
    for (auto [m, n] : Row{{"occupancy", t.occupancy}, {"waiting", t.waiting}, {"people_served", t.people}, {"deinstitutionalised", t.deinstitutionalised}})
      by_district[m].push_back(n);
  }
  suppress_table(districts, by_district);
  // A row per service for one district's answer only: the country's would be 3,000 rows (615 KB at
  // national scale) that no page needs.
  json::array per_service;
  Measures by_service;
  for (const auto& [id, sv] : services) {
    if (district.empty()) break;
    per_service.push_back({{"id", id}, {"name", sv.name}, {"district", sv.district}, {"type_code", sv.type}, {"capacity", sv.capacity},
                           {"units", sv.units}});
    for (auto [m, n] : Row{{"occupancy", sv.occupancy}, {"waiting", sv.waiting}, {"people_served", sv.people}}) by_service[m].push_back(n);
  }
  suppress_table(per_service, by_service);
  return {{"from", from}, {"to", to}, {"totals", all.to_json()}, {"by_district", std::move(districts)},
          {"by_service", std::move(per_service)}};
}

// The overview is read far more often than the data changes, and costs milliseconds per district at
// national scale: answers are kept per query until the next change (the data's version, which every
// change bumps in its own transaction), and right after a change one request computes the new
// answer while the others asking the same wait for it (single flight).
platform::KeptAnswers& kept_overviews() {
  static platform::KeptAnswers kept;
  return kept;
}

}  // namespace

std::string overview_text(App& app, const Caller& c, const OverviewQuery& q) {
  auto tx = app.db->read();
  auto version = store::data_version(tx);
  // Whole months for some roles (compute_overview): the kind of reader is part of the query.
  bool people = policy::works_with_people(c.me);
  std::string key = people ? "people|" : "aggregates|";
  for (const auto* k : {&q.from, &q.to, &q.district, &q.type}) key += *k + "|";
  key += today();
  return kept_overviews().get(key, version, [&] { return json::serialize(compute_overview(tx, q, people)); });
}

// The overview's aggregates as a spreadsheet: one row per district, then the total.
Spreadsheet overview_xlsx(App& app, const Caller& c, const OverviewQuery& q) {
  auto tx = app.db->read();
  auto o = compute_overview(tx, q, policy::works_with_people(c.me));
  using reports::Cell;
  auto cell = [](const json::value& v) { return v.is_int64() ? Cell::num(static_cast<double>(v.get_int64())) : Cell::of(std::string(v.as_string())); };
  auto count = [&](const json::object& t, const char* group, const char* key) {
    const auto& g = t.at(group).as_object();
    return g.contains(key) ? cell(g.at(key)) : Cell::num(0);
  };
  std::vector<std::string> headers = {"District", "Services", "Capacity", "Occupancy", "Waiting", "Units delivered", "People served",
                                      "Women and girls", "Men and boys", "0-6", "7-17", "18-34", "35-64", "65+", "With disabilities",
                                      "Deinstitutionalised"};
  std::vector<std::vector<Cell>> rows;
  auto row = [&](const std::string& name, const json::object& t) {
    std::int64_t disabled = 0;
    bool small = false;
    for (const auto& [k, n] : t.at("by_disability").as_object()) {
      if (k == "none") continue;
      if (n.is_int64()) disabled += n.get_int64();
      else small = true;
    }
    rows.push_back({Cell::of(name), cell(t.at("services")), cell(t.at("capacity")), cell(t.at("occupancy")), cell(t.at("waiting")),
                    cell(t.at("units")), cell(t.at("people_served")), count(t, "by_sex", "female"), count(t, "by_sex", "male"),
                    count(t, "by_age_group", "0-6"), count(t, "by_age_group", "7-17"), count(t, "by_age_group", "18-34"),
                    count(t, "by_age_group", "35-64"), count(t, "by_age_group", "65+"),
                    small && disabled < 5 ? Cell::of("<5") : Cell::num(static_cast<double>(disabled)), cell(t.at("deinstitutionalised"))});
  };
  for (const auto& d : o.at("by_district").as_array()) row(std::string(d.at("name").as_string()), d.as_object());
  row("Total", o.at("totals").as_object());
  return {"services-overview-" + std::string(o.at("from").as_string()) + "-" + std::string(o.at("to").as_string()),
          reports::xlsx_table("Overview", headers, rows)};
}

}  // namespace sp::services
