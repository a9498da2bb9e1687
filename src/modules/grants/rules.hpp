#pragma once
// Pure rules of the grant programme: validation, the checks an application must pass, score
// aggregation and ranking, evaluator assignment, the envelope, tranche schedules, report variance
// and budget reallocation. No I/O: the caller reads what the rules need and writes what they decide.
#include <boost/json/object.hpp>

#include <set>
#include <utility>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "modules/grants/model.hpp"

namespace sp::grants {

// ---------------------------------------------------------------- calls
// Validates a whole call (a create body, or an update merged over the stored call). Deadlines are
// read as Europe/Chisinau local date-times. Districts are checked by the caller (they need the DB).
Call read_call(const json::object& o, Validator& v);
json::object to_json(const Call& c, std::string_view now);
json::object to_json(const I18n& t);
// "closed" once a published call's deadline has passed; otherwise the stored status.
std::string effective_status(const Call& c, std::string_view now);
// Why the call cannot move to `to` now ("" when it can). Lifecycle:
// draft → published → closed → under_evaluation → decided → archived.
std::optional<Say> transition_error(const Call& c, std::string_view to, std::string_view now);
// The fields an amendment may change on a published call, and the ones it may not.
bool amendable_field(std::string_view field);

// ---------------------------------------------------------------- applications
// Validates the shape of a draft (types, ranges, known codes). Completeness is checked at
// submission by check_application, so a draft can be saved at any stage.
Application read_application(const json::object& o, Validator& v, const Call& c);
json::object to_json(const Application& a);
// Budget sums from the lines.
void recompute_totals(Application& a);
// Every reason the application cannot be submitted now, each naming its field. Empty = submittable.
std::vector<FieldError> check_application(const Call& c, const Application& a, const Applicant& who, std::string_view now);

// ---------------------------------------------------------------- evaluation
// The call's criteria as the platform's evaluation scores them (platform/evaluation.hpp: scores,
// aggregate, ranking and assignment are the mechanism shared with social contracting).
std::vector<platform::evaluation::Criterion> scoring(const Call& c);
// The aggregate of an application's submitted evaluations under the call's criteria and score gap.
Aggregate aggregate(const Call& c, const std::vector<Evaluation>& submitted, std::optional<int> consensus);

// ---------------------------------------------------------------- awards, agreements, reports
// Why awarding `amount` to an application in `lot` would break the envelope ("" if it fits), given
// what is already awarded in the call and in each lot.
std::optional<Say> envelope_error(const Call& c, const std::string& lot, std::int64_t amount, std::int64_t awarded_call,
                           std::int64_t awarded_lot);
// A tranche schedule: shares add up to 100%, the first is paid on signature, each later one after
// the previous report is approved. Amounts split the grant exactly (the last takes the remainder).
std::vector<TrancheSpec> read_tranches(const json::object& o, Validator& v, std::int64_t amount);
std::vector<TrancheSpec> default_tranches(std::int64_t amount, int periods);
// True when spent differs from budget by more than 10% (spent against nothing always does).
bool variance_needs_justification(std::int64_t budget, std::int64_t spent);
// The share of the grant (basis points) a reallocation moves: Σ of the increases over the total.
int reallocation_share_bp(const std::vector<std::int64_t>& before, const std::vector<std::int64_t>& after);

// The budget of an agreement: the application's lines, the grant part scaled down to the awarded
// amount when less was awarded than asked (the rounding remainder goes to the largest line), the
// co-financing being the applicant's and the authority's parts together.
std::vector<AgreementLine> agreement_lines(const Application& a, std::int64_t awarded);
// One report per period of `period_months` from starts_on over duration_months, each due
// `days_after` days after its period ends; the last is the final report.
std::vector<ReportDue> report_schedule(const std::string& starts_on, int duration_months, int period_months,
                                       int days_after = 30);
// Why tranche t cannot be paid now ("" when it can): only on a signed agreement, never twice, the
// first on signature, each later one once the report of the previous period is approved
// (previous_report: that report's status, none when there is no such report).
std::optional<Say> tranche_error(const Agreement& ag, const Tranche& t, const std::optional<std::string>& previous_report);
// The agreement lines report r accounts for: those of its period; the final report also takes any later period.
std::vector<AgreementLine> lines_of_report(const std::vector<AgreementLine>& lines, const Report& r);
// Reads a report's narrative and spending into r. Lines must be ones the report covers; on
// submission the narrative is complete, every covered line has its spending and each variance
// over 10% of the line's grant a justification.
void read_report(Validator& v, Report& r, const std::vector<AgreementLine>& covered, bool submit);
json::object to_json(const Report& r);
}  // namespace sp::grants
