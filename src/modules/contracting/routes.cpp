// Social contracting over HTTP: parse, call one operation, serialise.
#include "modules/contracting/routes.hpp"

#include "http/request.hpp"
#include "http/respond.hpp"
#include "modules/contracting/operations.hpp"
#include "platform/documents.hpp"
#include "reports/pdf.hpp"

namespace sp::contracting {
using http::Request;
using platform::answer;
using platform::caller_of;

namespace {
std::optional<std::int64_t> authority_of(const Request& q) {
  auto v = query_int(q.q("authority_id"), "authority_id", 0, 0, INT64_MAX);
  return v ? std::optional(v) : std::nullopt;
}
PurchaseQuery purchase_query(const Request& q) {
  PurchaseQuery p;
  p.authority_id = authority_of(q);
  if (auto v = query_int(q.q("year"), "year", 0, 0, 2100)) p.year = static_cast<int>(v);
  for (auto [name, field] : {std::pair{"status", &PurchaseQuery::status}, {"type_code", &PurchaseQuery::type_code}}) {
    auto v = q.q(name);
    if (v && !v->empty()) p.*field = v->substr(0, 60);
  }
  p.before = query_int(q.q("before"), "before", 0, 0, INT64_MAX);
  p.limit = static_cast<int>(query_int(q.q("limit"), "limit", 50, 1, 200));
  return p;
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/contracting-thresholds", "contracting.read", [&app](Request&) { return answer(thresholds_list(app)); });
  r.add("POST", "/api/v1/contracting-thresholds", "contracting.parameters",
        [&app](Request& q) { return answer(thresholds_create(app, caller_of(q), parse_object(q.body))); });

  r.add("GET", "/api/v1/needs-assessments", "contracting.read", [&app](Request& q) { return answer(needs_list(app, *q.user, authority_of(q))); });
  r.add("POST", "/api/v1/needs-assessments", "contracting.write",
        [&app](Request& q) { return answer(needs_create(app, caller_of(q), parse_object(q.body))); });
  r.add("GET", "/api/v1/needs-assessments/{id}", "contracting.read", [&app](Request& q) { return answer(needs_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/needs-assessments/{id}", "contracting.write",
        [&app](Request& q) { return answer(needs_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  r.add("GET", "/api/v1/purchase-plans", "contracting.read", [&app](Request& q) { return answer(plans_list(app, *q.user, authority_of(q))); });
  r.add("POST", "/api/v1/purchase-plans", "contracting.write",
        [&app](Request& q) { return answer(plan_create(app, caller_of(q), parse_object(q.body))); });
  r.add("GET", "/api/v1/purchase-plans/{id}", "contracting.read", [&app](Request& q) { return answer(plan_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/purchase-plans/{id}", "contracting.write",
        [&app](Request& q) { return answer(plan_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  r.add("GET", "/api/v1/purchases", "contracting.read", [&app](Request& q) { return answer(purchases_list(app, *q.user, purchase_query(q))); });
  r.add("POST", "/api/v1/purchases", "contracting.write",
        [&app](Request& q) { return answer(purchase_create(app, caller_of(q), parse_object(q.body))); });
  r.add("GET", "/api/v1/purchases/{id}", "contracting.read", [&app](Request& q) { return answer(purchase_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/purchases/{id}", "contracting.write",
        [&app](Request& q) { return answer(purchase_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/purchases/{id}/approve-cost", "contracting.write",
        [&app](Request& q) { return answer(purchase_approve_cost(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/purchases/{id}/publish", "contracting.write",
        [&app](Request& q) { return answer(purchase_publish(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/purchases/{id}/cancel", "contracting.write",
        [&app](Request& q) { return answer(purchase_cancel(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/purchases/{id}/amendments", "contracting.write",
        [&app](Request& q) { return answer(purchase_amend(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  r.add("GET", "/api/v1/purchases/{id}/clarifications", "contracting.read",
        [&app](Request& q) { return answer(clarifications_list(app, *q.user, q.id())); });
  r.add("POST", "/api/v1/purchases/{id}/clarifications", "contracting.offer",
        [&app](Request& q) { return answer(clarification_ask(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("POST", "/api/v1/clarifications/{id}/answer", "contracting.write",
        [&app](Request& q) { return answer(clarification_answer(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  // Offers: sealed until the deadline.
  r.add("GET", "/api/v1/offers", "contracting.offer", [&app](Request& q) { return answer(my_offers(app, *q.user)); });
  r.add("GET", "/api/v1/purchases/{id}/offers", "contracting.read", [&app](Request& q) { return answer(offers_list(app, caller_of(q), q.id())); });
  r.add("POST", "/api/v1/purchases/{id}/offers", "contracting.offer",
        [&app](Request& q) { return answer(offer_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("GET", "/api/v1/offers/{id}", "contracting.read", [&app](Request& q) { return answer(offer_get(app, caller_of(q), q.id())); });
  r.add("PATCH", "/api/v1/offers/{id}", "contracting.offer",
        [&app](Request& q) { return answer(offer_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/offers/{id}/submit", "contracting.offer",
        [&app](Request& q) { return answer(offer_submit(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/offers/{id}/withdraw", "contracting.offer",
        [&app](Request& q) { return answer(offer_withdraw(app, caller_of(q), q.id(), q.if_match())); });

  // The committee's evaluation, the award, the standstill and complaints.
  r.add("GET", "/api/v1/purchases/{id}/committee", "contracting.read",
        [&app](Request& q) { return answer(purchase_committee_get(app, *q.user, q.id())); });
  r.add("PUT", "/api/v1/purchases/{id}/committee", "contracting.write",
        [&app](Request& q) { return answer(purchase_committee(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/purchases/{id}/open", "contracting.write",
        [&app](Request& q) { return answer(purchase_open(app, caller_of(q), q.id(), q.if_match())); });
  r.add("GET", "/api/v1/purchases/{id}/evaluations", "contracting.write",
        [&app](Request& q) { return answer(offer_evaluations_list(app, *q.user, q.id())); });
  r.add("GET", "/api/v1/offer-evaluations/{id}", "contracting.write",
        [&app](Request& q) { return answer(offer_evaluation_get(app, *q.user, q.id())); });
  r.add("POST", "/api/v1/offer-evaluations/{id}/declare", "contracting.write",
        [&app](Request& q) { return answer(offer_evaluation_declare(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("PUT", "/api/v1/offer-evaluations/{id}/scores", "contracting.write",
        [&app](Request& q) { return answer(offer_evaluation_score(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/offers/{id}/justification", "contracting.write",
        [&app](Request& q) { return answer(offer_justification(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/offers/{id}/consensus", "contracting.write",
        [&app](Request& q) { return answer(offer_consensus(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("GET", "/api/v1/purchases/{id}/ranking", "contracting.read", [&app](Request& q) { return answer(purchase_ranking(app, *q.user, q.id())); });
  r.add("POST", "/api/v1/purchases/{id}/award", "contracting.write",
        [&app](Request& q) { return answer(purchase_award(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/purchases/{id}/announce", "contracting.write",
        [&app](Request& q) { return answer(purchase_announce(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/purchases/{id}/complaints", "contracting.offer",
        [&app](Request& q) { return answer(complaint_lodge(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("POST", "/api/v1/complaints/{id}/decision", "contracting.write",
        [&app](Request& q) { return answer(complaint_decide(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  // Contracts and the monthly cycle.
  r.add("GET", "/api/v1/contracts", "contracting.read", [&app](Request& q) { return answer(contracts_list(app, *q.user)); });
  r.add("POST", "/api/v1/purchases/{id}/contracts", "contracting.write",
        [&app](Request& q) { return answer(contract_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("GET", "/api/v1/contracts/{id}", "contracting.read", [&app](Request& q) { return answer(contract_get(app, *q.user, q.id())); });
  r.add("GET", "/api/v1/contracts/{id}/contract.pdf", "contracting.read",
        [&app](Request& q) { return http::pdf_file(contract_pdf(app, *q.user, q.id())); });
  register_contract_documents();
  register_offer_documents();
  r.add("POST", "/api/v1/offers/{id}/documents", "contracting.offer", [&app](Request& q) {
    return answer(offer_document_add(app, caller_of(q), q.id(), http::query_text(q, "kind", 40), q.body, http::query_text(q, "filename", 300)));
  });
  r.set_max_body(platform::kMaxDocumentBytes);
  r.add("POST", "/api/v1/contracts/{id}/documents", "contracting.write", [&app](Request& q) {
    return answer(contract_document_add(app, caller_of(q), q.id(), q.body, http::query_text(q, "filename", 300)));
  });
  r.set_max_body(platform::kMaxDocumentBytes);
  register_contract_visits();
  r.add("POST", "/api/v1/contracts/{id}/visits", "visits.write",
        [&app](Request& q) { return answer(contract_visit_add(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contracts/{id}/sign", "contracting.write",
        [&app](Request& q) { return answer(contract_sign(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contracts/{id}/amendments", "contracting.write",
        [&app](Request& q) { return answer(contract_amend(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contracts/{id}/renewal", "contracting.write",
        [&app](Request& q) { return answer(contract_renew(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contracts/{id}/end", "contracting.write",
        [&app](Request& q) { return answer(contract_end(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contracts/{id}/reports", "contracting.offer",
        [&app](Request& q) { return answer(report_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("GET", "/api/v1/contracts/{id}/reports/preview", "contracting.read",
        [&app](Request& q) { return answer(report_preview(app, *q.user, q.id(), http::query_text(q, "month", 7))); });
  r.add("GET", "/api/v1/contract-reports/{id}", "contracting.read", [&app](Request& q) { return answer(report_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/contract-reports/{id}", "contracting.offer",
        [&app](Request& q) { return answer(report_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contract-reports/{id}/submit", "contracting.offer",
        [&app](Request& q) { return answer(report_submit(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/contract-reports/{id}/approve", "contracting.write",
        [&app](Request& q) { return answer(report_approve(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contract-reports/{id}/return", "contracting.write",
        [&app](Request& q) { return answer(report_return(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/contract-reports/{id}/payment", "contracting.write",
        [&app](Request& q) { return answer(report_pay(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  // Open contracting: OCDS 1.1.5 for anyone, published processes only.
  r.add("GET", "/api/v1/open-contracting", http::kPublic, [&app](Request& q) {
    auto before = query_int(q.q("before"), "before", 0, 0, INT64_MAX);
    auto limit = static_cast<int>(query_int(q.q("limit"), "limit", 20, 1, 100));
    return http::json_text(open_contracting_feed(app, before, limit));
  });
  r.add("GET", "/api/v1/open-contracting/{id}/releases", http::kPublic,
        [&app](Request& q) { return http::json_text(open_contracting_releases(app, q.id())); });
  r.add("GET", "/api/v1/open-contracting/{id}/record", http::kPublic,
        [&app](Request& q) { return http::json_text(open_contracting_record(app, q.id())); });
}
}  // namespace sp::contracting
