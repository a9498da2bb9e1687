// SQL of awards and grant agreements: what a call has awarded, agreements with their budget lines,
// tranches and reports, and the review history of each report.
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

#include "common/exact.hpp"
#include "common/time.hpp"
#include "modules/grants/grants.hpp"
#include "modules/grants/repo.hpp"
#include "platform/policy.hpp"
#include "modules/grants/rules.hpp"
#include "store/entity.hpp"
#include "store/query.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;
using store::Param;
using store::Params;

using store::col;

const store::Entity<Agreement>& agreements() {
  using A = Agreement;
  static const store::Entity<A> e{
      "grant_agreements",
      {{store::key(&A::id), col("application_id", &A::application_id), col("call_id", &A::call_id),
        col("organisation_id", &A::organisation_id), col("number", &A::number), col("amount_minor", &A::amount_minor),
        col("currency", &A::currency), col("starts_on", &A::starts_on), col("ends_on", &A::ends_on), col("status", &A::status),
        col("signed_on", &A::signed_on), col("signed_document_id", &A::signed_document_id)},
       store::stamps(&A::version, &A::created_at, &A::updated_at)}};
  return e;
}

// A tranche is versioned by its agreement; its payment is recorded once (record_payment).
const store::Entity<Tranche>& tranches() {
  using T = Tranche;
  static const store::Entity<T> e{
      "tranches",
      {{store::key(&T::id), col("agreement_id", &T::agreement_id), col("number", &T::number), col("share_bp", &T::share_bp),
        col("amount_minor", &T::amount_minor), col("condition", &T::condition), col("planned_on", &T::planned_on),
        col("paid_on", &T::paid_on), col("paid_minor", &T::paid_minor), col("payment_ref", &T::payment_ref)}}};
  return e;
}

// A report: its narrative and lines kept as JSON in the shapes of the API.
const store::Entity<Report>& reports() {
  using R = Report;
  static const store::Entity<R> e{
      "grant_reports",
      {{store::key(&R::id), col("agreement_id", &R::agreement_id), col("number", &R::number), col("final", &R::final),
        col("due_on", &R::due_on), col("status", &R::status),
        store::custom<R>(
            "narrative",
            [](R& r, const store::Cursor& c, int i) {
              auto n = bj::parse(c.text(i));
              if (!n.is_object()) return;
              const auto& o = n.get_object();
              if (auto* v = o.if_contains("activities"); v && v->is_string()) r.activities = v->get_string();
              if (auto* v = o.if_contains("problems"); v && v->is_string()) r.problems = v->get_string();
              if (auto* v = o.if_contains("people_served"); v && v->is_int64()) r.people_served = static_cast<int>(v->get_int64());
            },
            [](const R& r) -> Param { return bj::serialize(to_json(r).at("narrative")); }),
        store::custom<R>(
            "lines",
            [](R& r, const store::Cursor& c, int i) {
              auto lines = bj::parse(c.text(i));
              if (!lines.is_array()) return;
              for (const auto& v : lines.get_array()) {
                const auto& o = v.as_object();
                ReportLine l;
                l.line_id = o.at("line_id").as_int64();
                l.spent_minor = o.at("spent_minor").as_int64();
                if (auto* j = o.if_contains("justification"); j && j->is_string()) l.justification = j->get_string();
                r.lines.push_back(std::move(l));
              }
            },
            [](const R& r) -> Param { return bj::serialize(to_json(r).at("lines")); }),
        col("spent_minor", &R::spent_minor), col("submitted_at", &R::submitted_at), col("approved_at", &R::approved_at),
        store::version(&R::version)}}};
  return e;
}
}  // namespace

std::vector<Application> ranking_rows(store::Tx& tx, std::int64_t call_id) {
  std::vector<Application> out;
  auto c = tx.query("SELECT id, organisation_id, lot, number, title, district, grant_minor, submitted_at, consensus_score, "
                    "consensus_reason, decision, decision_reason, awarded_minor, version, applicant_minor, authority_minor, "
                    "total_minor, confirmed_authority_minor FROM applications WHERE call_id = $1 AND status = 'submitted' ORDER BY id",
                    {call_id});
  while (c->next()) {
    Application a;
    a.id = c->i64(0);
    a.call_id = call_id;
    a.organisation_id = c->i64(1);
    a.lot = c->opt_str(2);
    a.number = c->opt_str(3);
    a.title = c->str(4);
    a.district = c->opt_str(5);
    a.grant_minor = c->i64(6);
    a.status = "submitted";
    a.submitted_at = c->opt_str(7);
    if (!c->is_null(8)) a.consensus_score = static_cast<int>(c->i64(8));
    a.consensus_reason = c->opt_str(9);
    a.decision = c->opt_str(10);
    a.decision_reason = c->opt_str(11);
    a.awarded_minor = c->opt_i64(12);
    a.version = c->i64(13);
    a.applicant_minor = c->i64(14);
    a.authority_minor = c->i64(15);
    a.total_minor = c->i64(16);
    a.confirmed_authority_minor = c->opt_i64(17);
    out.push_back(std::move(a));
  }
  return out;
}

