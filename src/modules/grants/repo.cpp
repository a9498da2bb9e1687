#include "modules/grants/repo.hpp"

#include <boost/json.hpp>

#include <cstdio>

#include "common/text.hpp"
#include "common/time.hpp"
#include "modules/grants/rules.hpp"
#include "store/data_version.hpp"
#include "store/query.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;
using store::Param;
using store::Params;
using store::join_codes;
using store::split_codes;


std::string str_of(const bj::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}
std::int64_t int_of(const bj::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_int64() ? it->value().get_int64() : 0;
}
I18n i18n_of(const bj::value& v) {
  I18n t;
  if (!v.is_object()) return t;
  const auto& o = v.get_object();
  t.ro = str_of(o, "ro");
  t.ru = str_of(o, "ru");
  t.en = str_of(o, "en");
  return t;
}
I18n parse_i18n(std::string_view s) { return i18n_of(bj::parse(s)); }

bj::array parse_array(std::string_view s) {
  auto v = bj::parse(s);
  return v.is_array() ? v.get_array() : bj::array{};
}

std::string dump(const bj::value& v) { return bj::serialize(v); }

constexpr const char* kCallCols =
    "id, code, title, description, kind, currency, envelope_minor, min_grant_minor, max_grant_minor, "
    "min_applicant_share_bp, min_authority_share_bp, eligible_legal_forms, eligible_districts, eligible_target_groups, "
    "requires_authority_partner, opens_at, closes_at, max_duration_months, period_months, blind, score_gap, "
    "reallocation_free_bp, required_documents, lots, criteria, status, published_at, decided_at, version, created_at, "
    "updated_at";

Call read_call_row(const store::Cursor& c) {
  Call x;
  x.id = c.i64(0);
  x.code = c.str(1);
  x.title = parse_i18n(c.text(2));
  x.description = parse_i18n(c.text(3));
  x.kind = c.str(4);
  x.currency = c.str(5);
  x.envelope_minor = c.i64(6);
  x.min_grant_minor = c.i64(7);
  x.max_grant_minor = c.i64(8);
  x.min_applicant_share_bp = static_cast<int>(c.i64(9));
  x.min_authority_share_bp = static_cast<int>(c.i64(10));
  x.eligible_legal_forms = split_codes(c.text(11));
  x.eligible_districts = split_codes(c.text(12));
  x.eligible_target_groups = split_codes(c.text(13));
  x.requires_authority_partner = c.i64(14) != 0;
  x.opens_at = c.str(15);
  x.closes_at = c.str(16);
  x.max_duration_months = static_cast<int>(c.i64(17));
  x.period_months = static_cast<int>(c.i64(18));
  x.blind = c.i64(19) != 0;
  x.score_gap = static_cast<int>(c.i64(20));
  x.reallocation_free_bp = static_cast<int>(c.i64(21));
  for (const auto& d : parse_array(c.text(22))) {
    const auto& o = d.as_object();
    x.required_documents.push_back({str_of(o, "code"), i18n_of(o.at("name"))});
  }
  for (const auto& d : parse_array(c.text(23))) {
    const auto& o = d.as_object();
    Lot l{str_of(o, "code"), i18n_of(o.at("name")), std::nullopt};
    if (o.contains("envelope_minor") && o.at("envelope_minor").is_int64()) l.envelope_minor = o.at("envelope_minor").as_int64();
    x.lots.push_back(std::move(l));
  }
  for (const auto& d : parse_array(c.text(24))) {
    const auto& o = d.as_object();
    Criterion k{str_of(o, "code"), i18n_of(o.at("name")), str_of(o, "description"), static_cast<int>(int_of(o, "max_score")), std::nullopt};
    if (o.contains("threshold") && o.at("threshold").is_int64()) k.threshold = static_cast<int>(o.at("threshold").as_int64());
    x.criteria.push_back(std::move(k));
  }
  x.status = c.str(25);
  x.published_at = c.opt_str(26);
  x.decided_at = c.opt_str(27);
  x.version = c.i64(28);
  x.created_at = c.str(29);
  x.updated_at = c.str(30);
  return x;
}

