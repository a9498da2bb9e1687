// HTTP for webhooks: parse, call (operations.hpp), serialise.
#include "modules/webhooks/routes.hpp"

#include "common/json.hpp"
#include "modules/webhooks/operations.hpp"

namespace sp::webhooks {
namespace {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

Response list(App& app, Request& r) { return answer(webhooks_list(app, caller_of(r))); }
Response get(App& app, Request& r) { return answer(webhook_get(app, caller_of(r), r.id())); }
Response create(App& app, Request& r) { return answer(webhook_create(app, caller_of(r), parse_object(r.body))); }
Response update(App& app, Request& r) {
  auto id = r.id();
  return answer(webhook_update(app, caller_of(r), id, r.if_match(), parse_object(r.body)));
}
Response secret(App& app, Request& r) {
  auto id = r.id();
  return answer(webhook_renew_secret(app, caller_of(r), id, r.if_match()));
}
Response ping(App& app, Request& r) { return answer(webhook_ping(app, caller_of(r), r.id())); }
Response deliveries(App& app, Request& r) {
  auto id = r.id();
  auto status = r.q("status").value_or("");
  if (!status.empty() && status != "pending" && status != "sending" && status != "delivered" && status != "failed")
    throw Invalid({{"status", "not_allowed", "Must be one of: pending, sending, delivered, failed"}});
  auto limit = static_cast<int>(query_int(r.q("limit"), "limit", 50, 1, 200));
  auto before = query_int(r.q("cursor"), "cursor", 0, 0, INT64_MAX);
  return answer(deliveries_list(app, caller_of(r), id, status, limit, before));
}
Response retry(App& app, Request& r) {
  auto id = r.id();
  return answer(delivery_retry(app, caller_of(r), id, r.if_match()));
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/webhooks", "webhooks.manage", h(list));
  r.add("POST", "/api/v1/webhooks", "webhooks.manage", h(create));
  r.add("GET", "/api/v1/webhooks/{id}", "webhooks.manage", h(get));
  r.add("PATCH", "/api/v1/webhooks/{id}", "webhooks.manage", h(update));
  r.add("POST", "/api/v1/webhooks/{id}/secret", "webhooks.manage", h(secret));
  r.add("POST", "/api/v1/webhooks/{id}/ping", "webhooks.manage", h(ping));
  r.add("GET", "/api/v1/webhooks/{id}/deliveries", "webhooks.manage", h(deliveries));
  r.add("POST", "/api/v1/webhook-deliveries/{id}/retry", "webhooks.manage", h(retry));
}
}  // namespace sp::webhooks
