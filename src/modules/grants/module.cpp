// The grant programme as the product lists it: its routes, report reminders and its demo programme.
#include "modules/grants/module.hpp"

#include "modules/grants/demo.hpp"
#include "modules/grants/home.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/routes.hpp"
#include "modules/grants/tallies.hpp"

namespace sp::grants {
platform::Module module() {
  // The grants' part of the platform's tallies: money committed and paid, organisations granted.
  static const bool counts =
      (platform::tallies::register_span_counter(count_grant_span), platform::tallies::register_rebuild(rebuild_grant_tallies, check_grant_tallies), true);
  (void)counts;
  return {.name = "grants",
          .routes = register_routes,
          .jobs = platform::reminders(remind_reports),
          .demo = [](platform::DemoContext& d) { return load_demo(d); },
          .demo_before_accounts = false,
          .home = home_kinds()};
}
}  // namespace sp::grants
