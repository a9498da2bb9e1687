#include "modules/notifications/email.hpp"

#include <map>

#include "common/crypto.hpp"
#include "common/time.hpp"
#include "common/words.hpp"

namespace sp::notifications {
namespace bj = boost::json;

namespace {
// Header values must not carry line breaks (header injection).
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}
}  // namespace

std::string notification_text(std::string_view kind, const bj::object& params, std::string_view lang, std::string_view today) {
  Words w(lang);
  auto key = "notif." + std::string(kind);
  if (!w.has(key)) return std::string(kind);
  // As the bell shows it: the day in the language's format, and the overdue sentence once it passed.
  bj::object p = params;
  const auto* due = params.if_contains("due_on");
  if (due && due->is_string()) {
    std::string on(due->as_string());
    p["due_on"] = w.date(on);
    if (!today.empty() && on < today && w.has(key + "_overdue")) key += "_overdue";
  }
  return w.tr(key, p);
}

std::string notification_link(std::string_view kind, std::string_view entity, std::int64_t entity_id, std::string_view base_url) {
  if (base_url.empty()) return "";
  if (kind == "evaluation_assigned") return std::string(base_url) + "/evaluations";
  static const std::map<std::string_view, std::string_view> pages = {
      {"call", "/calls/"},         {"application", "/applications/"}, {"agreement", "/agreements/"}, {"report", "/reports/"},
      {"person", "/people/"},      {"service", "/services/"},         {"partnership", "/partnerships/"},
      {"account_request", "/account-requests/"}, {"webhook", "/webhooks/"}};
  auto it = pages.find(entity);
  if (it == pages.end() || entity_id <= 0) return std::string(base_url);
  return std::string(base_url) + std::string(it->second) + std::to_string(entity_id);
}

namespace {
// A message of socialpact: the sentence as its subject and first paragraph, the link beneath it, and
// the signature (mail.<footer>) in the reader's language.
Email letter(std::string_view to, const std::string& text, const std::string& link, const char* footer, std::string_view lang) {
  Email e;
  e.to = std::string(to);
  e.subject = "socialpact: " + one_line(text);
  e.body = text + "\n";
  if (!link.empty()) e.body += "\n" + link + "\n";
  e.body += "\n-- \n" + Words(lang).tr(std::string("mail.") + footer) + "\n";
  return e;
}
}  // namespace

Email compose(std::string_view to, std::string_view kind, std::string_view entity, std::int64_t entity_id,
              const bj::object& params, std::string_view lang, std::string_view base_url) {
  // A follow-up's reminder opens the person's file.
  const auto* person = entity == "followup" ? params.if_contains("person_id") : nullptr;
  auto link = person && person->is_int64() ? notification_link(kind, "person", person->as_int64(), base_url)
                                           : notification_link(kind, entity, entity_id, base_url);
  return letter(to, notification_text(kind, params, lang, sp::today()), link, "footer_automatic", lang);
}

Email address_email(std::string_view to, std::string_view kind, const bj::object& params, std::string_view lang, std::string_view base_url) {
  return letter(to, notification_text(kind, params, lang), std::string(base_url), "footer_address", lang);
}

Email password_email(std::string_view to, std::string_view purpose, std::string_view name, std::string_view token,
                     std::string_view lang, std::string_view base_url) {
  bj::object params{{"name", std::string(name)}};
  auto text = notification_text(purpose == "welcome" ? "account_welcome" : "password_reset", params, lang);
  // The token after '#': a browser never sends it to a server, so no log keeps it.
  return letter(to, text, std::string(base_url) + "/password#token=" + std::string(token), "footer_password", lang);
}

std::string mime_message(const Email& e, std::string_view from, std::string_view date_rfc5322, std::string_view message_id) {
  std::string m;
  m += "Date: " + one_line(date_rfc5322) + "\r\n";
  m += "From: " + one_line(from) + "\r\n";
  m += "To: " + one_line(e.to) + "\r\n";
  m += "Message-ID: " + one_line(message_id) + "\r\n";
  m += "Subject: =?UTF-8?B?" + base64(e.subject) + "?=\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n\r\n";
  auto body = base64(e.body);
  for (std::size_t i = 0; i < body.size(); i += 76) m += body.substr(i, 76) + "\r\n";
  return m;
}
}  // namespace sp::notifications
