// The costing formulas on a worked example (issue 13, decision 0021). Every input and every
// expected output is written here, computed by hand (exact fractions, rounded half up only at the
// end — the comments show each step).
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/costing/rules.hpp"

using namespace sp::costing;

namespace {
// 2026: minimum wage 6,300 lei; employer contribution 24% (private, NGOs) and 29% (public);
// 247 working days, 20 days of leave, 8 hours a day.
Parameters p2026() { return {2026, 630000, 240000, 290000, 247, 20, 8'000'000}; }

// A mobile team run by an NGO: three positions, two running costs, 10% overhead, a car.
Model mobile_team() {
  Model m;
  m.staff = {{"Coordonator", 1200000, 500000, 12, false, 0},       // 12,000 lei, half time
             {"Asistent social", 900000, 1000000, 12, true, 600000},  // 9,000 lei, full time, 60% direct
             {"Psiholog", 1000000, 500000, 10, true, 750000}};       // 10,000 lei, half time, 10 months, 75% direct
  m.running = {{"transport", 6000000, "", 0, ""}, {"materials", 1234567, "", 0, ""}};
  m.overhead_rate_ppm = 100000;
  m.assets = {{"Automobil", 24000000, 5}};
  m.places = 20;
  m.occupancy_ppm = 850000;
  m.operating_days = 250;
  m.sick_training_days_ppm = 5'500'000;
  m.activities = {{"Vizită la domiciliu", 1, 90'000'000, 4'000'000, 2500},  // the social worker, 90 min, 4 a month, 25 lei of materials
                  {"Consiliere psihologică", 2, 50'000'000, 2'000'000, 0}};  // the psychologist, 50 min, twice a month
  m.packages = {{"Pachet complet", {0, 1}}, {"Pachet parțial", {1}}};
  return m;
}
}  // namespace

