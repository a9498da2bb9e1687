// Social services' part of each home: for those who work in services (a CSO's staff, case workers,
// an authority that provides services) the referrals to decide, people waiting for a place, the month
// grids not yet filled, accreditations that expire; for a case worker their caseload, follow-ups after
// an institution and plan reviews. People are named by their code only: the file opens (audited) on
// a click, under the same need-to-know rule as everywhere.
#include "modules/services/home.hpp"

#include "common/time.hpp"
#include "platform/policy.hpp"

namespace sp::services {
namespace {
using platform::waiting_rows;
using Me = const auth::Principal&;

bool works_in_services(Me me) {
  return (policy::is_cso_staff(me) && me.organisation_id) || (policy::is_authority_staff(me) && me.authority_id) ||
         policy::is_case_worker(me);
}
// $1, $2, $3: the services a user works in — their organisation's (a CSO), their authority's (an
// authority) or those they are on the staff of (a case worker); 0 where it does not apply.
store::Params mine(Me me) {
  return {policy::is_cso_staff(me) ? me.organisation_id.value_or(0) : 0,
          policy::is_authority_staff(me) ? me.authority_id.value_or(0) : 0, policy::is_case_worker(me) ? me.user_id : 0};
}
// The services of $1-$3, each part found by its own index (an OR across them would scan them all).
constexpr const char* kMyServices =
    "(SELECT id FROM service_units WHERE provider_organisation_id = $1 UNION SELECT id FROM service_units WHERE "
    "provider_authority_id = $2 UNION SELECT service_id FROM service_staff WHERE user_id = $3)";
const std::string kMine = std::string("s.id IN ") + kMyServices;
// The people a user follows: those assigned to them, those their organisation registered, and those
// in the services they work in (the same reach as reading a file: services::may_read_person).
std::string my_people(const char* p) {
  return std::string(p) + ".id IN (SELECT id FROM people WHERE case_worker_id = $3 UNION SELECT id FROM people WHERE organisation_id = $1 "
         "UNION SELECT e2.person_id FROM enrolments e2 WHERE e2.status <> 'exited' AND e2.service_id IN " + kMyServices + ")";
}
store::Params with(store::Params p, std::initializer_list<store::Param> more) {
  p.insert(p.end(), more.begin(), more.end());
  return p;
}
std::string month_start(const std::string& day) { return day.substr(0, 8) + "01"; }
}  // namespace

std::vector<platform::Waiting> home_kinds() {
  return {
      {"referrals_waiting", "referral", works_in_services,
       [](store::Tx& tx, Me me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT r.id, p.code, r.created_at, s.name FROM referrals r JOIN service_units s ON s.id = "
                             "r.to_service_id JOIN people p ON p.id = r.person_id WHERE r.status = 'pending' AND " + kMine + " ORDER BY r.created_at, r.id",
                             mine(me));
       },
       true},
      {"followups_due", "person", works_in_services,
       [](store::Tx& tx, Me me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT p.id, p.code, f.due_on, CAST(f.months AS TEXT) FROM pathway_followups f JOIN pathways w ON w.id = "
                             "f.pathway_id JOIN people p ON p.id = w.person_id WHERE f.done_on IS NULL AND f.due_on <= $4 AND "
                             "p.status = 'active' AND " +
                                 my_people("p") + " ORDER BY f.due_on, p.code",
                             with(mine(me), {add_days(today, 14)}));
       }},
      {"plan_reviews_due", "person", works_in_services,
       [](store::Tx& tx, Me me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT p.id, p.code, pl.review_on FROM plans pl JOIN people p ON p.id = pl.person_id WHERE pl.status = "
                             "'active' AND pl.review_on <= $4 AND p.status = 'active' AND " +
                                 my_people("p") + " ORDER BY pl.review_on, p.code",
                             with(mine(me), {add_days(today, 14)}));
       }},
      {"people_waiting", "person", works_in_services,
       [](store::Tx& tx, Me me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT p.id, p.code, e.requested_on, s.name FROM enrolments e JOIN service_units s ON s.id = "
                             "e.service_id JOIN people p ON p.id = e.person_id WHERE e.status = 'waiting' AND " + kMine + " ORDER BY e.requested_on, p.code",
                             mine(me));
       },
       true},
      {"grids_unfilled", "service", works_in_services,
       [](store::Tx& tx, Me me, const std::string& today) {
         // Last month, for a service with someone enrolled then and no day of it recorded; due by the 5th.
         auto this_month = month_start(today);
         auto first = month_start(add_days(this_month, -1)), last = add_days(this_month, -1);
         return waiting_rows(tx,
                             "SELECT s.id, s.name, CAST($6 AS TEXT) FROM service_units s WHERE s.status = 'active' AND " + kMine +
                                 " AND EXISTS (SELECT 1 FROM enrolments e WHERE e.service_id = s.id AND e.started_on IS NOT NULL AND "
                                 "e.started_on <= $5 AND (e.ended_on IS NULL OR e.ended_on >= $4)) AND NOT EXISTS (SELECT 1 FROM "
                                 "deliveries d WHERE d.service_id = s.id AND d.on_date >= $4 AND d.on_date <= $5) ORDER BY s.name",
                             with(mine(me), {first, last, add_days(this_month, 4)}));
       }},
      {"accreditations_expiring", "service", works_in_services,
       [](store::Tx& tx, Me me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT s.id, s.name, s.accreditation_expires_on FROM service_units s WHERE s.status IN "
                             "('planned', 'active') AND s.accreditation_expires_on IS NOT NULL AND "
                             "s.accreditation_expires_on <= $4 AND " + kMine + " ORDER BY s.accreditation_expires_on, s.name",
                             with(mine(me), {add_days(today, 90)}));
       }},
      {"my_people", "person", [](Me me) { return policy::is_case_worker(me); },
       [](store::Tx& tx, Me me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT p.id, p.code, NULL FROM people p WHERE p.case_worker_id = $1 AND p.status = 'active' ORDER BY p.code",
                             {me.user_id});
       },
       false,
       true},
  };
}
}  // namespace sp::services
