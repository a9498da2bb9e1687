#include "audit/audit.hpp"

#include <boost/json.hpp>

#include <set>

#include "platform/context.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "platform/policy.hpp"
#include "store/data_version.hpp"

namespace sp::audit {

Actor actor_of(const http::Request& req) {
  Actor a;
  if (req.user) {
    a.user_id = req.user->user_id;
    a.email = req.user->email;
  }
  a.request_id = req.request_id;
  a.ip = req.remote;
  return a;
}

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
  tx.exec("INSERT INTO audit_log (at, user_id, user_email, action, entity, entity_id, summary, before_json, after_json, "
          "request_id, ip) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
          {now_iso(), store::opt(who.user_id), who.email, std::string(action), std::string(entity),
           store::opt(entity_id), std::string(summary), dump(before), dump(after), who.request_id, who.ip});
  // Every change is audited, here: so the data's version goes up here too, in the same transaction.
  // An audited read (a person's file, an identity, a month's grid, sign-in) changes no data.
  static const std::set<std::string, std::less<>> reads = {"read", "view_identity", "read_month", "read_audit", "export",
                                                            "login", "login_failed", "lock", "logout"};
  if (!reads.count(action)) store::bump_data_version(tx);
}

namespace {
http::Response list(App& app, http::Request& req) {
  auto limit = query_int(req.q("limit"), "limit", 50, 1, 200);
  auto before_id = query_int(req.q("cursor"), "cursor", 0, 0, INT64_MAX);
  auto entity_id = query_int(req.q("entity_id"), "entity_id", 0, 0, INT64_MAX);
  auto user_id = query_int(req.q("user_id"), "user_id", 0, 0, INT64_MAX);
  std::string entity = req.q("entity").value_or("");
  std::string action = req.q("action").value_or("");
  std::string from = req.q("from").value_or("");
  std::string to = req.q("to").value_or("");
  std::vector<FieldError> errs;
  if (!from.empty() && !valid_date(from)) errs.push_back({"from", "invalid_date", "Must be a date written YYYY-MM-DD"});
  if (!to.empty() && !valid_date(to)) errs.push_back({"to", "invalid_date", "Must be a date written YYYY-MM-DD"});
  if (!errs.empty()) throw Invalid(errs);
  // Newest first; the cursor is the last id seen. Each filter is off when its parameter is empty/0.
  static const std::string where =
      " WHERE (CAST($1 AS BIGINT) = 0 OR id < CAST($1 AS BIGINT)) AND (CAST($2 AS TEXT) = '' OR entity = $2)"
      " AND (CAST($3 AS BIGINT) = 0 OR entity_id = CAST($3 AS BIGINT))"
      " AND (CAST($4 AS BIGINT) = 0 OR user_id = CAST($4 AS BIGINT)) AND (CAST($5 AS TEXT) = '' OR action = $5)"
      " AND (CAST($6 AS TEXT) = '' OR at >= $6) AND (CAST($7 AS TEXT) = '' OR at < $7)";
  std::string to_excl = to.empty() ? "" : to + "T99";  // inclusive of the whole 'to' day
  store::Params p{before_id, entity, entity_id, user_id, action, from, to_excl};
  auto tx = app.db->read();
  boost::json::array items;
  p.push_back(limit + 1);
  auto c = tx.query("SELECT id, at, user_id, user_email, action, entity, entity_id, summary, before_json, after_json, "
                    "request_id FROM audit_log" + where + " ORDER BY id DESC LIMIT $8",
                    p);
  std::int64_t last = 0;
  bool more = false;
  // A person's before/after (sex, birth year, disability, plan goals) goes only to those who may see
  // the person (policy): for everyone else a person's rows say who, when and what, nothing more. The
  // bodies that are shown are themselves a read of personal data, audited below.
  const bool person_bodies = policy::may_read_person_audit_body(req.me(), false);
  std::int64_t bodies_shown = 0;
  while (c->next()) {
    if (static_cast<std::int64_t>(items.size()) == limit) {
      more = true;
      break;
    }
    boost::json::object o;
    last = c->i64(0);
    o["id"] = last;
    o["at"] = c->str(1);
    o["user_id"] = c->is_null(2) ? boost::json::value() : boost::json::value(c->i64(2));
    o["user_email"] = c->str(3);
    o["action"] = c->str(4);
    o["entity"] = c->str(5);
    o["entity_id"] = c->is_null(6) ? boost::json::value() : boost::json::value(c->i64(6));
    o["summary"] = c->str(7);
    const bool about_person = c->str(5) == "person";
    const bool withheld = about_person && !person_bodies;
    o["before"] = c->is_null(8) || withheld ? boost::json::value() : boost::json::parse(c->text(8));
    o["after"] = c->is_null(9) || withheld ? boost::json::value() : boost::json::parse(c->text(9));
    if (about_person && !withheld && (!c->is_null(8) || !c->is_null(9))) ++bodies_shown;
    o["request_id"] = c->str(10);
    items.push_back(std::move(o));
  }
  c.reset();
  if (bodies_shown) {
    auto w = app.db->write();
    record(w, actor_of(req), "read_audit", "person", std::nullopt, nullptr, nullptr,
           std::to_string(bodies_shown) + " audit rows with a person's data read");
    w.commit();
  }
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = more ? boost::json::value(std::to_string(last)) : boost::json::value();
  return http::Response::json(out);
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/audit", "audit.read", [&app](http::Request& req) { return list(app, req); });
}
}  // namespace sp::audit
