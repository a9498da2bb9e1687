#include "audit/audit.hpp"

#include <boost/json.hpp>

#include <set>

#include "common/json.hpp"
#include "common/time.hpp"
#include "store/data_version.hpp"

namespace sp::audit {

Actor system_actor(std::string name) {
  Actor a;
  a.email = std::move(name);
  return a;
}

void record(store::Tx& tx, const Actor& who, std::string_view action, std::string_view entity,
            std::optional<std::int64_t> entity_id, const boost::json::value& before, const boost::json::value& after,
            std::string_view summary) {
  auto dump = [](const boost::json::value& v) -> store::Param {
    if (v.is_null()) return {};
    return boost::json::serialize(v);
  };
  // Every change is audited, here: so the data's version goes up here too, in the same transaction,
  // and the row keeps the version it made (changes() reads the trail as the log of what changed).
  // An audited read (a person's file, an identity, a month's grid, sign-in) changes no data.
  static const std::set<std::string, std::less<>> reads = {"read", "view_identity", "read_month", "read_audit", "export",
                                                            "login", "login_failed", "lock", "logout"};
  std::optional<std::int64_t> version;
  if (!reads.count(action)) version = store::bump_data_version(tx);
  tx.exec("INSERT INTO audit_log (at, user_id, user_email, action, entity, entity_id, summary, before_json, after_json, "
          "request_id, ip, data_version, via_token) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)",
          {now_iso(), store::opt(who.user_id), who.email, std::string(action), std::string(entity),
           store::opt(entity_id), std::string(summary), dump(before), dump(after), who.request_id, who.ip, store::opt(version),
           who.token.empty() ? store::Param{} : store::Param{who.token}});
}

std::optional<std::vector<Changed>> changes(store::Tx& tx, std::int64_t after, std::int64_t upto, const std::vector<std::string>& entities,
                                            std::size_t at_most) {
  std::vector<Changed> out;
  if (entities.empty() || upto <= after) return out;
  std::string in;
  store::Params p{after, upto};
  for (const auto& e : entities) {
    p.push_back(e);
    in += (in.empty() ? "$" : ", $") + std::to_string(p.size());
  }
  p.push_back(static_cast<std::int64_t>(at_most) + 1);
  // Each record once, however often it changed (a month's grid saved a hundred times is one service).
  auto c = tx.query("SELECT entity, entity_id FROM audit_log WHERE data_version > $1 AND data_version <= $2 AND entity IN (" + in +
                        ") GROUP BY entity, entity_id ORDER BY entity, entity_id LIMIT $" + std::to_string(p.size()),
                    p);
  while (c->next()) {
    if (c->is_null(1) || out.size() == at_most) return std::nullopt;
    out.push_back({c->str(0), c->i64(1)});
  }
  return out;
}

boost::json::array trail_of(store::Tx& tx, std::string_view entity, std::int64_t entity_id) {
  boost::json::array trail;
  auto c = tx.query("SELECT at, user_email, action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id", {std::string(entity), entity_id});
  while (c->next()) trail.push_back({{"at", c->str(0)}, {"by", c->str(1)}, {"action", c->str(2)}});
  return trail;
}

void erase_bodies(store::Tx& tx, std::string_view entity, std::int64_t entity_id) {
  tx.exec("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = $1 AND entity_id = $2", {std::string(entity), entity_id});
}

std::vector<Row> rows(store::Tx& tx, const Filter& f) {
  static const std::string where =
      " WHERE (CAST($1 AS BIGINT) = 0 OR id < CAST($1 AS BIGINT)) AND (CAST($2 AS TEXT) = '' OR entity = $2)"
      " AND (CAST($3 AS BIGINT) = 0 OR entity_id = CAST($3 AS BIGINT))"
      " AND (CAST($4 AS BIGINT) = 0 OR user_id = CAST($4 AS BIGINT)) AND (CAST($5 AS TEXT) = '' OR action = $5)"
      " AND (CAST($6 AS TEXT) = '' OR at >= $6) AND (CAST($7 AS TEXT) = '' OR at < $7)";
  std::string to_excl = f.to.empty() ? "" : f.to + "T99";  // inclusive of the whole 'to' day
  auto c = tx.query("SELECT id, at, user_id, user_email, action, entity, entity_id, summary, before_json, after_json, "
                    "request_id, via_token FROM audit_log" + where + " ORDER BY id DESC LIMIT $8",
                    {f.before_id, f.entity, f.entity_id, f.user_id, f.action, f.from, to_excl, f.limit + 1});
  std::vector<Row> out;
  while (c->next())
    out.push_back({c->i64(0), c->str(1), c->opt_i64(2), c->opt_i64(6), c->str(3), c->str(4), c->str(5), c->str(7), c->str(10),
                   c->opt_str(8), c->opt_str(9), c->opt_str(11)});
  return out;
}
}  // namespace sp::audit
