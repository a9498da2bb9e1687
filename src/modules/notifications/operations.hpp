#pragma once
// A user's own notifications (platform/notifications.hpp holds them): read, mark read.
#include <boost/json.hpp>

#include "platform/context.hpp"

namespace sp::notifications {
boost::json::object list(App& app, std::int64_t user_id, bool unread_only, std::int64_t limit);
// NotFound when the user has no such notification.
void mark_read(App& app, std::int64_t user_id, std::int64_t id);
void mark_all_read(App& app, std::int64_t user_id);
}  // namespace sp::notifications
