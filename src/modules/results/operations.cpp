#include "modules/results/operations.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "platform/context.hpp"
#include "common/errors.hpp"
#include "common/exact.hpp"
#include "modules/grants/grants.hpp"
#include "modules/results/measured.hpp"
#include "modules/results/repo.hpp"
#include "modules/results/rules.hpp"
#include "modules/services/services.hpp"
#include "common/time.hpp"
#include "platform/documents.hpp"
#include "platform/kept_answers.hpp"
#include "store/data_version.hpp"
#include "platform/policy.hpp"
#include "platform/tallies.hpp"

namespace sp::results {
namespace {
namespace bj = boost::json;
namespace tallies = platform::tallies;


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

// The grants of a period: organisations granted, and the money committed and paid per currency.
// Those of the programme's own calls only.
bj::object grants_figures(store::Tx& tx, const Programme& p, const std::string& period) {
  auto sums = [&](const char* measure) {
    bj::object by;
    for (const auto& [cur, minor] : tallies::roll_up(programme_rows(tx, p, measure, period), "cur").by) by[cur] = minor;
    return by;
  };
  return {{"period", period},
          {"csos", tallies::roll_up(programme_rows(tx, p, "csos_granted", period), "").total},
          {"committed_minor", sums("grants_committed")},
          {"disbursed_minor", sums("grants_disbursed")}};
}

// What else the records say of a period: services the grants created, developed, extended or improved
// (by lot), partnerships with authorities and their co-financing (by currency), people in the community
// 12 months after leaving an institution, services that delivered remotely, and public money: paid for
// services under contracts (MDL), the services it paid for, and its share of what contracts and the
// programme's grants paid — grants in EUR converted at the programme's reporting rate, those in a
// currency it cannot convert left out and named (none when nothing was paid).
bj::object more_figures(store::Tx& tx, const Programme& p, const std::string& period) {
  auto total = [&](const char* measure) { return tallies::roll_up(programme_rows(tx, p, measure, period), "").total; };
  // A measure's total and its parts by one category, from one read of its rows.
  auto with_parts = [&](const char* measure, const char* category, const char* parts_name) {
    auto r = tallies::roll_up(programme_rows(tx, p, measure, period), category);
    bj::object by;
    for (const auto& [k, n] : r.by) by[k] = n;
    return bj::object{{"total", r.total}, {parts_name, std::move(by)}};
  };
  const auto at12 = total("community_at_12_months");
  const auto public_money = total("public_money_paid");
  std::int64_t grants_mdl = 0;
  bj::array left_out;
  for (const auto& [cur, minor] : tallies::roll_up(programme_rows(tx, p, "grants_disbursed", period), "cur").by) {
    if (cur == "MDL") grants_mdl += minor;
    else if (cur == "EUR" && p.mdl_per_eur_ppm) grants_mdl += (Exact(minor) * Exact::ppm(*p.mdl_per_eur_ppm)).round();
    else left_out.push_back(bj::value(cur));
  }
  const auto funding = public_money + grants_mdl;
  auto partnerships = with_parts("cofinancing", "cur", "cofinancing_minor");
  partnerships["total"] = total("partnerships");
  return {{"services_supported", with_parts("services_supported", "lot", "by_lot")},
          {"partnerships", std::move(partnerships)},
          {"community_at_12_months", services::shown(at12, at12 > 0 && at12 < 5 ? services::Shown::Small : services::Shown::Value)},
          {"remote_services", total("remote_services")},
          {"public_money", {{"paid_minor", public_money},
                            {"services", total("services_contracted")},
                            {"grants_disbursed_mdl_minor", grants_mdl},
                            {"grants_left_out", std::move(left_out)},
                            {"share_percent", funding > 0 ? bj::value(std::lround(100.0 * static_cast<double>(public_money) / static_cast<double>(funding)))
                                                          : bj::value(nullptr)}}}};
}

// Each of the programme's calls over its period: grants signed, money committed and paid by currency,
// services supported; and the same by district (the project's), for the call's own dashboard and map.
bj::array call_figures(store::Tx& tx, const Programme& p) {
  struct Sums {
    std::int64_t signed_ = 0, supported = 0;
    std::map<std::string, std::int64_t> committed, disbursed;
  };
  std::map<std::string, std::map<std::string, Sums>> by;  // call → place → sums
  const auto span = span_of(p);
  auto each = [&](const char* measure, const std::function<void(Sums&, const tallies::Dims&, std::int64_t)>& add) {
    for (const auto& v : tallies::read(tx, measure, {span})) {
      auto d = tallies::dims_of(v.dims);
      add(by[d["call"]][v.place], d, v.value);
    }
  };
  each("grants_signed", [](Sums& s, const tallies::Dims&, std::int64_t n) { s.signed_ += n; });
  each("services_supported", [](Sums& s, const tallies::Dims&, std::int64_t n) { s.supported += n; });
  each("grants_committed", [](Sums& s, const tallies::Dims& d, std::int64_t n) { s.committed[d.at("cur")] += n; });
  each("grants_disbursed", [](Sums& s, const tallies::Dims& d, std::int64_t n) { s.disbursed[d.at("cur")] += n; });
  auto money = [](const std::map<std::string, std::int64_t>& m) {
    bj::object o;
    for (const auto& [cur, minor] : m) o[cur] = minor;
    return o;
  };
  bj::array out;
  for (const auto& call : p.calls) {
    auto& places = by[call];
    const auto& all = places[std::string(tallies::kCountry)];
    bj::array districts;
    for (const auto& [place, x] : places)
      if (place != tallies::kCountry)
        districts.push_back({{"district", place}, {"signed", x.signed_}, {"committed_minor", money(x.committed)}, {"disbursed_minor", money(x.disbursed)}});
    out.push_back({{"call_id", std::stoll(call)}, {"signed", all.signed_}, {"services_supported", all.supported},
                   {"committed_minor", money(all.committed)}, {"disbursed_minor", money(all.disbursed)}, {"districts", std::move(districts)}});
  }
  return out;
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
               {"mdl_per_eur", p.mdl_per_eur_ppm ? bj::value(Exact::ppm(*p.mdl_per_eur_ppm).decimal(4)) : bj::value(nullptr)},
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
                     {"deinstitutionalised", people_figures(tx, y, "deinstitutionalised")}, {"grants", grants_figures(tx, p, y)}});
  o["figures"] = {{"people", people_figures(tx, span_of(p))},
                  {"units", units_figures(tx, span_of(p))},
                  {"deinstitutionalised", people_figures(tx, span_of(p), "deinstitutionalised")},
                  {"grants", grants_figures(tx, p, span_of(p))},
                  {"more", more_figures(tx, p, span_of(p))},
                  {"calls", call_figures(tx, p)},
                  {"years", std::move(years)}};
  // Where the services' records begin: a programme that ended before has its figures from elsewhere.
  auto from = tallies::first_month(tx, "people_served");
  o["records_from"] = from ? bj::value(*from) : bj::value(nullptr);
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
tallies::Span tally_span(const Programme& p) { return {span_of(p), p.starts_on.substr(0, 7), p.ends_on.substr(0, 7), p.calls}; }

Written programmes_list(App& app, const auth::Principal&) {
  auto tx = app.db->read();
  bj::array items;
  for (const auto& p : list_programmes(tx)) items.push_back(programme_json(tx, p, false));
  return {bj::object{{"items", std::move(items)}}};
}

// A programme's page is the same for every reader until the data changes: kept by the data's version
// and computed once per change (single flight), so a writer saving month grids every second costs the
// readers one computation a second, not one per request.
platform::KeptRecord programme_get(App& app, const auth::Principal&, std::int64_t id) {
  static platform::KeptAnswers kept;
  auto tx = app.db->read();
  return platform::kept_record(kept, std::to_string(id), store::data_version(tx), [&] {
    auto p = find_programme(tx, id);
    if (!p) throw NotFound(say("not_found", "No such programme"));
    return std::pair{programme_json(tx, *p, true), p->version};
  });
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
                                            tallies::recount_span(tx, tally_span(p));
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
                                            if (changed.starts_on != p.starts_on || changed.ends_on != p.ends_on || changed.calls != p.calls) tallies::recount_span(tx, tally_span(changed));
                                            return true;
                                          },
                                      .before = [](store::Tx& tx, const Programme& p) -> bj::value { return programme_json(tx, p, false); },
                                      .after = {}});
}

