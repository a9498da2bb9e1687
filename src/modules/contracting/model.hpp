#pragma once
// Social contracting (issue 14, decision 0022): an authority assesses the needs of its people, plans
// what it will buy, and buys a social service from accredited providers at a price grounded in an
// approved standard cost. Money in bani (lei × 100); weights in points of 100; dates "YYYY-MM-DD";
// deadlines stored in UTC, read and shown in Chisinau time.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sp::contracting {

// The procedure by estimated value (without VAT), as dated parameters: the law changes, so the
// thresholds are data (the page says they must be checked against the law in force).
struct Thresholds {
  std::int64_t id = 0;
  std::string valid_from;
  std::int64_t low_value_max_minor = 0;  // up to it: low-value procurement
  std::int64_t open_from_minor = 0;      // from it: open procedure; between: request for price quotations
  int standstill_days = 6;
  std::optional<std::string> note;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

// ---- needs

// One line of a needs assessment: a target group in a locality (or the whole district: none).
struct NeedLine {
  std::string target_group;
  std::optional<std::string> locality;
  std::int64_t eligible = 0;         // estimated eligible population
  int take_up_pct = 0;               // expected take-up, percent of the eligible
  std::string priority = "medium";   // high | medium | low
  std::optional<std::string> note;
};

struct Needs {
  std::int64_t id = 0, authority_id = 0;
  int year = 0;
  std::vector<NeedLine> lines;
  std::optional<std::string> note;
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

// ---- the purchase plan

struct PlanItem {
  std::string type_code, unit;       // unit: beneficiary_month or the type's own (day, hour, place_month)
  std::int64_t volume = 0;
  std::string route = "procurement";  // procurement | grant_competition | social_order
  std::optional<std::string> publish_on, start_on;
  std::optional<std::string> note;
};

struct Plan {
  std::int64_t id = 0, authority_id = 0;
  int year = 0;
  std::string budget_line;
  std::int64_t budget_minor = 0;
  std::vector<PlanItem> items;
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

// ---- the purchase

struct Lot {
  std::string code, name;
  std::optional<std::string> locality, target_group;
  std::int64_t min_volume = 0, max_volume = 0;
};

// A quality criterion the committee scores, out of its weight in points.
struct QualityCriterion {
  std::string code, name;
  int weight = 0;
};

struct RequiredDocument {
  std::string code, name;
};

struct Purchase {
  std::int64_t id = 0;
  std::optional<std::string> number;  // SC-<year>-NNN once published
  std::int64_t authority_id = 0;
  int year = 0;
  std::string title;
  std::optional<std::string> description;
  std::string type_code, unit;
  std::string route = "procurement";
  std::string procedure;  // low_value | price_quotations | open (from the thresholds); for the other routes: the route
  std::int64_t allowances_minor = 0, copayment_minor = 0;  // per unit, taken off the standard
  std::vector<Lot> lots;
  std::vector<QualityCriterion> criteria;
  int price_weight = 40;
  std::vector<RequiredDocument> documents;
  std::string starts_on, ends_on;
  std::optional<std::string> clarification_deadline, offer_deadline;  // UTC
  int standstill_days = 6;
  // Fixed by "approve cost": the approved standard the ceiling comes from.
  std::optional<std::int64_t> standard_id;
  std::optional<std::string> standard_number, standard_territory;
  std::optional<std::int64_t> standard_unit_cost_minor, ceiling_minor, estimated_minor;
  std::string status = "draft";  // draft | cost_approved | published | evaluation | awarded | standstill | signed | cancelled
  std::optional<std::string> published_at, cancel_reason, cancelled_at;
  int amendments = 0;
  // Evaluation and award: the committee (authority staff), the points by which members may differ
  // before a consensus is needed, the ranking frozen at the award, the standstill's end.
  std::vector<std::string> committee;  // user ids
  int score_gap = 15;
  std::optional<std::string> ranking;  // JSON, frozen at the award
  std::optional<std::string> awarded_at, announced_at, standstill_until;
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;

