// A table longer than a page names its columns again at the top of every page it flows onto.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "reports/pdf.hpp"

namespace {
std::string pdf_text(const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() / "sp-pdf-test.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(("pdftotext -enc UTF-8 " + path.string() + " -").c_str(), "r"), pclose);
  std::array<char, 4096> buf{};
  while (p && fgets(buf.data(), static_cast<int>(buf.size()), p.get())) out += buf.data();
  std::filesystem::remove(path);
  return out;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST(Pdf, TableHeadersRepeatOnEveryPage) {
  sp::reports::Pdf pdf("Test", "Test");
  pdf.title("Tabel lung");
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 150; ++i) rows.push_back({std::to_string(i), "Rândul " + std::to_string(i), "1 000,00"});
  pdf.table({"Nr.", "Descrierea coloanei", "Suma"}, rows, {0.1, 0.6, 0.3}, {false, false, true});
  auto text = pdf_text(pdf.finish());
  int pages = count(text, "\f");
  ASSERT_GE(pages, 3) << "150 rows fill more than two pages";
  EXPECT_EQ(count(text, "Descrierea coloanei"), pages);
  EXPECT_EQ(count(text, "Rândul 150"), 1);
}
