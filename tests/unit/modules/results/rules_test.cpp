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
}  // namespace
}  // namespace sp::results
