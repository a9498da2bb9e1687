#pragma once
// What of the registry waits for each user on their home (platform/home.hpp).
#include <vector>

#include "platform/home.hpp"

namespace sp::registry {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::registry
