#pragma once
#include "platform/context.hpp"

namespace sp::costing {
void register_routes(App& app, http::Router& r);
}  // namespace sp::costing