// The call's sub-documents as stored: the same shapes as the API.
Params call_params(const Call& c) {
  auto full = to_json(c, "");
  return {c.code,
          dump(to_json(c.title)),
          fold_for_search(c.title.ro + " " + c.title.ru + " " + c.title.en + " " + c.code),
          dump(to_json(c.description)),
          c.kind,
          c.currency,
          c.envelope_minor,
          c.min_grant_minor,
          c.max_grant_minor,
          static_cast<std::int64_t>(c.min_applicant_share_bp),
          static_cast<std::int64_t>(c.min_authority_share_bp),
          join_codes(c.eligible_legal_forms),
          join_codes(c.eligible_districts),
          join_codes(c.eligible_target_groups),
          static_cast<std::int64_t>(c.requires_authority_partner),
          c.opens_at,
          c.closes_at,
          static_cast<std::int64_t>(c.max_duration_months),
          static_cast<std::int64_t>(c.period_months),
          static_cast<std::int64_t>(c.blind),
          static_cast<std::int64_t>(c.score_gap),
          static_cast<std::int64_t>(c.reallocation_free_bp),
          dump(full.at("required_documents")),
          dump(full.at("lots")),
          dump(full.at("criteria")),
          c.status,
          store::opt(c.published_at),
          store::opt(c.decided_at)};
}

constexpr const char* kAppCols =
    "id, call_id, lot, organisation_id, number, title, summary, district, locality, starts_on, duration_months, "
    "partner_authority_id, target_groups, workplan, budget, confirmed_authority_minor, confirmed_at, status, "
    "submitted_at, snapshots, consensus_score, consensus_reason, decision, decision_reason, awarded_minor, version, "
    "created_at, updated_at";

Application read_app_row(const store::Cursor& c) {
  Application a;
  a.id = c.i64(0);
  a.call_id = c.i64(1);
  a.lot = c.opt_str(2);
  a.organisation_id = c.i64(3);
  a.number = c.opt_str(4);
  a.title = c.str(5);
  a.summary = c.opt_str(6);
  a.district = c.opt_str(7);
  a.locality = c.opt_str(8);
  a.starts_on = c.opt_str(9);
  if (!c.is_null(10)) a.duration_months = static_cast<int>(c.i64(10));
  a.partner_authority_id = c.opt_i64(11);
  for (const auto& v : parse_array(c.text(12))) {
    const auto& o = v.as_object();
    a.target_groups.push_back({str_of(o, "group"), static_cast<int>(int_of(o, "people"))});
  }
  for (const auto& v : parse_array(c.text(13))) {
    const auto& o = v.as_object();
    a.workplan.push_back({static_cast<int>(int_of(o, "period")), str_of(o, "activity"), str_of(o, "description")});
  }
  for (const auto& v : parse_array(c.text(14))) {
    const auto& o = v.as_object();
    a.budget.push_back({str_of(o, "category"), str_of(o, "description"), static_cast<int>(int_of(o, "period")),
                        int_of(o, "total_minor"), int_of(o, "grant_minor"), int_of(o, "applicant_minor"),
                        int_of(o, "authority_minor")});
  }
  recompute_totals(a);
  a.confirmed_authority_minor = c.opt_i64(15);
  a.confirmed_at = c.opt_str(16);
  a.status = c.str(17);
  a.submitted_at = c.opt_str(18);
  a.snapshots = static_cast<int>(c.i64(19));
  if (!c.is_null(20)) a.consensus_score = static_cast<int>(c.i64(20));
  a.consensus_reason = c.opt_str(21);
  a.decision = c.opt_str(22);
  a.decision_reason = c.opt_str(23);
  a.awarded_minor = c.opt_i64(24);
  a.version = c.i64(25);
  a.created_at = c.str(26);
  a.updated_at = c.str(27);
  return a;
}

