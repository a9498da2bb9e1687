#include "auth/tokens.hpp"

#include <algorithm>

#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "common/time.hpp"
#include "platform/policy.hpp"
#include "store/query.hpp"

namespace sp::auth {
namespace {
// A token is "spt_" and 43 random base64url characters; its first twelve are kept to tell it in a list.
constexpr std::string_view kPrefix = "spt_";
constexpr std::size_t kShownChars = 12;
// At most a year: a token that must live longer is made again.
constexpr int kLongestDays = 366;

struct Token {
  std::int64_t id = 0, user_id = 0, created_by = 0, version = 0;
  std::string name, prefix, permissions, expires_on, created_at, updated_at;
  std::optional<std::string> last_used_at, last_used_ip, revoked_at;
  std::string user_email, user_name, user_kind;
};

constexpr const char* kTokenCols =
    "t.id, t.user_id, t.created_by, t.version, t.name, t.prefix, t.permissions, t.expires_on, t.created_at, t.updated_at, "
    "t.last_used_at, t.last_used_ip, t.revoked_at, u.email, u.name, u.kind";

Token read_token(store::Cursor& c) {
  return {c.i64(0), c.i64(1), c.i64(2), c.i64(3), c.str(4), c.str(5), c.str(6), c.str(7), c.str(8), c.str(9),
          c.opt_str(10), c.opt_str(11), c.opt_str(12), c.str(13), c.str(14), c.str(15)};
}

std::optional<Token> find_token(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kTokenCols + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_token(*c);
}

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string state_of(const Token& t) {
  if (t.revoked_at) return "revoked";
  return t.expires_on < today() ? "expired" : "active";
}

json::object to_json(const Token& t) {
  json::array permissions;
  for (const auto& p : store::split_codes(t.permissions)) permissions.push_back(json::value(p));
  return {{"id", t.id},
          {"user_id", t.user_id},
          {"user_email", t.user_email},
          {"user_name", t.user_name},
          {"service_account", t.user_kind == "service"},
          {"name", t.name},
          {"prefix", t.prefix},
          {"permissions", std::move(permissions)},
          {"expires_on", t.expires_on},
          {"state", state_of(t)},
          {"last_used_at", opt(t.last_used_at)},
          {"last_used_ip", opt(t.last_used_ip)},
          {"revoked_at", opt(t.revoked_at)},
          {"created_by", t.created_by},
          {"created_at", t.created_at},
          {"version", t.version}};
}

const platform::Kind<Token>& token_kind() {
  static const platform::Kind<Token> k{
      "No such token", "The token was changed by someone else; reload it", find_token, [](const Token& t) { return t.version; },
      [](const Token& t) { return platform::Subject{"api_token", t.id, t.name + " (" + t.prefix + "…)"}; },
      [](store::Tx&, const Token& t) { return to_json(t); }};
  return k;
}

struct NewToken {
  std::string name, expires_on;
  std::vector<std::string> permissions;
  std::optional<std::int64_t> user_id;
};

// Every wrong field of a new token for `owner` (its role's permissions bound the token's).
NewToken parse_new_token(Validator& v, const std::optional<User>& owner) {
  NewToken t;
  t.name = v.text("name", Need::Required, 100).value_or("");
  t.expires_on = v.date("expires_on", Need::Required).value_or("");
  if (!t.expires_on.empty()) {
    if (t.expires_on < today()) v.add("expires_on", "in_past", "The expiry cannot be in the past");
    else if (t.expires_on > add_days(today(), kLongestDays))
      v.add("expires_on", "too_far", "A token lives at most a year", {{"days", std::to_string(kLongestDays)}});
  }
  auto given = v.string_list("permissions", Need::Required, {}, 100);
  if (given && given->empty()) v.add("permissions", "required", "A token carries at least one permission");
  if (given && owner) {
    const auto mine = role_permissions(owner->role);
    for (std::size_t i = 0; i < given->size(); ++i)
      if (std::find(mine.begin(), mine.end(), (*given)[i]) == mine.end())
        v.add("permissions[" + std::to_string(i) + "]", "not_yours", "The account's role does not have this permission",
              {{"permission", (*given)[i]}});
    t.permissions = *given;
  }
  return t;
}

// Inserts the token and answers its id and the token itself.
MadeToken insert_token(store::Tx& tx, std::int64_t owner, std::int64_t by, const NewToken& t) {
  MadeToken made;
  made.token = std::string(kPrefix) + random_token();
  auto now = now_iso();
  made.id = *tx.scalar(
      "INSERT INTO api_tokens (user_id, name, prefix, token_hash, permissions, expires_on, created_by, created_at, updated_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING id",
      {owner, t.name, made.token.substr(0, kShownChars), hash_hex(made.token), store::join_codes(t.permissions), t.expires_on, by, now});
  return made;
}
}  // namespace

platform::Written tokens_list(App& app, const platform::Caller& c, std::optional<std::int64_t> user_id) {
  auto tx = app.db->read();
  std::string sql = std::string("SELECT ") + kTokenCols + " FROM api_tokens t JOIN users u ON u.id = t.user_id";
  store::Params p;
  if (!policy::is_administrator(c.me)) {
    sql += " WHERE t.user_id = $1";
    p.push_back(c.me.user_id);
  } else if (user_id) {
    sql += " WHERE t.user_id = $1";
    p.push_back(*user_id);
  }
  auto cur = tx.query(sql + " ORDER BY t.revoked_at IS NOT NULL, t.id DESC", p);
  json::array items;
  while (cur->next()) items.push_back(to_json(read_token(*cur)));
  return {json::object{{"items", std::move(items)}}};
}

namespace {
// The write of a new token for `owner`, made by `by` (its creator's account), audited as `actor`.
platform::Written create_token(App& app, const audit::Actor& actor, std::int64_t by, Validator& v, const std::optional<User>& owner) {
  auto t = parse_new_token(v, owner);
  std::string token;
  auto w = platform::create<Token>(*app.db, actor, v, token_kind(),
                                   {.action = "create",
                                    .check = {},
                                    .insert =
                                        [&](store::Tx& tx) {
                                          auto made = insert_token(tx, owner->id, by, t);
                                          token = made.token;
                                          return made.id;
                                        },
                                    .audited = {}});
  w.body["token"] = token;  // this once; the trail kept the answer without it
  return w;
}
}  // namespace

platform::Written token_create(App& app, const platform::Caller& c, const json::object& body) {
  Validator v(body);
  v.only({"name", "permissions", "expires_on", "user_id"});
  const auto owner_id = v.integer("user_id", Need::Optional, 1, INT64_MAX).value_or(c.me.user_id);
  std::optional<User> owner;
  {
    auto tx = app.db->read();
    owner = find_user(tx, owner_id);
  }
  if (!owner || owner->status != "active") v.add("user_id", "not_found", "No such active account");  // the insert is not reached
  else if (auto why = policy::token_creation_refusal(c.me, owner_id, owner->kind == "service")) throw Forbidden(std::move(*why));
  return create_token(app, c.actor, c.me.user_id, v, owner);
}

platform::Written token_revoke(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  return platform::change<Token>(*app.db, c, id, version, v, token_kind(),
                                 {.action = "revoke",
                                  .refuse = [&](store::Tx&, const Token& t) -> std::optional<Say> {
                                    if (!policy::may_keep_token(c.me, t.user_id)) return say("token_not_yours", "Only the administrator makes tokens for another account");
                                    return std::nullopt;
                                  },
                                  .check = [](store::Tx&, const Token& t, Validator& v) {
                                    if (t.revoked_at) v.add("state", "already_revoked", "The token is already revoked");
                                  },
                                  .apply = [&](store::Tx& tx, const Token& t) {
                                    auto now = now_iso();
                                    return tx.exec("UPDATE api_tokens SET revoked_at = $1, revoked_by = $2, updated_at = $1, version = version + 1 "
                                                   "WHERE id = $3 AND version = $4",
                                                   {now, c.me.user_id ? store::Param{c.me.user_id} : store::Param{}, id, t.version}) == 1;
                                  },
                                  .before = {},
                                  .after = {}});
}

std::optional<Principal> resolve_token(store::Database& db, std::string_view token, const std::string& ip) {
  if (token.size() < kShownChars || token.size() > 100 || token.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const auto h = hash_hex(token);
  Principal p;
  std::optional<std::string> last_used;
  {
    auto tx = db.read_one();
    auto c = tx.query(std::string("SELECT ") + kPrincipalCols + ", t.id, t.name, t.permissions, "
                      "t.expires_on, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
                      "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.status = 'active'",
                      {h});
    if (!c->next()) return std::nullopt;
    if (c->str(11) < today()) return std::nullopt;  // expired: its last day has passed
    read_principal(*c, p);
    p.token_id = c->i64(8);
    p.token_name = c->str(9);
    p.token_permissions = store::split_codes(c->str(10));
    last_used = c->opt_str(12);
  }
  // Its last use, kept to the minute: not a write per request.
  const auto now = now_iso();
  if (!last_used || last_used->substr(0, 16) != now.substr(0, 16)) {
    auto tx = db.write();
    tx.exec("UPDATE api_tokens SET last_used_at = $1, last_used_ip = $2 WHERE id = $3", {now, ip, *p.token_id});
    tx.commit();
  }
  return p;
}

MadeToken token_create_for(App& app, const audit::Actor& by, const std::string& email, const std::string& name, std::vector<std::string> permissions,
                           const std::string& expires_on) {
  json::array list;
  for (auto& p : permissions) list.push_back(json::value(p));
  json::object body{{"name", name}, {"permissions", std::move(list)}, {"expires_on", expires_on}};
  Validator v(body);
  std::optional<User> owner;
  {
    auto tx = app.db->read();
    owner = find_user_by_email(tx, normalise_email(email));
  }
  if (!owner || owner->status != "active") throw Invalid({{"email", "not_found", "No such active account"}});
  auto w = create_token(app, by, owner->id, v, owner);
  return {w.body.at("id").as_int64(), std::string(w.body.at("token").as_string())};
}
json::array tokens_of(App& app, const std::string& email) {
  auto tx = app.db->read();
  std::string sql = std::string("SELECT ") + kTokenCols + " FROM api_tokens t JOIN users u ON u.id = t.user_id";
  store::Params p;
  if (!email.empty()) {
    sql += " WHERE u.email = $1";
    p.push_back(normalise_email(email));
  }
  auto c = tx.query(sql + " ORDER BY t.id", p);
  json::array out;
  while (c->next()) out.push_back(to_json(read_token(*c)));
  return out;
}

bool token_revoke_by(App& app, const audit::Actor& by, std::int64_t id) {
  std::optional<Token> t;
  {
    auto tx = app.db->read();
    t = find_token(tx, id);
  }
  if (!t || t->revoked_at) return false;
  token_revoke(app, platform::system_caller(by), id, t->version);
  return true;
}
}  // namespace sp::auth
