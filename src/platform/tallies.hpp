#pragma once
// Aggregates kept in the same transaction as the records they count (decision 0024). A capability
// that writes records a measure counts also says, in that transaction, what changed: `add` moves a
// sum, `weigh` moves a member's weight in a distinct count (the count moves only when the weight
// crosses zero, so a person served in two months of a year counts once in the year). Readers — the
// results framework, the services overview — read value rows, never the records. `rebuild` helpers
// start from nothing (the demo, the benchmark's data, `socialpact tallies rebuild`).
//
// Periods: a month "2026-03", its quarter "2026-Q1", its year "2026"; other periods (a programme's
// own) are named by the caller. Places: a district's code and "MD" for the country, each kept.
// Dimensions: a canonical key of category=value pairs ("age=18-64;sex=f"), '' for none; a value may
// be a set ("tg=a+b"): a roll-up by that category counts the row in each of its values.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace sp::platform::tallies {

inline constexpr std::string_view kCountry = "MD";

// ---- pure

using Dims = std::map<std::string, std::string>;
// Sorted by category. '=' and ';' never appear in codes; '+' joins a set's codes, and ends a code
// only as its last character (the age group "65+").
std::string key_of(const Dims& d);
Dims dims_of(std::string_view key);
// A set of codes as one dimension's value, sorted and joined by '+'.
std::string set_of(std::vector<std::string> codes);
// The month's own period and the quarter and year it belongs to.
std::vector<std::string> periods_of_month(std::string_view month);
// The months of a period ("2026", "2026-Q1", "2026-03"); empty for a period of another kind.
std::vector<std::string> months_of(std::string_view period);

// ---- periods of the callers' own (a programme's period)

// A period named by a capability (results names a programme's), its first and last month; ages in it
// are counted in the year of its last month.
struct Span {
  std::string period, first_month, last_month;
  // The grant calls whose records count in it (a programme's own; empty: every record). Capabilities
  // whose records belong to a call (grants) honour it; the others count every record.
  std::vector<std::string> calls = {};
};
// Where the spans come from (results registers it at start; none until then). Not thread-safe: call
// before serving.
void register_spans(std::function<std::vector<Span>(store::Tx&)> spans);
std::vector<Span> spans(store::Tx& tx);
// The periods a month's records count in — its month, quarter and year, and the spans that contain it —
// each with the year its ages are counted in.
struct Period {
  std::string name;
  int year = 0;
  std::vector<std::string> calls = {};  // a span's (Span::calls)
};
std::vector<Period> periods_for(store::Tx& tx, std::string_view month);
// The year ages are counted in for a period (a span's last month's year; else the period's own).
int year_of(std::string_view period, const std::vector<Span>& spans);

// Counting a span afresh: each capability that keeps tallies registers how it counts a span from its
// month rows (services: people served, units delivered); `recount_span` runs them all (a programme
// made or its period changed). Register before serving.
void register_span_counter(std::function<void(store::Tx&, const Span&)> count);
void recount_span(store::Tx& tx, const Span& span);
// Forgets a span's rows in every measure.
void forget_span(store::Tx& tx, std::string_view period);

// Counting every tally afresh, and checking them: each capability that keeps tallies registers how it
// counts its measures from the records (spans included) and how it checks them against direct counts
// over the records (its differences, named; none when they agree). Register before serving.
void register_rebuild(std::function<void(store::Tx&)> rebuild, std::function<std::vector<std::string>(store::Tx&)> check);
void rebuild_all(store::Tx& tx);
// What differs between the tallies as kept and as counted afresh, then between those and the direct
// counts. Leaves the tallies as counted afresh: roll the transaction back to keep them as they were.
std::vector<std::string> check_all(store::Tx& tx);

// ---- writes (in the caller's transaction)

struct Where {
  std::string period, place, dims;
};
// Adds `delta` to a sum at each (period, place, dims).
void add(store::Tx& tx, std::string_view measure, const std::vector<Where>& at, std::int64_t delta);
// Moves `member`'s weight by `delta` at each (period, place): a member present for the first time
// counts one at its dims; one whose weight falls to zero stops counting. A member keeps the dims it
// was first counted with in a period until `restate` changes them.
void weigh(store::Tx& tx, std::string_view measure, const std::vector<Where>& at, std::int64_t member, std::int64_t delta);
// A member's categories changed (a person's sex corrected, a disability recorded): each of its
// periods moves its count from the old dims to the new one, which `dims_for(period, place)` names.
void restate(store::Tx& tx, std::string_view measure, std::int64_t member,
             const std::function<std::string(const std::string& period, const std::string& place)>& dims_for);
// Forgets a measure (a rebuild starts from here).
void clear(store::Tx& tx, std::string_view measure);
// Each of a month's periods (periods_for) in a place and in the country, with the categories
// `dims(year)` names for the year ages are counted in; in the country only when the place is ''
// (a record with no district).
std::vector<Where> here_and_country(const std::vector<Period>& periods, const std::string& place, const std::function<std::string(int)>& dims);

// ---- rebuilding from month rows (set-based, both engines)

// A month row's quarter ("2026-03" → "2026-Q1"), in SQL over a column `period`.
extern const std::string kQuarterOf;
// A sum measure's month rows (in each district) written: the country's, the quarters' and the years'
// sums made from them.
void derive_sums(store::Tx& tx, std::string_view measure);
// A member measure's month rows (in each district) written: the country's, the quarters' and the
// years' members made from them (a member's first dims in each), then the counts.
void derive_members(store::Tx& tx, std::string_view measure);
// A span's rows made from the month rows: the sums added up; each member counted once with its
// first dims (services recount people's categories by the span's year themselves).
// `only` (SQL over the month rows `t`, e.g. a span's calls) narrows the rows counted.
// Rows kept under the place '' (records with no district: they count in the country only) dropped once
// the country's rows are made from them (derive_sums, derive_members).
void drop_placeless(store::Tx& tx, std::string_view measure);
void count_span_sums(store::Tx& tx, std::string_view measure, const Span& s, const std::string& only = "");
void count_span_members(store::Tx& tx, std::string_view measure, const Span& s, const std::string& only = "");

// ---- reads

struct Value {
  std::string period, place, dims;
  std::int64_t value = 0;
};
// The value rows of a measure in these periods (and places; every place when empty).
std::vector<Value> read(store::Tx& tx, std::string_view measure, const std::vector<std::string>& periods,
                        const std::vector<std::string>& places = {});
// The first month a measure counts anything in the country ("YYYY-MM"; none when it counts nothing):
// where the records begin.
std::optional<std::string> first_month(store::Tx& tx, std::string_view measure);
// Totals by one category (each value of a set counted), and the total of the rows (each once).
struct Rollup {
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> by;
};
Rollup roll_up(const std::vector<Value>& rows, std::string_view category);
// The same for several categories at once, each row's categories read once: by category.
std::map<std::string, Rollup, std::less<>> roll_up(const std::vector<Value>& rows, const std::vector<std::string_view>& categories);

// ---- checking against the records

// Direct counts over the records per (year, place), the country's under kCountry.
using Counted = std::map<std::pair<std::string, std::string>, std::int64_t>;
// Adds the rows (year, place, count) a query answers.
void count_into(store::Tx& tx, const std::string& sql, Counted& into);
// A measure's kept totals in those years and places against the direct counts: each difference named
// ("remote_services 2026 MD-CA: tallied 3, counted 4").
std::vector<std::string> differences(store::Tx& tx, std::string_view measure, const Counted& counted);
}  // namespace sp::platform::tallies
