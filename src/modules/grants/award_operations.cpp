// The end of evaluation: consensus scores, the ranking per call and lot, award decisions within the
// envelope, and each applicant's result. On the platform's write path.
#include <boost/json.hpp>

#include <algorithm>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/money.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "modules/grants/access.hpp"
#include "modules/grants/kinds.hpp"
#include "modules/grants/operations.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/rules.hpp"
#include "modules/registry/registry.hpp"
#include "platform/policy.hpp"
#include "platform/kept_answers.hpp"
#include "reports/xlsx.hpp"
#include "store/data_version.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;

struct Ranked {
  Application a;
  Aggregate g;
  int rank = 0;  // 0: not ranked yet (too few evaluations, or a consensus is needed)
};

struct Ranking {
  Call call;
  std::vector<Ranked> items;  // ranked first (by lot and rank), then the pending ones
};

Ranking compute_ranking(store::Tx& tx, const Call& c) {
  auto evals = submitted_evaluations_of_call(tx, c.id);
  std::map<std::int64_t, Ranked> by_id;
  std::vector<RankEntry> entries;
  for (auto& a : ranking_rows(tx, c.id)) {
    Ranked r{a, aggregate(c, evals[a.id], a.consensus_score), 0};
    if (r.g.final_score) {
      RankEntry e;
      e.subject_id = a.id;
      e.lot = a.lot.value_or("");
      e.final_score = *r.g.final_score;
      e.first_criterion = c.criteria.empty() ? 0 : r.g.criterion_avg[c.criteria.front().code];
      e.submitted_at = a.submitted_at.value_or("");
      e.amount_minor = a.grant_minor;
      entries.push_back(e);
    }
    by_id.emplace(a.id, std::move(r));
  }
  Ranking out{c, {}};
  for (const auto& e : platform::evaluation::rank(std::move(entries))) {
    auto& r = by_id.at(e.subject_id);
    r.rank = e.rank;
    out.items.push_back(std::move(r));
    by_id.erase(e.subject_id);
  }
  for (auto& [id, r] : by_id) out.items.push_back(std::move(r));
  return out;
}


void aggregate_into(bj::object& o, const Aggregate& g) {
  bj::object per(o.storage());
  for (const auto& [k, v] : g.criterion_avg) per[k] = v;
  bj::array below(o.storage());
  for (const auto& b : g.below_threshold) below.emplace_back(b);
  o["evaluations"] = g.evaluations;
  o["average"] = nullable(g.average);
  o["spread"] = g.spread;
  o["needs_consensus"] = g.needs_consensus;
  o["final_score"] = nullable(g.final_score);
  o["criterion_averages"] = std::move(per);
  o["below_threshold"] = std::move(below);
}

bj::object aggregate_json(const Aggregate& g) {
  bj::object o;
  aggregate_into(o, g);
  return o;
}

bj::value application_audited(store::Tx&, const Application& a) { return to_json(a); }
std::string ranking_json(store::Tx& tx, const Call& c);
}  // namespace

// Built on a monotonic arena and serialised once: a call's ranking is hundreds of rows (ADR 0006).
// The same for every reader until the data changes (or the call's deadline moves its status): kept
// per call by the data's version, with single flight (platform/kept_answers.hpp), as the services
// overview is.
std::string ranking_text(App& app, const Caller& cl, std::int64_t call_id) {
  if (!reads_all(cl.me)) throw Forbidden(say("ranking_staff_only", "The ranking is read by the programme's officers and auditors"));
  static platform::KeptAnswers kept;
  auto tx = app.db->read();
  auto version = store::data_version(tx);
  auto c = load_call(tx, call_id, cl.me);
  auto key = std::to_string(c.id) + "|" + effective_status(c, now_iso());
  return kept.get(key, version, [&] { return ranking_json(tx, c); });
}

