#include "common/errors.hpp"

#include <gtest/gtest.h>

#include "http/problem.hpp"

using namespace sp;

TEST(Say, FillsEachNamedParameterAndKeepsTheRest) {
  auto s = say("tranche_waits_report", "Tranche {number} is paid once the report of period {period} is approved (now: {status})",
               {{"number", "2"}, {"period", "1"}, {"status", "submitted"}});
  EXPECT_EQ(s.code, "tranche_waits_report");
  EXPECT_EQ(s.text, "Tranche 2 is paid once the report of period 1 is approved (now: submitted)");
  ASSERT_EQ(s.params.size(), 3u);
  // A brace that names no parameter stays as written (an API path in a sentence).
  EXPECT_EQ(say("x", "GET /api/v1/evaluations/{id} and {", {}).text, "GET /api/v1/evaluations/{id} and {");
}

TEST(Problem, CarriesTheCodeAndParametersOfTheAnswerAndOfEachField) {
  Conflict e(say("report_frozen", "The report is {status}: it can no longer be changed", {{"status", "approved"}}),
             {{"lines", "too_many", "At most 3", {{"max", "3"}}}});
  auto r = http::problem(e, "/api/v1/reports/7");
  auto o = boost::json::parse(r.body).as_object();
  EXPECT_EQ(o.at("status").as_int64(), 409);
  EXPECT_EQ(o.at("code").as_string(), "report_frozen");
  EXPECT_EQ(o.at("detail").as_string(), "The report is approved: it can no longer be changed");
  EXPECT_EQ(o.at("params").at("status").as_string(), "approved");
  const auto& f = o.at("errors").as_array().at(0).as_object();
  EXPECT_EQ(f.at("code").as_string(), "too_many");
  EXPECT_EQ(f.at("params").at("max").as_string(), "3");
  // Without parameters there is no "params" key; a default problem still has its code.
  auto plain = boost::json::parse(http::problem(NotFound()).body).as_object();
  EXPECT_EQ(plain.at("code").as_string(), "not_found");
  EXPECT_FALSE(plain.contains("params"));
}
