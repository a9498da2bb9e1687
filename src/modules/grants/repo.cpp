#include "modules/grants/repo.hpp"

#include <boost/json.hpp>

#include <cstdio>

#include "common/text.hpp"
#include "common/time.hpp"
#include "modules/grants/rules.hpp"
#include "store/data_version.hpp"
#include "store/entity.hpp"
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

// A call's table, each column named once (store/entity.hpp): texts in three languages and the
// sub-documents (required documents, lots, criteria) kept as JSON in the same shapes as the API.
const store::Entity<Call>& calls() {
  using C = Call;
  using store::col;
  auto i18n = [](std::string name, I18n C::*m) {
    return store::custom<C>(std::move(name), [m](C& x, const store::Cursor& c, int i) { x.*m = parse_i18n(c.text(i)); },
                            [m](const C& x) -> Param { return dump(to_json(x.*m)); });
  };
  // A list kept as the API shows it: written from the call's JSON, read with `each` per element.
  auto list = [](std::string name, std::function<void(C&, const bj::object&)> each) {
    return store::custom<C>(
        name,
        [each](C& x, const store::Cursor& c, int i) {
          for (const auto& d : parse_array(c.text(i))) each(x, d.as_object());
        },
        [name](const C& x) -> Param { return dump(to_json(x, "").at(name)); });
  };
  static const store::Entity<C> e{
      "grant_calls",
      {{store::key(&C::id), col("code", &C::code), i18n("title", &C::title),
        store::derived<C>("title_search", [](const C& c) -> Param { return fold_for_search(c.title.ro + " " + c.title.ru + " " + c.title.en + " " + c.code); }),
        i18n("description", &C::description), col("kind", &C::kind), col("currency", &C::currency), col("envelope_minor", &C::envelope_minor),
        col("min_grant_minor", &C::min_grant_minor), col("max_grant_minor", &C::max_grant_minor),
        col("min_applicant_share_bp", &C::min_applicant_share_bp), col("min_authority_share_bp", &C::min_authority_share_bp),
        store::codes("eligible_legal_forms", &C::eligible_legal_forms), store::codes("eligible_districts", &C::eligible_districts),
        store::codes("eligible_target_groups", &C::eligible_target_groups), col("requires_authority_partner", &C::requires_authority_partner),
        col("opens_at", &C::opens_at), col("closes_at", &C::closes_at), col("max_duration_months", &C::max_duration_months),
        col("period_months", &C::period_months), col("blind", &C::blind), col("score_gap", &C::score_gap),
        col("reallocation_free_bp", &C::reallocation_free_bp),
        list("required_documents", [](C& x, const bj::object& o) { x.required_documents.push_back({str_of(o, "code"), i18n_of(o.at("name"))}); }),
        list("lots",
             [](C& x, const bj::object& o) {
               Lot l{str_of(o, "code"), i18n_of(o.at("name")), std::nullopt};
               if (o.contains("envelope_minor") && o.at("envelope_minor").is_int64()) l.envelope_minor = o.at("envelope_minor").as_int64();
               x.lots.push_back(std::move(l));
             }),
        list("criteria",
             [](C& x, const bj::object& o) {
               Criterion k{str_of(o, "code"), i18n_of(o.at("name")), str_of(o, "description"), static_cast<int>(int_of(o, "max_score")), std::nullopt};
               if (o.contains("threshold") && o.at("threshold").is_int64()) k.threshold = static_cast<int>(o.at("threshold").as_int64());
               x.criteria.push_back(std::move(k));
             }),
        col("status", &C::status), col("published_at", &C::published_at), col("decided_at", &C::decided_at)},
       store::stamps(&C::version, &C::created_at, &C::updated_at)}};
  return e;
}

