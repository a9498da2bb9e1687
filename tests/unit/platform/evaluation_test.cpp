// Evaluation by a committee (platform/evaluation.hpp), the mechanism grants and social contracting
// share: pure rules, then the stored part against a real SQLite file migrated as the product is.
#include "platform/evaluation.hpp"

#include <gtest/gtest.h>

#include "support/temp_database.hpp"

namespace sp::platform::evaluation {
namespace {
namespace bj = boost::json;

const std::vector<Criterion> kCriteria = {{"relevance", 30, 15}, {"budget", 20, std::nullopt}};

std::vector<std::string> fields(const std::vector<FieldError>& e) {
  std::vector<std::string> out;
  for (const auto& x : e) out.push_back(x.field + ":" + x.code);
  return out;
}

TEST(Evaluation, ScoresWithinMaximumAndJustified) {
  auto o = bj::parse(R"({"scores": [{"criterion": "relevance", "score": 31, "justification": "Foarte relevant"},
                                    {"criterion": "nope", "score": 1, "justification": "Justificare lungă"},
                                    {"criterion": "budget", "score": 10, "justification": "scurt"}]})").as_object();
  Validator v(o);
  read_scores(v, kCriteria, true);
  EXPECT_EQ(fields(v.errors()), (std::vector<std::string>{"scores[0].score:above_max_points", "scores[1].criterion:not_found",
                                                          "scores[2].justification:too_short"}));
  auto partial = bj::parse(R"({"scores": [{"criterion": "relevance", "score": 20, "justification": "Foarte relevant"}]})").as_object();
  Validator v2(partial);
  auto s = read_scores(v2, kCriteria, true);
  EXPECT_EQ(fields(v2.errors()), std::vector<std::string>{"scores:incomplete"});
  Validator v3(partial);
  s = read_scores(v3, kCriteria, false);  // a draft may be partial
  EXPECT_TRUE(v3.ok());
  EXPECT_EQ(total_of(s), 20);
}

TEST(Evaluation, AverageSpreadConsensusAndThreshold) {
  Evaluation e1, e2;
  e1.scores = {{"relevance", 14, ""}, {"budget", 20, ""}};
  e2.scores = {{"relevance", 15, ""}, {"budget", 18, ""}};
  e1.total = 34;
  e2.total = 33;
  auto g = aggregate(kCriteria, 10, {e1, e2}, std::nullopt);
  EXPECT_EQ(g.average, 3350);
  EXPECT_EQ(g.criterion_avg["relevance"], 1450);
  EXPECT_EQ(g.below_threshold, std::vector<std::string>{"relevance"});  // 14.5 < 15
  EXPECT_FALSE(g.needs_consensus);
  EXPECT_EQ(g.final_score, 3350);
  e2.scores = {{"relevance", 30, ""}, {"budget", 20, ""}};
  e2.total = 50;
  g = aggregate(kCriteria, 10, {e1, e2}, std::nullopt);
  EXPECT_TRUE(g.needs_consensus);  // 16 points apart, gap 10
  EXPECT_FALSE(g.final_score);
  g = aggregate(kCriteria, 10, {e1, e2}, 4000);
  EXPECT_EQ(g.final_score, 4000);
  g = aggregate(kCriteria, 10, {e1}, std::nullopt);
  EXPECT_FALSE(g.final_score);  // one evaluation is not enough
}

TEST(Evaluation, RankingWithStatedTieBreakPerLot) {
  std::vector<RankEntry> e = {{1, "create", 8000, 2500, "2021-04-10T10:00:00Z", 0, 0},
                              {2, "create", 8000, 2700, "2021-04-12T10:00:00Z", 0, 0},
                              {3, "create", 8000, 2700, "2021-04-11T10:00:00Z", 0, 0},
                              {4, "develop", 6000, 2000, "2021-04-01T10:00:00Z", 0, 0},
                              {5, "create", 9000, 1000, "2021-04-14T10:00:00Z", 0, 0}};
  std::vector<std::int64_t> order;
  for (const auto& x : rank(e)) order.push_back(x.subject_id * 10 + x.rank);
  EXPECT_EQ(order, (std::vector<std::int64_t>{51, 32, 23, 14, 41}));
}

