#include "modules/results/operations.hpp"

#include <algorithm>

#include "platform/context.hpp"
#include "common/errors.hpp"
#include "modules/grants/grants.hpp"
#include "modules/results/repo.hpp"
#include "modules/results/rules.hpp"
#include "modules/services/services.hpp"
#include "platform/policy.hpp"
#include "platform/tallies.hpp"

namespace sp::results {
namespace {
namespace bj = boost::json;
namespace tallies = platform::tallies;

tallies::Span span(const Programme& p) { return {span_of(p), p.starts_on.substr(0, 7), p.ends_on.substr(0, 7)}; }

// Counts by one category, hidden below 5 together with what would give them back (suppress_group).
bj::object suppressed_by(const tallies::Rollup& r) {
  std::vector<std::int64_t> counts;
  for (const auto& [k, n] : r.by) counts.push_back(n);
  auto how = services::suppress_group(counts);
  bj::object o;
  std::size_t i = 0;
  for (const auto& [k, n] : r.by) o[k] = services::shown(n, how[i++]);
  return o;
}

bj::object people_figures(store::Tx& tx, const std::string& period, const char* measure = "people_served") {
  auto rows = tallies::read(tx, measure, {period}, {std::string(tallies::kCountry)});
  auto total = tallies::roll_up(rows, "sex");
  return {{"period", period},
          {"total", services::shown(total.total, total.total > 0 && total.total < 5 ? services::Shown::Small : services::Shown::Value)},
          {"by_sex", suppressed_by(total)},
          {"by_age_group", suppressed_by(tallies::roll_up(rows, "age"))},
          {"by_disability", suppressed_by(tallies::roll_up(rows, "dis"))},
          {"by_target_group", suppressed_by(tallies::roll_up(rows, "tg"))}};
}

bj::object units_figures(store::Tx& tx, const std::string& period) {
  auto r = tallies::roll_up(tallies::read(tx, "units_delivered", {period}, {std::string(tallies::kCountry)}), "type");
  bj::object by;
  for (const auto& [k, n] : r.by) by[k] = n;
  return {{"period", period}, {"total", r.total}, {"by_service_type", std::move(by)}};
}

bj::object programme_json(store::Tx& tx, const Programme& p, bool whole) {
  bj::object o{{"id", p.id},
               {"code", p.code},
               {"name_ro", p.name_ro},
               {"name_ru", p.name_ru},
               {"name_en", p.name_en},
               {"donors", to_json(p.donors)},
               {"partners", to_json(p.partners)},
               {"starts_on", p.starts_on},
               {"ends_on", p.ends_on},
               {"contributions", to_json(p.contributions)},
               {"calls", bj::value_from(p.calls)},
               {"status", p.status},
               {"version", p.version}};
  if (!whole) return o;
  bj::array calls;
  for (const auto& id : p.calls)
    if (auto c = grants::call_info(tx, std::stoll(id)))
      calls.push_back({{"id", c->id}, {"code", c->code}, {"title_ro", c->title_ro}, {"title_ru", c->title_ru}, {"title_en", c->title_en},
                       {"status", c->status}, {"currency", c->currency}, {"envelope_minor", c->envelope_minor}});
  o["call_list"] = std::move(calls);
  bj::array years;
  for (const auto& y : years_of(p))
    years.push_back({{"year", y}, {"people", people_figures(tx, y)}, {"units", units_figures(tx, y)},
                     {"deinstitutionalised", people_figures(tx, y, "deinstitutionalised")}});
  o["figures"] = {{"people", people_figures(tx, span_of(p))},
                  {"units", units_figures(tx, span_of(p))},
                  {"deinstitutionalised", people_figures(tx, span_of(p), "deinstitutionalised")},
                  {"years", std::move(years)}};
  return o;
}

platform::Kind<Programme> programme_kind() {
  return {.not_found = "No such programme",
          .stale = "The programme changed since you read it",
          .find = find_programme,
          .version = [](const Programme& p) { return p.version; },
          .subject = [](const Programme& p) { return platform::Subject{"programme", p.id, p.code}; },
          .show = [](store::Tx& tx, const Programme& p) { return programme_json(tx, p, true); }};
}

void check_programme(store::Tx& tx, Validator& v, const Programme& p) {
  if (!p.code.empty() && programme_code_taken(tx, p.code, p.id)) v.add("code", "duplicate", "Another programme has this code");
  for (std::size_t i = 0; i < p.calls.size(); ++i)
    if (!grants::call_info(tx, std::stoll(p.calls[i]))) v.add("calls[" + std::to_string(i) + "]", "not_found", "No such call");
}
}  // namespace

std::string span_of(const Programme& p) { return "programme-" + std::to_string(p.id); }

Written programmes_list(App& app, const auth::Principal&) {
  auto tx = app.db->read();
  bj::array items;
  for (const auto& p : list_programmes(tx)) items.push_back(programme_json(tx, p, false));
  return {bj::object{{"items", std::move(items)}}};
}

Written programme_get(App& app, const auth::Principal&, std::int64_t id) {
  auto tx = app.db->read();
  auto p = find_programme(tx, id);
  if (!p) throw NotFound(say("not_found", "No such programme"));
  return {programme_json(tx, *p, true), p->version};
}

Written programme_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  auto p = read_programme(v);
  p.created_by = c.me.user_id;
  return platform::create<Programme>(*app.db, c, v, programme_kind(),
                                     {.action = "create",
                                      .check = [&](store::Tx& tx, Validator& v) { check_programme(tx, v, p); },
                                      .insert =
                                          [&](store::Tx& tx) {
                                            auto id = insert_programme(tx, p);
                                            p.id = id;
                                            tallies::recount_span(tx, span(p));
                                            return id;
                                          },
                                      .audited = {}});
}

Written programme_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  auto in = read_programme(v);
  Programme changed;
  return platform::change<Programme>(*app.db, c, id, version, v, programme_kind(),
                                     {.action = "update",
                                      .refuse = {},
                                      .check =
                                          [&](store::Tx& tx, const Programme& p, Validator& v) {
                                            changed = in;
                                            changed.id = p.id;
                                            changed.created_by = p.created_by;
                                            check_programme(tx, v, changed);
                                          },
                                      .apply =
                                          [&](store::Tx& tx, const Programme& p) {
                                            if (!update_programme(tx, changed, p.version)) return false;
                                            if (changed.starts_on != p.starts_on || changed.ends_on != p.ends_on) tallies::recount_span(tx, span(changed));
                                            return true;
                                          },
                                      .before = [](store::Tx& tx, const Programme& p) -> bj::value { return programme_json(tx, p, false); },
                                      .after = {}});
}
}  // namespace sp::results
