#include "store/data_version.hpp"

namespace sp::store {
void bump_data_version(Tx& tx) { tx.exec("UPDATE data_versions SET version = version + 1 WHERE scope = 'all'", {}); }

std::int64_t data_version(Tx& tx) {
  return tx.scalar("SELECT version FROM data_versions WHERE scope = 'all'").value_or(0);
}
}  // namespace sp::store
