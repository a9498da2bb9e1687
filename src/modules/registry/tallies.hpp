#pragma once
// What the registry's records add to the platform's tallies (platform/tallies.hpp, decision 0024),
// kept in the same transaction as the partnership they count:
// - "partnerships": partnerships between a CSO and a public authority (at least one of each among its
//   parties) that are active or ended — a draft is not yet one, an archived one was a mistake — in the
//   month they start, in the district of their first authority with a district and in the country;
// - "cofinancing": what the authorities among its parties committed, by currency and kind (cash or in
//   kind), the same way.
#include <cstdint>
#include <string>
#include <vector>

#include "platform/tallies.hpp"
#include "store/database.hpp"

namespace sp::registry {
inline constexpr const char* kPartnerships = "partnerships";
inline constexpr const char* kCofinancing = "cofinancing";

// A partnership as the tallies count it now (nothing when it does not count), to be taken back before
// it changes and counted again after.
struct PartnershipCounted {
  bool counts = false;
  std::string month, district;                       // district '': the country only
  std::vector<std::pair<std::string, std::int64_t>> cofinancing;  // (dims "cur=…;kind=…", minor)
};
PartnershipCounted partnership_counted(store::Tx& tx, std::int64_t partnership_id);
// Adds (sign 1) or takes back (sign -1) what a partnership counts.
void tally_partnership(store::Tx& tx, const PartnershipCounted& p, int sign);
void rebuild_registry_tallies(store::Tx& tx);
void count_registry_span(store::Tx& tx, const platform::tallies::Span& s);
// Partnerships and co-financing per year, in each district and the country, against direct counts.
std::vector<std::string> check_registry_tallies(store::Tx& tx);
}  // namespace sp::registry
