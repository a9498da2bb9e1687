#include "platform/notifications.hpp"

#include "common/json.hpp"
#include "common/metrics.hpp"
#include "common/time.hpp"
#include "store/query.hpp"

namespace sp::platform {
namespace bj = boost::json;

void notify(store::Tx& tx, const std::vector<std::int64_t>& users, const std::string& kind, const std::string& entity,
            std::int64_t entity_id, const bj::object& params) {
  auto body = bj::serialize(params);
  auto now = now_iso();
  metrics::add("socialpact_notifications_total", {{"kind", kind}}, static_cast<double>(users.size()));
  for (auto u : users)
    tx.exec("INSERT INTO notifications (user_id, kind, entity, entity_id, params, created_at) VALUES ($1,$2,$3,$4,$5,$6)",
            {u, kind, entity, entity_id, body, now});
}

void mail_address(store::Tx& tx, const std::string& email, const std::string& language, const std::string& kind,
                  const bj::object& params) {
  tx.exec("INSERT INTO address_mails (email, language, kind, params, created_at) VALUES ($1,$2,$3,$4,$5)",
          {email, language, kind, bj::serialize(params), now_iso()});
}

bj::object notifications_of(store::Tx& tx, std::int64_t user_id, bool unread_only, std::int64_t limit) {
  bj::array items;
  auto c = tx.query(std::string("SELECT id, kind, entity, entity_id, params, created_at, read_at FROM notifications WHERE user_id = $1") +
                        (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT $2",
                    {user_id, limit});
  while (c->next())
    items.push_back({{"id", c->i64(0)}, {"kind", c->str(1)}, {"entity", c->str(2)}, {"entity_id", nullable(c->opt_i64(3))},
                     {"params", bj::parse(c->text(4))}, {"created_at", c->str(5)}, {"read_at", nullable(c->opt_str(6))}});
  c.reset();
  auto unread = tx.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", {user_id}).value_or(0);
  return {{"items", std::move(items)}, {"unread", unread}};
}

bool mark_read(store::Tx& tx, std::int64_t user_id, std::int64_t id) {
  return tx.exec("UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3", {now_iso(), id, user_id}) > 0;
}

void mark_all_read(store::Tx& tx, std::int64_t user_id) {
  tx.exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", {now_iso(), user_id});
}

void clear(store::Tx& tx, const std::string& entity, std::int64_t entity_id, std::initializer_list<std::string_view> kinds) {
  for (auto kind : kinds)
    tx.exec("UPDATE notifications SET read_at = $1 WHERE entity = $2 AND entity_id = $3 AND kind = $4 AND read_at IS NULL",
            {now_iso(), entity, entity_id, std::string(kind)});
}
}  // namespace sp::platform
