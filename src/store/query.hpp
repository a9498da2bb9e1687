#pragma once
// Builds a SELECT's WHERE clause from the filters actually given, so each combination is its own
// (cached, index-friendly) statement instead of one statement full of "$1 = '' OR ..." guards.
// Also keyset pagination: a stable order on (sort key, id) and an opaque cursor after the last row.
#include <boost/json/array.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace sp::store {

// A list of codes in one column: stored ",a,b," so that LIKE '%,a,%' finds one; "" when empty.
std::string join_codes(const std::vector<std::string>& codes);
std::vector<std::string> split_codes(std::string_view stored);

class Where {
 public:
  // cond uses "?" for each parameter, e.g. "district = ?" or "(a > ? OR (a = ? AND id > ?))".
  Where& add(std::string_view cond, Params values);
  std::string sql() const;  // "" or " WHERE ..."
  const Params& params() const { return params_; }
  // The next parameter's placeholder number ($n) after this clause's own.
  std::size_t next() const { return params_.size() + 1; }

 private:
  std::vector<std::string> parts_;
  Params params_;
};

struct Sort {
  std::string expr;  // SQL expression; must not be NULL (wrap in COALESCE)
  bool desc = false;
};

// Cursor: the sort value and id of the last row of the previous page, base64url-encoded.
std::string encode_cursor(std::string_view sort_value, std::int64_t id);
// nullopt for an empty string; throws Invalid (field "cursor") for garbage.
std::optional<std::pair<std::string, std::int64_t>> decode_cursor(const std::optional<std::string>& raw);

// Adds the keyset condition for rows after the cursor. The sort value is compared as text.
void after_cursor(Where& w, const Sort& s, const std::optional<std::pair<std::string, std::int64_t>>& c);
std::string order_by(const Sort& s);

// A read answered as JSON rows, each column named once with what it holds: a list that is only shown
// (a queue, a summary), not a record read whole (those are store::Entity).
struct JsonColumn {
  enum class As { Int, Text, Bool, OptInt, OptText } as;
  std::string_view name;
};
// A large load into a table (the demo's deliveries): on PostgreSQL its foreign keys are dropped for
// the load and added again by `finish`, which checks every row in one pass instead of one trigger per
// row and key (four times faster for 200,000 deliveries). DDL is transactional there: a load that fails
// rolls back with its transaction, keys included. On SQLite, nothing to do.
class LoadWithKeysCheckedOnce {
 public:
  LoadWithKeysCheckedOnce(Tx& tx, std::string table);
  // Adds the keys back, checking every row loaded.
  void finish();

 private:
  Tx& tx_;
  std::string table_;
  std::vector<std::pair<std::string, std::string>> keys_;  // name, definition
};

boost::json::array json_rows(Tx& tx, std::string_view sql, const Params& params, std::initializer_list<JsonColumn> columns);

// Inserts many rows with a few multi-row INSERT statements (`rows_per_statement` rows each, kept
// under SQLite's 999 parameters and 500 compound rows): what a whole month of deliveries or a demo
// data set needs instead of one statement per row.
class BulkInsert {
 public:
  BulkInsert(Tx& tx, std::string table, std::vector<std::string> columns, std::size_t rows_per_statement = 100);
  ~BulkInsert() noexcept(false);  // flushes what is left, unless unwinding
  void add(Params row);           // one value per column
  void flush();
  std::size_t rows() const { return total_; }

 private:
  Tx& tx_;
  std::string target_, head_;
  std::size_t columns_, per_statement_, pending_ = 0, total_ = 0;
  Params params_;
};
}  // namespace sp::store