Params app_params(const Application& a) {
  auto j = to_json(a);
  auto opt_int = [](const std::optional<int>& v) { return v ? Param{static_cast<std::int64_t>(*v)} : Param{}; };
  return {store::opt(a.lot),
          a.title,
          fold_for_search(a.title),
          store::opt(a.summary),
          store::opt(a.district),
          store::opt(a.locality),
          store::opt(a.starts_on),
          opt_int(a.duration_months),
          store::opt(a.partner_authority_id),
          dump(j.at("target_groups")),
          dump(j.at("workplan")),
          dump(j.at("budget")),
          a.grant_minor,
          a.applicant_minor,
          a.authority_minor,
          a.total_minor,
          store::opt(a.confirmed_authority_minor),
          store::opt(a.confirmed_at),
          a.status,
          store::opt(a.submitted_at),
          static_cast<std::int64_t>(a.snapshots),
          opt_int(a.consensus_score),
          store::opt(a.consensus_reason),
          store::opt(a.decision),
          store::opt(a.decision_reason),
          store::opt(a.awarded_minor)};
}

Evaluation read_eval_row(const store::Cursor& c) {
  Evaluation e;
  e.id = c.i64(0);
  e.application_id = c.i64(1);
  e.evaluator_id = c.i64(2);
  e.status = c.str(3);
  for (const auto& v : parse_array(c.text(4))) {
    const auto& o = v.as_object();
    e.scores.push_back({str_of(o, "criterion"), static_cast<int>(int_of(o, "score")), str_of(o, "justification")});
  }
  if (!c.is_null(5)) e.total = static_cast<int>(c.i64(5));
  e.submitted_at = c.opt_str(6);
  e.coi_declared_at = c.opt_str(7);
  e.coi_note = c.opt_str(8);
  e.assigned_at = c.str(9);
  e.version = c.i64(10);
  return e;
}
constexpr const char* kEvalCols =
    "id, application_id, evaluator_id, status, scores, total, submitted_at, coi_declared_at, coi_note, assigned_at, version";
}  // namespace

// ---------------------------------------------------------------- calls

bool touch_agreement(store::Tx& tx, std::int64_t agreement_id, std::optional<std::int64_t> version) {
  return store::bump_version(tx, "grant_agreements", agreement_id, version);
}

void lock_call(store::Tx& tx, std::int64_t call_id) { store::lock_row(tx, "grant_calls", call_id); }

std::optional<Call> find_call(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kCallCols + " FROM grant_calls WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_call_row(*c);
}

std::vector<Call> list_calls(store::Tx& tx, bool include_drafts) {
  std::vector<Call> out;
  auto c = tx.query(std::string("SELECT ") + kCallCols + " FROM grant_calls" +
                    (include_drafts ? "" : " WHERE status <> 'draft'") + " ORDER BY opens_at DESC, id DESC");
  while (c->next()) out.push_back(read_call_row(*c));
  return out;
}

std::int64_t insert_call(store::Tx& tx, const Call& c) {
  auto p = call_params(c);
  auto now = now_iso();
  p.push_back(now);
  p.push_back(now);
  return *tx.scalar(
      "INSERT INTO grant_calls (code, title, title_search, description, kind, currency, envelope_minor, min_grant_minor, "
      "max_grant_minor, min_applicant_share_bp, min_authority_share_bp, eligible_legal_forms, eligible_districts, "
      "eligible_target_groups, requires_authority_partner, opens_at, closes_at, max_duration_months, period_months, "
      "blind, score_gap, reallocation_free_bp, required_documents, lots, criteria, status, published_at, decided_at, "
      "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,"
      "$23,$24,$25,$26,$27,$28,$29,$30) RETURNING id",
      p);
}

