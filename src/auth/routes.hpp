#pragma once
#include "platform/context.hpp"
#include "http/server.hpp"

namespace sp::auth {
void register_routes(App& app, http::Router& r);
// Session cookie → Principal, and the CSRF check, for the server's middleware.
http::Middleware middleware(App& app);
}  // namespace sp::auth
