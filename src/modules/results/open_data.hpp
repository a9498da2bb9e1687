#pragma once
// Open data of the programmes (issue 15, decision 0025): each programme as an IATI 2.03 activity with
// its grants as child activities, and the grants awarded as 360Giving JSON and CSV. Pure: the caller
// reads what may be published (signed agreements, the frameworks, the actuals with small counts
// already hidden) and hands it over; nothing about a person is ever handed over. No SQL, no HTTP.
#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/grants/grants.hpp"
#include "modules/results/model.hpp"

namespace sp::results::open_data {

// An organisation as open data names it: its identifier where it has one ("MD-IDNO-…"), its name,
// and its IATI organisation type (10 government, 22 national NGO, 60 foundation; "" unknown).
struct Org {
  std::string ref, name, type;
};

struct Publisher {
  Org org;                     // the reporting organisation and the funder of the grants
  std::string base_url;        // the API's public address
  std::string giving_prefix;   // "360G-…"
  std::string now;             // UTC "…Z"
};

struct Grant {
  grants::Award award;
  Org recipient;
  std::optional<Org> cofunder;  // the partner authority, when it co-finances
  std::string district_name;    // where the project works ("" unknown)
};

// One part of an actual: a category and its value ("sex" "f"), shown (small counts are left out).
struct Part {
  std::string category, value;
  std::int64_t count = 0;
};
// An indicator's period: its target (as entered) and its actual (a number; none when there is none or
// it is hidden), with the actual's parts.
struct Measured {
  std::string period, start, end;  // the target's period name and its first and last day
  std::optional<std::string> target, actual;
  std::vector<Part> parts;
};
struct MeasuredIndicator {
  Indicator x;
  std::vector<Measured> periods;
};
struct MeasuredResult {
  FrameworkResult r;
  std::vector<MeasuredIndicator> indicators;
};

struct Activity {
  Programme p;
  std::map<std::int64_t, Org> parties;  // the registry's organisations among donors and partners, by id
  std::vector<MeasuredResult> results;                            // the programme's own
  std::map<std::int64_t, std::vector<MeasuredResult>> projects;  // by agreement id: a grant's own
  std::vector<Grant> grants;
};

// The first and last day of a target's period ("2026", "2026-Q1", "2026-03", "programme").
std::pair<std::string, std::string> period_days(const std::string& period, const Programme& p);
// An amount spread over consecutive periods of at most a year from `from` (the last one shorter),
// in proportion to their days, the rounding left in the last: IATI budgets are at most a year.
struct Slice {
  std::string from, to;
  std::int64_t minor = 0;
};
std::vector<Slice> yearly(const std::string& from, const std::string& to, std::int64_t minor);

std::string iati_identifier(const Publisher& pub, const Programme& p);
std::string iati_identifier(const Publisher& pub, const grants::Award& a);
// IATI 2.03 activities: each programme (hierarchy 1) followed by its grants (hierarchy 2), every
// element in the schema's order.
std::string iati_activities(const std::vector<Activity>& xs, const Publisher& pub, const std::string& today);

// 360Giving 1.4: one grant per award, in a package; and the same grants as a CSV with the standard's
// column titles (one recipient, funder, programme and location per row).
boost::json::object giving_package(const std::vector<Activity>& xs, const Publisher& pub);
std::string giving_csv(const std::vector<Activity>& xs, const Publisher& pub);
}  // namespace sp::results::open_data
