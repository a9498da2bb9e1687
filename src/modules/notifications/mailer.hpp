#pragma once
// Sends the notifications not yet e-mailed (created in the last day, to active users) through the
// configured SMTP server. Each one is claimed before it is sent (emailed_at), so several servers
// never send it twice; a failed send releases it for the next run.
#include "platform/context.hpp"

namespace sp::notifications {
// Returns how many were sent; 0 and does nothing when no SMTP server is configured.
int send_pending_emails(App& app);
}  // namespace sp::notifications
