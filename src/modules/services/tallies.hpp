#pragma once
// What the services' records add to the platform's tallies (platform/tallies.hpp, decision 0024),
// kept in the same transaction as the records:
// - "people_served": distinct people with at least one delivery, per month, quarter and year, in the
//   district of the service and in the country, by age group (the age reached in the period's year),
//   disability, sex and target groups;
// - "units_delivered": units delivered, by service type;
// - "deinstitutionalised": people who left a residential institution, by the people's categories;
// - "community_at_12_months": people whose follow-up 12 months after leaving found them living in a
//   family or in the community with support, in the month of that follow-up, by the same categories;
// - "remote_services": distinct services with at least one delivery in remote mode, by service type
//   (the services that kept delivering during a disruption).
// `rebuild_tallies` counts them afresh from the records in a few set-based statements.
#include <cstdint>
#include <map>
#include <optional>
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
inline constexpr const char* kCommunityAt12Months = "community_at_12_months";
inline constexpr const char* kRemoteServices = "remote_services";
// The situations of a follow-up that count as still living in the community.
bool in_community(const std::string& situation);

// Per person: how many delivery records, their units, and how many of them in remote mode.
struct PersonRecords {
  std::int64_t records = 0, units = 0, remote = 0;
};
// A month grid of one service replaced: the people and units it held before and holds now.
void tally_month(store::Tx& tx, std::int64_t service_id, const std::string& month, const std::map<std::int64_t, PersonRecords>& before,
                 const std::map<std::int64_t, PersonRecords>& after);
// A person left an institution on `left_on` (their pathway made).
void tally_pathway(store::Tx& tx, std::int64_t person_id, const std::string& left_on);
// A person's 12-month follow-up recorded (again): what it said before (none the first time) and now.
struct FollowupSaid {
  std::optional<std::string> done_on, situation;
};
void tally_followup(store::Tx& tx, std::int64_t person_id, const FollowupSaid& before, const FollowupSaid& now);
// A person's categories changed: every period they were counted in moves its count.
void restate_person(store::Tx& tx, std::int64_t person_id);
// The measures counted afresh from the records (the spans too).
void rebuild_tallies(store::Tx& tx);
// A span's rows (platform::tallies::Span) counted from the month rows: registered as the services'
// span counter.
void count_span(store::Tx& tx, const platform::tallies::Span& s);
// The tallies against direct counts over the records — distinct people, units, people who left an
// institution and of them those in the community at 12 months, services delivering remotely — per
// year, in each district and the country: each difference named.
std::vector<std::string> check_tallies(store::Tx& tx);
}  // namespace sp::services
