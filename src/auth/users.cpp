#include "auth/users.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "auth/roles.hpp"
#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace sp::auth {
namespace {
constexpr const char* kUserCols =
    "id, email, name, role, organisation_id, authority_id, district, language, status, failed_logins, "
    "locked_until, version, created_at, updated_at, password_hash, kind";

User read_user(store::Cursor& c) {
  User u;
  u.id = c.i64(0);
  u.email = c.str(1);
  u.name = c.str(2);
  u.role = c.str(3);
  u.organisation_id = c.opt_i64(4);
  u.authority_id = c.opt_i64(5);
  u.district = c.opt_str(6);
  u.language = c.str(7);
  u.status = c.str(8);
  u.failed_logins = c.i64(9);
  u.locked_until = c.i64(10);
  u.version = c.i64(11);
  u.created_at = c.str(12);
  u.updated_at = c.str(13);
  u.password_hash = c.str(14);
  u.kind = c.str(15);
  return u;
}

std::string lower_ascii(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}
}  // namespace

std::string normalise_email(std::string_view email) { return lower_ascii(std::string(email)); }

boost::json::object to_json(const User& u) {
  boost::json::object o;
  o["id"] = u.id;
  o["email"] = u.email;
  o["name"] = u.name;
  o["role"] = u.role;
  o["organisation_id"] = u.organisation_id ? boost::json::value(*u.organisation_id) : nullptr;
  o["authority_id"] = u.authority_id ? boost::json::value(*u.authority_id) : nullptr;
  o["district"] = u.district ? boost::json::value(*u.district) : nullptr;
  o["language"] = u.language;
  o["status"] = u.status;
  o["service_account"] = u.kind == "service";
  o["locked"] = u.locked_until > now_unix();
  o["version"] = u.version;
  o["created_at"] = u.created_at;
  o["updated_at"] = u.updated_at;
  return o;
}

std::int64_t sign_in_locked_until(store::Tx& tx, const std::string& email, const std::string& address, std::int64_t now) {
  auto until = tx.scalar("SELECT locked_until FROM sign_in_failures WHERE email = $1 AND address = $2", {email, address}).value_or(0);
  return until > now ? until : 0;
}

std::int64_t record_sign_in_failure(store::Tx& tx, const std::string& email, const std::string& address, std::int64_t now,
                                    int max_failures, int lock_seconds) {
  // Failures a day old are forgotten (the table holds typed e-mails, known or not: keep it small).
  tx.exec("DELETE FROM sign_in_failures WHERE last_at < $1 AND locked_until < $2", {now - 86400, now});
  auto failures = tx.scalar("INSERT INTO sign_in_failures (email, address, failures, last_at) VALUES ($1, $2, 1, $3) "
                            "ON CONFLICT (email, address) DO UPDATE SET failures = CASE WHEN sign_in_failures.locked_until > 0 AND "
                            "sign_in_failures.locked_until <= $3 THEN 1 ELSE sign_in_failures.failures + 1 END, "
                            "locked_until = CASE WHEN sign_in_failures.locked_until <= $3 THEN 0 ELSE sign_in_failures.locked_until END, "
                            "last_at = $3 RETURNING failures",
                            {email, address, now})
                      .value_or(1);
  if (failures < max_failures) return 0;
  auto until = now + lock_seconds;
  tx.exec("UPDATE sign_in_failures SET locked_until = $1, failures = 0 WHERE email = $2 AND address = $3", {until, email, address});
  tx.exec("UPDATE users SET locked_until = $1 WHERE email = $2", {until, email});
  return until;
}

void clear_sign_in_failures(store::Tx& tx, const std::string& email, const std::optional<std::string>& address) {
  if (address) tx.exec("DELETE FROM sign_in_failures WHERE email = $1 AND address = $2", {email, *address});
  else {
    tx.exec("DELETE FROM sign_in_failures WHERE email = $1", {email});
    tx.exec("UPDATE users SET locked_until = 0, failed_logins = 0 WHERE email = $1", {email});
  }
}

namespace {
// Passwords of 10 characters or more that appear at the top of the published lists of leaked
// passwords, with their Romanian and Russian counterparts: guessed first by any attacker.
bool commonly_used(const std::string& password) {
  static const std::set<std::string, std::less<>> common = {
      "1234567890", "0123456789", "12345678910", "123456789a", "1234567890a", "1234567890q", "123123123123",
      "1111111111", "0000000000", "9876543210", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4t5", "qwertyuiop",
      "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "password12",
      "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou12", "iloveyou123", "abcdefghij",
      "abc1234567", "administrator", "admin12345", "admin123456", "welcome123", "letmein123", "changeme123",
      "parola1234", "parola12345", "parola123456", "parolaparola", "moldova123", "moldova2024", "moldova2025",
      "moldova2026", "chisinau123", "chisinau2024", "йцукенгшщз", "пароль1234", "пароль12345", "qazwsxedc1",
      "qazwsxedcrfv", "1qaz2wsx3edc", "football123", "princess123", "sunshine123", "dragon1234", "monkey1234"};
  auto lower = lower_ascii(password);
  if (common.count(lower)) return true;
  // One character repeated ("aaaaaaaaaa") is as weak as any list entry.
  return std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower.front(); });
}
}  // namespace

