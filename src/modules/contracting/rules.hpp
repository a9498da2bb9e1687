#pragma once
// Pure rules of social contracting: reading and checking needs, plans and purchases; the procedure
// by thresholds; the unit cost a standard gives for a unit and the ceiling below it; the purchase's
// state in time; which changes of a published purchase touch what an offer must contain; the price
// score and the abnormally low price. No SQL, no HTTP.
#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "modules/contracting/model.hpp"
#include "modules/costing/costing.hpp"

namespace sp::contracting {

const std::vector<std::string>& units();       // beneficiary_month day hour place_month visit
const std::vector<std::string>& routes();      // procurement grant_competition social_order
const std::vector<std::string>& priorities();  // high medium low
inline constexpr int kAbnormallyLowPct = 15;   // more than 15% below the standard
inline constexpr int kAmendmentExtensionDays = 5;
inline constexpr int kVerificationDays = 10;   // a submitted monthly report is verified within ten days

// The unit costs of an approved standard (costing's, read through costing.hpp by the caller).
struct StandardFigures {
  std::optional<std::int64_t> per_place_year_minor, per_beneficiary_month_minor, per_beneficiary_day_minor, per_contact_hour_minor;
};
// The standard's cost of one unit: a beneficiary-month, a day, an hour, a place-month (a place-year ÷
// 12, rounded half up); none for a visit (costing has no per-visit standard) or a figure it lacks.
std::optional<std::int64_t> unit_cost(const StandardFigures& s, std::string_view unit);
// The same, of an approved standard as costing.hpp gives it.
inline std::optional<std::int64_t> standard_unit_cost(const costing::Standard& s, std::string_view unit) {
  return unit_cost(StandardFigures{s.per_place_year_minor, s.per_beneficiary_month_minor, s.per_beneficiary_day_minor, s.per_contact_hour_minor}, unit);
}
// The ceiling of a unit price: the standard's unit cost less the allowances and co-payments the
// purchase names (never below zero).
std::int64_t ceiling(std::int64_t unit_cost_minor, std::int64_t allowances_minor, std::int64_t copayment_minor);
// low_value (up to the low-value maximum), price_quotations, open (from the open threshold).
std::string procedure_for(std::int64_t estimated_minor, const Thresholds& t);

// A purchase as people see it in time: a published purchase is "clarifications" once the
// clarification deadline passed (no more questions; offers still come) and "evaluation" once the
// offer deadline passed (offers opened).
std::string effective_status(const Purchase& p, std::string_view now);
// Whether a change of a published purchase changes what an offer must contain (unit, volumes, lots,
// criteria, weights, documents, term, allowances): then its offer deadline is extended.
bool changes_offer_content(const Purchase& before, const Purchase& after);

// The price criterion: price weight × lowest price ÷ this price, in hundredths of a point.
int price_score(int price_weight, std::int64_t lowest_minor, std::int64_t price_minor);
// More than 15% below the standard's unit cost: the committee must accept a written justification.
bool abnormally_low(std::int64_t price_minor, std::int64_t standard_unit_cost_minor);

// ---- reading (every wrong field named; references to the database are checked by the caller)
std::vector<NeedLine> read_need_lines(Validator& v);
std::vector<PlanItem> read_plan_items(Validator& v);
// The purchase's own fields over p (a new draft: everything required that a draft needs).
void read_purchase(Validator& v, Purchase& p, Need need);
// What publishing needs beyond a draft: criteria and weights adding up to 100, lots, deadlines in
// the future and in order, a term.
std::vector<FieldError> publish_errors(const Purchase& p, std::string_view now);

// ---- offers
// An offer's own fields over o: prices for lots of the purchase, a proposal per quality criterion,
// staff, capacity and, where a price is abnormally low, its justification.
void read_offer(Validator& v, Offer& o, const Purchase& p);
// Flags each lot's price more than 15% below the standard's unit cost.
void mark_abnormally_low(Offer& o, std::int64_t standard_unit_cost_minor);
// What submission needs: a price for at least one lot, none above the ceiling, a justification for
// an abnormally low price, a proposal for every quality criterion.
std::vector<FieldError> offer_errors(const Offer& o, const Purchase& p);

// An offer as the ranking sees it: its quality (the committee's final score, hundredths; none until
// it has one), its average on the first criterion, when it came, and whether it is out (an abnormally
// low price whose justification the committee refused).
struct OfferStanding {
  std::int64_t offer_id = 0, organisation_id = 0;
  std::string submitted_at;
  std::optional<int> quality;
  int first_criterion = 0;
  bool excluded = false;
  std::vector<OfferLot> lots;
};
struct LotRank {
  std::string lot;
  std::int64_t offer_id = 0, organisation_id = 0, unit_price_minor = 0;
  int quality = 0, price = 0, total = 0;  // hundredths of a point
  int rank = 0;
};
// Per lot: price score = price weight × lowest ÷ this price among the lot's ranked offers; total =
// quality + price; ranked with the evaluation mechanism's tie-break. Offers out or without a quality
// score are not ranked.
std::vector<LotRank> rank_offers(const std::vector<OfferStanding>& offers, int price_weight);

// ---- the monthly cycle
// A person's units of a month in the contract's unit: the delivered units where the contract buys the
// type's own unit; the days with a delivery where it buys days of another unit; one where it buys a
// beneficiary- or place-month and the person had any delivery.
std::int64_t contract_units(std::string_view contract_unit, std::string_view type_unit, std::int64_t delivered_units, int days_present);
// What the delivery log of a month gives, person by person, priced.
struct Recorded {
  std::int64_t person_id = 0;
  std::string code;
  std::int64_t units = 0;
  int days_present = 0, days_absent = 0;
};
std::vector<ReportLine> lines_from(const std::vector<Recorded>& records, std::int64_t unit_price_minor);
// A report's units and amount: its lines but the refused ones.
void totals(MonthlyReport& r);
// The claims of a report checked against the log: a person with no delivery behind the line, or more
// units than the log holds, is refused with the line named.
std::vector<FieldError> claim_errors(const std::vector<ReportLine>& claimed, const std::vector<Recorded>& records);
// The difference between what the log of an approved month holds now and what was approved for it
// (its frozen lines and every correction approved since), as correction lines of that month.
std::vector<ReportLine> corrections_for(const std::string& month, const std::vector<ReportLine>& approved, const std::vector<Recorded>& now,
                                        std::int64_t unit_price_minor);
// What a report saw of the delivery log when its lines were made: the contract's services, and each
// month's version of each service's log (services::delivery_versions; a month never saved is absent).
struct LogSeen {
  std::vector<std::int64_t> services;
  std::map<std::string, std::map<std::int64_t, std::int64_t>> months;
};
struct Approval {
  std::string approved_at;
  std::int64_t id = 0;
  LogSeen seen;
};
// The approved months whose log must be read again to weigh their corrections: a month is settled when
// the last approval that saw it (by approval time, then report) saw the same services at the versions
// of now — then what was approved for it equals its log, and it has nothing to correct. A report kept
// before the versions were (no `seen`) settles nothing.
std::set<std::string> months_to_reread(const std::vector<std::string>& approved_months, const std::vector<Approval>& approvals,
                                       const std::vector<std::int64_t>& services,
                                       const std::map<std::string, std::map<std::int64_t, std::int64_t>>& versions_now);
boost::json::object to_json(const LogSeen& s);
LogSeen log_seen_of(const boost::json::value& v);

// ok below 80% of the maximum volume, warning from 80%, full from 100%.
std::string volume_level(std::int64_t used, std::int64_t max);

boost::json::object to_json(const Thresholds& t);
boost::json::array to_json(const std::vector<NeedLine>& l);
boost::json::array to_json(const std::vector<PlanItem>& i);
boost::json::array to_json(const std::vector<Lot>& l);
boost::json::array to_json(const std::vector<QualityCriterion>& c);
boost::json::array to_json(const std::vector<RequiredDocument>& d);
std::vector<NeedLine> need_lines_of(const boost::json::value& v);
std::vector<PlanItem> plan_items_of(const boost::json::value& v);
std::vector<Lot> lots_of(const boost::json::value& v);
std::vector<QualityCriterion> criteria_of(const boost::json::value& v);
std::vector<RequiredDocument> documents_of(const boost::json::value& v);
boost::json::array to_json(const std::vector<OfferLot>& l);
boost::json::array to_json(const std::vector<Proposal>& q);
boost::json::array to_json(const std::vector<LotRank>& r);
std::vector<OfferLot> offer_lots_of(const boost::json::value& v);
std::vector<Proposal> proposals_of(const boost::json::value& v);
std::vector<LotRank> lot_ranks_of(const boost::json::value& v);
boost::json::array to_json(const std::vector<Kpi>& k);
boost::json::array to_json(const std::vector<ReportLine>& l);
std::vector<Kpi> kpis_of(const boost::json::value& v);
std::vector<ReportLine> report_lines_of(const boost::json::value& v);
}  // namespace sp::contracting
