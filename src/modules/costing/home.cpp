#include "modules/costing/home.hpp"

#include "modules/costing/operations.hpp"
#include "modules/costing/repo.hpp"

namespace sp::costing {
std::vector<platform::Waiting> home_kinds() {
  return {{"cost_models_to_approve", "cost_model", [](const auth::Principal& me) { return me.can("costing.write"); },
           [](store::Tx& tx, const auth::Principal& me, const std::string&) {
             std::vector<platform::WaitingItem> out;
             auto mine = territory_of(tx, me);
             for (const auto& m : submitted_models(tx))
               if (!policy::cost_approval_refusal(me, owner_of(m), mine, m.submitted_by))
                 out.push_back({m.id, m.name, m.submitted_at.value_or(m.updated_at).substr(0, 10), std::to_string(m.year)});
             return out;
           },
           true}};
}
}  // namespace sp::costing
