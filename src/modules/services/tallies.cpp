#include "modules/services/tallies.hpp"

#include <algorithm>

#include "modules/services/rules.hpp"
#include "platform/tallies.hpp"

namespace sp::services {
namespace {
namespace tallies = platform::tallies;

struct Attributes {
  std::string sex, disability, groups;  // groups: the stored ",a,b," list as a set "a+b"
  int birth_year = 0;
};

// The stored ",a,b," list as the set the tallies key ("a+b", in the stored order — the rebuild's SQL
// writes the same).
std::string groups_of(const std::string& stored) {
  if (stored.size() < 2) return "";
  auto inner = stored.substr(1, stored.size() - 2);
  for (auto& ch : inner)
    if (ch == ',') ch = '+';
  return inner;
}

std::string dims_of(const Attributes& a, int year) {
  return tallies::key_of({{"age", age_group(year - a.birth_year)}, {"dis", a.disability}, {"sex", a.sex}, {"tg", a.groups}});
}

Attributes attributes(store::Tx& tx, std::int64_t person_id) {
  auto c = tx.query("SELECT sex, COALESCE(disability_type, 'none'), target_groups, birth_year FROM people WHERE id = $1", {person_id});
  if (!c->next()) return {};
  return {c->str(0), c->str(1), groups_of(c->str(2)), static_cast<int>(c->i64(3))};
}

// The SQL of the categories' key, as dims_of writes it, for a row of people `p` in year `year_sql`.
// The situations of a follow-up that count as still living in the community.
const std::vector<std::string> kInCommunity = {"living_in_family", "community_with_support"};
// The 12-month follow-ups that found the person in the community (over `f`), from the same list.
const std::string kAt12InCommunity = [] {
  std::string in;
  for (const auto& s : kInCommunity) in += (in.empty() ? "'" : ", '") + s + "'";
  return "WHERE f.months = 12 AND f.done_on IS NOT NULL AND f.situation IN (" + in + ")";
}();

std::string dims_sql(const std::string& year_sql) {
  const std::string age = "(" + year_sql + " - p.birth_year)";
  return "'age=' || CASE WHEN " + age + " <= 6 THEN '0-6' WHEN " + age + " <= 17 THEN '7-17' WHEN " + age + " <= 34 THEN '18-34' WHEN " + age +
         " <= 64 THEN '35-64' ELSE '65+' END || ';dis=' || COALESCE(p.disability_type, 'none') || ';sex=' || p.sex || ';tg=' || "
         "CASE WHEN length(p.target_groups) < 2 THEN '' ELSE replace(substr(p.target_groups, 2, length(p.target_groups) - 2), ',', '+') END";
}
}  // namespace

bool in_community(const std::string& situation) { return std::find(kInCommunity.begin(), kInCommunity.end(), situation) != kInCommunity.end(); }

void tally_month(store::Tx& tx, std::int64_t service_id, const std::string& month, const std::map<std::int64_t, PersonRecords>& before,
                 const std::map<std::int64_t, PersonRecords>& after) {
  auto s = tx.query("SELECT district, type_code FROM service_units WHERE id = $1", {service_id});
  if (!s->next()) return;
  const auto district = s->str(0), type = s->str(1);
  s.reset();
  std::int64_t units = 0, remote = 0;
  std::map<std::int64_t, std::int64_t> moved;  // person → change in records
  for (const auto& [p, r] : before) {
    moved[p] -= r.records;
    units -= r.units;
    remote -= r.remote;
  }
  for (const auto& [p, r] : after) {
    moved[p] += r.records;
    units += r.units;
    remote += r.remote;
  }
  const auto periods = tallies::periods_for(tx, month);
  for (const auto& [p, delta] : moved) {
    if (delta == 0) continue;
    const auto a = attributes(tx, p);
    tallies::weigh(tx, kPeopleServed, tallies::here_and_country(periods, district, [&](int year) { return dims_of(a, year); }), p, delta);
  }
  const auto by_type = tallies::key_of({{"type", type}});
  const auto at = tallies::here_and_country(periods, district, [&](int) { return by_type; });
  tallies::add(tx, kUnitsDelivered, at, units);
  tallies::weigh(tx, kRemoteServices, at, service_id, remote);
}

void tally_pathway(store::Tx& tx, std::int64_t person_id, const std::string& left_on) {
  const auto a = attributes(tx, person_id);
  auto d = tx.scalar_text("SELECT district FROM people WHERE id = $1", {person_id});
  if (!d) return;
  tallies::weigh(tx, kDeinstitutionalised, tallies::here_and_country(tallies::periods_for(tx, left_on.substr(0, 7)), *d, [&](int year) { return dims_of(a, year); }),
                 person_id, 1);
}

void tally_followup(store::Tx& tx, std::int64_t person_id, const FollowupSaid& before, const FollowupSaid& now) {
  auto counts = [](const FollowupSaid& f) { return f.done_on && f.situation && in_community(*f.situation); };
  if (counts(before) == counts(now) && before.done_on == now.done_on) return;
  const auto a = attributes(tx, person_id);
  auto d = tx.scalar_text("SELECT district FROM people WHERE id = $1", {person_id});
  if (!d) return;
  auto move = [&](const FollowupSaid& f, std::int64_t delta) {
    if (!counts(f)) return;
    tallies::weigh(tx, kCommunityAt12Months,
                   tallies::here_and_country(tallies::periods_for(tx, f.done_on->substr(0, 7)), *d, [&](int year) { return dims_of(a, year); }), person_id,
                   delta);
  };
  move(before, -1);
  move(now, 1);
}

void restate_person(store::Tx& tx, std::int64_t person_id) {
  const auto a = attributes(tx, person_id);
  const auto spans = tallies::spans(tx);
  for (const char* measure : {kPeopleServed, kDeinstitutionalised, kCommunityAt12Months})
    tallies::restate(tx, measure, person_id, [&](const std::string& period, const std::string&) { return dims_of(a, tallies::year_of(period, spans)); });
}

void rebuild_tallies(store::Tx& tx) {
  for (const char* measure : {kPeopleServed, kUnitsDelivered, kDeinstitutionalised, kCommunityAt12Months, kRemoteServices}) tallies::clear(tx, measure);
  // People: each person's records per month and district, from the deliveries in one pass; the
  // country, quarters and years from those rows; the counts from the members.
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT 'people_served', g.m, g.district, g.person_id, " + dims_sql("CAST(substr(g.m, 1, 4) AS INTEGER)") + ", g.n "
          "FROM (SELECT substr(d.on_date, 1, 7) AS m, s.district, d.person_id, COUNT(*) AS n FROM deliveries d "
          "JOIN service_units s ON s.id = d.service_id GROUP BY substr(d.on_date, 1, 7), s.district, d.person_id) g "
          "JOIN people p ON p.id = g.person_id");
  tallies::derive_members(tx, kPeopleServed);
  // Left an institution: the month of the pathway's day, in the district the person lives in.
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT 'deinstitutionalised', substr(w.left_on, 1, 7), p.district, w.person_id, " + dims_sql("CAST(substr(w.left_on, 1, 4) AS INTEGER)") +
          ", 1 FROM pathways w JOIN people p ON p.id = w.person_id");
  tallies::derive_members(tx, kDeinstitutionalised);
  // In the community at 12 months: the month of the 12-month follow-up that found them there.
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT 'community_at_12_months', substr(f.done_on, 1, 7), p.district, w.person_id, " + dims_sql("CAST(substr(f.done_on, 1, 4) AS INTEGER)") +
          ", 1 FROM pathway_followups f JOIN pathways w ON w.id = f.pathway_id JOIN people p ON p.id = w.person_id " + kAt12InCommunity);
  tallies::derive_members(tx, kCommunityAt12Months);
  // Services delivering remotely: a service's remote records per month.
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT 'remote_services', substr(d.on_date, 1, 7), s.district, s.id, 'type=' || s.type_code, COUNT(*) FROM deliveries d "
          "JOIN service_units s ON s.id = d.service_id WHERE d.mode = 'remote' GROUP BY substr(d.on_date, 1, 7), s.district, s.id, s.type_code");
  tallies::derive_members(tx, kRemoteServices);
  // Units: from the month totals the grids keep, per service type.
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'units_delivered', m.month, s.district, 'type=' || s.type_code, SUM(m.units) FROM delivery_months m "
          "JOIN service_units s ON s.id = m.service_id GROUP BY m.month, s.district, s.type_code");
  tallies::derive_sums(tx, kUnitsDelivered);
  for (const auto& s : tallies::spans(tx)) count_span(tx, s);
}

