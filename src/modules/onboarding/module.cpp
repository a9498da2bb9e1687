// Account requests as the product lists them: their routes and the officers' part of the home.
#include "modules/onboarding/module.hpp"

#include "modules/onboarding/home.hpp"
#include "modules/onboarding/routes.hpp"

namespace sp::onboarding {
platform::Module module() {
  return {.name = "onboarding", .routes = register_routes, .jobs = {}, .demo = {}, .demo_before_accounts = false, .home = home_kinds()};
}
}  // namespace sp::onboarding
