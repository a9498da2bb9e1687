// Routes that belong to no capability: health and the OpenAPI description.
#include <boost/json.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/system_routes.hpp"
#include "common/embedded.hpp"
#include "common/errors.hpp"
#include "common/metrics.hpp"
#include "common/time.hpp"
#include "store/data_version.hpp"
#include "store/migrate.hpp"

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

// What keeps a server from serving: the database unreachable, migrations not yet applied. Each a
// field error of a 503 (readiness), none when ready.
std::vector<FieldError> not_ready(App& app) {
  std::vector<FieldError> wrong;
  try {
    auto tx = app.db->read();
    if (tx.scalar("SELECT 1") != 1) throw std::runtime_error("SELECT 1 answered otherwise");
  } catch (const std::exception& e) {
    spdlog::warn("readiness: the database is unreachable: {}", e.what());
    wrong.push_back({"database", "database_unreachable", "The database cannot be reached"});
    return wrong;
  }
  try {
    int pending = 0;
    std::string first;
    for (const auto& m : store::migration_status(*app.db))
      if (!m.applied && pending++ == 0) first = m.name;
    if (pending)
      wrong.push_back({"migrations", "migrations_pending", std::to_string(pending) + " migration(s) not applied, the first " + first + ": run socialpact migrate",
                       {{"count", std::to_string(pending)}, {"first", first}}});
  } catch (const std::exception& e) {
    wrong.push_back({"migrations", "database_unreachable", "The database cannot be reached"});
  }
  return wrong;
}

// The gauges read at each scrape of /metrics: the database's pools and the data's version.
void collect_gauges(App& app) {
  static std::once_flag once;
  std::call_once(once, [&app] {
    metrics::collect({{"socialpact_db_connections_open", "Connections a pool has open"},
                      {"socialpact_db_connections_idle", "Open connections of a pool that no transaction holds"},
                      {"socialpact_db_connections_max", "The most connections a pool opens"},
                      {"socialpact_db_connection_waits", "Transactions that have waited for a connection of a pool, since start"},
                      {"socialpact_data_version", "The data's version: it grows with every change"}},
                     [&app] {
                       std::vector<metrics::Sample> out;
                       for (const auto& p : app.db->pools()) {
                         metrics::Labels l{{"pool", p.name}};
                         out.push_back({"socialpact_db_connections_open", l, static_cast<double>(p.open)});
                         out.push_back({"socialpact_db_connections_idle", l, static_cast<double>(p.idle)});
                         out.push_back({"socialpact_db_connections_max", l, static_cast<double>(p.max)});
                         out.push_back({"socialpact_db_connection_waits", l, static_cast<double>(p.waits)});
                       }
                       try {
                         auto tx = app.db->read();
                         out.push_back({"socialpact_data_version", {}, static_cast<double>(store::data_version(tx))});
                       } catch (const std::exception&) {
                         // the database unreachable: readiness says so; the other figures still count
                       }
                       return out;
                     });
  });
}
}  // namespace

void register_system_routes(App& app, http::Router& r) {
  // Liveness: the process answers (a supervisor restarts it when not). No database.
  r.add("GET", "/api/health/live", http::kPublic, [](http::Request&) {
    return http::Response::json(boost::json::object{{"status", "ok"}, {"time", now_iso()}});
  });
  // Readiness: the database answers and every migration is applied; else 503 naming what is wrong
  // (a load balancer sends no traffic to it meanwhile).
  auto ready = [&app](http::Request&) {
    auto wrong = not_ready(app);
    if (!wrong.empty()) throw HttpError(503, "not-ready", "Service unavailable", say("not_ready", "The server cannot serve yet"), std::move(wrong));
    return http::Response::json(boost::json::object{{"status", "ok"},
                                                    {"database", app.db->dialect() == store::Dialect::Sqlite ? "sqlite" : "postgresql"},
                                                    {"time", now_iso()}});
  };
  r.add("GET", "/api/health/ready", http::kPublic, ready);
  r.add("GET", "/api/health", http::kPublic, ready);  // as before: readiness
  collect_gauges(app);
  r.add("GET", "/metrics", "metrics.read", [](http::Request&) {
    http::Response res;
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    res.body = metrics::exposition();
    return res;
  });
  r.set_open_to(app.cfg.metrics_allow);
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
