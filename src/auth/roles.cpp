#include "auth/roles.hpp"

#include <algorithm>
#include <map>

namespace sp::auth {
namespace {
// Deny by default: a permission not listed for a role is refused.
const std::map<std::string, std::vector<std::string>, std::less<>>& table() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> t = {
      {"admin",
       {"registry.read", "organisations.write", "organisations.import", "authorities.write", "partnerships.write",
        "documents.write", "units.write", "users.manage", "audit.read", "grants.read", "calls.manage",
        "evaluations.manage", "agreements.manage", "amendments.request", "visits.write", "services.read",
        "services.write", "accounts.approve", "costing.read", "costing.write", "costing.parameters", "contracting.read", "contracting.write",
        "contracting.parameters", "results.read", "results.manage", "results.enter", "metrics.read", "webhooks.manage"}},
      {"officer",
       {"registry.read", "organisations.write", "organisations.import", "authorities.write", "partnerships.write",
        "documents.write", "audit.read", "grants.read", "calls.manage", "evaluations.manage", "agreements.manage",
        "amendments.request", "visits.write", "services.read", "services.write", "accounts.approve", "costing.read",
        "costing.write", "costing.parameters", "contracting.read", "contracting.parameters", "results.read", "results.manage", "results.enter", "webhooks.manage"}},
      {"evaluator", {"registry.read", "grants.read", "evaluations.score", "results.read"}},
      {"cso_staff", {"registry.read", "organisations.write", "partnerships.write", "documents.write", "grants.read",
                     "applications.write", "reports.write", "amendments.request", "services.read", "services.write",
                     "people.read", "people.write", "costing.read", "costing.write", "contracting.read", "contracting.offer", "results.read", "results.enter", "webhooks.manage"}},
      {"case_worker", {"registry.read", "services.read", "people.read", "people.write", "results.read"}},
      {"lpa_staff", {"registry.read", "authorities.write", "partnerships.write", "documents.write", "grants.read",
                     "applications.confirm", "services.read", "services.write", "costing.read", "costing.write", "contracting.read",
                     "contracting.write", "visits.write", "results.read", "webhooks.manage"}},
      {"monitor", {"registry.read", "grants.read", "visits.write", "services.read", "costing.read", "contracting.read", "results.read", "results.enter"}},
      {"auditor", {"registry.read", "audit.read", "grants.read", "services.read", "costing.read", "contracting.read", "results.read"}},
  };
  return t;
}
}  // namespace

const std::vector<std::string>& all_roles() {
  static const std::vector<std::string> r = {"admin",       "officer",   "evaluator", "cso_staff",
                                             "case_worker", "lpa_staff", "monitor",   "auditor"};
  return r;
}

bool valid_role(std::string_view role) { return table().find(role) != table().end(); }

bool role_can(std::string_view role, std::string_view permission) {
  auto it = table().find(role);
  if (it == table().end()) return false;
  return std::find(it->second.begin(), it->second.end(), permission) != it->second.end();
}

Scope role_scope(std::string_view role) {
  if (role == "cso_staff") return Scope::OwnOrganisation;
  if (role == "case_worker") return Scope::Assigned;
  if (role == "lpa_staff") return Scope::OwnAuthority;
  return Scope::All;  // admin, officer, evaluator, monitor, auditor (the last three read only)
}

std::vector<std::string> role_permissions(std::string_view role) {
  auto it = table().find(role);
  return it == table().end() ? std::vector<std::string>{} : it->second;
}

bool Principal::can(std::string_view permission) const {
  if (!role_can(role, permission)) return false;
  return !token_id || std::find(token_permissions.begin(), token_permissions.end(), permission) != token_permissions.end();
}
Scope Principal::scope() const { return role_scope(role); }
}  // namespace sp::auth
