#include "modules/results/home.hpp"

#include "modules/results/repo.hpp"
#include "platform/policy.hpp"

namespace sp::results {
std::vector<platform::Waiting> home_kinds() {
  // Each opens its programme's page, where the logframe holds the value with its approve and return.
  return {{"indicator_values_to_approve", "programme", [](const auth::Principal& me) { return me.can("results.manage"); },
           [](store::Tx& tx, const auth::Principal& me, const std::string&) {
             std::vector<platform::WaitingItem> out;
             for (const auto& w : submitted_values(tx))
               if (!policy::indicator_value_approval_refusal(me, w.v.submitted_by))
                 out.push_back({w.programme_id, w.programme_code + " · " + w.code + " · " + w.v.period + ": " + w.v.value,
                                w.v.submitted_at.value_or(w.v.updated_at).substr(0, 10), w.v.period});
             return out;
           },
           true}};
}
}  // namespace sp::results
