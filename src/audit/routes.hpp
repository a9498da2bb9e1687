#pragma once
// The audit trail's HTTP side: how a request names its actor, and GET /api/v1/audit.
#include "audit/audit.hpp"
#include "platform/context.hpp"

namespace sp::http {
struct Request;
}

namespace sp::audit {
Actor actor_of(const http::Request& req);
void register_routes(App& app, http::Router& r);
}  // namespace sp::audit
