#pragma once
// What a running socialpact holds: its configuration and its database. Modules receive it when
// their routes are registered.
#include <memory>

#include "app/config.hpp"
#include "common/vault.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace sp {
struct App {
  Config cfg;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Vault> vault;  // personal identities at rest (services module)
};

// Binds a capability's handlers, written as `Response f(App&, Request&)`, to this app:
// `auto h = handler_of(app); router.add(..., h(f));`.
inline auto handler_of(App& app) {
  return [&app](http::Response (*f)(App&, http::Request&)) -> http::Handler {
    return [&app, f](http::Request& req) { return f(app, req); };
  };
}

// Every route of the product. Adding a capability adds one line here.
void register_all_routes(App& app, http::Router& router);
}  // namespace sp
