#pragma once
// A4 PDF documents laid out with Pango (any Unicode text: Romanian diacritics, Cyrillic) on Cairo:
// headings, paragraphs, label/value pairs and tables, flowing onto new pages, numbered at the foot.
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sp::reports {
class Pdf {
 public:
  // title: the document's metadata title; footer: text at the foot of every page, before "n/N".
  Pdf(const std::string& title, std::string footer);
  ~Pdf();
  Pdf(const Pdf&) = delete;
  Pdf& operator=(const Pdf&) = delete;

  void title(const std::string& text);
  void heading(const std::string& text);
  void paragraph(const std::string& text);
  void key_values(const std::vector<std::pair<std::string, std::string>>& rows);
  // widths: fractions of the text width, one per column; right: columns aligned right (amounts).
  void table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
             const std::vector<double>& widths, const std::vector<bool>& right = {});
  void space(double points);
  // A horizontal bar chart: one bar per (label, value), scaled to the largest, each value written as
  // given beside its bar; a bar of value 0 is drawn as a hairline.
  void bars(const std::vector<std::pair<std::string, double>>& values, const std::vector<std::string>& shown);
  // Signature lines side by side: one per party, each with its caption beneath.
  void signatures(const std::vector<std::string>& parties);
  // The PDF's bytes. The document can no longer be written to.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
inline constexpr const char* kPdfType = "application/pdf";
}  // namespace sp::reports
