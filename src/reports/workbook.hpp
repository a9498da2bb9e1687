#pragma once
// A free-form sheet with live formulas (the costing of a service, issue 13): text, numbers and
// formulas placed cell by cell, each formula written with its result cached, so a spreadsheet shows
// the figures at once and recomputes them when an accountant changes an input. Rows and columns
// count from 0; formulas use A1 references.
#include <memory>
#include <string>

#include "common/words.hpp"

namespace sp::reports {
class Workbook {
 public:
  enum class Fmt { Plain, Bold, Title, Money, Percent, Decimal, Whole };
  explicit Workbook(const std::string& sheet_name);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  void text(int row, int col, const std::string& s, Fmt f = Fmt::Plain);
  void number(int row, int col, double v, Fmt f = Fmt::Plain);
  // "=B3*C3" with its value as computed by the product (what the cell shows before any recalculation).
  void formula(int row, int col, const std::string& f, double cached, Fmt fmt = Fmt::Plain);
  void width(int col, double characters);
  // The .xlsx bytes; nothing more can be written. Throws std::runtime_error when libxlsxwriter fails.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
// "B7": a cell's A1 reference from its 0-based row and column ("$B$7" when absolute).
std::string cell_ref(int row, int col, bool absolute = false);
}  // namespace sp::reports
