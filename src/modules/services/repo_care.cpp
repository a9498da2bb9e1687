// SQL of the month grid, deinstitutionalisation pathways, assessments and plans.
#include <algorithm>
#include <map>

#include "common/time.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/tallies.hpp"
#include "store/data_version.hpp"
#include "store/entity.hpp"
#include "store/query.hpp"

namespace sp::services {

bool person_code_taken(store::Tx& tx, const std::string& code) {
  return tx.scalar("SELECT COUNT(*) FROM people WHERE code = $1", {code}).value_or(0) > 0;
}

// ------------------------------------------------------------------ the month grid

std::vector<GridRow> grid_rows(store::Tx& tx, std::int64_t service_id, const std::string& first, const std::string& last) {
  std::vector<GridRow> out;
  auto c = tx.query(
      "SELECT p.id, p.code, e.started_on, e.ended_on FROM enrolments e JOIN people p ON p.id = e.person_id "
      "WHERE e.service_id = $1 AND e.status <> 'waiting' AND e.started_on <= $2 AND (e.ended_on IS NULL OR e.ended_on >= $3) "
      "ORDER BY p.code",
      {service_id, last, first});
  while (c->next()) {
    auto from = std::max(c->str(2), first);
    auto to = c->is_null(3) ? last : std::min(c->str(3), last);
    out.push_back({c->i64(0), c->str(1), from, to});
  }
  return out;
}

std::vector<Delivery> deliveries_in(store::Tx& tx, std::int64_t service_id, const std::string& first, const std::string& last) {
  std::vector<Delivery> out;
  auto c = tx.query("SELECT person_id, on_date, units, mode, activity, staff_id FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3 "
                    "ORDER BY person_id, on_date",
                    {service_id, first, last});
  while (c->next()) out.push_back({c->i64(0), c->str(1), c->i64(2), c->str(3), c->opt_str(4), c->opt_i64(5)});
  return out;
}

std::int64_t month_version(store::Tx& tx, std::int64_t service_id, const std::string& month) {
  return tx.scalar("SELECT version FROM delivery_months WHERE service_id = $1 AND month = $2", {service_id, month}).value_or(1);
}

MonthTotals month_totals(store::Tx& tx, std::int64_t service_id, const std::string& month) {
  auto c = tx.query("SELECT records, units, people FROM delivery_months WHERE service_id = $1 AND month = $2", {service_id, month});
  if (!c->next()) return {};
  return {c->i64(0), c->i64(1), c->i64(2)};
}

std::optional<std::int64_t> replace_month(store::Tx& tx, std::int64_t service_id, const std::string& month, const std::string& first,
                                          const std::string& last, std::int64_t version, const std::vector<Delivery>& cells,
                                          std::int64_t recorded_by) {
  std::int64_t total = 0;
  std::vector<std::int64_t> people;
  for (const auto& c : cells) {
    total += c.units;
    people.push_back(c.person_id);
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  // The month's row carries its version: updated against the version read, or inserted at the first
  // save (version 1); a concurrent first save makes the insert fail on its key, not overwrite.
  store::Params totals{static_cast<std::int64_t>(cells.size()), total, static_cast<std::int64_t>(people.size()), service_id, month, version};
  if (tx.exec("UPDATE delivery_months SET records = $1, units = $2, people = $3, version = version + 1 "
              "WHERE service_id = $4 AND month = $5 AND version = $6",
              totals) != 1) {
    if (version != 1 || tx.scalar("SELECT COUNT(*) FROM delivery_months WHERE service_id = $1 AND month = $2", {service_id, month}).value_or(0))
      return std::nullopt;
    tx.exec("INSERT INTO delivery_months (service_id, month, records, units, people, version) VALUES ($4,$5,$1,$2,$3,$6 + 1)", totals);
  }
  // What the month held, person by person, for the tallies kept beside the records (tallies.hpp).
  std::map<std::int64_t, PersonRecords> before, after;
  {
    auto c = tx.query("SELECT person_id, COUNT(*), SUM(units), SUM(CASE WHEN mode = 'remote' THEN 1 ELSE 0 END) FROM deliveries "
                      "WHERE service_id = $1 AND on_date BETWEEN $2 AND $3 GROUP BY person_id",
                      {service_id, first, last});
    while (c->next()) before[c->i64(0)] = {c->i64(1), c->i64(2), c->i64(3)};
  }
  for (const auto& c : cells) {
    auto& r = after[c.person_id];
    ++r.records;
    r.units += c.units;
    if (c.mode == "remote") ++r.remote;
  }
  auto removed = tx.exec("DELETE FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3", {service_id, first, last});
  tally_month(tx, service_id, month, before, after);
  auto now = now_iso();
  store::BulkInsert ins(tx, "deliveries", {"service_id", "person_id", "on_date", "units", "mode", "activity", "staff_id", "recorded_by", "created_at"});
  for (const auto& c : cells)
    ins.add({service_id, c.person_id, c.on_date, c.units, c.mode, store::opt(c.activity), store::opt(c.staff_id), recorded_by, now});
  ins.flush();
  return removed;
}

// ------------------------------------------------------------------ pathways

json::value pathway_json(store::Tx& tx, std::int64_t person_id) {
  auto c = tx.query("SELECT id, institution, left_on, transition_plan, receiving_service_id, receiving_family, outcome, outcome_on, "
                    "version FROM pathways WHERE person_id = $1",
                    {person_id});
  if (!c->next()) return nullptr;
  json::object o{{"id", c->i64(0)},          {"institution", c->str(1)},        {"left_on", c->str(2)},
                 {"transition_plan", c->str(3)}, {"receiving_service_id", nullable(c->opt_i64(4))},
                 {"receiving_family", nullable(c->opt_str(5))}, {"outcome", nullable(c->opt_str(6))},
                 {"outcome_on", nullable(c->opt_str(7))}, {"version", c->i64(8)}};
  auto id = c->i64(0);
  c.reset();
  json::array f;
  auto today_ = today();
  auto d = tx.query("SELECT id, months, due_on, done_on, situation, notes, version FROM pathway_followups WHERE pathway_id = $1 ORDER BY months",
                    {id});
  while (d->next())
    f.push_back({{"id", d->i64(0)}, {"months", d->i64(1)}, {"due_on", d->str(2)}, {"done_on", nullable(d->opt_str(3))},
                 {"situation", nullable(d->opt_str(4))}, {"notes", nullable(d->opt_str(5))}, {"version", d->i64(6)},
                 {"overdue", d->is_null(3) && d->str(2) < today_}});
  o["followups"] = std::move(f);
  return o;
}

bool has_pathway(store::Tx& tx, std::int64_t person_id) {
  return tx.scalar("SELECT COUNT(*) FROM pathways WHERE person_id = $1", {person_id}).value_or(0) > 0;
}

void insert_pathway(store::Tx& tx, const Person& p, const NewPathway& pw, std::int64_t created_by) {
  auto now = now_iso();
  auto id = *tx.scalar(
      "INSERT INTO pathways (person_id, institution, left_on, transition_plan, receiving_service_id, receiving_family, created_by, "
      "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
      {p.id, pw.institution, pw.left_on, pw.transition_plan, store::opt(pw.receiving_service_id), store::opt(pw.receiving_family), created_by,
       now, now});
  for (int months : {3, 6, 12})
    tx.exec("INSERT INTO pathway_followups (pathway_id, months, due_on) VALUES ($1, $2, $3)",
            {id, static_cast<std::int64_t>(months), add_months(pw.left_on, months)});
  tally_pathway(tx, p.id, pw.left_on);
  if (std::find(p.target_groups.begin(), p.target_groups.end(), "deinstitutionalised") == p.target_groups.end()) {
    auto groups = p.target_groups;
    groups.push_back("deinstitutionalised");
    tx.exec("UPDATE people SET target_groups = $1, version = version + 1, updated_at = $2 WHERE id = $3", {store::join_codes(groups), now, p.id});
    restate_person(tx, p.id);
  }
}

std::optional<PartVersion> find_followup(store::Tx& tx, std::int64_t id) {
  auto c = tx.query("SELECT pw.person_id, f.version, f.months FROM pathway_followups f JOIN pathways pw ON pw.id = f.pathway_id WHERE f.id = $1",
                    {id});
  if (!c->next()) return std::nullopt;
  return PartVersion{c->i64(0), c->i64(1), c->i64(2)};
}

bool record_followup_done(store::Tx& tx, std::int64_t id, std::int64_t version, std::int64_t person_id, bool sets_outcome,
                          const std::string& done_on, const std::string& situation, const std::optional<std::string>& notes,
                          std::int64_t recorded_by) {
  FollowupSaid before;
  {
    auto c = tx.query("SELECT done_on, situation FROM pathway_followups WHERE id = $1", {id});
    if (c->next()) before = {c->opt_str(0), c->opt_str(1)};
  }
  if (tx.exec("UPDATE pathway_followups SET done_on = $1, situation = $2, notes = $3, recorded_by = $4, version = version + 1 "
              "WHERE id = $5 AND version = $6",
              {done_on, situation, store::opt(notes), recorded_by, id, version}) != 1)
    return false;
  if (sets_outcome) tally_followup(tx, person_id, before, {done_on, situation});
  if (sets_outcome)
    tx.exec("UPDATE pathways SET outcome = $1, outcome_on = $2, version = version + 1, updated_at = $3 WHERE person_id = $4",
            {situation, done_on, now_iso(), person_id});
  return true;
}

// ------------------------------------------------------------------ assessments and plans

json::array assessments_of(store::Tx& tx, std::int64_t person_id) {
  json::array out;
  auto c = tx.query("SELECT id, assessed_on, domains, summary, assessed_by FROM assessments WHERE person_id = $1 ORDER BY assessed_on, id",
                    {person_id});
  while (c->next())
    out.push_back({{"id", c->i64(0)}, {"assessed_on", c->str(1)}, {"domains", json::parse(c->text(2))}, {"summary", c->str(3)},
                   {"assessed_by", c->i64(4)}});
  return out;
}

std::int64_t insert_assessment(store::Tx& tx, std::int64_t person_id, const std::string& on, const json::array& domains,
                               const std::string& summary, std::int64_t by) {
  return *tx.scalar("INSERT INTO assessments (person_id, assessed_on, domains, summary, assessed_by, created_at) "
                    "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                    {person_id, on, json::serialize(domains), summary, by, now_iso()});
}

json::array plans_of(store::Tx& tx, std::int64_t person_id, std::optional<std::int64_t> plan_id) {
  json::array out;
  auto today_ = today();
  auto c = tx.query("SELECT id, starts_on, review_on, status, goals, version, updated_at FROM plans WHERE person_id = $1 "
                    "AND ($2 = 0 OR id = $2) ORDER BY id",
                    {person_id, plan_id.value_or(0)});
  while (c->next())
    out.push_back({{"id", c->i64(0)}, {"starts_on", c->str(1)}, {"review_on", c->str(2)}, {"status", c->str(3)},
                   {"goals", json::parse(c->text(4))}, {"version", c->i64(5)}, {"updated_at", c->str(6)},
                   {"review_due", c->str(3) == "active" && c->str(2) <= today_}});
  return out;
}

std::optional<PartVersion> find_plan_part(store::Tx& tx, std::int64_t id) {
  auto c = tx.query("SELECT person_id, version FROM plans WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return PartVersion{c->i64(0), c->i64(1), 0};
}

std::int64_t insert_plan(store::Tx& tx, std::int64_t person_id, const std::string& starts_on, const std::string& review_on,
                         const json::array& goals, std::int64_t by) {
  auto now = now_iso();
  return *tx.scalar("INSERT INTO plans (person_id, starts_on, review_on, goals, created_by, created_at, updated_at) "
                    "VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                    {person_id, starts_on, review_on, json::serialize(goals), by, now, now});
}

bool update_plan(store::Tx& tx, std::int64_t id, std::int64_t version, const std::optional<std::string>& review_on,
                 const std::optional<std::string>& status, const std::optional<json::array>& goals) {
  return tx.exec("UPDATE plans SET review_on = COALESCE($1, review_on), status = COALESCE($2, status), goals = COALESCE($3, goals), "
                 "version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6",
                 {store::opt(review_on), store::opt(status), goals ? store::Param{json::serialize(*goals)} : store::Param{}, now_iso(), id,
                  version}) == 1;
}
// ------------------------------------------------------------------ referrals and consents

namespace {
// A referral's table: created pending (insert_referral), then decided once (decide_referral).
const store::Entity<Referral>& referrals() {
  using R = Referral;
  using store::col;
  static const store::Entity<R> e{
      "referrals",
      {{store::key(&R::id), col("person_id", &R::person_id), col("from_user_id", &R::from_user_id), col("to_service_id", &R::to_service_id),
        col("from_organisation_id", &R::from_organisation_id), col("decided_by", &R::decided_by), col("enrolment_id", &R::enrolment_id),
        col("reason", &R::reason), col("shared", &R::shared), col("status", &R::status), col("decided_on", &R::decided_on),
        col("decline_reason", &R::decline_reason)},
       store::stamps(&R::version, &R::created_at, &R::updated_at)}};
  return e;
}
std::vector<Referral> read_referrals(store::Tx& tx, const std::string& sql, const store::Params& p) {
  std::vector<Referral> out;
  auto c = tx.query(sql, p);
  while (c->next()) out.push_back(referrals().read(*c));
  return out;
}
}  // namespace

std::optional<Referral> find_referral(store::Tx& tx, std::int64_t id) {
  auto found = read_referrals(tx, "SELECT " + referrals().columns("r") + " FROM referrals r WHERE r.id = $1", {id});
  if (found.empty()) return std::nullopt;
  return found[0];
}

std::vector<Referral> find_referrals(store::Tx& tx, store::Where w, int limit, std::int64_t before_id) {
  if (before_id > 0) w.add("r.id < ?", {before_id});
  return read_referrals(tx,
                        "SELECT " + referrals().columns("r") + " FROM referrals r JOIN service_units s ON s.id = r.to_service_id" + w.sql() +
                            " ORDER BY r.id DESC LIMIT " + std::to_string(limit),
                        w.params());
}

std::vector<Referral> referrals_of_person(store::Tx& tx, std::int64_t person_id) {
  return read_referrals(tx, "SELECT " + referrals().columns("r") + " FROM referrals r WHERE r.person_id = $1 ORDER BY r.id", {person_id});
}

bool referral_pending(store::Tx& tx, std::int64_t person_id, std::int64_t service_id) {
  return tx.scalar("SELECT COUNT(*) FROM referrals WHERE person_id = $1 AND to_service_id = $2 AND status = 'pending'", {person_id, service_id})
             .value_or(0) > 0;
}

std::int64_t insert_referral(store::Tx& tx, const Referral& x) {
  auto now = now_iso();
  return *tx.scalar(
      "INSERT INTO referrals (person_id, from_organisation_id, from_user_id, to_service_id, reason, shared, created_at, updated_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
      {x.person_id, store::opt(x.from_organisation_id), x.from_user_id, x.to_service_id, x.reason, x.shared, now, now});
}

bool decide_referral(store::Tx& tx, const Referral& x, bool accept, std::int64_t by, const std::optional<std::string>& reason,
                     std::optional<std::int64_t> enrolment) {
  return tx.exec("UPDATE referrals SET status = $1, decided_by = $2, decided_on = $3, decline_reason = $4, enrolment_id = $5, "
                 "shared = CASE WHEN $1 = 'declined' THEN '{}' ELSE shared END, version = version + 1, updated_at = $6 "
                 "WHERE id = $7 AND status = 'pending' AND version = $8",
                 {accept ? "accepted" : "declined", by, today(), accept ? store::Param{} : store::opt(reason), store::opt(enrolment), now_iso(),
                  x.id, x.version}) == 1;
}

std::int64_t cancel_referrals_elsewhere(store::Tx& tx, std::int64_t person_id) {
  return tx.exec("UPDATE referrals SET status = 'cancelled', shared = '{}', version = version + 1, updated_at = $1 "
                 "WHERE person_id = $2 AND status = 'pending' AND to_service_id IN "
                 "(SELECT id FROM service_units WHERE provider_organisation_id IS NULL OR provider_organisation_id <> "
                 "COALESCE(referrals.from_organisation_id, 0))",
                 {now_iso(), person_id});
}

std::string person_code_of(store::Tx& tx, std::int64_t person_id) {
  return tx.scalar_text("SELECT code FROM people WHERE id = $1", {person_id}).value_or("");
}

std::string organisation_name_of(store::Tx& tx, std::int64_t organisation_id) {
  return tx.scalar_text("SELECT name FROM organisations WHERE id = $1", {organisation_id}).value_or("");
}

bool withdraw_consent(store::Tx& tx, std::int64_t consent_id, const std::string& on) {
  return tx.exec("UPDATE consents SET withdrawn_on = $1 WHERE id = $2 AND withdrawn_on IS NULL", {on, consent_id}) == 1;
}

std::optional<std::int64_t> person_of_consent(store::Tx& tx, std::int64_t consent_id) {
  return tx.scalar("SELECT person_id FROM consents WHERE id = $1", {consent_id});
}

bool admit_enrolment(store::Tx& tx, std::int64_t id, std::int64_t version, const std::string& started_on) {
  return tx.exec("UPDATE enrolments SET status = 'active', started_on = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
                 {started_on, now_iso(), id, version}) == 1;
}

bool exit_enrolment(store::Tx& tx, std::int64_t id, std::int64_t version, const std::string& ended_on, const std::string& reason) {
  return tx.exec("UPDATE enrolments SET status = 'exited', ended_on = $1, exit_reason = $2, started_on = COALESCE(started_on, $1), "
                 "version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5",
                 {ended_on, reason, now_iso(), id, version}) == 1;
}

json::array deliveries_of_person(store::Tx& tx, std::int64_t person_id) {
  json::array out;
  auto c = tx.query("SELECT d.on_date, s.name, d.units, d.mode, d.activity FROM deliveries d JOIN service_units s ON s.id = d.service_id "
                    "WHERE d.person_id = $1 ORDER BY d.on_date, s.name",
                    {person_id});
  while (c->next())
    out.push_back({{"on_date", c->str(0)}, {"service", c->str(1)}, {"units", c->i64(2)}, {"mode", c->str(3)}, {"activity", nullable(c->opt_str(4))}});
  return out;
}

bool anonymise(store::Tx& tx, std::int64_t id, std::int64_t version, const std::string& sealed_empty) {
  if (tx.exec("UPDATE people SET identity = $1, idnp_hash = NULL, name_dob_hash = $2, locality = NULL, status = 'anonymised', "
              "version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5",
              {sealed_empty, "anonymised:" + std::to_string(id), now_iso(), id, version}) != 1)
    return false;
  tx.exec("UPDATE assessments SET summary = '', domains = '[]' WHERE person_id = $1", {id});
  tx.exec("UPDATE plans SET goals = '[]', status = 'closed' WHERE person_id = $1", {id});
  tx.exec("UPDATE pathways SET transition_plan = '', institution = '' WHERE person_id = $1", {id});
  tx.exec("UPDATE pathway_followups SET notes = NULL WHERE pathway_id IN (SELECT id FROM pathways WHERE person_id = $1)", {id});
  tx.exec("UPDATE referrals SET reason = '', shared = '{}', decline_reason = NULL, "
          "status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END WHERE person_id = $1",
          {id});
  tx.exec("UPDATE deliveries SET activity = NULL WHERE person_id = $1", {id});
  return true;
}
}  // namespace sp::services
