#pragma once
// The services capability as src/app lists it (platform/module.hpp).
#include "platform/module.hpp"

namespace sp::services {
platform::Module module();
}  // namespace sp::services
