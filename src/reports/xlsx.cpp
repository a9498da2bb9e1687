#include "reports/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/crypto.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace sp::reports {
namespace {
// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" (a Chisinau local time) as libxlsxwriter's date-time.
lxw_datetime datetime_of(const std::string& iso) {
  auto part = [&](std::size_t at, std::size_t n) { return iso.size() >= at + n ? std::stoi(iso.substr(at, n)) : 0; };
  return lxw_datetime{part(0, 4), part(5, 2), part(8, 2), part(11, 2), part(14, 2), static_cast<double>(part(17, 2))};
}
}  // namespace

std::vector<std::string> headers(const Words& w, std::string_view ns, std::initializer_list<std::string_view> keys) {
  std::vector<std::string> out;
  for (auto k : keys) out.push_back(w.tr(std::string(ns) + "." + std::string(k)));
  return out;
}

std::string xlsx_table(const Words& w, const std::string& sheet_name, const std::vector<std::string>& headers,
                       const std::vector<std::vector<Cell>>& rows) {
  return xlsx_tables(w, {{sheet_name, headers, rows}});
}

std::string xlsx_tables(const Words& w, const std::vector<Sheet>& sheets) {
  // libxlsxwriter 1.1.4 writes to a file: a private temporary one, removed before returning.
  auto path = std::filesystem::temp_directory_path() / ("sp-" + random_token().substr(0, 16) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create a spreadsheet");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE6F4EA);
  auto number_format = [&](const char* f) {
    lxw_format* x = workbook_add_format(wb);
    format_set_num_format(x, f);
    return x;
  };
  // The reader's spreadsheet shows each number format with its own locale's separators.
  lxw_format* money = number_format("#,##0.00");
  lxw_format* decimal = number_format("0.00");
  lxw_format* percent = number_format("0.00%");
  auto day_format = w.date_format();
  lxw_format* day = number_format(day_format.c_str());
  auto instant_format = day_format + " hh:mm";
  lxw_format* instant = number_format(instant_format.c_str());
  for (const auto& sheet : sheets) {
    const auto& headers = sheet.headers;
    const auto& rows = sheet.rows;
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.substr(0, 31).c_str());
    std::vector<std::size_t> width(headers.size(), 8);
    for (std::size_t c = 0; c < headers.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold);
      width[c] = std::max(width[c], utf8_length(headers[c]) + 2);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < rows[r].size() && c < headers.size(); ++c) {
        const auto& cell = rows[r][c];
        auto row = static_cast<lxw_row_t>(r + 1);
        auto col = static_cast<lxw_col_t>(c);
        switch (cell.kind) {
          case Cell::Kind::Text:
            worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
            width[c] = std::max(width[c], std::min<std::size_t>(utf8_length(cell.text) + 2, 60));
            break;
          case Cell::Kind::Number: worksheet_write_number(ws, row, col, cell.number, nullptr); break;
          case Cell::Kind::Decimal: worksheet_write_number(ws, row, col, cell.number, decimal); break;
          case Cell::Kind::Money:
            worksheet_write_number(ws, row, col, cell.number, money);
            width[c] = std::max<std::size_t>(width[c], 14);
            break;
          case Cell::Kind::Percent: worksheet_write_number(ws, row, col, cell.number, percent); break;
          case Cell::Kind::Date: {
            auto d = datetime_of(cell.text);
            worksheet_write_datetime(ws, row, col, &d, day);
            width[c] = std::max<std::size_t>(width[c], 12);
            break;
          }
          case Cell::Kind::DateTime: {
            auto d = datetime_of(utc_to_chisinau(cell.text));
            worksheet_write_datetime(ws, row, col, &d, instant);
            width[c] = std::max<std::size_t>(width[c], 18);
            break;
          }
          case Cell::Kind::Empty: break;
        }
      }
    }
    for (std::size_t c = 0; c < headers.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(width[c]), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    if (!headers.empty())
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size()), static_cast<lxw_col_t>(headers.size() - 1));
  }
  lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("spreadsheet: ") + lxw_strerror(err));
  return bytes;
}
}  // namespace sp::reports
