#include "common/csv.hpp"

#include <gtest/gtest.h>

using namespace sp;

TEST(Csv, QuotesDoubledQuotesAndNewlinesInCells) {
  auto t = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "x, y");
  EXPECT_EQ(t.rows[0][1], "say \"hi\"");
  EXPECT_EQ(t.rows[1][0], "multi\nline");
  EXPECT_EQ(t.line_of[1], 3u);
}

TEST(Csv, DetectsSemicolonsAndSkipsBomAndBlankLines) {
  auto t = parse_csv("\xEF\xBB\xBF" "denumire;idno\n\nA;1\nB;2");
  EXPECT_EQ(t.header, (std::vector<std::string>{"denumire", "idno"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1][1], "2");
  EXPECT_EQ(t.line_of[0], 3u);
}

TEST(Csv, UnterminatedQuoteNamesTheLine) {
  try {
    parse_csv("a\nok\n\"broken\n");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos);
  }
}

TEST(Csv, EscapeRoundTrips) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a;b"), "\"a;b\"");
  auto t = parse_csv("h\n" + csv_escape("he said \"ș\", ok") + "\n");
  EXPECT_EQ(t.rows[0][0], "he said \"ș\", ok");
}
