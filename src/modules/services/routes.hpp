#pragma once
#include "platform/context.hpp"

namespace sp::services {
// Service types, service units, people (identity encrypted, reads audited), consent, enrolment.
void register_routes(App& app, http::Router& r);
// Referrals, consents given and withdrawn, enrolments admitted and ended, subject access, anonymisation.
void register_care_routes(App& app, http::Router& r);
}  // namespace sp::services
