#pragma once
// The running socialpact (platform/context.hpp) and the one list of its capabilities.
#include "platform/context.hpp"

namespace sp {
// Every route of the product. Adding a capability adds one line here.
void register_all_routes(App& app, http::Router& router);
}  // namespace sp
