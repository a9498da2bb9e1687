#pragma once
// What every capability's handlers get: the running socialpact's configuration, its database and the
// vault for personal identities. Built by src/app (which lists the capabilities once); defined here,
// below the capabilities, so that none of them reaches up into src/app.
#include <memory>

#include "common/vault.hpp"
#include "http/router.hpp"
#include "platform/config.hpp"
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
}  // namespace sp
