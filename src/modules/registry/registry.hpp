#pragma once
// What other capabilities read of the registry: places, organisations and public authorities.
// Everything else of the registry (its lists, writes and SQL) stays behind repo.hpp.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "modules/registry/model.hpp"
#include "store/database.hpp"

namespace sp::registry {
std::optional<Unit> find_unit(store::Tx& tx, std::string_view code);
// Units in force of a level (1 localities, 2 districts) and/or under a parent, by name.
std::vector<Unit> list_units(store::Tx& tx, std::optional<int> level, const std::optional<std::string>& parent);
// District and locality must exist, and the locality must lie in the district (errors named
// "district" and "locality"; an empty district is left to the caller's required check).
void check_place(store::Tx& tx, Validator& v, const std::string& district, const std::optional<std::string>& locality);
std::optional<Organisation> find_organisation(store::Tx& tx, std::int64_t id);
// The organisation registered with this IDNO, if any.
std::optional<Organisation> find_organisation_by_idno(store::Tx& tx, std::string_view idno);
std::optional<Authority> find_authority(store::Tx& tx, std::int64_t id);
// Names by id, for lists that show who provides or runs something (ids not found are absent).
std::map<std::int64_t, std::string> organisation_names(store::Tx& tx, const std::vector<std::int64_t>& ids);
std::map<std::int64_t, std::string> authority_names(store::Tx& tx, const std::vector<std::int64_t>& ids);
// Places' names by code (districts and localities), for what shows a place to a person.
std::map<std::string, std::string> unit_names(store::Tx& tx, const std::vector<std::string>& codes);
}  // namespace sp::registry