TEST(Evaluation, AssignmentIsBalancedAndAvoidsConflicts) {
  std::set<std::pair<std::int64_t, std::int64_t>> taken = {{100, -1}};  // evaluator 1 declared a conflict on 100
  auto plan = plan_assignments({100, 101, 102}, {1, 2, 3}, {}, taken, 2);
  ASSERT_EQ(plan.size(), 6u);
  std::map<std::int64_t, int> load;
  for (const auto& [s, ev] : plan) {
    ++load[ev];
    EXPECT_FALSE(s == 100 && ev == 1);
  }
  EXPECT_EQ(load[1], 2);
  EXPECT_EQ(load[2], 2);
  EXPECT_EQ(load[3], 2);
  EXPECT_TRUE(plan_assignments({100}, {1, 2, 3}, {}, {{100, 2}, {100, 3}}, 2).empty());  // already complete
}

TEST(Evaluation, ScoringFollowsTheDeclaration) {
  Evaluation e;
  EXPECT_EQ(scoring_refusal(e)->code, "declare_coi_first");
  e.status = "conflict";
  EXPECT_EQ(scoring_refusal(e)->code, "declared_coi");
  e.status = "submitted";
  EXPECT_EQ(scoring_refusal(e)->code, "evaluation_already_submitted");
  e.status = "declared";
  EXPECT_FALSE(scoring_refusal(e));
}

class EvaluationStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = db->write();
    for (int i = 1; i <= 4; ++i)
      users.push_back(*tx.scalar("INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES ($1, $2, 'evaluator', 'x', "
                                 "'2026-01-01', '2026-01-01') RETURNING id",
                                 {"e" + std::to_string(i) + "@test.md", "E" + std::to_string(i)}));
    tx.commit();
  }
  sp::testing::TempDatabase temp{"sp-evaluation-"};
  std::unique_ptr<store::Database>& db = temp.db;
  std::vector<std::int64_t> users;
};

// An offer and an application with the same id are different subjects: their evaluations, loads and
// replacements do not mix up, and a conflict brings in the least-loaded member of the pool.
TEST_F(EvaluationStore, SubjectsOfEachKindAssignedDeclaredReplacedAndScored) {
  auto tx = db->write();
  std::vector<std::int64_t> committee = {users[0], users[1], users[2]};
  auto plan = assign(tx, "offer", {7, 8}, committee, 2, users[3]);
  EXPECT_EQ(plan.size(), 4u);
  assign(tx, "application", {7}, {users[3]}, 1, users[3]);
  EXPECT_EQ(of(tx, "offer", 7).size(), 2u);
  EXPECT_EQ(of(tx, "application", 7).size(), 1u);
  EXPECT_EQ(active_of(tx, "offer", 8), 2);
  EXPECT_TRUE(assign(tx, "offer", {7, 8}, committee, 2, users[3]).empty());  // already complete

  auto e = of(tx, "offer", 7).front();
  EXPECT_TRUE(declare(tx, e, true, std::string("Soția lucrează la ofertant")));
  EXPECT_FALSE(declare(tx, e, false, std::nullopt));  // the version moved
  auto newcomer = replace(tx, e, committee, users[3]);
  EXPECT_NE(newcomer, 0);
  EXPECT_NE(newcomer, e.evaluator_id);
  EXPECT_EQ(active_of(tx, "offer", 7), 2);
  EXPECT_EQ(replace(tx, *find(tx, e.id), committee, users[3]), 0);  // the whole committee is on it or conflicted

  auto mine = of(tx, "offer", 7).back();
  ASSERT_TRUE(declare(tx, mine, false, std::nullopt));
  mine = *find(tx, mine.id);
  EXPECT_EQ(mine.status, "declared");
  ASSERT_TRUE(save_scores(tx, mine, {{"relevance", 20, "Răspunde nevoilor"}, {"budget", 15, "Prețuri rezonabile"}}, true));
  auto done = *find(tx, mine.id);
  EXPECT_EQ(done.status, "submitted");
  EXPECT_EQ(done.total, 35);
  EXPECT_EQ(done.scores.size(), 2u);
  EXPECT_EQ(done.scores[1].justification, "Prețuri rezonabile");
  EXPECT_TRUE(done.submitted_at);
}
}  // namespace
}  // namespace sp::platform::evaluation
