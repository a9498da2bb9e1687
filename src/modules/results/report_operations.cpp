// A programme's logframe as a spreadsheet and its progress report as a PDF, in the reader's language
// (issue 15): the same measured framework as the open data (measured.hpp), small counts hidden.
#include <algorithm>
#include <cmath>

#include "common/errors.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "modules/results/measured.hpp"
#include "modules/results/operations.hpp"
#include "modules/results/repo.hpp"
#include "modules/results/rules.hpp"
#include "modules/services/services.hpp"
#include "platform/tallies.hpp"
#include "audit/audit.hpp"
#include "platform/directory.hpp"
#include "store/data_version.hpp"
#include "reports/pdf.hpp"

namespace sp::results {
namespace {
namespace tallies = platform::tallies;
using reports::Cell;


open_data::Activity load(store::Tx& tx, std::int64_t id) {
  auto p = find_programme(tx, id);
  if (!p) throw NotFound(say("not_found", "No such programme"));
  return activity_of(tx, std::move(*p));
}

std::optional<double> number_of(const std::optional<std::string>& s) { return s ? number_in(*s) : std::nullopt; }

// How much of the target the actual reaches, in percent (a descending indicator: target over actual).
std::optional<double> achieved(const Indicator& x, const open_data::Measured& m) {
  auto t = number_of(m.target), a = number_of(m.actual);
  if (!t || !a || *t == 0) return std::nullopt;
  if (!x.ascending) return *a == 0 ? std::nullopt : std::optional(*t / *a * 100.0);
  return *a / *t * 100.0;
}

std::string period_name(const Words& w, const std::string& period) {
  return period == "programme" ? w.tr("results.wholeProgramme") : period;
}

// A part's value in words: a sex, an age group, a disability, a target group, a service type.
std::string part_name(store::Tx& tx, const Words& w, const open_data::Part& part) {
  if (part.category == "sex") return w.code("sex", part.value);
  if (part.category == "disability") return w.code("disability", part.value);
  if (part.category == "target group") return w.code("target_group", part.value);
  if (part.category == "service type") return services::service_type_name(tx, part.value, w.lang());
  if (part.category == "lot") return w.code("lot_code", part.value);
  if (part.category == "kind") return w.code("contribution_kind", part.value);
  return part.value;
}
std::string category_name(const Words& w, const std::string& category) {
  if (category == "sex") return w.tr("ov.bySex");
  if (category == "age group") return w.tr("ov.byAge");
  if (category == "disability") return w.tr("ov.byDisability");
  if (category == "target group") return w.tr("ov.byGroup");
  if (category == "lot") return w.tr("results.byLot");
  if (category == "currency") return w.tr("results.byCurrency");
  if (category == "kind") return w.tr("results.byKind");
  return w.tr("results.byServiceType");
}

std::string file_stem(const Programme& p) { return "programme-" + p.code; }
}  // namespace

reports::Spreadsheet logframe_xlsx(App& app, std::int64_t id, const Words& w) {
  auto tx = app.db->read();
  auto a = load(tx, id);
  auto h = [&](std::initializer_list<std::string_view> keys) { return reports::headers(w, "sheet.logframe", keys); };
  std::vector<std::vector<Cell>> frame, parts;
  for (const auto& r : a.results)
    for (const auto& mi : r.indicators) {
      const auto& x = mi.x;
      for (const auto& m : mi.periods) {
        auto pct = achieved(x, m);
        frame.push_back({Cell::of(w.code("results.level", r.r.level) + " " + std::to_string(r.r.position)),
                         Cell::of(w.pick(r.r.title_ro, r.r.title_ru, r.r.title_en)), Cell::of(x.code),
                         Cell::of(w.pick(x.name_ro, x.name_ru, x.name_en)), Cell::of(w.code("results.unit", x.unit)),
                         Cell::of(x.baseline.value_or("")), x.baseline_year ? Cell::num(*x.baseline_year) : Cell::empty(),
                         Cell::of(period_name(w, m.period)), Cell::date(m.start), Cell::date(m.end),
                         number_of(m.target) ? Cell::num(*number_of(m.target)) : Cell::of(m.target.value_or("")),
                         number_of(m.actual) ? Cell::num(*number_of(m.actual)) : Cell::of(m.actual.value_or("")),
                         pct ? Cell{Cell::Kind::Percent, {}, *pct / 100.0} : Cell::empty(),
                         Cell::of(x.measure ? w.tr("results.computed") : w.tr("results.manual")), Cell::of(x.sources)});
        for (const auto& part : m.parts)
          parts.push_back({Cell::of(x.code), Cell::of(period_name(w, m.period)), Cell::of(category_name(w, part.category)),
                           Cell::of(part_name(tx, w, part)), Cell::num(static_cast<double>(part.count))});
      }
    }
  auto bytes = reports::xlsx_tables(
      w, {{w.tr("sheet.logframe.title"),
           h({"level", "result", "code", "indicator", "unit", "baseline", "baselineYear", "period", "from", "to", "target", "actual",
              "achieved", "how", "sources"}),
           std::move(frame)},
          {w.tr("sheet.logframe.partsTitle"), h({"code", "period", "category", "value", "count"}), std::move(parts)}});
  return {file_stem(a.p) + "-logframe", std::move(bytes)};
}

reports::Spreadsheet progress_pdf(App& app, std::int64_t id, const Words& w) {
  auto tx = app.db->read();
  auto a = load(tx, id);
  const auto& p = a.p;
  auto t = [&](const char* key, const boost::json::object& params = {}) { return w.tr(std::string("progressReport.") + key, params); };
  const auto name = w.pick(p.name_ro, p.name_ru, p.name_en);
  auto count = [&](std::int64_t n) { return n > 0 && n < 5 ? std::string("<5") : std::to_string(n); };
  auto total = [&](const char* measure, const std::string& period) {
    return tallies::roll_up(tallies::read(tx, measure, {period}, {std::string(tallies::kCountry)}), "").total;
  };

  reports::Pdf pdf(name, t("title") + " · " + p.code);
  // The cover: what the programme is, who pays and who runs it, as of today.
  pdf.title(t("title"));
  pdf.paragraph(name);
  std::string donors, partners, budget;
  for (const auto& d : p.donors) donors += (donors.empty() ? "" : "; ") + d.name;
  for (const auto& d : p.partners) partners += (partners.empty() ? "" : "; ") + d.name;
  for (const auto& c : p.contributions) budget += (budget.empty() ? "" : "; ") + c.by + ": " + format_money(c.amount_minor, c.currency);
  std::map<std::string, std::int64_t> awarded, paid;
  for (const auto& g : a.grants) {
    awarded[g.award.currency] += g.award.amount_minor;
    for (const auto& f : g.award.paid) paid[g.award.currency] += f.minor;
  }
  auto sums = [](const std::map<std::string, std::int64_t>& m) {
    std::string s;
    for (const auto& [cur, minor] : m) s += (s.empty() ? "" : "; ") + format_money(minor, cur);
    return s.empty() ? std::string("—") : s;
  };
  pdf.key_values({{t("code"), p.code},
                  {t("period"), w.date(p.starts_on) + " — " + w.date(p.ends_on)},
                  {t("status"), w.code("results.status", p.status)},
                  {t("asOf"), w.date(today())},
                  {t("donors"), donors.empty() ? "—" : donors},
                  {t("partners"), partners.empty() ? "—" : partners},
                  {t("budget"), budget.empty() ? "—" : budget}});

  // The summary: the figures of the whole period, and the grants.
  const auto span = span_of(p);
  pdf.heading(t("summary"));
  pdf.key_values({{t("peopleServed"), count(total("people_served", span))},
                  {t("deinstitutionalised"), count(total("deinstitutionalised", span))},
                  {t("units"), std::to_string(total("units_delivered", span))},
                  {t("grants"), std::to_string(a.grants.size())},
                  {t("awarded"), sums(awarded)},
                  {t("paid"), sums(paid)}});
  pdf.paragraph(t("privacy"));

  // Charts: people served each year, and by target group over the period.
  pdf.heading(t("peopleByYear"));
  std::vector<std::pair<std::string, double>> bars;
  std::vector<std::string> shown;
  for (const auto& year : years_of(p)) {
    auto n = total("people_served", year);
    bars.push_back({year, n > 0 && n < 5 ? 0.0 : static_cast<double>(n)});
    shown.push_back(count(n));
  }
  pdf.bars(bars, shown);
  {
    auto rows = tallies::read(tx, "people_served", {span}, {std::string(tallies::kCountry)});
    auto by = tallies::roll_up(rows, "tg");
    std::vector<std::int64_t> counts;
    for (const auto& [k, n] : by.by) counts.push_back(n);
    auto how = services::suppress_group(counts);
    std::vector<std::pair<std::string, double>> groups;
    std::vector<std::string> labels;
    std::size_t i = 0;
    for (const auto& [k, n] : by.by) {
      if (how[i++] != services::Shown::Value) continue;
      groups.push_back({w.code("target_group", k), static_cast<double>(n)});
    }
    std::sort(groups.begin(), groups.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& g : groups) labels.push_back(std::to_string(static_cast<std::int64_t>(g.second)));
    if (!groups.empty()) {
      pdf.heading(t("peopleByGroup"));
      pdf.bars(groups, labels);
    }
  }

  // The logframe: each result's indicators with their baseline, targets and actuals.
  pdf.heading(t("logframe"));
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : a.results)
    for (const auto& mi : r.indicators)
      for (const auto& m : mi.periods) {
        auto pct = achieved(mi.x, m);
        rows.push_back({w.code("results.level", r.r.level) + " " + std::to_string(r.r.position) + " · " + mi.x.code + " " +
                            w.pick(mi.x.name_ro, mi.x.name_ru, mi.x.name_en),
                        mi.x.baseline.value_or("—"), period_name(w, m.period), m.target.value_or("—"), m.actual.value_or("—"),
                        pct ? std::to_string(static_cast<int>(std::lround(*pct))) + "%" : "—"});
      }
  if (rows.empty())
    pdf.paragraph(t("noFramework"));
  else
    pdf.table({t("indicator"), t("baseline"), t("periodShort"), t("target"), t("actual"), "%"}, rows, {0.4, 0.09, 0.14, 0.12, 0.15, 0.1},
              {false, true, false, true, true, true});

