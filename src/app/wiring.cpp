// The one list of the product's capabilities, and what is made of it: every route, the scheduled work
// and the demo data. Adding a capability adds one line to modules().
#include "app/app.hpp"
#include "app/system_routes.hpp"
#include "audit/routes.hpp"
#include "auth/routes.hpp"
#include "modules/grants/module.hpp"
#include "modules/notifications/module.hpp"
#include "modules/contracting/module.hpp"
#include "modules/costing/module.hpp"
#include "modules/onboarding/module.hpp"
#include "modules/registry/module.hpp"
#include "modules/results/module.hpp"
#include "modules/webhooks/module.hpp"
#include "modules/services/module.hpp"
#include "http/request.hpp"
#include "http/respond.hpp"
#include "platform/document_routes.hpp"
#include "platform/visits.hpp"
#include "platform/home.hpp"

namespace sp {
const std::vector<platform::Module>& modules() {
  static const std::vector<platform::Module> m = {registry::module(), grants::module(), notifications::module(), services::module(),
                                                    onboarding::module(), costing::module(), contracting::module(),
                                                    results::module(), webhooks::module()};
  return m;
}

void register_all_routes(App& app, http::Router& router) {
  // The platform's own: health and the description, sign-in and accounts, the audit trail, documents.
  register_system_routes(app, router);
  auth::register_routes(app, router);
  audit::register_routes(app, router);
  platform::register_document_routes(app, router);
  platform::register_visit_routes(app, router);
  for (const auto& m : modules())
    if (m.routes) m.routes(app, router);
  // Each user's home: what waits for them, from every capability's kinds of work, in the list's order.
  router.add("GET", "/api/v1/home", http::kAuthenticated, [&app](http::Request& req) {
    std::vector<const platform::Waiting*> kinds;
    for (const auto& m : modules())
      for (const auto& w : m.home) kinds.push_back(&w);
    return http::Response::json(platform::home(app, req.me(), kinds));
  });
}
}  // namespace sp
