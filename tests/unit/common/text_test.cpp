#include "common/text.hpp"

#include <gtest/gtest.h>

using namespace sp;

TEST(Text, FoldsRomanianDiacriticsAndCase) {
  EXPECT_EQ(fold_for_search("Asociația ȘTEFAN cel Mare, Bălți"), "asociatia stefan cel mare, balti");
  EXPECT_EQ(fold_for_search("Înțelegere  și  ÎNCREDERE"), "intelegere si incredere");
  EXPECT_EQ(fold_for_search("Şcoala cu cedilă Ţ"), "scoala cu cedila t");  // legacy cedilla forms
}

TEST(Text, LowersCyrillic) { EXPECT_EQ(fold_for_search("КИШИНЁВ Центр"), "кишинев центр"); }

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(valid_text("Călărași"));
  EXPECT_FALSE(valid_text(std::string("a\xC3\x28", 3)));      // bad continuation
  EXPECT_FALSE(valid_text(std::string("\xC0\xAF", 2)));       // overlong '/'
  EXPECT_FALSE(valid_text(std::string("\xED\xA0\x80", 3)));   // surrogate
  EXPECT_FALSE(valid_text(std::string("a\0b", 3)));           // NUL
  EXPECT_TRUE(valid_text("line\nbreak"));
}

TEST(Text, CountsCodePoints) { EXPECT_EQ(utf8_length("ș ț ă î â"), 9u); }

TEST(Text, EscapesLikePatterns) { EXPECT_EQ(like_escape("50%_a\\b"), "50\\%\\_a\\\\b"); }

TEST(Text, JoinsWithASeparator) {
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"a"}, ", "), "a");
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
}
