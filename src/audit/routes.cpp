// The audit trail over HTTP: GET /audit (its filters parsed here, the page made by platform/trail.hpp)
// and how a request names its actor.
#include "audit/routes.hpp"

#include <boost/json.hpp>

#include "common/json.hpp"
#include "common/time.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "platform/trail.hpp"

namespace sp::audit {

Actor actor_of(const http::Request& req) {
  Actor a;
  if (req.user) {
    a.user_id = req.user->user_id;
    a.email = req.user->email;
    a.token = req.user->token_name;
  }
  a.request_id = req.request_id;
  a.ip = req.remote;
  return a;
}

namespace {
http::Response list(App& app, http::Request& req) {
  Filter f;
  f.limit = query_int(req.q("limit"), "limit", 50, 1, 200);
  f.before_id = query_int(req.q("cursor"), "cursor", 0, 0, INT64_MAX);
  f.entity_id = query_int(req.q("entity_id"), "entity_id", 0, 0, INT64_MAX);
  f.user_id = query_int(req.q("user_id"), "user_id", 0, 0, INT64_MAX);
  f.entity = req.q("entity").value_or("");
  f.action = req.q("action").value_or("");
  f.from = req.q("from").value_or("");
  f.to = req.q("to").value_or("");
  std::vector<FieldError> errs;
  if (!f.from.empty() && !valid_date(f.from)) errs.push_back({"from", "invalid_date", "Must be a date written YYYY-MM-DD"});
  if (!f.to.empty() && !valid_date(f.to)) errs.push_back({"to", "invalid_date", "Must be a date written YYYY-MM-DD"});
  if (!errs.empty()) throw Invalid(errs);
  return platform::answer(platform::trail_page(app, platform::caller_of(req), f));
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/audit", "audit.read", [&app](http::Request& req) { return list(app, req); });
}
}  // namespace sp::audit