TEST(Costing, WorkedExample) {
  ASSERT_TRUE(check(mobile_team(), p2026()).empty());
  Exacts x;
  auto o = compute(mobile_team(), p2026(), &x);
  // Staff: gross × months × FTE × 1.24
  //   coordinator    1,200,000 × 12 × 0.5 × 1.24 =  8,928,000
  //   social worker    900,000 × 12 × 1   × 1.24 = 13,392,000
  //   psychologist   1,000,000 × 10 × 0.5 × 1.24 =  6,200,000
  EXPECT_EQ(o.staff_minor, 28520000);
  EXPECT_EQ(o.running_minor, 7234567);   // 6,000,000 + 1,234,567
  EXPECT_EQ(o.direct_minor, 35754567);
  // Overhead 10% of 35,754,567 = 3,575,456.7: shown rounded, kept exact for the total.
  EXPECT_EQ(o.overhead_minor, 3575457);
  EXPECT_EQ(x.overhead, sp::Exact::ratio(35754567, 10));
  EXPECT_EQ(o.capital_minor, 4800000);   // 24,000,000 ÷ 5 years
  // Total 35,754,567 + 3,575,456.7 + 4,800,000 = 44,130,023.7 → 44,130,024
  EXPECT_EQ(o.total_minor, 44130024);
  EXPECT_EQ(x.total, sp::Exact::ratio(441300237, 10));
  // Per place-year 44,130,023.7 ÷ 20 = 2,206,501.185 → 2,206,501
  EXPECT_EQ(o.per_place_year.value, 2206501);
  // Per beneficiary-year ÷ (20 × 0.85 = 17) = 2,595,883.75 → 2,595,884 (half up)
  EXPECT_EQ(o.per_beneficiary_year.value, 2595884);
  // Per beneficiary-month ÷ 12 = 216,323.65 → 216,324
  EXPECT_EQ(o.per_beneficiary_month.value, 216324);
  // Per beneficiary-day ÷ (17 × 250 = 4,250) = 10,383.53 → 10,384
  EXPECT_EQ(o.per_beneficiary_day.value, 10384);
  // Productive hours of an FTE: (247 − 20 − 5.5) × 8 = 1,772
  EXPECT_EQ(o.productive_hours_per_fte_ppm, 1772'000000);
  // Direct hours: social worker 1 × 1,772 × 0.6 = 1,063.2; psychologist 0.5 × 1,772 × 10/12 × 0.75
  // = 553.75; together 1,616.95
  EXPECT_EQ(o.direct_hours_ppm, 1616'950000);
  // Per direct contact hour 44,130,023.7 ÷ 1,616.95 = 27,291.89 → 27,292
  EXPECT_EQ(o.per_contact_hour.value, 27292);
  // Activity by activity. The social worker's loaded hour: their cost 13,392,000 × (total ÷ staff
  // 44,130,023.7 ÷ 28,520,000) ÷ 1,772 hours = 11,694.088… bani.
  //   home visit: 1.5 h × 11,694.088… + 2,500 = 20,041.13 → 20,041 an occurrence; × 4 = 80,164.53 → 80,165
  // The psychologist's loaded hour: 6,200,000 × 44,130,023.7 ÷ 28,520,000 ÷ (0.5 × 1,772 × 10/12) = 12,993.43…
  //   counselling: 50/60 h × 12,993.43… = 10,827.86 → 10,828; × 2 = 21,655.72 → 21,656
  ASSERT_EQ(o.activities.size(), 2u);
  EXPECT_EQ(o.activities[0].per_occurrence_minor, 20041);
  EXPECT_EQ(o.activities[0].per_beneficiary_month_minor, 80165);
  EXPECT_EQ(o.activities[1].per_occurrence_minor, 10828);
  EXPECT_EQ(o.activities[1].per_beneficiary_month_minor, 21656);
  // Packages add the exact monthly costs, then round: 80,164.53 + 21,655.72 = 101,820.25 → 101,820
  // (the rounded parts would give 101,821).
  EXPECT_EQ(o.packages[0].per_beneficiary_month_minor, 101820);
  EXPECT_EQ(o.packages[1].per_beneficiary_month_minor, 21656);
  // The activities need (1.5 × 4 + 50/60 × 2) h × 12 months × 17 beneficiaries = 1,564 h a year,
  // under the 1,616.95 direct hours: no warning.
  EXPECT_EQ(o.activity_hours_ppm, 1564'000000);
  EXPECT_FALSE(o.activities_exceed_staff);
}

TEST(Costing, PublicEmployerRate) {
  auto m = mobile_team();
  m.public_employer = true;
  // Gross × months × FTE is 23,000,000 for the three positions; × 1.29 = 29,670,000.
  EXPECT_EQ(compute(m, p2026()).staff_minor, 29670000);
}

TEST(Costing, ScenarioAtSeventyPercent) {
  auto m = mobile_team();
  m.occupancy_ppm = 700000;
  auto o = compute(m, p2026());
  // The same total over 20 × 0.7 × 12 = 168 beneficiary-months: 44,130,023.7 ÷ 168 = 262,678.71 → 262,679
  EXPECT_EQ(o.total_minor, 44130024);
  EXPECT_EQ(o.per_beneficiary_month.value, 262679);
}

TEST(Costing, ScenarioWithAPayRiseForAPublicEmployer) {
  // 10% more pay: 13,200 / 9,900 / 11,000 lei; gross × months × FTE 25,300,000; × 1.29 = 32,637,000.
  auto m = apply(mobile_team(), {.occupancy_ppm = std::nullopt, .pay_rise_ppm = 100000, .public_employer = true});
  EXPECT_EQ(m.staff[1].gross_monthly_minor, 990000);
  EXPECT_EQ(compute(m, p2026()).staff_minor, 32637000);
  // A rise that leaves half a ban rounds it up: 1,000,005 × 1.05 = 1,050,005.25 → 1,050,005; 333 × 1.5 = 499.5 → 500.
  auto odd = mobile_team();
  odd.staff[0].gross_monthly_minor = 1000005;
  EXPECT_EQ(apply(odd, {.occupancy_ppm = std::nullopt, .pay_rise_ppm = 50000, .public_employer = std::nullopt}).staff[0].gross_monthly_minor, 1050005);
  odd.staff[0].gross_monthly_minor = 333;
  EXPECT_EQ(apply(odd, {.occupancy_ppm = std::nullopt, .pay_rise_ppm = 500000, .public_employer = std::nullopt}).staff[0].gross_monthly_minor, 500);
}

TEST(Costing, RunningCostsOnABasis) {
  auto m = mobile_team();
  // Fuel at 1.85 lei a km for 12,345.5 km: 185 × 12,345.5 = 2,283,917.5 → the line shows 2,283,918,
  // the running total keeps the half: 2,283,917.5 + 1,234,567 = 3,518,484.5 → 3,518,485.
  m.running[0] = {"transport", 185, "per_km", 12'345'500000, "Combustibil"};
  auto o = compute(m, p2026());
  EXPECT_EQ(o.running_lines[0], 2283918);
  EXPECT_EQ(o.running_minor, 3518485);
}

TEST(Costing, EveryWrongInputAtOnce) {
  auto m = mobile_team();
  // Half time at 6,000 lei for full time pays 3,000 lei a month, under 6,300 × 0.5 = 3,150.
  m.staff[0].gross_monthly_minor = 600000;
  m.occupancy_ppm = 1'200'000;
  m.activities[1].staff_line = 7;
  m.packages[1].activities = {5};
  auto problems = check(m, p2026());
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].field, "staff[0].gross_monthly_minor");
  EXPECT_EQ(problems[0].code, "below_minimum_wage");
  EXPECT_EQ(problems[0].params[0].second, "6300");  // lei
  EXPECT_EQ(problems[1].field, "occupancy");
  EXPECT_EQ(problems[2].field, "activities[1].staff_line");
  EXPECT_EQ(problems[3].field, "packages[1].activities");
}

TEST(Costing, NoFigureWithoutItsDivisor) {
  auto m = mobile_team();
  m.places = 0;
  auto o = compute(m, p2026());
  EXPECT_FALSE(o.per_place_year.value.has_value());
  EXPECT_EQ(o.per_place_year.missing, "no_places");
  EXPECT_EQ(o.per_beneficiary_day.missing, "no_places");
  EXPECT_TRUE(o.per_contact_hour.value.has_value());
}

TEST(Costing, MoldovasPublicHolidaysAsTheUiCalendarHasThem) {
  // 2025: Orthodox Easter on 20 April, so Easter Monday 21 April and the Memorial Easter 28 April.
  auto h = public_holidays(2025);
  EXPECT_EQ(h.size(), 13u);
  EXPECT_TRUE(std::binary_search(h.begin(), h.end(), "2025-04-20"));
  EXPECT_TRUE(std::binary_search(h.begin(), h.end(), "2025-04-28"));
  auto h26 = public_holidays(2026);  // Easter on 12 April 2026
  EXPECT_TRUE(std::binary_search(h26.begin(), h26.end(), "2026-04-13"));
  // 261 weekdays less 9 holidays on a weekday: the 252 working days of 2025 the ministry publishes.
  EXPECT_EQ(weekday_working_days(2025), 252);
}

TEST(Costing, TheSpreadOfUnitCosts) {
  // 10, 20, 30, 40: quartiles at ranks 0.75, 1.5, 2.25 → 17.5 → 18, 25, 32.5 → 33 (half up).
  auto s = spread({40, 10, 30, 20});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->min, 10);
  EXPECT_EQ(s->q1, 18);
  EXPECT_EQ(s->median, 25);
  EXPECT_EQ(s->q3, 33);
  EXPECT_EQ(s->max, 40);
  EXPECT_EQ(spread({7})->median, 7);
  EXPECT_FALSE(spread({}));
  EXPECT_EQ(variance_ppm(115, 100), 150000);
  EXPECT_FALSE(variance_ppm(1, 0));
}