void check_password_policy(Validator& v, std::string_view field, const std::optional<std::string>& password) {
  if (!password) return;
  if (utf8_length(*password) < 10) v.add(field, "too_short", "At least 10 characters");
  else if (commonly_used(*password)) v.add(field, "too_common", "This password is among the most commonly used: choose another");
}

NewUser parse_new_user(const json::object& body) {
  Validator v(body);
  v.only({"email", "name", "role", "language", "organisation_id", "authority_id", "district", "password", "service_account"});
  NewUser u;
  auto email = v.email("email", Need::Required);
  auto name = v.text("name", Need::Required, 200);
  auto role = v.one_of("role", Need::Required, all_roles());
  auto lang = v.one_of("language", Need::Optional, {"ro", "ru", "en"});
  u.organisation_id = v.integer("organisation_id", Need::Optional, 1, INT64_MAX);
  u.authority_id = v.integer("authority_id", Need::Optional, 1, INT64_MAX);
  u.district = v.text("district", Need::Optional, 10);
  // A service account (a machine client) signs in with API tokens only: it has no password.
  const bool service = v.boolean("service_account", Need::Optional).value_or(false);
  auto pw = v.text("password", service ? Need::Optional : Need::Required, 200);
  if (service && pw) v.add("password", "not_allowed", "A service account has no password: it signs in with API tokens");
  else if (!service) check_password_policy(v, "password", pw);
  if (role == "cso_staff" && !u.organisation_id) v.add("organisation_id", "required", "CSO staff belong to an organisation");
  if (role == "lpa_staff" && !u.authority_id) v.add("authority_id", "required", "Authority staff belong to an authority");
  v.finish();
  u.email = lower_ascii(*email);
  u.name = *name;
  u.role = *role;
  u.language = lang.value_or("ro");
  u.password = pw.value_or("");
  u.kind = service ? "service" : "person";
  return u;
}

void read_principal(store::Cursor& c, Principal& p) {
  p.user_id = c.i64(0);
  p.email = c.str(1);
  p.name = c.str(2);
  p.role = c.str(3);
  p.language = c.str(4);
  p.organisation_id = c.opt_i64(5);
  p.authority_id = c.opt_i64(6);
  p.district = c.opt_str(7);
}

std::optional<User> find_user(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kUserCols + " FROM users WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_user(*c);
}

std::optional<User> find_user_by_email(store::Tx& tx, std::string_view email) {
  auto c = tx.query(std::string("SELECT ") + kUserCols + " FROM users WHERE email = $1",
                    {lower_ascii(std::string(email))});
  if (!c->next()) return std::nullopt;
  return read_user(*c);
}

std::vector<User> list_users(store::Tx& tx) {
  std::vector<User> out;
  auto c = tx.query(std::string("SELECT ") + kUserCols + " FROM users ORDER BY email");
  while (c->next()) out.push_back(read_user(*c));
  return out;
}

std::int64_t insert_user(store::Tx& tx, const NewUser& u, const std::string& password_hash) {
  if (find_user_by_email(tx, u.email))
    throw Conflict(say("email_taken", "An account with this e-mail already exists"), {{"email", "taken", "This e-mail is already used"}});
  auto now = now_iso();
  auto id = tx.scalar("INSERT INTO users (email, name, role, organisation_id, authority_id, district, language, "
                      "password_hash, created_at, updated_at, kind) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9,$10) RETURNING id",
                      {u.email, u.name, u.role, store::opt(u.organisation_id), store::opt(u.authority_id),
                       store::opt(u.district), u.language, password_hash, now, u.kind});
  return *id;
}

bool update_account(store::Tx& tx, std::int64_t id, const AccountChange& c, std::int64_t version) {
  auto given = [](bool b) { return std::int64_t{b}; };
  return tx.exec("UPDATE users SET name = COALESCE($1, name), role = COALESCE($2, role), language = COALESCE($3, language), "
                 "organisation_id = CASE WHEN $4 = 1 THEN $5 ELSE organisation_id END, "
                 "authority_id = CASE WHEN $6 = 1 THEN $7 ELSE authority_id END, "
                 "district = CASE WHEN $8 = 1 THEN $9 ELSE district END, status = COALESCE($10, status), "
                 "locked_until = CASE WHEN $11 = 1 THEN 0 ELSE locked_until END, "
                 "failed_logins = CASE WHEN $11 = 1 THEN 0 ELSE failed_logins END, "
                 "version = version + 1, updated_at = $12 WHERE id = $13 AND version = $14",
                 {store::opt(c.name), store::opt(c.role), store::opt(c.language), given(c.organisation_id.has_value()),
                  store::opt(c.organisation_id.value_or(std::nullopt)), given(c.authority_id.has_value()),
                  store::opt(c.authority_id.value_or(std::nullopt)), given(c.district.has_value()),
                  store::opt(c.district.value_or(std::nullopt)), store::opt(c.status), given(c.unlock), now_iso(), id, version}) == 1;
}

