#pragma once
// The registry capability as src/app lists it (platform/module.hpp).
#include "platform/module.hpp"

namespace sp::registry {
platform::Module module();
}  // namespace sp::registry
