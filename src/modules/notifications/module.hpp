#pragma once
// The notifications capability as src/app lists it (platform/module.hpp).
#include "platform/module.hpp"

namespace sp::notifications {
platform::Module module();
}  // namespace sp::notifications
