#pragma once
// SQL of the grant programme. Functions take an open transaction; the caller commits.
#include "platform/directory.hpp"
#include "platform/notifications.hpp"
#include <boost/json/array.hpp>

#include <map>
#include <set>
#include <optional>
#include <vector>

#include "modules/grants/model.hpp"
#include "store/database.hpp"

namespace sp::grants {

// Calls
std::optional<Call> find_call(store::Tx& tx, std::int64_t id);
// Holds the call's row until the transaction ends (PostgreSQL: a row lock; SQLite serialises every
// write anyway): a check of its envelope that reads and then writes holds under concurrent requests.
void lock_call(store::Tx& tx, std::int64_t call_id);
// Bumps an agreement's version (a part of it changed: a tranche paid, an amendment decided), against
// `version` when given: false when that is no longer current.
bool touch_agreement(store::Tx& tx, std::int64_t agreement_id, std::optional<std::int64_t> version = std::nullopt);
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

// Evaluations (the records are the platform's: platform/evaluation.hpp)

// The submitted applications of a call with only what ranking and decisions need (no budget,
// work plan or target groups): the ranking page reads hundreds at once.
std::vector<Application> ranking_rows(store::Tx& tx, std::int64_t call_id);
// Every submitted evaluation of a call's applications, by application.
std::map<std::int64_t, std::vector<Evaluation>> submitted_evaluations_of_call(store::Tx& tx, std::int64_t call_id);
// What is awarded in a call: in total and per lot (lot "" for none), leaving out one application.
std::pair<std::int64_t, std::map<std::string, std::int64_t>> awarded_in_call(store::Tx& tx, std::int64_t call_id,
                                                                             std::int64_t except_application = 0);

// Agreements, their budget lines, tranches and reports
std::optional<Agreement> find_agreement(store::Tx& tx, std::int64_t id);
std::optional<Agreement> agreement_of_application(store::Tx& tx, std::int64_t application_id);
struct AgreementFilter {
  std::optional<std::int64_t> call_id, organisation_id, authority_id;
  std::string status;
};
std::vector<Agreement> list_agreements(store::Tx& tx, const AgreementFilter& f);
std::int64_t insert_agreement(store::Tx& tx, const Agreement& a, const std::vector<AgreementLine>& lines,
                              const std::vector<TrancheSpec>& tranches, const std::vector<ReportDue>& reports);
bool update_agreement(store::Tx& tx, const Agreement& a, std::int64_t expected_version);
std::string next_agreement_number(store::Tx& tx, const Call& c);
std::vector<AgreementLine> lines_of(store::Tx& tx, std::int64_t agreement_id);
void update_line_grant(store::Tx& tx, std::int64_t line_id, std::int64_t grant_minor);
std::vector<Tranche> tranches_of(store::Tx& tx, std::int64_t agreement_id);
std::optional<Tranche> find_tranche(store::Tx& tx, std::int64_t id);
void record_payment(store::Tx& tx, const Tranche& t, std::int64_t user_id);
std::vector<Report> reports_of(store::Tx& tx, std::int64_t agreement_id);
std::optional<Report> find_report(store::Tx& tx, std::int64_t id);
bool update_report(store::Tx& tx, const Report& r, std::int64_t expected_version);
// `user_id` 0: the grantee's staff without an account here (the demo's other organisations); `at` empty: now.
void insert_review(store::Tx& tx, std::int64_t report_id, const std::string& action, const std::optional<std::string>& comments,
                   std::int64_t user_id, const std::string& at = {});
boost::json::array reviews_of(store::Tx& tx, std::int64_t report_id);

// Agreement amendments, as the API shows them (monitoring visits are the platform's: platform/visits.hpp).
struct AgreementAmendment {
  std::int64_t id = 0, agreement_id = 0;
  int number = 0;
  std::string kind, reason, changes_json, status;
  int share_bp = 0;
};
std::optional<AgreementAmendment> find_agreement_amendment(store::Tx& tx, std::int64_t id);
std::int64_t insert_agreement_amendment(store::Tx& tx, const AgreementAmendment& a, std::int64_t user_id);
void decide_agreement_amendment(store::Tx& tx, std::int64_t id, const std::string& status, std::int64_t user_id);
bool has_pending_amendment(store::Tx& tx, std::int64_t agreement_id);
boost::json::array amendments_json(store::Tx& tx, std::int64_t agreement_id);

// Reminders: the grantee's staff hear of each report 14 days before it is due, and the grantee and
// the officers once it is overdue; each reminder once per report. Returns the notifications written.
int remind_reports(store::Tx& tx, const std::string& today);

// Names for display (organisation, authority, user), "" when unknown.
std::string organisation_name(store::Tx& tx, std::int64_t id);
std::string authority_name(store::Tx& tx, std::int64_t id);
// The applicant's name of every application in a call, in one query.
std::map<std::int64_t, std::string> organisation_names_in_call(store::Tx& tx, std::int64_t call_id);
// Users with a role, and in-app notifications: the platform's (directory, notifications).
using platform::notify;
using platform::users_with_role;
// ---- what the operations of calls, applications and evaluations read and write besides the records
std::int64_t submitted_in_call(store::Tx& tx, std::int64_t call_id);
std::int64_t undecided_in_call(store::Tx& tx, std::int64_t call_id);
// The active users of the organisations that applied to a call (not withdrawn): who hears of its
// amendments and its results.
std::vector<std::int64_t> applicants_of(store::Tx& tx, std::int64_t call_id);
void set_confirmed_by(store::Tx& tx, std::int64_t application_id, std::int64_t user_id);
void set_decided_by(store::Tx& tx, std::int64_t application_id, std::int64_t user_id, const std::string& at);
// Evaluation ids, of one evaluator and/or one call (0: any), in order.
std::vector<std::int64_t> evaluation_ids(store::Tx& tx, std::int64_t evaluator_id, std::int64_t call_id);
// Evaluations of the call's applications assigned and not yet submitted (a declared conflict excepted).
std::int64_t outstanding_evaluations(store::Tx& tx, std::int64_t call_id);
// ---- what the agreement operations read besides the records (repo_agreements.cpp)
// Money paid per agreement; reports overdue (due or returned, past their date) per agreement;
// spending approved per agreement.
std::map<std::int64_t, std::int64_t> paid_by_agreement(store::Tx& tx);
std::map<std::int64_t, std::int64_t> overdue_by_agreement(store::Tx& tx, const std::string& today);
std::map<std::int64_t, std::int64_t> approved_by_agreement(store::Tx& tx);
std::map<std::int64_t, std::string> call_codes(store::Tx& tx);
std::map<std::int64_t, std::string> grantee_names(store::Tx& tx);
// The officer's queues (of one call when call_id is not 0). Unpaid tranches of signed agreements
// whose condition is met, by planned date, with the day since which each is payable; reports
// submitted and waiting for review, oldest first; evaluations assigned and not yet submitted in calls
// under evaluation, with their evaluator, oldest first.
boost::json::array payable_tranches(store::Tx& tx, std::int64_t call_id = 0);
boost::json::array reports_to_review(store::Tx& tx, std::int64_t call_id);
boost::json::array evaluations_outstanding(store::Tx& tx, std::int64_t call_id);
struct ScheduleRow {
  std::string call_code, agreement_number, grantee;
  std::int64_t tranche = 0, share_bp = 0, amount_minor = 0;
  std::string currency, condition;
  std::optional<std::string> planned_on, paid_on;
  std::optional<std::int64_t> paid_minor;
  std::optional<std::string> payment_ref;
  std::string agreement_status;
  std::optional<std::string> previous_report_status;
};
// Every tranche of every agreement (of one call when call_id is not 0).
std::vector<ScheduleRow> payment_schedule(store::Tx& tx, std::int64_t call_id);
struct PortfolioRow {
  std::int64_t agreement_id = 0, call_id = 0, organisation_id = 0;
  std::string district, currency;
  std::int64_t amount_minor = 0;
  std::string grantee;
};
std::vector<PortfolioRow> portfolio_rows(store::Tx& tx, std::int64_t call_id);
struct CallSummary {
  std::string code, title_json;
  std::int64_t envelope_minor = 0;
};
std::map<std::int64_t, CallSummary> call_summaries(store::Tx& tx);
struct OverdueReport {
  std::int64_t report_id = 0, number = 0;
  std::string due_on, status;
  std::int64_t agreement_id = 0;
  std::string agreement_number, grantee;
  std::int64_t call_id = 0;
  std::string call_code;
};
std::vector<OverdueReport> overdue_reports(store::Tx& tx, const std::string& today, std::int64_t call_id);
}  // namespace sp::grants
