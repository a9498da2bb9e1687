#pragma once
// Results (issue 15): programmes, their frameworks and figures, and the reporting to donors.
#include "platform/module.hpp"

namespace sp::results {
platform::Module module();
}  // namespace sp::results
