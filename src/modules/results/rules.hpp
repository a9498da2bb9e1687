#pragma once
// Pure rules of results: reading and checking a programme; its lists as JSON. No SQL, no HTTP.
#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "modules/results/model.hpp"

namespace sp::results {
const std::vector<std::string>& partner_roles();  // implementing co_implementing monitoring
const std::vector<std::string>& currencies();     // EUR MDL USD

const std::vector<std::string>& levels();          // impact outcome output
const std::vector<std::string>& indicator_units();  // number percentage qualitative
// The measures an indicator may be computed from (the tallies the records keep), each with the
// categories its actual is published by (the tallies' dimension and the name an IATI dimension gives
// it), whether it counts people (small counts hidden), and whether it counts records of grant calls (a
// programme counts those of its own calls only).
struct Category {
  std::string dimension, name;
};
struct Measure {
  std::string code;
  std::vector<Category> categories;
  bool people = false, by_call = false;
  bool money = false;  // kept in minor units; an indicator reports whole units of the currency
  // A kept count or sum as an indicator reports it.
  std::int64_t reported(std::int64_t kept) const { return money ? (kept + (kept >= 0 ? 50 : -50)) / 100 : kept; }
};
const std::vector<Measure>& measure_list();
const Measure* measure_of(std::string_view code);
const std::vector<std::string>& measures();  // their codes
inline constexpr int kMaxResultsPerLevel = 10;      // the EU logframe's

// A programme as the body gives it (every field; `v` names each wrong one).
Programme read_programme(Validator& v);
// A result and an indicator as the body gives them (every field).
FrameworkResult read_result(Validator& v);
Indicator read_indicator(Validator& v);
// Whether a period names a month, a quarter, a year, or the programme's whole period.
bool valid_target_period(const std::string& period);

// A manual indicator's actual for a period: its latest approved value there (values newest first).
std::optional<std::string> approved_value(const std::vector<IndicatorValue>& values, const std::string& period);
// A whole number written as one ("62"), nothing else.
std::optional<std::int64_t> whole_number(const std::string& s);

// The calendar years a programme spans, its first to its last ("2021" … "2024").
std::vector<std::string> years_of(const Programme& p);

boost::json::array to_json(const std::vector<Party>& p);
boost::json::array to_json(const std::vector<Contribution>& c);
std::vector<Party> parties_of(const boost::json::value& v);
std::vector<Contribution> contributions_of(const boost::json::value& v);
boost::json::array to_json(const std::vector<Target>& t);
std::vector<Target> targets_of(const boost::json::value& v);
}  // namespace sp::results
