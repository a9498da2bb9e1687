#pragma once
// In-app notifications, owned once beneath the capabilities: any capability tells users of
// something (`notify`, inside the transaction of the change it is about); each user reads their own
// list; the e-mail sender (modules/notifications) sends the same rows.
#include <boost/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::platform {
void notify(store::Tx& tx, const std::vector<std::int64_t>& users, const std::string& kind, const std::string& entity,
            std::int64_t entity_id, const boost::json::object& params);

// An e-mail to someone who has no account (the answer to a declined account request): its text is
// notif.<kind> in `language`, sent by the notifications' sender where SMTP is configured. Inside the
// transaction of the change it is about; nothing is sent for a change rolled back.
void mail_address(store::Tx& tx, const std::string& email, const std::string& language, const std::string& kind,
                  const boost::json::object& params);

// A user's notifications, newest first, and how many are unread.
boost::json::object notifications_of(store::Tx& tx, std::int64_t user_id, bool unread_only, std::int64_t limit);
// False when the user has no such notification (someone else's does not exist for them).
bool mark_read(store::Tx& tx, std::int64_t user_id, std::int64_t id);
void mark_all_read(store::Tx& tx, std::int64_t user_id);
// The work a notification asked for is done (a follow-up logged, a report approved): every user's
// notification of these kinds about that record reads as read, in the transaction of the change.
void clear(store::Tx& tx, const std::string& entity, std::int64_t entity_id, std::initializer_list<std::string_view> kinds);
}  // namespace sp::platform
