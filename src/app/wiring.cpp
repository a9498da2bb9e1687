// The one list of the product's capabilities, and what is made of it: every route, the scheduled work
// and the demo data. Adding a capability adds one line to modules().
#include "app/app.hpp"
#include "app/system_routes.hpp"
#include "audit/routes.hpp"
#include "auth/routes.hpp"
#include "modules/grants/module.hpp"
#include "modules/notifications/module.hpp"
#include "modules/registry/module.hpp"
#include "modules/services/module.hpp"
#include "platform/document_routes.hpp"

namespace sp {
const std::vector<platform::Module>& modules() {
  static const std::vector<platform::Module> m = {registry::module(), grants::module(), notifications::module(), services::module()};
  return m;
}

void register_all_routes(App& app, http::Router& router) {
  // The platform's own: health and the description, sign-in and accounts, the audit trail, documents.
  register_system_routes(app, router);
  auth::register_routes(app, router);
  audit::register_routes(app, router);
  platform::register_document_routes(app, router);
  for (const auto& m : modules())
    if (m.routes) m.routes(app, router);
}
}  // namespace sp