bool update_call(store::Tx& tx, const Call& c, std::int64_t expected_version) {
  auto p = call_params(c);
  p.push_back(now_iso());
  p.push_back(c.id);
  p.push_back(expected_version);
  return tx.exec("UPDATE grant_calls SET code=$1, title=$2, title_search=$3, description=$4, kind=$5, currency=$6, "
                 "envelope_minor=$7, min_grant_minor=$8, max_grant_minor=$9, min_applicant_share_bp=$10, "
                 "min_authority_share_bp=$11, eligible_legal_forms=$12, eligible_districts=$13, eligible_target_groups=$14, "
                 "requires_authority_partner=$15, opens_at=$16, closes_at=$17, max_duration_months=$18, period_months=$19, "
                 "blind=$20, score_gap=$21, reallocation_free_bp=$22, required_documents=$23, lots=$24, criteria=$25, "
                 "status=$26, published_at=$27, decided_at=$28, updated_at=$29, version = version + 1 "
                 "WHERE id = $30 AND version = $31",
                 p) == 1;
}

bool call_code_taken(store::Tx& tx, const std::string& code, std::int64_t except_id) {
  return tx.scalar("SELECT COUNT(*) FROM grant_calls WHERE code = $1 AND id <> $2", {code, except_id}).value_or(0) > 0;
}

int insert_amendment(store::Tx& tx, std::int64_t call_id, const std::string& reason, const std::string& changes_json,
                     std::int64_t user_id) {
  auto n = static_cast<int>(tx.scalar("SELECT COALESCE(MAX(number), 0) + 1 FROM call_amendments WHERE call_id = $1", {call_id}).value_or(1));
  tx.exec("INSERT INTO call_amendments (call_id, number, reason, changes, made_by, made_at) VALUES ($1,$2,$3,$4,$5,$6)",
          {call_id, static_cast<std::int64_t>(n), reason, changes_json, user_id, now_iso()});
  return n;
}

bj::array list_amendments(store::Tx& tx, std::int64_t call_id) {
  bj::array out;
  auto c = tx.query("SELECT a.number, a.reason, a.changes, a.made_at, COALESCE(u.name, '') FROM call_amendments a "
                    "LEFT JOIN users u ON u.id = a.made_by WHERE a.call_id = $1 ORDER BY a.number",
                    {call_id});
  while (c->next())
    out.push_back({{"number", c->i64(0)}, {"reason", c->str(1)}, {"changes", bj::parse(c->text(2))},
                   {"made_at", c->str(3)}, {"made_by", c->str(4)}});
  return out;
}

// ---------------------------------------------------------------- applications

std::optional<Application> find_application(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kAppCols + " FROM applications WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_app_row(*c);
}

std::vector<Application> list_applications(store::Tx& tx, const ApplicationFilter& f) {
  store::Where w;
  if (f.call_id) w.add("call_id = ?", {*f.call_id});
  if (f.organisation_id) w.add("organisation_id = ?", {*f.organisation_id});
  if (f.authority_id) w.add("partner_authority_id = ?", {*f.authority_id});
  if (!f.status.empty()) w.add("status = ?", {f.status});
  if (f.submitted_only) w.add("status = 'submitted'", {});
  std::vector<Application> out;
  auto c = tx.query(std::string("SELECT ") + kAppCols + " FROM applications" + w.sql() +
                        " ORDER BY call_id DESC, COALESCE(number, ''), id",
                    w.params());
  while (c->next()) out.push_back(read_app_row(*c));
  return out;
}

std::int64_t insert_application(store::Tx& tx, const Application& a, std::int64_t user_id) {
  auto p = app_params(a);
  auto now = now_iso();
  p.insert(p.begin(), Param{a.organisation_id});
  p.insert(p.begin(), Param{a.call_id});
  p.push_back(user_id);
  p.push_back(now);
  p.push_back(now);
  return *tx.scalar(
      "INSERT INTO applications (call_id, organisation_id, lot, title, title_search, summary, district, locality, "
      "starts_on, duration_months, partner_authority_id, target_groups, workplan, budget, grant_minor, applicant_minor, "
      "authority_minor, total_minor, confirmed_authority_minor, confirmed_at, status, submitted_at, snapshots, "
      "consensus_score, consensus_reason, decision, decision_reason, awarded_minor, created_by, created_at, updated_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,"
      "$29,$30,$31) RETURNING id",
      p);
}

