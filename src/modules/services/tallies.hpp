#pragma once
// What the services' records add to the platform's tallies (platform/tallies.hpp, decision 0024),
// kept in the same transaction as the records:
// - "people_served": distinct people with at least one delivery, per month, quarter and year, in the
//   district of the service and in the country, by age group (the age reached in the period's year),
//   disability, sex and target groups;
// - "units_delivered": units delivered, by service type;
// - "deinstitutionalised": people who left a residential institution, by the people's categories.
// `rebuild_tallies` counts both afresh from the records in a few set-based statements.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "platform/tallies.hpp"
#include "store/database.hpp"

namespace sp::services {
inline constexpr const char* kPeopleServed = "people_served";
inline constexpr const char* kUnitsDelivered = "units_delivered";
// People who left a residential institution in the period (their pathway's day), in the district they
// live in and the country, by the same categories as the people served.
inline constexpr const char* kDeinstitutionalised = "deinstitutionalised";

// Per person: how many delivery records, and their units.
struct PersonRecords {
  std::int64_t records = 0, units = 0;
};
// A month grid of one service replaced: the people and units it held before and holds now.
void tally_month(store::Tx& tx, std::int64_t service_id, const std::string& month, const std::map<std::int64_t, PersonRecords>& before,
                 const std::map<std::int64_t, PersonRecords>& after);
// A person left an institution on `left_on` (their pathway made).
void tally_pathway(store::Tx& tx, std::int64_t person_id, const std::string& left_on);
// A person's categories changed: every period they were counted in moves its count.
void restate_person(store::Tx& tx, std::int64_t person_id);
// Both measures counted afresh from the records (the spans too).
void rebuild_tallies(store::Tx& tx);
// A span's rows (platform::tallies::Span) counted from the month rows: registered as the services'
// span counter.
void count_span(store::Tx& tx, const platform::tallies::Span& s);
// The tallies against direct counts over the deliveries — distinct people and units per year, in each
// district and the country: each difference named.
std::vector<std::string> check_tallies(store::Tx& tx);
}  // namespace sp::services