// An application's table: the target groups, work plan and budget kept as JSON in the shapes of the
// API, the budget's totals written from the lines (and recomputed from them when read).
const store::Entity<Application>& applications() {
  using A = Application;
  using store::col;
  auto json_list = [](std::string name, std::function<void(A&, const bj::object&)> each, bool totals = false) {
    return store::custom<A>(
        name,
        [each, totals](A& x, const store::Cursor& c, int i) {
          for (const auto& d : parse_array(c.text(i))) each(x, d.as_object());
          if (totals) recompute_totals(x);
        },
        [name](const A& x) -> Param { return dump(to_json(x).at(name)); });
  };
  auto total = [](std::string name, std::int64_t A::*m) { return store::derived<A>(std::move(name), [m](const A& x) -> Param { return x.*m; }); };
  static const store::Entity<A> e{
      "applications",
      {{store::key(&A::id), col("call_id", &A::call_id), col("lot", &A::lot), col("organisation_id", &A::organisation_id),
        col("number", &A::number), col("title", &A::title),
        store::derived<A>("title_search", [](const A& x) -> Param { return fold_for_search(x.title); }), col("summary", &A::summary),
        col("district", &A::district), col("locality", &A::locality), col("starts_on", &A::starts_on),
        col("duration_months", &A::duration_months), col("partner_authority_id", &A::partner_authority_id),
        json_list("target_groups",
                  [](A& x, const bj::object& o) { x.target_groups.push_back({str_of(o, "group"), static_cast<int>(int_of(o, "people"))}); }),
        json_list("workplan",
                  [](A& x, const bj::object& o) {
                    x.workplan.push_back({static_cast<int>(int_of(o, "period")), str_of(o, "activity"), str_of(o, "description")});
                  }),
        json_list(
            "budget",
            [](A& x, const bj::object& o) {
              x.budget.push_back({str_of(o, "category"), str_of(o, "description"), static_cast<int>(int_of(o, "period")), int_of(o, "total_minor"),
                                  int_of(o, "grant_minor"), int_of(o, "applicant_minor"), int_of(o, "authority_minor")});
            },
            true),
        total("grant_minor", &A::grant_minor), total("applicant_minor", &A::applicant_minor), total("authority_minor", &A::authority_minor),
        total("total_minor", &A::total_minor), col("confirmed_authority_minor", &A::confirmed_authority_minor),
        col("confirmed_at", &A::confirmed_at), col("confirmation_note", &A::confirmation_note), col("declined_at", &A::declined_at),
        col("status", &A::status), col("submitted_at", &A::submitted_at),
        col("snapshots", &A::snapshots), col("consensus_score", &A::consensus_score), col("consensus_reason", &A::consensus_reason),
        col("decision", &A::decision), col("decision_reason", &A::decision_reason), col("awarded_minor", &A::awarded_minor),
        col("created_by", &A::created_by)},
       store::stamps(&A::version, &A::created_at, &A::updated_at)}};
  return e;
}

}  // namespace

// ---------------------------------------------------------------- calls

bool touch_agreement(store::Tx& tx, std::int64_t agreement_id, std::optional<std::int64_t> version) {
  return store::bump_version(tx, "grant_agreements", agreement_id, version);
}

void lock_call(store::Tx& tx, std::int64_t call_id) { store::lock_row(tx, "grant_calls", call_id); }

std::optional<Call> find_call(store::Tx& tx, std::int64_t id) { return calls().find(tx, id); }

std::vector<Call> list_calls(store::Tx& tx, bool include_drafts) {
  std::vector<Call> out;
  auto c = tx.query("SELECT " + calls().columns() + " FROM grant_calls" + (include_drafts ? "" : " WHERE status <> 'draft'") +
                    " ORDER BY opens_at DESC, id DESC");
  while (c->next()) out.push_back(calls().read(*c));
  return out;
}

std::int64_t insert_call(store::Tx& tx, const Call& c) { return calls().insert(tx, c); }

bool update_call(store::Tx& tx, const Call& c, std::int64_t expected_version) { return calls().update(tx, c.id, c, expected_version); }

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

std::optional<Application> find_application(store::Tx& tx, std::int64_t id) { return applications().find(tx, id); }

std::vector<Application> list_applications(store::Tx& tx, const ApplicationFilter& f) {
  store::Where w;
  if (f.call_id) w.add("call_id = ?", {*f.call_id});
  if (f.organisation_id) w.add("organisation_id = ?", {*f.organisation_id});
  if (f.authority_id) w.add("partner_authority_id = ?", {*f.authority_id});
  if (!f.status.empty()) w.add("status = ?", {f.status});
  if (f.submitted_only) w.add("status = 'submitted'", {});
  std::vector<Application> out;
  auto c = tx.query("SELECT " + applications().columns() + " FROM applications" + w.sql() +
                        " ORDER BY call_id DESC, COALESCE(number, ''), id",
                    w.params());
  while (c->next()) out.push_back(applications().read(*c));
  return out;
}

std::int64_t insert_application(store::Tx& tx, const Application& a, std::int64_t user_id) {
  auto x = a;
  x.created_by = user_id;
  return applications().insert(tx, x);
}

bool update_application(store::Tx& tx, const Application& a, std::int64_t expected_version) {
  return applications().update(tx, a.id, a, expected_version);
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

std::vector<std::int64_t> evaluation_ids(store::Tx& tx, std::int64_t evaluator_id, std::int64_t call_id) {
  std::vector<std::int64_t> ids;
  auto cur = tx.query("SELECT e.id FROM evaluations e JOIN applications a ON e.subject = 'application' AND a.id = e.subject_id "
                      "WHERE (CAST($1 AS BIGINT) = 0 OR e.evaluator_id = CAST($1 AS BIGINT)) AND (CAST($2 AS BIGINT) = 0 OR a.call_id = CAST($2 AS BIGINT)) "
                      "ORDER BY e.id",
                      {evaluator_id, call_id});
  while (cur->next()) ids.push_back(cur->i64(0));
  return ids;
}

std::int64_t outstanding_evaluations(store::Tx& tx, std::int64_t call_id) {
  return tx.scalar("SELECT COUNT(*) FROM evaluations e JOIN applications a ON e.subject = 'application' AND a.id = e.subject_id WHERE a.call_id = $1 AND "
                   "e.status IN ('assigned', 'declared')",
                   {call_id})
      .value_or(0);
}
}  // namespace sp::grants
