#pragma once
// The user directory, owned once beneath the capabilities: who is active, in which role, working
// for whom. Capabilities ask here instead of reading the users table.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/policy.hpp"
#include "store/database.hpp"

namespace sp::platform {
// An active account as the policy sees it: its role and whom it works for.
struct Member {
  std::string role;
  policy::Party works_for;
};
std::optional<Member> active_member(store::Tx& tx, std::int64_t user_id);

// Active users with a role, optionally only those of one organisation or authority, by id.
std::vector<std::int64_t> users_with_role(store::Tx& tx, const std::string& role, std::optional<std::int64_t> organisation_id = {},
                                          std::optional<std::int64_t> authority_id = {});

// The people who work with people for a party (its active case workers and CSO staff), by name:
// those who may be put on its services' staff.
struct Colleague {
  std::int64_t id = 0;
  std::string name, email, role;
};
std::vector<Colleague> colleagues_of(store::Tx& tx, const policy::Party& party);

// Accounts' names by id (any status: the name of who did something stays), for the record's history.
std::map<std::int64_t, std::string> user_names(store::Tx& tx, const std::vector<std::int64_t>& ids);

// An authority's own active staff, by name: those who may sit on its committees.
std::vector<Colleague> authority_staff(store::Tx& tx, std::int64_t authority_id);
}  // namespace sp::platform
