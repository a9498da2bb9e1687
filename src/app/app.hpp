#pragma once
// The running socialpact (platform/context.hpp) and the one list of its capabilities.
#include <vector>

#include "platform/context.hpp"
#include "platform/module.hpp"

namespace sp {
// The capabilities, in the order their demo data builds on one another (wiring.cpp).
const std::vector<platform::Module>& modules();
// Every route of the product: the platform's, then each capability's.
void register_all_routes(App& app, http::Router& router);
}  // namespace sp