namespace {
std::string ranking_json(store::Tx& tx, const Call& c) {
  auto rk = compute_ranking(tx, c);
  auto names = organisation_names_in_call(tx, c.id);
  auto [awarded, per_lot] = awarded_in_call(tx, c.id);
  bj::monotonic_resource arena(64 * 1024);
  bj::storage_ptr sp(&arena);
  bj::array items(sp);
  items.reserve(rk.items.size());
  for (const auto& x : rk.items) {
    bj::object o(sp);
    o.reserve(24);
    aggregate_into(o, x.g);
    o["rank"] = x.rank ? bj::value(x.rank) : bj::value(nullptr);
    o["application_id"] = x.a.id;
    o["number"] = nullable(x.a.number);
    o["title"] = x.a.title;
    o["organisation_name"] = names[x.a.id];
    o["district"] = nullable(x.a.district);
    o["lot"] = nullable(x.a.lot);
    o["grant_minor"] = x.a.grant_minor;
    o["consensus_score"] = nullable(x.a.consensus_score);
    o["consensus_reason"] = nullable(x.a.consensus_reason);
    o["decision"] = nullable(x.a.decision);
    o["decision_reason"] = nullable(x.a.decision_reason);
    o["awarded_minor"] = nullable(x.a.awarded_minor);
    o["version"] = x.a.version;
    items.push_back(std::move(o));
  }
  bj::array lots(sp);
  for (const auto& l : c.lots) {
    auto used = per_lot[l.code];
    lots.push_back(bj::object({{"code", l.code}, {"name", to_json(l.name)}, {"envelope_minor", nullable(l.envelope_minor)},
                               {"awarded_minor", used},
                               {"left_minor", l.envelope_minor ? bj::value(*l.envelope_minor - used) : bj::value(nullptr)}}, sp));
  }
  bj::object out(sp);
  out["call"] = bj::object({{"id", c.id}, {"code", c.code}, {"title", to_json(c.title)}, {"currency", c.currency},
                            {"status", effective_status(c, now_iso())}, {"max_total", c.max_total_score()}, {"score_gap", c.score_gap}}, sp);
  out["tie_break"] = platform::evaluation::kTieBreak;
  out["envelope_minor"] = c.envelope_minor;
  out["awarded_minor"] = awarded;
  out["left_minor"] = c.envelope_minor - awarded;
  out["lots"] = std::move(lots);
  out["items"] = std::move(items);
  // Evaluations assigned and not yet submitted: the ranking may still change (the officer is warned).
  out["evaluations_outstanding"] = outstanding_evaluations(tx, c.id);
  return bj::serialize(out);
}
}  // namespace

namespace {
// What a call's spreadsheets show in words: its lots and criteria by name, its districts by name.
struct CallWords {
  const Words& w;
  const Call& c;
  std::map<std::string, std::string> places;
  std::string lot(const std::optional<std::string>& code) const {
    if (!code) return "";
    for (const auto& l : c.lots)
      if (l.code == *code) return l.name.in(w.lang());
    return *code;
  }
  std::string criterion(const std::string& code) const {
    for (const auto& k : c.criteria)
      if (k.code == code) return k.name.in(w.lang());
    return code;
  }
  std::string place(const std::optional<std::string>& code) const {
    if (!code) return "";
    auto it = places.find(*code);
    return it == places.end() ? *code : it->second;
  }
};

CallWords call_words(store::Tx& tx, const Words& w, const Call& c, const Ranking& rk) {
  std::vector<std::string> districts;
  for (const auto& x : rk.items)
    if (x.a.district) districts.push_back(*x.a.district);
  return {w, c, registry::unit_names(tx, districts)};
}
}  // namespace

Spreadsheet ranking_xlsx(App& app, const Caller& cl, const Words& w, std::int64_t call_id) {
  if (!reads_all(cl.me)) throw Forbidden(say("ranking_staff_only", "The ranking is read by the programme's officers and auditors"));
  auto tx = app.db->read();
  auto c = load_call(tx, call_id, cl.me);
  auto rk = compute_ranking(tx, c);
  auto names = organisation_names_in_call(tx, c.id);
  auto cw = call_words(tx, w, c, rk);
  using reports::Cell;
  auto headers = reports::headers(w, "sheet.ranking", {"lot", "rank", "number", "applicant", "title_col", "district", "evaluations",
                                                       "average", "consensus", "final_score", "below_threshold"});
  for (const auto& k : c.criteria) headers.push_back(w.tr("sheet.ranking.criterion_average", {{"criterion", k.name.in(w.lang())}}));
  for (auto h : reports::headers(w, "sheet.ranking", {"requested", "decision", "awarded", "currency", "reason"})) headers.push_back(h);
  auto pts = [](const std::optional<int>& v) { return v ? Cell::decimal(*v / 100.0) : Cell::empty(); };
  std::vector<std::vector<Cell>> rows;
  for (const auto& x : rk.items) {
    std::string below;
    for (const auto& k : x.g.below_threshold) below += (below.empty() ? "" : "; ") + cw.criterion(k);
    std::vector<Cell> row{Cell::of(cw.lot(x.a.lot)), x.rank ? Cell::num(x.rank) : Cell::empty(),
                          Cell::of(x.a.number.value_or("")), Cell::of(names[x.a.id]), Cell::of(x.a.title),
                          Cell::of(cw.place(x.a.district)), Cell::num(x.g.evaluations), pts(x.g.average),
                          pts(x.a.consensus_score), pts(x.g.final_score), Cell::of(below)};
    for (const auto& k : c.criteria) {
      auto it = x.g.criterion_avg.find(k.code);
      row.push_back(it == x.g.criterion_avg.end() ? Cell::empty() : Cell::decimal(it->second / 100.0));
    }
    row.push_back(Cell::money(x.a.grant_minor));
    row.push_back(Cell::of(w.code("decision", x.a.decision.value_or(""))));
    row.push_back(Cell::money(x.a.awarded_minor));
    row.push_back(Cell::of(c.currency));
    row.push_back(Cell::of(x.a.decision_reason.value_or("")));
    rows.push_back(std::move(row));
  }
  return {"ranking-" + c.code, reports::xlsx_table(w, w.tr("sheet.ranking.title"), headers, rows)};
}

