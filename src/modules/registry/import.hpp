#pragma once
// CSV import of organisations: every row checked (a dry run reports each bad row with the reason),
// then an all-or-nothing commit.
#include <boost/json/object.hpp>

#include <string_view>
#include <vector>

#include "common/errors.hpp"
#include "modules/registry/model.hpp"
#include "store/database.hpp"

namespace sp::registry {
struct ImportRowError {
  std::size_t line;  // line in the file (the header is line 1)
  std::string field, code, message;
};
struct ImportPlan {
  std::size_t rows = 0;
  std::vector<Organisation> valid;
  std::vector<ImportRowError> errors;
};
// Parses and checks the whole file against the rules and the database (districts, localities,
// IDNOs already registered or repeated in the file). Throws Invalid when the file itself is unusable.
ImportPlan plan_import(store::Tx& tx, std::string_view csv, std::size_t max_rows);
boost::json::object to_json(const ImportPlan& p, bool include_preview);
}  // namespace sp::registry
