#include "common/money.hpp"

#include <gtest/gtest.h>

namespace sp {
TEST(Money, WrittenAsInMoldova) {
  EXPECT_EQ(format_money(0, "MDL"), "0,00 MDL");
  EXPECT_EQ(format_money(5, "EUR"), "0,05 EUR");
  EXPECT_EQ(format_money(123456789, "MDL"), "1\u202F234\u202F567,89 MDL");
  EXPECT_EQ(format_money(100000, ""), "1\u202F000,00");
  EXPECT_EQ(format_money(-150, "EUR"), "-1,50 EUR");
  EXPECT_EQ(format_money(INT64_MIN, "").substr(0, 3), "-92");
}
}  // namespace sp