// Every submitted application with each evaluator's total (as "Evaluator n") and the aggregate.
Spreadsheet applications_xlsx(App& app, const Caller& cl, const Words& w, std::int64_t call_id) {
  if (!reads_all(cl.me)) throw Forbidden(say("call_applications_staff_only", "The applications of a call are read by the programme's officers and auditors"));
  auto tx = app.db->read();
  auto c = load_call(tx, call_id, cl.me);
  auto rk = compute_ranking(tx, c);
  auto names = organisation_names_in_call(tx, c.id);
  auto evals = submitted_evaluations_of_call(tx, c.id);
  auto cw = call_words(tx, w, c, rk);
  std::size_t most = 0;
  for (const auto& [id, v] : evals) most = std::max(most, v.size());
  using reports::Cell;
  auto headers = reports::headers(w, "sheet.applications", {"number", "lot", "applicant", "title_col", "district", "submitted", "grant",
                                                            "applicant_share", "authority_share", "total", "currency",
                                                            "authority_confirmed"});
  for (std::size_t i = 0; i < most; ++i) headers.push_back(w.tr("sheet.applications.evaluator_n", {{"n", static_cast<std::int64_t>(i + 1)}}));
  for (auto h : reports::headers(w, "sheet.applications", {"average", "spread", "consensus", "final_score", "rank", "decision"}))
    headers.push_back(h);
  auto pts = [](const std::optional<int>& v) { return v ? Cell::decimal(*v / 100.0) : Cell::empty(); };
  std::vector<std::vector<Cell>> rows;
  for (const auto& x : rk.items) {
    std::vector<Cell> row{Cell::of(x.a.number.value_or("")), Cell::of(cw.lot(x.a.lot)), Cell::of(names[x.a.id]),
                          Cell::of(x.a.title), Cell::of(cw.place(x.a.district)), Cell::date(x.a.submitted_at),
                          Cell::money(x.a.grant_minor), Cell::money(x.a.applicant_minor), Cell::money(x.a.authority_minor),
                          Cell::money(x.a.total_minor), Cell::of(c.currency),
                          Cell::of(w.tr(x.a.confirmed_authority_minor ? "common.yes" : "common.no"))};
    const auto& ev = evals[x.a.id];
    for (std::size_t i = 0; i < most; ++i)
      row.push_back(i < ev.size() && ev[i].total ? Cell::num(*ev[i].total) : Cell::empty());
    row.push_back(pts(x.g.average));
    row.push_back(Cell::decimal(x.g.spread / 100.0));
    row.push_back(pts(x.a.consensus_score));
    row.push_back(pts(x.g.final_score));
    row.push_back(x.rank ? Cell::num(x.rank) : Cell::empty());
    row.push_back(Cell::of(w.code("decision", x.a.decision.value_or(""))));
    rows.push_back(std::move(row));
  }
  return {"applications-" + c.code, reports::xlsx_table(w, w.tr("sheet.applications.title"), headers, rows)};
}

