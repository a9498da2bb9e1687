// The services overview: aggregates only (no person's code or identity), suppressed so that no
// hidden count can be recovered from the others, kept until the data changes (single flight).
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/operations.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/rules.hpp"
#include "platform/kept_states.hpp"
#include "modules/services/tallies.hpp"
#include "platform/policy.hpp"
#include "platform/tallies.hpp"
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

// Codes of a kept state interned as small numbers (sexes, disabilities, target groups), so that
// counting a person is a few increments of arrays, not of maps keyed by text.
struct Codes {
  std::vector<std::string> names;
  std::map<std::string, std::uint16_t, std::less<>> index;
  std::uint16_t of(std::string_view name) {
    if (auto it = index.find(name); it != index.end()) return it->second;
    names.emplace_back(name);
    return index[std::string(name)] = static_cast<std::uint16_t>(names.size() - 1);
  }
};

// A person served in a district in the period: the attributes the aggregates count, nothing else.
struct Served {
  std::int64_t person = 0;
  int birth_year = 0;
  std::uint16_t sex = 0, disability = 0;  // Codes
  std::uint64_t groups = 0;               // a bit per target group (Codes)
};

struct ServiceRow {
  std::int64_t id = 0;
  std::string name, type;
  std::int64_t capacity = 0, occupancy = 0, waiting = 0, people = 0, units = 0;
};

// One district's part of an answer: its services, the people served there in the period (each once)
// and the people living there who left a residential institution in it. Recounted only when a change
// touches the district (touched_districts).
// A place's figures of a period as the tallies keep them (answer_from_tallies): people served with
// their categories (a person in several target groups counts in each), people who left an
// institution, units delivered.
struct Tallied {
  std::int64_t people = 0, left = 0, units = 0;
  std::map<std::string, std::int64_t> sex, age, disability, group;
  bool empty() const { return people == 0 && left == 0 && units == 0; }
};

struct Part {
  std::string name;
  std::vector<ServiceRow> services;  // by id
  std::vector<Served> served;        // by person
  std::vector<std::int64_t> left;    // a row per pathway, by person
  Tallied tallied;                   // when the answer is read from the tallies
  bool empty() const { return services.empty() && left.empty() && tallied.empty(); }
};

struct State {
  Codes sexes, disabilities, groups;
  std::map<std::string, Part> parts;  // by district code
  Tallied country;                    // when the answer is read from the tallies
};

// The period an answer counts and what it selects.
struct Scope {
  std::string from, to, district, type;
  int year = 0;
};

// Counts people served by sex, age group, disability and target group.
struct Counts {
  std::int64_t people = 0;
  std::vector<std::int64_t> sex, disability, group, born;  // born: by birth year from 1800
  void add(const Served& p) {
    ++people;
    auto bump = [](std::vector<std::int64_t>& v, std::size_t i) {
      if (v.size() <= i) v.resize(i + 1);
      ++v[i];
    };
    bump(sex, p.sex);
    bump(disability, p.disability);
    bump(born, static_cast<std::size_t>(std::clamp(p.birth_year - 1800, 0, 499)));
    for (std::uint64_t g = p.groups; g; g &= g - 1) bump(group, static_cast<std::size_t>(__builtin_ctzll(g)));
  }
  static json::object named(const std::vector<std::int64_t>& v, const Codes& codes) {
    std::map<std::string, std::int64_t> m;
    for (std::size_t i = 0; i < v.size(); ++i)
      if (v[i]) m[codes.names[i]] += v[i];
    return counts_json(m);
  }
  json::object ages(int year) const {
    std::map<std::string, std::int64_t> m;
    for (std::size_t i = 0; i < born.size(); ++i)
      if (born[i]) m[age_group(year - 1800 - static_cast<int>(i))] += born[i];
    return counts_json(m);
  }
};

