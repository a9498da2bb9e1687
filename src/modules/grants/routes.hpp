#pragma once
#include "platform/context.hpp"

namespace sp::grants {
// Every route of the grant programme (calls, applications, evaluation, awards, agreements).
void register_routes(App& app, http::Router& r);
// Consensus, ranking, decisions and results (award_routes.cpp).
void register_award_routes(App& app, http::Router& r);
// Agreements, tranches, reports, amendments, visits, portfolio and exports (agreement_routes.cpp).
void register_agreement_routes(App& app, http::Router& r);
}  // namespace sp::grants
