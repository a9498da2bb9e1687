// HTTP for grant agreements (agreement_operations.cpp): creation from an award, the PDF and the
// signed copy, tranches, reports, amendments, visits, the portfolio and the payment schedule.
// Parse, call, serialise.
#include "common/json.hpp"
#include "http/respond.hpp"
#include "modules/grants/operations.hpp"
#include "modules/grants/routes.hpp"
#include "modules/registry/registry.hpp"
#include "platform/documents.hpp"
#include "reports/pdf.hpp"

namespace sp::grants {
namespace {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

json::object body_of(const Request& r) { return parse_object(r.body); }
std::int64_t call_of(const Request& r) { return query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX); }

Response create(App& app, Request& r) { return answer(agreement_create(app, caller_of(r), r.id(), body_of(r))); }
Response list(App& app, Request& r) {
  AgreementQuery q{call_of(r), http::query_in(r, "status", {"draft", "signed", "completed", "terminated"})};
  return answer(agreements_list(app, caller_of(r), q));
}
Response get(App& app, Request& r) { return answer(agreement_get(app, caller_of(r), r.id())); }
Response pdf(App& app, Request& r) { return http::pdf_file(agreement_pdf(app, caller_of(r), r.id())); }
Response sign(App& app, Request& r) {
  auto version = r.if_match();
  return answer(agreement_sign(app, caller_of(r), r.id(), version, http::query_text(r, "signed_on", 10), r.body,
                               http::query_text(r, "filename", 300)));
}
Response due(App& app, Request& r) { return answer(tranches_due(app, caller_of(r))); }
Response queue(App& app, Request& r) { return answer(queues(app, caller_of(r), call_of(r))); }
Response pay(App& app, Request& r) {
  auto version = r.if_match();  // the agreement's, as the officer read it
  return answer(tranche_pay(app, caller_of(r), r.id(), version, body_of(r)));
}
Response payments(App& app, Request& r) {
  return http::xlsx_file(payments_xlsx(app, caller_of(r), http::words_of(r), call_of(r)));
}
Response get_report(App& app, Request& r) { return answer(report_get(app, caller_of(r), r.id())); }
Response write_report(App& app, Request& r) {
  auto version = r.if_match();
  return answer(report_write(app, caller_of(r), r.id(), version, body_of(r)));
}
Response review(App& app, Request& r) {
  auto version = r.if_match();
  return answer(report_review(app, caller_of(r), r.id(), version, body_of(r)));
}
Response upload(App& app, Request& r) {
  return answer(report_document_add(app, caller_of(r), r.id(), r.body, http::query_text(r, "filename", 300)));
}
Response amend(App& app, Request& r) { return answer(amendment_request(app, caller_of(r), r.id(), body_of(r))); }
Response decide(App& app, Request& r) {
  auto version = r.if_match();  // the agreement's, as the officer read it
  return answer(amendment_decide(app, caller_of(r), r.id(), version, body_of(r)));
}
Response add_visit(App& app, Request& r) { return answer(visit_add(app, caller_of(r), r.id(), body_of(r))); }
Response portfolio(App& app, Request& r) { return http::json_text(portfolio_text(app, caller_of(r), call_of(r))); }
}  // namespace

void register_agreement_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  register_agreement_documents();
  r.add("POST", "/api/v1/applications/{id}/agreement", "agreements.manage", h(create));
  r.add("GET", "/api/v1/agreements", "grants.read", h(list));
  r.add("GET", "/api/v1/agreements/{id}", "grants.read", h(get));
  r.add("GET", "/api/v1/agreements/{id}/document.pdf", "grants.read", h(pdf));
  r.add("POST", "/api/v1/agreements/{id}/signed", "agreements.manage", h(sign));
  r.set_max_body(platform::kMaxDocumentBytes);
  r.add("GET", "/api/v1/tranches/due", "agreements.manage", h(due));
  r.add("GET", "/api/v1/queues", "agreements.manage", h(queue));
  r.add("POST", "/api/v1/tranches/{id}/payment", "agreements.manage", h(pay));
  r.add("GET", "/api/v1/payments.xlsx", "grants.read", h(payments));
  r.add("GET", "/api/v1/reports/{id}", "grants.read", h(get_report));
  r.add("PUT", "/api/v1/reports/{id}", "reports.write", h(write_report));
  r.add("POST", "/api/v1/reports/{id}/documents", "reports.write", h(upload));
  r.set_max_body(platform::kMaxDocumentBytes);
  r.add("POST", "/api/v1/reports/{id}/review", "agreements.manage", h(review));
  r.add("POST", "/api/v1/agreements/{id}/amendments", "amendments.request", h(amend));
  r.add("POST", "/api/v1/agreement-amendments/{id}/decision", "agreements.manage", h(decide));
  r.add("POST", "/api/v1/agreements/{id}/visits", "visits.write", h(add_visit));
  register_visit_owner();  // PATCH /api/v1/visits/{id} is the platform's (platform/visits.hpp)
  r.add("GET", "/api/v1/portfolio", "grants.read", h(portfolio));
}
}  // namespace sp::grants
