#pragma once
#include "platform/context.hpp"

namespace sp::results {
// Every route of results.
void register_routes(App& app, http::Router& r);
}  // namespace sp::results
