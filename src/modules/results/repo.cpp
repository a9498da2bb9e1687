#include "modules/results/repo.hpp"

#include "modules/results/rules.hpp"
#include "store/entity.hpp"
#include "store/json_list.hpp"
#include "store/query.hpp"

namespace sp::results {
namespace {
using store::col;
using store::json_list;

const store::Entity<Programme>& programmes() {
  using P = Programme;
  static const store::Entity<P> e{
      "programmes",
      {{store::key(&P::id), col("code", &P::code), col("name_ro", &P::name_ro), col("name_ru", &P::name_ru), col("name_en", &P::name_en),
        json_list("donors", &P::donors, parties_of), json_list("partners", &P::partners, parties_of), col("starts_on", &P::starts_on),
        col("ends_on", &P::ends_on), json_list("contributions", &P::contributions, contributions_of), store::codes("calls", &P::calls),
        col("status", &P::status), col("created_by", &P::created_by), col("mdl_per_eur_ppm", &P::mdl_per_eur_ppm)},
       store::stamps(&P::version, &P::created_at, &P::updated_at)}};
  return e;
}
const store::Entity<FrameworkResult>& results() {
  using R = FrameworkResult;
  static const store::Entity<R> e{
      "framework_results",
      {{store::key(&R::id), col("programme_id", &R::programme_id), col("project_kind", &R::project_kind), col("project_id", &R::project_id),
        col("level", &R::level), col("position", &R::position), col("title_ro", &R::title_ro), col("title_ru", &R::title_ru),
        col("title_en", &R::title_en), col("assumptions", &R::assumptions)},
       store::stamps(&R::version, &R::created_at, &R::updated_at)}};
  return e;
}

const store::Entity<Indicator>& indicators() {
  using I = Indicator;
  static const store::Entity<I> e{
      "indicators",
      {{store::key(&I::id), col("result_id", &I::result_id), col("code", &I::code), col("name_ro", &I::name_ro), col("name_ru", &I::name_ru),
        col("name_en", &I::name_en), col("definition_ro", &I::definition_ro), col("definition_ru", &I::definition_ru),
        col("definition_en", &I::definition_en), col("unit", &I::unit), col("ascending", &I::ascending), col("measure", &I::measure),
        col("baseline", &I::baseline), col("baseline_year", &I::baseline_year), json_list("targets", &I::targets, targets_of),
        col("sources", &I::sources), col("reference", &I::reference), col("contributes_to", &I::contributes_to)},
       store::stamps(&I::version, &I::created_at, &I::updated_at)}};
  return e;
}

const store::Entity<IndicatorValue>& values() {
  using V = IndicatorValue;
  static const store::Entity<V> e{
      "indicator_values",
      {{store::key(&V::id), col("indicator_id", &V::indicator_id), col("period", &V::period), col("value", &V::value), col("place", &V::place),
        json_list("parts", &V::parts, parts_of), col("note", &V::note),
        col("status", &V::status), col("returned_reason", &V::returned_reason), col("entered_by", &V::entered_by),
        col("submitted_by", &V::submitted_by), col("submitted_at", &V::submitted_at), col("approved_by", &V::approved_by),
        col("approved_at", &V::approved_at)},
       store::stamps(&V::version, &V::created_at, &V::updated_at)}};
  return e;
}

const store::Entity<CategorySet>& category_sets() {
  using C = CategorySet;
  static const store::Entity<C> e{
      "category_sets",
      {{store::key(&C::id), col("code", &C::code), col("set_version", &C::set_version), col("name_ro", &C::name_ro), col("name_ru", &C::name_ru),
        col("name_en", &C::name_en), json_list("items", &C::items, items_of), col("mapped_from", &C::mapped_from),
        store::custom<C>(
            "mapping", [](C& x, const store::Cursor& c, int i) { x.mapping = mapping_of(boost::json::parse(c.text(i))); },
            [](const C& x) -> store::Param { return boost::json::serialize(to_json(x.mapping)); }),
        col("created_by", &C::created_by)},
       store::stamps(&C::version, &C::created_at, &C::updated_at)}};
  return e;
}
}  // namespace

std::optional<CategorySet> find_category_set(store::Tx& tx, std::int64_t id) { return category_sets().find(tx, id); }
std::vector<CategorySet> list_category_sets(store::Tx& tx) { return category_sets().all(tx, "ORDER BY code, set_version"); }
std::int64_t insert_category_set(store::Tx& tx, const CategorySet& c) { return category_sets().insert(tx, c); }
bool update_category_set(store::Tx& tx, const CategorySet& c, std::int64_t version) { return category_sets().update(tx, c.id, c, version); }
std::optional<std::int64_t> newest_set_version(store::Tx& tx, const std::string& code) {
  return tx.scalar("SELECT MAX(set_version) FROM category_sets WHERE code = $1", {code});
}
bool category_set_in_use(store::Tx& tx, std::int64_t id) {
  // The parts are written by to_json(parts): {"set_id":<id>,"code":…}.
  const std::string like = "%\"set_id\":" + std::to_string(id) + ",%";
  return tx.scalar("SELECT COUNT(*) FROM indicator_values WHERE parts LIKE $1", {like}).value_or(0) > 0 ||
         tx.scalar("SELECT COUNT(*) FROM indicators WHERE targets LIKE $1", {like}).value_or(0) > 0;
}

std::optional<FrameworkResult> find_result(store::Tx& tx, std::int64_t id) { return results().find(tx, id); }
std::vector<FrameworkResult> results_of(store::Tx& tx, std::int64_t programme_id) {
  return results().all(tx, "WHERE programme_id = $1 ORDER BY COALESCE(project_kind, ''), COALESCE(project_id, 0), "
             "CASE level WHEN 'impact' THEN 1 WHEN 'outcome' THEN 2 ELSE 3 END, position, id", {programme_id});
}
std::int64_t insert_result(store::Tx& tx, const FrameworkResult& r) { return results().insert(tx, r); }
bool update_result(store::Tx& tx, const FrameworkResult& r, std::int64_t version) { return results().update(tx, r.id, r, version); }
std::optional<Indicator> find_indicator(store::Tx& tx, std::int64_t id) { return indicators().find(tx, id); }
std::optional<Programme> programme_of(store::Tx& tx, const Indicator& x) {
  auto r = find_result(tx, x.result_id);
  return r ? find_programme(tx, r->programme_id) : std::nullopt;
}
std::vector<Indicator> indicators_of(store::Tx& tx, std::int64_t result_id) {
  return indicators().all(tx, "WHERE result_id = $1 ORDER BY code, id", {result_id});
}
std::int64_t insert_indicator(store::Tx& tx, const Indicator& x) { return indicators().insert(tx, x); }
bool update_indicator(store::Tx& tx, const Indicator& x, std::int64_t version) { return indicators().update(tx, x.id, x, version); }

std::optional<IndicatorValue> find_value(store::Tx& tx, std::int64_t id) { return values().find(tx, id); }
std::vector<IndicatorValue> values_of(store::Tx& tx, std::int64_t indicator_id) {
  return values().all(tx, "WHERE indicator_id = $1 ORDER BY period, id DESC", {indicator_id});
}
std::int64_t insert_value(store::Tx& tx, const IndicatorValue& v) { return values().insert(tx, v); }
bool update_value(store::Tx& tx, const IndicatorValue& v, std::int64_t version) { return values().update(tx, v.id, v, version); }

std::vector<WaitingValue> submitted_values(store::Tx& tx) {
  std::vector<WaitingValue> out;
  for (auto& v : values().all(tx, "WHERE status = 'submitted' ORDER BY submitted_at, id", {})) {
    auto x = find_indicator(tx, v.indicator_id);
    auto p = x ? programme_of(tx, *x) : std::nullopt;
    if (p) out.push_back({std::move(v), x->code, p->id, p->code});
  }
  return out;
}

std::optional<Programme> find_programme(store::Tx& tx, std::int64_t id) { return programmes().find(tx, id); }

std::vector<Programme> list_programmes(store::Tx& tx) { return programmes().all(tx, "ORDER BY starts_on DESC, id DESC"); }
std::int64_t insert_programme(store::Tx& tx, const Programme& p) { return programmes().insert(tx, p); }
bool update_programme(store::Tx& tx, const Programme& p, std::int64_t version) { return programmes().update(tx, p.id, p, version); }
bool programme_code_taken(store::Tx& tx, const std::string& code, std::int64_t except_id) {
  return tx.scalar("SELECT COUNT(*) FROM programmes WHERE code = $1 AND id <> $2", {code, except_id}).value_or(0) > 0;
}
}  // namespace sp::results
