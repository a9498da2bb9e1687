#pragma once
// The registry's SQL.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "modules/registry/model.hpp"
#include "modules/registry/registry.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

namespace sp::registry {

using CursorPos = std::optional<std::pair<std::string, std::int64_t>>;

// Units
void load_units_from_csv(store::Tx& tx, std::string_view csv);  // the 37 level-2 units
void insert_unit(store::Tx& tx, const Unit& u);

// Organisations
struct OrgFilter {
  std::string q, district, target_group, status, legal_form;
  std::string sort = "name";  // name | -name | registered_on | -registered_on | updated_at | -updated_at
  std::int64_t limit = 50;
  CursorPos cursor;
};
// {"total":N,"items":[...],"next_cursor":...}, serialised
std::string list_organisations(store::Tx& tx, const OrgFilter& f);
// Every row of a filter (for export), in the filter's order, at most max_rows.
std::vector<Organisation> all_organisations(store::Tx& tx, OrgFilter f, std::size_t max_rows);
bool idno_taken(store::Tx& tx, std::string_view idno, std::int64_t except_id);
std::int64_t insert_organisation(store::Tx& tx, const Organisation& o);
// False when the version no longer matches (someone else changed it first).
bool update_organisation(store::Tx& tx, const Organisation& o, std::int64_t expected_version);

// Authorities
struct AuthorityFilter {
  std::string q, district, level, kind, status;
  std::int64_t limit = 50;
  CursorPos cursor;
};
std::string list_authorities(store::Tx& tx, const AuthorityFilter& f);
std::vector<Authority> all_authorities(store::Tx& tx, AuthorityFilter f, std::size_t max_rows);
std::int64_t insert_authority(store::Tx& tx, const Authority& a);
bool update_authority(store::Tx& tx, const Authority& a, std::int64_t expected_version);

// Partnerships
struct PartnershipFilter {
  std::string q, district, status;
  std::int64_t organisation_id = 0, authority_id = 0;
  std::int64_t limit = 50;
  CursorPos cursor;
};
std::string list_partnerships(store::Tx& tx, const PartnershipFilter& f);
// Every partnership of a filter with its parties (for export), by title, at most max_rows.
std::vector<Partnership> all_partnerships(store::Tx& tx, const PartnershipFilter& f, std::size_t max_rows);
std::optional<Partnership> find_partnership(store::Tx& tx, std::int64_t id);
std::int64_t insert_partnership(store::Tx& tx, const Partnership& p);
// Replaces the parties too, in the caller's transaction.
bool update_partnership(store::Tx& tx, const Partnership& p, std::int64_t expected_version);
// Parties referring to organisations/authorities that do not exist: "parties[i].organisation_id" etc.
std::vector<std::string> missing_parties(store::Tx& tx, const std::vector<Party>& parties);

// Counts per level-2 unit, for the map: organisations, authorities, partnerships.
boost::json::array district_counts(store::Tx& tx);
}  // namespace sp::registry
