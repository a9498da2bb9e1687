#include "modules/webhooks/repo.hpp"

#include "common/time.hpp"
#include "store/query.hpp"

namespace sp::webhooks {
namespace {
constexpr const char* kHookCols =
    "h.id, h.user_id, h.created_by, h.version, h.failures, h.name, h.url, h.events, h.secret, h.status, h.created_at, h.updated_at, "
    "h.disabled_at, u.email, u.name FROM webhooks h JOIN users u ON u.id = h.user_id";
Hook read_hook(store::Cursor& c) {
  return {c.i64(0), c.i64(1), c.i64(2), c.i64(3), c.i64(4), c.str(5), c.str(6), c.str(7), c.str(8), c.str(9), c.str(10), c.str(11),
          c.opt_str(12), c.str(13), c.str(14)};
}
std::vector<Hook> hooks(store::Tx& tx, const std::string& where, const store::Params& p) {
  std::vector<Hook> out;
  auto c = tx.query(std::string("SELECT ") + kHookCols + where + " ORDER BY h.id DESC", p);
  while (c->next()) out.push_back(read_hook(*c));
  return out;
}
constexpr const char* kDeliveryCols =
    "d.id, d.webhook_id, d.event_id, d.attempts, d.version, d.status, d.created_at, d.updated_at, d.next_try_at, d.last_try_at, "
    "d.last_error, d.response_code, d.duration_ms, e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id";
Delivery read_delivery(store::Cursor& c) {
  return {c.i64(0), c.i64(1), c.i64(2), c.i64(3), c.i64(4), c.str(5), c.str(6), c.str(7), c.opt_str(8), c.opt_str(9), c.opt_str(10),
          c.opt_i64(11), c.opt_i64(12), c.str(13)};
}
}  // namespace

std::optional<Hook> find_hook(store::Tx& tx, std::int64_t id) {
  auto found = hooks(tx, " WHERE h.id = $1", {id});
  if (found.empty()) return std::nullopt;
  return found.front();
}
std::vector<Hook> hooks_of(store::Tx& tx, std::optional<std::int64_t> owner) {
  return owner ? hooks(tx, " WHERE h.user_id = $1", {*owner}) : hooks(tx, "", {});
}
std::vector<Hook> hooks_for(store::Tx& tx, const std::string& type) {
  return hooks(tx, " WHERE h.status = 'active' AND h.events LIKE $1", {"%," + type + ",%"});
}

std::int64_t insert_hook(store::Tx& tx, const Hook& h) {
  auto now = now_iso();
  return *tx.scalar(
      "INSERT INTO webhooks (user_id, name, url, events, secret, status, created_by, created_at, updated_at) "
      "VALUES ($1,$2,$3,$4,$5,'active',$6,$7,$7) RETURNING id",
      {h.user_id, h.name, h.url, h.events, h.secret, h.created_by, now});
}

bool update_hook(store::Tx& tx, const Hook& h, std::int64_t version) {
  return tx.exec("UPDATE webhooks SET name = $1, url = $2, events = $3, secret = $4, status = $5, failures = $6, disabled_at = $7, "
                 "updated_at = $8, version = version + 1 WHERE id = $9 AND version = $10",
                 {h.name, h.url, h.events, h.secret, h.status, h.failures, store::opt(h.disabled_at), now_iso(), h.id, version}) == 1;
}

std::optional<Delivery> find_delivery(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kDeliveryCols + " WHERE d.id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_delivery(*c);
}

std::vector<Delivery> deliveries_of(store::Tx& tx, std::int64_t webhook_id, const std::string& status, int limit, std::int64_t before) {
  std::string sql = std::string("SELECT ") + kDeliveryCols + " WHERE d.webhook_id = $1";
  store::Params p{webhook_id};
  if (!status.empty()) {
    p.push_back(status);
    sql += " AND d.status = $" + std::to_string(p.size());
  }
  if (before > 0) {
    p.push_back(before);
    sql += " AND d.id < $" + std::to_string(p.size());
  }
  p.push_back(std::int64_t{limit});
  sql += " ORDER BY d.id DESC LIMIT $" + std::to_string(p.size());
  std::vector<Delivery> out;
  auto c = tx.query(sql, p);
  while (c->next()) out.push_back(read_delivery(*c));
  return out;
}

std::int64_t insert_delivery(store::Tx& tx, std::int64_t webhook_id, std::int64_t event_id) {
  auto now = now_iso();
  return *tx.scalar("INSERT INTO webhook_deliveries (webhook_id, event_id, status, next_try_at, created_at, updated_at) "
                    "VALUES ($1,$2,'pending',$3,$3,$3) RETURNING id",
                    {webhook_id, event_id, now});
}

Counts counts_of(store::Tx& tx, std::int64_t webhook_id) {
  Counts n;
  auto c = tx.query("SELECT status, COUNT(*) FROM webhook_deliveries WHERE webhook_id = $1 GROUP BY status", {webhook_id});
  while (c->next()) {
    auto s = c->str(0);
    if (s == "delivered") n.delivered = c->i64(1);
    else if (s == "failed") n.failed = c->i64(1);
    else n.pending += c->i64(1);
  }
  return n;
}

std::vector<Delivery> due_deliveries(store::Tx& tx, const std::string& now, int limit) {
  std::vector<Delivery> out;
  auto c = tx.query(std::string("SELECT ") + kDeliveryCols +
                        " JOIN webhooks h ON h.id = d.webhook_id WHERE d.status = 'pending' AND d.next_try_at <= $1 AND h.status = 'active' "
                        "ORDER BY d.next_try_at, d.id LIMIT $2",
                    {now, std::int64_t{limit}});
  while (c->next()) out.push_back(read_delivery(*c));
  return out;
}

bool claim_delivery(store::Tx& tx, std::int64_t id, const std::string& now) {
  return tx.exec("UPDATE webhook_deliveries SET status = 'sending', last_try_at = $1, updated_at = $1, version = version + 1 "
                 "WHERE id = $2 AND status = 'pending'",
                 {now, id}) == 1;
}

void release_stale(store::Tx& tx, const std::string& before) {
  tx.exec("UPDATE webhook_deliveries SET status = 'pending', version = version + 1 WHERE status = 'sending' AND last_try_at < $1", {before});
}

void record_attempt(store::Tx& tx, const Delivery& d) {
  tx.exec("UPDATE webhook_deliveries SET status = $1, attempts = $2, next_try_at = $3, response_code = $4, last_error = $5, duration_ms = $6, "
          "updated_at = $7, version = version + 1 WHERE id = $8",
          {d.status, d.attempts, store::opt(d.next_try_at), store::opt(d.response_code), store::opt(d.last_error), store::opt(d.duration_ms),
           now_iso(), d.id});
}
}  // namespace sp::webhooks
