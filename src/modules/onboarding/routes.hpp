#pragma once
#include "platform/context.hpp"

namespace sp::onboarding {
void register_routes(App& app, http::Router& r);
}  // namespace sp::onboarding
