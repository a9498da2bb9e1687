#pragma once
// Pure rules of results: reading and checking a programme; its lists as JSON. No SQL, no HTTP.
#include <boost/json.hpp>

#include <map>
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

// A manual indicator's actual for a period: its latest approved value there for the country (values
// newest first; a district's values are its parts of the place).
std::optional<std::string> approved_value(const std::vector<IndicatorValue>& values, const std::string& period);
// A number written plainly — "62", "-3", "12.5" — nothing else (no exponent, no spaces, no comma):
// how values, targets and their parts are compared, added and charted.
std::optional<double> number_in(const std::string& s);
// A whole number written as one ("62"), nothing else.
std::optional<std::int64_t> whole_number(const std::string& s);

// The calendar years a programme spans, its first to its last ("2021" … "2024").
std::vector<std::string> years_of(const Programme& p);

// ---- disaggregation categories (decision 0027)

// A category set as the body gives it: its code, names and categories (codes unique).
CategorySet read_category_set(Validator& v);
// The next version's categories and the mapping of the previous version's codes onto them: every
// previous code mapped, each onto one of the new codes (each wrong one named under "mapping").
void check_mapping(Validator& v, const CategorySet& previous, const CategorySet& next);
// Parts as the body gives them under `field` (a value's "parts", a target's), each set and code
// checked later against the sets (part_errors).
std::vector<Part> read_parts(Validator& v, std::string_view field);
// What is wrong with parts given the sets they name (by id): an unknown set or a code not in its set,
// a category given twice; as (index, field, code, message).
struct PartError {
  std::size_t index;
  std::string field, code, message;
};
std::vector<PartError> part_errors(const std::vector<Part>& parts, const std::map<std::int64_t, CategorySet>& sets);
// Where a value's total differs from the sum of its parts in a set (numbers only; shares and words
// do not add up): flagged, not refused.
struct SumFlag {
  std::int64_t set_id = 0;
  std::string total, sum;
};
std::vector<SumFlag> sum_flags(const std::string& unit, const std::string& total, const std::vector<Part>& parts);
// Parts given in older versions of a set read in its newest: each code carried through the mappings
// (`chain`: the versions from the parts' own to the newest, oldest first) and summed.
std::map<std::string, double> mapped_parts(const std::vector<Part>& parts, const std::vector<CategorySet>& chain);

boost::json::array to_json(const std::vector<Part>& p);
std::vector<Part> parts_of(const boost::json::value& v);
boost::json::array to_json(const std::vector<CategoryItem>& items);
std::vector<CategoryItem> items_of(const boost::json::value& v);
boost::json::object to_json(const std::map<std::string, std::string>& mapping);
std::map<std::string, std::string> mapping_of(const boost::json::value& v);

boost::json::array to_json(const std::vector<Party>& p);
boost::json::array to_json(const std::vector<Contribution>& c);
std::vector<Party> parties_of(const boost::json::value& v);
std::vector<Contribution> contributions_of(const boost::json::value& v);
boost::json::array to_json(const std::vector<Target>& t);
std::vector<Target> targets_of(const boost::json::value& v);
}  // namespace sp::results