// The officer's consensus score where the evaluators differ by more than the call's gap.
Written consensus_record(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"score", "reason"});
  auto score = v.integer("score", Need::Required, 0, 100000000);
  auto reason = v.text("reason", Need::Required, 4000, true);
  if (reason && reason->size() < 10) v.add("reason", "too_short", "Write at least 10 characters");
  v.finish();
  Call c;
  std::vector<Evaluation> submitted;
  auto w = platform::change<Application>(
      *app.db, cl, id, version, v, application_kind(),
      {.action = "consensus",
       .refuse = application_refusal(cl),
       .check =
           [&](store::Tx& tx, const Application& a, Validator&) {
             c = *find_call(tx, a.call_id);
             if (effective_status(c, now_iso()) != "under_evaluation") throw Conflict(say("consensus_not_evaluating", "Consensus is recorded while the call is under evaluation"));
             if (a.status != "submitted") throw Conflict(say("score_needs_submitted", "Only a submitted application is scored"));
             for (auto& e : platform::evaluation::of(tx, "application", id))
               if (e.status == "submitted") submitted.push_back(std::move(e));
             auto g = aggregate(c, submitted, std::nullopt);
             if (!g.needs_consensus)
               throw Conflict(say("consensus_not_needed", "The evaluators differ by {spread} points, not more than the call's gap of {gap}: the average stands",
                                 {{"spread", std::to_string(g.spread / 100)}, {"gap", std::to_string(c.score_gap)}}));
             if (*score > c.max_total_score() * 100)
               throw Invalid({{"score", "above_max_points",
                               "At most " + std::to_string(c.max_total_score()) + " points (in hundredths: " +
                                   std::to_string(c.max_total_score() * 100) + ")",
                               {{"max", std::to_string(c.max_total_score())}}}});
           },
       .apply =
           [&](store::Tx& tx, const Application& before) {
             auto a = before;
             a.consensus_score = static_cast<int>(*score);
             a.consensus_reason = reason;
             return update_application(tx, a, before.version);
           },
       .before = application_audited,
       .after = application_audited});
  w.body["aggregate"] = aggregate_json(aggregate(c, submitted, static_cast<int>(*score)));
  return w;
}

// award | reserve | reject, down the ranking and within the envelope.
Written decision_record(App& app, const Caller& cl, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"decision", "awarded_minor", "reason"});
  auto decision = v.one_of("decision", Need::Required, {"award", "reserve", "reject"});
  auto amount = v.integer("awarded_minor", Need::Optional, 1, kMaxMinor);
  auto reason = v.text("reason", decision == "reject" ? Need::Required : Need::Optional, 4000, true);
  if (decision == "reject" && reason && reason->size() < 10) v.add("reason", "too_short", "Say why, in at least 10 characters");
  if (decision && *decision != "award" && amount) v.add("awarded_minor", "not_awarded", "Only an award has an amount");
  v.finish();
  bool late_award = false;
  std::int64_t awarded = 0;
  return platform::change<Application>(
      *app.db, cl, id, version, v, application_kind(),
      {.action = "decide",
       .refuse = application_refusal(cl),
       .check =
           [&](store::Tx& tx, const Application& a, Validator&) {
             auto c = *find_call(tx, a.call_id);
             auto status = effective_status(c, now_iso());
             late_award = status == "decided" && a.decision == "reserve" && *decision == "award";
             if (status != "under_evaluation" && !late_award)
               throw Conflict(status == "decided" ? say("decided_reserve_only", "The call is decided: only an application on the reserve list can still be awarded")
                                                  : say("decide_needs_evaluation", "Decisions are made while the call is under evaluation"));
             if (a.status != "submitted") throw Conflict(say("decide_needs_submitted", "Only a submitted application is decided"));
             if (agreement_of_application(tx, id)) throw Conflict(say("agreement_exists", "A grant agreement exists for this application"));
             auto rk = compute_ranking(tx, c);
             auto self = std::find_if(rk.items.begin(), rk.items.end(), [&](const Ranked& x) { return x.a.id == id; });
             if (*decision != "reject") {
               if (!self->g.final_score)
                 throw Conflict(self->g.needs_consensus ? say("consensus_first", "The evaluators differ by more than the gap: record a consensus score first")
                                                        : say("two_evaluations_needed", "The application needs at least two submitted evaluations"));
               // Down the ranking: every application above this one in its lot is decided first.
               std::vector<std::string> above;
               for (const auto& x : rk.items)
                 if (x.rank && x.rank < self->rank && x.a.lot == a.lot && !x.a.decision)
                   above.push_back(x.a.number.value_or(std::to_string(x.a.id)));
               if (!above.empty())
                 throw Conflict(say("decide_down_ranking", "Decide down the ranking: {above} rank higher in this lot and have no decision yet",
                                   {{"above", join(above, ", ")}}));
             }
             if (*decision == "award") {
               if (!self->g.below_threshold.empty())
                 throw Invalid({{"decision", "below_threshold", "Below the threshold on: " + join(self->g.below_threshold, ", "),
                                {{"criteria", join(self->g.below_threshold, ", ")}}}});
               awarded = amount.value_or(a.grant_minor);
               if (awarded > a.grant_minor)
                 throw Invalid(
                     {{"awarded_minor", "above_request", "More than the applicant asked for (" + std::to_string(a.grant_minor) + ")",
                       {{"asked", std::to_string(a.grant_minor)}}}});
               // The call's row is held until commit (PostgreSQL: a row lock; SQLite serialises writes):
               // what is already awarded is read after it, so two awards at once cannot both fit the
               // last of the envelope.
               lock_call(tx, c.id);
               auto [in_call, per_lot] = awarded_in_call(tx, c.id, id);
               if (auto why = envelope_error(c, a.lot.value_or(""), awarded, in_call, per_lot[a.lot.value_or("")]))
                 throw Invalid({{"awarded_minor", "exceeds_envelope", why->text, why->params}}, *why);
             }
           },
       .apply =
           [&](store::Tx& tx, const Application& before) {
             auto a = before;
             a.decision = *decision;
             a.decision_reason = reason;
             a.awarded_minor = *decision == "award" ? std::optional<std::int64_t>(awarded) : std::nullopt;
             if (!update_application(tx, a, before.version)) return false;
             set_decided_by(tx, id, cl.me.user_id, now_iso());
             if (late_award)
               notify(tx, users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), a.organisation_id), "result", "application", id,
                      {{"number", a.number.value_or("")}, {"title", a.title}});
             return true;
           },
       .before = application_audited,
       .after = application_audited});
}

