// Notifications as the product lists it: their routes, and e-mailing them as scheduled work.
#include "modules/notifications/module.hpp"

#include <spdlog/spdlog.h>

#include "modules/notifications/mailer.hpp"
#include "modules/notifications/routes.hpp"

namespace sp::notifications {
platform::Module module() {
  return {.name = "notifications",
          .routes = register_routes,
          .jobs =
              [](App& app) {
                if (int mailed = send_pending_emails(app)) spdlog::info("jobs: {} notification(s) e-mailed", mailed);
                return 0;  // e-mails sent, no reminder written
              },
          .demo = {},
          .demo_before_accounts = false};
}
}  // namespace sp::notifications