// ---------------------------------------------------------------- frameworks

namespace {
bj::object result_json(const FrameworkResult& r) {
  return {{"id", r.id},
          {"programme_id", r.programme_id},
          {"project_kind", r.project_kind ? bj::value(*r.project_kind) : bj::value(nullptr)},
          {"project_id", r.project_id ? bj::value(*r.project_id) : bj::value(nullptr)},
          {"level", r.level},
          {"position", r.position},
          {"title_ro", r.title_ro},
          {"title_ru", r.title_ru},
          {"title_en", r.title_en},
          {"assumptions", r.assumptions ? bj::value(*r.assumptions) : bj::value(nullptr)},
          {"version", r.version}};
}

// A computed indicator's actual in a period: the country's total of its measure (each person once; money
// in whole units).
std::optional<std::int64_t> actual_of(store::Tx& tx, const Indicator& x, const std::string& period, const Programme& p) {
  const auto* m = x.measure ? measure_of(*x.measure) : nullptr;
  if (!m) return std::nullopt;
  return m->reported(tallies::roll_up(programme_rows(tx, p, *x.measure, period), "").total);
}

// A value's or a target's parts against its total: where a set's parts do not add up to it (flagged,
// not refused).
}  // namespace

bj::array flags_json(const std::string& unit, const std::string& total, const std::vector<Part>& parts) {
  bj::array out;
  for (const auto& f : sum_flags(unit, total, parts)) out.push_back({{"set_id", f.set_id}, {"total", f.total}, {"sum", f.sum}});
  return out;
}

