#pragma once
// Evaluation by a committee, one mechanism beneath the capabilities that choose by scores (decision
// 0022): the grants' applications and social contracting's offers. Assigning evaluators (least
// loaded, never one who declared a conflict), the conflict-of-interest declaration before the subject
// is shown, justified scores per criterion, the aggregate (average, per-criterion averages and
// thresholds, the spread that needs a consensus) and the ranking per lot with its stated tie-break.
// What is evaluated, who may evaluate, and when scoring is open stay with the capability; its
// criteria come here as plain `Criterion`s. Pure parts first, then the stored ones (`evaluations`,
// keyed by subject kind and id).
#include <boost/json/array.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "store/database.hpp"

namespace sp::platform::evaluation {

// What a criterion means to scoring: its code, the most points it gives, and the average below which
// a subject fails it (none: no threshold).
struct Criterion {
  std::string code;
  int max_score = 0;
  std::optional<int> threshold;
};

struct Score {
  std::string criterion;
  int score = 0;
  std::string justification;
};

// One evaluator's evaluation of one subject ("application", "offer").
struct Evaluation {
  std::int64_t id = 0;
  std::string subject = "application";
  std::int64_t subject_id = 0, evaluator_id = 0;
  std::string status = "assigned";  // assigned | declared | conflict | submitted
  std::vector<Score> scores;
  std::optional<int> total;
  std::optional<std::string> submitted_at, coi_declared_at, coi_note;
  std::string assigned_at;
  std::int64_t version = 0;
};

// The aggregate of a subject's submitted evaluations (points in hundredths).
struct Aggregate {
  int evaluations = 0;                       // submitted
  std::optional<int> average;
  std::map<std::string, int> criterion_avg;
  std::vector<std::string> below_threshold;  // criterion codes
  int spread = 0;                            // max - min total
  bool needs_consensus = false;
  std::optional<int> final_score;            // consensus if recorded, else average (when no consensus needed)
};

struct RankEntry {
  std::int64_t subject_id = 0;
  std::string lot;
  int final_score = 0;       // hundredths
  int first_criterion = 0;   // tie-break 1: the average on the first criterion (hundredths)
  std::string submitted_at;  // tie-break 2: earlier first
  std::int64_t amount_minor = 0;
  int rank = 0;
};

inline constexpr const char* kTieBreak =
    "final score; then the average on the first criterion; then the earlier submission; then the lower id";

// ---------------------------------------------------------------- pure

// Scores for the criteria: each within its maximum, each with a written justification of at least
// 10 characters. complete: every criterion must be scored (on submission); otherwise a partial draft.
std::vector<Score> read_scores(Validator& v, const std::vector<Criterion>& criteria, bool complete);
int total_of(const std::vector<Score>& s);
boost::json::array to_json(const std::vector<Score>& s);
// The average of the submitted totals and of each criterion, the criteria below their threshold, and
// whether evaluators further apart than `gap` points need a consensus (then `consensus`, when
// recorded, is the final score; with two or more close evaluations, the average is).
Aggregate aggregate(const std::vector<Criterion>& criteria, int gap, const std::vector<Evaluation>& submitted,
                    std::optional<int> consensus);
// Sorted by lot, then final score (desc), then the first criterion's average (desc), then earlier
// submission, then id; rank numbers restart at 1 in each lot.
std::vector<RankEntry> rank(std::vector<RankEntry> entries);
// Pairs (subject, evaluator) to add so each subject has per_subject active evaluators, choosing the
// least-loaded evaluator (then the lowest id) who is not already on it and has not declared a
// conflict. `taken` holds (subject, evaluator) for active assignments and (subject, -evaluator) for
// declared conflicts; `load` the evaluators' current active assignments.
std::vector<std::pair<std::int64_t, std::int64_t>> plan_assignments(
    const std::vector<std::int64_t>& subjects, const std::vector<std::int64_t>& evaluators, std::map<std::int64_t, int> load,
    const std::set<std::pair<std::int64_t, std::int64_t>>& taken, int per_subject);
// Why this evaluation cannot be scored now, by its own state (the subject's — a call or a purchase
// under evaluation — is the capability's to say): not yet declared, a conflict, already submitted.
std::optional<Say> scoring_refusal(const Evaluation& e);

// ---------------------------------------------------------------- stored

std::optional<Evaluation> find(store::Tx& tx, std::int64_t id);
std::vector<Evaluation> of(store::Tx& tx, std::string_view subject, std::int64_t subject_id);
std::int64_t insert(store::Tx& tx, std::string_view subject, std::int64_t subject_id, std::int64_t evaluator_id, std::int64_t by);
// Each evaluator's active evaluations (conflicts aside), over every subject kind.
std::map<std::int64_t, int> loads(store::Tx& tx);
// `taken` for plan_assignments: the evaluators on these subjects, a declared conflict as -evaluator.
std::set<std::pair<std::int64_t, std::int64_t>> taken(store::Tx& tx, std::string_view subject, const std::vector<std::int64_t>& subject_ids);
// Assigns `pool` so each subject has per_subject active evaluators; returns the pairs added.
std::vector<std::pair<std::int64_t, std::int64_t>> assign(store::Tx& tx, std::string_view subject, const std::vector<std::int64_t>& subject_ids,
                                                          const std::vector<std::int64_t>& pool, int per_subject, std::int64_t by);
std::int64_t active_of(store::Tx& tx, std::string_view subject, std::int64_t subject_id);
// The declaration, against the version read: on a conflict, the least-loaded of `pool` not yet on
// the subject replaces the evaluator (returns that evaluator; 0 when nobody is left).
bool declare(store::Tx& tx, const Evaluation& e, bool conflict, const std::optional<std::string>& note);
std::int64_t replace(store::Tx& tx, const Evaluation& e, const std::vector<std::int64_t>& pool, std::int64_t by);
// Saves the scores (a draft, or submitted with their total), against the version read.
bool save_scores(store::Tx& tx, const Evaluation& e, const std::vector<Score>& scores, bool submit);
}  // namespace sp::platform::evaluation
