#pragma once
// What people do with accounts and sessions: sign in and out, change their password, and the
// administrator's accounts (list, create, change, reset a password). Each operation takes the parsed
// request and answers what the route serialises; transactions, rules and the audit live here, and a
// change of an account goes through the platform's write path (If-Match, every field error, audit).
#include <cstdint>
#include <string>

#include "auth/principal.hpp"
#include "auth/throttle.hpp"
#include "auth/users.hpp"
#include "common/json.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::auth {
SessionTimes session_times(const App& app);

// Who signed in, with the session's token for the cookie. Refusals: 429 from one address past the
// throttle, 423 while this e-mail is locked from this address, 401 for a wrong e-mail or password
// (the same answer whether an account has the e-mail or not).
struct SignedIn {
  Principal me;
  std::string token;
};
SignedIn sign_in(App& app, Throttle& throttle, const json::object& body, const audit::Actor& from, const std::string& user_agent);
void sign_out(App& app, const platform::Caller& c);
// The current password is required; other devices' sessions end.
void password_change(App& app, const platform::Caller& c, const json::object& body);

platform::Written users_list(App& app);
platform::Written user_create(App& app, const platform::Caller& c, const json::object& body);
// A new account inside another change's transaction (an approved account request), audited as the
// account's creation by whoever acts. REQUIRES: password_hash already computed (slow).
std::int64_t create_account(store::Tx& tx, const audit::Actor& by, const NewUser& u, const std::string& password_hash);
platform::Written user_update(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
void password_reset(App& app, const platform::Caller& c, std::int64_t id, const json::object& body);

// "Forgot password": the same answer whether an account has the e-mail or not; an active account
// gets a link by e-mail (valid 30 minutes) where SMTP is configured (the jobs thread is woken to send
// it). Throttled per address like sign-in (429).
void password_forgotten(App& app, Throttle& throttle, const json::object& body, const audit::Actor& from);
// A new password with the token of a password e-mail: once, before it expires; every session of the
// account ends, and every other link of it stops working. 422 naming "token" when it is not valid.
void password_from_mail(App& app, Throttle& throttle, const json::object& body, const audit::Actor& from);
// How long the links last.
inline constexpr int kResetLinkHours = 1;    // a forgotten password: within the hour
inline constexpr int kWelcomeLinkHours = 168;  // a new account: a week
}  // namespace sp::auth
