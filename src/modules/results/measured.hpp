#pragma once
// A programme as its reports and open data read it (open_data_operations.cpp): its frameworks with
// each indicator's target periods, actuals and the actuals' parts — the country's, small counts
// hidden with what would give them back, only approved manual values — and its grants awarded.
// Shared by the open data, the logframe spreadsheet and the progress report.
#include <vector>

#include "modules/results/open_data.hpp"
#include "platform/tallies.hpp"
#include "store/database.hpp"

namespace sp::results {
// A measure's rows in the country for a period ("programme": the programme's span): for the grants'
// measures, only those of the programme's own calls.
std::vector<platform::tallies::Value> programme_rows(store::Tx& tx, const Programme& p, const std::string& measure, const std::string& period);
std::vector<open_data::MeasuredResult> measured(store::Tx& tx, const Programme& p, const std::vector<FrameworkResult>& rs);
open_data::Activity activity_of(store::Tx& tx, Programme p);
}  // namespace sp::results
