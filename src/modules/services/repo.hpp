#pragma once
// SQL of social services and people. Identities go in and out sealed: this file never sees them clear.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "platform/directory.hpp"
#include "platform/policy.hpp"
#include "modules/services/rules.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

namespace sp::services {
json::array service_types(store::Tx& tx);
bool service_type_exists(store::Tx& tx, std::string_view code);

struct ServiceFilter {
  std::string district, type, status;
  std::optional<std::int64_t> provider_organisation_id;
  std::vector<std::string> districts;  // any of these (none: every district)
  std::optional<std::int64_t> provider_authority_id = {}, staffed_by = {};  // "mine": an authority's, a case worker's
};
// The filter as a condition over service_units `s` (for queries that join it).
store::Where service_where(const ServiceFilter& f);
std::vector<ServiceUnit> list_services(store::Tx& tx, const ServiceFilter& f);
std::optional<ServiceUnit> find_service(store::Tx& tx, std::int64_t id);
std::int64_t insert_service(store::Tx& tx, const ServiceUnit& s);
bool update_service(store::Tx& tx, const ServiceUnit& s, std::int64_t version);
int count_enrolments(store::Tx& tx, std::int64_t service_id, std::string_view status);
// People enrolled and waiting, and the case workers, of the services a filter selects (or of one):
// two grouped queries for a whole list instead of three per service.
struct ServiceLoad {
  int active = 0, waiting = 0;
  std::vector<std::int64_t> staff;
};
std::map<std::int64_t, ServiceLoad> service_loads(store::Tx& tx, const ServiceFilter& f);
std::map<std::int64_t, ServiceLoad> service_loads(store::Tx& tx, std::int64_t service_id);
// The unit of service ("day", "hour", "visit", "place_month") of a service type.
std::string unit_of_type(store::Tx& tx, const std::string& type_code);
// Accounts as the policy sees them: the platform's user directory.
using platform::active_member;
using platform::Member;
// Who provides a service: its organisation, or the authority that runs it itself.
policy::Party provider_of(const ServiceUnit& s);
// Bumps a service's version (its staff changed): false when `version` is no longer current.
bool touch_service(store::Tx& tx, std::int64_t service_id, std::int64_t version);
std::vector<std::int64_t> service_staff(store::Tx& tx, std::int64_t service_id);
// Who works in a service — keeps its month grid, receives its referrals: the staff of its provider
// organisation, or a case worker assigned to it.
bool staffs_service(store::Tx& tx, const auth::Principal& me, const ServiceUnit& s);
void set_service_staff(store::Tx& tx, std::int64_t service_id, const std::vector<std::int64_t>& users);

struct Person {
  std::int64_t id = 0;
  std::string code, sealed_identity, sex, district, status = "active";
  // The identity's keyed lookup hashes (common/vault), for finding a person registered twice; never answered.
  std::string idnp_hash, name_dob_hash;
  int birth_year = 0;
  std::optional<std::string> locality, disability_type, disability_degree;
  std::vector<std::string> target_groups;
  std::optional<std::int64_t> organisation_id, case_worker_id;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
// The pseudonymous record: never the identity.
json::object to_json(const Person& p, const std::string& today);
// What a referral always carries: the pseudonymous profile needed to decide on it (code, sex, birth
// year, age and its group, district, locality, disability, target groups).
json::object referral_profile(const Person& p, const std::string& today);
std::optional<Person> find_person(store::Tx& tx, std::int64_t id);
std::int64_t insert_person(store::Tx& tx, const Person& p);
// Ids of people with this IDNP hash or name + birth date hash.
std::vector<std::int64_t> possible_duplicates(store::Tx& tx, const std::string& idnp_hash, const std::string& name_dob_hash);
// Who may open a person's file: the case worker assigned to them or to a service they are in, and
// the staff of the organisation that registered them or that provides a service they are in.
bool may_read_person(store::Tx& tx, const auth::Principal& me, const Person& p);
// A page of them, newest first (keyset: ids below before_id), and how many there are in all.
std::vector<Person> list_people(store::Tx& tx, const auth::Principal& me, const PeopleFilter& f, int limit, std::int64_t before_id = 0);
std::int64_t count_people(store::Tx& tx, const auth::Principal& me, const PeopleFilter& f);

// Bumps a person's version (their consents changed): false when `version` is no longer current.
bool touch_person(store::Tx& tx, std::int64_t person_id, std::int64_t version);
// What the person's consents in force allow about sharing their data.
policy::Sharing sharing_of(store::Tx& tx, std::int64_t person_id);
// The organisation that registered the person: the first one responsible for them.
policy::Party home_of(const Person& p);
// People enrolled in or waiting for a service (not those who left).
std::vector<Person> people_of_service(store::Tx& tx, std::int64_t service_id);

std::int64_t insert_consent(store::Tx& tx, std::int64_t person_id, const Consent& c, std::int64_t user_id);
json::array consents_of(store::Tx& tx, std::int64_t person_id);

struct Enrolment {
  std::int64_t id = 0, person_id = 0, service_id = 0, version = 1;
  std::string status, requested_on;
  std::optional<std::string> started_on, ended_on, exit_reason;
};
json::object to_json(const Enrolment& e);
std::optional<Enrolment> find_enrolment(store::Tx& tx, std::int64_t id);
std::vector<Enrolment> enrolments_of(store::Tx& tx, std::int64_t person_id);
std::int64_t insert_enrolment(store::Tx& tx, const Enrolment& e);
// Holds the service's row until the transaction ends (PostgreSQL: a row lock; SQLite serialises every
// write anyway): a check of its places that reads and then writes holds under concurrent requests.
void lock_service(store::Tx& tx, std::int64_t service_id);
// A new enrolment requested on `requested_on`: it starts then when the service has a free place,
// else the person waits (enrolment_status). Returns it as stored.
Enrolment open_enrolment(store::Tx& tx, std::int64_t person_id, const ServiceUnit& s, const std::string& requested_on);

// Reminders of deinstitutionalisation follow-ups due within 7 days or overdue, to the person's case
// worker and their organisation's staff, once per follow-up (safe with several servers).
int remind_followups(store::Tx& tx, const std::string& today);
// ---- repo_care.cpp: the month grid, pathways, assessments, plans, referrals

bool person_code_taken(store::Tx& tx, const std::string& code);

// People enrolled in a service at some time in [first, last], with the days they were enrolled.
struct GridRow {
  std::int64_t person_id;
  std::string code, from, to;  // enrolled from..to within the month
};
std::vector<GridRow> grid_rows(store::Tx& tx, std::int64_t service_id, const std::string& first, const std::string& last);
struct Delivery {
  std::int64_t person_id = 0;
  std::string on_date;
  std::int64_t units = 0;
  std::string mode;
  std::optional<std::string> activity;
  std::optional<std::int64_t> staff_id;
};
std::vector<Delivery> deliveries_in(store::Tx& tx, std::int64_t service_id, const std::string& first, const std::string& last);
// The version of a service's month: 1 until it is first saved, then one more with every save.
std::int64_t month_version(store::Tx& tx, std::int64_t service_id, const std::string& month);
struct MonthTotals {
  std::int64_t records = 0, units = 0, people = 0;
};
MonthTotals month_totals(store::Tx& tx, std::int64_t service_id, const std::string& month);
// Replaces the month's deliveries whole and its totals against `version`: the number of records
// replaced, or nothing when the month's version moved meanwhile.
std::optional<std::int64_t> replace_month(store::Tx& tx, std::int64_t service_id, const std::string& month, const std::string& first,
                                          const std::string& last, std::int64_t version, const std::vector<Delivery>& cells,
                                          std::int64_t recorded_by);

json::value pathway_json(store::Tx& tx, std::int64_t person_id);
bool has_pathway(store::Tx& tx, std::int64_t person_id);
struct NewPathway {
  std::string institution, left_on, transition_plan;
  std::optional<std::int64_t> receiving_service_id;
  std::optional<std::string> receiving_family;
};
// The pathway with its follow-ups 3, 6 and 12 months after leaving; the person joins the
// "deinstitutionalised" target group.
void insert_pathway(store::Tx& tx, const Person& p, const NewPathway& pw, std::int64_t created_by);
// A part of a person's file with a version of its own (a follow-up, a plan).
struct PartVersion {
  std::int64_t person_id = 0, version = 0, months = 0;
};
std::optional<PartVersion> find_followup(store::Tx& tx, std::int64_t id);
std::optional<PartVersion> find_plan_part(store::Tx& tx, std::int64_t id);
// Records a follow-up done against its version (the 12-month one also sets the pathway's outcome).
bool record_followup_done(store::Tx& tx, std::int64_t id, std::int64_t version, std::int64_t person_id, bool sets_outcome,
                          const std::string& done_on, const std::string& situation, const std::optional<std::string>& notes,
                          std::int64_t recorded_by);

json::array assessments_of(store::Tx& tx, std::int64_t person_id);
std::int64_t insert_assessment(store::Tx& tx, std::int64_t person_id, const std::string& on, const json::array& domains,
                               const std::string& summary, std::int64_t by);
// A person's plans, or the one plan `plan_id`.
json::array plans_of(store::Tx& tx, std::int64_t person_id, std::optional<std::int64_t> plan_id = {});
std::int64_t insert_plan(store::Tx& tx, std::int64_t person_id, const std::string& starts_on, const std::string& review_on,
                         const json::array& goals, std::int64_t by);
bool update_plan(store::Tx& tx, std::int64_t id, std::int64_t version, const std::optional<std::string>& review_on,
                 const std::optional<std::string>& status, const std::optional<json::array>& goals);
// ---- referrals (repo_care.cpp)
struct Referral {
  std::int64_t id = 0, person_id = 0, from_user_id = 0, to_service_id = 0, version = 1;
  std::optional<std::int64_t> from_organisation_id, decided_by, enrolment_id;
  std::string reason, shared, status, created_at, updated_at;
  std::optional<std::string> decided_on, decline_reason;
};
std::optional<Referral> find_referral(store::Tx& tx, std::int64_t id);
// Referrals matching a condition over referrals `r` joined with their service `s`, newest first, at
// most `limit`, those with an id below `before_id` when it is not 0 (keyset paging).
std::vector<Referral> find_referrals(store::Tx& tx, store::Where w, int limit, std::int64_t before_id = 0);
std::vector<Referral> referrals_of_person(store::Tx& tx, std::int64_t person_id);
bool referral_pending(store::Tx& tx, std::int64_t person_id, std::int64_t service_id);
std::int64_t insert_referral(store::Tx& tx, const Referral& x);

// Events for systems outside (platform/events.hpp), for the parties that work with the person only and
// without the person: a referral received by a service (and sent by `from`), an enrolment's new status.
void announce_referral(store::Tx& tx, const ServiceUnit& to, const Referral& x);
void announce_enrolment(store::Tx& tx, const ServiceUnit& s, std::int64_t enrolment_id, const std::string& status, const std::string& on);
// Decides a pending referral against its version: false when it moved meanwhile.
bool decide_referral(store::Tx& tx, const Referral& x, bool accept, std::int64_t by, const std::optional<std::string>& reason,
                     std::optional<std::int64_t> enrolment);
// A person's pending referrals to other organisations, cancelled (their consent to share was withdrawn).
std::int64_t cancel_referrals_elsewhere(store::Tx& tx, std::int64_t person_id);
std::string person_code_of(store::Tx& tx, std::int64_t person_id);
std::string organisation_name_of(store::Tx& tx, std::int64_t organisation_id);
// False when the consent was already withdrawn.
bool withdraw_consent(store::Tx& tx, std::int64_t consent_id, const std::string& on);
std::optional<std::int64_t> person_of_consent(store::Tx& tx, std::int64_t consent_id);
// Admits from the waiting list or ends an enrolment, against its version.
bool admit_enrolment(store::Tx& tx, std::int64_t id, std::int64_t version, const std::string& started_on);
bool exit_enrolment(store::Tx& tx, std::int64_t id, std::int64_t version, const std::string& ended_on, const std::string& reason);
// Every delivery to a person (the subject-access export): date, service, units, mode, activity.
json::array deliveries_of_person(store::Tx& tx, std::int64_t person_id);
// Erases a person's identity, the keys of the duplicate check, the locality and every free text
// about them, against the file's version; sex, birth year, district, disability, target groups,
// enrolments, deliveries and pathway dates stay. False when the version moved.
bool anonymise(store::Tx& tx, std::int64_t person_id, std::int64_t version, const std::string& sealed_empty);
}  // namespace sp::services