  std::int64_t min_volume() const;
  std::int64_t max_volume() const;
};

// A provider's price for a lot of the purchase.
struct OfferLot {
  std::string lot;
  std::int64_t unit_price_minor = 0;
  bool abnormally_low = false;  // more than 15% below the standard: a justification the committee accepts
};

struct Proposal {
  std::string criterion, text;
};

struct Offer {
  std::int64_t id = 0, purchase_id = 0, organisation_id = 0;
  std::vector<OfferLot> lots;
  std::vector<Proposal> quality;
  std::string staff;  // the staff proposed, in words
  std::int64_t capacity = 0;  // beneficiaries it can serve at once
  std::optional<std::string> justification;  // of an abnormally low price
  std::optional<bool> justification_accepted;
  std::optional<std::string> justification_note;
  std::optional<int> consensus_score;  // hundredths of a point of quality
  std::optional<std::string> consensus_reason;
  std::string status = "draft";  // draft | submitted | withdrawn
  std::optional<std::string> submitted_at, withdrawn_at;
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

struct Complaint {
  std::int64_t id = 0, purchase_id = 0, organisation_id = 0;
  std::string text;
  std::string status = "open";  // open | upheld | rejected
  std::optional<std::string> decision, decided_at;
  std::optional<std::int64_t> lodged_by, decided_by;
  std::string lodged_at;
  std::int64_t version = 1;
};

// ---- the contract and the monthly cycle

struct Kpi {
  std::string code;  // plans_on_time | waiting_days | exits_to_community | occupancy
  std::int64_t target = 0;  // percent, or days for the waiting time
};

struct Contract {
  std::int64_t id = 0;
  std::optional<std::string> number;  // CS-<year>-NNN once signed
  std::int64_t purchase_id = 0, offer_id = 0, authority_id = 0, organisation_id = 0;
  std::string lot, type_code, unit;
  std::vector<std::string> services;  // the linked service units' ids
  std::int64_t unit_price_minor = 0, min_volume = 0, max_volume = 0;
  std::string starts_on, ends_on;
  std::string indexation;  // the indexation rule, in words
  std::vector<Kpi> kpis;
  std::string sanctions;
  std::string status = "draft";  // draft | signed | terminated | expired
  std::optional<std::string> signed_on, ended_on, end_reason;
  std::string amendments = "[]";  // JSON [{number, summary, changes, created_at}]
  std::optional<std::int64_t> created_by;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

// A line of a monthly report: a person by pseudonymous code, what the provider claims, what the
// delivery log holds, and the amount; a correction line carries the difference found in an earlier
// month after it was approved.
struct ReportLine {
  std::int64_t person_id = 0;
  std::string person_code;
  std::int64_t units = 0;      // claimed, in the contract's unit
  std::int64_t recorded = 0;   // what the delivery log gives, in the contract's unit
  int days_present = 0, days_absent = 0;
  std::int64_t amount_minor = 0;
  std::optional<std::string> corrects;  // "YYYY-MM": a correction of that approved month
  bool refused = false;
  std::optional<std::string> refusal;
};

struct MonthlyReport {
  std::int64_t id = 0, contract_id = 0;
  std::string month;  // YYYY-MM
  std::string status = "draft";  // draft | submitted | returned | approved | paid
  std::vector<ReportLine> lines;
  std::int64_t units = 0, amount_minor = 0;
  std::optional<std::string> invoice_number, submitted_at, approved_at, returned_reason, paid_on, payment_ref;
  std::optional<std::int64_t> submitted_by, verified_by, paid_minor;
  std::optional<std::string> log_seen;  // JSON: the log's versions its lines were made from (rules.hpp LogSeen)
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

struct Amendment {
  std::int64_t id = 0, purchase_id = 0;
  int number = 1;
  std::string summary;
  std::string changes;  // JSON: the fields changed, before and after
  bool offer_content = false;
  std::optional<std::string> offer_deadline_before, offer_deadline_after;
  std::optional<std::int64_t> created_by;
  std::string created_at;
};

struct Clarification {
  std::int64_t id = 0, purchase_id = 0;
  std::int64_t organisation_id = 0;  // who asked: shown to the authority only
  std::optional<std::int64_t> asked_by;
  std::string question;
  std::optional<std::string> answer;
  std::optional<std::int64_t> answered_by;
  std::string asked_at;
  std::optional<std::string> answered_at;
  std::int64_t version = 1;
};
}  // namespace sp::contracting
