#pragma once
// What the grants' records add to the platform's tallies (platform/tallies.hpp, decision 0024), kept
// in the same transaction as the records:
// - "grants_committed": the amounts of the agreements signed in the period (minor units), by call and
//   currency, in the district of the project and in the country;
// - "grants_disbursed": the tranches paid in the period, the same way;
// - "csos_granted": distinct organisations with an agreement signed in the period, each under the call
//   of its first agreement there (a programme counts those of its own calls);
// - "grants_signed": the agreements signed in the period, by call (a call's dashboard counts them);
// - "services_supported": the agreements signed in the period whose lot says what the grant does to a
//   service — create, develop, extend or improve it — by call and lot (a call without lots does not say,
//   and its grants count among the CSOs granted only).
// `rebuild_grant_tallies` counts them afresh from the records; `check_grant_tallies` compares them
// with direct counts.
#include <cstdint>
#include <string>
#include <vector>

#include "platform/tallies.hpp"
#include "store/database.hpp"

namespace sp::grants {
inline constexpr const char* kGrantsCommitted = "grants_committed";
inline constexpr const char* kGrantsDisbursed = "grants_disbursed";
inline constexpr const char* kCsosGranted = "csos_granted";
inline constexpr const char* kServicesSupported = "services_supported";
inline constexpr const char* kGrantsSigned = "grants_signed";

// An agreement signed on `signed_on` (its amount committed, its organisation granted).
void tally_signature(store::Tx& tx, std::int64_t agreement_id, const std::string& signed_on);
// A tranche of an agreement paid on `paid_on`.
void tally_payment(store::Tx& tx, std::int64_t agreement_id, const std::string& paid_on, std::int64_t minor);
void rebuild_grant_tallies(store::Tx& tx);
void count_grant_span(store::Tx& tx, const platform::tallies::Span& s);
// Committed and disbursed per currency and year, and organisations granted per year, in each district
// and the country, against direct counts over the agreements and tranches: each difference named.
std::vector<std::string> check_grant_tallies(store::Tx& tx);
}  // namespace sp::grants
