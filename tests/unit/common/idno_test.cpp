#include "common/idno.hpp"

#include <gtest/gtest.h>

TEST(Idno, AcceptsTheDocumentedExample) { EXPECT_TRUE(sp::valid_idno("1008600038413")); }

TEST(Idno, RejectsAWrongCheckDigit) { EXPECT_FALSE(sp::valid_idno("1008600038412")); }

TEST(Idno, RejectsWrongLengthAndNonDigits) {
  EXPECT_FALSE(sp::valid_idno(""));
  EXPECT_FALSE(sp::valid_idno("100860003841"));
  EXPECT_FALSE(sp::valid_idno("10086000384130"));
  EXPECT_FALSE(sp::valid_idno("10086000384a3"));
  EXPECT_FALSE(sp::valid_idno(" 008600038413"));
}

TEST(Idno, CheckDigitUsesWeights731) {
  // 1*7 + 0*3 + ... computed by hand for 100860003841: 7+0+0+56+18+0+0+0+3+56+12+1 = 153 → 3
  EXPECT_EQ(sp::idno_check_digit("100860003841"), 3);
}
