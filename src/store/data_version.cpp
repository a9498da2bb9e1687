#include "store/data_version.hpp"

#include <string>

#include "common/time.hpp"

namespace sp::store {
std::int64_t bump_data_version(Tx& tx) {
  // The row's lock (PostgreSQL) is held until the change commits: versions are handed out in commit order.
  tx.exec("UPDATE data_versions SET version = version + 1 WHERE scope = 'all'", {});
  return data_version(tx);
}

bool bump_version(Tx& tx, std::string_view table, std::int64_t id, std::optional<std::int64_t> version) {
  std::string sql = "UPDATE " + std::string(table) + " SET version = version + 1, updated_at = $1 WHERE id = $2";
  if (!version) return tx.exec(sql, {now_iso(), id}) == 1;
  return tx.exec(sql + " AND version = $3", {now_iso(), id, *version}) == 1;
}

void lock_row(Tx& tx, std::string_view table, std::int64_t id) {
  tx.exec("UPDATE " + std::string(table) + " SET version = version WHERE id = $1", {id});
}

void serialise_writers(Tx& tx) { tx.exec("UPDATE data_versions SET version = version WHERE scope = 'all'"); }

std::int64_t data_version(Tx& tx) {
  return tx.scalar("SELECT version FROM data_versions WHERE scope = 'all'").value_or(0);
}
}  // namespace sp::store
