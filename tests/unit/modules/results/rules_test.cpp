#include "modules/results/rules.hpp"

#include <gtest/gtest.h>

namespace sp::results {
namespace {

TEST(ResultsRules, AProgrammeIsReadWholeAndEachWrongFieldNamed) {
  auto body = boost::json::parse(R"({"code": "SSP-2018", "name_ro": "Servicii sociale mai bune", "name_ru": "Лучшие услуги", "name_en": "Better services",
    "starts_on": "2018-02-01", "ends_on": "2021-01-31", "donors": [{"name": "Uniunea Europeană"}],
    "partners": [{"name": "Keystone Moldova", "role": "co_implementing"}],
    "contributions": [{"by": "Uniunea Europeană", "amount_minor": 198988800, "currency": "EUR"}], "calls": [3, 4]})").as_object();
  Validator v(body);
  auto p = read_programme(v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(p.contributions.at(0).amount_minor, 198'988'800);
  EXPECT_EQ(p.calls, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(p.partners.at(0).role, "co_implementing");
  EXPECT_EQ(years_of(p), (std::vector<std::string>{"2018", "2019", "2020", "2021"}));
  // Round trip of the lists as they are kept.
  EXPECT_EQ(parties_of(to_json(p.partners)).at(0).name, "Keystone Moldova");
  EXPECT_EQ(contributions_of(to_json(p.contributions)).at(0).currency, "EUR");

  auto bad = boost::json::parse(R"({"code": "", "name_ro": "x", "name_ru": "x", "name_en": "x", "starts_on": "2021-01-01", "ends_on": "2020-01-01",
    "partners": [{"name": "Keystone"}], "contributions": [{"by": "UE", "amount_minor": -1, "currency": "XYZ"}], "calls": ["a"], "extra": 1})").as_object();
  Validator w(bad);
  read_programme(w);
  std::vector<std::string> fields;
  for (const auto& e : w.errors()) fields.push_back(e.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"calls[0]", "code", "contributions[0].amount_minor", "contributions[0].currency", "ends_on", "extra",
                                              "partners[0].role"}));
}

TEST(ResultsRules, NumbersAreWrittenPlainly) {
  EXPECT_EQ(number_in("62"), 62.0);
  EXPECT_EQ(number_in("-3"), -3.0);
  EXPECT_EQ(number_in("12.5"), 12.5);
  for (const char* s : {"", "-", "12.", "1e5", "12,5", " 1", "1 000", "1.2.3", "0x10"}) EXPECT_FALSE(number_in(s)) << s;
  EXPECT_EQ(whole_number("62"), 62);
  EXPECT_FALSE(whole_number("62.0"));
}

TEST(ResultsRules, MoneyMeasuresReportWholeUnits) {
  const auto* paid = measure_of("public_money_paid");
  ASSERT_NE(paid, nullptr);
  EXPECT_TRUE(paid->money);
  EXPECT_EQ(paid->reported(53'613'150), 536'132);  // 536,131.50 lei rounds half away from zero
  EXPECT_EQ(paid->reported(-150), -2);
  const auto* served = measure_of("people_served");
  EXPECT_TRUE(served->people);
  EXPECT_EQ(served->reported(930), 930);
  EXPECT_TRUE(measure_of("services_supported")->by_call);
  EXPECT_EQ(measure_of("nothing"), nullptr);
  EXPECT_EQ(measures().size(), measure_list().size());
}

CategorySet set_of(std::int64_t id, int version, std::vector<std::string> codes, std::map<std::string, std::string> mapping = {}) {
  CategorySet s;
  s.id = id;
  s.code = "funding_source";
  s.set_version = version;
  for (auto& c : codes) s.items.push_back({c, c, c, c});
  s.mapping = std::move(mapping);
  return s;
}

TEST(ResultsRules, PartsAreCheckedAgainstTheirSets) {
  std::map<std::int64_t, CategorySet> sets{{1, set_of(1, 1, {"eu", "public_local", "public_central"})}};
  std::vector<Part> parts{{1, "eu", "18"}, {1, "nowhere", "1"}, {2, "eu", "1"}, {1, "eu", "2"}};
  auto errors = part_errors(parts, sets);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].index, 1u);
  EXPECT_EQ(errors[0].code, "not_in_set");
  EXPECT_EQ(errors[1].field, "set_id");
  EXPECT_EQ(errors[2].code, "duplicate");
}

TEST(ResultsRules, TotalsThatDifferFromTheirPartsAreFlaggedPerSet) {
  std::vector<Part> parts{{1, "eu", "18"}, {1, "foundation", "6"}, {1, "public_local", "5"}, {2, "urban", "20"}, {2, "rural", "11"}};
  auto flags = sum_flags("number", "31", parts);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].set_id, 1);
  EXPECT_EQ(flags[0].sum, "29");
  EXPECT_TRUE(sum_flags("percentage", "31", parts).empty());  // shares do not add up
  EXPECT_TRUE(sum_flags("number", "many", parts).empty());
  EXPECT_EQ(sum_flags("number", "31.5", {{3, "a", "30"}, {3, "b", "1.25"}}).at(0).sum, "31.25");
}

TEST(ResultsRules, PartsOfAnOlderVersionAreReadInTheNewestThroughTheMappings) {
  auto v1 = set_of(1, 1, {"eu", "public_local", "public_central"});
  auto v2 = set_of(2, 2, {"eu", "public"}, {{"eu", "eu"}, {"public_local", "public"}, {"public_central", "public"}});
  auto v3 = set_of(3, 3, {"donors", "public"}, {{"eu", "donors"}, {"public", "public"}});
  auto mapped = mapped_parts({{1, "eu", "18"}, {1, "public_local", "5"}, {1, "public_central", "2"}}, {v1, v2, v3});
  EXPECT_EQ(mapped, (std::map<std::string, double>{{"donors", 18}, {"public", 7}}));
  // Given in version 2, only version 3's mapping applies.
  EXPECT_EQ(mapped_parts({{2, "eu", "4"}}, {v1, v2, v3}), (std::map<std::string, double>{{"donors", 4}}));
}

TEST(ResultsRules, ANewVersionMapsEveryPreviousCategoryOntoOneOfItsOwn) {
  auto previous = set_of(1, 1, {"eu", "public_local", "public_central"});
  auto next = set_of(2, 2, {"eu", "public"}, {{"eu", "eu"}, {"public_local", "public"}, {"nobody", "eu"}, {"public_central", "elsewhere"}});
  boost::json::object none;
  Validator v(none);
  check_mapping(v, previous, next);
  std::vector<std::string> fields;
  for (const auto& e : v.errors()) fields.push_back(e.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"mapping.nobody", "mapping.public_central"}));
}
}  // namespace
}  // namespace sp::results