std::map<std::int64_t, std::vector<Evaluation>> submitted_evaluations_of_call(store::Tx& tx, std::int64_t call_id) {
  std::map<std::int64_t, std::vector<Evaluation>> out;
  // The score arrays are parsed on one arena, freed at once.
  unsigned char buffer[16 * 1024];
  bj::monotonic_resource arena(buffer, sizeof buffer);
  auto c = tx.query("SELECT e.id, e.subject_id, e.evaluator_id, e.scores, e.total FROM evaluations e "
                    "JOIN applications a ON e.subject = 'application' AND a.id = e.subject_id "
                    "WHERE a.call_id = $1 AND e.status = 'submitted' ORDER BY e.subject_id, e.id",
                    {call_id});
  while (c->next()) {
    Evaluation e;
    e.id = c->i64(0);
    e.subject_id = c->i64(1);
    e.evaluator_id = c->i64(2);
    e.status = "submitted";
    auto scores = bj::parse(c->text(3), &arena);
    for (const auto& v : scores.as_array()) {
      const auto& o = v.as_object();
      e.scores.push_back({std::string(o.at("criterion").as_string()), static_cast<int>(o.at("score").as_int64()), {}});
    }
    if (!c->is_null(4)) e.total = static_cast<int>(c->i64(4));
    out[e.subject_id].push_back(std::move(e));
  }
  return out;
}

std::pair<std::int64_t, std::map<std::string, std::int64_t>> awarded_in_call(store::Tx& tx, std::int64_t call_id,
                                                                             std::int64_t except_application) {
  std::pair<std::int64_t, std::map<std::string, std::int64_t>> out{0, {}};
  auto c = tx.query("SELECT COALESCE(lot, ''), SUM(awarded_minor) FROM applications WHERE call_id = $1 AND decision = 'award' "
                    "AND id <> $2 GROUP BY COALESCE(lot, '')",
                    {call_id, except_application});
  while (c->next()) {
    out.first += c->i64(1);
    out.second[c->str(0)] = c->i64(1);
  }
  return out;
}

std::optional<Agreement> find_agreement(store::Tx& tx, std::int64_t id) { return agreements().find(tx, id); }

std::optional<Agreement> agreement_of_application(store::Tx& tx, std::int64_t application_id) {
  auto c = tx.query("SELECT " + agreements().columns() + " FROM grant_agreements WHERE application_id = $1", {application_id});
  if (!c->next()) return std::nullopt;
  return agreements().read(*c);
}

std::vector<Agreement> list_agreements(store::Tx& tx, const AgreementFilter& f) {
  store::Where w;
  if (f.call_id) w.add("call_id = ?", {*f.call_id});
  if (f.organisation_id) w.add("organisation_id = ?", {*f.organisation_id});
  if (f.authority_id) w.add("application_id IN (SELECT id FROM applications WHERE partner_authority_id = ?)", {*f.authority_id});
  if (!f.status.empty()) w.add("status = ?", {f.status});
  std::vector<Agreement> out;
  auto c = tx.query("SELECT " + agreements().columns() + " FROM grant_agreements" + w.sql() + " ORDER BY call_id DESC, number", w.params());
  while (c->next()) out.push_back(agreements().read(*c));
  return out;
}

