// Results over HTTP: parse, call one operation, serialise.
#include "modules/results/routes.hpp"

#include "http/request.hpp"
#include "http/respond.hpp"
#include "modules/results/operations.hpp"
#include "common/time.hpp"
#include "platform/documents.hpp"

namespace sp::results {
using http::Request;
using platform::answer;
using platform::caller_of;

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/category-sets", "results.read", [&app](Request&) { return answer(category_sets_list(app)); });
  r.add("POST", "/api/v1/category-sets", "results.manage", [&app](Request& q) { return answer(category_set_create(app, caller_of(q), parse_object(q.body))); });
  r.add("PATCH", "/api/v1/category-sets/{id}", "results.manage",
        [&app](Request& q) { return answer(category_set_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/category-sets/{id}/versions", "results.manage",
        [&app](Request& q) { return answer(category_set_version(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("GET", "/api/v1/programmes", "results.read", [&app](Request& q) { return answer(programmes_list(app, *q.user)); });
  r.add("POST", "/api/v1/programmes", "results.manage", [&app](Request& q) { return answer(programme_create(app, caller_of(q), parse_object(q.body))); });
  r.add("GET", "/api/v1/programmes/{id}", "results.read", [&app](Request& q) { return answer(programme_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/programmes/{id}", "results.manage",
        [&app](Request& q) { return answer(programme_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("GET", "/api/v1/programmes/{id}/framework", "results.read", [&app](Request& q) { return answer(framework_get(app, *q.user, q.id())); });
  r.add("GET", "/api/v1/programmes/{id}/logframe.xlsx", "results.read",
        [&app](Request& q) { return http::xlsx_file(logframe_xlsx(app, q.id(), http::words_of(q))); });
  r.add("GET", "/api/v1/programmes/{id}/report.pdf", "results.read",
        [&app](Request& q) { return http::pdf_file(progress_pdf(app, q.id(), http::words_of(q))); });
  r.add("POST", "/api/v1/programmes/{id}/results", "results.manage",
        [&app](Request& q) { return answer(result_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("POST", "/api/v1/results/{id}/indicators", "results.manage",
        [&app](Request& q) { return answer(indicator_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("GET", "/api/v1/indicators/{id}", "results.read", [&app](Request& q) { return answer(indicator_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/indicators/{id}", "results.manage",
        [&app](Request& q) { return answer(indicator_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  r.add("POST", "/api/v1/indicators/{id}/values", "results.enter",
        [&app](Request& q) { return answer(value_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("PATCH", "/api/v1/indicator-values/{id}", "results.enter",
        [&app](Request& q) { return answer(value_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/indicator-values/{id}/submit", "results.enter",
        [&app](Request& q) { return answer(value_submit(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/indicator-values/{id}/approve", "results.manage",
        [&app](Request& q) { return answer(value_approve(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/indicator-values/{id}/return", "results.manage",
        [&app](Request& q) { return answer(value_return(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  register_value_documents();
  r.add("POST", "/api/v1/indicator-values/{id}/documents", "results.enter", [&app](Request& q) {
    return answer(value_document(app, caller_of(q), q.id(), q.body, http::query_text(q, "filename", 300)));
  });
  r.set_max_body(platform::kMaxDocumentBytes);

  // Open data: IATI 2.03 and 360Giving for anyone (nothing about a person, small counts hidden).
  auto programme = [](Request& q) -> std::optional<std::int64_t> {
    if (!q.q("programme")) return std::nullopt;
    return query_int(q.q("programme"), "programme", 0, 1, INT64_MAX);
  };
  auto stem = [programme](Request& q) {
    auto id = programme(q);
    return std::string("socialpact-") + (id ? "programme-" + std::to_string(*id) : "programmes") + "-" + today();
  };
  r.add("GET", "/api/v1/open-data/iati-activities.xml", http::kPublic, [&app, programme, stem](Request& q) {
    return http::download(iati_activities(app, programme(q)), "application/xml; charset=utf-8", stem(q) + "-iati.xml");
  });
  r.add("GET", "/api/v1/open-data/360giving.json", http::kPublic, [&app, programme, stem](Request& q) {
    return http::download(giving_json(app, programme(q)), "application/json", stem(q) + "-360giving.json");
  });
  r.add("GET", "/api/v1/open-data/360giving.csv", http::kPublic, [&app, programme, stem](Request& q) {
    return http::download(giving_csv(app, programme(q)), "text/csv; charset=utf-8", stem(q) + "-360giving.csv");
  });
}
}  // namespace sp::results