struct Tally {
  std::int64_t services = 0, capacity = 0, occupancy = 0, waiting = 0, deinstitutionalised = 0, units = 0;
  Counts people;
  void add_services(const Part& p) {
    for (const auto& s : p.services) {
      ++services;
      capacity += s.capacity;
      occupancy += s.occupancy;
      waiting += s.waiting;
      units += s.units;
    }
    deinstitutionalised += static_cast<std::int64_t>(p.left.size());
  }
  // The figures of a row of the answer, the parts of the people served given (each suppressed as one
  // group), those of the services, the people who left an institution and the units from this tally.
  json::object figures(std::int64_t served, json::object by_sex, json::object by_age, json::object by_disability,
                       json::object by_group) const {
    return {{"services", services},
            {"capacity", capacity},
            {"occupancy", suppressed(occupancy)},
            {"waiting", suppressed(waiting)},
            {"people_served", suppressed(served)},
            {"deinstitutionalised", suppressed(deinstitutionalised)},
            {"units", units},
            {"by_sex", std::move(by_sex)},
            {"by_age_group", std::move(by_age)},
            {"by_disability", std::move(by_disability)},
            {"by_target_group", std::move(by_group)}};
  }
  json::object to_json(const State& st, int year) const {
    return figures(people.people, Counts::named(people.sex, st.sexes), people.ages(year), Counts::named(people.disability, st.disabilities),
                   Counts::named(people.group, st.groups));
  }
};

// The parts left with nothing dropped, the others named after their district.
void name_parts(store::Tx& tx, State& st) {
  for (auto it = st.parts.begin(); it != st.parts.end();) {
    if (it->second.empty()) {
      it = st.parts.erase(it);
      continue;
    }
    if (it->second.name.empty()) {
      auto u = registry::find_unit(tx, it->first);
      it->second.name = u ? u->name : it->first;
    }
    ++it;
  }
}

// The figures of a period of the tallies in the districts in `only` (every district when empty), and
// the country's, rolled up by category.
void read_tallied(store::Tx& tx, State& st, const std::string& period, const std::vector<std::string>& only) {
  namespace tallies = platform::tallies;
  const std::string country(tallies::kCountry);
  std::vector<std::string> places = only;
  if (!places.empty()) places.push_back(country);
  std::map<std::string, std::vector<tallies::Value>> people;
  for (auto& v : tallies::read(tx, kPeopleServed, {period}, places)) people[v.place].push_back(std::move(v));
  auto at = [&](const std::string& place) -> Tallied& { return place == country ? st.country : st.parts[place].tallied; };
  for (const auto& place : places) at(place) = {};
  if (places.empty()) {
    st.country = {};
    for (auto& [code, part] : st.parts) part.tallied = {};
  }
  for (const auto& [place, rows] : people) {
    auto& t = at(place);
    auto r = tallies::roll_up(rows, {"sex", "age", "dis", "tg"});
    auto by = [&](const char* category) {
      auto& m = r[category].by;
      m.erase("unknown");  // a person in no target group counts in none
      return std::move(m);
    };
    t.people = r["sex"].total;
    t.sex = by("sex");
    t.age = by("age");
    t.disability = by("dis");
    t.group = by("tg");
  }
  for (const auto& v : tallies::read(tx, kDeinstitutionalised, {period}, places)) at(v.place).left += v.value;
  for (const auto& v : tallies::read(tx, kUnitsDelivered, {period}, places)) at(v.place).units += v.value;
}

