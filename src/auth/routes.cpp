// HTTP for sign-in, sessions, password change and account administration.
#include "auth/routes.hpp"

#include <boost/json.hpp>

#include "audit/routes.hpp"
#include "auth/roles.hpp"
#include "auth/throttle.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"

namespace sp::auth {
namespace {
namespace bj = boost::json;

std::string cookie_name(const App& app) { return app.cfg.secure_cookies ? "__Host-sid" : "sid"; }

SessionTimes times(const App& app) {
  return {app.cfg.session_idle_seconds, app.cfg.session_absolute_seconds};
}

std::string cookie(const App& app, const std::string& value, int max_age) {
  std::string c = cookie_name(app) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (app.cfg.secure_cookies) c += "; Secure";
  return c;
}

bj::object session_json(const Principal& p) {
  bj::object user{{"id", p.user_id}, {"email", p.email}, {"name", p.name}, {"role", p.role}, {"language", p.language}};
  user["organisation_id"] = p.organisation_id ? bj::value(*p.organisation_id) : nullptr;
  user["authority_id"] = p.authority_id ? bj::value(*p.authority_id) : nullptr;
  user["district"] = p.district ? bj::value(*p.district) : nullptr;
  bj::array perms;
  for (const auto& s : role_permissions(p.role)) perms.emplace_back(s);
  return {{"user", std::move(user)}, {"csrf_token", p.csrf}, {"permissions", std::move(perms)},
          {"expires_at", iso_from_unix(p.session_expires_at)}};
}

// A hash to verify against when the account does not exist, so both cases take the same time.
const std::string& dummy_hash() {
  static const std::string h = password_hash("not a real password, only for timing");
  return h;
}

http::Response login(App& app, Throttle& throttle, http::Request& req) {
  auto body = parse_object(req.body);
  Validator v(body);
  v.only({"email", "password"});
  auto email = v.text("email", Need::Required, 200);
  auto password = v.text("password", Need::Required, 200);
  v.finish();
  if (!throttle.allow(req.remote))
    throw TooManyRequests("Too many sign-in attempts from this address; wait a minute and try again");

  // Failures are counted per account and address together, for e-mails with and without an account
  // alike: one address cannot lock anyone out elsewhere, and no answer tells whether an account exists.
  auto now = now_unix();
  auto typed = normalise_email(*email);
  std::optional<User> user;
  {
    auto tx = app.db->read();
    if (sign_in_locked_until(tx, typed, req.remote, now))
      throw HttpError(423, "account-locked", "Sign-in locked",
                      "Too many failed sign-ins from this address: wait " + std::to_string(app.cfg.login_lock_minutes) +
                          " minutes and try again");
    user = find_user_by_email(tx, typed);
  }
  bool ok = password_verify(user ? user->password_hash : dummy_hash(), *password) && user && user->status == "active";
  auto tx = app.db->write();
  if (!ok) {
    auto locked = record_sign_in_failure(tx, typed, req.remote, now, app.cfg.login_max_failures, app.cfg.login_lock_minutes * 60);
    if (user) {
      auto who = audit::actor_of(req);
      who.user_id = user->id;
      who.email = user->email;
      audit::record(tx, who, locked ? "lock" : "login_failed", "user", user->id, nullptr, nullptr,
                    locked ? "locked from " + req.remote + " after repeated failed sign-ins" : "failed sign-in from " + req.remote);
    }
    tx.commit();
    throw HttpError(401, "invalid-credentials", "Sign-in failed", "The e-mail or password is not correct");
  }
  auto who = audit::actor_of(req);
  who.user_id = user->id;
  who.email = user->email;
  clear_sign_in_failures(tx, typed, req.remote);
  std::optional<std::string> rehash;
  if (password_needs_rehash(user->password_hash)) rehash = password_hash(*password);
  tx.exec("UPDATE users SET failed_logins = 0, password_hash = COALESCE($1, password_hash) WHERE id = $2",
          {store::opt(rehash), user->id});
  auto s = create_session(tx, user->id, times(app), req.remote, req.header("user-agent").value_or(""));
  audit::record(tx, who, "login", "user", user->id, nullptr, nullptr, "signed in");
  tx.commit();

  Principal p;
  p.user_id = user->id;
  p.email = user->email;
  p.name = user->name;
  p.role = user->role;
  p.language = user->language;
  p.organisation_id = user->organisation_id;
  p.authority_id = user->authority_id;
  p.district = user->district;
  p.csrf = s.csrf;
  p.session_expires_at = now + times(app).absolute_seconds;
  auto res = http::Response::json(session_json(p), 201);
  res.header("Set-Cookie", cookie(app, s.token, times(app).absolute_seconds));
  return res;
}

http::Response logout(App& app, http::Request& req) {
  auto tx = app.db->write();
  delete_session(tx, req.me().session_hash);
  audit::record(tx, audit::actor_of(req), "logout", "user", req.me().user_id, nullptr, nullptr, "signed out");
  tx.commit();
  auto res = http::Response::no_content();
  res.header("Set-Cookie", cookie(app, "", 0));
  return res;
}

http::Response change_password(App& app, http::Request& req) {
  auto body = parse_object(req.body);
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
    user = find_user(tx, req.me().user_id);
  }
  if (!user || !password_verify(user->password_hash, *current))
    throw Invalid({{"current_password", "wrong_password", "The current password is not correct"}});
  auto hash = password_hash(*next);
  auto tx = app.db->write();
  tx.exec("UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3",
          {hash, now_iso(), user->id});
  delete_user_sessions(tx, user->id, req.me().session_hash);  // other devices must sign in again
  audit::record(tx, audit::actor_of(req), "password_change", "user", user->id, nullptr, nullptr, "changed password");
  tx.commit();
  return http::Response::no_content();
}

http::Response list(App& app, http::Request&) {
  auto tx = app.db->read();
  bj::array items;
  for (const auto& u : list_users(tx)) items.push_back(to_json(u));
  return http::Response::json(bj::object{{"items", std::move(items)}});
}

http::Response create(App& app, http::Request& req) {
  auto u = parse_new_user(parse_object(req.body));
  auto hash = password_hash(u.password);
  auto tx = app.db->write();
  auto id = insert_user(tx, u, hash);
  auto created = find_user(tx, id);
  audit::record(tx, audit::actor_of(req), "create", "user", id, nullptr, to_json(*created), "account created");
  tx.commit();
  return http::Response::json(to_json(*created), 201);
}

http::Response update(App& app, http::Request& req) {
  auto id = req.id();
  auto version = req.if_match();
  auto body = parse_object(req.body);
  Validator v(body);
  v.only({"name", "role", "language", "organisation_id", "authority_id", "district", "status", "locked"});
  auto name = v.text("name", Need::Optional, 200);
  auto role = v.one_of("role", Need::Optional, all_roles());
  auto lang = v.one_of("language", Need::Optional, {"ro", "ru", "en"});
  auto org = v.integer("organisation_id", Need::Optional, 1, INT64_MAX);
  auto auth_id = v.integer("authority_id", Need::Optional, 1, INT64_MAX);
  auto district = v.text("district", Need::Optional, 10);
  auto status = v.one_of("status", Need::Optional, {"active", "disabled"});
  auto locked = v.boolean("locked", Need::Optional);
  if (locked && *locked) v.add("locked", "not_allowed", "Accounts are locked by failed sign-ins; disable instead");
  if (id == req.me().user_id && (status == "disabled" || (role && *role != "admin")))
    v.add(status ? "status" : "role", "self", "You cannot disable yourself or remove your own administrator role");
  v.finish();
  auto tx = app.db->write();
  auto before = find_user(tx, id);
  if (!before) throw NotFound();
  if (before->version != version) throw PreconditionFailed("The account was changed by someone else; reload it");
  auto n = tx.exec(
      "UPDATE users SET name = COALESCE($1, name), role = COALESCE($2, role), language = COALESCE($3, language), "
      "organisation_id = CASE WHEN $4 = 1 THEN $5 ELSE organisation_id END, "
      "authority_id = CASE WHEN $6 = 1 THEN $7 ELSE authority_id END, "
      "district = CASE WHEN $8 = 1 THEN $9 ELSE district END, status = COALESCE($10, status), "
      "locked_until = CASE WHEN $11 = 1 THEN 0 ELSE locked_until END, "
      "failed_logins = CASE WHEN $11 = 1 THEN 0 ELSE failed_logins END, "
      "version = version + 1, updated_at = $12 WHERE id = $13 AND version = $14",
      {store::opt(name), store::opt(role), store::opt(lang), std::int64_t{body.contains("organisation_id")},
       store::opt(org), std::int64_t{body.contains("authority_id")}, store::opt(auth_id),
       std::int64_t{body.contains("district")}, store::opt(district), store::opt(status),
       std::int64_t{locked.has_value() && !*locked}, now_iso(), id, version});
  if (n == 0) throw PreconditionFailed("The account was changed by someone else; reload it");
  if (locked.has_value() && !*locked) clear_sign_in_failures(tx, before->email);
  if (status == "disabled") delete_user_sessions(tx, id);
  auto after = find_user(tx, id);
  audit::record(tx, audit::actor_of(req), locked ? "unlock" : "update", "user", id, to_json(*before), to_json(*after));
  tx.commit();
  return http::Response::json(to_json(*after));
}

http::Response reset_password(App& app, http::Request& req) {
  auto id = req.id();
  auto body = parse_object(req.body);
  Validator v(body);
  v.only({"password"});
  auto pw = v.text("password", Need::Required, 200);
  check_password_policy(v, "password", pw);
  v.finish();
  auto hash = password_hash(*pw);
  auto tx = app.db->write();
  auto u = find_user(tx, id);
  if (!u) throw NotFound();
  tx.exec("UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3", {hash, now_iso(), id});
  clear_sign_in_failures(tx, u->email);
  delete_user_sessions(tx, id);
  audit::record(tx, audit::actor_of(req), "password_reset", "user", id, nullptr, nullptr, "password reset");
  tx.commit();
  return http::Response::no_content();
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto throttle = std::make_shared<Throttle>(app.cfg.login_rate_per_minute, std::chrono::seconds(60));
  r.add_blocking("POST", "/api/v1/session", http::kPublic,
                 [&app, throttle](http::Request& q) { return login(app, *throttle, q); });
  r.add("GET", "/api/v1/session", http::kAuthenticated, [](http::Request& q) { return http::Response::json(session_json(q.me())); });
  r.add("DELETE", "/api/v1/session", http::kAuthenticated, [&app](http::Request& q) { return logout(app, q); });
  r.add_blocking("POST", "/api/v1/session/password", http::kAuthenticated,
                 [&app](http::Request& q) { return change_password(app, q); });
  r.add("GET", "/api/v1/users", "users.manage", [&app](http::Request& q) { return list(app, q); });
  r.add_blocking("POST", "/api/v1/users", "users.manage", [&app](http::Request& q) { return create(app, q); });
  r.add("PATCH", "/api/v1/users/{id}", "users.manage", [&app](http::Request& q) { return update(app, q); });
  r.add_blocking("POST", "/api/v1/users/{id}/password", "users.manage",
                 [&app](http::Request& q) { return reset_password(app, q); });
}

http::Middleware middleware(App& app) {
  http::Middleware mw;
  mw.authenticate = [&app](const http::Request& req) -> std::optional<Principal> {
    auto token = req.cookie(cookie_name(app));
    if (!token) return std::nullopt;
    return resolve_session(*app.db, *token, times(app));
  };
  mw.check_csrf = [](const http::Request& req, const Principal& p) {
    auto t = req.header("x-csrf-token");
    if (!t || !secure_equal(*t, p.csrf)) throw Forbidden("Missing or wrong X-CSRF-Token header");
  };
  return mw;
}
}  // namespace sp::auth
