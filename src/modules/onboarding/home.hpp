#pragma once
// What of account requests waits on a home (platform/home.hpp): the officers' requests to decide.
#include <vector>

#include "platform/home.hpp"

namespace sp::onboarding {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::onboarding