// The applicant's result: the decision, its score and rank, and every evaluator's scores and
// justifications under "Evaluator 1, 2, …" — never who they are.
Written result_get(App& app, const Caller& cl, std::int64_t id) {
  auto tx = app.db->read();
  auto a = load_application(tx, id, cl.me);
  auto c = *find_call(tx, a.call_id);
  auto status = effective_status(c, now_iso());
  if (!reads_all(cl.me) && status != "decided" && status != "archived")
    throw Conflict(say("results_after_decision", "Results are published when the call is decided"));
  if (a.status != "submitted") throw Conflict(say("result_needs_submitted", "Only a submitted application has a result"));
  auto rk = compute_ranking(tx, c);
  auto self = std::find_if(rk.items.begin(), rk.items.end(), [&](const Ranked& x) { return x.a.id == a.id; });
  int in_lot = 0;
  for (const auto& x : rk.items)
    if (x.rank && x.a.lot == a.lot) ++in_lot;
  bj::array criteria, evaluations;
  for (const auto& k : c.criteria)
    criteria.push_back({{"code", k.code}, {"name", to_json(k.name)}, {"max_score", k.max_score},
                        {"threshold", nullable(k.threshold)},
                        {"average", self->g.criterion_avg.count(k.code) ? bj::value(self->g.criterion_avg.at(k.code)) : bj::value(nullptr)}});
  int n = 0;
  for (const auto& e : platform::evaluation::of(tx, "application", a.id)) {
    if (e.status != "submitted") continue;
    bj::array scores;
    for (const auto& s : e.scores) scores.push_back({{"criterion", s.criterion}, {"score", s.score}, {"justification", s.justification}});
    evaluations.push_back({{"label", "Evaluator " + std::to_string(++n)}, {"total", nullable(e.total)}, {"scores", std::move(scores)}});
  }
  auto out = aggregate_json(self->g);
  out["application_id"] = a.id;
  out["number"] = nullable(a.number);
  out["title"] = a.title;
  out["lot"] = nullable(a.lot);
  out["call_status"] = status;
  out["decision"] = nullable(a.decision);
  out["decision_reason"] = nullable(a.decision_reason);
  out["awarded_minor"] = nullable(a.awarded_minor);
  out["currency"] = c.currency;
  out["consensus_score"] = nullable(a.consensus_score);
  out["rank"] = self->rank ? bj::value(self->rank) : bj::value(nullptr);
  out["ranked_in_lot"] = in_lot;
  out["max_total"] = c.max_total_score();
  out["criteria"] = std::move(criteria);
  out["evaluator_scores"] = std::move(evaluations);
  return {std::move(out)};
}
}  // namespace sp::grants
