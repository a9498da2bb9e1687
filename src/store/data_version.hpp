#pragma once
// The data's version (migration 0012): one number every change bumps inside its own transaction, so
// that an answer computed from the data can be kept until the next change.
#include <cstdint>

#include "store/database.hpp"

namespace sp::store {
// REQUIRES: a write transaction (the change's own).
void bump_data_version(Tx& tx);
std::int64_t data_version(Tx& tx);
}  // namespace sp::store
