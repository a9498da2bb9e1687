#pragma once
// E-mail for notifications, where an SMTP server is configured: the same message the user sees in
// the application (the UI's own ro/ru/en texts, compiled into the binary), in the user's language,
// with a link to the page it is about.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "common/words.hpp"

namespace sp::notifications {
struct Email {
  std::string to;
  std::string subject;
  std::string body;
};

// The notification's text in ro, ru or en (Romanian where the language or the kind has none); its
// due day (due_on) in the language's format, and the kind's overdue sentence when that day is before
// `today` (yyyy-mm-dd; empty: never overdue).
std::string notification_text(std::string_view kind, const boost::json::object& params, std::string_view lang,
                              std::string_view today = {});
// Where in the application the notification leads ("" when nowhere); base_url without a trailing '/'.
std::string notification_link(std::string_view kind, std::string_view entity, std::int64_t entity_id, std::string_view base_url);
Email compose(std::string_view to, std::string_view kind, std::string_view entity, std::int64_t entity_id,
              const boost::json::object& params, std::string_view lang, std::string_view base_url);
// An e-mail to an address without an account (platform::mail_address): the sentence and the
// product's address.
Email address_email(std::string_view to, std::string_view kind, const boost::json::object& params, std::string_view lang,
                    std::string_view base_url);
// A password link (purpose "reset" or "welcome"): the sentence in the user's language and the link
// <base_url>/password#token=… (the token never in a URL a server logs).
Email password_email(std::string_view to, std::string_view purpose, std::string_view name, std::string_view token,
                     std::string_view lang, std::string_view base_url);
// The RFC 5322 message: UTF-8 subject encoded per RFC 2047, body in base64 (any mail server takes it).
std::string mime_message(const Email& e, std::string_view from, std::string_view date_rfc5322, std::string_view message_id);
}  // namespace sp::notifications
