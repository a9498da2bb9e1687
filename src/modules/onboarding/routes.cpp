// Account requests over HTTP: parse, call one operation, serialise.
#include "modules/onboarding/routes.hpp"

#include <memory>

#include "audit/routes.hpp"
#include "http/request.hpp"
#include "http/respond.hpp"
#include "modules/onboarding/operations.hpp"

namespace sp::onboarding {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

void register_routes(App& app, http::Router& r) {
  // A signed-out form: as many per address and minute as sign-ins.
  auto throttle = std::make_shared<auth::Throttle>(app.cfg.login_rate_per_minute, std::chrono::seconds(60));
  r.add("POST", "/api/v1/account-requests", http::kPublic, [&app, throttle](Request& q) {
    return answer(request_create(app, *throttle, parse_object(q.body), audit::actor_of(q)));
  });
  r.add("GET", "/api/v1/account-requests", "accounts.approve", [&app](Request& q) {
    auto status = q.q("status");
    return answer(requests_list(app, status && !status->empty() ? status : std::nullopt));
  });
  r.add_blocking("POST", "/api/v1/account-requests/{id}/approve", "accounts.approve", [&app](Request& q) {
    return answer(request_approve(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body)));
  });
  r.add("POST", "/api/v1/account-requests/{id}/decline", "accounts.approve", [&app](Request& q) {
    return answer(request_decline(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body)));
  });
}
}  // namespace sp::onboarding
