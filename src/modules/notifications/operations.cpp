#include "modules/notifications/operations.hpp"

#include "common/errors.hpp"
#include "platform/notifications.hpp"

namespace sp::notifications {

boost::json::object list(App& app, std::int64_t user_id, bool unread_only, std::int64_t limit) {
  auto tx = app.db->read();
  return platform::notifications_of(tx, user_id, unread_only, limit);
}

void mark_read(App& app, std::int64_t user_id, std::int64_t id) {
  auto tx = app.db->write();
  // Someone else's notification does not exist for this user.
  if (!platform::mark_read(tx, user_id, id)) throw NotFound(say("not_found", "No such notification"));
  tx.commit();
}

void mark_all_read(App& app, std::int64_t user_id) {
  auto tx = app.db->write();
  platform::mark_all_read(tx, user_id);
  tx.commit();
}
}  // namespace sp::notifications