  // The narrative of each result: where each indicator stands, and what was assumed.
  pdf.heading(t("narrative"));
  for (const auto& r : a.results) {
    pdf.paragraph(w.code("results.level", r.r.level) + " " + std::to_string(r.r.position) + ". " + w.pick(r.r.title_ro, r.r.title_ru, r.r.title_en));
    std::string text;
    for (const auto& mi : r.indicators)
      for (const auto& m : mi.periods) {
        boost::json::object params{{"code", mi.x.code}, {"period", period_name(w, m.period)}, {"target", m.target.value_or("—")}};
        auto pct = achieved(mi.x, m);
        if (!m.actual)
          text += t(mi.x.measure ? "hidden" : "notReported", params);
        else if (pct) {
          params["actual"] = *m.actual;
          params["percent"] = std::to_string(static_cast<int>(std::lround(*pct)));
          text += t(*pct >= 100 ? "reached" : "reaching", params);
        } else {
          params["actual"] = *m.actual;
          text += t("stands", params);
        }
        text += " ";
      }
    if (r.r.assumptions) text += t("assumptions", {{"text", *r.r.assumptions}});
    pdf.paragraph(text.empty() ? t("noIndicators") : text);
  }

  // The actuals' parts over the programme's period.
  std::vector<std::vector<std::string>> parts;
  for (const auto& r : a.results)
    for (const auto& mi : r.indicators)
      for (const auto& m : mi.periods)
        if (m.period == "programme")
          for (const auto& part : m.parts)
            parts.push_back({mi.x.code, category_name(w, part.category), part_name(tx, w, part), std::to_string(part.count)});
  if (!parts.empty()) {
    pdf.heading(t("parts"));
    pdf.table({t("indicatorCode"), t("category"), t("value"), t("count")}, parts, {0.16, 0.3, 0.4, 0.14}, {false, false, false, true});
  }
  return {file_stem(p) + "-" + today() + ".pdf", pdf.finish()};
}

