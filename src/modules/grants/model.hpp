#pragma once
// The grant programme: calls for proposals, applications, evaluation, awards, grant agreements,
// tranches, reports, amendments and monitoring visits.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/words.hpp"

#include "platform/evaluation.hpp"

namespace sp::grants {

// Codes are stored; the UI translates them.
const std::vector<std::string>& call_kinds();        // service_grant, service_contract, other
const std::vector<std::string>& call_statuses();     // draft, published, closed, under_evaluation, decided, archived
const std::vector<std::string>& budget_categories(); // staff, operating, equipment, travel, training, other
const std::vector<std::string>& lot_codes();         // create, develop, extend, improve (others allowed)

// Text in the three languages; Romanian is required, the others fall back to it.
struct I18n {
  std::string ro, ru, en;
  // The text in a language ("ro", "ru", "en"), Romanian where that one is empty.
  const std::string& in(std::string_view lang) const { return Words(lang).pick(ro, ru, en); }
};

struct Criterion {
  std::string code;
  I18n name;
  std::string description;
  int max_score = 0;
  std::optional<int> threshold;  // an application averaging below it on this criterion is rejected
};

struct Lot {
  std::string code;
  I18n name;
  std::optional<std::int64_t> envelope_minor;  // none: the lots share the call's envelope
};

struct RequiredDocument {
  std::string code;
  I18n name;
};

struct Call {
  std::int64_t id = 0;
  std::string code;
  I18n title, description;
  std::string kind = "service_grant";
  std::string currency = "MDL";
  std::int64_t envelope_minor = 0, min_grant_minor = 0, max_grant_minor = 0;
  int min_applicant_share_bp = 0, min_authority_share_bp = 0;
  std::vector<std::string> eligible_legal_forms, eligible_districts, eligible_target_groups;
  bool requires_authority_partner = true;
  std::string opens_at, closes_at;  // UTC "YYYY-MM-DDTHH:MM:SSZ"
  int max_duration_months = 24, period_months = 6;
  bool blind = false;
  int score_gap = 20;
  int reallocation_free_bp = 1000;
  std::vector<RequiredDocument> required_documents;
  std::vector<Lot> lots;
  std::vector<Criterion> criteria;
  std::string status = "draft";
  std::optional<std::string> published_at, decided_at;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  int max_total_score() const;
};

struct BudgetLine {
  std::string category, description;
  int period = 1;
  std::int64_t total_minor = 0, grant_minor = 0, applicant_minor = 0, authority_minor = 0;
};

struct Activity {
  int period = 1;
  std::string activity;
  std::string description;
};

struct TargetGroupCount {
  std::string group;
  int people = 0;
};

struct Application {
  std::int64_t id = 0, call_id = 0, organisation_id = 0;
  std::optional<std::string> lot, number;
  std::string title;
  std::optional<std::string> summary, district, locality, starts_on;
  std::optional<int> duration_months;
  std::optional<std::int64_t> partner_authority_id;
  std::vector<TargetGroupCount> target_groups;
  std::vector<Activity> workplan;
  std::vector<BudgetLine> budget;
  std::int64_t grant_minor = 0, applicant_minor = 0, authority_minor = 0, total_minor = 0;
  std::optional<std::int64_t> confirmed_authority_minor;
  std::optional<std::string> confirmed_at;
  std::optional<std::string> confirmation_note, declined_at;  // the authority's answer: its note, and when it declined
  std::string status = "draft";
  std::optional<std::string> submitted_at;
  int snapshots = 0;
  std::optional<int> consensus_score;  // hundredths of a point
  std::optional<std::string> consensus_reason, decision, decision_reason;
  std::optional<std::int64_t> awarded_minor;
  std::optional<std::int64_t> created_by;  // the account that started it
  std::int64_t version = 0;
  std::string created_at, updated_at;

  // Number of budget/reporting periods the project spans under the call's period length.
  int periods(const Call& c) const;
};

// What the checks need to know about the applicant and its documents (read by the caller).
struct Applicant {
  std::string legal_form, status, district;
  std::vector<std::string> document_kinds;  // kinds of the documents attached to the application
  bool authority_is_partner = false;        // the authority exists and is active
};

// Evaluation is the platform's (platform/evaluation.hpp), shared with social contracting: an
// application is its subject "application".
using platform::evaluation::Aggregate;
using platform::evaluation::Evaluation;
using platform::evaluation::RankEntry;
using platform::evaluation::Score;

struct TrancheSpec {
  int number = 1;
  int share_bp = 0;
  std::string condition;  // signature | report_approved
  std::int64_t amount_minor = 0;
};

// A grant agreement's budget line: the grant part (scaled to the award) and the co-financing.
struct AgreementLine {
  std::int64_t id = 0;
  int position = 0;
  std::string category, description;
  int period = 1;
  std::int64_t grant_minor = 0, cofinancing_minor = 0;
};

struct Tranche {
  std::int64_t id = 0, agreement_id = 0;
  int number = 1, share_bp = 0;
  std::int64_t amount_minor = 0;
  std::string condition;  // signature | report_approved
  std::optional<std::string> planned_on, paid_on, payment_ref;
  std::optional<std::int64_t> paid_minor;
};

struct Agreement {
  std::int64_t id = 0, application_id = 0, call_id = 0, organisation_id = 0;
  std::string number;
  std::int64_t amount_minor = 0;
  std::string currency, starts_on, ends_on;
  std::string status = "draft";  // draft | signed | completed | terminated
  std::optional<std::string> signed_on;
  std::optional<std::int64_t> signed_document_id;
  std::int64_t version = 0;
  std::string created_at, updated_at;
};

// When each report is due: one per period, due `days_after` days after the period ends; the last is final.
struct ReportDue {
  int number = 1;
  bool final = false;
  std::string period_from, period_to, due_on;
};

struct ReportLine {
  std::int64_t line_id = 0;
  std::int64_t spent_minor = 0;
  std::string justification;
};

struct Report {
  std::int64_t id = 0, agreement_id = 0;
  int number = 1;
  bool final = false;
  std::string due_on;
  std::string status = "due";  // due | submitted | returned | approved
  std::string activities, problems;
  int people_served = 0;
  std::vector<ReportLine> lines;
  std::int64_t spent_minor = 0;
  std::optional<std::string> submitted_at, approved_at;
  std::int64_t version = 0;
};
}  // namespace sp::grants
