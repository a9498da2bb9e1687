// HTTP for the grant programme's calls, applications and evaluation: each handler parses the
// request, calls one operation (operations.hpp) and serialises its answer. No SQL, transactions or
// rules here.
#include "modules/grants/routes.hpp"

#include "common/json.hpp"
#include "http/respond.hpp"
#include "modules/grants/operations.hpp"
#include "modules/grants/rules.hpp"
#include "modules/registry/registry.hpp"
#include "platform/documents.hpp"

namespace sp::grants {
namespace {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

json::object body_of(const Request& r) { return parse_object(r.body); }

Response list_calls(App& app, Request& r) { return answer(calls_list(app, caller_of(r), http::query_in(r, "status", call_statuses()))); }
Response get_call(App& app, Request& r) { return answer(call_get(app, caller_of(r), r.id())); }
Response create_call(App& app, Request& r) { return answer(call_create(app, caller_of(r), body_of(r))); }
Response update_call(App& app, Request& r) {
  auto version = r.if_match();
  return answer(call_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response transition_call(App& app, Request& r) {
  auto version = r.if_match();
  return answer(call_transition(app, caller_of(r), r.id(), version, body_of(r)));
}
Response amend_call(App& app, Request& r) {
  auto version = r.if_match();
  return answer(call_amend(app, caller_of(r), r.id(), version, body_of(r)));
}

Response list_applications(App& app, Request& r) {
  ApplicationQuery q;
  q.call_id = query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX);
  q.status = http::query_in(r, "status", {"draft", "submitted", "withdrawn"});
  return answer(applications_list(app, caller_of(r), q));
}
Response get_application(App& app, Request& r) { return answer(application_get(app, caller_of(r), r.id())); }
Response create_application(App& app, Request& r) { return answer(application_create(app, caller_of(r), body_of(r))); }
Response update_application(App& app, Request& r) {
  auto version = r.if_match();
  return answer(application_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response checks(App& app, Request& r) { return answer(application_checks(app, caller_of(r), r.id())); }
Response act(App& app, Request& r, const std::string& action) {
  auto version = r.if_match();
  return answer(application_act(app, caller_of(r), r.id(), version, action));
}
Response submit(App& app, Request& r) { return act(app, r, "submit"); }
Response withdraw(App& app, Request& r) { return act(app, r, "withdraw"); }
Response reopen(App& app, Request& r) { return act(app, r, "reopen"); }
Response confirm(App& app, Request& r) {
  auto version = r.if_match();  // the application as the authority read it
  return answer(application_confirm(app, caller_of(r), r.id(), version, body_of(r)));
}
Response upload_document(App& app, Request& r) {
  return answer(application_document_add(app, caller_of(r), r.id(), http::query_text(r, "kind", 40), r.body,
                                         http::query_text(r, "filename", 300)));
}

Response assign(App& app, Request& r) { return answer(evaluators_assign(app, caller_of(r), r.id(), body_of(r))); }
Response list_evaluations(App& app, Request& r) {
  return answer(evaluations_list(app, caller_of(r), query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX)));
}
Response get_evaluation(App& app, Request& r) { return answer(evaluation_get(app, caller_of(r), r.id())); }
Response declare(App& app, Request& r) {
  auto version = r.if_match();
  return answer(evaluation_declare(app, caller_of(r), r.id(), version, body_of(r)));
}
Response score(App& app, Request& r) {
  auto version = r.if_match();
  return answer(evaluation_score(app, caller_of(r), r.id(), version, body_of(r)));
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  register_application_documents();

  r.add("GET", "/api/v1/calls", "grants.read", h(list_calls));
  r.add("POST", "/api/v1/calls", "calls.manage", h(create_call));
  r.add("GET", "/api/v1/calls/{id}", "grants.read", h(get_call));
  r.add("PATCH", "/api/v1/calls/{id}", "calls.manage", h(update_call));
  r.add("POST", "/api/v1/calls/{id}/transition", "calls.manage", h(transition_call));
  r.add("POST", "/api/v1/calls/{id}/amendments", "calls.manage", h(amend_call));

  r.add("GET", "/api/v1/applications", "grants.read", h(list_applications));
  r.add("POST", "/api/v1/applications", "applications.write", h(create_application));
  r.add("GET", "/api/v1/applications/{id}", "grants.read", h(get_application));
  r.add("PATCH", "/api/v1/applications/{id}", "applications.write", h(update_application));
  r.add("GET", "/api/v1/applications/{id}/checks", "grants.read", h(checks));
  r.add("POST", "/api/v1/applications/{id}/submit", "applications.write", h(submit));
  r.add("POST", "/api/v1/applications/{id}/withdraw", "applications.write", h(withdraw));
  r.add("POST", "/api/v1/applications/{id}/reopen", "applications.write", h(reopen));
  r.add("POST", "/api/v1/applications/{id}/confirmation", "applications.confirm", h(confirm));
  r.add("POST", "/api/v1/applications/{id}/documents", "applications.write", h(upload_document));
  r.set_max_body(platform::kMaxDocumentBytes);

  r.add("POST", "/api/v1/calls/{id}/assignments", "evaluations.manage", h(assign));
  r.add("GET", "/api/v1/evaluations", "grants.read", h(list_evaluations));
  r.add("GET", "/api/v1/evaluations/{id}", "grants.read", h(get_evaluation));
  r.add("POST", "/api/v1/evaluations/{id}/declaration", "evaluations.score", h(declare));
  r.add("PUT", "/api/v1/evaluations/{id}/scores", "evaluations.score", h(score));

  register_award_routes(app, r);
  register_agreement_routes(app, r);
}
}  // namespace sp::grants
