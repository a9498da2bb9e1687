// Accounts and sessions as people use them (accounts.hpp).
#include "auth/accounts.hpp"

#include "auth/roles.hpp"
#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "common/time.hpp"

namespace sp::auth {
namespace {
// A hash to verify against when the account does not exist, so both cases take the same time.
const std::string& dummy_hash() {
  static const std::string h = password_hash("not a real password, only for timing");
  return h;
}

Principal principal_of(const User& u, const NewSession& s, std::int64_t expires_at) {
  Principal p;
  p.user_id = u.id;
  p.email = u.email;
  p.name = u.name;
  p.role = u.role;
  p.language = u.language;
  p.organisation_id = u.organisation_id;
  p.authority_id = u.authority_id;
  p.district = u.district;
  p.csrf = s.csrf;
  p.session_expires_at = expires_at;
  return p;
}

const platform::Kind<User>& account_kind() {
  static const platform::Kind<User> k{
      "No such account", "The account was changed by someone else; reload it", find_user, [](const User& u) { return u.version; },
      [](const User& u) { return platform::Subject{"user", u.id, u.email}; },
      [](store::Tx&, const User& u) { return to_json(u); }};
  return k;
}
}  // namespace

SessionTimes session_times(const App& app) { return {app.cfg.session_idle_seconds, app.cfg.session_absolute_seconds}; }

SignedIn sign_in(App& app, Throttle& throttle, const json::object& body, const audit::Actor& from, const std::string& user_agent) {
  Validator v(body);
  v.only({"email", "password"});
  auto email = v.text("email", Need::Required, 200);
  auto password = v.text("password", Need::Required, 200);
  v.finish();
  if (!throttle.allow(from.ip)) throw TooManyRequests(say("sign_in_throttled", "Too many sign-in attempts from this address; wait a minute and try again"));

  // Failures are counted per account and address together, for e-mails with and without an account
  // alike: one address cannot lock anyone out elsewhere, and no answer tells whether an account exists.
  auto now = now_unix();
  auto typed = normalise_email(*email);
  std::optional<User> user;
  {
    auto tx = app.db->read();
    if (sign_in_locked_until(tx, typed, from.ip, now))
      throw HttpError(423, "account-locked", "Sign-in locked",
                      say("sign_in_locked", "Too many failed sign-ins from this address: wait {minutes} minutes and try again",
                          {{"minutes", std::to_string(app.cfg.login_lock_minutes)}}));
    user = find_user_by_email(tx, typed);
  }
  bool ok = password_verify(user ? user->password_hash : dummy_hash(), *password) && user && user->status == "active";
  auto tx = app.db->write();
  auto who = from;
  if (user) {
    who.user_id = user->id;
    who.email = user->email;
  }
  if (!ok) {
    auto locked = record_sign_in_failure(tx, typed, from.ip, now, app.cfg.login_max_failures, app.cfg.login_lock_minutes * 60);
    if (user)
      audit::record(tx, who, locked ? "lock" : "login_failed", "user", user->id, nullptr, nullptr,
                    locked ? "locked from " + from.ip + " after repeated failed sign-ins" : "failed sign-in from " + from.ip);
    tx.commit();
    throw HttpError(401, "invalid-credentials", "Sign-in failed", say("wrong_credentials", "The e-mail or password is not correct"));
  }
  clear_sign_in_failures(tx, typed, from.ip);
  std::optional<std::string> rehash;
  if (password_needs_rehash(user->password_hash)) rehash = password_hash(*password);
  set_signed_in(tx, user->id, rehash);
  auto s = create_session(tx, user->id, session_times(app), from.ip, user_agent);
  audit::record(tx, who, "login", "user", user->id, nullptr, nullptr, "signed in");
  tx.commit();
  return {principal_of(*user, s, now + session_times(app).absolute_seconds), s.token};
}

void sign_out(App& app, const platform::Caller& c) {
  auto tx = app.db->write();
  delete_session(tx, c.me.session_hash);
  audit::record(tx, c.actor, "logout", "user", c.me.user_id, nullptr, nullptr, "signed out");
  tx.commit();
}

void password_change(App& app, const platform::Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"current_password", "new_password"});
  auto current = v.text("current_password", Need::Required, 200);
  auto next = v.text("new_password", Need::Required, 200);
  check_password_policy(v, "new_password", next);
  if (current && next && *current == *next) v.add("new_password", "unchanged", "Must differ from the current password");
  v.finish();
  std::optional<User> user;
  {
    auto tx = app.db->read();
    user = find_user(tx, c.me.user_id);
  }
  if (!user || !password_verify(user->password_hash, *current))
    throw Invalid({{"current_password", "wrong_password", "The current password is not correct"}});
  auto hash = password_hash(*next);  // slow: outside the transaction
  auto tx = app.db->write();
  set_password(tx, user->id, hash);
  delete_user_sessions(tx, user->id, c.me.session_hash);  // other devices must sign in again
  audit::record(tx, c.actor, "password_change", "user", user->id, nullptr, nullptr, "changed password");
  tx.commit();
}

