#include "platform/tallies.hpp"

#include <gtest/gtest.h>

#include "support/temp_database.hpp"

namespace sp::platform::tallies {
namespace {

TEST(Tallies, KeysPeriodsAndSets) {
  EXPECT_EQ(key_of({{"sex", "f"}, {"age", "18-64"}}), "age=18-64;sex=f");
  EXPECT_EQ(dims_of("age=18-64;sex=f"), (Dims{{"age", "18-64"}, {"sex", "f"}}));
  EXPECT_EQ(dims_of(""), Dims{});
  EXPECT_EQ(set_of({"elderly", "children_at_risk", "elderly"}), "children_at_risk+elderly");
  EXPECT_EQ(periods_of_month("2026-11"), (std::vector<std::string>{"2026-11", "2026-Q4", "2026"}));
  EXPECT_EQ(periods_of_month("2026-01"), (std::vector<std::string>{"2026-01", "2026-Q1", "2026"}));
  EXPECT_EQ(months_of("2026-Q2"), (std::vector<std::string>{"2026-04", "2026-05", "2026-06"}));
  EXPECT_EQ(months_of("2026").size(), 12U);
  EXPECT_EQ(months_of("2026-09"), (std::vector<std::string>{"2026-09"}));
  EXPECT_TRUE(months_of("P1").empty());
}

TEST(Tallies, ARollUpCountsASetInEachOfItsValuesAndTheTotalOnce) {
  std::vector<Value> rows = {{"2026", "MD", "sex=f;tg=children_at_risk+elderly", 3}, {"2026", "MD", "sex=m;tg=elderly", 2}, {"2026", "MD", "", 1}};
  auto r = roll_up(rows, "tg");
  EXPECT_EQ(r.total, 6);
  EXPECT_EQ(r.by, (std::map<std::string, std::int64_t>{{"children_at_risk", 3}, {"elderly", 5}, {"unknown", 1}}));
  EXPECT_EQ(roll_up(rows, "sex").by.at("f"), 3);
  // An age group that ends with '+' is one code, not a set.
  std::vector<Value> ages = {{"2026", "MD", "age=65+;sex=f", 4}, {"2026", "MD", "age=35-64;sex=m", 2}};
  EXPECT_EQ(roll_up(ages, "age").by, (std::map<std::string, std::int64_t>{{"35-64", 2}, {"65+", 4}}));
}

TEST(Tallies, EachPeriodInThePlaceAndTheCountryOrTheCountryAloneForNoPlace) {
  std::vector<Period> periods = {{"2026-03", 2026}, {"2026-Q1", 2026}, {"programme-1", 2027}};
  auto years = [](int y) { return "y=" + std::to_string(y); };
  auto both = here_and_country(periods, "MD-CA", years);
  ASSERT_EQ(both.size(), 6u);
  EXPECT_EQ(both[0].place, "MD-CA");
  EXPECT_EQ(both[1].place, "MD");
  EXPECT_EQ(both[5].dims, "y=2027");
  auto alone = here_and_country(periods, "", years);
  ASSERT_EQ(alone.size(), 3u);
  for (const auto& w : alone) EXPECT_EQ(w.place, "MD");
  EXPECT_EQ(alone[2].period, "programme-1");
}

class TalliesStore : public ::testing::Test {
 protected:
  std::int64_t value(const std::string& period, const std::string& place, const std::string& dims = "") {
    auto tx = db->read();
    for (const auto& v : read(tx, "people", {period}, {place}))
      if (v.dims == dims) return v.value;
    return 0;
  }
  sp::testing::TempDatabase temp{"sp-tallies-"};
  std::unique_ptr<store::Database>& db = temp.db;
};

std::vector<Where> at(const std::string& month, const std::string& district, const std::string& dims) {
  std::vector<Where> out;
  for (const auto& p : periods_of_month(month))
    for (const auto& place : {district, std::string(kCountry)}) out.push_back({p, place, dims});
  return out;
}

TEST_F(TalliesStore, ADistinctCountMovesOnlyWhenAWeightCrossesZero) {
  {
    auto tx = db->write();
    weigh(tx, "people", at("2026-03", "MD-CA", "sex=f"), 7, 4);  // four deliveries in March
    weigh(tx, "people", at("2026-05", "MD-CA", "sex=f"), 7, 2);  // two in May: the same person in the year
    weigh(tx, "people", at("2026-05", "MD-UN", "sex=f"), 7, 1);  // and once in another district
    weigh(tx, "people", at("2026-05", "MD-CA", "sex=m"), 8, 3);
    tx.commit();
  }
  EXPECT_EQ(value("2026-03", "MD-CA", "sex=f"), 1);
  EXPECT_EQ(value("2026", "MD-CA", "sex=f"), 1);
  EXPECT_EQ(value("2026", "MD-UN", "sex=f"), 1);
  EXPECT_EQ(value("2026", "MD", "sex=f"), 1);  // once in the country
  EXPECT_EQ(value("2026-Q2", "MD", "sex=m"), 1);
  {
    auto tx = db->write();
    weigh(tx, "people", at("2026-03", "MD-CA", "sex=f"), 7, -4);  // March's deliveries removed
    tx.commit();
  }
  EXPECT_EQ(value("2026-03", "MD-CA", "sex=f"), 0);
  EXPECT_EQ(value("2026-Q1", "MD", "sex=f"), 0);
  EXPECT_EQ(value("2026", "MD-CA", "sex=f"), 1);  // still served in May
  {
    auto tx = db->write();
    // The person's sex corrected: every period moves its count.
    restate(tx, "people", 7, [](const std::string&, const std::string&) { return std::string("sex=m"); });
    tx.commit();
  }
  EXPECT_EQ(value("2026", "MD", "sex=f"), 0);
  EXPECT_EQ(value("2026", "MD", "sex=m"), 2);
  EXPECT_EQ(value("2026", "MD-UN", "sex=m"), 1);
  {
    auto tx = db->write();
    add(tx, "units", at("2026-05", "MD-CA", ""), 12);
    add(tx, "units", at("2026-06", "MD-CA", ""), 3);
    clear(tx, "people");
    tx.commit();
  }
  auto tx = db->read();
  EXPECT_EQ(read(tx, "units", {"2026-Q2"}, {"MD"}).at(0).value, 15);
  EXPECT_TRUE(read(tx, "people", {"2026"}).empty());
}
}  // namespace
}  // namespace sp::platform::tallies