namespace {
std::pair<boost::json::object, std::int64_t> indicator_page(store::Tx& tx, std::int64_t id) {
  namespace bj = boost::json;
  auto x = find_indicator(tx, id);
  if (!x) throw NotFound(say("not_found", "No such indicator"));
  auto r = find_result(tx, x->result_id);
  auto p = programme_of(tx, *x);
  auto m = measured(tx, *p, {*r});
  bj::array periods;
  for (const auto& mi : m.front().indicators)
    if (mi.x.id == x->id)
      for (const auto& period : mi.periods) {
        bj::array parts;
        for (const auto& part : period.parts) parts.push_back({{"category", part.category}, {"value", part.value}, {"count", part.count}});
        auto pct = achieved(*x, period);
        periods.push_back({{"period", period.period}, {"starts_on", period.start}, {"ends_on", period.end},
                           {"target", nullable(period.target)}, {"actual", nullable(period.actual)},
                           {"achieved_percent", pct ? bj::value(std::lround(*pct)) : bj::value(nullptr)}, {"parts", std::move(parts)}});
      }
  // The history: the indicator's changes and its values', newest first, each by its author's name.
  std::vector<audit::Row> rows;
  auto take = [&](const char* entity, std::int64_t entity_id) {
    audit::Filter f;
    f.entity = entity;
    f.entity_id = entity_id;
    f.limit = 200;
    for (auto& row : audit::rows(tx, f)) rows.push_back(std::move(row));
  };
  take("indicator", x->id);
  std::vector<std::int64_t> people;
  bj::array values;
  const auto own_values = values_of(tx, x->id);
  for (const auto& v : own_values) {
    take("indicator_value", v.id);
    for (const auto& who : {v.entered_by, v.submitted_by, v.approved_by})
      if (who) people.push_back(*who);
  }
  for (const auto& row : rows)
    if (row.user_id) people.push_back(*row.user_id);
  auto names = platform::user_names(tx, people);
  auto name = [&](const std::optional<std::int64_t>& who) { return who && names.contains(*who) ? bj::value(names[*who]) : bj::value(nullptr); };
  // Parts by their categories' names; parts given in an older version of a set also read in its newest
  // through the mappings (decision 0027).
  const auto sets = category_sets_by_id(tx);
  auto parts_json = [&](const std::vector<Part>& parts) {
    bj::array out;
    for (const auto& part : parts) {
      auto s = sets.find(part.set_id);
      if (s == sets.end()) continue;
      bj::object o{{"set_id", part.set_id}, {"set_code", s->second.code}, {"set_version", s->second.set_version}, {"code", part.code}, {"value", part.value}};
      for (const auto& item : s->second.items)
        if (item.code == part.code) o["name"] = {{"ro", item.name_ro}, {"ru", item.name_ru}, {"en", item.name_en}};
      out.push_back(std::move(o));
    }
    return out;
  };
  auto in_newest = [&](const std::vector<Part>& parts) {
    bj::array out;
    std::map<std::int64_t, std::vector<Part>> by_set;
    for (const auto& part : parts) by_set[part.set_id].push_back(part);
    for (const auto& [set_id, ps] : by_set) {
      auto chain = chain_to_newest(sets, set_id);
      if (chain.empty() || chain.back().id == set_id) continue;  // given in the newest version already
      bj::array mapped;
      for (const auto& [code, n] : mapped_parts(ps, chain)) mapped.push_back({{"code", code}, {"value", n}});
      out.push_back({{"set_id", chain.back().id}, {"set_code", chain.back().code}, {"set_version", chain.back().set_version}, {"parts", std::move(mapped)}});
    }
    return out;
  };
  for (const auto& v : own_values) {
    values.push_back({{"id", v.id}, {"period", v.period}, {"value", v.value}, {"place", v.place}, {"status", v.status}, {"note", nullable(v.note)},
                      {"returned_reason", nullable(v.returned_reason)}, {"entered_by_name", name(v.entered_by)},
                      {"submitted_by_name", name(v.submitted_by)}, {"submitted_at", nullable(v.submitted_at)},
                      {"approved_by_name", name(v.approved_by)}, {"approved_at", nullable(v.approved_at)},
                      {"parts", parts_json(v.parts)}, {"parts_in_newest", in_newest(v.parts)}, {"flags", flags_json(x->unit, v.value, v.parts)}});
  }
  bj::array target_parts;
  for (const auto& t : x->targets)
    if (!t.parts.empty())
      target_parts.push_back({{"period", t.period}, {"value", t.value}, {"parts", parts_json(t.parts)}, {"flags", flags_json(x->unit, t.value, t.parts)}});
  std::sort(rows.begin(), rows.end(), [](const audit::Row& a, const audit::Row& b) { return a.id > b.id; });
  bj::array history;
  for (const auto& row : rows)
    history.push_back({{"at", row.at}, {"action", row.action}, {"entity", row.entity}, {"summary", row.summary}, {"by", name(row.user_id)}});
  bj::object o{{"id", x->id},
               {"code", x->code},
               {"name_ro", x->name_ro},
               {"name_ru", x->name_ru},
               {"name_en", x->name_en},
               {"definition_ro", x->definition_ro},
               {"definition_ru", x->definition_ru},
               {"definition_en", x->definition_en},
               {"unit", x->unit},
               {"ascending", x->ascending},
               {"measure", nullable(x->measure)},
               {"baseline", nullable(x->baseline)},
               {"baseline_year", nullable(x->baseline_year)},
               {"sources", x->sources},
               {"reference", nullable(x->reference)},
               {"result", {{"id", r->id}, {"level", r->level}, {"position", r->position}, {"title_ro", r->title_ro}, {"title_ru", r->title_ru}, {"title_en", r->title_en}}},
               {"programme", {{"id", p->id}, {"code", p->code}, {"name_ro", p->name_ro}, {"name_ru", p->name_ru}, {"name_en", p->name_en}}},
               {"periods", std::move(periods)},
               {"values", std::move(values)},
               {"target_parts", std::move(target_parts)},
               {"history", std::move(history)},
               {"version", x->version}};
  return {std::move(o), x->version};
}
}  // namespace

// The same for every reader until the data changes: kept by the data's version (as a programme's page).
platform::KeptRecord indicator_get(App& app, const auth::Principal&, std::int64_t id) {
  static platform::KeptAnswers kept;
  auto tx = app.db->read();
  return platform::kept_record(kept, std::to_string(id), store::data_version(tx), [&] { return indicator_page(tx, id); });
}
}  // namespace sp::results
