#pragma once
// Monitoring visits to records of any capability monitored on the ground (a grant agreement, a social
// services contract), owned by the platform: the table, what a visit holds (the day, the findings, the
// follow-up actions with their due days), its validation and JSON, and the route every visit shares
// (PATCH /api/v1/visits/{id}: the actions marked done or added). Each owner type says who may record
// and follow up its visits (register_visit_owner). A capability's own route to record one is an `add`
// under its owner (platform/write.hpp) that reads the body with read_new_visit and calls insert_visit.
#include <boost/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "http/router.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"
#include "store/database.hpp"

namespace sp::platform {
struct VisitOwner {
  // nullopt: the principal may record and follow up visits to this owner (called inside a
  // transaction; refuse when the owner does not exist).
  std::function<std::optional<Say>(const auth::Principal&, store::Tx&, std::int64_t)> refusal;
  // How the audit trail names the owner (its number).
  std::function<std::string(store::Tx&, std::int64_t)> label;
  // The owner's id under its own name in a visit's JSON ("agreement_id", "contract_id").
  std::string id_field;
};
// REQUIRES: called while routes are registered, before the server starts.
void register_visit_owner(const std::string& owner_type, VisitOwner o);

struct NewVisit {
  std::string visited_on, findings;
  boost::json::array actions;  // [{action, due_on, done}]
};
// The body of a new visit {visited_on, findings, actions}; every wrong field named in `v` (a visit is
// recorded once it took place: not in the future). The caller finishes `v`.
NewVisit read_new_visit(Validator& v);
// Follow-up actions [{action, due_on?, done?}].
boost::json::array read_visit_actions(Validator& v, Need need);

std::int64_t insert_visit(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id, const NewVisit& n, std::int64_t user_id);
// A capability's `add` of a visit, its insert step: the visit kept, `told` notified of its follow-up
// actions ("visit_actions", naming the owner by `number`) when there are any, and the answer (201).
Added record_visit(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id, const NewVisit& n, std::int64_t user_id,
                   const std::vector<std::int64_t>& told, const std::string& number);
// An owner's visits, oldest first (or the one `only`), as the API shows them.
boost::json::array visits_of(store::Tx& tx, std::string_view owner_type, std::int64_t owner_id, std::optional<std::int64_t> only = {});

// PATCH /api/v1/visits/{id}: the follow-up actions replaced (marked done, added), for whom the owner
// type allows.
Written visit_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const boost::json::object& body);
void register_visit_routes(App& app, http::Router& r);
}  // namespace sp::platform
