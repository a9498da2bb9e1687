// HTTP for a user's own notifications: parse, call (operations.hpp), serialise.
#include "modules/notifications/routes.hpp"

#include "common/json.hpp"
#include "modules/notifications/operations.hpp"

namespace sp::notifications {
namespace {
using http::Request;
using http::Response;

Response list_route(App& app, Request& r) {
  auto limit = query_int(r.q("limit"), "limit", 50, 1, 200);
  return Response::json(list(app, r.me().user_id, r.q("unread").value_or("") == "1", limit));
}

Response mark_read_route(App& app, Request& r) {
  mark_read(app, r.me().user_id, r.id());
  return Response::no_content();
}

Response mark_all_read_route(App& app, Request& r) {
  mark_all_read(app, r.me().user_id);
  return Response::no_content();
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/notifications", http::kAuthenticated, h(list_route));
  r.add("POST", "/api/v1/notifications/{id}/read", http::kAuthenticated, h(mark_read_route));
  r.add("POST", "/api/v1/notifications/read-all", http::kAuthenticated, h(mark_all_read_route));
}
}  // namespace sp::notifications