std::int64_t insert_agreement(store::Tx& tx, const Agreement& a, const std::vector<AgreementLine>& lines,
                              const std::vector<TrancheSpec>& tranches, const std::vector<ReportDue>& reports) {
  auto draft = a;
  draft.status = "draft";
  draft.signed_on.reset();
  draft.signed_document_id.reset();
  auto id = agreements().insert(tx, draft);
  for (const auto& l : lines)
    tx.exec("INSERT INTO agreement_lines (agreement_id, position, category, description, period, grant_minor, "
            "cofinancing_minor) VALUES ($1,$2,$3,$4,$5,$6,$7)",
            {id, static_cast<std::int64_t>(l.position), l.category, l.description, static_cast<std::int64_t>(l.period),
             l.grant_minor, l.cofinancing_minor});
  for (const auto& t : tranches) {
    // The first is planned for the start; each later one for when the report before it is due.
    Param planned = t.number == 1 ? Param{a.starts_on}
                    : static_cast<std::size_t>(t.number - 1) <= reports.size() ? Param{reports[t.number - 2].due_on}
                                                                               : Param{};
    tx.exec("INSERT INTO tranches (agreement_id, number, share_bp, amount_minor, condition, planned_on) VALUES ($1,$2,$3,$4,$5,$6)",
            {id, static_cast<std::int64_t>(t.number), static_cast<std::int64_t>(t.share_bp), t.amount_minor, t.condition, planned});
  }
  for (const auto& r : reports)
    tx.exec("INSERT INTO grant_reports (agreement_id, number, final, due_on) VALUES ($1,$2,$3,$4)",
            {id, static_cast<std::int64_t>(r.number), static_cast<std::int64_t>(r.final), r.due_on});
  return id;
}

bool update_agreement(store::Tx& tx, const Agreement& a, std::int64_t expected_version) {
  return agreements().update(tx, a.id, a, expected_version);
}

std::string next_agreement_number(store::Tx& tx, const Call& c) {
  auto n = tx.scalar("SELECT COUNT(*) FROM grant_agreements WHERE call_id = $1", {c.id}).value_or(0) + 1;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(n));
  return "GA-" + c.code + "-" + buf;
}

std::vector<AgreementLine> lines_of(store::Tx& tx, std::int64_t agreement_id) {
  std::vector<AgreementLine> out;
  auto c = tx.query("SELECT id, position, category, description, period, grant_minor, cofinancing_minor FROM agreement_lines "
                    "WHERE agreement_id = $1 ORDER BY position",
                    {agreement_id});
  while (c->next())
    out.push_back({c->i64(0), static_cast<int>(c->i64(1)), c->str(2), c->str(3), static_cast<int>(c->i64(4)), c->i64(5), c->i64(6)});
  return out;
}

void update_line_grant(store::Tx& tx, std::int64_t line_id, std::int64_t grant_minor) {
  tx.exec("UPDATE agreement_lines SET grant_minor = $1 WHERE id = $2", {grant_minor, line_id});
}

std::vector<Tranche> tranches_of(store::Tx& tx, std::int64_t agreement_id) {
  std::vector<Tranche> out;
  auto c = tx.query("SELECT " + tranches().columns() + " FROM tranches WHERE agreement_id = $1 ORDER BY number", {agreement_id});
  while (c->next()) out.push_back(tranches().read(*c));
  return out;
}

std::optional<Tranche> find_tranche(store::Tx& tx, std::int64_t id) { return tranches().find(tx, id); }

void record_payment(store::Tx& tx, const Tranche& t, std::int64_t user_id) {
  tx.exec("UPDATE tranches SET paid_on = $1, paid_minor = $2, payment_ref = $3, paid_by = $4 WHERE id = $5 AND paid_on IS NULL",
          {store::opt(t.paid_on), store::opt(t.paid_minor), store::opt(t.payment_ref), user_id, t.id});
}

std::vector<Report> reports_of(store::Tx& tx, std::int64_t agreement_id) {
  std::vector<Report> out;
  auto c = tx.query("SELECT " + reports().columns() + " FROM grant_reports WHERE agreement_id = $1 ORDER BY number", {agreement_id});
  while (c->next()) out.push_back(reports().read(*c));
  return out;
}

std::optional<Report> find_report(store::Tx& tx, std::int64_t id) { return reports().find(tx, id); }

bool update_report(store::Tx& tx, const Report& r, std::int64_t expected_version) { return reports().update(tx, r.id, r, expected_version); }

void insert_review(store::Tx& tx, std::int64_t report_id, const std::string& action, const std::optional<std::string>& comments,
                   std::int64_t user_id, const std::string& at) {
  tx.exec("INSERT INTO report_reviews (report_id, action, comments, by_user, at) VALUES ($1,$2,$3,$4,$5)",
          {report_id, action, store::opt(comments), user_id ? store::Param{user_id} : store::Param{}, at.empty() ? now_iso() : at});
}

