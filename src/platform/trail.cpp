// The audit trail as its readers see it (trail.hpp).
#include "platform/trail.hpp"

#include <boost/json.hpp>

#include "common/json.hpp"
#include "platform/policy.hpp"

namespace sp::platform {
Written trail_page(App& app, const Caller& c, const audit::Filter& f) {
  std::vector<audit::Row> found;
  {
    auto tx = app.db->read();
    found = audit::rows(tx, f);
  }
  bool more = static_cast<std::int64_t>(found.size()) > f.limit;
  if (more) found.pop_back();
  // A person's before/after (sex, birth year, disability, plan goals) goes only to those who may see
  // the person (policy): for everyone else a person's rows say who, when and what, nothing more. The
  // bodies that are shown are themselves a read of personal data, audited below.
  const bool person_bodies = policy::may_read_person_audit_body(c.me, false);
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
                     {"request_id", r.request_id}, {"via_token", r.via_token ? boost::json::value(*r.via_token) : boost::json::value()}});
  }
  if (bodies_shown) {
    auto w = app.db->write();
    audit::record(w, c.actor, "read_audit", "person", std::nullopt, nullptr, nullptr,
                  std::to_string(bodies_shown) + " audit rows with a person's data read");
    w.commit();
  }
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = more ? boost::json::value(std::to_string(found.back().id)) : boost::json::value();
  return {std::move(out)};
}
}  // namespace sp::platform
