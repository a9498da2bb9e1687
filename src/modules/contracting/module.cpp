// Social contracting as the product lists it: its routes, its demo and its kinds of work on a home.
#include "modules/contracting/module.hpp"

#include "modules/contracting/demo.hpp"
#include "modules/contracting/home.hpp"
#include "modules/contracting/routes.hpp"

namespace sp::contracting {
platform::Module module() {
  return {.name = "contracting", .routes = register_routes, .jobs = {}, .demo = load_demo, .demo_before_accounts = false, .home = home_kinds()};
}
}  // namespace sp::contracting
