#pragma once
// In-app notifications: each user's own list (newest first), unread count, mark as read.
#include "platform/context.hpp"

namespace sp::notifications {
void register_routes(App& app, http::Router& r);
}  // namespace sp::notifications
