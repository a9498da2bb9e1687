#pragma once
#include <boost/json/object.hpp>

#include "platform/module.hpp"

namespace sp::results {
// The seeds' two programmes with their real periods and money, and the current phase, each with the
// demo's calls of its years placed in it; their periods counted in the tallies.
boost::json::object load_demo(platform::DemoContext& d);
}  // namespace sp::results
