#pragma once
// Webhook subscriptions (decision 0032): each owned by the account that made it (a person, or a
// service account through its token), receiving the event types it names — each only as far as its
// owner may see the record. Its secret signs every payload; shown when made or renewed, kept sealed.
#include <cstdint>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::webhooks {
// The subscriptions `c` may keep (their own; the administrator's, everyone's) with what their
// deliveries are doing, and the event types one may subscribe to.
platform::Written webhooks_list(App& app, const platform::Caller& c);
platform::Written webhook_get(App& app, const platform::Caller& c, std::int64_t id);
// {name, url, events[]} → 201 with the secret, this once.
platform::Written webhook_create(App& app, const platform::Caller& c, const json::object& body);
// {name?, url?, events?, status? (active | paused)}: making a disabled or paused one active again
// clears its failures; its deliveries waiting resume.
platform::Written webhook_update(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
// A new secret (the old one stops signing at once), shown this once.
platform::Written webhook_renew_secret(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version);
// A "ping" delivered to this subscription only: 202 with the delivery.
platform::Written webhook_ping(App& app, const platform::Caller& c, std::int64_t id);
// The delivery log, newest first: status, attempts, the endpoint's answer, the next try.
platform::Written deliveries_list(App& app, const platform::Caller& c, std::int64_t webhook_id, const std::string& status, int limit,
                                  std::int64_t before);
// Tried again now (If-Match: the delivery's version), whatever its status but "sending"; a failed
// delivery gets one more attempt.
platform::Written delivery_retry(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version);
}  // namespace sp::webhooks
