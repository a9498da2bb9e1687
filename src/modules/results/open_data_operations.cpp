// Open data of the programmes (decision 0025): what may be published read here, written by
// open_data.cpp. The actuals are the country's, with counts below 5 hidden together with what would
// give them back, as for anyone who may not see people.
#include <algorithm>
#include <set>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "modules/grants/grants.hpp"
#include "modules/registry/registry.hpp"
#include "modules/results/measured.hpp"
#include "modules/results/operations.hpp"
#include "modules/results/repo.hpp"
#include "modules/results/rules.hpp"
#include "modules/services/services.hpp"
#include "platform/tallies.hpp"

namespace sp::results {
namespace {
namespace tallies = platform::tallies;
using open_data::Org;

open_data::Publisher publisher(App& app) {
  return {{app.cfg.open_data_ref, app.cfg.open_data_publisher, app.cfg.open_data_type}, app.cfg.public_base(), app.cfg.giving_prefix,
          now_iso()};
}

Org org_of(const registry::Organisation& o) { return {"MD-IDNO-" + o.idno, o.name, "22"}; }

void measure(store::Tx& tx, const Programme& p, const Indicator& x, open_data::Measured& m) {
  const auto* info = measure_of(*x.measure);
  if (!info) return;
  auto rows = programme_rows(tx, p, *x.measure, m.period);
  auto total = tallies::roll_up(rows, "").total;
  if (info->people && total > 0 && total < 5) return;  // hidden, and so are its parts
  m.actual = std::to_string(info->reported(total));
  for (const auto& [category, name] : info->categories) {
    auto r = tallies::roll_up(rows, category);
    std::vector<std::int64_t> counts;
    for (const auto& [k, n] : r.by) counts.push_back(n);
    // People's small counts hidden with what would give them back; services, grants and money shown.
    auto how = info->people ? services::suppress_group(counts) : std::vector<services::Shown>(counts.size(), services::Shown::Value);
    std::size_t i = 0;
    for (const auto& [k, n] : r.by)
      if (how[i++] == services::Shown::Value) m.parts.push_back({name, k, info->reported(n)});
  }
}

}  // namespace

std::vector<platform::tallies::Value> programme_rows(store::Tx& tx, const Programme& p, const std::string& measure, const std::string& period) {
  auto rows = tallies::read(tx, measure, {period == "programme" ? span_of(p) : period}, {std::string(tallies::kCountry)});
  if (const auto* info = measure_of(measure); !info || !info->by_call) return rows;
  std::set<std::string> calls(p.calls.begin(), p.calls.end());
  std::erase_if(rows, [&](const tallies::Value& v) { return !calls.contains(tallies::dims_of(v.dims)["call"]); });
  return rows;
}

std::vector<open_data::MeasuredResult> measured(store::Tx& tx, const Programme& p, const std::vector<FrameworkResult>& rs) {
  std::vector<open_data::MeasuredResult> out;
  for (const auto& r : rs) {
    open_data::MeasuredResult mr{r, {}};
    for (const auto& x : indicators_of(tx, r.id)) {
      open_data::MeasuredIndicator mi{x, {}};
      const auto values = x.measure ? std::vector<IndicatorValue>{} : values_of(tx, x.id);
      auto targets = x.targets;
      if (targets.empty()) targets.push_back({"programme", ""});
      for (const auto& t : targets) {
        open_data::Measured m;
        m.period = t.period;
        std::tie(m.start, m.end) = open_data::period_days(t.period, p);
        if (!t.value.empty()) m.target = t.value;
        if (x.measure)
          measure(tx, p, x, m);
        else
          m.actual = approved_value(values, t.period);  // only approved values count
        mi.periods.push_back(std::move(m));
      }
      mr.indicators.push_back(std::move(mi));
    }
    out.push_back(std::move(mr));
  }
  return out;
}

open_data::Activity activity_of(store::Tx& tx, Programme p) {
  open_data::Activity a;
  for (const auto& party : p.donors)
    if (party.organisation_id)
      if (auto o = registry::find_organisation(tx, *party.organisation_id)) a.parties[o->id] = org_of(*o);
  for (const auto& party : p.partners)
    if (party.organisation_id)
      if (auto o = registry::find_organisation(tx, *party.organisation_id)) a.parties[o->id] = org_of(*o);

  std::vector<FrameworkResult> own;
  std::map<std::int64_t, std::vector<FrameworkResult>> projects;
  for (const auto& r : results_of(tx, p.id)) {
    if (!r.project_kind)
      own.push_back(r);
    else if (*r.project_kind == "agreement" && r.project_id)
      projects[*r.project_id].push_back(r);
  }
  a.results = measured(tx, p, own);
  for (const auto& [agreement, rs] : projects) a.projects[agreement] = measured(tx, p, rs);

  std::vector<std::int64_t> calls;
  for (const auto& c : p.calls) calls.push_back(std::stoll(c));
  auto awards = grants::awards_in_calls(tx, calls);
  std::vector<std::string> districts;
  for (const auto& w : awards)
    if (w.district) districts.push_back(*w.district);
  auto names = registry::unit_names(tx, districts);
  for (auto& w : awards) {
    open_data::Grant g;
    if (auto o = registry::find_organisation(tx, w.organisation_id)) g.recipient = org_of(*o);
    if (w.partner_authority_id && w.authority_minor > 0)
      if (auto au = registry::find_authority(tx, *w.partner_authority_id))
        g.cofunder = Org{au->idno ? "MD-IDNO-" + *au->idno : "", au->name, "10"};
    if (w.district)
      if (auto it = names.find(*w.district); it != names.end()) g.district_name = it->second;
    g.award = std::move(w);
    a.grants.push_back(std::move(g));
  }
  a.p = std::move(p);
  return a;
}

namespace {
std::vector<open_data::Activity> activities(store::Tx& tx, std::optional<std::int64_t> programme_id) {
  std::vector<Programme> ps;
  if (programme_id) {
    auto p = find_programme(tx, *programme_id);
    if (!p) throw NotFound(say("not_found", "No such programme"));
    ps.push_back(std::move(*p));
  } else {
    ps = list_programmes(tx);
    std::reverse(ps.begin(), ps.end());  // oldest first
  }
  std::vector<open_data::Activity> out;
  for (auto& p : ps) out.push_back(activity_of(tx, std::move(p)));
  return out;
}
}  // namespace

std::string iati_activities(App& app, std::optional<std::int64_t> programme_id) {
  auto tx = app.db->read();
  return open_data::iati_activities(activities(tx, programme_id), publisher(app), today());
}

std::string giving_json(App& app, std::optional<std::int64_t> programme_id) {
  auto tx = app.db->read();
  return serialize_exact(open_data::giving_package(activities(tx, programme_id), publisher(app)));
}

std::string giving_csv(App& app, std::optional<std::int64_t> programme_id) {
  auto tx = app.db->read();
  return open_data::giving_csv(activities(tx, programme_id), publisher(app));
}
}  // namespace sp::results