platform::Written users_list(App& app) {
  auto tx = app.db->read();
  json::array items;
  for (const auto& u : list_users(tx)) {
    auto o = to_json(u);
    json::array permissions;  // what a token of the account may carry
    for (const auto& p : role_permissions(u.role)) permissions.push_back(json::value(p));
    o["permissions"] = std::move(permissions);
    items.push_back(std::move(o));
  }
  return {json::object{{"items", std::move(items)}}};
}

platform::Written user_create(App& app, const platform::Caller& c, const json::object& body) {
  auto u = parse_new_user(body);
  // slow: outside the transaction. A service account's "!" is no hash: no password ever matches it.
  auto hash = u.kind == "service" ? std::string("!") : password_hash(u.password);
  json::object none;
  Validator v(none);
  return platform::create<User>(*app.db, c, v, account_kind(), {.action = "create", .check = {}, .insert = [&](store::Tx& tx) { return insert_user(tx, u, hash); }, .audited = {}});
}

platform::Written user_update(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"name", "role", "language", "organisation_id", "authority_id", "district", "status", "locked"});
  AccountChange ch;
  ch.name = v.text("name", Need::Optional, 200);
  ch.role = v.one_of("role", Need::Optional, all_roles());
  ch.language = v.one_of("language", Need::Optional, {"ro", "ru", "en"});
  if (body.contains("organisation_id")) ch.organisation_id = v.integer("organisation_id", Need::Optional, 1, INT64_MAX);
  if (body.contains("authority_id")) ch.authority_id = v.integer("authority_id", Need::Optional, 1, INT64_MAX);
  if (body.contains("district")) ch.district = v.text("district", Need::Optional, 10);
  ch.status = v.one_of("status", Need::Optional, {"active", "disabled"});
  auto locked = v.boolean("locked", Need::Optional);
  if (locked && *locked) v.add("locked", "not_allowed", "Accounts are locked by failed sign-ins; disable instead");
  ch.unlock = locked.has_value() && !*locked;
  if (id == c.me.user_id && (ch.status == "disabled" || (ch.role && *ch.role != "admin")))
    v.add(ch.status ? "status" : "role", "self", "You cannot disable yourself or remove your own administrator role");
  return platform::change<User>(*app.db, c, id, version, v, account_kind(),
                                {.action = ch.unlock ? "unlock" : "update",
                                 .refuse = {},
                                 .check = {},
                                 .apply = [&](store::Tx& tx, const User& before) {
                                   if (!update_account(tx, id, ch, before.version)) return false;
                                   if (ch.unlock) clear_sign_in_failures(tx, before.email);
                                   if (ch.status == "disabled") delete_user_sessions(tx, id);
                                   return true;
                                 },
                                 .before = [](store::Tx&, const User& u) { return json::value(to_json(u)); },
                                 .after = {}});
}

