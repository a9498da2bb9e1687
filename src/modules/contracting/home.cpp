#include "modules/contracting/home.hpp"

#include "common/time.hpp"
#include "modules/contracting/repo.hpp"
#include "modules/contracting/rules.hpp"
#include "modules/services/services.hpp"
#include "platform/policy.hpp"

namespace sp::contracting {
std::vector<platform::Waiting> home_kinds() {
  using Me = const auth::Principal&;
  return {
      // The authority: offers past their deadline to open, and evaluations in progress.
      {"purchases_to_evaluate", "purchase", [](Me me) { return me.authority_id && policy::may_keep_contracting(me, *me.authority_id); },
       [](store::Tx& tx, Me me, const std::string&) {
         std::vector<platform::WaitingItem> out;
         PurchaseFilter f;
         f.authority_id = *me.authority_id;
         auto now = now_iso();
         for (const auto& p : list_purchases(tx, f, 100, 0)) {
           auto s = effective_status(p, now);
           if (s != "evaluation") continue;
           out.push_back({p.id, p.number.value_or(p.title), p.offer_deadline ? utc_to_chisinau(*p.offer_deadline).substr(0, 10) : "",
                          p.title});
         }
         return out;
       }},
      // A provider: purchases open for offers of a type its organisation is accredited for.
      {"purchases_open", "purchase", [](Me me) { return policy::may_offer(me); },
       [](store::Tx& tx, Me me, const std::string&) {
         std::vector<platform::WaitingItem> out;
         PurchaseFilter f;
         f.status = "published";
         auto now = now_iso();
         for (const auto& p : list_purchases(tx, f, 100, 0)) {
           if (!p.offer_deadline || now >= *p.offer_deadline) continue;
           auto day = utc_to_chisinau(*p.offer_deadline).substr(0, 10);
           if (!services::accredited_for(tx, *me.organisation_id, p.type_code, day)) continue;
           out.push_back({p.id, p.number.value_or(p.title), day, p.title});
         }
         return out;
       }},
  };
}
}  // namespace sp::contracting
