#pragma once
// What is done with results: programmes (listed, read with their figures, made and changed by the
// programme's staff). The figures are read from the platform's tallies, never counted on read.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "modules/results/model.hpp"
#include "platform/context.hpp"
#include "platform/kept_answers.hpp"
#include "platform/tallies.hpp"
#include "platform/write.hpp"
#include "reports/xlsx.hpp"

namespace sp::results {
using platform::Caller;
using platform::Written;

// Disaggregation categories (decision 0027): every version of every set; a set made (version 1), a
// version edited while it holds no values, the next version added with its mapping.
Written category_sets_list(App& app);
Written category_set_create(App& app, const Caller& c, const json::object& body);
Written category_set_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written category_set_version(App& app, const Caller& c, std::int64_t id, const json::object& body);
// The sets by id; a set's versions from the first to the newest; parts checked against the sets (each
// wrong one named under `field`); a place checked (a district's code or MD).
std::map<std::int64_t, CategorySet> category_sets_by_id(store::Tx& tx);
std::vector<CategorySet> chain_to_newest(const std::map<std::int64_t, CategorySet>& sets, std::int64_t set_id);
void check_parts(Validator& v, const std::string& field, const std::vector<Part>& parts, const std::map<std::int64_t, CategorySet>& sets);
void check_place(store::Tx& tx, Validator& v, const std::string& place);
// A value's or a target's parts against its total: where a set's parts do not add up to it (flagged,
// not refused), each as {set_id, total, sum}.
boost::json::array flags_json(const std::string& unit, const std::string& total, const std::vector<Part>& parts);

// The programme's own period as the tallies name it, and as a span: its months, its calls.
std::string span_of(const Programme& p);
platform::tallies::Span tally_span(const Programme& p);

Written programmes_list(App& app, const auth::Principal& me);
// The programme with its calls and its figures: people served in its period and in each of its years
// (the whole country, by sex, age group, disability and target group, small counts hidden), units
// delivered by service type.
platform::KeptRecord programme_get(App& app, const auth::Principal& me, std::int64_t id);
Written programme_create(App& app, const Caller& c, const json::object& body);
// Its period changed: the tallies of its period are counted afresh in the same transaction.
Written programme_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// The programme's results framework: its results by level, each with its indicators — baseline,
// targets, and for a computed indicator its actual in each target's period (the country's, from the
// tallies; a programme-long target against the programme's span).
Written framework_get(App& app, const auth::Principal& me, std::int64_t programme_id);
// A result added to the programme's framework (or a project's): at most ten per level, positions unique.
Written result_create(App& app, const Caller& c, std::int64_t programme_id, const json::object& body);
// An indicator added to a result; one it contributes to must be the programme's.
Written indicator_create(App& app, const Caller& c, std::int64_t result_id, const json::object& body);
// The indicator's page: its definition, its result and programme, each target period with its
// actual and the actual's parts (as the open data publishes them: small counts hidden), its manual
// values with who entered, submitted and approved them, and its history (the indicator's and its
// values' changes, newest first, by name).
platform::KeptRecord indicator_get(App& app, const auth::Principal& me, std::int64_t id);
Written indicator_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);

// Manual values of an indicator not computed from the records: entered (a draft), changed while a
// draft or returned, submitted, then approved by another of the programme's staff (only then it
// counts as the indicator's actual for its period) or returned with a comment; evidence attached as
// documents.
Written value_create(App& app, const Caller& c, std::int64_t indicator_id, const json::object& body);
Written value_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written value_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written value_approve(App& app, const Caller& c, std::int64_t id, std::int64_t version);
Written value_return(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
Written value_document(App& app, const Caller& c, std::int64_t id, std::string_view file, std::string_view filename);
// Open data for anyone (decision 0025), of every programme or of one (NotFound when it does not
// exist): IATI 2.03 activities (the programme, its grants as child activities, the results with
// their actuals and their parts, small counts hidden), and the grants awarded as 360Giving JSON and CSV.
std::string iati_activities(App& app, std::optional<std::int64_t> programme_id);
std::string giving_json(App& app, std::optional<std::int64_t> programme_id);
std::string giving_csv(App& app, std::optional<std::int64_t> programme_id);

// The programme's logframe as a spreadsheet (the logframe; the actuals' parts on their own sheet) and
// its progress report as a PDF (cover, summary, charts, the logframe, a narrative per result, the
// parts), in the reader's language; small counts hidden as in the open data.
reports::Spreadsheet logframe_xlsx(App& app, std::int64_t id, const Words& w);
reports::Spreadsheet progress_pdf(App& app, std::int64_t id, const Words& w);

// The document owner "indicator_value": read by whoever reads results, changed by who may enter values.
void register_value_documents();
}  // namespace sp::results