void password_reset(App& app, const platform::Caller& c, std::int64_t id, const json::object& body) {
  Validator v(body);
  v.only({"password"});
  auto pw = v.text("password", Need::Required, 200);
  check_password_policy(v, "password", pw);
  v.finish();
  auto hash = password_hash(*pw);  // slow: outside the transaction
  auto tx = app.db->write();
  auto u = find_user(tx, id);
  if (!u) throw NotFound();
  if (u->kind == "service") throw Invalid({{"password", "not_allowed", "A service account has no password: it signs in with API tokens"}});
  set_password(tx, id, hash);
  clear_sign_in_failures(tx, u->email);
  delete_user_sessions(tx, id);
  audit::record(tx, c.actor, "password_reset", "user", id, nullptr, nullptr, "password reset");
  tx.commit();
}

void password_forgotten(App& app, Throttle& throttle, const json::object& body, const audit::Actor& from) {
  if (!throttle.allow("forgot:" + from.ip))
    throw TooManyRequests(say("sign_in_throttled", "Too many sign-in attempts from this address; wait a minute and try again"));
  Validator v(body);
  v.only({"email"});
  auto email = v.email("email", Need::Required);
  v.finish();
  if (app.cfg.smtp_url.empty()) return;  // nothing can be sent: the same answer
  auto tx = app.db->write();
  auto user = find_user_by_email(tx, *email);
  if (!user || user->status != "active" || user->kind == "service") return;
  issue_password_mail(tx, *app.vault, user->id, "reset", kResetLinkHours);
  audit::record(tx, from, "password_forgotten", "user", user->id, nullptr, nullptr, "asked for a password link");
  tx.commit();
  app.bell->ring();
}

void password_from_mail(App& app, Throttle& throttle, const json::object& body, const audit::Actor& from) {
  if (!throttle.allow("forgot:" + from.ip))
    throw TooManyRequests(say("sign_in_throttled", "Too many sign-in attempts from this address; wait a minute and try again"));
  Validator v(body);
  v.only({"token", "new_password"});
  auto token = v.text("token", Need::Required, 100);
  auto next = v.text("new_password", Need::Required, 200);
  check_password_policy(v, "new_password", next);
  v.finish();
  std::optional<PasswordMailUse> mail;
  {
    auto tx = app.db->read();
    mail = valid_password_mail(tx, *token);
  }
  if (!mail) throw Invalid({{"token", "link_expired", "The link is no longer valid: ask for a new one"}});
  auto hash = password_hash(*next);  // slow: outside the transaction
  auto tx = app.db->write();
  if (!valid_password_mail(tx, *token)) throw Invalid({{"token", "link_expired", "The link is no longer valid: ask for a new one"}});
  auto user = find_user(tx, mail->user_id);
  if (!user || user->status != "active") throw Invalid({{"token", "link_expired", "The link is no longer valid: ask for a new one"}});
  set_password(tx, user->id, hash);
  use_password_mails(tx, user->id);
  delete_user_sessions(tx, user->id, "");
  clear_sign_in_failures(tx, user->email);
  audit::Actor who = from;
  who.user_id = user->id;
  who.email = user->email;
  audit::record(tx, who, "password_reset", "user", user->id, nullptr, nullptr,
                mail->purpose == "welcome" ? "set the first password" : "set a new password from the e-mailed link");
  tx.commit();
}
std::int64_t create_account(store::Tx& tx, const audit::Actor& by, const NewUser& u, const std::string& password_hash) {
  auto id = insert_user(tx, u, password_hash);
  audit::record(tx, by, "create", "user", id, nullptr,
                json::object{{"email", u.email}, {"role", u.role}, {"organisation_id", nullable(u.organisation_id)}},
                u.email);
  return id;
}
}  // namespace sp::auth
