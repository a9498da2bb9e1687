#include "common/time.hpp"

#include <gtest/gtest.h>

namespace sp {
TEST(Time, ChisinauWinterIsUtcPlusTwoAndSummerPlusThree) {
  EXPECT_EQ(chisinau_to_utc("2021-03-15T17:00"), "2021-03-15T15:00:00Z");
  EXPECT_EQ(chisinau_to_utc("2021-07-15T17:00:30"), "2021-07-15T14:00:30Z");
  EXPECT_EQ(utc_to_chisinau("2021-07-15T14:00:30Z"), "2021-07-15T17:00:30");
  EXPECT_EQ(utc_to_chisinau("2021-12-31T22:30:00Z"), "2022-01-01T00:30:00");
}

TEST(Time, SpringGapMovesForwardAndMalformedIsRefused) {
  // 28 March 2021: clocks went from 02:00 to 03:00 local; 02:30 does not exist.
  EXPECT_EQ(chisinau_to_utc("2021-03-28T02:30"), "2021-03-28T00:30:00Z");
  EXPECT_FALSE(chisinau_to_utc("2021-02-30T10:00"));
  EXPECT_FALSE(chisinau_to_utc("2021-03-15 17:00"));
  EXPECT_FALSE(chisinau_to_utc("2021-03-15T24:00"));
  EXPECT_FALSE(chisinau_to_utc("2021-03-15T17:60"));
  EXPECT_FALSE(chisinau_to_utc(""));
}

TEST(Time, MonthsClampToTheMonthsEnd) {
  EXPECT_EQ(add_months("2021-01-31", 1), "2021-02-28");
  EXPECT_EQ(add_months("2021-02-01", 12), "2022-02-01");
  EXPECT_EQ(add_months("2021-11-15", 3), "2022-02-15");
  EXPECT_EQ(add_days("2021-12-31", 1), "2022-01-01");
  EXPECT_EQ(add_days("2021-03-01", -1), "2021-02-28");
}
TEST(Time, DaysBetweenDates) {
  EXPECT_EQ(days_between("2027-01-01", "2027-01-31"), 30);
  EXPECT_EQ(days_between("2028-02-28", "2028-03-01"), 2);  // a leap year
  EXPECT_EQ(days_between("2027-01-31", "2027-01-01"), -30);
}
}  // namespace sp