// Counts the parts of the districts in `only` (every district when empty) afresh, with one set of
// queries for all of them: services with their places and waiting lists; then, for a period of the
// tallies, its figures read from them (read_tallied), or else counted from the records: units
// delivered by whole months (the grid's unit of saving), the people served in the period (at least one
// delivery in it, as the results' indicator counts them, each once per district and once per service)
// and those who left an institution in it (by the district they live in). Aggregates only: no
// person's code or identity is read.
void count_parts(store::Tx& tx, State& st, const Scope& sc, const std::vector<std::string>& only, const std::optional<std::string>& tally_period) {
  for (const auto& d : only) st.parts.erase(d);
  if (only.empty()) st.parts.clear();
  ServiceFilter selection;
  selection.type = sc.type;
  selection.districts = only;
  auto w = service_where(selection);
  std::map<std::int64_t, std::pair<std::string, std::size_t>> where_is;  // service → (district, index)
  {
    auto loads = service_loads(tx, selection);
    std::vector<ServiceUnit> all = list_services(tx, selection);
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (const auto& s : all) {
      const auto& l = loads[s.id];
      auto& part = st.parts[s.district];
      where_is[s.id] = {s.district, part.services.size()};
      part.services.push_back({s.id, s.name, s.type_code, s.capacity, l.active, l.waiting});
    }
  }
  if (tally_period) {
    read_tallied(tx, st, *tally_period, only);
    name_parts(tx, st);
    return;
  }
  auto period = [&](std::string_view a, std::string_view b) {
    auto p = w.params();
    p.push_back(std::string(a));
    p.push_back(std::string(b));
    std::string cond = w.sql().empty() ? " WHERE " : w.sql() + " AND ";
    return std::pair{p, cond};
  };
  auto service_at = [&](std::int64_t id) -> ServiceRow* {
    auto it = where_is.find(id);
    return it == where_is.end() ? nullptr : &st.parts[it->second.first].services[it->second.second];
  };
  {
    auto [p, cond] = period(sc.from.substr(0, 7), sc.to.substr(0, 7));
    auto c = tx.query("SELECT s.id, SUM(m.units) FROM delivery_months m JOIN service_units s ON s.id = m.service_id" + cond +
                          "m.month BETWEEN $" + std::to_string(p.size() - 1) + " AND $" + std::to_string(p.size()) + " GROUP BY s.id",
                      p);
    while (c->next())
      if (auto* s = service_at(c->i64(0))) s->units = c->i64(1);
  }
  {
    auto [p, cond] = period(sc.from, sc.to);
    auto c = tx.query(
        "SELECT s.district, p.id, p.sex, p.birth_year, p.disability_type, p.target_groups, s.id FROM service_units s "
        "JOIN (SELECT DISTINCT service_id, person_id FROM deliveries WHERE on_date BETWEEN $" + std::to_string(p.size() - 1) + " AND $" +
        std::to_string(p.size()) + ") d ON d.service_id = s.id JOIN people p ON p.id = d.person_id" + w.sql() + " ORDER BY p.id, s.id",
        p);
    std::map<std::int64_t, std::int64_t> last_in_service;  // a person counted once per service (rows come by person)
    while (c->next()) {
      auto person = c->i64(1);
      auto& served = st.parts[c->str(0)].served;
      if (served.empty() || served.back().person != person) {
        Served x{person, static_cast<int>(c->i64(3)), st.sexes.of(c->text(2)), st.disabilities.of(c->is_null(4) ? "none" : c->text(4)), 0};
        for (const auto& g : store::split_codes(c->text(5))) {
          auto bit = st.groups.of(g);
          if (bit >= 64) throw std::runtime_error("more than 64 target groups");
          x.groups |= std::uint64_t{1} << bit;
        }
        served.push_back(x);
      }
      auto service = c->i64(6);
      if (auto& last = last_in_service[service]; last != person) {
        last = person;
        if (auto* s = service_at(service)) ++s->people;
      }
    }
  }
  {
    store::Params dp{sc.from, sc.to};
    std::string in;
    for (const auto& d : only) {
      dp.push_back(d);
      in += (in.empty() ? "$" : ", $") + std::to_string(dp.size());
    }
    auto c = tx.query(std::string("SELECT p.district, pw.person_id FROM pathways pw JOIN people p ON p.id = pw.person_id "
                                  "WHERE pw.left_on BETWEEN $1 AND $2") +
                          (in.empty() ? "" : " AND p.district IN (" + in + ")") + " ORDER BY pw.person_id",
                      dp);
    while (c->next()) st.parts[c->str(0)].left.push_back(c->i64(1));
  }
  name_parts(tx, st);
}

