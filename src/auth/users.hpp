#pragma once
// Accounts and sessions: the SQL and the rules around them.
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "common/json.hpp"
#include "common/vault.hpp"
#include "store/database.hpp"

namespace sp::auth {

struct User {
  std::int64_t id = 0;
  std::string email, name, role, language, status;
  std::optional<std::int64_t> organisation_id, authority_id;
  std::optional<std::string> district;
  std::int64_t failed_logins = 0, locked_until = 0, version = 0;
  std::string created_at, updated_at;
  std::string password_hash;  // never serialised
  std::string kind = "person";  // person | service (a service account: API tokens only, no password)
};
boost::json::object to_json(const User& u);
// An e-mail as stored and compared: lower-case ASCII.
std::string normalise_email(std::string_view email);

struct NewUser {
  std::string email, name, role, language = "ro";
  std::optional<std::int64_t> organisation_id, authority_id;
  std::optional<std::string> district;
  std::string password;  // none for a service account
  std::string kind = "person";
};

// Pure rules. Each collects every problem into v.
void check_password_policy(Validator& v, std::string_view field, const std::optional<std::string>& password);
NewUser parse_new_user(const json::object& body);  // throws Invalid

// Who signs in, as a session or a token reads it: these columns of `users u` first in the SELECT, then
// read_principal fills the principal from them.
inline constexpr const char* kPrincipalCols = "u.id, u.email, u.name, u.role, u.language, u.organisation_id, u.authority_id, u.district";
void read_principal(store::Cursor& c, Principal& p);

std::optional<User> find_user(store::Tx& tx, std::int64_t id);
std::optional<User> find_user_by_email(store::Tx& tx, std::string_view email);
std::vector<User> list_users(store::Tx& tx);
// REQUIRES: password_hash already computed (slow). Throws Conflict when the e-mail is taken.
std::int64_t insert_user(store::Tx& tx, const NewUser& u, const std::string& password_hash);
// What an administrator changes of an account: each field when given (the optional ones may be set to null).
struct AccountChange {
  std::optional<std::string> name, role, language, status;
  std::optional<std::optional<std::int64_t>> organisation_id, authority_id;
  std::optional<std::optional<std::string>> district;
  bool unlock = false;  // lift a sign-in lock
};
// Against the version read: false when it moved meanwhile.
bool update_account(store::Tx& tx, std::int64_t id, const AccountChange& c, std::int64_t version);
void set_password(store::Tx& tx, std::int64_t id, const std::string& password_hash);
// A successful sign-in: the failures forgotten, the password's hash renewed when given.
void set_signed_in(store::Tx& tx, std::int64_t id, const std::optional<std::string>& rehash);

// Failed sign-ins per account and address together (migration 0010). The e-mail is the one typed,
// lower-cased, whether an account has it or not.
// Until when this e-mail is locked from this address (0: not locked).
std::int64_t sign_in_locked_until(store::Tx& tx, const std::string& email, const std::string& address, std::int64_t now);
// Counts a failure; past max_failures the pair is locked for lock_seconds. Returns the lock's end, or 0.
std::int64_t record_sign_in_failure(store::Tx& tx, const std::string& email, const std::string& address, std::int64_t now,
                                    int max_failures, int lock_seconds);
// Forgets the failures of an e-mail: from one address (a successful sign-in), or from all (an
// administrator lifting the lock, a password reset).
void clear_sign_in_failures(store::Tx& tx, const std::string& email, const std::optional<std::string>& address = std::nullopt);

struct SessionTimes {
  int idle_seconds;
  int absolute_seconds;
};
struct NewSession {
  std::string token;  // goes to the cookie; only its hash is stored
  std::string csrf;
};
NewSession create_session(store::Tx& tx, std::int64_t user_id, const SessionTimes& t, std::string_view ip,
                          std::string_view user_agent);
// The principal for a session token, or nullopt when unknown, expired, idle too long or disabled.
// Touches last_seen_at at most once a minute (or half the idle time when shorter) (needs a write), so most requests only read.
std::optional<Principal> resolve_session(store::Database& db, std::string_view token, const SessionTimes& t);
void delete_session(store::Tx& tx, std::string_view token_hash);
void delete_user_sessions(store::Tx& tx, std::int64_t user_id, std::string_view except_hash = {});

// ---- password e-mails: a forgotten password, or the welcome of an approved account request. A
// single-use token: its hash is kept to check it, the token itself sealed with the vault until the
// e-mail is sent (then erased), so a copy of the database resets nobody's password.
void issue_password_mail(store::Tx& tx, const Vault& vault, std::int64_t user_id, std::string_view purpose, int hours);
struct PasswordMail {
  std::int64_t id = 0;
  std::string email, name, language, purpose, token, expires_at;
};
// Those not yet sent and not expired, each token opened (at most 100).
std::vector<PasswordMail> unsent_password_mails(store::Tx& tx, const Vault& vault);
// Claims the mail as sent and erases its sealed token: false when another server claimed it first.
bool claim_password_mail(store::Tx& tx, std::int64_t id);
// The unused, unexpired mail of this token (its id and user).
struct PasswordMailUse {
  std::int64_t id = 0, user_id = 0;
  std::string purpose;
};
std::optional<PasswordMailUse> valid_password_mail(store::Tx& tx, std::string_view token);
// Used: no other link of the user's works any more.
void use_password_mails(store::Tx& tx, std::int64_t user_id);
}  // namespace sp::auth
