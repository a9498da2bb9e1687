#pragma once
// A cost model's inputs and results as JSON, the one shape the API, the stored document and the
// calculator share. Money in bani (`*_minor` integers); FTE, minutes, quantities and days as exact
// decimal strings ("0.5"); rates and shares as percentages ("24", "12.5"). No SQL, no HTTP.
#include <boost/json.hpp>

#include "common/json.hpp"
#include "modules/costing/rules.hpp"

namespace sp::costing {
// The model's inputs from a body (every wrong field into v, named as the body names it); the rules'
// own checks against the year's parameters come after (check()).
Model read_model(Validator& v);
json::object to_json(const Model& m);
// The results: totals, unit costs (null with the reason when there is no divisor), each line's and
// each activity's and package's cost, the staff time the activities need.
json::object to_json(const Outputs& o);
// A percentage in a body ("24", "12.5") as parts per million of one (240,000); up to four decimals.
std::optional<std::int64_t> percentage(Validator& v, std::string_view field, Need need);
// A percentage as written back ("24", "12.5") from parts per million of one.
std::string percent(std::int64_t ppm);
// A decimal as written back ("0.5") from parts per million.
std::string plain(std::int64_t ppm);
}  // namespace sp::costing
