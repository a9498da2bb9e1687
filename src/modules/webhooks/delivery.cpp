#include "modules/webhooks/delivery.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "audit/audit.hpp"
#include "common/metrics.hpp"
#include "common/time.hpp"
#include "modules/webhooks/repo.hpp"
#include "modules/webhooks/rules.hpp"
#include "platform/directory.hpp"
#include "platform/events.hpp"
#include "platform/notifications.hpp"

namespace sp::webhooks {
namespace bj = boost::json;

namespace {
// What an endpoint answered: its HTTP status (0 when none) and, for a failure, why.
struct Answer {
  long status = 0;
  std::string error;
  std::int64_t ms = 0;
};

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// Refuses, at connection time (after the name is resolved: a name that resolves to the server's
// own network is refused too), the addresses of private_address.
curl_socket_t open_public_socket(void*, curlsocktype, curl_sockaddr* a) {
  if (private_address(&a->addr)) return CURL_SOCKET_BAD;
  return ::socket(a->family, a->socktype, a->protocol);
}

Answer post(const Config& cfg, const std::string& url, const std::string& body, const std::vector<std::string>& headers) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!init) return {0, "curl_global_init failed"};
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {0, "curl_easy_init failed"};
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> guard(list, curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(cfg.webhooks_timeout_seconds));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (!cfg.webhooks_allow_private) curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_public_socket);
  const auto started = std::chrono::steady_clock::now();
  auto rc = curl_easy_perform(c);
  Answer a;
  a.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  if (rc != CURLE_OK) {
    a.error = rc == CURLE_COULDNT_CONNECT && !cfg.webhooks_allow_private ? std::string(curl_easy_strerror(rc)) + " (or a private address, refused)"
                                                                          : curl_easy_strerror(rc);
    return a;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  if (!delivered(a.status)) a.error = "HTTP " + std::to_string(a.status);
  return a;
}

// The payload: the event as a subscriber reads it.
std::string payload(const platform::StoredEvent& e, std::int64_t delivery) {
  bj::value data;
  try {
    data = bj::parse(e.data);
  } catch (const std::exception&) {
    data = bj::object{};
  }
  return bj::serialize(bj::object{{"id", e.id},
                                  {"type", e.type},
                                  {"occurred_at", e.occurred_at},
                                  {"delivery", delivery},
                                  {"entity", e.entity},
                                  {"entity_id", e.entity_id},
                                  {"data", std::move(data)}});
}
}  // namespace

int route_events(App& app) {
  int made = 0;
  for (;;) {
    std::vector<platform::StoredEvent> waiting;
    {
      auto tx = app.db->read();
      waiting = platform::unrouted_events(tx, 200);
    }
    if (waiting.empty()) return made;
    for (const auto& e : waiting) {
      auto tx = app.db->write();
      if (!platform::claim_event(tx, e.id)) continue;  // another server routed it
      for (const auto& h : hooks_for(tx, e.type)) {
        auto owner = platform::active_member(tx, h.user_id);
        if (!owner || !policy::may_receive_event(owner->role, owner->works_for, e.audience, e.organisations, e.authorities)) continue;
        insert_delivery(tx, h.id, e.id);
        ++made;
      }
      tx.commit();
    }
  }
}

int send_due(App& app) {
  const auto now = now_iso();
  std::vector<Delivery> due;
  {
    auto tx = app.db->write();
    release_stale(tx, iso_from_unix(now_unix() - 600 - app.cfg.webhooks_timeout_seconds));
    tx.commit();
  }
  {
    auto tx = app.db->read();
    due = due_deliveries(tx, now, 100);
  }
  int sent = 0;
  for (auto d : due) {
    std::optional<Hook> h;
    std::optional<platform::StoredEvent> e;
    {
      auto tx = app.db->write();
      if (!claim_delivery(tx, d.id, now_iso())) continue;  // another server sends it
      h = find_hook(tx, d.webhook_id);
      e = platform::find_event(tx, d.event_id);
      tx.commit();
    }
    const auto body = payload(*e, d.id);
    const auto at = now_unix();
    Answer a;
    try {
      a = post(app.cfg, h->url, body,
               {"Content-Type: application/json", "User-Agent: socialpact-webhooks/1", "X-Socialpact-Event: " + e->type,
                "X-Socialpact-Delivery: " + std::to_string(d.id), "X-Socialpact-Signature: " + signature(app.vault->open(h->secret), at, body)});
    } catch (const std::exception& ex) {
      a.error = ex.what();
    }
    const bool ok = a.error.empty();
    metrics::add("socialpact_webhooks_total", {{"result", ok ? "delivered" : "failed"}});
    ++sent;
    auto tx = app.db->write();
    auto hook = find_hook(tx, d.webhook_id);  // as it is now: a success elsewhere may have reset its failures
    auto after = after_attempt(ok, static_cast<int>(d.attempts + 1), app.cfg.webhooks_max_attempts, hook->failures, app.cfg.webhooks_disable_after);
    d.status = after.delivery_status;
    d.attempts += 1;
    d.response_code = a.status ? std::optional<std::int64_t>(a.status) : std::nullopt;
    d.last_error = ok ? std::nullopt : std::optional(a.error.substr(0, 500));
    d.duration_ms = a.ms;
    d.next_try_at = d.status == "pending" ? std::optional(iso_from_unix(now_unix() + backoff_seconds(app.cfg.webhooks_backoff_seconds, static_cast<int>(d.attempts))))
                                          : std::nullopt;
    record_attempt(tx, d);
    auto changed = *hook;
    changed.failures = after.failures;
    if (after.disable && hook->status == "active") {
      changed.status = "disabled";
      changed.disabled_at = now_iso();
      platform::notify(tx, {hook->user_id}, "webhook_disabled", "webhook", hook->id, {{"name", hook->name}, {"failures", after.failures}});
      audit::record(tx, audit::system_actor("webhooks"), "disable", "webhook", hook->id, nullptr,
                    bj::object{{"status", "disabled"}, {"failures", after.failures}, {"last_error", a.error}}, hook->name);
      spdlog::warn("webhooks: {} ({}) disabled after {} failed attempts in a row", hook->name, hook->url, after.failures);
    }
    if (changed.failures != hook->failures || changed.status != hook->status) update_hook(tx, changed, hook->version);
    tx.commit();
  }
  return sent;
}
}  // namespace sp::webhooks