// The districts whose parts the changed records touch: where a changed service is and was, and for a
// changed person, where they live and lived, and every district of a service they are or were
// enrolled in. The changes of the services overview's data are audited under "service" (a service,
// its staff, its grid) or "person" (a person's file, consents, enrolments, referrals, pathways).
std::vector<std::string> touched_districts(store::Tx& tx, const State& st, const std::vector<audit::Changed>& changes) {
  std::set<std::int64_t> services, people;
  for (const auto& c : changes) (c.entity == "service" ? services : people).insert(c.id);
  std::set<std::string> out;
  auto ask = [&](const std::string& sql, const std::set<std::int64_t>& ids) {
    if (ids.empty()) return;
    store::Params p(ids.begin(), ids.end());
    std::string in;
    for (std::size_t i = 1; i <= p.size(); ++i) in += (i == 1 ? "$" : ", $") + std::to_string(i);
    auto c = tx.query(sql + "(" + in + ")", p);
    while (c->next()) out.insert(c->str(0));
  };
  ask("SELECT district FROM service_units WHERE id IN ", services);
  ask("SELECT district FROM people WHERE id IN ", people);
  ask("SELECT DISTINCT s.district FROM enrolments e JOIN service_units s ON s.id = e.service_id WHERE e.person_id IN ", people);
  for (const auto& [code, part] : st.parts) {
    auto has_service = std::any_of(services.begin(), services.end(), [&](std::int64_t id) {
      auto it = std::lower_bound(part.services.begin(), part.services.end(), id, [](const ServiceRow& s, std::int64_t v) { return s.id < v; });
      return it != part.services.end() && it->id == id;
    });
    auto has_person = std::any_of(people.begin(), people.end(), [&](std::int64_t id) {
      auto served = std::lower_bound(part.served.begin(), part.served.end(), id, [](const Served& s, std::int64_t v) { return s.person < v; });
      return (served != part.served.end() && served->person == id) || std::binary_search(part.left.begin(), part.left.end(), id);
    });
    if (has_service || has_person) out.insert(code);
  }
  return {out.begin(), out.end()};
}

// A district's row of either answer: its figures `o` (counted, with the tally `t` they came from),
// named, with the types of its services; its measures of people kept for suppressing the column as
// one group (suppress_rows).
using Measures = std::map<std::string, std::vector<std::int64_t>>;
void add_district_row(json::array& rows, Measures& measures, const std::string& code, const Part& part, json::object o, const Tally& t) {
  std::set<std::string> names;
  for (const auto& sv : part.services) names.insert(sv.type);
  json::array types;
  for (const auto& x : names) types.push_back(json::value(x));
  o["district"] = code;
  o["name"] = part.name;
  o["service_types"] = std::move(types);
  rows.push_back(std::move(o));
  for (const auto& [m, n] : {std::pair{"occupancy", t.occupancy}, {"waiting", t.waiting}, {"people_served", t.people.people},
                             {"deinstitutionalised", t.deinstitutionalised}})
    measures[m].push_back(n);
}
void suppress_table(json::array& rows, const Measures& measures) {
  for (const auto& [measure, counts] : measures) suppress_rows(rows, measure.c_str(), counts);
}

