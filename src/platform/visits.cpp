#include "platform/visits.hpp"

#include <map>

#include "common/time.hpp"
#include "platform/notifications.hpp"

namespace sp::platform {
namespace bj = boost::json;
namespace {
std::map<std::string, VisitOwner, std::less<>>& owners() {
  static std::map<std::string, VisitOwner, std::less<>> o;
  return o;
}
const VisitOwner* owner_type(std::string_view type) {
  auto it = owners().find(type);
  return it == owners().end() ? nullptr : &it->second;
}

struct Visit {
  std::int64_t id = 0, owner_id = 0, version = 0;
  std::string owner_type, label;  // label: how the audit trail names the owner (its number)
};

std::optional<Visit> find_visit(store::Tx& tx, std::int64_t id) {
  auto c = tx.query("SELECT id, owner_type, owner_id, version FROM visits WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  Visit v{c->i64(0), c->i64(2), c->i64(3), c->str(1), ""};
  const auto* o = owner_type(v.owner_type);
  v.label = o && o->label ? o->label(tx, v.owner_id) : v.owner_type + " " + std::to_string(v.owner_id);
  return v;
}

Kind<Visit> visit_kind() {
  return {.not_found = "No such visit",
          .stale = "The visit was changed by someone else",
          .find = find_visit,
          .version = [](const Visit& v) { return v.version; },
          .subject = [](const Visit& v) { return Subject{"visit", v.id, v.label}; },
          .show = [](store::Tx& tx, const Visit& v) { return visits_of(tx, v.owner_type, v.owner_id, v.id).at(0).as_object(); }};
}
}  // namespace

void register_visit_owner(const std::string& type, VisitOwner o) { owners()[type] = std::move(o); }

bj::array read_visit_actions(Validator& v, Need need) {
  bj::array actions;
  v.each_object("actions", need, 100, [&](Validator& av, std::size_t) {
    av.only({"action", "due_on", "done"});
    auto action = av.text("action", Need::Required, 2000, true);
    auto due = av.date("due_on", Need::Optional);
    auto done = av.boolean("done", Need::Optional).value_or(false);
    actions.push_back({{"action", action.value_or("")}, {"due_on", nullable(due)}, {"done", done}});
  });
  return actions;
}

NewVisit read_new_visit(Validator& v) {
  v.only({"visited_on", "findings", "actions"});
  NewVisit n;
  auto visited = v.date("visited_on", Need::Required);
  n.findings = v.text("findings", Need::Required, 20000, true).value_or("");
  n.actions = read_visit_actions(v, Need::Optional);
  if (visited && *visited > today()) v.add("visited_on", "in_future", "A visit is recorded once it took place");
  n.visited_on = visited.value_or("");
  return n;
}

std::int64_t insert_visit(store::Tx& tx, std::string_view type, std::int64_t owner_id, const NewVisit& n, std::int64_t user_id) {
  return *tx.scalar("INSERT INTO visits (owner_type, owner_id, visited_on, findings, actions, by_user, created_at) "
                    "VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                    {std::string(type), owner_id, n.visited_on, n.findings, bj::serialize(n.actions), user_id, now_iso()});
}

Added record_visit(store::Tx& tx, std::string_view type, std::int64_t owner_id, const NewVisit& n, std::int64_t user_id,
                   const std::vector<std::int64_t>& told, const std::string& number) {
  auto id = insert_visit(tx, type, owner_id, n, user_id);
  if (!n.actions.empty()) notify(tx, told, "visit_actions", std::string(type), owner_id, {{"number", number}, {"actions", n.actions.size()}});
  auto out = visits_of(tx, type, owner_id, id).at(0).as_object();
  auto version = out.at("version").as_int64();
  bj::value kept = out;
  return Added{{std::move(out), version, 201}, std::move(kept)};
}

bj::array visits_of(store::Tx& tx, std::string_view type, std::int64_t owner_id, std::optional<std::int64_t> only) {
  bj::array out;
  std::string sql = "SELECT v.id, v.visited_on, v.findings, v.actions, COALESCE(u.name, ''), v.version, v.created_at "
                    "FROM visits v LEFT JOIN users u ON u.id = v.by_user WHERE v.owner_type = $1 AND v.owner_id = $2";
  store::Params p{std::string(type), owner_id};
  if (only) {
    sql += " AND v.id = $3";
    p.push_back(*only);
  }
  const auto* o = owner_type(type);
  auto c = tx.query(sql + " ORDER BY v.visited_on, v.id", p);
  while (c->next()) {
    bj::object v{{"id", c->i64(0)},      {"owner_type", type},         {"owner_id", owner_id},
                 {"visited_on", c->str(1)}, {"findings", c->str(2)},    {"actions", bj::parse(c->text(3))},
                 {"by", c->str(4)},       {"version", c->i64(5)},      {"created_at", c->str(6)}};
    if (o && !o->id_field.empty()) v[o->id_field] = owner_id;
    out.push_back(std::move(v));
  }
  return out;
}

Written visit_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const bj::object& body) {
  Validator v(body);
  v.only({"actions"});
  auto actions = read_visit_actions(v, Need::Required);
  v.finish();
  return change<Visit>(*app.db, c, id, version, v, visit_kind(),
                       {.action = "update",
                        .refuse = [&](store::Tx& tx, const Visit& x) -> std::optional<Say> {
                          const auto* o = owner_type(x.owner_type);
                          if (!o) return say("visits_not_here", "Visits of this kind cannot be changed here");
                          return o->refusal(c.me, tx, x.owner_id);
                        },
                        .check = {},
                        .apply = [&](store::Tx& tx, const Visit& x) {
                          return tx.exec("UPDATE visits SET actions = $1, version = version + 1 WHERE id = $2 AND version = $3",
                                         {bj::serialize(actions), id, x.version}) == 1;
                        },
                        .before = [](store::Tx& tx, const Visit& x) -> bj::value { return visits_of(tx, x.owner_type, x.owner_id, x.id).at(0); },
                        .after = {}});
}

void register_visit_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("PATCH", "/api/v1/visits/{id}", "visits.write", h([](App& a, http::Request& q) {
          return answer(visit_update(a, caller_of(q), q.id(), q.if_match(), parse_object(q.body)));
        }));
}
}  // namespace sp::platform
