#include "platform/evaluation.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <climits>

#include "common/time.hpp"
#include "store/entity.hpp"
#include "store/query.hpp"

namespace sp::platform::evaluation {
namespace bj = boost::json;

// ---------------------------------------------------------------- pure

std::vector<Score> read_scores(Validator& v, const std::vector<Criterion>& criteria, bool complete) {
  std::vector<Score> out;
  std::set<std::string> seen;
  v.each_object("scores", Need::Required, 50, [&](Validator& s, std::size_t) {
    s.only({"criterion", "score", "justification"});
    Score sc;
    sc.criterion = s.text("criterion", Need::Required, 40).value_or("");
    auto it = std::find_if(criteria.begin(), criteria.end(), [&](const Criterion& k) { return k.code == sc.criterion; });
    int max = 1000;
    if (!sc.criterion.empty() && it == criteria.end()) s.add("criterion", "not_found", "No such criterion");
    else if (it != criteria.end()) max = it->max_score;
    if (!sc.criterion.empty() && !seen.insert(sc.criterion).second) s.add("criterion", "duplicate", "Scored twice");
    auto n = s.integer("score", Need::Required, 0, 1000000);
    if (n && *n > max) s.add("score", "above_max_points", "At most " + std::to_string(max) + " points", {{"max", std::to_string(max)}});
    sc.score = static_cast<int>(n.value_or(0));
    sc.justification = s.reason("justification", 10);
    out.push_back(std::move(sc));
  });
  if (complete && v.ok())
    for (const auto& k : criteria)
      if (!seen.count(k.code)) v.add("scores", "incomplete", "Score every criterion: " + k.code + " is missing", {{"criterion", k.code}});
  return out;
}

int total_of(const std::vector<Score>& s) {
  int t = 0;
  for (const auto& x : s) t += x.score;
  return t;
}

bj::array to_json(const std::vector<Score>& s) {
  bj::array a;
  for (const auto& k : s) a.push_back({{"criterion", k.criterion}, {"score", k.score}, {"justification", k.justification}});
  return a;
}

Aggregate aggregate(const std::vector<Criterion>& criteria, int gap, const std::vector<Evaluation>& submitted, std::optional<int> consensus) {
  Aggregate g;
  g.evaluations = static_cast<int>(submitted.size());
  if (submitted.empty()) return g;
  long long sum = 0;
  int lo = INT32_MAX, hi = INT32_MIN;
  std::map<std::string, long long> per;
  for (const auto& e : submitted) {
    int t = e.total.value_or(total_of(e.scores));
    sum += t;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
    for (const auto& s : e.scores) per[s.criterion] += s.score;
  }
  auto avg100 = [&](long long total) { return static_cast<int>((total * 100 * 2 + g.evaluations) / (2 * g.evaluations)); };
  g.average = avg100(sum);
  for (const auto& k : criteria) {
    int a = avg100(per[k.code]);
    g.criterion_avg[k.code] = a;
    if (k.threshold && a < *k.threshold * 100) g.below_threshold.push_back(k.code);
  }
  g.spread = (hi - lo) * 100;
  g.needs_consensus = g.evaluations >= 2 && g.spread > gap * 100;
  if (consensus) g.final_score = consensus;
  else if (g.evaluations >= 2 && !g.needs_consensus) g.final_score = g.average;
  return g;
}

std::vector<RankEntry> rank(std::vector<RankEntry> e) {
  std::sort(e.begin(), e.end(), [](const RankEntry& a, const RankEntry& b) {
    if (a.lot != b.lot) return a.lot < b.lot;
    if (a.final_score != b.final_score) return a.final_score > b.final_score;
    if (a.first_criterion != b.first_criterion) return a.first_criterion > b.first_criterion;
    if (a.submitted_at != b.submitted_at) return a.submitted_at < b.submitted_at;
    return a.subject_id < b.subject_id;
  });
  int r = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    r = (i == 0 || e[i].lot != e[i - 1].lot) ? 1 : r + 1;
    e[i].rank = r;
  }
  return e;
}

std::vector<std::pair<std::int64_t, std::int64_t>> plan_assignments(
    const std::vector<std::int64_t>& subjects, const std::vector<std::int64_t>& evaluators, std::map<std::int64_t, int> load,
    const std::set<std::pair<std::int64_t, std::int64_t>>& taken, int per_subject) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (auto s : subjects) {
    int active = 0;
    for (auto it = taken.lower_bound({s, INT64_MIN}); it != taken.end() && it->first == s; ++it)
      if (it->second > 0) ++active;
    for (const auto& p : out)
      if (p.first == s) ++active;
    while (active < per_subject) {
      std::int64_t best = 0;
      int best_load = INT32_MAX;
      for (auto ev : evaluators) {
        if (taken.count({s, ev}) || taken.count({s, -ev})) continue;
        if (std::find(out.begin(), out.end(), std::make_pair(s, ev)) != out.end()) continue;
        int l = load[ev];
        if (l < best_load || (l == best_load && ev < best)) {
          best = ev;
          best_load = l;
        }
      }
      if (!best) break;  // not enough evaluators without a conflict: the caller reports the shortfall
      out.emplace_back(s, best);
      ++load[best];
      ++active;
    }
  }
  return out;
}

std::optional<Say> scoring_refusal(const Evaluation& e) {
  if (e.status == "assigned") return say("declare_coi_first", "Declare that you have no conflict of interest with this applicant before scoring");
  if (e.status == "conflict") return say("declared_coi", "You declared a conflict of interest: this application is evaluated by someone else");
  if (e.status == "submitted") return say("evaluation_already_submitted", "The evaluation is already submitted");
  return std::nullopt;
}