// The answer from the kept parts: a row per district, the total (each person once, however many
// districts served them) and, for one district's answer only, a row per service (the country's would
// be 3,000 rows, 615 KB at national scale, that no page needs). Each measure of people is one group
// across the rows of its table, suppressed as one (suppress_rows).
json::object answer(const State& st, const Scope& sc) {
  using Row = std::initializer_list<std::pair<const char*, std::int64_t>>;
  Tally all;
  std::vector<char> counted;  // by person id: already in the total
  json::array districts;
  Measures by_district;
  for (const auto& [code, part] : st.parts) {
    Tally t;
    t.add_services(part);
    all.add_services(part);
    for (const auto& p : part.served) {
      t.people.add(p);
      auto i = static_cast<std::size_t>(p.person);
      if (counted.size() <= i) counted.resize(std::max(i + 1, counted.size() * 2));
      if (!counted[i]) {
        counted[i] = 1;
        all.people.add(p);
      }
    }
    add_district_row(districts, by_district, code, part, t.to_json(st, sc.year), t);
  }
  suppress_table(districts, by_district);
  json::array per_service;
  Measures by_service;
  for (const auto& [code, part] : st.parts) {
    if (sc.district.empty()) break;
    for (const auto& sv : part.services) {
      per_service.push_back({{"id", sv.id}, {"name", sv.name}, {"district", code}, {"type_code", sv.type}, {"capacity", sv.capacity},
                             {"units", sv.units}});
      for (auto [m, n] : Row{{"occupancy", sv.occupancy}, {"waiting", sv.waiting}, {"people_served", sv.people}}) by_service[m].push_back(n);
    }
  }
  suppress_table(per_service, by_service);
  return {{"from", sc.from}, {"to", sc.to}, {"totals", all.to_json(st, sc.year)}, {"by_district", std::move(districts)},
          {"by_service", std::move(per_service)}};
}

// The period of the platform's tallies (platform/tallies.hpp) that a whole country's answer without a
// service type counts — a month, a quarter or a calendar year, or the part of one up to today (nothing
// is recorded after today: deliveries and pathways in the future are refused) — or none: a day range,
// one district (with its row per service) or one service type are counted from the records.
std::optional<std::string> tally_period(const Scope& sc) {
  if (!sc.type.empty() || !sc.district.empty() || sc.from.substr(8) != "01") return std::nullopt;
  const auto year = sc.from.substr(0, 4);
  auto ends = [&](const std::string& last) { return sc.to == last || (sc.to >= today() && sc.to <= last); };
  auto month_end = [](const std::string& first) { return add_days(add_months(first, 1), -1); };
  if (sc.from == year + "-01-01" && ends(year + "-12-31")) return year;
  if (ends(month_end(sc.from))) return sc.from.substr(0, 7);
  const int m = std::stoi(sc.from.substr(5, 2));
  if ((m - 1) % 3 == 0 && ends(month_end(add_months(sc.from, 2)))) return year + "-Q" + std::to_string((m - 1) / 3 + 1);
  return std::nullopt;
}

// The whole country's answer for a period of the tallies, from the kept parts: the places and waiting
// lists of today (services) and the period's figures read from the tallies (read_tallied), each
// district's and the country's (each person once). The same figures as `answer` counts from the
// records (tests/api/services.test.mjs compares a district's row with the district's own answer).
json::object answer_from_tallies(const State& st, const Scope& sc) {
  auto row = [](Tally t, const Tallied& f) {
    t.deinstitutionalised = f.left;
    t.units = f.units;
    t.people.people = f.people;
    return std::pair{t.figures(f.people, counts_json(f.sex), counts_json(f.age), counts_json(f.disability), counts_json(f.group)), t};
  };
  Tally all;
  json::array districts;
  Measures measures;
  for (const auto& [code, part] : st.parts) {
    Tally t;
    t.add_services(part);
    all.add_services(part);
    auto [o, counted] = row(t, part.tallied);
    add_district_row(districts, measures, code, part, std::move(o), counted);
  }
  suppress_table(districts, measures);
  return {{"from", sc.from}, {"to", sc.to}, {"totals", row(all, st.country).first}, {"by_district", std::move(districts)},
          {"by_service", json::array{}}};
}