bj::array reviews_of(store::Tx& tx, std::int64_t report_id) {
  bj::array out;
  auto c = tx.query("SELECT r.action, r.comments, r.at, COALESCE(u.name, '') FROM report_reviews r LEFT JOIN users u ON "
                    "u.id = r.by_user WHERE r.report_id = $1 ORDER BY r.id",
                    {report_id});
  while (c->next())
    out.push_back({{"action", c->str(0)}, {"comments", c->is_null(1) ? bj::value(nullptr) : bj::value(c->str(1))},
                   {"at", c->str(2)}, {"by", c->str(3)}});
  return out;
}

std::optional<AgreementAmendment> find_agreement_amendment(store::Tx& tx, std::int64_t id) {
  auto c = tx.query("SELECT id, agreement_id, number, kind, reason, changes, status, share_bp FROM agreement_amendments WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return AgreementAmendment{c->i64(0), c->i64(1), static_cast<int>(c->i64(2)), c->str(3), c->str(4), c->str(5), c->str(6),
                            static_cast<int>(c->i64(7))};
}

std::int64_t insert_agreement_amendment(store::Tx& tx, const AgreementAmendment& a, std::int64_t user_id) {
  auto n = tx.scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM agreement_amendments WHERE agreement_id = $1", {a.agreement_id}).value_or(1);
  auto now = now_iso();
  bool applied = a.status == "applied";
  return *tx.scalar("INSERT INTO agreement_amendments (agreement_id, number, kind, reason, changes, share_bp, status, "
                    "requested_by, requested_at, decided_by, decided_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id",
                    {a.agreement_id, n, a.kind, a.reason, a.changes_json, static_cast<std::int64_t>(a.share_bp), a.status, user_id,
                     now, applied ? Param{user_id} : Param{}, applied ? Param{now} : Param{}});
}

void decide_agreement_amendment(store::Tx& tx, std::int64_t id, const std::string& status, std::int64_t user_id) {
  tx.exec("UPDATE agreement_amendments SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4",
          {status, user_id, now_iso(), id});
}

bool has_pending_amendment(store::Tx& tx, std::int64_t agreement_id) {
  return tx.scalar("SELECT COUNT(*) FROM agreement_amendments WHERE agreement_id = $1 AND status = 'pending'", {agreement_id})
             .value_or(0) > 0;
}

bj::array amendments_json(store::Tx& tx, std::int64_t agreement_id) {
  bj::array out;
  auto c = tx.query("SELECT m.id, m.number, m.kind, m.reason, m.changes, m.share_bp, m.status, m.requested_at, "
                    "COALESCE(u.name, ''), m.decided_at FROM agreement_amendments m LEFT JOIN users u ON u.id = m.requested_by "
                    "WHERE m.agreement_id = $1 ORDER BY m.number",
                    {agreement_id});
  while (c->next())
    out.push_back({{"id", c->i64(0)}, {"number", c->i64(1)}, {"kind", c->str(2)}, {"reason", c->str(3)},
                   {"changes", bj::parse(c->text(4))}, {"share_bp", c->i64(5)}, {"status", c->str(6)},
                   {"requested_at", c->str(7)}, {"requested_by", c->str(8)},
                   {"decided_at", c->is_null(9) ? bj::value(nullptr) : bj::value(c->str(9))}});
  return out;
}

int remind_reports(store::Tx& tx, const std::string& today_) {
  struct Due {
    std::int64_t report, organisation;
    std::string agreement, due_on;
    int number;
    bool overdue;
  };
  std::vector<Due> due;
  {
    auto c = tx.query(
        "SELECT r.id, g.organisation_id, g.number, r.due_on, r.number, CASE WHEN r.due_on < $1 THEN 1 ELSE 0 END FROM grant_reports r "
        "JOIN grant_agreements g ON g.id = r.agreement_id "
        "WHERE g.status = 'signed' AND r.status IN ('due', 'returned') AND r.due_on <= $2 "
        "AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.entity = 'report' AND n.entity_id = r.id "
        "AND n.kind = CASE WHEN r.due_on < $1 THEN 'report_overdue' ELSE 'report_due' END) ORDER BY r.id",
        {today_, add_days(today_, 14)});
    while (c->next())
      due.push_back({c->i64(0), c->i64(1), c->str(2), c->str(3), static_cast<int>(c->i64(4)), c->i64(5) != 0});
  }
  auto officers = users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers));
  int written = 0;
  for (const auto& d : due) {
    auto users = users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), d.organisation);
    if (d.overdue) users.insert(users.end(), officers.begin(), officers.end());
    notify(tx, users, d.overdue ? "report_overdue" : "report_due", "report", d.report,
           {{"number", d.agreement}, {"report", d.number}, {"due_on", d.due_on}});
    written += static_cast<int>(users.size());
  }
  return written;
}
std::map<std::int64_t, std::int64_t> paid_by_agreement(store::Tx& tx) {
  std::map<std::int64_t, std::int64_t> out;
  auto c = tx.query("SELECT agreement_id, SUM(paid_minor) FROM tranches WHERE paid_on IS NOT NULL GROUP BY agreement_id");
  while (c->next()) out[c->i64(0)] = c->i64(1);
  return out;
}

