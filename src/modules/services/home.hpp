#pragma once
// What of social services waits for each user on their home (platform/home.hpp).
#include <vector>

#include "platform/home.hpp"

namespace sp::services {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::services