// The period and selection of a query, checked. Those who see aggregates only get whole months: two
// periods a day apart would otherwise tell, by their difference, who started or left on that day.
Scope scope_of(const OverviewQuery& q, bool sees_people) {
  Scope sc{q.from, q.to, q.district, q.type};
  if (sc.to.empty()) sc.to = today();
  if (sc.from.empty()) sc.from = sc.to.substr(0, 4) + "-01-01";
  if (!valid_date(sc.from) || !valid_date(sc.to) || sc.from > sc.to)
    throw Invalid({{"from", "invalid_date", "A period from YYYY-MM-DD to YYYY-MM-DD"}});
  if (!sees_people) {
    sc.from = sc.from.substr(0, 8) + "01";
    sc.to = add_days(add_months(sc.to.substr(0, 8) + "01", 1), -1);
  }
  sc.year = std::stoi(sc.to.substr(0, 4));
  return sc;
}

// The overview is read far more often than the data changes. Its parts are kept per query with the
// data's version they were counted at; a request at a newer version recounts only the districts the
// changes since touched (audit::changes), and one request does it while the others asking the same
// wait for it (single flight). The country's answer right after a change then costs one district's
// queries, not the whole country's (decision 0016).
platform::KeptStates<State>& kept_overviews() {
  static platform::KeptStates<State> kept;
  return kept;
}

std::shared_ptr<const std::string> kept_overview(store::Tx& tx, const OverviewQuery& q, bool sees_people) {
  auto sc = scope_of(q, sees_people);
  auto version = store::data_version(tx);
  const auto period = tally_period(sc);
  std::string key = period ? "tallies|" : sees_people ? "people|" : "aggregates|";
  for (const auto* k : {&sc.from, &sc.to, &sc.district, &sc.type}) key += *k + "|";
  std::vector<std::string> only;
  if (!sc.district.empty()) only.push_back(sc.district);
  return kept_overviews().get(key, version, [&](std::optional<State>& st, std::int64_t kept) {
    std::optional<std::vector<std::string>> touched;
    if (st)
      if (auto changes = audit::changes(tx, kept, version, {"person", "service"})) touched = touched_districts(tx, *st, *changes);
    if (!st || !touched) {
      st.emplace();
      count_parts(tx, *st, sc, only, period);
    } else {
      if (!only.empty())  // one district's answer: only its own part
        touched->erase(std::remove_if(touched->begin(), touched->end(), [&](const auto& d) { return d != sc.district; }), touched->end());
      if (!touched->empty()) count_parts(tx, *st, sc, *touched, period);
    }
    return json::serialize(period ? answer_from_tallies(*st, sc) : answer(*st, sc));
  });
}

}  // namespace

std::string overview_text(App& app, const Caller& c, const OverviewQuery& q) {
  auto tx = app.db->read();
  return *kept_overview(tx, q, policy::works_with_people(c.me));
}

// The overview's aggregates as a spreadsheet: one row per district, then the total.
Spreadsheet overview_xlsx(App& app, const Caller& c, const Words& w, const OverviewQuery& q) {
  auto tx = app.db->read();
  auto o = json::parse(*kept_overview(tx, q, policy::works_with_people(c.me))).as_object();
  using reports::Cell;
  auto cell = [](const json::value& v) { return v.is_int64() ? Cell::num(static_cast<double>(v.get_int64())) : Cell::of(std::string(v.as_string())); };
  auto count = [&](const json::object& t, const char* group, const char* key) {
    const auto& g = t.at(group).as_object();
    return g.contains(key) ? cell(g.at(key)) : Cell::num(0);
  };
  auto headers = reports::headers(w, "sheet.overview",
                                  {"district", "services", "capacity", "occupancy", "waiting", "units", "people_served", "women",
                                   "men", "age_0_6", "age_7_17", "age_18_34", "age_35_64", "age_65", "with_disabilities",
                                   "deinstitutionalised"});
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
  row(w.tr("sheet.overview.total"), o.at("totals").as_object());
  return {"services-overview-" + std::string(o.at("from").as_string()) + "-" + std::string(o.at("to").as_string()),
          reports::xlsx_table(w, w.tr("sheet.overview.title"), headers, rows)};
}

}  // namespace sp::services
