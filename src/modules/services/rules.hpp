#pragma once
// Pure rules of social services and the people they serve: validation of service units and of a
// person's record, the IDNP check, the keys of the duplicate check, capacity, age groups and the
// suppression of small counts. No SQL, no HTTP.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace sp::services {
namespace json = boost::json;

const std::vector<std::string>& service_statuses();     // planned active suspended closed
const std::vector<std::string>& funding_sources();      // grant public_contract local_budget other
const std::vector<std::string>& disability_types();     // intellectual psychosocial physical sensory multiple
const std::vector<std::string>& disability_degrees();   // severe accentuated medium
const std::vector<std::string>& consent_purposes();     // services data_processing sharing photos
const std::vector<std::string>& exit_reasons();

// Which of the people the user may see a list shows: a code or its beginning; only those the user is
// the case worker of; a stage ("waiting" for a place, "enrolled" in a service, "due": a follow-up or a
// plan review due within 14 days or overdue).
struct PeopleFilter {
  std::string code;
  bool mine = false;
  std::string stage;
};

struct StaffPosition {
  std::string title;
  int fte_hundredths = 100;
};
struct Funding {
  std::string source;
  std::optional<std::int64_t> agreement_id;
  std::string note;
};
struct ServiceUnit {
  std::int64_t id = 0;
  std::string type_code, name, district, status = "planned";
  std::optional<std::int64_t> provider_organisation_id, provider_authority_id, partner_authority_id;
  std::optional<std::string> locality, opened_on, accreditation_number, accredited_on, accreditation_expires_on;
  int capacity = 0;
  std::vector<StaffPosition> staff_positions;
  std::vector<Funding> funding;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
// A whole service unit from a create body, or an update merged over the stored one.
ServiceUnit read_service_unit(const json::object& body, Validator& v);
json::object to_json(const ServiceUnit& s);
// Days until the accreditation expires (negative once expired); nullopt without a certificate.
std::optional<int> accreditation_days_left(const ServiceUnit& s, const std::string& today);

// What identifies a person: encrypted as a whole, never stored or answered in clear elsewhere.
struct Identity {
  std::string first_name, last_name, birth_date;
  std::optional<std::string> idnp, address, representative;
};
json::object to_json(const Identity& i);
Identity identity_from_json(const json::object& o);

struct PersonInput {
  Identity identity;
  std::string sex, district;
  std::optional<std::string> locality, disability_type, disability_degree;
  std::vector<std::string> target_groups;
  std::optional<std::int64_t> case_worker_id;
};
// The person's record as created (identity, attributes); consent is read separately.
PersonInput read_person(const json::object& body, Validator& v);

struct Consent {
  std::vector<std::string> purposes;
  std::vector<std::int64_t> shared_with;  // organisations the data may go to
  std::string given_on, given_by;         // person | legal_representative
};
Consent read_consent(const json::object& body, Validator& v, std::string_view field_prefix);

bool valid_idnp(std::string_view s);
// The keys of the duplicate check, before hashing: the IDNP, and folded full name + birth date.
std::string name_dob_key(const Identity& i);
// Pseudonymous code "P-XXXXXX" from 6 random letters and digits (no 0/O, 1/I).
std::string person_code(const unsigned char random[6]);

// A new enrolment starts when the service has a free place, else it waits.
std::string enrolment_status(int capacity, int active);
// Age in whole years on `today` from "YYYY-MM-DD", and its group for the aggregates.
int age_on(const std::string& birth_date, const std::string& today);
std::string age_group(int age);  // 0-6 7-17 18-34 35-64 65+
// Counts of people below 5 are shown as "<5" in every aggregate (and 0 as 0).
json::value suppressed(std::int64_t count);
// Suppression that arithmetic cannot undo, for one group of counts that add up to a total shown
// beside them (a district's people by sex; the districts of the country): counts below 5 are hidden
// ("<5", primary); where that hides exactly one count of the group, the smallest other non-zero
// count is hidden with it ("≥5", secondary), so that no hidden count is the total minus the others.
enum class Shown { Value, Small, Secondary };
std::vector<Shown> suppress_group(const std::vector<std::int64_t>& counts);
json::value shown(std::int64_t count, Shown how);
}  // namespace sp::services
