// HTTP for what happens around a person's file (care_operations.cpp): referrals, consents, the
// course of an enrolment, the subject-access export and anonymisation. Parse, call, serialise.
#include "common/json.hpp"
#include "http/respond.hpp"
#include "modules/services/operations.hpp"
#include "modules/services/routes.hpp"

namespace sp::services {
namespace {
using http::Request;
using http::Response;
using platform::answer;
using platform::caller_of;

json::object body_of(const Request& r) { return parse_object(r.body); }

Response add_consent(App& app, Request& r) { return answer(consent_add(app, caller_of(r), r.id(), body_of(r))); }
Response withdraw_consent(App& app, Request& r) {
  auto version = r.if_match();  // the person's file, as read
  return answer(consent_withdraw(app, caller_of(r), r.id(), version, body_of(r)));
}
Response update_enrolment(App& app, Request& r) {
  auto version = r.if_match();
  return answer(enrolment_update(app, caller_of(r), r.id(), version, body_of(r)));
}
Response create_referral(App& app, Request& r) { return answer(referral_create(app, caller_of(r), r.id(), body_of(r))); }
Response list_referrals(App& app, Request& r) {
  auto direction = http::query_in(r, "direction", {"incoming", "outgoing"});
  auto status = http::query_in(r, "status", {"pending", "accepted", "declined", "cancelled"});
  auto limit = static_cast<int>(query_int(r.q("limit"), "limit", 50, 1, 200));
  return answer(referrals_list(app, caller_of(r), direction.empty() ? "incoming" : direction, status, limit,
                               query_int(r.q("cursor"), "cursor", 0, 0, INT64_MAX)));
}
Response get_referral(App& app, Request& r) { return answer(referral_get(app, caller_of(r), r.id())); }
Response decide(App& app, Request& r, bool accept) {
  auto version = r.if_match();
  auto body = r.body.empty() ? json::object{} : body_of(r);
  return answer(referral_decide(app, caller_of(r), r.id(), version, accept, body));
}
Response accept_referral(App& app, Request& r) { return decide(app, r, true); }
Response decline_referral(App& app, Request& r) { return decide(app, r, false); }
Response export_person(App& app, Request& r) {
  auto x = person_export(app, caller_of(r), r.id());
  return http::download(json::serialize(x.body), "application/json", x.filename);
}
Response anonymise_person(App& app, Request& r) {
  auto version = r.if_match();  // the person's file, as read
  return answer(person_anonymise(app, caller_of(r), r.id(), version, body_of(r)));
}
}  // namespace

void register_care_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("POST", "/api/v1/people/{id}/consents", "people.write", h(add_consent));
  r.add("POST", "/api/v1/consents/{id}/withdraw", "people.write", h(withdraw_consent));
  r.add("PATCH", "/api/v1/enrolments/{id}", "people.write", h(update_enrolment));
  r.add("POST", "/api/v1/people/{id}/referrals", "people.write", h(create_referral));
  r.add("GET", "/api/v1/referrals", "people.read", h(list_referrals));
  r.add("GET", "/api/v1/referrals/{id}", "people.read", h(get_referral));
  r.add("POST", "/api/v1/referrals/{id}/accept", "people.write", h(accept_referral));
  r.add("POST", "/api/v1/referrals/{id}/decline", "people.write", h(decline_referral));
  r.add("GET", "/api/v1/people/{id}/export", "people.read", h(export_person));
  r.add("POST", "/api/v1/people/{id}/anonymise", "people.write", h(anonymise_person));
}
}  // namespace sp::services
