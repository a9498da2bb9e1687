#pragma once
// What other capabilities read of social services (the costing of a service, issue 13): a service
// unit, its provider, its type, and what it delivered in a year. Everything else of services (its
// lists, writes, people and SQL) stays behind repo.hpp.
#include <cstdint>
#include <map>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "modules/services/rules.hpp"
#include "platform/policy.hpp"
#include "store/database.hpp"

namespace sp::services {
std::optional<ServiceUnit> find_service_unit(store::Tx& tx, std::int64_t id);
// Every service unit, by name (the costing demo gives each a model).
std::vector<ServiceUnit> all_service_units(store::Tx& tx);
// Who provides it: an organisation or an authority.
policy::Party provider_party(const ServiceUnit& s);
bool service_type_known(store::Tx& tx, std::string_view code);
// The type's name in a language (Romanian when it has none in that language).
std::string service_type_name(store::Tx& tx, const std::string& code, std::string_view lang);
// The unit the type's delivery is counted in: day | hour | visit | place_month.
std::string service_type_unit(store::Tx& tx, const std::string& code);
// What the delivery records hold for a calendar year: units (in the type's unit), beneficiary-months
// (a person served in a month counts once), beneficiary-days and the people served.
struct Delivered {
  std::int64_t units = 0, beneficiary_months = 0, beneficiary_days = 0, people = 0;
};
Delivered delivered_in_year(store::Tx& tx, std::int64_t service_id, int year);

// For a needs assessment (social contracting, issue 14): the people of a district who live in each
// locality ("" when it is not recorded) with each target group, served today (an active enrolment)
// and waiting (a waiting enrolment and none active). True counts: the caller suppresses them
// (suppress_group) before anyone sees them.
struct ServedWaiting {
  std::int64_t served = 0, waiting = 0;
};
std::map<std::pair<std::string, std::string>, ServedWaiting> served_and_waiting(store::Tx& tx, const std::string& district);
// Whether an organisation provides a service of the type accredited on `date` (its certificate issued
// by then and not yet expired), and the organisations that do.
bool accredited_for(store::Tx& tx, std::int64_t organisation_id, const std::string& type_code, const std::string& date);
std::vector<std::int64_t> accredited_providers(store::Tx& tx, const std::string& type_code, const std::string& date);

// For a contract's monthly report: per person (by pseudonymous code, never an identity) served by
// these services in a month ("YYYY-MM"): the units delivered (in the type's unit), the days with a
// delivery, and the weekdays the person was enrolled in them (so the days absent are the difference).
struct PersonMonth {
  std::int64_t person_id = 0;
  std::string code;
  std::int64_t units = 0;
  int days_present = 0, days_enrolled = 0;
};
std::vector<PersonMonth> delivered_in_month(store::Tx& tx, const std::vector<std::int64_t>& service_ids, const std::string& month);
// The same for every month from one to another ("YYYY-MM", both included), read in one pass: by month.
std::map<std::string, std::vector<PersonMonth>> delivered_in_months(store::Tx& tx, const std::vector<std::int64_t>& service_ids,
                                                                    const std::string& from_month, const std::string& to_month);
// Each month's version of the delivery log of each service (raised by every save of the month's grid;
// a month never saved is absent): by month, then service. A reader that kept the versions it saw knows
// which months changed since without reading their log.
std::map<std::string, std::map<std::int64_t, std::int64_t>> delivery_versions(store::Tx& tx, const std::vector<std::int64_t>& service_ids,
                                                                              const std::string& from_month, const std::string& to_month);

// A contract's performance from the records of its services (none where there is nothing to count):
// the share of the people enrolled today whose individual plan's review is not overdue; the average
// days from a request to the start of the enrolments started in [from, to]; the share of the exits in
// [from, to] to the family or with the plan's goals reached; the places used today.
struct Performance {
  std::optional<std::int64_t> plans_on_time_pct, waiting_days, exits_to_community_pct, occupancy_pct;
  std::int64_t people = 0, exits = 0;
};
Performance performance_of(store::Tx& tx, const std::vector<std::int64_t>& service_ids, const std::string& from, const std::string& to,
                           const std::string& today);
}  // namespace sp::services
