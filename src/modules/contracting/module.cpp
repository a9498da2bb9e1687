// Social contracting as the product lists it: its routes, its demo and its kinds of work on a home.
#include "modules/contracting/module.hpp"

#include "modules/contracting/demo.hpp"
#include "modules/contracting/home.hpp"
#include "modules/contracting/routes.hpp"
#include "modules/contracting/tallies.hpp"

namespace sp::contracting {
platform::Module module() {
  // Contracting's part of the platform's tallies: public money paid, services contracted.
  static const bool counts = (platform::tallies::register_span_counter(count_contract_span),
                              platform::tallies::register_rebuild(rebuild_contract_tallies, check_contract_tallies), true);
  (void)counts;
  return {.name = "contracting", .routes = register_routes, .jobs = {}, .demo = load_demo, .demo_before_accounts = false, .home = home_kinds()};
}
}  // namespace sp::contracting
