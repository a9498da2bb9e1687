// Results over HTTP: parse, call one operation, serialise.
#include "modules/results/routes.hpp"

#include "http/request.hpp"
#include "http/respond.hpp"
#include "modules/results/operations.hpp"

namespace sp::results {
using http::Request;
using platform::answer;
using platform::caller_of;

void register_routes(App& app, http::Router& r) {
  r.add("GET", "/api/v1/programmes", "results.read", [&app](Request& q) { return answer(programmes_list(app, *q.user)); });
  r.add("POST", "/api/v1/programmes", "results.manage", [&app](Request& q) { return answer(programme_create(app, caller_of(q), parse_object(q.body))); });
  r.add("GET", "/api/v1/programmes/{id}", "results.read", [&app](Request& q) { return answer(programme_get(app, *q.user, q.id())); });
  r.add("PATCH", "/api/v1/programmes/{id}", "results.manage",
        [&app](Request& q) { return answer(programme_update(app, caller_of(q), q.id(), q.if_match(), parse_object(q.body))); });
}
}  // namespace sp::results
