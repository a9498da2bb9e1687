#pragma once
// What of the grant programme waits for each user on their home (platform/home.hpp).
#include <vector>

#include "platform/home.hpp"

namespace sp::grants {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::grants
