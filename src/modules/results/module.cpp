// Results as the product lists it: its routes and its demo; each programme's period is a span of the
// platform's tallies.
#include "modules/results/module.hpp"

#include "modules/results/demo.hpp"
#include "modules/results/home.hpp"
#include "modules/results/operations.hpp"
#include "modules/results/repo.hpp"
#include "modules/results/routes.hpp"
#include "platform/tallies.hpp"

namespace sp::results {
platform::Module module() {
  static const bool spans = (platform::tallies::register_spans([](store::Tx& tx) {
                               std::vector<platform::tallies::Span> out;
                               for (const auto& p : list_programmes(tx)) out.push_back(tally_span(p));
                               return out;
                             }),
                             true);
  (void)spans;
  return {.name = "results", .routes = register_routes, .jobs = {}, .demo = load_demo, .demo_before_accounts = false, .home = home_kinds()};
}
}  // namespace sp::results
