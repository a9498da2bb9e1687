#pragma once
// The webhooks capability as src/app lists it (platform/module.hpp).
#include "platform/module.hpp"

namespace sp::webhooks {
platform::Module module();
}  // namespace sp::webhooks