namespace {
// A value as its indicator (of unit `unit`) shows it: its parts flagged against its total.
bj::object value_json(store::Tx& tx, const IndicatorValue& v, const std::string& unit) {
  bj::array docs;
  for (const auto& d : platform::documents_of(tx, "indicator_value", v.id)) docs.push_back(platform::document_json(d));
  auto opt_s = [](const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); };
  auto opt_i = [](const std::optional<std::int64_t>& i) { return i ? bj::value(*i) : bj::value(nullptr); };
  return {{"id", v.id},           {"indicator_id", v.indicator_id}, {"period", v.period},
          {"value", v.value},     {"note", opt_s(v.note)},           {"status", v.status},
          {"returned_reason", opt_s(v.returned_reason)},             {"entered_by", opt_i(v.entered_by)},
          {"submitted_by", opt_i(v.submitted_by)},                   {"submitted_at", opt_s(v.submitted_at)},
          {"approved_by", opt_i(v.approved_by)},                     {"approved_at", opt_s(v.approved_at)},
          {"place", v.place},                                        {"parts", to_json(v.parts)},
          {"flags", flags_json(unit, v.value, v.parts)},
          {"documents", std::move(docs)},                            {"version", v.version}};
}

bj::object indicator_json(store::Tx& tx, const Indicator& x, const Programme& p) {
  bj::array actuals, values;
  const auto manual = x.measure ? std::vector<IndicatorValue>{} : values_of(tx, x.id);
  for (const auto& v : manual) values.push_back(value_json(tx, v, x.unit));
  for (const auto& t : x.targets) {
    if (auto a = actual_of(tx, x, t.period, p)) {
      actuals.push_back({{"period", t.period}, {"value", *a}});
      continue;
    }
    // A manual indicator's actual: the latest approved value of the period, when it is a number.
    if (auto v = approved_value(manual, t.period))
      if (auto n = whole_number(*v)) actuals.push_back({{"period", t.period}, {"value", *n}});
  }
  return {{"id", x.id},
          {"result_id", x.result_id},
          {"code", x.code},
          {"name_ro", x.name_ro},
          {"name_ru", x.name_ru},
          {"name_en", x.name_en},
          {"definition_ro", x.definition_ro},
          {"definition_ru", x.definition_ru},
          {"definition_en", x.definition_en},
          {"unit", x.unit},
          {"ascending", x.ascending},
          {"measure", x.measure ? bj::value(*x.measure) : bj::value(nullptr)},
          {"baseline", x.baseline ? bj::value(*x.baseline) : bj::value(nullptr)},
          {"baseline_year", x.baseline_year ? bj::value(*x.baseline_year) : bj::value(nullptr)},
          {"targets", to_json(x.targets)},
          {"target_flags",
           [&] {
             bj::array out;
             for (const auto& t : x.targets)
               for (auto& f : flags_json(x.unit, t.value, t.parts)) {
                 f.as_object()["period"] = t.period;
                 out.push_back(std::move(f));
               }
             return out;
           }()},
          {"actuals", std::move(actuals)},
          {"values", std::move(values)},
          {"sources", x.sources},
          {"reference", x.reference ? bj::value(*x.reference) : bj::value(nullptr)},
          {"contributes_to", x.contributes_to ? bj::value(*x.contributes_to) : bj::value(nullptr)},
          {"version", x.version}};
}

