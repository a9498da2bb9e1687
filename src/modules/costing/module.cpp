// Costing as the product lists it: its routes, its demo data and the approval inbox of the home.
#include "modules/costing/module.hpp"

#include "modules/costing/demo.hpp"
#include "modules/costing/home.hpp"
#include "modules/costing/routes.hpp"

namespace sp::costing {
platform::Module module() {
  return {.name = "costing", .routes = register_routes, .jobs = {}, .demo = load_demo, .demo_before_accounts = false, .home = home_kinds()};
}
}  // namespace sp::costing
