#include "app/app.hpp"
#include "app/system_routes.hpp"
#include "audit/routes.hpp"
#include "auth/routes.hpp"
#include "modules/grants/routes.hpp"
#include "modules/notifications/routes.hpp"
#include "modules/registry/routes.hpp"
#include "modules/services/routes.hpp"
#include "platform/document_routes.hpp"

namespace sp {
void register_all_routes(App& app, http::Router& router) {
  register_system_routes(app, router);
  auth::register_routes(app, router);
  audit::register_routes(app, router);
  platform::register_document_routes(app, router);
  registry::register_routes(app, router);
  grants::register_routes(app, router);
  notifications::register_routes(app, router);
  services::register_routes(app, router);
  services::register_care_routes(app, router);
}
}  // namespace sp
