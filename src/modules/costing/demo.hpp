#pragma once
#include <boost/json/object.hpp>

#include "platform/module.hpp"

namespace sp::costing {
// The parameter sets 2024–2026; the 2026 standards of the sample district's council for the mobile
// team, personal assistance, protected housing, professional parental assistance and family support (activity-based
// packages, approved by the council's second account, each with a scenario at 70% occupancy); an
// approved model of every demo service for 2026 from its staffing and capacity; and for the demo CSO's
// first service, other funding's expenditure of 2026.
boost::json::object load_demo(platform::DemoContext& d);
}  // namespace sp::costing
