#pragma once
#include "platform/context.hpp"

namespace sp::contracting {
// Every route of social contracting.
void register_routes(App& app, http::Router& r);
}  // namespace sp::contracting