bj::object framework_json(store::Tx& tx, const Programme& p) {
  bj::array results;
  for (const auto& r : results_of(tx, p.id)) {
    auto o = result_json(r);
    bj::array inds;
    for (const auto& x : indicators_of(tx, r.id)) inds.push_back(indicator_json(tx, x, p));
    o["indicators"] = std::move(inds);
    results.push_back(std::move(o));
  }
  return {{"programme_id", p.id}, {"results", std::move(results)}};
}

struct ResultCtx {
  FrameworkResult r;
  Programme p;
};
platform::Kind<ResultCtx> result_kind() {
  return {.not_found = "No such result",
          .stale = "The result changed since you read it",
          .find = [](store::Tx& tx, std::int64_t id) -> std::optional<ResultCtx> {
            auto r = find_result(tx, id);
            if (!r) return std::nullopt;
            return ResultCtx{*r, *find_programme(tx, r->programme_id)};
          },
          .version = [](const ResultCtx& x) { return x.r.version; },
          .subject = [](const ResultCtx& x) { return platform::Subject{"result", x.r.id, x.r.title_en}; },
          .show = [](store::Tx&, const ResultCtx& x) { return result_json(x.r); }};
}

struct IndicatorCtx {
  Indicator x;
  Programme p;
};
platform::Kind<IndicatorCtx> indicator_kind() {
  return {.not_found = "No such indicator",
          .stale = "The indicator changed since you read it",
          .find = [](store::Tx& tx, std::int64_t id) -> std::optional<IndicatorCtx> {
            auto x = find_indicator(tx, id);
            if (!x) return std::nullopt;
            return IndicatorCtx{*x, *programme_of(tx, *x)};
          },
          .version = [](const IndicatorCtx& c) { return c.x.version; },
          .subject = [](const IndicatorCtx& c) { return platform::Subject{"indicator", c.x.id, c.x.code}; },
          .show = [](store::Tx& tx, const IndicatorCtx& c) { return indicator_json(tx, c.x, c.p); }};
}

