// Routes that belong to no capability: health and the OpenAPI description.
#include <boost/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/system_routes.hpp"
#include "common/embedded.hpp"
#include "common/time.hpp"

namespace sp {
namespace {
// The description is written per capability (src/app/openapi.base.json, src/modules/*/openapi.json);
// assembled once, as scripts/openapi.mjs does for the tests and the UI's types: base first, then the
// capabilities by name. A path or schema defined twice stops the server at its first request for it
// — the API tests fetch it, so that never ships.
const std::string& openapi_document() {
  static const std::string doc = [] {
    auto base = boost::json::parse(embedded("src/app/openapi.base.json")).as_object();
    auto& paths = base["paths"].as_object();
    auto& schemas = base["components"].as_object()["schemas"].as_object();
    std::vector<std::string_view> parts;
    for (const auto& f : embedded_files())
      if (f.path.starts_with("src/modules/") && f.path.ends_with("/openapi.json")) parts.push_back(f.path);
    std::sort(parts.begin(), parts.end());
    for (auto name : parts) {
      auto part = boost::json::parse(embedded(name)).as_object();
      auto merge = [&](boost::json::object& into, const boost::json::value* from, const char* what) {
        if (!from) return;
        for (const auto& kv : from->as_object()) {
          if (into.contains(kv.key())) throw std::runtime_error(std::string(name) + ": " + what + " " + std::string(kv.key()) + " is defined twice");
          into[kv.key()] = kv.value();
        }
      };
      merge(paths, part.if_contains("paths"), "path");
      if (const auto* c = part.if_contains("components")) merge(schemas, c->as_object().if_contains("schemas"), "schema");
    }
    return boost::json::serialize(base);
  }();
  return doc;
}
}  // namespace

void register_system_routes(App& app, http::Router& r) {
  r.add("GET", "/api/health", http::kPublic, [&app](http::Request&) {
    auto tx = app.db->read();
    auto one = tx.scalar("SELECT 1");
    boost::json::object o{{"status", one == 1 ? "ok" : "degraded"},
                          {"database", app.db->dialect() == store::Dialect::Sqlite ? "sqlite" : "postgresql"},
                          {"time", now_iso()}};
    return http::Response::json(o);
  });
  // What the signed-out pages offer.
  r.add("GET", "/api/v1/public-settings", http::kPublic, [&app](http::Request&) {
    return http::Response::json(boost::json::object{{"password_by_email", !app.cfg.smtp_url.empty()}});
  });
  r.add("GET", "/api/openapi.json", http::kPublic, [](http::Request&) {
    http::Response res;
    res.body = openapi_document();
    res.header("Cache-Control", "no-cache");
    return res;
  });
}
}  // namespace sp
