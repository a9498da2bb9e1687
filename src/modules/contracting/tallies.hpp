#pragma once
// What social contracting adds to the platform's tallies (platform/tallies.hpp, decision 0024), kept
// in the same transaction as the payment:
// - "public_money_paid": what the contracting authorities paid for the services' monthly reports, in
//   the month of the payment (minor units of MDL, the currency contracts are made in), by service type,
//   in the authority's district and in the country;
// - "services_contracted": distinct services paid for from a public contract in the period (each
//   service of a contract whose month was paid), by service type.
// The share of service funding from public money is read from these beside the grants' disbursements.
#include <cstdint>
#include <string>
#include <vector>

#include "modules/contracting/model.hpp"
#include "platform/tallies.hpp"
#include "store/database.hpp"

namespace sp::contracting {
inline constexpr const char* kPublicMoneyPaid = "public_money_paid";
inline constexpr const char* kServicesContracted = "services_contracted";

// A contract's monthly report paid `minor` on `paid_on`.
void tally_report_paid(store::Tx& tx, const Contract& c, const std::string& paid_on, std::int64_t minor);
void rebuild_contract_tallies(store::Tx& tx);
void count_contract_span(store::Tx& tx, const platform::tallies::Span& s);
// Public money paid and services contracted per year, in each district and the country, against direct
// counts over the paid reports.
std::vector<std::string> check_contract_tallies(store::Tx& tx);
}  // namespace sp::contracting
