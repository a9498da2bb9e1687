#pragma once
// The costing of a social service (issue 13, decision 0021), pure: what a service costs in a year and
// per unit, from its staff, running costs, overhead and assets, and activity by activity as the
// Moldovan methodology does. Every figure is an exact fraction until it is shown: the outputs are
// rounded half up, once. No SQL, no HTTP: the preview, the stored results, the XLSX's cached values
// and the PDF all come from compute().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/exact.hpp"

namespace sp::costing {
// A year's parameters (a parameter set).
struct Parameters {
  int year = 0;
  std::int64_t minimum_wage_minor = 0;        // national minimum monthly wage, bani
  std::int64_t employer_rate_private_ppm = 0;  // social contribution of a private employer (NGOs included)
  std::int64_t employer_rate_public_ppm = 0;   // … of a public authority
  int working_days = 0;                        // in the year
  int leave_days = 0;                          // paid leave, working days
  std::int64_t hours_per_day_ppm = 8'000'000;  // a working day's hours
};

struct StaffLine {
  std::string position;
  std::int64_t gross_monthly_minor = 0;  // a full-time month's gross pay (the line costs it × FTE)
  std::int64_t fte_ppm = 1'000'000;
  int months = 12;
  bool clinical = false;                     // works directly with beneficiaries
  std::int64_t direct_share_ppm = 0;         // of a clinical position's time, in direct work
};
struct RunningLine {
  std::string category;  // transport materials food rent_utilities communications training_supervision insurance other
  // A year's amount; with a basis (per_place, per_beneficiary, per_km), the price of one, and the
  // year's amount is price × quantity.
  std::int64_t amount_minor = 0;
  std::string basis;
  std::int64_t quantity_ppm = 0;
  std::string description;
};
const std::vector<std::string>& running_categories();
const std::vector<std::string>& running_bases();
struct Asset {
  std::string name;
  std::int64_t value_minor = 0;
  int useful_life_years = 1;  // straight-line
};
struct Activity {
  std::string name;
  int staff_line = 0;                          // the position that does it (index into staff)
  std::int64_t minutes_ppm = 0;                // per occurrence
  std::int64_t per_beneficiary_month_ppm = 0;  // occurrences
  std::int64_t materials_minor = 0;            // per occurrence
};
struct Package {
  std::string name;
  std::vector<int> activities;  // indexes into activities
};
struct Model {
  bool public_employer = false;  // the provider is a public authority (its employer rate applies)
  std::vector<StaffLine> staff;
  std::vector<RunningLine> running;
  std::int64_t overhead_rate_ppm = 0;  // on direct costs
  std::vector<Asset> assets;
  int places = 0;
  std::int64_t occupancy_ppm = 1'000'000;
  int operating_days = 0;
  std::int64_t sick_training_days_ppm = 0;  // per FTE a year
  std::vector<Activity> activities;
  std::vector<Package> packages;
};

// A figure that may not exist (a unit cost without places): its value, or why there is none.
struct Figure {
  std::optional<std::int64_t> value;
  std::string missing;  // a code: no_places, no_occupancy, no_operating_days, no_direct_hours
};
struct ActivityCost {
  std::int64_t per_occurrence_minor = 0;
  std::int64_t per_beneficiary_month_minor = 0;
};
struct PackageCost {
  std::int64_t per_beneficiary_month_minor = 0;
};
struct Outputs {
  std::vector<std::int64_t> staff_lines, running_lines;  // each line's year, rounded for showing
  std::int64_t staff_minor = 0, running_minor = 0, direct_minor = 0, overhead_minor = 0, capital_minor = 0, total_minor = 0;
  Figure per_place_year, per_beneficiary_year, per_beneficiary_month, per_beneficiary_day, per_contact_hour;
  std::int64_t productive_hours_per_fte_ppm = 0;
  std::int64_t direct_hours_ppm = 0;
  std::vector<ActivityCost> activities;
  std::vector<PackageCost> packages;
  // The staff time the activities need a year against the direct time the staff lines give, in
  // hours; the model warns when the need is larger.
  std::int64_t activity_hours_ppm = 0;
  bool activities_exceed_staff = false;
  std::optional<std::int64_t> activity_share_ppm;  // need ÷ direct time (none without direct hours or activities)
};

// The exact value behind each output, for the rules' own tests and the XLSX.
struct Exacts {
  Exact staff, running, direct, overhead, capital, total, productive_hours_per_fte, direct_hours;
};

// Moldova's public holidays of a year, "YYYY-MM-DD" in order (Labour Code art. 111, as the UI's
// calendar.ts): the fixed days, Orthodox Easter Sunday and Monday and the Memorial Easter (Easter + 8).
std::vector<std::string> public_holidays(int year);
// Monday to Friday that are not public holidays (a year's working days before any days the
// government moves; a parameter set keeps the figure in force).
int weekday_working_days(int year);

// A field error of a model: its path ("staff[2].gross_monthly_minor", as Validator names them), a code and the English sentence.
struct Problem {
  std::string field, code, text;
  std::vector<std::pair<std::string, std::string>> params;
};
// Every wrong input at once: pay below the minimum wage × FTE, a share or rate out of 0–100%, an
// activity naming no staff line, a package naming no activity, a useful life under one year…
std::vector<Problem> check(const Model& m, const Parameters& p);
// REQUIRES: check(m, p) is empty.
Outputs compute(const Model& m, const Parameters& p, Exacts* exact = nullptr);

// A scenario: the base model with some inputs changed (next year's parameters are the caller's:
// the scenario keeps its own parameter set).
struct Scenario {
  std::optional<std::int64_t> occupancy_ppm;
  std::optional<std::int64_t> pay_rise_ppm;  // every gross pay × (1 + rise), rounded half up to the ban
  std::optional<bool> public_employer;
};
Model apply(Model base, const Scenario& s);

// The spread of unit costs across models (the benchmark): quartiles by linear interpolation between
// the closest ranks, rounded half up. None for no values.
struct Spread {
  std::int64_t min = 0, q1 = 0, median = 0, q3 = 0, max = 0;
  int count = 0;
};
std::optional<Spread> spread(std::vector<std::int64_t> values);
// (actual − standard) ÷ standard in parts per million, rounded half up; none when the standard is 0.
std::optional<std::int64_t> variance_ppm(std::int64_t actual, std::int64_t standard);
}  // namespace sp::costing
