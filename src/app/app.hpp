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

// Every route of the product. Adding a capability adds one line here.
void register_all_routes(App& app, http::Router& router);
}  // namespace sp
