#pragma once
// Roles, their permissions and scopes. A permission is a name checked by the router before a
// handler runs; the scope is checked inside each module against the record.
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"

namespace sp::auth {
// Every role, in the order the UI lists them.
const std::vector<std::string>& all_roles();
bool valid_role(std::string_view role);
bool role_can(std::string_view role, std::string_view permission);
Scope role_scope(std::string_view role);
// Every permission of a role (for the UI to show or hide actions).
std::vector<std::string> role_permissions(std::string_view role);
}  // namespace sp::auth
