#pragma once
// The costing of social services (issue 13): yearly parameters, cost models of services and standard
// costs of service types, scenarios, the benchmark, and a service's actual cost against its standard.
#include "platform/module.hpp"

namespace sp::costing {
platform::Module module();
}  // namespace sp::costing