std::map<std::int64_t, std::int64_t> overdue_by_agreement(store::Tx& tx, const std::string& today) {
  std::map<std::int64_t, std::int64_t> out;
  auto c = tx.query("SELECT agreement_id, COUNT(*) FROM grant_reports WHERE status IN ('due', 'returned') AND due_on < $1 GROUP BY agreement_id",
                    {today});
  while (c->next()) out[c->i64(0)] = c->i64(1);
  return out;
}

std::map<std::int64_t, std::int64_t> approved_by_agreement(store::Tx& tx) {
  std::map<std::int64_t, std::int64_t> out;
  auto c = tx.query("SELECT agreement_id, SUM(spent_minor) FROM grant_reports WHERE status = 'approved' GROUP BY agreement_id");
  while (c->next()) out[c->i64(0)] = c->i64(1);
  return out;
}

std::map<std::int64_t, std::string> call_codes(store::Tx& tx) {
  std::map<std::int64_t, std::string> out;
  auto c = tx.query("SELECT id, code FROM grant_calls");
  while (c->next()) out[c->i64(0)] = c->str(1);
  return out;
}

std::map<std::int64_t, std::string> grantee_names(store::Tx& tx) {
  std::map<std::int64_t, std::string> out;
  auto c = tx.query("SELECT DISTINCT o.id, o.name FROM organisations o JOIN grant_agreements g ON g.organisation_id = o.id");
  while (c->next()) out[c->i64(0)] = c->str(1);
  return out;
}

namespace {
// "(CAST($n AS BIGINT) = 0 OR <column> = CAST($n AS BIGINT))": all calls, or one.
std::string of_call(const char* column, int n) {
  auto p = "CAST($" + std::to_string(n) + " AS BIGINT)";
  return "(" + p + " = 0 OR " + column + " = " + p + ")";
}
using As = store::JsonColumn::As;
}  // namespace

bj::array payable_tranches(store::Tx& tx, std::int64_t call_id) {
  // Payable since the signature, or since the previous report was approved.
  return store::json_rows(
      tx,
      "SELECT t.id, t.number, t.amount_minor, t.planned_on, g.id, g.number, g.currency, o.name, g.call_id, c.code, t.condition, "
      "CASE WHEN t.condition = 'signature' THEN g.signed_on ELSE SUBSTR(r.approved_at, 1, 10) END "
      "FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id "
      "JOIN organisations o ON o.id = g.organisation_id JOIN grant_calls c ON c.id = g.call_id "
      "LEFT JOIN grant_reports r ON r.agreement_id = t.agreement_id AND r.number = t.number - 1 "
      "WHERE t.paid_on IS NULL AND g.status = 'signed' AND (t.condition = 'signature' OR r.status = 'approved') AND " +
          of_call("g.call_id", 1) + " ORDER BY t.planned_on, g.number, t.number",
      {call_id},
      {{As::Int, "tranche_id"}, {As::Int, "number"}, {As::Int, "amount_minor"}, {As::OptText, "planned_on"}, {As::Int, "agreement_id"},
       {As::Text, "agreement_number"}, {As::Text, "currency"}, {As::Text, "organisation_name"}, {As::Int, "call_id"},
       {As::Text, "call_code"}, {As::Text, "condition"}, {As::OptText, "payable_since"}});
}

