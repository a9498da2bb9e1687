#pragma once
// A spreadsheet from a table, as an accountant expects it: one sheet, a bold frozen header row in the
// reader's language, autofilter, sensible widths; days as date cells (dd.mm.yyyy), instants as
// Chisinau date-times, money as numbers with a money format, shares as percentages.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/words.hpp"

namespace sp::reports {
struct Cell {
  enum class Kind { Text, Number, Decimal, Money, Percent, Date, DateTime, Empty } kind = Kind::Empty;
  std::string text;  // Text; Date and DateTime: the ISO day or instant
  double number = 0;
  static Cell of(std::string s) { return {Kind::Text, std::move(s), 0}; }
  // A whole number (a count, a rank, an id).
  static Cell num(double n) { return {Kind::Number, {}, n}; }
  // Two decimals (scores, averages).
  static Cell decimal(double n) { return {Kind::Decimal, {}, n}; }
  // An amount in minor units (bani, cents), shown with two decimals and thousands grouped.
  static Cell money(std::int64_t minor) { return {Kind::Money, {}, static_cast<double>(minor) / 100.0}; }
  static Cell money(const std::optional<std::int64_t>& minor) { return minor ? money(*minor) : empty(); }
  // A share in basis points (2500 → 25,00%).
  static Cell share_bp(std::int64_t bp) { return {Kind::Percent, {}, static_cast<double>(bp) / 10000.0}; }
  // A calendar day "YYYY-MM-DD" (empty when ""); an instant "…Z" as Chisinau's date and time.
  static Cell date(std::string_view iso) {
    if (iso.empty()) return empty();
    return {iso.size() > 10 ? Kind::DateTime : Kind::Date, std::string(iso), 0};
  }
  static Cell date(const std::optional<std::string>& iso) { return iso ? date(std::string_view(*iso)) : empty(); }
  static Cell date(const std::string& iso) { return date(std::string_view(iso)); }
  static Cell empty() { return {}; }
};

// A finished file — a spreadsheet, or a PDF document — with its file name (a spreadsheet's stem) and its bytes.
struct Spreadsheet {
  std::string name, bytes;
};

// A table's headers in the reader's language: the texts at "<ns>.<key>" for each key.
std::vector<std::string> headers(const Words& w, std::string_view ns, std::initializer_list<std::string_view> keys);

// The .xlsx file's bytes; headers already in the reader's language (w gives the date formats).
// Throws std::runtime_error when libxlsxwriter fails.
std::string xlsx_table(const Words& w, const std::string& sheet_name, const std::vector<std::string>& headers,
                       const std::vector<std::vector<Cell>>& rows);
// A workbook of several such tables, one sheet each.
struct Sheet {
  std::string name;
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};
std::string xlsx_tables(const Words& w, const std::vector<Sheet>& sheets);
inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}  // namespace sp::reports
