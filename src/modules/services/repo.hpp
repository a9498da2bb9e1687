#pragma once
// SQL of social services and people. Identities go in and out sealed: this file never sees them clear.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
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
// An active account as the policy sees it: its role and whom it works for.
struct Member {
  std::string role;
  policy::Party works_for;
};
std::optional<Member> active_member(store::Tx& tx, std::int64_t user_id);
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
  std::string code, sealed_identity, sex, district, status;
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
std::int64_t insert_person(store::Tx& tx, const Person& p, const std::string& idnp_hash, const std::string& name_dob_hash);
// Ids of people with this IDNP hash or name + birth date hash.
std::vector<std::int64_t> possible_duplicates(store::Tx& tx, const std::string& idnp_hash, const std::string& name_dob_hash);
// Who may open a person's file: the case worker assigned to them or to a service they are in, and
// the staff of the organisation that registered them or that provides a service they are in.
bool may_read_person(store::Tx& tx, const auth::Principal& me, const Person& p);
// The people `me` may read, newest first (code search optional).
std::vector<Person> list_people(store::Tx& tx, const auth::Principal& me, const std::string& code, int limit);

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
}  // namespace sp::services
