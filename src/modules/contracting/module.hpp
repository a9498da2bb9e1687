#pragma once
// Social contracting (issue 14): an authority's needs and purchase plan, purchases at a ceiling from
// an approved standard cost, clarifications and amendments (decision 0022).
#include "platform/module.hpp"

namespace sp::contracting {
platform::Module module();
}  // namespace sp::contracting
