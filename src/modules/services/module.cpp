// Social services as the product lists them: their routes (services and the care around a person),
// follow-up reminders and the demo services with their fictitious people.
#include "modules/services/module.hpp"

#include "modules/services/demo.hpp"
#include "modules/services/home.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/routes.hpp"
#include "modules/services/tallies.hpp"

namespace sp::services {
platform::Module module() {
  // The services' part of counting a programme's period afresh (platform/tallies.hpp).
  static const bool counts_spans =
      (platform::tallies::register_span_counter(count_span), platform::tallies::register_rebuild(rebuild_tallies, check_tallies), true);
  (void)counts_spans;
  return {.name = "services",
          .routes =
              [](App& app, http::Router& r) {
                register_routes(app, r);
                register_care_routes(app, r);
              },
          .jobs = platform::reminders(remind_followups),
          .demo = [](platform::DemoContext& d) { return load_demo(d); },
          .demo_before_accounts = false,
          .home = home_kinds()};
}
}  // namespace sp::services
