#pragma once
// The data's version (migration 0012): one number every change bumps inside its own transaction, so
// that an answer computed from the data can be kept until the next change.
#include <cstdint>
#include <optional>
#include <string_view>

#include "store/database.hpp"

namespace sp::store {
// REQUIRES: a write transaction (the change's own). Answers the new version.
std::int64_t bump_data_version(Tx& tx);
std::int64_t data_version(Tx& tx);

// A record's own version, for changes to a part of it (its staff, its consents, a tranche):
// bumps `table`'s row `id`, against `version` when given; false when that is no longer current.
// REQUIRES: `table` is a literal table name with `version` and `updated_at` columns.
bool bump_version(Tx& tx, std::string_view table, std::int64_t id, std::optional<std::int64_t> version = std::nullopt);
// Holds `table`'s row `id` until the transaction ends (PostgreSQL: a row lock; SQLite serialises every
// write anyway), so that a check that reads and then writes holds under concurrent requests.
// REQUIRES: `table` is a literal table name with a `version` column.
void lock_row(Tx& tx, std::string_view table, std::int64_t id);
// Holds the data's version row until the transaction ends: work that reads and then writes what it
// found missing (reminders) runs one transaction at a time across every server of one database — on
// PostgreSQL the second waits, then its reads see what the first committed.
void serialise_writers(Tx& tx);
}  // namespace sp::store
