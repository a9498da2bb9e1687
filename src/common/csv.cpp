#include "common/csv.hpp"

#include <stdexcept>

namespace sp {
CsvTable parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto first_nl = text.find('\n');
  auto head = text.substr(0, first_nl);
  std::size_t commas = 0, semis = 0;
  bool q = false;
  for (char c : head) {
    if (c == '"') q = !q;
    else if (!q && c == ',') ++commas;
    else if (!q && c == ';') ++semis;
  }
  const char sep = semis > commas ? ';' : ',';

  CsvTable t;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  std::size_t line = 1, row_line = 1;
  auto end_row = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (t.header.empty()) t.header = std::move(row);
      else {
        t.rows.push_back(std::move(row));
        t.line_of.push_back(row_line);
      }
    }
    row.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (!any) row_line = line;
    any = true;
    if (c == '"' && cell.empty()) quoted = true;
    else if (c == sep) {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r') {
      // part of CRLF, or a stray CR: ignored
    } else if (c == '\n') {
      end_row();
      ++line;
    } else cell += c;
  }
  if (quoted) throw std::invalid_argument("unterminated quote starting on line " + std::to_string(row_line));
  if (any || !cell.empty() || !row.empty()) end_row();
  for (auto& h : t.header) {
    while (!h.empty() && (h.back() == ' ')) h.pop_back();
    while (!h.empty() && (h.front() == ' ')) h.erase(h.begin());
  }
  return t;
}

std::string csv_escape(std::string_view cell) {
  if (cell.find_first_of(",;\"\n\r") == std::string_view::npos) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}
}  // namespace sp
