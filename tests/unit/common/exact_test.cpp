// Exact fractions: no rounding between steps, half up (away from zero) once at the end.
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/exact.hpp"

using sp::Exact;

TEST(Exact, ArithmeticStaysExact) {
  auto third = Exact::ratio(1, 3);
  EXPECT_EQ(third + third + third, Exact(1));
  EXPECT_EQ(Exact::ppm(240000), Exact::ratio(6, 25));
  EXPECT_EQ((Exact(10) / Exact(4)).round(), 3);   // 2.5 → 3
  EXPECT_EQ((Exact(-10) / Exact(4)).round(), -3); // -2.5 → -3
  EXPECT_EQ(Exact::ratio(249, 100).round(), 2);
  EXPECT_EQ(Exact::ratio(1, 3).round_ppm(), 333333);
  EXPECT_TRUE(Exact::ratio(1, 3) < Exact::ratio(1, 2));
  EXPECT_EQ(Exact::ratio(441300237, 10).decimal(2), "44130023.7");
  EXPECT_EQ(Exact::ratio(-1, 8).decimal(2), "-0.13");
  EXPECT_THROW(Exact(1) / Exact(0), std::domain_error);
}

TEST(Exact, OverflowIsRefusedNotRounded) {
  Exact big(INT64_MAX);
  EXPECT_THROW(big * big * big, std::overflow_error);
}

TEST(Exact, DecimalsAsPeopleWriteThem) {
  EXPECT_EQ(sp::parse_ppm("0.5"), 500000);
  EXPECT_EQ(sp::parse_ppm("24"), 24000000);
  EXPECT_EQ(sp::parse_ppm("85,5"), 85500000);
  EXPECT_EQ(sp::parse_ppm("-1.25"), -1250000);
  EXPECT_EQ(sp::parse_ppm("0.1234567"), std::nullopt);  // more than six decimals
  EXPECT_EQ(sp::parse_ppm("1.2.3"), std::nullopt);
  EXPECT_EQ(sp::parse_ppm("abc"), std::nullopt);
  EXPECT_EQ(sp::parse_ppm(""), std::nullopt);
}