bool update_application(store::Tx& tx, const Application& a, std::int64_t expected_version) {
  auto p = app_params(a);
  p.push_back(store::opt(a.number));
  p.push_back(now_iso());
  p.push_back(a.id);
  p.push_back(expected_version);
  return tx.exec("UPDATE applications SET lot=$1, title=$2, title_search=$3, summary=$4, district=$5, locality=$6, "
                 "starts_on=$7, duration_months=$8, partner_authority_id=$9, target_groups=$10, workplan=$11, budget=$12, "
                 "grant_minor=$13, applicant_minor=$14, authority_minor=$15, total_minor=$16, "
                 "confirmed_authority_minor=$17, confirmed_at=$18, status=$19, submitted_at=$20, snapshots=$21, "
                 "consensus_score=$22, consensus_reason=$23, decision=$24, decision_reason=$25, awarded_minor=$26, "
                 "number=$27, updated_at=$28, version = version + 1 WHERE id = $29 AND version = $30",
                 p) == 1;
}

std::string next_application_number(store::Tx& tx, const Call& c) {
  auto n = tx.scalar("SELECT COUNT(*) FROM applications WHERE call_id = $1 AND number IS NOT NULL", {c.id}).value_or(0) + 1;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(n));
  return c.code + "-" + buf;
}

void insert_snapshot(store::Tx& tx, std::int64_t application_id, int number, const std::string& body, std::int64_t user_id) {
  tx.exec("INSERT INTO application_snapshots (application_id, number, body, submitted_by, submitted_at) VALUES ($1,$2,$3,$4,$5)",
          {application_id, static_cast<std::int64_t>(number), body, user_id, now_iso()});
}

// ---------------------------------------------------------------- evaluations

std::vector<Evaluation> evaluations_of(store::Tx& tx, std::int64_t application_id) {
  std::vector<Evaluation> out;
  auto c = tx.query(std::string("SELECT ") + kEvalCols + " FROM evaluations WHERE application_id = $1 ORDER BY id", {application_id});
  while (c->next()) out.push_back(read_eval_row(*c));
  return out;
}

std::optional<Evaluation> find_evaluation(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kEvalCols + " FROM evaluations WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_eval_row(*c);
}

std::int64_t insert_evaluation(store::Tx& tx, std::int64_t application_id, std::int64_t evaluator_id, std::int64_t by) {
  return *tx.scalar("INSERT INTO evaluations (application_id, evaluator_id, assigned_by, assigned_at) VALUES ($1,$2,$3,$4) RETURNING id",
                    {application_id, evaluator_id, by, now_iso()});
}

// ---------------------------------------------------------------- names, users, notifications

std::string organisation_name(store::Tx& tx, std::int64_t id) {
  return tx.scalar_text("SELECT name FROM organisations WHERE id = $1", {id}).value_or("");
}
std::string authority_name(store::Tx& tx, std::int64_t id) {
  return tx.scalar_text("SELECT name FROM authorities WHERE id = $1", {id}).value_or("");
}

std::map<std::int64_t, std::string> organisation_names_in_call(store::Tx& tx, std::int64_t call_id) {
  std::map<std::int64_t, std::string> out;
  auto c = tx.query("SELECT a.id, o.name FROM applications a JOIN organisations o ON o.id = a.organisation_id WHERE a.call_id = $1",
                    {call_id});
  while (c->next()) out[c->i64(0)] = c->str(1);
  return out;
}

std::int64_t submitted_in_call(store::Tx& tx, std::int64_t call_id) {
  return tx.scalar("SELECT COUNT(*) FROM applications WHERE call_id = $1 AND status = 'submitted'", {call_id}).value_or(0);
}

std::int64_t undecided_in_call(store::Tx& tx, std::int64_t call_id) {
  return tx.scalar("SELECT COUNT(*) FROM applications WHERE call_id = $1 AND status = 'submitted' AND decision IS NULL", {call_id}).value_or(0);
}

