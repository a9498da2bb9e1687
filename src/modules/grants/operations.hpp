#pragma once
// What the grant programme does, one operation per thing a user does: calls, applications and their
// documents, the authority's confirmation, evaluation (operations.cpp); consensus, ranking,
// decisions and results (award_operations.cpp). Each write goes through the platform's write path;
// the route files only parse HTTP, call one of these and serialise.
#include <string>

#include "reports/xlsx.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::grants {
using platform::Caller;
using platform::Written;

using reports::Spreadsheet;

// ---- calls
Written calls_list(App& app, const Caller& c, const std::string& status);
Written call_get(App& app, const Caller& c, std::int64_t id);
Written call_create(App& app, const Caller& c, const json::object& body);
Written call_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& patch);
Written call_transition(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written call_amend(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- applications
struct ApplicationQuery {
  std::int64_t call_id = 0;
  std::string status;
};
Written applications_list(App& app, const Caller& c, const ApplicationQuery& q);
Written application_get(App& app, const Caller& c, std::int64_t id);
Written application_create(App& app, const Caller& c, const json::object& body);
Written application_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& patch);
Written application_checks(App& app, const Caller& c, std::int64_t id);
// "submit", "withdraw" or "reopen".
Written application_act(App& app, const Caller& c, std::int64_t id, std::int64_t version, const std::string& action);
Written application_confirm(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written application_document_add(App& app, const Caller& c, std::int64_t id, const std::string& kind, std::string_view body,
                                 std::string_view filename);
// Who reads and changes an application's documents.
void register_application_documents();

// ---- evaluation
Written evaluators_assign(App& app, const Caller& c, std::int64_t call_id, const json::object& body);
Written evaluations_list(App& app, const Caller& c, std::int64_t call_id);
Written evaluation_get(App& app, const Caller& c, std::int64_t id);
Written evaluation_declare(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written evaluation_score(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// ---- awards (award_operations.cpp)
// The ranking as JSON text (built on an arena: hundreds of rows, ADR 0006).
std::string ranking_text(App& app, const Caller& c, std::int64_t call_id);
Spreadsheet ranking_xlsx(App& app, const Caller& c, const Words& w, std::int64_t call_id);
Spreadsheet applications_xlsx(App& app, const Caller& c, const Words& w, std::int64_t call_id);
Written consensus_record(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written decision_record(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written result_get(App& app, const Caller& c, std::int64_t id);
// ---- agreements (agreement_operations.cpp)
Written agreement_create(App& app, const Caller& c, std::int64_t application_id, const json::object& body);
struct AgreementQuery {
  std::int64_t call_id = 0;
  std::string status;
};
Written agreements_list(App& app, const Caller& c, const AgreementQuery& q);
Written agreement_get(App& app, const Caller& c, std::int64_t id);
// The agreement for signing, in Romanian: its file name and bytes.
reports::Spreadsheet agreement_pdf(App& app, const Caller& c, std::int64_t id);
Written agreement_sign(App& app, const Caller& c, std::int64_t id, std::int64_t version, const std::string& signed_on, std::string_view file,
                       std::string_view filename);
Written tranche_pay(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written tranches_due(App& app, const Caller& c);
// The officer's queues (of one call when call_id is not 0): reports to review, tranches payable,
// evaluations outstanding, reports overdue.
Written queues(App& app, const Caller& c, std::int64_t call_id);
Spreadsheet payments_xlsx(App& app, const Caller& c, const Words& w, std::int64_t call_id);
Written report_get(App& app, const Caller& c, std::int64_t id);
Written report_write(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written report_review(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written report_document_add(App& app, const Caller& c, std::int64_t id, std::string_view file, std::string_view filename);
Written amendment_request(App& app, const Caller& c, std::int64_t agreement_id, const json::object& body);
Written amendment_decide(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written visit_add(App& app, const Caller& c, std::int64_t agreement_id, const json::object& body);
// Registers agreements as owners of the platform's monitoring visits (platform/visits.hpp).
void register_visit_owner();
// The portfolio as JSON text (built on an arena, ADR 0006).
std::string portfolio_text(App& app, const Caller& c, std::int64_t call_id);
// Who reads and changes an agreement's and a report's documents.
void register_agreement_documents();
}  // namespace sp::grants