// ---------------------------------------------------------------- stored

namespace {
const store::Entity<Evaluation>& evaluations() {
  using E = Evaluation;
  using store::col;
  static const store::Entity<E> e{
      "evaluations",
      {{store::key(&E::id), col("subject", &E::subject), col("subject_id", &E::subject_id), col("evaluator_id", &E::evaluator_id),
        col("status", &E::status),
        store::custom<E>(
            "scores",
            [](E& x, const store::Cursor& c, int i) {
              auto v = bj::parse(c.text(i));
              if (!v.is_array()) return;
              for (const auto& s : v.get_array()) {
                const auto& o = s.as_object();
                auto text = [&](const char* k) {
                  auto it = o.find(k);
                  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
                };
                auto it = o.find("score");
                x.scores.push_back({text("criterion"), it != o.end() && it->value().is_int64() ? static_cast<int>(it->value().get_int64()) : 0,
                                    text("justification")});
              }
            },
            [](const E& x) -> store::Param { return bj::serialize(to_json(x.scores)); }),
        col("total", &E::total), col("submitted_at", &E::submitted_at), col("coi_declared_at", &E::coi_declared_at),
        col("coi_note", &E::coi_note), col("assigned_at", &E::assigned_at), store::version(&E::version)}}};
  return e;
}
}  // namespace

std::optional<Evaluation> find(store::Tx& tx, std::int64_t id) { return evaluations().find(tx, id); }

std::vector<Evaluation> of(store::Tx& tx, std::string_view subject, std::int64_t subject_id) {
  std::vector<Evaluation> out;
  auto c = tx.query("SELECT " + evaluations().columns() + " FROM evaluations WHERE subject = $1 AND subject_id = $2 ORDER BY id",
                    {std::string(subject), subject_id});
  while (c->next()) out.push_back(evaluations().read(*c));
  return out;
}

std::int64_t insert(store::Tx& tx, std::string_view subject, std::int64_t subject_id, std::int64_t evaluator_id, std::int64_t by) {
  return *tx.scalar(
      "INSERT INTO evaluations (subject, subject_id, evaluator_id, assigned_by, assigned_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
      {std::string(subject), subject_id, evaluator_id, by, now_iso()});
}

std::map<std::int64_t, int> loads(store::Tx& tx) {
  std::map<std::int64_t, int> load;
  auto cur = tx.query("SELECT evaluator_id, COUNT(*) FROM evaluations WHERE status <> 'conflict' GROUP BY evaluator_id");
  while (cur->next()) load[cur->i64(0)] = static_cast<int>(cur->i64(1));
  return load;
}

std::set<std::pair<std::int64_t, std::int64_t>> taken(store::Tx& tx, std::string_view subject, const std::vector<std::int64_t>& subject_ids) {
  std::set<std::pair<std::int64_t, std::int64_t>> out;
  for (auto id : subject_ids) {
    auto cur = tx.query("SELECT evaluator_id, status FROM evaluations WHERE subject = $1 AND subject_id = $2", {std::string(subject), id});
    while (cur->next()) out.insert({id, cur->str(1) == "conflict" ? -cur->i64(0) : cur->i64(0)});
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> assign(store::Tx& tx, std::string_view subject, const std::vector<std::int64_t>& subject_ids,
                                                          const std::vector<std::int64_t>& pool, int per_subject, std::int64_t by) {
  auto plan = plan_assignments(subject_ids, pool, loads(tx), taken(tx, subject, subject_ids), per_subject);
  for (const auto& [s, ev] : plan) insert(tx, subject, s, ev, by);
  return plan;
}

std::int64_t active_of(store::Tx& tx, std::string_view subject, std::int64_t subject_id) {
  return tx.scalar("SELECT COUNT(*) FROM evaluations WHERE subject = $1 AND subject_id = $2 AND status <> 'conflict'",
                   {std::string(subject), subject_id})
      .value_or(0);
}

bool declare(store::Tx& tx, const Evaluation& e, bool conflict, const std::optional<std::string>& note) {
  return tx.exec("UPDATE evaluations SET status = $1, coi_declared_at = $2, coi_note = $3, version = version + 1 WHERE id = $4 AND version = $5",
                 {std::string(conflict ? "conflict" : "declared"), now_iso(), store::opt(note), e.id, e.version}) == 1;
}

std::int64_t replace(store::Tx& tx, const Evaluation& e, const std::vector<std::int64_t>& pool, std::int64_t by) {
  auto on = taken(tx, e.subject, {e.subject_id});
  int active = 0;
  for (const auto& t : on) active += t.second > 0;
  auto plan = plan_assignments({e.subject_id}, pool, loads(tx), on, active + 1);
  for (const auto& [s, ev] : plan) {
    insert(tx, e.subject, s, ev, by);
    return ev;
  }
  return 0;
}

bool save_scores(store::Tx& tx, const Evaluation& e, const std::vector<Score>& scores, bool submit) {
  return tx.exec("UPDATE evaluations SET scores = $1, total = $2, status = $3, submitted_at = $4, version = version + 1 "
                 "WHERE id = $5 AND version = $6",
                 {bj::serialize(to_json(scores)), submit ? store::Param{std::int64_t{total_of(scores)}} : store::Param{},
                  std::string(submit ? "submitted" : "declared"), submit ? store::Param{now_iso()} : store::Param{}, e.id, e.version}) == 1;
}
}  // namespace sp::platform::evaluation