// An indicator's own checks against the programme: its code unique there, and what it contributes to
// an indicator of the programme's own framework.
void check_indicator(store::Tx& tx, Validator& v, const Indicator& x, const Programme& p) {
  const auto sets = category_sets_by_id(tx);
  for (std::size_t i = 0; i < x.targets.size(); ++i) check_parts(v, "targets[" + std::to_string(i) + "].parts", x.targets[i].parts, sets);
  for (const auto& r : results_of(tx, p.id))
    for (const auto& other : indicators_of(tx, r.id))
      if (other.code == x.code && other.id != x.id && !r.project_kind) v.add("code", "duplicate", "Another indicator of the programme has this code");
  if (x.contributes_to) {
    auto to = find_indicator(tx, *x.contributes_to);
    auto r = to ? find_result(tx, to->result_id) : std::nullopt;
    if (!r || r->programme_id != p.id || r->project_kind) v.add("contributes_to", "not_found", "Not an indicator of the programme's own framework");
  }
}
}  // namespace

Written framework_get(App& app, const auth::Principal&, std::int64_t programme_id) {
  auto tx = app.db->read();
  auto p = find_programme(tx, programme_id);
  if (!p) throw NotFound(say("not_found", "No such programme"));
  return {framework_json(tx, *p)};
}

Written result_create(App& app, const Caller& c, std::int64_t programme_id, const json::object& body) {
  Validator v(body);
  auto r = read_result(v);
  return platform::add<Programme>(
      *app.db, c, programme_id, v, programme_kind(),
      {.action = "add_result",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const Programme& p, Validator& v) {
             int same_level = 0;
             for (const auto& x : results_of(tx, p.id)) {
               if (x.project_kind != r.project_kind || x.project_id != r.project_id || x.level != r.level) continue;
               ++same_level;
               if (x.position == r.position) v.add("position", "duplicate", "Another result of this level has this position");
             }
             if (same_level >= kMaxResultsPerLevel)
               v.add("level", "too_many_results", "At most {max} results per level", {{"max", std::to_string(kMaxResultsPerLevel)}});
           },
       .insert =
           [&](store::Tx& tx, const Programme& p) {
             r.programme_id = p.id;
             r.id = insert_result(tx, r);
             auto made = *find_result(tx, r.id);
             return platform::Added{{result_json(made), made.version, 201}, bj::object{{"result_id", made.id}, {"level", made.level}}};
           }});
}

Written indicator_create(App& app, const Caller& c, std::int64_t result_id, const json::object& body) {
  Validator v(body);
  auto x = read_indicator(v);
  return platform::add<ResultCtx>(*app.db, c, result_id, v, result_kind(),
                                  {.action = "add_indicator",
                                   .refuse = {},
                                   .check = [&](store::Tx& tx, const ResultCtx& rc, Validator& v) { check_indicator(tx, v, x, rc.p); },
                                   .insert =
                                       [&](store::Tx& tx, const ResultCtx& rc) {
                                         x.result_id = rc.r.id;
                                         x.id = insert_indicator(tx, x);
                                         auto made = *find_indicator(tx, x.id);
                                         return platform::Added{{indicator_json(tx, made, rc.p), made.version, 201},
                                                                bj::object{{"indicator_id", made.id}, {"code", made.code}}};
                                       }});
}

Written indicator_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  auto in = read_indicator(v);
  Indicator changed;
  return platform::change<IndicatorCtx>(*app.db, c, id, version, v, indicator_kind(),
                                        {.action = "update",
                                         .refuse = {},
                                         .check =
                                             [&](store::Tx& tx, const IndicatorCtx& ic, Validator& v) {
                                               changed = in;
                                               changed.id = ic.x.id;
                                               changed.result_id = ic.x.result_id;
                                               check_indicator(tx, v, changed, ic.p);
                                             },
                                         .apply = [&](store::Tx& tx, const IndicatorCtx& ic) { return update_indicator(tx, changed, ic.x.version); },
                                         .before = [](store::Tx& tx, const IndicatorCtx& ic) -> bj::value { return indicator_json(tx, ic.x, ic.p); },
                                         .after = {}});
}

// ---------------------------------------------------------------- manual values

