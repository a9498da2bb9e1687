// Routes that belong to no capability: health and the OpenAPI description.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "app/system_routes.hpp"
#include "common/embedded.hpp"
#include "common/time.hpp"

namespace sp {
void register_system_routes(App& app, http::Router& r) {
  r.add("GET", "/api/health", http::kPublic, [&app](http::Request&) {
    auto tx = app.db->read();
    auto one = tx.scalar("SELECT 1");
    boost::json::object o{{"status", one == 1 ? "ok" : "degraded"},
                          {"database", app.db->dialect() == store::Dialect::Sqlite ? "sqlite" : "postgresql"},
                          {"time", now_iso()}};
    return http::Response::json(o);
  });
  r.add("GET", "/api/openapi.json", http::kPublic, [](http::Request&) {
    http::Response res;
    res.body = std::string(embedded("src/app/openapi.json"));
    res.header("Cache-Control", "no-cache");
    return res;
  });
}
}  // namespace sp
