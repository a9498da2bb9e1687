// HTTP for the end of evaluation (award_operations.cpp): consensus, the ranking and its
// spreadsheets, decisions, each applicant's result. Parse, call, serialise.
#include "common/json.hpp"
#include "http/respond.hpp"
#include "modules/grants/operations.hpp"
#include "modules/grants/routes.hpp"

namespace sp::grants {
namespace {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;


Response ranking(App& app, Request& r) { return http::json_text(ranking_text(app, caller_of(r), r.id())); }
Response ranking_spreadsheet(App& app, Request& r) { return http::xlsx_file(ranking_xlsx(app, caller_of(r), http::words_of(r), r.id())); }
Response applications_spreadsheet(App& app, Request& r) { return http::xlsx_file(applications_xlsx(app, caller_of(r), http::words_of(r), r.id())); }
Response consensus(App& app, Request& r) {
  auto version = r.if_match();
  return answer(consensus_record(app, caller_of(r), r.id(), version, parse_object(r.body)));
}
Response decide(App& app, Request& r) {
  auto version = r.if_match();
  return answer(decision_record(app, caller_of(r), r.id(), version, parse_object(r.body)));
}
Response result(App& app, Request& r) { return answer(result_get(app, caller_of(r), r.id())); }
}  // namespace

void register_award_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/calls/{id}/ranking", "grants.read", h(ranking));
  r.add("GET", "/api/v1/calls/{id}/ranking.xlsx", "grants.read", h(ranking_spreadsheet));
  r.add("GET", "/api/v1/calls/{id}/applications.xlsx", "grants.read", h(applications_spreadsheet));
  r.add("POST", "/api/v1/applications/{id}/consensus", "evaluations.manage", h(consensus));
  r.add("PUT", "/api/v1/applications/{id}/decision", "evaluations.manage", h(decide));
  r.add("GET", "/api/v1/applications/{id}/result", "grants.read", h(result));
}
}  // namespace sp::grants
