// The audit trail over HTTP: GET /audit (filters, keyset paging) and how a request names its actor.
#include "audit/routes.hpp"

#include <boost/json.hpp>

#include "common/json.hpp"
#include "common/time.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "platform/policy.hpp"

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

namespace {
http::Response list(App& app, http::Request& req) {
  Filter f;
  f.limit = query_int(req.q("limit"), "limit", 50, 1, 200);
  f.before_id = query_int(req.q("cursor"), "cursor", 0, 0, INT64_MAX);
  f.entity_id = query_int(req.q("entity_id"), "entity_id", 0, 0, INT64_MAX);
  f.user_id = query_int(req.q("user_id"), "user_id", 0, 0, INT64_MAX);
  f.entity = req.q("entity").value_or("");
  f.action = req.q("action").value_or("");
  f.from = req.q("from").value_or("");
  f.to = req.q("to").value_or("");
  std::vector<FieldError> errs;
  if (!f.from.empty() && !valid_date(f.from)) errs.push_back({"from", "invalid_date", "Must be a date written YYYY-MM-DD"});
  if (!f.to.empty() && !valid_date(f.to)) errs.push_back({"to", "invalid_date", "Must be a date written YYYY-MM-DD"});
  if (!errs.empty()) throw Invalid(errs);
  std::vector<Row> found;
  {
    auto tx = app.db->read();
    found = rows(tx, f);
  }
  bool more = static_cast<std::int64_t>(found.size()) > f.limit;
  if (more) found.pop_back();
  // A person's before/after (sex, birth year, disability, plan goals) goes only to those who may see
  // the person (policy): for everyone else a person's rows say who, when and what, nothing more. The
  // bodies that are shown are themselves a read of personal data, audited below.
  const bool person_bodies = policy::may_read_person_audit_body(req.me(), false);
  std::int64_t bodies_shown = 0;
  boost::json::array items;
  for (const auto& r : found) {
    const bool about_person = r.entity == "person";
    const bool withheld = about_person && !person_bodies;
    auto body = [&](const std::optional<std::string>& j) { return !j || withheld ? boost::json::value() : boost::json::parse(*j); };
    if (about_person && !withheld && (r.before_json || r.after_json)) ++bodies_shown;
    items.push_back({{"id", r.id},         {"at", r.at},           {"user_id", nullable(r.user_id)}, {"user_email", r.user_email},
                     {"action", r.action}, {"entity", r.entity},   {"entity_id", nullable(r.entity_id)},
                     {"summary", r.summary}, {"before", body(r.before_json)}, {"after", body(r.after_json)},
                     {"request_id", r.request_id}});
  }
  if (bodies_shown) {
    auto w = app.db->write();
    record(w, actor_of(req), "read_audit", "person", std::nullopt, nullptr, nullptr,
           std::to_string(bodies_shown) + " audit rows with a person's data read");
    w.commit();
  }
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = more ? boost::json::value(std::to_string(found.back().id)) : boost::json::value();
  return http::Response::json(out);
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/audit", "audit.read", [&app](http::Request& req) { return list(app, req); });
}
}  // namespace sp::audit
