#include "modules/notifications/routes.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"

namespace sp::notifications {
namespace {
namespace bj = boost::json;
using http::Request;
using http::Response;

Response list(App& app, Request& r) {
  auto limit = query_int(r.q("limit"), "limit", 50, 1, 200);
  auto unread_only = r.q("unread").value_or("") == "1";
  auto tx = app.db->read();
  bj::array items;
  auto c = tx.query(std::string("SELECT id, kind, entity, entity_id, params, created_at, read_at FROM notifications "
                                "WHERE user_id = $1") +
                        (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT $2",
                    {r.me().user_id, limit});
  while (c->next())
    items.push_back({{"id", c->i64(0)}, {"kind", c->str(1)}, {"entity", c->str(2)},
                     {"entity_id", c->is_null(3) ? bj::value(nullptr) : bj::value(c->i64(3))},
                     {"params", bj::parse(c->text(4))}, {"created_at", c->str(5)},
                     {"read_at", c->is_null(6) ? bj::value(nullptr) : bj::value(c->str(6))}});
  c.reset();
  auto unread = tx.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", {r.me().user_id}).value_or(0);
  return Response::json(bj::object{{"items", std::move(items)}, {"unread", unread}});
}

Response mark_read(App& app, Request& r) {
  auto id = r.id();
  auto tx = app.db->write();
  // Someone else's notification does not exist for this user.
  if (tx.exec("UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3",
              {now_iso(), id, r.me().user_id}) == 0)
    throw NotFound("No such notification");
  tx.commit();
  return Response::no_content();
}

Response mark_all_read(App& app, Request& r) {
  auto tx = app.db->write();
  tx.exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", {now_iso(), r.me().user_id});
  tx.commit();
  return Response::no_content();
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/notifications", http::kAuthenticated, h(list));
  r.add("POST", "/api/v1/notifications/{id}/read", http::kAuthenticated, h(mark_read));
  r.add("POST", "/api/v1/notifications/read-all", http::kAuthenticated, h(mark_all_read));
}
}  // namespace sp::notifications
