#include "modules/costing/repo.hpp"

#include "modules/costing/costing.hpp"

#include "store/entity.hpp"
#include "store/query.hpp"

namespace sp::costing {
namespace {
using P = ParameterSet;
const store::Entity<P>& sets() {
  using store::col;
  static const store::Entity<P> e{
      "cost_parameter_sets",
      {{store::key(&P::id), col("year", &P::year), col("edition", &P::edition), col("valid_from", &P::valid_from),
        col("minimum_wage_minor", &P::minimum_wage_minor), col("employer_rate_private_ppm", &P::employer_rate_private_ppm),
        col("employer_rate_public_ppm", &P::employer_rate_public_ppm), col("working_days", &P::working_days),
        col("leave_days", &P::leave_days), col("hours_per_day_ppm", &P::hours_per_day_ppm),
        col("eur_rate_ppm", &P::eur_rate_ppm), store::codes("holidays", &P::holidays),
        col("note", &P::note)},
       store::stamps(&P::version, &P::created_at, &P::updated_at)}};
  return e;
}

using M = CostModel;
const store::Entity<M>& models() {
  using store::col;
  static const store::Entity<M> e{
      "cost_models",
      {{store::key(&M::id), col("number", &M::number), col("kind", &M::kind), col("name", &M::name), col("service_id", &M::service_id),
        col("provider_organisation_id", &M::provider_organisation_id), col("provider_authority_id", &M::provider_authority_id),
        col("type_code", &M::type_code), col("territory", &M::territory), col("year", &M::year),
        col("parameter_set_id", &M::parameter_set_id), col("public_employer", &M::public_employer), col("inputs", &M::inputs),
        col("outputs", &M::outputs), col("total_minor", &M::total_minor), col("per_place_year_minor", &M::per_place_year_minor),
        col("per_beneficiary_month_minor", &M::per_beneficiary_month_minor),
        col("per_beneficiary_day_minor", &M::per_beneficiary_day_minor), col("per_contact_hour_minor", &M::per_contact_hour_minor),
        col("status", &M::status), col("previous_id", &M::previous_id), col("scenario_of", &M::scenario_of),
        col("scenario", &M::scenario), col("created_by", &M::created_by), col("submitted_by", &M::submitted_by),
        col("submitted_at", &M::submitted_at), col("approved_by", &M::approved_by), col("approved_at", &M::approved_at),
        col("returned_reason", &M::returned_reason)},
       store::stamps(&M::version, &M::created_at, &M::updated_at)}};
  return e;
}

using E = Expenditure;
const store::Entity<E>& expenditures() {
  using store::col;
  static const store::Entity<E> e{
      "cost_expenditures",
      {{store::key(&E::id), col("service_id", &E::service_id), col("year", &E::year), col("category", &E::category),
        col("amount_minor", &E::amount_minor), col("source", &E::source), col("note", &E::note), col("created_by", &E::created_by)},
       store::stamps(&E::version, &E::created_at, &E::updated_at)}};
  return e;
}

std::optional<CostModel> first_model(store::Tx& tx, const std::string& where, const store::Params& p) {
  auto c = tx.query("SELECT " + models().columns() + " FROM cost_models WHERE " + where + " ORDER BY approved_at DESC, id DESC LIMIT 1", p);
  if (!c->next()) return std::nullopt;
  return models().read(*c);
}

std::string marks(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}
}  // namespace

std::vector<ParameterSet> list_parameter_sets(store::Tx& tx) {
  std::vector<ParameterSet> out;
  auto c = tx.query("SELECT " + sets().columns() + " FROM cost_parameter_sets ORDER BY year DESC, edition DESC", {});
  while (c->next()) out.push_back(sets().read(*c));
  return out;
}
std::optional<ParameterSet> find_parameter_set(store::Tx& tx, std::int64_t id) { return sets().find(tx, id); }
std::optional<ParameterSet> current_parameter_set(store::Tx& tx, int year) {
  auto c = tx.query("SELECT " + sets().columns() + " FROM cost_parameter_sets WHERE year = $1 ORDER BY edition DESC LIMIT 1", {year});
  if (!c->next()) return std::nullopt;
  return sets().read(*c);
}
std::int64_t insert_parameter_set(store::Tx& tx, const ParameterSet& p) { return sets().insert(tx, p); }
bool update_parameter_set(store::Tx& tx, const ParameterSet& p, std::int64_t version) { return sets().update(tx, p.id, p, version); }
int next_edition(store::Tx& tx, int year) {
  return static_cast<int>(tx.scalar("SELECT COALESCE(MAX(edition), 0) + 1 FROM cost_parameter_sets WHERE year = $1", {year}).value_or(1));
}
std::vector<std::string> models_freezing(store::Tx& tx, std::int64_t parameter_set_id) {
  std::vector<std::string> out;
  auto c = tx.query("SELECT number FROM cost_models WHERE parameter_set_id = $1 AND status IN ('approved', 'superseded') ORDER BY number LIMIT 20",
                    {parameter_set_id});
  while (c->next()) out.push_back(c->str(0));
  return out;
}

std::optional<CostModel> find_model(store::Tx& tx, std::int64_t id) { return models().find(tx, id); }
std::int64_t insert_model(store::Tx& tx, const CostModel& m) { return models().insert(tx, m); }
bool update_model(store::Tx& tx, const CostModel& m, std::int64_t version) { return models().update(tx, m.id, m, version); }

std::string next_model_number(store::Tx& tx, int year) {
  auto prefix = "CM-" + std::to_string(year) + "-";
  auto n = tx.scalar("SELECT COUNT(*) FROM cost_models WHERE number LIKE $1", {prefix + "%"}).value_or(0) + 1;
  auto digits = std::to_string(n);
  return prefix + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

std::vector<CostModel> list_models(store::Tx& tx, const ModelFilter& f, int limit, std::int64_t before_id) {
  store::Where w;
  if (f.service_id) w.add("service_id = ?", {*f.service_id});
  if (f.type_code) w.add("type_code = ?", {*f.type_code});
  if (f.territory) w.add("territory = ?", {*f.territory});
  if (f.status) w.add("status = ?", {*f.status});
  if (f.kind) w.add("kind = ?", {*f.kind});
  if (f.year) w.add("year = ?", {*f.year});
  if (f.scenario_of) w.add("scenario_of = ?", {*f.scenario_of});
  else if (!f.scenarios) w.add("scenario_of IS NULL", {});
  if (before_id) w.add("id < ?", {before_id});
  if (!f.everything) {
    std::vector<std::string> any;
    store::Params p;
    auto ids = [&](const char* column, const std::vector<std::int64_t>& v) {
      if (v.empty()) return;
      any.push_back(std::string("(kind = 'service' AND ") + column + " IN (" + marks(v.size()) + "))");
      for (auto x : v) p.push_back(x);
    };
    ids("provider_organisation_id", f.organisations);
    ids("provider_authority_id", f.authorities);
    if (!f.standard_territories.empty()) {
      any.push_back("(kind = 'standard' AND territory IN (" + marks(f.standard_territories.size()) + "))");
      for (const auto& t : f.standard_territories) p.push_back(t);
    }
    if (f.approved_standards) any.push_back("(kind = 'standard' AND status = 'approved')");
    if (any.empty()) return {};
    std::string cond;
    for (const auto& a : any) cond += (cond.empty() ? "(" : " OR ") + a;
    w.add(cond + ")", p);
  }
  std::vector<CostModel> out;
  auto c = tx.query("SELECT " + models().columns() + " FROM cost_models" + w.sql() + " ORDER BY id DESC LIMIT " + std::to_string(limit),
                    w.params());
  while (c->next()) out.push_back(models().read(*c));
  return out;
}

std::vector<UnitCosts> approved_of_type(store::Tx& tx, const std::string& type_code, int year) {
  std::vector<UnitCosts> out;
  auto c = tx.query(
      "SELECT id, kind, territory, total_minor, per_place_year_minor, per_beneficiary_month_minor, per_beneficiary_day_minor, "
      "per_contact_hour_minor FROM cost_models WHERE type_code = $1 AND year = $2 AND status = 'approved' AND scenario_of IS NULL ORDER BY id",
      {type_code, year});
  while (c->next())
    out.push_back({c->i64(0), c->str(1), c->str(2), c->i64(3), c->opt_i64(4), c->opt_i64(5), c->opt_i64(6), c->opt_i64(7)});
  return out;
}

std::optional<Expenditure> find_expenditure(store::Tx& tx, std::int64_t id) { return expenditures().find(tx, id); }
std::int64_t insert_expenditure(store::Tx& tx, const Expenditure& e) { return expenditures().insert(tx, e); }
bool update_expenditure(store::Tx& tx, const Expenditure& e, std::int64_t version) { return expenditures().update(tx, e.id, e, version); }
std::vector<Expenditure> expenditures_of(store::Tx& tx, std::int64_t service_id, int year) {
  std::vector<Expenditure> out;
  auto c = tx.query("SELECT " + expenditures().columns() + " FROM cost_expenditures WHERE service_id = $1 AND year = $2 AND amount_minor > 0 ORDER BY id",
                    {service_id, year});
  while (c->next()) out.push_back(expenditures().read(*c));
  return out;
}

std::optional<CostModel> approved_service_model(store::Tx& tx, std::int64_t service_id, int year) {
  return first_model(tx, "kind = 'service' AND service_id = $1 AND year = $2 AND status = 'approved' AND scenario_of IS NULL", {service_id, year});
}
std::optional<CostModel> approved_standard(store::Tx& tx, const std::string& type_code, const std::string& territory, int year) {
  return first_model(tx, "kind = 'standard' AND type_code = $1 AND territory = $2 AND year = $3 AND status = 'approved' AND scenario_of IS NULL",
                     {type_code, territory, year});
}
std::vector<std::int64_t> approved_rivals(store::Tx& tx, const CostModel& m) {
  std::vector<std::int64_t> out;
  auto c = m.kind == "service"
               ? tx.query("SELECT id FROM cost_models WHERE kind = 'service' AND service_id = $1 AND year = $2 AND status = 'approved' "
                          "AND scenario_of IS NULL AND id <> $3",
                          {m.service_id.value_or(0), m.year, m.id})
               : tx.query("SELECT id FROM cost_models WHERE kind = 'standard' AND type_code = $1 AND territory = $2 AND year = $3 "
                          "AND status = 'approved' AND scenario_of IS NULL AND id <> $4",
                          {m.type_code, m.territory, m.year, m.id});
  while (c->next()) out.push_back(c->i64(0));
  return out;
}
std::optional<std::int64_t> draft_version_of(store::Tx& tx, std::int64_t id) {
  return tx.scalar("SELECT id FROM cost_models WHERE previous_id = $1 AND status IN ('draft', 'submitted') LIMIT 1", {id});
}

std::vector<CostModel> submitted_models(store::Tx& tx) {
  std::vector<CostModel> out;
  auto c = tx.query("SELECT " + models().columns() + " FROM cost_models WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 500", {});
  while (c->next()) out.push_back(models().read(*c));
  return out;
}

void supersede(store::Tx& tx, std::int64_t id) {
  tx.exec("UPDATE cost_models SET status = 'superseded', version = version + 1 WHERE id = $1 AND status = 'approved'", {id});
}
}  // namespace sp::costing

// ---------------------------------------------------------------- costing.hpp (what other capabilities read)

namespace sp::costing {
namespace {
Standard standard_of(const CostModel& m) {
  return {m.id, m.number.value_or(""), m.territory, m.type_code, m.year, m.per_place_year_minor, m.per_beneficiary_month_minor,
          m.per_beneficiary_day_minor, m.per_contact_hour_minor};
}
}  // namespace

std::optional<Standard> standard_for(store::Tx& tx, const std::string& type_code, const std::string& district, int year) {
  auto m = approved_standard(tx, type_code, district, year);
  if (!m) m = approved_standard(tx, type_code, "national", year);
  if (!m) return std::nullopt;
  return standard_of(*m);
}

std::optional<Standard> find_standard(store::Tx& tx, std::int64_t id) {
  auto m = find_model(tx, id);
  if (!m || m->kind != "standard" || (m->status != "approved" && m->status != "superseded")) return std::nullopt;
  return standard_of(*m);
}
}  // namespace sp::costing
