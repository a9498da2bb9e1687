#include "platform/directory.hpp"

#include "store/query.hpp"

namespace sp::platform {

std::optional<Member> active_member(store::Tx& tx, std::int64_t user_id) {
  auto c = tx.query("SELECT role, organisation_id, authority_id FROM users WHERE id = $1 AND status = 'active'", {user_id});
  if (!c->next()) return std::nullopt;
  auto role = c->str(0);
  return Member{role, policy::party_of(role, c->opt_i64(1), c->opt_i64(2))};
}

std::vector<std::int64_t> users_with_role(store::Tx& tx, const std::string& role, std::optional<std::int64_t> organisation_id,
                                          std::optional<std::int64_t> authority_id) {
  std::string sql = "SELECT id FROM users WHERE role = $1 AND status = 'active'";
  store::Params p{role};
  if (organisation_id) {
    p.push_back(*organisation_id);
    sql += " AND organisation_id = $2";
  } else if (authority_id) {
    p.push_back(*authority_id);
    sql += " AND authority_id = $2";
  }
  sql += " ORDER BY id";
  std::vector<std::int64_t> out;
  auto c = tx.query(sql, p);
  while (c->next()) out.push_back(c->i64(0));
  return out;
}

std::vector<Colleague> colleagues_of(store::Tx& tx, const policy::Party& party) {
  std::string who = party.organisation_id ? "organisation_id = $1" : "authority_id = $1 AND organisation_id IS NULL";
  store::Param key = party.organisation_id ? store::Param{*party.organisation_id} : store::opt(party.authority_id);
  std::vector<Colleague> out;
  auto c = tx.query("SELECT id, name, email, role FROM users WHERE status = 'active' AND role IN ('case_worker', 'cso_staff') AND " + who +
                        " ORDER BY name",
                    {key});
  while (c->next()) out.push_back({c->i64(0), c->str(1), c->str(2), c->str(3)});
  return out;
}

std::vector<Colleague> authority_staff(store::Tx& tx, std::int64_t authority_id) {
  std::vector<Colleague> out;
  auto c = tx.query("SELECT id, name, email, role FROM users WHERE status = 'active' AND role = $1 AND authority_id = $2 AND organisation_id IS NULL ORDER BY name",
                    {policy::role_of(policy::Audience::AuthorityStaff), authority_id});
  while (c->next()) out.push_back({c->i64(0), c->str(1), c->str(2), c->str(3)});
  return out;
}

std::map<std::int64_t, std::string> user_names(store::Tx& tx, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> out;
  for (auto id : ids) {
    if (out.contains(id)) continue;
    if (auto n = tx.scalar_text("SELECT name FROM users WHERE id = $1", {id})) out[id] = *n;
  }
  return out;
}
}  // namespace sp::platform
