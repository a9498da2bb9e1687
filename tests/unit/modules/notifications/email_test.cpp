#include "modules/notifications/email.hpp"

#include <gtest/gtest.h>

namespace sp::notifications {
namespace {
namespace bj = boost::json;

TEST(Email, FillsPlaceholdersAndLeavesMissingOnesEmpty) {
  bj::object p{{"code", "CSS-2027"}, {"n", 3}};
  EXPECT_EQ(fill_template("Apel {{code}}: {{n}} cereri{{missing}}.", p), "Apel CSS-2027: 3 cereri.");
  EXPECT_EQ(fill_template("fără {{ sfârșit", p), "fără {{ sfârșit");
}

TEST(Email, SaysWhatTheApplicationSaysInTheUsersLanguage) {
  bj::object p{{"code", "CSS-2027"}, {"title", "Servicii sociale în comunități"}};
  EXPECT_EQ(notification_text("call_published", p, "ro"), "Apel nou publicat: CSS-2027 — Servicii sociale în comunități");
  EXPECT_EQ(notification_text("call_published", p, "ru"), "Опубликован конкурс: CSS-2027 — Servicii sociale în comunități");
  EXPECT_EQ(notification_text("call_published", p, "xx"), notification_text("call_published", p, "ro"));
  EXPECT_EQ(notification_text("no_such_kind", p, "en"), "no_such_kind");
}

TEST(Email, WritesTheDueDayInTheLanguagesFormatAndSaysWhenItPassed) {
  bj::object p{{"code", "P-KGBLYA"}, {"months", 6}, {"due_on", "2024-11-13"}};
  EXPECT_EQ(notification_text("followup_due", p, "ro", "2024-11-01"), "Urmărirea la 6 luni pentru P-KGBLYA este programată pe 13.11.2024");
  EXPECT_EQ(notification_text("followup_due", p, "en", "2024-11-01").find("2024-11-13"), std::string::npos);
  auto late = notification_text("followup_due", p, "ro", "2026-12-03");
  EXPECT_NE(late.find("termen depășit"), std::string::npos) << late;
  EXPECT_NE(late.find("13.11.2024"), std::string::npos) << late;
}

TEST(Email, LinksToThePageOfWhatItIsAbout) {
  EXPECT_EQ(notification_link("tranche_paid", "agreement", 7, "https://socialpact.md"), "https://socialpact.md/agreements/7");
  EXPECT_EQ(notification_link("evaluation_assigned", "call", 3, "https://socialpact.md"), "https://socialpact.md/evaluations");
  EXPECT_EQ(notification_link("x", "unknown", 3, "https://socialpact.md"), "https://socialpact.md");
  EXPECT_EQ(notification_link("tranche_paid", "agreement", 7, ""), "");
}

TEST(Email, MessageEncodesUnicodeAndRefusesHeaderInjection) {
  auto e = compose("ana@example.md\r\nBcc: eve@example.md", "report_returned", "report", 5,
                   bj::object{{"number", "GA-1"}, {"report", 2}}, "ro", "https://socialpact.md");
  EXPECT_NE(e.body.find("https://socialpact.md/reports/5"), std::string::npos);
  auto m = mime_message(e, "socialpact <noreply@socialpact.md>", "Tue, 24 Nov 2026 10:00:00 +0000", "<n-5@socialpact>");
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);  // the address's line break became a space
  EXPECT_NE(m.find("Content-Transfer-Encoding: base64\r\n\r\n"), std::string::npos);
  for (std::size_t i = m.find("\r\n\r\n") + 4; i < m.size();) {
    auto eol = m.find("\r\n", i);
    EXPECT_LE(eol - i, 76u);
    i = eol + 2;
  }
}
}  // namespace
}  // namespace sp::notifications