namespace {
struct ValueCtx {
  IndicatorValue v;
  Indicator x;
  Programme p;
};
platform::Kind<ValueCtx> value_kind() {
  return {.not_found = "No such indicator value",
          .stale = "The value changed since you read it",
          .find = [](store::Tx& tx, std::int64_t id) -> std::optional<ValueCtx> {
            auto v = find_value(tx, id);
            if (!v) return std::nullopt;
            auto x = find_indicator(tx, v->indicator_id);
            return ValueCtx{*v, *x, *programme_of(tx, *x)};
          },
          .version = [](const ValueCtx& c) { return c.v.version; },
          .subject = [](const ValueCtx& c) { return platform::Subject{"indicator_value", c.v.id, c.x.code + " " + c.v.period}; },
          .show = [](store::Tx& tx, const ValueCtx& c) { return value_json(tx, c.v, c.x.unit); }};
}

platform::Refusal<ValueCtx> unless_enterer(const auth::Principal& me) {
  return [&me](store::Tx&, const ValueCtx& c) -> std::optional<Say> {
    if (!policy::may_enter_indicator_values(me)) return say("values_entered_by_partners", "Indicator values are entered by the programme's partners and staff");
    if (!policy::runs_programme(me) && c.v.entered_by && *c.v.entered_by != me.user_id)
      return say("value_not_yours", "Only who entered a value, or the programme's staff, change it");
    return std::nullopt;
  };
}

void editable(const IndicatorValue& v) {
  if (v.status != "draft" && v.status != "returned") throw Conflict(say("value_not_editable", "Only a draft or returned value changes"));
}

struct ValueIn {
  std::string period, value, place;
  std::vector<Part> parts;
  std::optional<std::string> note;
};
ValueIn read_value(Validator& v) {
  v.only({"period", "value", "note", "place", "parts"});
  ValueIn in;
  in.period = v.text("period", Need::Required, 20).value_or("");
  if (!in.period.empty() && !valid_target_period(in.period))
    v.add("period", "invalid_period", "A year (2026), a quarter (2026-Q1), a month (2026-03) or the programme");
  in.value = v.text("value", Need::Required, 50).value_or("");
  in.place = v.text("place", Need::Optional, 20).value_or("MD");
  in.parts = read_parts(v, "parts");
  in.note = v.text("note", Need::Optional, 4000, true);
  return in;
}
// Its place and parts against the registry's districts and the category sets.
void check_value(store::Tx& tx, Validator& v, const ValueIn& in) {
  check_place(tx, v, in.place);
  check_parts(v, "parts", in.parts, category_sets_by_id(tx));
}

// A status change of a value, on the change skeleton.
Written move(App& app, const Caller& c, std::int64_t id, std::int64_t version, Validator& v, std::string_view action,
             platform::Refusal<ValueCtx> refuse, std::function<void(const ValueCtx&, IndicatorValue&)> to,
             std::function<void(store::Tx&, Validator&)> check = {}) {
  IndicatorValue changed;
  return platform::change<ValueCtx>(*app.db, c, id, version, v, value_kind(),
                                    {.action = action,
                                     .refuse = std::move(refuse),
                                     .check =
                                         [&](store::Tx& tx, const ValueCtx& x, Validator& v) {
                                           changed = x.v;
                                           to(x, changed);
                                           if (check) check(tx, v);
                                         },
                                     .apply = [&](store::Tx& tx, const ValueCtx& x) { return update_value(tx, changed, x.v.version); },
                                     .before = {},
                                     .after = [](store::Tx&, const ValueCtx& x) -> bj::value {
                                       return bj::object{{"status", x.v.status}, {"value", x.v.value}};
                                     }});
}
}  // namespace

