// HTTP for sign-in, sessions, password change and account administration: each handler parses the
// request, calls one operation (accounts.hpp) and serialises its answer (the session's cookie
// included). No SQL, transactions or rules here.
#include "auth/routes.hpp"

#include <boost/json.hpp>

#include "audit/routes.hpp"
#include "auth/accounts.hpp"
#include "auth/tokens.hpp"
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
using platform::caller_of;

std::string cookie_name(const App& app) { return app.cfg.secure_cookies ? "__Host-sid" : "sid"; }

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
  for (const auto& s : role_permissions(p.role))
    if (p.can(s)) perms.emplace_back(s);  // signed in with a token: what it carries
  return {{"user", std::move(user)}, {"csrf_token", p.csrf}, {"permissions", std::move(perms)},
          {"expires_at", iso_from_unix(p.session_expires_at)}};
}

http::Response login(App& app, Throttle& throttle, http::Request& req) {
  auto s = sign_in(app, throttle, parse_object(req.body), audit::actor_of(req), req.header("user-agent").value_or(""));
  auto res = http::Response::json(session_json(s.me), 201);
  res.header("Set-Cookie", cookie(app, s.token, session_times(app).absolute_seconds));
  return res;
}

http::Response logout(App& app, http::Request& req) {
  sign_out(app, caller_of(req));
  auto res = http::Response::no_content();
  res.header("Set-Cookie", cookie(app, "", 0));
  return res;
}

http::Response change_password(App& app, http::Request& req) {
  password_change(app, caller_of(req), parse_object(req.body));
  return http::Response::no_content();
}

http::Response list(App& app, http::Request&) { return platform::answer(users_list(app)); }

http::Response create(App& app, http::Request& req) { return platform::answer(user_create(app, caller_of(req), parse_object(req.body))); }

http::Response update(App& app, http::Request& req) {
  auto id = req.id();
  auto version = req.if_match();
  return platform::answer(user_update(app, caller_of(req), id, version, parse_object(req.body)));
}

http::Response tokens(App& app, http::Request& req) {
  std::optional<std::int64_t> user;
  if (auto u = req.q("user_id")) user = query_int(u, "user_id", 0, 1, INT64_MAX);
  return platform::answer(tokens_list(app, caller_of(req), user));
}
http::Response token_new(App& app, http::Request& req) { return platform::answer(token_create(app, caller_of(req), parse_object(req.body))); }
http::Response token_revoked(App& app, http::Request& req) {
  auto id = req.id();
  return platform::answer(token_revoke(app, caller_of(req), id, req.if_match()));
}

http::Response reset_password(App& app, http::Request& req) {
  password_reset(app, caller_of(req), req.id(), parse_object(req.body));
  return http::Response::no_content();
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto throttle = std::make_shared<Throttle>(app.cfg.login_rate_per_minute, std::chrono::seconds(60));
  auto h = handler_of(app);
  r.add_blocking("POST", "/api/v1/session", http::kPublic,
                 [&app, throttle](http::Request& q) { return login(app, *throttle, q); });
  r.add("GET", "/api/v1/session", http::kAuthenticated, [](http::Request& q) { return http::Response::json(session_json(q.me())); });
  r.add("DELETE", "/api/v1/session", http::kAuthenticated, h(logout));
  r.add_blocking("POST", "/api/v1/session/password", http::kAuthenticated, h(change_password));
  r.add("POST", "/api/v1/password/forgotten", http::kPublic, [&app, throttle](http::Request& q) {
    password_forgotten(app, *throttle, parse_object(q.body), audit::actor_of(q));
    return http::Response::json(json::object{{"status", "accepted"}}, 202);
  });
  r.add_blocking("POST", "/api/v1/password/new", http::kPublic, [&app, throttle](http::Request& q) {
    password_from_mail(app, *throttle, parse_object(q.body), audit::actor_of(q));
    return http::Response::no_content();
  });
  r.add("GET", "/api/v1/users", "users.manage", h(list));
  r.add_blocking("POST", "/api/v1/users", "users.manage", h(create));
  r.add("PATCH", "/api/v1/users/{id}", "users.manage", h(update));
  r.add_blocking("POST", "/api/v1/users/{id}/password", "users.manage", h(reset_password));
  // API tokens (decision 0030): one's own, and the administrator's for service accounts.
  r.add("GET", "/api/v1/tokens", http::kAuthenticated, h(tokens));
  r.add("POST", "/api/v1/tokens", http::kAuthenticated, h(token_new));
  r.add("POST", "/api/v1/tokens/{id}/revoke", http::kAuthenticated, h(token_revoked));
}

http::Middleware middleware(App& app) {
  http::Middleware mw;
  // API tokens have their own limit of requests a minute each, beside the sign-in throttle.
  auto per_token = std::make_shared<Throttle>(app.cfg.token_rate_per_minute, std::chrono::seconds(60));
  mw.authenticate = [&app, per_token](const http::Request& req) -> std::optional<Principal> {
    // `Authorization: Bearer <token>`: an API token, never with the session cookie.
    if (auto bearer = req.header("authorization")) {
      if (bearer->size() < 7 || !std::equal(bearer->begin(), bearer->begin() + 7, "bearer ", [](char a, char b) { return std::tolower(a) == b; }))
        return std::nullopt;
      auto p = resolve_token(*app.db, std::string_view(*bearer).substr(7), req.remote);
      if (p && !per_token->allow("token:" + std::to_string(*p->token_id)))
        throw TooManyRequests(say("token_throttled", "Too many requests with this token; wait a minute and try again"));
      return p;
    }
    auto token = req.cookie(cookie_name(app));
    if (!token) return std::nullopt;
    return resolve_session(*app.db, *token, session_times(app));
  };
  mw.check_csrf = [](const http::Request& req, const Principal& p) {
    if (p.token_id) return;  // no cookie, nothing a foreign page could send in the user's name
    auto t = req.header("x-csrf-token");
    if (!t || !secure_equal(*t, p.csrf)) throw Forbidden(say("csrf", "Missing or wrong X-CSRF-Token header"));
  };
  return mw;
}
}  // namespace sp::auth
