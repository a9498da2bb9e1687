#include "modules/onboarding/home.hpp"

#include "modules/onboarding/repo.hpp"

namespace sp::onboarding {
std::vector<platform::Waiting> home_kinds() {
  return {{"account_requests", "account_request", [](const auth::Principal& me) { return me.can("accounts.approve"); },
           [](store::Tx& tx, const auth::Principal&, const std::string&) {
             std::vector<platform::WaitingItem> out;
             for (const auto& r : pending_requests(tx)) out.push_back({r.id, r.organisation_name, r.created_at.substr(0, 10), r.idno});
             return out;
           },
           true}};
}
}  // namespace sp::onboarding
