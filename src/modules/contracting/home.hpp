#pragma once
// What of social contracting waits on a home (platform/home.hpp): for an authority's staff, its
// purchases whose offers wait to be opened or evaluated; for a provider, the purchases open for
// offers of a type it is accredited for.
#include <vector>

#include "platform/home.hpp"

namespace sp::contracting {
std::vector<platform::Waiting> home_kinds();
}  // namespace sp::contracting
