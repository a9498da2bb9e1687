#include "modules/notifications/mailer.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <ctime>
#include <memory>

#include "common/metrics.hpp"
#include "common/time.hpp"
#include "auth/users.hpp"
#include "modules/notifications/email.hpp"

namespace sp::notifications {
namespace bj = boost::json;

namespace {
struct Pending {
  std::int64_t id;
  std::string kind, entity;
  std::int64_t entity_id;
  std::string params, email, language;
};

std::string rfc5322_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// The address inside "Name <address>", or the whole text.
std::string address_of(const std::string& from) {
  auto lt = from.find('<');
  auto gt = from.find('>', lt == std::string::npos ? 0 : lt);
  return lt != std::string::npos && gt != std::string::npos ? from.substr(lt + 1, gt - lt - 1) : from;
}

struct Upload {
  std::string data;
  std::size_t pos = 0;
};
std::size_t read_cb(char* out, std::size_t size, std::size_t n, void* p) {
  auto* u = static_cast<Upload*>(p);
  std::size_t len = std::min(size * n, u->data.size() - u->pos);
  std::memcpy(out, u->data.data() + u->pos, len);
  u->pos += len;
  return len;
}

// One message over SMTP (STARTTLS when the server offers it); the error text when it failed.
std::string send(const Config& cfg, const Email& e, const std::string& message_id) {
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return "curl_easy_init failed";
  Upload up{mime_message(e, cfg.smtp_from, rfc5322_now(), message_id), 0};
  curl_slist* rcpt = curl_slist_append(nullptr, e.to.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> guard(rcpt, curl_slist_free_all);
  auto from = address_of(cfg.smtp_from);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, cfg.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (!cfg.smtp_user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, cfg.smtp_user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.smtp_password.c_str());
  }
  auto rc = curl_easy_perform(c);
  metrics::add("socialpact_emails_total", {{"result", rc == CURLE_OK ? "sent" : "failed"}});
  return rc == CURLE_OK ? "" : curl_easy_strerror(rc);
}
}  // namespace

int send_pending_emails(App& app) {
  if (app.cfg.smtp_url.empty()) return 0;
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!init) return 0;
  std::vector<Pending> pending;
  {
    auto tx = app.db->read();
    auto c = tx.query(
        "SELECT n.id, n.kind, n.entity, n.entity_id, n.params, u.email, u.language FROM notifications n "
        "JOIN users u ON u.id = n.user_id WHERE n.emailed_at IS NULL AND n.created_at >= $1 AND u.status = 'active' "
        "ORDER BY n.id LIMIT 500",
        {iso_from_unix(now_unix() - 86400)});
    while (c->next())
      pending.push_back({c->i64(0), c->str(1), c->str(2), c->is_null(3) ? 0 : c->i64(3), c->str(4), c->str(5), c->str(6)});
  }
  int sent = 0;
  for (const auto& p : pending) {
    {
      auto tx = app.db->write();
      if (tx.exec("UPDATE notifications SET emailed_at = $1 WHERE id = $2 AND emailed_at IS NULL", {now_iso(), p.id}) != 1) continue;
      tx.commit();  // claimed: another server will not send it
    }
    bj::object params;
    try {
      params = bj::parse(p.params).as_object();
    } catch (const std::exception&) {
    }
    auto e = compose(p.email, p.kind, p.entity, p.entity_id, params, p.language, app.cfg.public_url);
    if (auto err = send(app.cfg, e, "<notification-" + std::to_string(p.id) + "@socialpact>"); !err.empty()) {
      spdlog::warn("mail: notification {} to {} not sent: {}", p.id, p.email, err);
      auto tx = app.db->write();
      tx.exec("UPDATE notifications SET emailed_at = NULL WHERE id = $1", {p.id});
      tx.commit();
      break;  // the server is likely unreachable: try the rest at the next run
    }
    ++sent;
  }
  // E-mails to addresses without an account: claimed, then sent; one that fails is tried again.
  struct ToAddress {
    std::int64_t id;
    std::string email, language, kind, params;
  };
  std::vector<ToAddress> addressed;
  {
    auto tx = app.db->read();
    auto c = tx.query("SELECT id, email, language, kind, params FROM address_mails WHERE sent_at IS NULL AND created_at >= $1 ORDER BY id LIMIT 500",
                      {iso_from_unix(now_unix() - 86400)});
    while (c->next()) addressed.push_back({c->i64(0), c->str(1), c->str(2), c->str(3), c->str(4)});
  }
  for (const auto& a : addressed) {
    {
      auto tx = app.db->write();
      if (tx.exec("UPDATE address_mails SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL", {now_iso(), a.id}) != 1) continue;
      tx.commit();
    }
    bj::object params;
    try {
      params = bj::parse(a.params).as_object();
    } catch (const std::exception&) {
    }
    auto e = address_email(a.email, a.kind, params, a.language, app.cfg.public_url);
    if (auto err = send(app.cfg, e, "<address-" + std::to_string(a.id) + "@socialpact>"); !err.empty()) {
      spdlog::warn("mail: e-mail {} to {} not sent: {}", a.id, a.email, err);
      auto tx = app.db->write();
      tx.exec("UPDATE address_mails SET sent_at = NULL WHERE id = $1", {a.id});
      tx.commit();
      break;
    }
    ++sent;
  }
  // Password links: claimed (their token erased) before sending; one lost on a failed send is asked for again.
  std::vector<auth::PasswordMail> links;
  {
    auto tx = app.db->read();
    links = auth::unsent_password_mails(tx, *app.vault);
  }
  for (const auto& l : links) {
    {
      auto tx = app.db->write();
      if (!auth::claim_password_mail(tx, l.id)) continue;
      tx.commit();
    }
    auto e = password_email(l.email, l.purpose, l.name, l.token, l.language, app.cfg.public_url);
    if (auto err = send(app.cfg, e, "<password-" + std::to_string(l.id) + "@socialpact>"); !err.empty()) {
      spdlog::warn("mail: password link {} to {} not sent: {}", l.id, l.email, err);
      break;
    }
    ++sent;
  }
  return sent;
}
}  // namespace sp::notifications