std::vector<std::int64_t> applicants_of(store::Tx& tx, std::int64_t call_id) {
  std::vector<std::int64_t> users;
  auto c = tx.query("SELECT DISTINCT u.id FROM users u JOIN applications a ON a.organisation_id = u.organisation_id "
                    "WHERE a.call_id = $1 AND u.status = 'active' AND a.status <> 'withdrawn' ORDER BY u.id",
                    {call_id});
  while (c->next()) users.push_back(c->i64(0));
  return users;
}

void set_confirmed_by(store::Tx& tx, std::int64_t application_id, std::int64_t user_id) {
  tx.exec("UPDATE applications SET confirmed_by = $1 WHERE id = $2", {user_id, application_id});
}

void set_decided_by(store::Tx& tx, std::int64_t application_id, std::int64_t user_id, const std::string& at) {
  tx.exec("UPDATE applications SET decided_by = $1, decided_at = $2 WHERE id = $3", {user_id, at, application_id});
}

std::map<std::int64_t, int> evaluator_loads(store::Tx& tx) {
  std::map<std::int64_t, int> load;
  auto cur = tx.query("SELECT evaluator_id, COUNT(*) FROM evaluations WHERE status <> 'conflict' GROUP BY evaluator_id");
  while (cur->next()) load[cur->i64(0)] = static_cast<int>(cur->i64(1));
  return load;
}

std::set<std::pair<std::int64_t, std::int64_t>> evaluators_taken_in_call(store::Tx& tx, std::int64_t call_id) {
  std::set<std::pair<std::int64_t, std::int64_t>> taken;
  auto cur = tx.query("SELECT e.application_id, e.evaluator_id, e.status FROM evaluations e JOIN applications a ON "
                      "a.id = e.application_id WHERE a.call_id = $1",
                      {call_id});
  while (cur->next()) taken.insert({cur->i64(0), cur->str(2) == "conflict" ? -cur->i64(1) : cur->i64(1)});
  return taken;
}

std::int64_t active_evaluations_of(store::Tx& tx, std::int64_t application_id) {
  return tx.scalar("SELECT COUNT(*) FROM evaluations WHERE application_id = $1 AND status <> 'conflict'", {application_id}).value_or(0);
}

std::vector<std::int64_t> evaluation_ids(store::Tx& tx, std::int64_t evaluator_id, std::int64_t call_id) {
  std::vector<std::int64_t> ids;
  auto cur = tx.query("SELECT e.id FROM evaluations e JOIN applications a ON a.id = e.application_id "
                      "WHERE (CAST($1 AS BIGINT) = 0 OR e.evaluator_id = CAST($1 AS BIGINT)) AND (CAST($2 AS BIGINT) = 0 OR a.call_id = CAST($2 AS BIGINT)) "
                      "ORDER BY e.id",
                      {evaluator_id, call_id});
  while (cur->next()) ids.push_back(cur->i64(0));
  return ids;
}

bool declare_evaluation(store::Tx& tx, std::int64_t id, std::int64_t version, bool conflict, const std::optional<std::string>& note) {
  return tx.exec("UPDATE evaluations SET status = $1, coi_declared_at = $2, coi_note = $3, version = version + 1 WHERE id = $4 AND version = $5",
                 {std::string(conflict ? "conflict" : "declared"), now_iso(), store::opt(note), id, version}) == 1;
}

bool save_scores(store::Tx& tx, std::int64_t id, std::int64_t version, const std::string& scores_json, std::optional<std::int64_t> total,
                 bool submit) {
  return tx.exec("UPDATE evaluations SET scores = $1, total = $2, status = $3, submitted_at = $4, version = version + 1 "
                 "WHERE id = $5 AND version = $6",
                 {scores_json, store::opt(total), std::string(submit ? "submitted" : "declared"), submit ? store::Param{now_iso()} : store::Param{},
                  id, version}) == 1;
}
}  // namespace sp::grants
