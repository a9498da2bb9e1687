#pragma once
// API tokens (issue 16, decision 0030): personal access tokens, and the tokens of service accounts
// (accounts that sign in with tokens only). A token carries a name, the permissions it may use (each
// among its account's role's), an expiry date; its last use is kept, it can be revoked. Only its hash
// is stored: the token is shown once, when made. `Authorization: Bearer <token>` on the API signs a
// request in as its account, limited to the token's permissions, without cookie or CSRF token.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/json.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::auth {
// The tokens `c` may see: their own; the administrator's, any account's (`user_id`, or all).
platform::Written tokens_list(App& app, const platform::Caller& c, std::optional<std::int64_t> user_id);
// A new token: {name, permissions[], expires_on, user_id?}. 201 with the token itself, this once.
platform::Written token_create(App& app, const platform::Caller& c, const json::object& body);
// Revoked from now on (If-Match: its version).
platform::Written token_revoke(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version);

// The principal a bearer token signs in (its account active, the token neither expired nor revoked),
// its last use noted (at most once a minute); nothing otherwise.
std::optional<Principal> resolve_token(store::Database& db, std::string_view token, const std::string& ip);

// For the command line (`socialpact token …`): made by `by` (an audit actor), for the account with
// this e-mail; the token, once.
struct MadeToken {
  std::int64_t id = 0;
  std::string token;
};
MadeToken token_create_for(App& app, const audit::Actor& by, const std::string& email, const std::string& name,
                           std::vector<std::string> permissions, const std::string& expires_on);
// Every token (of one account when `email` is given), as JSON objects (no token itself).
json::array tokens_of(App& app, const std::string& email);
// Revoked by `by`; false when there is no such token or it was revoked already.
bool token_revoke_by(App& app, const audit::Actor& by, std::int64_t id);
}  // namespace sp::auth