bj::array reports_to_review(store::Tx& tx, std::int64_t call_id) {
  return store::json_rows(
      tx,
      "SELECT r.id, r.number, r.final, r.submitted_at, r.due_on, g.id, g.number, o.name, g.call_id, c.code, r.spent_minor, g.currency "
      "FROM grant_reports r JOIN grant_agreements g ON g.id = r.agreement_id JOIN organisations o ON o.id = g.organisation_id "
      "JOIN grant_calls c ON c.id = g.call_id WHERE r.status = 'submitted' AND " +
          of_call("g.call_id", 1) + " ORDER BY r.submitted_at, r.id",
      {call_id},
      {{As::Int, "report_id"}, {As::Int, "number"}, {As::Bool, "final"}, {As::OptText, "submitted_at"}, {As::Text, "due_on"},
       {As::Int, "agreement_id"}, {As::Text, "agreement_number"}, {As::Text, "organisation_name"}, {As::Int, "call_id"},
       {As::Text, "call_code"}, {As::Int, "spent_minor"}, {As::Text, "currency"}});
}

bj::array evaluations_outstanding(store::Tx& tx, std::int64_t call_id) {
  return store::json_rows(
      tx,
      "SELECT e.id, e.status, e.assigned_at, a.id, COALESCE(a.number, ''), a.title, c.id, c.code, u.name FROM evaluations e "
      "JOIN applications a ON e.subject = 'application' AND a.id = e.subject_id JOIN grant_calls c ON c.id = a.call_id JOIN users u ON u.id = e.evaluator_id "
      "WHERE c.status = 'under_evaluation' AND e.status IN ('assigned', 'declared') AND " +
          of_call("c.id", 1) + " ORDER BY e.assigned_at, e.id",
      {call_id},
      {{As::Int, "evaluation_id"}, {As::Text, "status"}, {As::Text, "assigned_at"}, {As::Int, "application_id"},
       {As::Text, "application_number"}, {As::Text, "application_title"}, {As::Int, "call_id"}, {As::Text, "call_code"},
       {As::Text, "evaluator_name"}});
}

std::vector<ScheduleRow> payment_schedule(store::Tx& tx, std::int64_t call_id) {
  auto c = tx.query(
      "SELECT c.code, g.number, o.name, t.number, t.share_bp, t.amount_minor, g.currency, t.condition, t.planned_on, "
      "t.paid_on, t.paid_minor, t.payment_ref, g.status, r.status FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id "
      "JOIN grant_calls c ON c.id = g.call_id JOIN organisations o ON o.id = g.organisation_id "
      "LEFT JOIN grant_reports r ON r.agreement_id = t.agreement_id AND r.number = t.number - 1 "
      "WHERE (CAST($1 AS BIGINT) = 0 OR g.call_id = CAST($1 AS BIGINT)) ORDER BY c.code, g.number, t.number",
      {call_id});
  std::vector<ScheduleRow> out;
  while (c->next())
    out.push_back({c->str(0), c->str(1), c->str(2), c->i64(3), c->i64(4), c->i64(5), c->str(6), c->str(7), c->opt_str(8), c->opt_str(9),
                   c->opt_i64(10), c->opt_str(11), c->str(12), c->opt_str(13)});
  return out;
}

std::vector<PortfolioRow> portfolio_rows(store::Tx& tx, std::int64_t call_id) {
  auto c = tx.query("SELECT g.id, g.call_id, g.organisation_id, COALESCE(a.district, ''), g.currency, g.amount_minor, o.name "
                    "FROM grant_agreements g JOIN applications a ON a.id = g.application_id "
                    "JOIN organisations o ON o.id = g.organisation_id WHERE (CAST($1 AS BIGINT) = 0 OR g.call_id = CAST($1 AS BIGINT))",
                    {call_id});
  std::vector<PortfolioRow> out;
  while (c->next()) out.push_back({c->i64(0), c->i64(1), c->i64(2), c->str(3), c->str(4), c->i64(5), c->str(6)});
  return out;
}

std::map<std::int64_t, CallSummary> call_summaries(store::Tx& tx) {
  std::map<std::int64_t, CallSummary> out;
  auto c = tx.query("SELECT id, code, title, envelope_minor FROM grant_calls");
  while (c->next()) out[c->i64(0)] = {c->str(1), c->str(2), c->i64(3)};
  return out;
}

