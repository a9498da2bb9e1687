#include "platform/write.hpp"

#include "audit/routes.hpp"
#include "http/request.hpp"
#include "http/respond.hpp"

namespace sp::platform {

Caller caller_of(const http::Request& r) { return {r.me(), audit::actor_of(r)}; }

Caller system_caller(audit::Actor actor) {
  static const auth::Principal system = [] {
    auth::Principal p;
    p.role = "admin";
    p.email = "system";
    return p;
  }();
  return {system, std::move(actor)};
}

http::Response answer(const Written& w) {
  auto res = http::Response::json(w.body, w.status);
  if (w.version > 0) res.header("ETag", "\"" + std::to_string(w.version) + "\"");
  return res;
}

namespace detail {
void refuse(Say why) { throw Forbidden(std::move(why)); }
void not_found(std::string_view what) { throw NotFound({"not_found", std::string(what)}); }
void stale(std::string_view what) { throw PreconditionFailed({"stale_version", std::string(what)}); }
}  // namespace detail

Written read_audited(store::Database& db, const Caller& c, const std::function<Audited(store::Tx&)>& read) {
  auto tx = db.write();
  auto a = read(tx);
  audit::record(tx, c.actor, a.action, a.entity, a.id, nullptr, nullptr, a.label);
  tx.commit();
  return std::move(a.answer);
}
}  // namespace sp::platform