Written value_create(App& app, const Caller& c, std::int64_t indicator_id, const json::object& body) {
  Validator v(body);
  auto in = read_value(v);
  return platform::add<IndicatorCtx>(
      *app.db, c, indicator_id, v, indicator_kind(),
      {.action = "add_value",
       .refuse = [&](store::Tx&, const IndicatorCtx&) -> std::optional<Say> {
         if (policy::may_enter_indicator_values(c.me)) return std::nullopt;
         return say("values_entered_by_partners", "Indicator values are entered by the programme's partners and staff");
       },
       .check =
           [&](store::Tx& tx, const IndicatorCtx& ic, Validator& v) {
             if (ic.x.measure) throw Conflict(say("indicator_computed", "This indicator is computed from the records: it takes no values"));
             check_value(tx, v, in);
           },
       .insert =
           [&](store::Tx& tx, const IndicatorCtx& ic) {
             IndicatorValue nv;
             nv.indicator_id = ic.x.id;
             nv.period = in.period;
             nv.value = in.value;
             nv.place = in.place;
             nv.parts = in.parts;
             nv.note = in.note;
             nv.entered_by = c.me.user_id;
             nv.id = insert_value(tx, nv);
             auto made = *find_value(tx, nv.id);
             return platform::Added{{value_json(tx, made, ic.x.unit), made.version, 201}, bj::object{{"value_id", made.id}, {"period", made.period}, {"value", made.value}}};
           }});
}

Written value_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  auto in = read_value(v);
  return move(
      app, c, id, version, v, "update", unless_enterer(c.me),
      [&](const ValueCtx& x, IndicatorValue& to) {
        editable(x.v);
        to.period = in.period;
        to.value = in.value;
        to.place = in.place;
        to.parts = in.parts;
        to.note = in.note;
      },
      [&](store::Tx& tx, Validator& v) { check_value(tx, v, in); });
}

Written value_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  return move(app, c, id, version, v, "submit", unless_enterer(c.me), [&](const ValueCtx& x, IndicatorValue& to) {
    editable(x.v);
    to.status = "submitted";
    to.submitted_by = c.me.user_id;
    to.submitted_at = now_iso();
    to.returned_reason.reset();
  });
}

Written value_approve(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  return move(
      app, c, id, version, v, "approve",
      [&](store::Tx&, const ValueCtx& x) { return policy::indicator_value_approval_refusal(c.me, x.v.submitted_by); },
      [&](const ValueCtx& x, IndicatorValue& to) {
        if (x.v.status != "submitted") throw Conflict(say("value_not_submitted", "Only a submitted value is approved or returned"));
        to.status = "approved";
        to.approved_by = c.me.user_id;
        to.approved_at = now_iso();
      });
}

Written value_return(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.reason("reason", 5);
  return move(
      app, c, id, version, v, "return",
      [&](store::Tx&, const ValueCtx& x) { return policy::indicator_value_approval_refusal(c.me, x.v.submitted_by); },
      [&](const ValueCtx& x, IndicatorValue& to) {
        if (x.v.status != "submitted") throw Conflict(say("value_not_submitted", "Only a submitted value is approved or returned"));
        to.status = "returned";
        to.returned_reason = reason;
      });
}

Written value_document(App& app, const Caller& c, std::int64_t id, std::string_view file, std::string_view filename) {
  return platform::upload_document<ValueCtx>(
      app, c, "indicator_value", id, value_kind(), unless_enterer(c.me),
      [](store::Tx&, const ValueCtx& x) -> std::string {
        editable(x.v);
        return "evidence";
      },
      file, filename);
}

void register_value_documents() {
  platform::register_document_owner(
      "indicator_value",
      {[](const auth::Principal&, store::Tx& tx, std::int64_t id) { return find_value(tx, id).has_value(); },
       [](const auth::Principal& me, store::Tx& tx, std::int64_t id) {
         auto v = find_value(tx, id);
         return v && policy::may_enter_indicator_values(me) && (policy::runs_programme(me) || v->entered_by == me.user_id) &&
                (v->status == "draft" || v->status == "returned");
       },
       // Evidence added or archived changes the value: its version moves (a stale submit is refused).
       [](store::Tx& tx, std::int64_t id) {
         tx.exec("UPDATE indicator_values SET version = version + 1, updated_at = $2 WHERE id = $1", {id, now_iso()});
       }});
}
}  // namespace sp::results
