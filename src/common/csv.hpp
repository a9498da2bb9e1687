#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends; a UTF-8 BOM is skipped.
// The separator is detected from the header line (',' or ';', as Excel in Romanian locales writes).
#include <string>
#include <string_view>
#include <vector>

namespace sp {
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each row as many cells as it had
  std::vector<std::size_t> line_of;            // the file line each row started on (1-based)
};
// Throws std::invalid_argument with a line number for an unterminated quote.
CsvTable parse_csv(std::string_view text);
std::string csv_escape(std::string_view cell);
}  // namespace sp
