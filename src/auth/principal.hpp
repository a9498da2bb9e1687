#pragma once
// Who is making a request: the signed-in user, their role and their scope.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::auth {

// Scope limits which records a role may see or change. Checked inside each module.
enum class Scope { All, OwnOrganisation, OwnAuthority, OwnDistrict, Assigned };

struct Principal {
  std::int64_t user_id = 0;
  std::string email;
  std::string name;
  std::string role;
  std::string language = "ro";
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> authority_id;
  std::optional<std::string> district;  // ISO 3166-2:MD code
  std::string session_hash;             // hash of the session token
  std::string csrf;                     // the session's CSRF token
  std::int64_t session_expires_at = 0;
  // Signed in with an API token (decision 0030): which, its name for the audit trail, and the
  // permissions it carries (each also the role's); no session, no CSRF.
  std::optional<std::int64_t> token_id;
  std::string token_name;
  std::vector<std::string> token_permissions;

  bool can(std::string_view permission) const;
  Scope scope() const;
};
}  // namespace sp::auth
