#pragma once
// What of results waits on a home: the manual indicator values the user may approve.
#include <vector>

#include "platform/home.hpp"

namespace sp::results {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::results
