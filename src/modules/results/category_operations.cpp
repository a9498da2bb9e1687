// Disaggregation categories (decision 0027): shared, versioned sets of categories; a version that
// holds values is never edited — the next version is added with the mapping of the previous one's
// categories onto its own.
#include <map>

#include "common/errors.hpp"
#include "modules/registry/registry.hpp"
#include "modules/results/operations.hpp"
#include "modules/results/repo.hpp"
#include "modules/results/rules.hpp"

namespace sp::results {
namespace bj = boost::json;

namespace {
bj::object set_json(store::Tx& tx, const CategorySet& s) {
  const auto newest = newest_set_version(tx, s.code).value_or(s.set_version);
  return {{"id", s.id},
          {"code", s.code},
          {"set_version", s.set_version},
          {"name_ro", s.name_ro},
          {"name_ru", s.name_ru},
          {"name_en", s.name_en},
          {"items", to_json(s.items)},
          {"mapped_from", s.mapped_from ? bj::value(*s.mapped_from) : bj::value(nullptr)},
          {"mapping", to_json(s.mapping)},
          {"newest", s.set_version == newest},
          {"in_use", category_set_in_use(tx, s.id)},
          {"version", s.version}};
}

platform::Kind<CategorySet> category_kind() {
  return {.not_found = "No such category set",
          .stale = "The category set changed since you read it",
          .find = find_category_set,
          .version = [](const CategorySet& s) { return s.version; },
          .subject = [](const CategorySet& s) { return platform::Subject{"category_set", s.id, s.code + " v" + std::to_string(s.set_version)}; },
          .show = set_json};
}
}  // namespace

std::map<std::int64_t, CategorySet> category_sets_by_id(store::Tx& tx) {
  std::map<std::int64_t, CategorySet> out;
  for (auto& s : list_category_sets(tx)) out.emplace(s.id, std::move(s));
  return out;
}

std::vector<CategorySet> chain_to_newest(const std::map<std::int64_t, CategorySet>& sets, std::int64_t set_id) {
  std::vector<CategorySet> out;
  auto it = sets.find(set_id);
  if (it == sets.end()) return out;
  for (const auto& [id, s] : sets)
    if (s.code == it->second.code) out.push_back(s);
  std::sort(out.begin(), out.end(), [](const CategorySet& a, const CategorySet& b) { return a.set_version < b.set_version; });
  return out;
}

void check_parts(Validator& v, const std::string& field, const std::vector<Part>& parts, const std::map<std::int64_t, CategorySet>& sets) {
  for (const auto& e : part_errors(parts, sets)) v.add(field + "[" + std::to_string(e.index) + "]." + e.field, e.code, e.message);
}

void check_place(store::Tx& tx, Validator& v, const std::string& place) {
  if (place == "MD") return;
  auto u = registry::find_unit(tx, place);
  if (!u || u->level != 2) v.add("place", "not_found", "A district's code, or MD for the country");
}

Written category_sets_list(App& app) {
  auto tx = app.db->read();
  bj::array items;
  for (const auto& s : list_category_sets(tx)) items.push_back(set_json(tx, s));
  return {bj::object{{"items", std::move(items)}}};
}

Written category_set_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  auto s = read_category_set(v);
  s.created_by = c.me.user_id;
  return platform::create<CategorySet>(*app.db, c, v, category_kind(),
                                       {.action = "create",
                                        .check =
                                            [&](store::Tx& tx, Validator& v) {
                                              if (!s.code.empty() && newest_set_version(tx, s.code))
                                                v.add("code", "duplicate", "A set with this code exists: add a new version of it");
                                            },
                                        .insert = [&](store::Tx& tx) { return insert_category_set(tx, s); },
                                        .audited = {}});
}

Written category_set_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  auto in = read_category_set(v);
  CategorySet changed;
  return platform::change<CategorySet>(
      *app.db, c, id, version, v, category_kind(),
      {.action = "update",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const CategorySet& s, Validator& v) {
             if (category_set_in_use(tx, s.id))
               throw Conflict(say("category_set_in_use", "This version holds values: it is not edited; add a new version and map its categories"));
             if (in.code != s.code) v.add("code", "immutable", "A set's code does not change");
             changed = s;
             changed.name_ro = in.name_ro;
             changed.name_ru = in.name_ru;
             changed.name_en = in.name_en;
             changed.items = in.items;
             if (s.mapped_from)
               if (auto previous = find_category_set(tx, *s.mapped_from)) check_mapping(v, *previous, changed);
           },
       .apply = [&](store::Tx& tx, const CategorySet& s) { return update_category_set(tx, changed, s.version); },
       .before = [](store::Tx&, const CategorySet& s) -> bj::value { return to_json(s.items); },
       .after = [](store::Tx&, const CategorySet& s) -> bj::value { return to_json(s.items); }});
}

Written category_set_version(App& app, const Caller& c, std::int64_t id, const json::object& body) {
  json::object without_mapping = body;
  const auto mapping = without_mapping.contains("mapping") ? mapping_of(without_mapping.at("mapping")) : std::map<std::string, std::string>{};
  if (without_mapping.contains("mapping") && !without_mapping.at("mapping").is_object()) {
    Validator bad(body);
    bad.add("mapping", "type", "An object: each previous category's code → one of this version's");
    bad.finish();
  }
  without_mapping.erase("mapping");
  Validator v(without_mapping);
  auto next = read_category_set(v);
  next.mapping = mapping;
  return platform::add<CategorySet>(
      *app.db, c, id, v, category_kind(),
      {.action = "add_version",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const CategorySet& previous, Validator& v) {
             if (newest_set_version(tx, previous.code).value_or(0) != previous.set_version)
               throw Conflict(say("category_set_not_newest", "A newer version of this set exists: version the newest"));
             if (next.code != previous.code) v.add("code", "immutable", "A set's code does not change");
             check_mapping(v, previous, next);
           },
       .insert =
           [&](store::Tx& tx, const CategorySet& previous) {
             next.set_version = previous.set_version + 1;
             next.mapped_from = previous.id;
             next.created_by = c.me.user_id;
             next.id = insert_category_set(tx, next);
             auto made = *find_category_set(tx, next.id);
             return platform::Added{{set_json(tx, made), made.version, 201},
                                    bj::object{{"category_set", made.id}, {"set_version", made.set_version}, {"mapping", to_json(made.mapping)}}};
           }});
}
}  // namespace sp::results
