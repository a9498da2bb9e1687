#include "modules/costing/rules.hpp"

#include "common/money.hpp"

namespace sp::costing {
namespace {
constexpr std::int64_t kWhole = 1'000'000;  // 100% in parts per million

std::string at(const char* list, std::size_t i, const char* field) { return std::string(list) + "." + std::to_string(i) + "." + field; }

// The hours a staff line gives in the year: its FTE × the productive hours of an FTE × its months.
Exact line_hours(const StaffLine& s, const Exact& productive) { return Exact::ppm(s.fte_ppm) * productive * Exact::ratio(s.months, 12); }

Figure figure(const Exact& total, const Exact& divisor, const char* missing) {
  if (divisor.is_zero()) return {std::nullopt, missing};
  return {(total / divisor).round(), {}};
}
}  // namespace

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
    // The gross pay of a position may not be below the minimum wage for its FTE.
    if (s.fte_ppm > 0 && Exact(s.gross_monthly_minor) < Exact(p.minimum_wage_minor) * Exact::ppm(s.fte_ppm)) {
      auto least = (Exact(p.minimum_wage_minor) * Exact::ppm(s.fte_ppm)).round();
      add(at("staff", i, "gross_monthly_minor"), "below_minimum_wage", "Below the minimum wage for this FTE ({minimum} bani a month)",
          {{"minimum", std::to_string(least)}});
    }
    share(at("staff", i, "direct_share"), s.direct_share_ppm);
  }
  for (std::size_t i = 0; i < m.running.size(); ++i) {
    if (m.running[i].category.empty()) add(at("running", i, "category"), "required", "Choose a category");
    amount(at("running", i, "amount_minor"), m.running[i].amount_minor);
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
  for (const auto& r : m.running) running += Exact(r.amount_minor);
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
  if (exact) *exact = {staff, running, direct, overhead, capital, total, productive, direct_hours};
  return o;
}
}  // namespace sp::costing
