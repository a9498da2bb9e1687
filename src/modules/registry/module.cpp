// The registry as the product lists it: its routes and its demo data (which every other demo builds on).
#include "modules/registry/module.hpp"

#include "modules/registry/demo.hpp"
#include "modules/registry/home.hpp"
#include "modules/registry/routes.hpp"
#include "modules/registry/tallies.hpp"

namespace sp::registry {
platform::Module module() {
  // The registry's part of the platform's tallies: partnerships with authorities and their co-financing.
  static const bool counts = (platform::tallies::register_span_counter(count_registry_span),
                              platform::tallies::register_rebuild(rebuild_registry_tallies, check_registry_tallies), true);
  (void)counts;
  return {.name = "registry",
          .routes = register_routes,
          .jobs = {},
          .demo =
              [](platform::DemoContext& d) {
                auto r = load_demo(d.tx, d.national ? DemoScale::national() : DemoScale::programme());
                d.sample_organisation = r.sample_organisation;
                d.sample_authority = r.sample_authority;
                d.sample_district = r.sample_district;
                d.sample_council = r.sample_council;
                d.second_district = r.second_district;
                d.second_council = r.second_council;
                return boost::json::object{{"organisations", r.organisations}, {"authorities", r.authorities}, {"partnerships", r.partnerships}};
              },
          .demo_before_accounts = true,
          .home = home_kinds()};
}
}  // namespace sp::registry