void set_password(store::Tx& tx, std::int64_t id, const std::string& password_hash) {
  tx.exec("UPDATE users SET password_hash = $1, version = version + 1, updated_at = $2 WHERE id = $3", {password_hash, now_iso(), id});
}

void set_signed_in(store::Tx& tx, std::int64_t id, const std::optional<std::string>& rehash) {
  tx.exec("UPDATE users SET failed_logins = 0, password_hash = COALESCE($1, password_hash) WHERE id = $2", {store::opt(rehash), id});
}

NewSession create_session(store::Tx& tx, std::int64_t user_id, const SessionTimes& t, std::string_view ip,
                          std::string_view user_agent) {
  NewSession s{random_token(), random_token()};
  auto now = now_unix();
  tx.exec("INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at, expires_at, ip, user_agent) "
          "VALUES ($1,$2,$3,$4,$4,$5,$6,$7)",
          {hash_hex(s.token), user_id, s.csrf, now, now + t.absolute_seconds, std::string(ip),
           std::string(user_agent.substr(0, 300))});
  return s;
}

std::optional<Principal> resolve_session(store::Database& db, std::string_view token, const SessionTimes& t) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  std::string h = hash_hex(token);
  auto now = now_unix();
  std::int64_t last_seen = 0;
  Principal p;
  {
    auto tx = db.read_one();
    auto c = tx.query(std::string("SELECT ") + kPrincipalCols + ", s.csrf, "
                      "s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
                      "WHERE s.token_hash = $1 AND u.status = 'active'",
                      {h});
    if (!c->next()) return std::nullopt;
    read_principal(*c, p);
    p.csrf = c->str(8);
    last_seen = c->i64(9);
    p.session_expires_at = c->i64(10);
  }
  p.session_hash = h;
  if (now >= p.session_expires_at || now - last_seen > t.idle_seconds) return std::nullopt;
  if (now - last_seen > std::min(60, t.idle_seconds / 2)) {
    auto tx = db.write();
    tx.exec("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", {now, h});
    tx.commit();
  }
  return p;
}

void delete_session(store::Tx& tx, std::string_view token_hash) {
  tx.exec("DELETE FROM sessions WHERE token_hash = $1", {std::string(token_hash)});
}

void delete_user_sessions(store::Tx& tx, std::int64_t user_id, std::string_view except_hash) {
  tx.exec("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", {user_id, std::string(except_hash)});
}
}  // namespace sp::auth

namespace sp::auth {
void issue_password_mail(store::Tx& tx, const Vault& vault, std::int64_t user_id, std::string_view purpose, int hours) {
  auto token = random_token();
  tx.exec("INSERT INTO password_mails (user_id, purpose, token_hash, token_sealed, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6)",
          {user_id, std::string(purpose), hash_hex(token), vault.seal(token), now_iso(), iso_from_unix(now_unix() + hours * 3600LL)});
}

std::vector<PasswordMail> unsent_password_mails(store::Tx& tx, const Vault& vault) {
  std::vector<PasswordMail> out;
  auto c = tx.query(
      "SELECT m.id, u.email, u.name, u.language, m.purpose, m.token_sealed, m.expires_at FROM password_mails m JOIN users u ON "
      "u.id = m.user_id WHERE m.sent_at IS NULL AND m.token_sealed IS NOT NULL AND m.expires_at > $1 AND u.status = 'active' "
      "ORDER BY m.id LIMIT 100",
      {now_iso()});
  while (c->next()) {
    try {
      out.push_back({c->i64(0), c->str(1), c->str(2), c->str(3), c->str(4), vault.open(c->text(5)), c->str(6)});
    } catch (const std::exception&) {
      // sealed under another key: it cannot be sent, and expires unused
    }
  }
  return out;
}

bool claim_password_mail(store::Tx& tx, std::int64_t id) {
  return tx.exec("UPDATE password_mails SET sent_at = $1, token_sealed = NULL WHERE id = $2 AND sent_at IS NULL", {now_iso(), id}) == 1;
}

std::optional<PasswordMailUse> valid_password_mail(store::Tx& tx, std::string_view token) {
  auto c = tx.query("SELECT id, user_id, purpose FROM password_mails WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                    {hash_hex(token), now_iso()});
  if (!c->next()) return std::nullopt;
  return PasswordMailUse{c->i64(0), c->i64(1), c->str(2)};
}

void use_password_mails(store::Tx& tx, std::int64_t user_id) {
  tx.exec("UPDATE password_mails SET used_at = $1, token_sealed = NULL WHERE user_id = $2 AND used_at IS NULL", {now_iso(), user_id});
}
}  // namespace sp::auth
