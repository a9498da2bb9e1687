#pragma once
// Versioned schema migrations: src/store/migrations/NNNN_name.sql, compiled into the binary and
// applied in order, each in its own transaction, recorded in schema_migrations.
// Dialect placeholders: {{ID}} (integer identity primary key), {{BLOB}}.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::store {
struct MigrationStatus {
  int version;
  std::string name;
  bool applied;
};
// Applies the pending migrations; returns how many were applied.
int migrate(Database& db);
std::vector<MigrationStatus> migration_status(Database& db);
// Replaces the dialect placeholders in a migration's SQL.
std::string render_migration(std::string_view sql, Dialect d);
}  // namespace sp::store
