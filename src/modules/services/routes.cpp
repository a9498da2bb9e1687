// HTTP for social services and the people they serve: each handler parses the request, calls one
// operation (operations.hpp) and serialises its answer. No SQL, transactions or rules here.
#include "modules/services/routes.hpp"

#include "common/json.hpp"
#include "http/respond.hpp"
#include "modules/services/operations.hpp"
#include "modules/services/rules.hpp"

namespace sp::services {
namespace {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

json::object body_of(const Request& r) { return parse_object(r.body); }

OverviewQuery overview_query(const Request& r) {
  return {http::query_text(r, "from", 10), http::query_text(r, "to", 10), http::query_text(r, "district", 10),
          http::query_text(r, "type", 40)};
}

Response list_types(App& app, Request&) { return answer(service_types_list(app)); }

Response list_services(App& app, Request& r) {
  ServiceQuery q{http::query_text(r, "district", 10), http::query_text(r, "type", 40), http::query_in(r, "status", service_statuses()),
                 std::nullopt};
  if (auto p = query_int(r.q("provider_organisation_id"), "provider_organisation_id", 0, 0, INT64_MAX)) q.provider_organisation_id = p;
  q.mine = r.q("mine").value_or("") == "1";
  return answer(services_list(app, r.me(), q));
}

Response get_service(App& app, Request& r) { return answer(service_get(app, r.id())); }
Response create_service(App& app, Request& r) { return answer(service_create(app, caller_of(r), body_of(r))); }
Response update_service(App& app, Request& r) {
  auto version = r.if_match();
  return answer(service_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response get_staff(App& app, Request& r) { return answer(service_staff_get(app, caller_of(r), r.id())); }
Response put_staff(App& app, Request& r) {
  auto version = r.if_match();
  return answer(service_staff_put(app, caller_of(r), r.id(), version, body_of(r)));
}

Response overview(App& app, Request& r) { return http::json_text(overview_text(app, caller_of(r), overview_query(r))); }
Response overview_spreadsheet(App& app, Request& r) {
  return http::xlsx_file(services::overview_xlsx(app, caller_of(r), http::words_of(r), overview_query(r)));
}

Response get_grid(App& app, Request& r) { return answer(grid_get(app, caller_of(r), r.id(), http::query_text(r, "month", 7))); }
Response put_grid(App& app, Request& r) {
  auto version = r.if_match();
  return answer(grid_put(app, caller_of(r), r.id(), version, body_of(r)));
}

Response list_people(App& app, Request& r) {
  PeopleFilter f{http::query_text(r, "code", 12), http::query_in(r, "mine", {"0", "1"}) == "1",
                 http::query_in(r, "stage", {"waiting", "enrolled", "due"})};
  auto limit = static_cast<int>(query_int(r.q("limit"), "limit", 50, 1, 200));
  return answer(people_list(app, caller_of(r), f, limit, query_int(r.q("cursor"), "cursor", 0, 0, INT64_MAX)));
}
Response create_person(App& app, Request& r) { return answer(person_create(app, caller_of(r), body_of(r))); }
Response get_person(App& app, Request& r) { return answer(person_get(app, caller_of(r), r.id())); }
Response get_identity(App& app, Request& r) { return answer(identity_get(app, caller_of(r), r.id())); }
Response enrol_person(App& app, Request& r) { return answer(enrol(app, caller_of(r), r.id(), body_of(r))); }
Response create_pathway(App& app, Request& r) { return answer(pathway_create(app, caller_of(r), r.id(), body_of(r))); }
Response record_followup(App& app, Request& r) {
  auto version = r.if_match();
  return answer(followup_record(app, caller_of(r), r.id(), version, body_of(r)));
}
Response create_assessment(App& app, Request& r) { return answer(assessment_create(app, caller_of(r), r.id(), body_of(r))); }
Response create_plan(App& app, Request& r) { return answer(plan_create(app, caller_of(r), r.id(), body_of(r))); }
Response update_plan(App& app, Request& r) {
  auto version = r.if_match();
  return answer(plan_update(app, caller_of(r), r.id(), version, body_of(r)));
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("GET", "/api/v1/service-types", "services.read", h(list_types));
  r.add("GET", "/api/v1/services", "services.read", h(list_services));
  r.add("POST", "/api/v1/services", "services.write", h(create_service));
  r.add("GET", "/api/v1/services/overview", "services.read", h(overview));
  r.add("GET", "/api/v1/services/overview.xlsx", "services.read", h(overview_spreadsheet));
  r.add("GET", "/api/v1/services/{id}", "services.read", h(get_service));
  r.add("PATCH", "/api/v1/services/{id}", "services.write", h(update_service));
  r.add("GET", "/api/v1/services/{id}/staff", "services.write", h(get_staff));
  r.add("PUT", "/api/v1/services/{id}/staff", "services.write", h(put_staff));
  r.add("GET", "/api/v1/services/{id}/deliveries", "people.read", h(get_grid));
  r.add("PUT", "/api/v1/services/{id}/deliveries", "people.write", h(put_grid));
  r.add("GET", "/api/v1/people", "people.read", h(list_people));
  r.add("POST", "/api/v1/people", "people.write", h(create_person));
  r.add("GET", "/api/v1/people/{id}", "people.read", h(get_person));
  r.add("GET", "/api/v1/people/{id}/identity", "people.read", h(get_identity));
  r.add("POST", "/api/v1/people/{id}/enrolments", "people.write", h(enrol_person));
  r.add("POST", "/api/v1/people/{id}/pathway", "people.write", h(create_pathway));
  r.add("POST", "/api/v1/people/{id}/assessments", "people.write", h(create_assessment));
  r.add("POST", "/api/v1/people/{id}/plans", "people.write", h(create_plan));
  r.add("PATCH", "/api/v1/plans/{id}", "people.write", h(update_plan));
  r.add("PUT", "/api/v1/pathway-followups/{id}", "people.write", h(record_followup));
}
}  // namespace sp::services
