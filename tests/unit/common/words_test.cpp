// The UI's words read by the server: a text by its key in a language, Romanian where it lacks one,
// codes as words, days as each language writes them.
#include <gtest/gtest.h>

#include "common/words.hpp"

using sp::Words;

TEST(Words, TextsInEachLanguageWithTheirParameters) {
  EXPECT_EQ(Words("ro").tr("sheet.organisations.name"), "Denumire");
  EXPECT_EQ(Words("ru").tr("sheet.organisations.name"), "Название");
  EXPECT_EQ(Words("en").tr("sheet.applications.evaluator_n", {{"n", 2}}), "Evaluator 2");
  EXPECT_EQ(Words("xx").lang(), "ro") << "an unknown language reads Romanian";
  EXPECT_EQ(Words("ru").tr("no.such.key"), "no.such.key");
  EXPECT_FALSE(Words("en").has("sheet.organisations"));  // a namespace is not a text
}

TEST(Words, CodesAsWords) {
  EXPECT_EQ(Words("ru").code("tranche_condition", "signature"), "При подписании");
  EXPECT_EQ(Words("en").code("decision", "reject"), "Rejected");
  EXPECT_EQ(Words("ro").code("decision", "something_new"), "something_new");
  EXPECT_EQ(Words("ro").code("decision", ""), "");
}

TEST(Words, DaysAsWritten) {
  EXPECT_EQ(Words("ro").date("2026-12-02"), "02.12.2026");
  EXPECT_EQ(Words("ru").date("2026-12-02"), "02.12.2026");
  EXPECT_EQ(Words("en").date("2026-12-02"), "02/12/2026");
  EXPECT_EQ(Words("ro").date("2026-12-31T22:30:00Z"), "01.01.2027") << "an instant by Chisinau's day";
  EXPECT_EQ(Words("ro").date(""), "");
  EXPECT_EQ(Words("en").date_format(), "dd/mm/yyyy");
}
