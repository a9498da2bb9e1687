#pragma once
#include <boost/json/object.hpp>

#include "platform/module.hpp"

namespace sp::contracting {
// The sample district council's needs of 2027 (four target groups in its towns and the district),
// its purchase plan of 2026 valued at its approved standards, and a purchase of personal assistance
// by the hour published and open for offers, with a provider's question answered; a mobile team
// bought by the beneficiary-month: three offers scored by the council's committee, awarded,
// announced, its standstill over.
boost::json::object load_demo(platform::DemoContext& d);
}  // namespace sp::contracting
