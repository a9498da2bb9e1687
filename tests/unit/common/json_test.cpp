#include "common/json.hpp"

#include <gtest/gtest.h>

using namespace sp;

TEST(Validator, CollectsEveryError) {
  auto o = parse_object(R"({"name": 5, "email": "nope", "extra": 1, "when": "2023-02-30"})");
  Validator v(o);
  v.only({"name", "email", "when", "count"});
  v.text("name", Need::Required, 10);
  v.email("email", Need::Required);
  v.date("when", Need::Required);
  v.integer("count", Need::Required, 0, 10);
  ASSERT_EQ(v.errors().size(), 5u);
  try {
    v.finish();
    FAIL() << "finish() must throw";
  } catch (const Invalid& e) {
    EXPECT_EQ(e.status(), 422);
    std::vector<std::string> fields;
    for (const auto& f : e.errors()) fields.push_back(f.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"extra", "name", "email", "when", "count"}));
  }
}

TEST(Validator, TrimsAndMeasuresInCodePoints) {
  auto o = parse_object(R"({"name": "  Bălți  "})");
  Validator v(o);
  EXPECT_EQ(v.text("name", Need::Required, 5).value(), "Bălți");
  EXPECT_TRUE(v.ok());
}

TEST(Validator, RejectsControlCharacters) {
  auto o = parse_object(R"({"name": "a\u0001b", "notes": "one\ntwo"})");
  Validator v(o);
  EXPECT_FALSE(v.text("name", Need::Required, 50));
  EXPECT_TRUE(v.text("notes", Need::Required, 50, true));
  EXPECT_EQ(v.errors().size(), 1u);
}

TEST(ParseObject, RefusesNonObjectsAndBadJson) {
  EXPECT_THROW(parse_object("[1,2]"), BadRequest);
  EXPECT_THROW(parse_object("{\"a\":"), BadRequest);
  EXPECT_THROW(parse_object("\"\xff\""), BadRequest);
}

TEST(QueryInt, NamesTheParameter) {
  EXPECT_EQ(query_int(std::nullopt, "limit", 50, 1, 200), 50);
  EXPECT_EQ(query_int(std::string("20"), "limit", 50, 1, 200), 20);
  try {
    query_int(std::string("20x"), "limit", 50, 1, 200);
    FAIL();
  } catch (const Invalid& e) {
    EXPECT_EQ(e.errors()[0].field, "limit");
  }
}

TEST(ParseObject, AKeyWrittenTwiceIsRefusedByItsPath) {
  auto code_of = [](const char* body) -> std::string {
    try {
      parse_object(body);
      return "";
    } catch (const BadRequest& e) {
      return e.errors().empty() ? "?" : e.errors()[0].field + ":" + e.errors()[0].code;
    }
  };
  EXPECT_EQ(code_of(R"({"a": 1, "a": 2})"), "a:duplicate_key");
  EXPECT_EQ(code_of(R"({"x": {"b": 1, "c": [{"d": 1}, {"d": 2}], "b": 3}})"), "x.b:duplicate_key");
  EXPECT_EQ(code_of(R"({"x": [{"d": 1, "d": 2}]})"), "x.d:duplicate_key");
  EXPECT_EQ(code_of(R"({"a": 1, "b": {"a": 2}})"), "");  // the same key in two objects is fine
  EXPECT_EQ(code_of(R"({"a": 1,)"), ":malformed_json");
}

TEST(Validator, ANameOfInvisibleCharactersIsBlank) {
  auto o = parse_object("{\"a\": \"\u200B\u200B\", \"b\": \"\u3164\u00A0\u202E\", \"c\": \"Ana\u200B\", \"d\": \"\u0219\"}");
  Validator v(o);
  EXPECT_FALSE(v.text("a", Need::Required, 50));
  EXPECT_FALSE(v.text("b", Need::Optional, 50));
  EXPECT_TRUE(v.text("c", Need::Required, 50));
  EXPECT_TRUE(v.text("d", Need::Required, 50));  // ș is visible
  ASSERT_EQ(v.errors().size(), 2u);
  EXPECT_EQ(v.errors()[0].code, "blank");
  EXPECT_EQ(v.errors()[1].field, "b");
}

namespace sp {
namespace {
TEST(Validator, DecimalsExactlyFromTextAndWholeNumbers) {
  auto body = json::parse(R"({"a":"0,5","b":12,"c":0.5,"d":"x","e":"150"})").as_object();
  Validator v(body);
  EXPECT_EQ(v.decimal("a", Need::Required, 0, 1'000'000), 500'000);
  EXPECT_EQ(v.decimal("b", Need::Required, 0, 100'000'000), 12'000'000);
  EXPECT_FALSE(v.decimal("c", Need::Required, 0, 1'000'000));  // a binary fraction may have lost digits
  EXPECT_FALSE(v.decimal("d", Need::Required, 0, 1'000'000));
  EXPECT_FALSE(v.decimal("e", Need::Required, 0, 100'000'000));  // out of range
  EXPECT_FALSE(v.decimal("missing", Need::Optional, 0, 1));
  EXPECT_TRUE(v.failed("c"));
  EXPECT_TRUE(v.failed("e"));
  EXPECT_FALSE(v.failed("a"));
  ASSERT_EQ(v.errors().size(), 3u);
  EXPECT_EQ(v.errors()[2].code, "out_of_range");
}
}  // namespace
TEST(Json, AmountsAreWrittenAsExactDecimals) {
  boost::json::object o{{"a", exact_number(388'502)}, {"b", exact_number(50'722'000)}, {"c", exact_number(7'250)}, {"d", exact_number(-5)}, {"e", exact_number(0)}, {"s", "\x01 text"}, {"t", "\x01#1,\"x\":2"}};
  EXPECT_EQ(serialize_exact(o), R"({"a":3885.02,"b":507220,"c":72.5,"d":-0.05,"e":0,"s":"\u0001 text","t":"\u0001#1,\"x\":2"})");
  auto back = boost::json::parse(serialize_exact(o)).as_object();
  EXPECT_DOUBLE_EQ(back["a"].to_number<double>(), 3885.02);
}

}  // namespace sp
