#pragma once
// SQL of the grant programme. Functions take an open transaction; the caller commits.
#include <boost/json/array.hpp>

#include <optional>
#include <vector>

#include "modules/grants/model.hpp"
#include "store/database.hpp"

namespace sp::grants {

// Calls
std::optional<Call> find_call(store::Tx& tx, std::int64_t id);
std::vector<Call> list_calls(store::Tx& tx, bool include_drafts);
std::int64_t insert_call(store::Tx& tx, const Call& c);
// false when the stored version is not expected_version (someone else changed it).
bool update_call(store::Tx& tx, const Call& c, std::int64_t expected_version);
bool call_code_taken(store::Tx& tx, const std::string& code, std::int64_t except_id);
int insert_amendment(store::Tx& tx, std::int64_t call_id, const std::string& reason, const std::string& changes_json,
                     std::int64_t user_id);
boost::json::array list_amendments(store::Tx& tx, std::int64_t call_id);

// Applications
std::optional<Application> find_application(store::Tx& tx, std::int64_t id);
struct ApplicationFilter {
  std::optional<std::int64_t> call_id, organisation_id, authority_id;
  std::string status;
  bool submitted_only = false;  // what evaluation and the officer's lists see
};
std::vector<Application> list_applications(store::Tx& tx, const ApplicationFilter& f);
std::int64_t insert_application(store::Tx& tx, const Application& a, std::int64_t user_id);
// Writes the whole application (draft fields, status, confirmation, decision) when the version matches.
bool update_application(store::Tx& tx, const Application& a, std::int64_t expected_version);
// The next application number in a call: "<call code>-NNN".
std::string next_application_number(store::Tx& tx, const Call& c);
void insert_snapshot(store::Tx& tx, std::int64_t application_id, int number, const std::string& body, std::int64_t user_id);

// Evaluations
std::vector<Evaluation> evaluations_of(store::Tx& tx, std::int64_t application_id);
std::optional<Evaluation> find_evaluation(store::Tx& tx, std::int64_t id);
std::int64_t insert_evaluation(store::Tx& tx, std::int64_t application_id, std::int64_t evaluator_id, std::int64_t by);

// Names for display (organisation, authority, user), "" when unknown.
std::string organisation_name(store::Tx& tx, std::int64_t id);
std::string authority_name(store::Tx& tx, std::int64_t id);
// Users with a role (active), optionally only those of one organisation or authority.
std::vector<std::int64_t> users_with_role(store::Tx& tx, const std::string& role, std::optional<std::int64_t> organisation_id = {},
                                          std::optional<std::int64_t> authority_id = {});

// In-app notifications (the e-mail sender reads the same rows).
void notify(store::Tx& tx, const std::vector<std::int64_t>& users, const std::string& kind, const std::string& entity,
            std::int64_t entity_id, const boost::json::object& params);
}  // namespace sp::grants
