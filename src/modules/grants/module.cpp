// The grant programme as the product lists it: its routes, report reminders and its demo programme.
#include "modules/grants/module.hpp"

#include "modules/grants/demo.hpp"
#include "modules/grants/home.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/routes.hpp"

namespace sp::grants {
platform::Module module() {
  return {.name = "grants",
          .routes = register_routes,
          .jobs = platform::reminders(remind_reports),
          .demo = [](platform::DemoContext& d) { return load_demo(d); },
          .demo_before_accounts = false,
          .home = home_kinds()};
}
}  // namespace sp::grants
