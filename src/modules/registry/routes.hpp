#pragma once
#include "platform/context.hpp"

namespace sp::registry {
void register_routes(App& app, http::Router& r);
}  // namespace sp::registry
