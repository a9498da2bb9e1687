#include "reports/workbook.hpp"

#include <gtest/gtest.h>

namespace sp::reports {
namespace {
TEST(Workbook, NamesCellsAsSpreadsheetsDo) {
  EXPECT_EQ(cell_ref(0, 0), "A1");
  EXPECT_EQ(cell_ref(6, 1, true), "$B$7");
  EXPECT_EQ(cell_ref(9, 25), "Z10");
  EXPECT_EQ(cell_ref(0, 26), "AA1");
  EXPECT_EQ(cell_ref(0, 27 * 26), "AAA1");
}

TEST(Workbook, WritesAFileWithItsFormulas) {
  Workbook w("Calcul");
  w.number(0, 0, 2);
  w.formula(0, 1, "=A1*3", 6, Workbook::Fmt::Money);
  auto bytes = w.finish();
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip, as .xlsx files are
}
}  // namespace
}  // namespace sp::reports
