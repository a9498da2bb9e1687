#pragma once
// What of costing waits on a home (platform/home.hpp): the cost models submitted for the reader's
// approval (the approval inbox).
#include <vector>

#include "platform/home.hpp"

namespace sp::costing {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::costing