void count_span(store::Tx& tx, const platform::tallies::Span& s) {
  // From the month rows: a person's records in the span's months, their categories with the ages of its last year.
  const std::string months = "t.period BETWEEN $2 AND $3 AND length(t.period) = 7 AND substr(t.period, 6, 1) <> 'Q'";
  for (const char* measure : {kPeopleServed, kDeinstitutionalised, kCommunityAt12Months}) {
    tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
            "SELECT $4, $1, t.place, t.member, " + dims_sql(std::to_string(std::stoi(s.last_month.substr(0, 4)))) + ", SUM(t.weight) "
            "FROM tally_members t JOIN people p ON p.id = t.member WHERE t.measure = $4 AND " + months +
            " GROUP BY t.place, t.member, p.birth_year, p.disability_type, p.sex, p.target_groups",
            {s.period, s.first_month, s.last_month, std::string(measure)});
    tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
            "SELECT measure, period, place, dims, COUNT(*) FROM tally_members WHERE measure = $2 AND period = $1 "
            "GROUP BY measure, period, place, dims",
            {s.period, std::string(measure)});
  }
  tallies::count_span_sums(tx, kUnitsDelivered, s);
  tallies::count_span_members(tx, kRemoteServices, s);
}
std::vector<std::string> check_tallies(store::Tx& tx) {
  // Each measure counted directly per year, in each district (the service's, or where the person lives)
  // and in the country.
  tallies::Counted people, units, left, at12, remote;
  for (const bool country : {false, true}) {
    const std::string service_place = country ? "'MD'" : "s.district", service_by = country ? "" : ", s.district";
    const std::string person_place = country ? "'MD'" : "p.district", person_by = country ? "" : ", p.district";
    const std::string deliveries = " FROM deliveries d JOIN service_units s ON s.id = d.service_id";
    tallies::count_into(tx, "SELECT substr(d.on_date, 1, 4), " + service_place + ", COUNT(DISTINCT d.person_id)" + deliveries +
                                " GROUP BY substr(d.on_date, 1, 4)" + service_by, people);
    tallies::count_into(tx, "SELECT substr(d.on_date, 1, 4), " + service_place + ", SUM(d.units)" + deliveries + " GROUP BY substr(d.on_date, 1, 4)" + service_by,
                        units);
    tallies::count_into(tx, "SELECT substr(d.on_date, 1, 4), " + service_place + ", COUNT(DISTINCT d.service_id)" + deliveries +
                                " WHERE d.mode = 'remote' GROUP BY substr(d.on_date, 1, 4)" + service_by, remote);
    tallies::count_into(tx, "SELECT substr(w.left_on, 1, 4), " + person_place + ", COUNT(DISTINCT w.person_id) FROM pathways w JOIN people p ON p.id = w.person_id "
                                "GROUP BY substr(w.left_on, 1, 4)" + person_by, left);
    tallies::count_into(tx, "SELECT substr(f.done_on, 1, 4), " + person_place + ", COUNT(DISTINCT w.person_id) FROM pathway_followups f JOIN pathways w ON "
                                "w.id = f.pathway_id JOIN people p ON p.id = w.person_id " + kAt12InCommunity + " GROUP BY substr(f.done_on, 1, 4)" + person_by,
                        at12);
  }
  std::vector<std::string> out;
  for (const auto& [measure, counted] : {std::pair{kPeopleServed, &people}, {kUnitsDelivered, &units}, {kDeinstitutionalised, &left},
                                         {kCommunityAt12Months, &at12}, {kRemoteServices, &remote}})
    for (auto& d : tallies::differences(tx, measure, *counted)) out.push_back(std::move(d));
  return out;
}
}  // namespace sp::services
