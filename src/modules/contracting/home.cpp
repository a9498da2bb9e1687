#include "modules/contracting/home.hpp"

#include <algorithm>

#include "common/time.hpp"
#include "modules/contracting/kinds.hpp"
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
      // The authority: awarded purchases whose standstill is over with no complaint open and a lot
      // still without a signed contract — due on the standstill's last day.
      {"contracts_to_sign", "purchase", [](Me me) { return me.authority_id && policy::may_keep_contracting(me, *me.authority_id); },
       [](store::Tx& tx, Me me, const std::string&) {
         std::vector<platform::WaitingItem> out;
         PurchaseFilter f;
         f.authority_id = *me.authority_id;
         f.status = "standstill";
         auto now = now_iso();
         for (const auto& p : list_purchases(tx, f, 100, 0)) {
           if (!p.standstill_until || *p.standstill_until > now) continue;
           auto complaints = complaints_of(tx, p.id);
           if (std::any_of(complaints.begin(), complaints.end(), [](const Complaint& c) { return c.status == "open"; })) continue;
           out.push_back({p.id, p.number.value_or(p.title), utc_to_chisinau(*p.standstill_until).substr(0, 10), p.title});
         }
         return out;
       }},
      // The authority: monthly reports submitted for verification, due ten days after submission.
      {"reports_to_verify", "contract_report", [](Me me) { return me.authority_id && policy::may_keep_contracting(me, *me.authority_id); },
       [](store::Tx& tx, Me me, const std::string&) {
         std::vector<platform::WaitingItem> out;
         for (const auto& c : list_contracts(tx, *me.authority_id, std::nullopt))
           for (const auto& r : report_sums(tx, c.id))
             if (r.status == "submitted")
               out.push_back({r.id, c.number.value_or("") + " · " + r.month,
                              add_days(utc_to_chisinau(r.submitted_at.value_or(now_iso())).substr(0, 10), kVerificationDays),
                              organisation_name(tx, c.organisation_id)});
         std::sort(out.begin(), out.end(), [](const auto& a, const auto& z) { return a.due_on < z.due_on; });
         return out;
       }},
      // A provider: the month just ended of each signed contract, while its report is not yet
      // submitted (none, a draft, or returned) — due on the tenth of this month.
      {"reports_to_prepare", "contract", [](Me me) { return policy::may_offer(me); },
       [](store::Tx& tx, Me me, const std::string& today) {
         std::vector<platform::WaitingItem> out;
         auto month = add_months(today.substr(0, 7) + "-01", -1).substr(0, 7);
         for (const auto& c : list_contracts(tx, std::nullopt, *me.organisation_id)) {
           if (c.status != "signed" || c.starts_on.substr(0, 7) > month || c.ends_on.substr(0, 7) < month) continue;
           bool ready = false;
           for (const auto& r : report_sums(tx, c.id))
             if (r.month == month && r.status != "draft" && r.status != "returned") ready = true;
           if (!ready) out.push_back({c.id, c.number.value_or("") + " · " + month, today.substr(0, 8) + "10", c.lot});
         }
         return out;
       }},
  };
}
}  // namespace sp::contracting
