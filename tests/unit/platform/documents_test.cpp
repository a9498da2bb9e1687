#include "platform/documents.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sp::platform {
namespace {
TEST(Documents, TypeComesFromTheContent) {
  EXPECT_EQ(sniff_document_type("%PDF-1.7 ..."), "application/pdf");
  EXPECT_EQ(sniff_document_type(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(sniff_document_type("\xFF\xD8\xFF\xE0"), "image/jpeg");
  EXPECT_EQ(sniff_document_type(std::string("PK\x03\x04....word/document.xml", 25)),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(sniff_document_type(std::string("PK\x03\x04....other.txt", 17)), "");
  EXPECT_EQ(sniff_document_type("MZ\x90"), "");
  EXPECT_EQ(sniff_document_type("<html>%PDF-"), "");
}

TEST(Documents, FileNamesAreMadeSafe) {
  EXPECT_EQ(safe_filename("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_filename("C:\\Users\\x\\Acord ș.pdf"), "Acord ș.pdf");
  EXPECT_EQ(safe_filename("a\"b;c\r\n.pdf"), "abc.pdf");
  EXPECT_EQ(safe_filename("...hidden"), "hidden");
  EXPECT_EQ(safe_filename(""), "document");
  EXPECT_EQ(safe_filename(std::string("\xff\xfe.pdf")), "document");
  // Bidirectional overrides and invisible characters cannot make a name read as another.
  EXPECT_EQ(safe_filename("factura\u202Efdp.exe"), "facturafdp.exe");
  EXPECT_EQ(safe_filename("\u2066Acord\u2069\u200B ș\uFEFF.pdf"), "Acord ș.pdf");
  EXPECT_EQ(safe_filename("\u202E\u200E"), "document");
}
}  // namespace
}  // namespace sp::platform
