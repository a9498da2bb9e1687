#pragma once
// A spreadsheet from a table: one sheet, a bold frozen header row, autofilter, sensible widths.
#include <string>
#include <vector>

namespace sp::reports {
struct Cell {
  enum class Kind { Text, Number, Empty } kind = Kind::Empty;
  std::string text;
  double number = 0;
  static Cell of(std::string s) { return {Kind::Text, std::move(s), 0}; }
  static Cell num(double n) { return {Kind::Number, {}, n}; }
  static Cell empty() { return {}; }
};
// The .xlsx file's bytes. Throws std::runtime_error when libxlsxwriter fails.
std::string xlsx_table(const std::string& sheet_name, const std::vector<std::string>& headers,
                       const std::vector<std::vector<Cell>>& rows);
inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}  // namespace sp::reports
