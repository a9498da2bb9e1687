// Webhooks as the product lists it (decision 0032): their routes, and routing and delivering events
// as frequent work.
#include "modules/webhooks/module.hpp"

#include <spdlog/spdlog.h>

#include "modules/webhooks/delivery.hpp"
#include "modules/webhooks/routes.hpp"

namespace sp::webhooks {
platform::Module module() {
  return {.name = "webhooks",
          .routes = register_routes,
          .jobs = {},
          .demo = {},
          .demo_before_accounts = false,
          .home = {},
          .frequent =
              [](App& app) {
                route_events(app);
                int sent = send_due(app);
                if (sent) spdlog::debug("webhooks: {} delivery attempt(s)", sent);
                return sent;
              }};
}
}  // namespace sp::webhooks
