// The registry's part of each home: the partnerships an authority or a CSO is a party to, those
// ending first at the top.
#include "modules/registry/home.hpp"

#include "platform/policy.hpp"

namespace sp::registry {
std::vector<platform::Waiting> home_kinds() {
  return {
      {"my_partnerships", "partnership",
       [](const auth::Principal& me) {
         return (policy::is_authority_staff(me) && me.authority_id) || (policy::is_cso_staff(me) && me.organisation_id);
       },
       [](store::Tx& tx, const auth::Principal& me, const std::string&) {
         auto party = policy::party_of(me);
         return platform::waiting_rows(
             tx,
             // The user's party's partnerships, each side found by its own index.
             "SELECT p.id, p.title, p.ends_on, p.status FROM partnerships p WHERE p.status IN ('draft', 'active') AND p.id IN "
             "(SELECT partnership_id FROM partnership_parties WHERE organisation_id = $1 UNION SELECT partnership_id FROM "
             "partnership_parties WHERE authority_id = $2) "
             "ORDER BY CASE WHEN p.ends_on IS NULL THEN 1 ELSE 0 END, p.ends_on, p.title",
             {party.organisation_id.value_or(0), party.authority_id.value_or(0)});
       }},
  };
}
}  // namespace sp::registry
