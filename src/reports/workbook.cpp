#include "reports/workbook.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "common/crypto.hpp"

namespace sp::reports {
struct Workbook::Impl {
  std::filesystem::path path;
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
  std::map<Fmt, lxw_format*> formats;
  lxw_format* format(Fmt f) { return f == Fmt::Plain ? nullptr : formats.at(f); }
};

Workbook::Workbook(const std::string& sheet_name) : impl_(std::make_unique<Impl>()) {
  // libxlsxwriter writes to a file: a private temporary one, removed once read back.
  impl_->path = std::filesystem::temp_directory_path() / ("sp-" + random_token().substr(0, 16) + ".xlsx");
  impl_->wb = workbook_new(impl_->path.c_str());
  if (!impl_->wb) throw std::runtime_error("cannot create a spreadsheet");
  impl_->ws = workbook_add_worksheet(impl_->wb, sheet_name.substr(0, 31).c_str());
  auto add = [&](Fmt f, const char* num, bool bold, double size = 0) {
    lxw_format* x = workbook_add_format(impl_->wb);
    if (num) format_set_num_format(x, num);
    if (bold) format_set_bold(x);
    if (size > 0) format_set_font_size(x, size);
    impl_->formats[f] = x;
  };
  add(Fmt::Bold, nullptr, true);
  add(Fmt::Title, nullptr, true, 14);
  add(Fmt::Money, "#,##0.00", false);
  add(Fmt::Percent, "0.00%", false);
  add(Fmt::Decimal, "0.00", false);
  add(Fmt::Whole, "#,##0", false);
}

Workbook::~Workbook() {
  if (impl_->wb) {
    workbook_close(impl_->wb);
    std::error_code ec;
    std::filesystem::remove(impl_->path, ec);
  }
}

void Workbook::text(int row, int col, const std::string& s, Fmt f) {
  worksheet_write_string(impl_->ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), impl_->format(f));
}
void Workbook::number(int row, int col, double v, Fmt f) {
  worksheet_write_number(impl_->ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, impl_->format(f));
}
void Workbook::formula(int row, int col, const std::string& f, double cached, Fmt fmt) {
  worksheet_write_formula_num(impl_->ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), f.c_str(), impl_->format(fmt), cached);
}
void Workbook::width(int col, double characters) {
  worksheet_set_column(impl_->ws, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), characters, nullptr);
}

std::string Workbook::finish() {
  lxw_error err = workbook_close(impl_->wb);
  impl_->wb = nullptr;
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(impl_->path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::error_code ec;
  std::filesystem::remove(impl_->path, ec);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("spreadsheet: ") + lxw_strerror(err));
  return bytes;
}

std::string cell_ref(int row, int col, bool absolute) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  const char* d = absolute ? "$" : "";
  return d + letters + d + std::to_string(row + 1);
}
}  // namespace sp::reports
