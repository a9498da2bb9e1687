#pragma once
// The audit trail: every change records who, when, what, before and after, in the same transaction
// as the change itself (so a change without its audit row cannot exist).
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace sp {
struct App;
namespace http {
class Router;
struct Request;
}  // namespace http
}  // namespace sp

namespace sp::audit {

struct Actor {
  std::optional<std::int64_t> user_id;
  std::string email;  // or "system" / "cli"
  std::string request_id;
  std::string ip;
};
Actor actor_of(const http::Request& req);
Actor system_actor(std::string name);

void record(store::Tx& tx, const Actor& who, std::string_view action, std::string_view entity,
            std::optional<std::int64_t> entity_id, const boost::json::value& before, const boost::json::value& after,
            std::string_view summary = {});

void register_routes(App& app, http::Router& r);
}  // namespace sp::audit