std::vector<OverdueReport> overdue_reports(store::Tx& tx, const std::string& today, std::int64_t call_id) {
  auto c = tx.query(
      "SELECT r.id, r.number, r.due_on, r.status, g.id, g.number, o.name, g.call_id, c.code FROM grant_reports r "
      "JOIN grant_agreements g ON g.id = r.agreement_id JOIN organisations o ON o.id = g.organisation_id "
      "JOIN grant_calls c ON c.id = g.call_id WHERE r.status IN ('due', 'returned') AND r.due_on < $1 AND g.status = 'signed' AND " +
          of_call("g.call_id", 2) + " ORDER BY r.due_on, g.number",
      {today, call_id});
  std::vector<OverdueReport> out;
  while (c->next()) out.push_back({c->i64(0), c->i64(1), c->str(2), c->str(3), c->i64(4), c->str(5), c->str(6), c->i64(7), c->str(8)});
  return out;
}
}  // namespace sp::grants

namespace sp::grants {
YearSpending approved_spending_in_year(store::Tx& tx, std::int64_t agreement_id, int year) {
  YearSpending out;
  auto g = find_agreement(tx, agreement_id);
  if (!g) return out;
  auto c = find_call(tx, g->call_id);
  const int period = c ? c->period_months : 6;
  out.number = g->number;
  out.currency = g->currency;
  std::map<std::int64_t, std::string> category;
  for (const auto& l : lines_of(tx, agreement_id)) category[l.id] = l.category;
  const auto first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  std::map<std::string, Exact> spent;
  for (const auto& r : reports_of(tx, agreement_id)) {
    if (r.status != "approved") continue;
    auto from = add_months(g->starts_on, (r.number - 1) * period);
    auto to = std::min(add_days(add_months(g->starts_on, r.number * period), -1), g->ends_on);
    if (to < from) continue;
    auto a = std::max(from, first), b = std::min(to, last);
    if (b < a) continue;
    ++out.reports;
    // The share of the period's days that fall in the year.
    auto share = Exact::ratio(days_between(a, b) + 1, days_between(from, to) + 1);
    for (const auto& l : r.lines) spent[category.count(l.line_id) ? category[l.line_id] : "other"] += Exact(l.spent_minor) * share;
  }
  for (const auto& [k, v] : spent) out.by_category[k] = v.round();
  return out;
}
}  // namespace sp::grants

namespace sp::grants {
std::optional<CallInfo> call_info(store::Tx& tx, std::int64_t id) {
  auto c = find_call(tx, id);
  if (!c) return std::nullopt;
  return CallInfo{c->id, c->code, c->title.ro, c->title.ru, c->title.en, c->status, c->currency, c->envelope_minor};
}
std::vector<CallInfo> call_infos(store::Tx& tx) {
  std::vector<CallInfo> out;
  for (const auto& c : list_calls(tx, true)) out.push_back({c.id, c.code, c.title.ro, c.title.ru, c.title.en, c.status, c.currency, c.envelope_minor});
  return out;
}

std::vector<Award> awards_in_calls(store::Tx& tx, const std::vector<std::int64_t>& call_ids) {
  std::vector<Award> out;
  for (auto call_id : call_ids) {
    AgreementFilter f;
    f.call_id = call_id;
    auto agreements = list_agreements(tx, f);
    std::sort(agreements.begin(), agreements.end(), [](const Agreement& a, const Agreement& b) { return a.number < b.number; });
    for (const auto& a : agreements) {
      if (a.status == "draft") continue;
      Award w;
      w.agreement_id = a.id;
      w.call_id = a.call_id;
      w.organisation_id = a.organisation_id;
      w.number = a.number;
      w.currency = a.currency;
      w.starts_on = a.starts_on;
      w.ends_on = a.ends_on;
      w.status = a.status;
      w.updated_at = a.updated_at;
      w.signed_on = a.signed_on;
      w.amount_minor = a.amount_minor;
      if (auto app = find_application(tx, a.application_id)) {
        w.title = app->title;
        w.summary = app->summary;
        w.district = app->district;
        w.partner_authority_id = app->partner_authority_id;
        w.authority_minor = app->confirmed_authority_minor.value_or(0);
      }
      for (const auto& t : tranches_of(tx, a.id))
        if (t.paid_on) w.paid.push_back({t.paid_on->substr(0, 10), t.paid_minor.value_or(t.amount_minor)});
      for (const auto& r : reports_of(tx, a.id))
        if (r.status == "approved" && r.approved_at) w.spent.push_back({r.approved_at->substr(0, 10), r.spent_minor});
      out.push_back(std::move(w));
    }
  }
  return out;
}
}  // namespace sp::grants
