#pragma once
// The grants capability as src/app lists it (platform/module.hpp).
#include "platform/module.hpp"

namespace sp::grants {
platform::Module module();
}  // namespace sp::grants
