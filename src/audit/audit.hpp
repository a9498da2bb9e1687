#pragma once
// The audit trail: every change records who, when, what, before and after, in the same transaction
// as the change itself (so a change without its audit row cannot exist).
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::audit {

struct Actor {
  std::optional<std::int64_t> user_id;
  std::string email;  // or "system" / "cli"
  std::string request_id;
  std::string ip;
  std::string token;  // the API token's name when the request came with one
};
Actor system_actor(std::string name);

void record(store::Tx& tx, const Actor& who, std::string_view action, std::string_view entity,
            std::optional<std::int64_t> entity_id, const boost::json::value& before, const boost::json::value& after,
            std::string_view summary = {});

// What a subject-access export shows of a record's trail: when, by whom, which action.
boost::json::array trail_of(store::Tx& tx, std::string_view entity, std::int64_t entity_id);
// Drops the before/after of a record's rows (a person anonymised): who, when and what stay.
void erase_bodies(store::Tx& tx, std::string_view entity, std::int64_t entity_id);

// The trail's rows, newest first, after the cursor id (0: from the newest); each filter is off
// when empty or 0. `to` is inclusive of its whole day.
struct Filter {
  std::int64_t before_id = 0, entity_id = 0, user_id = 0;
  std::string entity, action, from, to;
  std::int64_t limit = 50;
};
struct Row {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> user_id, entity_id;
  std::string user_email, action, entity, summary, request_id;
  std::optional<std::string> before_json, after_json, via_token;
};
// At most limit + 1 rows: one more tells that there is a next page.
std::vector<Row> rows(store::Tx& tx, const Filter& f);

// What changed between two versions of the data (store/data_version.hpp): the records of the given
// entities that changes after version `after` up to `upto` were audited under, each once. Versions are
// handed out in commit order on every engine, so a reader that sees `upto` sees every such change.
// Nothing when more than `at_most` records changed, or a change of those entities names no record:
// the caller then recomputes everything.
struct Changed {
  std::string entity;
  std::int64_t id = 0;
};
std::optional<std::vector<Changed>> changes(store::Tx& tx, std::int64_t after, std::int64_t upto,
                                            const std::vector<std::string>& entities, std::size_t at_most = 500);
}  // namespace sp::audit
