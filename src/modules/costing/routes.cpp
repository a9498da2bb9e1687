// Costing over HTTP: parse, call one operation, serialise.
#include "modules/costing/routes.hpp"

#include "http/request.hpp"
#include "http/respond.hpp"
#include "modules/costing/operations.hpp"
#include "modules/costing/sheets.hpp"
#include "reports/pdf.hpp"

namespace sp::costing {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

namespace {
ModelQuery model_query(const Request& q) {
  ModelQuery m;
  if (auto v = query_int(q.q("service_id"), "service_id", 0, 0, INT64_MAX)) m.service_id = v;
  if (auto v = query_int(q.q("scenario_of"), "scenario_of", 0, 0, INT64_MAX)) m.scenario_of = v;
  if (auto v = query_int(q.q("year"), "year", 0, 0, 2100)) m.year = static_cast<int>(v);
  for (auto [name, field] : {std::pair{"type_code", &ModelQuery::type_code}, {"territory", &ModelQuery::territory},
                             {"status", &ModelQuery::status}, {"kind", &ModelQuery::kind}}) {
    auto v = q.q(name);
    if (v && !v->empty()) m.*field = v->substr(0, 60);
  }
  m.before = query_int(q.q("before"), "before", 0, 0, INT64_MAX);
  m.limit = static_cast<int>(query_int(q.q("limit"), "limit", 50, 1, 200));
  return m;
}
int year_of(const Request& q) { return static_cast<int>(query_int(q.q("year"), "year", 0, 2000, 2100)); }
}  // namespace

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/cost-parameters", "costing.read", [&app](Request&) { return answer(parameter_sets_list(app)); });
  r.add("POST", "/api/v1/cost-parameters", "costing.parameters",
        [&app](Request& q) { return answer(parameter_set_create(app, caller_of(q), parse_object(q.body))); });
  r.add("PATCH", "/api/v1/cost-parameters/{id}", "costing.parameters",
        [&app](Request& q) { return answer(parameter_set_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });

  r.add("POST", "/api/v1/cost-models/preview", "costing.write", [&app](Request& q) { return answer(model_preview(app, parse_object(q.body))); });
  r.add("GET", "/api/v1/cost-models", "costing.read", [&app](Request& q) { return answer(models_list(app, *q.user, model_query(q))); });
  r.add("POST", "/api/v1/cost-models", "costing.write", [&app](Request& q) { return answer(model_create(app, caller_of(q), parse_object(q.body))); });
  r.add("GET", "/api/v1/cost-models/{id}", "costing.read", [&app](Request& q) { return answer(model_get(app, *q.user, q.id())); });
  r.add("PUT", "/api/v1/cost-models/{id}", "costing.write",
        [&app](Request& q) { return answer(model_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/cost-models/{id}/submit", "costing.write",
        [&app](Request& q) { return answer(model_submit(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/cost-models/{id}/approve", "costing.write",
        [&app](Request& q) { return answer(model_approve(app, caller_of(q), q.id(), q.if_match())); });
  r.add("POST", "/api/v1/cost-models/{id}/return", "costing.write",
        [&app](Request& q) { return answer(model_return(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/cost-models/{id}/versions", "costing.write",
        [&app](Request& q) { return answer(model_new_version(app, caller_of(q), q.id())); });
  r.add("POST", "/api/v1/cost-models/{id}/scenarios", "costing.write",
        [&app](Request& q) { return answer(scenario_create(app, caller_of(q), q.id(), parse_object(q.body))); });
  r.add("GET", "/api/v1/cost-models/{id}/sheet.xlsx", "costing.read",
        [&app](Request& q) { return http::xlsx_file(model_xlsx(app, *q.user, q.id(), http::words_of(q))); });
  r.add("GET", "/api/v1/cost-models/{id}/sheet.pdf", "costing.read",
        [&app](Request& q) { return http::pdf_file(model_pdf(app, *q.user, q.id(), http::words_of(q))); });
  r.add("GET", "/api/v1/cost-models/{id}/comparison", "costing.read", [&app](Request& q) { return answer(model_comparison(app, *q.user, q.id())); });
  r.add("GET", "/api/v1/cost-benchmark", "costing.read", [&app](Request& q) {
    auto type = q.q("type_code").value_or("");
    return answer(benchmark(app, type.substr(0, 60), year_of(q)));
  });
  r.add("GET", "/api/v1/services/{id}/cost-actual", "costing.read",
        [&app](Request& q) { return answer(service_actual(app, *q.user, q.id(), year_of(q))); });
  r.add("PATCH", "/api/v1/cost-expenditures/{id}", "costing.write",
        [&app](Request& q) { return answer(expenditure_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
  r.add("POST", "/api/v1/services/{id}/cost-expenditures", "costing.write",
        [&app](Request& q) { return answer(expenditure_create(app, caller_of(q), q.id(), parse_object(q.body))); });
}
}  // namespace sp::costing
