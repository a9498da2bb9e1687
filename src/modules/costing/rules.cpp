#include "modules/costing/rules.hpp"

#include <algorithm>
#include <cstdio>

#include "common/money.hpp"
#include "common/time.hpp"

namespace sp::costing {
namespace {
constexpr std::int64_t kWhole = 1'000'000;  // 100% in parts per million

std::string at(const char* list, std::size_t i, const char* field) { return std::string(list) + "[" + std::to_string(i) + "]." + field; }

// The hours a staff line gives in the year: its FTE × the productive hours of an FTE × its months.
Exact line_hours(const StaffLine& s, const Exact& productive) { return Exact::ppm(s.fte_ppm) * productive * Exact::ratio(s.months, 12); }

Figure figure(const Exact& total, const Exact& divisor, const char* missing) {
  if (divisor.is_zero()) return {std::nullopt, missing};
  return {(total / divisor).round(), {}};
}
}  // namespace

const std::vector<std::string>& running_categories() {
  static const std::vector<std::string> v = {"transport", "materials", "food", "rent_utilities", "communications", "training_supervision", "insurance", "other"};
  return v;
}
const std::vector<std::string>& running_bases() {
  static const std::vector<std::string> v = {"per_place", "per_beneficiary", "per_km"};
  return v;
}

std::vector<std::string> public_holidays(int year) {
  // Orthodox Easter: Meeus' Julian computus, moved to the Gregorian calendar (13 days until 2099).
  const int a = year % 4, b = year % 7, c = year % 19;
  const int d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
  const int month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1;
  char julian[16];
  std::snprintf(julian, sizeof julian, "%04d-%02d-%02d", year % 10000, month, day);
  const auto easter = add_days(julian, year >= 2100 ? 14 : 13);
  std::vector<std::string> out;
  for (const char* md : {"01-01", "01-07", "01-08", "03-08", "05-01", "05-09", "06-01", "08-27", "08-31", "12-25"})
    out.push_back(std::to_string(year) + "-" + md);
  for (int plus : {0, 1, 8}) out.push_back(add_days(easter, plus));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int weekday_working_days(int year) {
  auto holidays = public_holidays(year);
  int n = 0;
  const std::string first = std::to_string(year) + "-01-01";
  const int days = days_between(first, std::to_string(year + 1) + "-01-01");
  for (int i = 0; i < days; ++i) {
    auto day = add_days(first, i);
    if (((days_between("1970-01-05", day) % 7) + 7) % 7 >= 5) continue;  // Saturday, Sunday (1970-01-05 was a Monday)
    if (!std::binary_search(holidays.begin(), holidays.end(), day)) ++n;
  }
  return n;
}

Model apply(Model m, const Scenario& s) {
  if (s.occupancy_ppm) m.occupancy_ppm = *s.occupancy_ppm;
  if (s.public_employer) m.public_employer = *s.public_employer;
  if (s.pay_rise_ppm)
    for (auto& line : m.staff) line.gross_monthly_minor = (Exact(line.gross_monthly_minor) * (Exact(1) + Exact::ppm(*s.pay_rise_ppm))).round();
  return m;
}

std::optional<Spread> spread(std::vector<std::int64_t> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  // The value at rank q × (n − 1), between the two closest ranks.
  auto at = [&](std::int64_t num, std::int64_t den) {
    const auto pos = Exact::ratio(num * static_cast<std::int64_t>(v.size() - 1), den);
    const auto lo = static_cast<std::size_t>(num * static_cast<std::int64_t>(v.size() - 1) / den);
    if (lo + 1 >= v.size()) return v.back();
    const auto frac = pos - Exact(static_cast<std::int64_t>(lo));
    return (Exact(v[lo]) + (Exact(v[lo + 1]) - Exact(v[lo])) * frac).round();
  };
  return Spread{v.front(), at(1, 4), at(1, 2), at(3, 4), v.back(), static_cast<int>(v.size())};
}

std::optional<std::int64_t> variance_ppm(std::int64_t actual, std::int64_t standard) {
  if (standard == 0) return std::nullopt;
  return ((Exact(actual) - Exact(standard)) / Exact(standard)).round_ppm();
}

std::vector<Problem> check(const Model& m, const Parameters& p) {
  std::vector<Problem> out;
  auto add = [&](std::string field, const char* code, const char* text, std::vector<std::pair<std::string, std::string>> params = {}) {
    out.push_back({std::move(field), code, text, std::move(params)});
  };
  auto share = [&](std::string field, std::int64_t ppm) {
    if (ppm < 0 || ppm > kWhole) add(std::move(field), "out_of_range", "Must be between 0 and 100%", {{"min", "0"}, {"max", "100"}});
  };
  auto amount = [&](std::string field, std::int64_t minor) {
    if (minor < 0 || minor > kMaxMinor) add(std::move(field), "out_of_range", "Must be an amount from 0", {{"min", "0"}});
  };
  for (std::size_t i = 0; i < m.staff.size(); ++i) {
    const auto& s = m.staff[i];
    if (s.position.empty()) add(at("staff", i, "position"), "required", "Name the position");
    if (s.fte_ppm <= 0 || s.fte_ppm > 100 * kWhole) add(at("staff", i, "fte"), "out_of_range", "Must be more than 0", {{"min", "0"}});
    if (s.months < 1 || s.months > 12) add(at("staff", i, "months"), "out_of_range", "Must be 1 to 12 months", {{"min", "1"}, {"max", "12"}});
    amount(at("staff", i, "gross_monthly_minor"), s.gross_monthly_minor);
    // The gross pay is a full-time month's: what the line pays, gross × FTE, may not be below the
    // minimum wage × FTE (part-time pay is proportional), so the full-time pay not below the minimum.
    if (s.fte_ppm > 0 && Exact(s.gross_monthly_minor) * Exact::ppm(s.fte_ppm) < Exact(p.minimum_wage_minor) * Exact::ppm(s.fte_ppm))
      add(at("staff", i, "gross_monthly_minor"), "below_minimum_wage", "Below the minimum wage ({minimum} lei a month for full time)",
          {{"minimum", Exact::ratio(p.minimum_wage_minor, 100).decimal(2)}});
    share(at("staff", i, "direct_share"), s.direct_share_ppm);
  }
  for (std::size_t i = 0; i < m.running.size(); ++i) {
    if (m.running[i].category.empty()) add(at("running", i, "category"), "required", "Choose a category");
    amount(at("running", i, "amount_minor"), m.running[i].amount_minor);
    if (!m.running[i].basis.empty() && (m.running[i].quantity_ppm < 0 || m.running[i].quantity_ppm > 10'000'000 * kWhole))
      add(at("running", i, "quantity"), "out_of_range", "Must be 0 to 10000000", {{"min", "0"}, {"max", "10000000"}});
  }
  share("overhead_rate", m.overhead_rate_ppm);
  for (std::size_t i = 0; i < m.assets.size(); ++i) {
    amount(at("assets", i, "value_minor"), m.assets[i].value_minor);
    if (m.assets[i].useful_life_years < 1 || m.assets[i].useful_life_years > 100)
      add(at("assets", i, "useful_life_years"), "out_of_range", "Must be 1 to 100 years", {{"min", "1"}, {"max", "100"}});
  }
  if (m.places < 0 || m.places > 100'000) add("places", "out_of_range", "Must be 0 to 100000", {{"min", "0"}, {"max", "100000"}});
  share("occupancy", m.occupancy_ppm);
  if (m.operating_days < 0 || m.operating_days > 366) add("operating_days", "out_of_range", "Must be 0 to 366 days", {{"min", "0"}, {"max", "366"}});
  if (m.sick_training_days_ppm < 0 || m.sick_training_days_ppm > 366 * kWhole)
    add("sick_training_days", "out_of_range", "Must be 0 to 366 days", {{"min", "0"}, {"max", "366"}});
  for (std::size_t i = 0; i < m.activities.size(); ++i) {
    const auto& a = m.activities[i];
    if (a.name.empty()) add(at("activities", i, "name"), "required", "Name the activity");
    if (a.staff_line < 0 || static_cast<std::size_t>(a.staff_line) >= m.staff.size())
      add(at("activities", i, "staff_line"), "not_found", "No such staff line");
    if (a.minutes_ppm <= 0 || a.minutes_ppm > 24 * 60 * kWhole) add(at("activities", i, "minutes"), "out_of_range", "Must be more than 0", {{"min", "0"}});
    if (a.per_beneficiary_month_ppm < 0 || a.per_beneficiary_month_ppm > 1000 * kWhole)
      add(at("activities", i, "per_beneficiary_month"), "out_of_range", "Must be 0 to 1000", {{"min", "0"}, {"max", "1000"}});
    amount(at("activities", i, "materials_minor"), a.materials_minor);
  }
  for (std::size_t i = 0; i < m.packages.size(); ++i) {
    if (m.packages[i].name.empty()) add(at("packages", i, "name"), "required", "Name the package");
    if (m.packages[i].activities.empty()) add(at("packages", i, "activities"), "required", "Choose its activities");
    for (int a : m.packages[i].activities)
      if (a < 0 || static_cast<std::size_t>(a) >= m.activities.size()) add(at("packages", i, "activities"), "not_found", "No such activity");
  }
  return out;
}

Outputs compute(const Model& m, const Parameters& p, Exacts* exact) {
  const Exact employer = Exact(1) + Exact::ppm(m.public_employer ? p.employer_rate_public_ppm : p.employer_rate_private_ppm);
  std::vector<Exact> line_cost;
  Exact staff, running, capital;
  for (const auto& s : m.staff) {
    // gross monthly × months × FTE × (1 + the employer's contribution rate)
    line_cost.push_back(Exact(s.gross_monthly_minor) * Exact(s.months) * Exact::ppm(s.fte_ppm) * employer);
    staff += line_cost.back();
  }
  std::vector<Exact> running_cost;
  for (const auto& r : m.running) {
    // A year's amount, or a price per place, beneficiary or km times its quantity.
    running_cost.push_back(r.basis.empty() ? Exact(r.amount_minor) : Exact(r.amount_minor) * Exact::ppm(r.quantity_ppm));
    running += running_cost.back();
  }
  const Exact direct = staff + running;
  const Exact overhead = direct * Exact::ppm(m.overhead_rate_ppm);
  for (const auto& a : m.assets) capital += Exact::ratio(a.value_minor, a.useful_life_years);
  const Exact total = direct + overhead + capital;

  // Productive hours of one FTE: (working days − leave − sick and training days) × hours a day.
  const Exact productive = (Exact(p.working_days) - Exact(p.leave_days) - Exact::ppm(m.sick_training_days_ppm)) * Exact::ppm(p.hours_per_day_ppm);
  Exact direct_hours;
  for (const auto& s : m.staff)
    if (s.clinical) direct_hours += line_hours(s, productive) * Exact::ppm(s.direct_share_ppm);

  Outputs o;
  for (const auto& c : line_cost) o.staff_lines.push_back(c.round());
  for (const auto& c : running_cost) o.running_lines.push_back(c.round());
  o.staff_minor = staff.round();
  o.running_minor = running.round();
  o.direct_minor = direct.round();
  o.overhead_minor = overhead.round();
  o.capital_minor = capital.round();
  o.total_minor = total.round();
  const Exact places(m.places), beneficiaries = places * Exact::ppm(m.occupancy_ppm);
  o.per_place_year = figure(total, places, "no_places");
  o.per_beneficiary_year = figure(total, beneficiaries, m.places ? "no_occupancy" : "no_places");
  o.per_beneficiary_month = figure(total, beneficiaries * Exact(12), m.places ? "no_occupancy" : "no_places");
  o.per_beneficiary_day = figure(total, beneficiaries * Exact(m.operating_days), m.operating_days ? (m.places ? "no_occupancy" : "no_places") : "no_operating_days");
  o.per_contact_hour = figure(total, direct_hours, "no_direct_hours");
  o.productive_hours_per_fte_ppm = productive.round_ppm();
  o.direct_hours_ppm = direct_hours.round_ppm();

  // Activity by activity: the position's time at its loaded cost per productive hour — its own pay
  // and its share (in proportion to pay) of running costs, overhead and capital — plus materials.
  Exact needed;
  std::vector<Exact> per_month;
  for (const auto& a : m.activities) {
    const auto& s = m.staff[static_cast<std::size_t>(a.staff_line)];
    const auto i = static_cast<std::size_t>(a.staff_line);
    const Exact hours = line_hours(s, productive);
    Exact hourly;
    if (!hours.is_zero() && !staff.is_zero()) hourly = line_cost[i] * total / staff / hours;
    const Exact time = Exact::ppm(a.minutes_ppm) / Exact(60);
    const Exact occurrence = time * hourly + Exact(a.materials_minor);
    const Exact month = occurrence * Exact::ppm(a.per_beneficiary_month_ppm);
    per_month.push_back(month);
    o.activities.push_back({occurrence.round(), month.round()});
    needed += time * Exact::ppm(a.per_beneficiary_month_ppm) * Exact(12) * beneficiaries;
  }
  for (const auto& pk : m.packages) {
    Exact sum;
    for (int a : pk.activities) sum += per_month[static_cast<std::size_t>(a)];
    o.packages.push_back({sum.round()});
  }
  o.activity_hours_ppm = needed.round_ppm();
  o.activities_exceed_staff = !m.activities.empty() && needed > direct_hours;
  if (!direct_hours.is_zero() && !m.activities.empty()) o.activity_share_ppm = (needed / direct_hours).round_ppm();
  if (exact) *exact = {staff, running, direct, overhead, capital, total, productive, direct_hours};
  return o;
}
}  // namespace sp::costing
