// The open data builder's pure parts: a target's period as days, budgets cut into years, the
// identifiers, and what the IATI writer does with hidden and qualitative values.
#include "modules/results/open_data.hpp"

#include <gtest/gtest.h>

namespace sp::results::open_data {
namespace {
Programme programme() {
  Programme p;
  p.id = 2;
  p.code = "CABSS-2021";
  p.name_ro = "Program";
  p.starts_on = "2021-02-01";
  p.ends_on = "2024-07-31";
  p.contributions = {{"UE", 337'500'000, "EUR"}};
  p.updated_at = "2026-01-01T00:00:00Z";
  return p;
}

TEST(OpenData, APeriodIsItsDays) {
  auto p = programme();
  EXPECT_EQ(period_days("2024", p), std::make_pair(std::string("2024-01-01"), std::string("2024-12-31")));
  EXPECT_EQ(period_days("2024-Q1", p).second, "2024-03-31");
  EXPECT_EQ(period_days("2024-Q4", p).first, "2024-10-01");
  EXPECT_EQ(period_days("2024-02", p).second, "2024-02-29");
  EXPECT_EQ(period_days("programme", p), std::make_pair(p.starts_on, p.ends_on));
}

TEST(OpenData, ABudgetIsCutIntoYearsThatAddUp) {
  auto s = yearly("2021-02-01", "2024-07-31", 337'500'000);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].from, "2021-02-01");
  EXPECT_EQ(s[0].to, "2022-01-31");
  EXPECT_EQ(s[3].from, "2024-02-01");
  EXPECT_EQ(s[3].to, "2024-07-31");
  std::int64_t sum = 0;
  for (const auto& x : s) sum += x.minor;
  EXPECT_EQ(sum, 337'500'000);
  EXPECT_LT(s[3].minor, s[0].minor);  // half a year
  EXPECT_TRUE(yearly("2024-01-01", "2023-01-01", 5).empty());
}

TEST(OpenData, HiddenActualsAreLeftOutAndQualitativeOnesAreWords) {
  Publisher pub{{"MD-IDNO-1003600000001", "Fundația", "60"}, "https://socialpact.md", "360G-x", "2026-11-20T10:00:00Z"};
  Activity a;
  a.p = programme();
  FrameworkResult r;
  r.level = "outcome";
  r.title_ro = "Rezultat";
  Indicator counted, words;
  counted.code = "OC1.1";
  counted.name_ro = "Persoane";
  counted.measure = "people_served";
  words.code = "OC1.2";
  words.name_ro = "Calitate";
  words.unit = "qualitative";
  Measured hidden{"2023", "2023-01-01", "2023-12-31", std::string("100"), std::nullopt, {}};
  Measured shown{"2024", "2024-01-01", "2024-12-31", std::string("100"), std::string("42"), {{"sex", "f", 30}, {"sex", "m", 12}}};
  Measured said{"2024", "2024-01-01", "2024-12-31", std::string("bună"), std::string("foarte bună"), {}};
  a.results = {{r, {{counted, {hidden, shown}}, {words, {said}}}}};
  auto xml = iati_activities({a}, pub, "2026-11-20");
  EXPECT_NE(xml.find("<iati-identifier>MD-IDNO-1003600000001-CABSS-2021</iati-identifier>"), std::string::npos);
  EXPECT_NE(xml.find("<actual value=\"42\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<dimension name=\"sex\" value=\"f\"/>"), std::string::npos);
  EXPECT_EQ(xml.find("<actual value=\"0\""), std::string::npos);  // the hidden one is not written as 0
  EXPECT_NE(xml.find("<narrative>foarte bună</narrative>"), std::string::npos);
  EXPECT_EQ(xml.find("value=\"foarte bună\""), std::string::npos);
  // The budget in the contribution's currency, the programme not yet over: no actual end.
  EXPECT_NE(xml.find("default-currency=\"EUR\""), std::string::npos);
  EXPECT_EQ(xml.find("activity-date type=\"4\""), std::string::npos);
}
}  // namespace
}  // namespace sp::results::open_data
