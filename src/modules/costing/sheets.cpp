#include "modules/costing/sheets.hpp"

#include "common/errors.hpp"
#include "common/exact.hpp"
#include "common/money.hpp"
#include "modules/costing/inputs.hpp"
#include "modules/costing/operations.hpp"
#include "modules/costing/repo.hpp"
#include "modules/costing/rules.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"
#include "reports/pdf.hpp"
#include "reports/workbook.hpp"

namespace sp::costing {
namespace {
using reports::cell_ref;
using Fmt = reports::Workbook::Fmt;

struct Loaded {
  std::string type_name, territory_name;
  CostModel record;
  Model model;
  ParameterSet set;
  Outputs outputs;
  Exacts exact;
};

Loaded load(App& app, const auth::Principal& me, std::int64_t id, const Words& w) {
  auto tx = app.db->read();
  auto m = readable_model(tx, me, id);
  auto set = find_parameter_set(tx, m.parameter_set_id);
  if (!set) throw NotFound(say("not_found", "No such parameter set"));
  Loaded l{services::service_type_name(tx, m.type_code, w.lang()), w.tr("cost.national"), m, model_of(m), *set, {}, {}};
  if (m.territory != "national")
    if (auto u = registry::find_unit(tx, m.territory)) l.territory_name = u->name;
  l.outputs = compute(l.model, parameters_of(*set), &l.exact);
  return l;
}

double lei(std::int64_t minor) { return static_cast<double>(minor) / 100.0; }
double ppm(std::int64_t p) { return static_cast<double>(p) / 1'000'000.0; }
double as_double(const Exact& x) { return std::stod(x.decimal(6)); }
std::string file_stem(const CostModel& m) { return "cost-" + m.number.value_or("model-" + std::to_string(m.id)); }
}  // namespace

reports::Spreadsheet model_xlsx(App& app, const auth::Principal& me, std::int64_t id, const Words& w) {
  auto l = load(app, me, id, w);
  const auto& m = l.model;
  const auto& o = l.outputs;
  reports::Workbook x(w.tr("cost.sheetName"));
  auto t = [&](const char* key) { return w.tr(std::string("cost.") + key); };
  int r = 0;
  x.text(r++, 0, l.record.name + (l.record.number ? " · " + *l.record.number : ""), Fmt::Title);
  x.text(r++, 0, w.tr("cost.sheetHelp"));
  ++r;
  // The inputs that apply to the whole model, one a row: label in A, value in B.
  x.text(r++, 0, t("sheetInputs"), Fmt::Bold);
  auto input = [&](const char* key, double v, Fmt f) {
    x.text(r, 0, t(key));
    x.number(r, 1, v, f);
    return cell_ref(r++, 1, true);
  };
  const auto employer_rate = m.public_employer ? l.set.employer_rate_public_ppm : l.set.employer_rate_private_ppm;
  const auto wage = input("minimumWage", lei(l.set.minimum_wage_minor), Fmt::Money);
  (void)wage;
  const auto rate = input(m.public_employer ? "ratePublic" : "ratePrivate", ppm(employer_rate), Fmt::Percent);
  const auto working = input("workingDays", l.set.working_days, Fmt::Whole);
  const auto leave = input("leaveDays", l.set.leave_days, Fmt::Whole);
  const auto hours_day = input("hoursPerDay", ppm(l.set.hours_per_day_ppm), Fmt::Decimal);
  const auto sick = input("sickTrainingDays", ppm(m.sick_training_days_ppm), Fmt::Decimal);
  const auto overhead_rate = input("overheadRate", ppm(m.overhead_rate_ppm), Fmt::Percent);
  const auto places = input("places", m.places, Fmt::Whole);
  const auto occupancy = input("occupancy", ppm(m.occupancy_ppm), Fmt::Percent);
  const auto operating = input("operatingDays", m.operating_days, Fmt::Whole);
  x.text(r, 0, t("productiveHours"));
  const auto productive = cell_ref(r, 1, true);
  x.formula(r++, 1, "=(" + working + "-" + leave + "-" + sick + ")*" + hours_day, as_double(l.exact.productive_hours_per_fte), Fmt::Decimal);
  ++r;

  // Staff: each line's year and its direct hours.
  x.text(r, 0, t("staff"), Fmt::Bold);
  const char* staff_head[] = {"position", "grossMonthly", "fte", "months", "clinical", "directShare", "lineCost", "directHoursCol"};
  for (int c = 0; c < 8; ++c) x.text(r, c, t(staff_head[c]), Fmt::Bold);
  ++r;
  const int staff_first = r;
  std::vector<int> staff_row;
  for (std::size_t i = 0; i < m.staff.size(); ++i, ++r) {
    const auto& s = m.staff[i];
    staff_row.push_back(r);
    x.text(r, 0, s.position);
    x.number(r, 1, lei(s.gross_monthly_minor), Fmt::Money);
    x.number(r, 2, ppm(s.fte_ppm), Fmt::Decimal);
    x.number(r, 3, s.months, Fmt::Whole);
    x.number(r, 4, s.clinical ? 1 : 0, Fmt::Whole);
    x.number(r, 5, ppm(s.direct_share_ppm), Fmt::Percent);
    const auto row = std::to_string(r + 1);
    x.formula(r, 6, "=B" + row + "*D" + row + "*C" + row + "*(1+" + rate + ")", lei(o.staff_lines[i]), Fmt::Money);
    const double hours = s.clinical ? ppm(s.fte_ppm) * as_double(l.exact.productive_hours_per_fte) * s.months / 12.0 * ppm(s.direct_share_ppm) : 0;
    x.formula(r, 7, "=IF(E" + row + "=1,C" + row + "*" + productive + "*D" + row + "/12*F" + row + ",0)", hours, Fmt::Decimal);
  }
  const int staff_last = r - 1;
  x.text(r, 0, t("sectionTotal"), Fmt::Bold);
  const auto staff_total = cell_ref(r, 6, true), direct_hours = cell_ref(r, 7, true);
  auto sum = [&](int col, int first, int last) {
    return last < first ? std::string("=0") : "=SUM(" + cell_ref(first, col) + ":" + cell_ref(last, col) + ")";
  };
  x.formula(r, 6, sum(6, staff_first, staff_last), lei(o.staff_minor), Fmt::Money);
  x.formula(r++, 7, sum(7, staff_first, staff_last), ppm(o.direct_hours_ppm), Fmt::Decimal);
  ++r;

  // Running costs: a year's amount, or a price times its quantity.
  const char* running_head[] = {"category", "description", "amount", "basis", "quantity", "lineCost"};
  for (int c = 0; c < 6; ++c) x.text(r, c, t(running_head[c]), Fmt::Bold);
  ++r;
  const int running_first = r;
  for (std::size_t i = 0; i < m.running.size(); ++i, ++r) {
    const auto& l2 = m.running[i];
    const auto row = std::to_string(r + 1);
    x.text(r, 0, w.code("cost_category", l2.category));
    x.text(r, 1, l2.description);
    x.number(r, 2, lei(l2.amount_minor), Fmt::Money);
    x.text(r, 3, l2.basis.empty() ? "" : w.code("cost_basis", l2.basis));
    if (!l2.basis.empty()) x.number(r, 4, ppm(l2.quantity_ppm), Fmt::Decimal);
    x.formula(r, 5, "=IF(D" + row + "=\"\",C" + row + ",C" + row + "*E" + row + ")", lei(o.running_lines[i]), Fmt::Money);
  }
  const int running_last = r - 1;
  x.text(r, 0, t("sectionTotal"), Fmt::Bold);
  const auto running_total = cell_ref(r, 5, true);
  x.formula(r++, 5, sum(5, running_first, running_last), lei(o.running_minor), Fmt::Money);
  ++r;

  // Assets, straight-line.
  const char* asset_head[] = {"assetName", "value", "usefulLife", "capital"};
  for (int c = 0; c < 4; ++c) x.text(r, c, t(asset_head[c]), Fmt::Bold);
  ++r;
  const int asset_first = r;
  for (const auto& a : m.assets) {
    const auto row = std::to_string(r + 1);
    x.text(r, 0, a.name);
    x.number(r, 1, lei(a.value_minor), Fmt::Money);
    x.number(r, 2, a.useful_life_years, Fmt::Whole);
    x.formula(r++, 3, "=B" + row + "/C" + row, lei(a.value_minor) / a.useful_life_years, Fmt::Money);
  }
  const int asset_last = r - 1;
  x.text(r, 0, t("sectionTotal"), Fmt::Bold);
  const auto capital_total = cell_ref(r, 3, true);
  x.formula(r++, 3, sum(3, asset_first, asset_last), lei(o.capital_minor), Fmt::Money);
  ++r;

  // The results: each a formula of the cells above.
  x.text(r++, 0, t("results"), Fmt::Bold);
  auto result = [&](const char* key, const std::string& f, std::optional<std::int64_t> minor) {
    x.text(r, 0, t(key));
    if (minor) x.formula(r, 1, f, lei(*minor), Fmt::Money);
    else x.formula(r, 1, f, 0, Fmt::Money);
    return cell_ref(r++, 1, true);
  };
  result("staff_minor", "=" + staff_total, o.staff_minor);
  result("running_minor", "=" + running_total, o.running_minor);
  const auto direct = result("direct_minor", "=" + staff_total + "+" + running_total, o.direct_minor);
  const auto overhead = result("overhead_minor", "=" + direct + "*" + overhead_rate, o.overhead_minor);
  result("capital_minor", "=" + capital_total, o.capital_minor);
  const auto total = result("total_minor", "=" + direct + "+" + overhead + "+" + capital_total, o.total_minor);
  result("per_place_year_minor", "=IF(" + places + ">0," + total + "/" + places + ",0)", o.per_place_year.value);
  result("per_beneficiary_year_minor", "=IF(" + places + "*" + occupancy + ">0," + total + "/(" + places + "*" + occupancy + "),0)", o.per_beneficiary_year.value);
  result("per_beneficiary_month_minor", "=IF(" + places + "*" + occupancy + ">0," + total + "/(" + places + "*" + occupancy + "*12),0)", o.per_beneficiary_month.value);
  result("per_beneficiary_day_minor", "=IF(" + places + "*" + occupancy + "*" + operating + ">0," + total + "/(" + places + "*" + occupancy + "*" + operating + "),0)", o.per_beneficiary_day.value);
  result("per_contact_hour_minor", "=IF(" + direct_hours + ">0," + total + "/" + direct_hours + ",0)", o.per_contact_hour.value);
  ++r;

  // Activities: the position's loaded hour (its share of the total, in proportion to pay, over its hours).
  if (!m.activities.empty()) {
    const char* act_head[] = {"activity", "doneBy", "minutes", "perBeneficiaryMonth", "materials", "loadedHour", "perOccurrence", "perMonth"};
    for (int c = 0; c < 8; ++c) x.text(r, c, t(act_head[c]), Fmt::Bold);
    ++r;
    std::vector<int> act_row;
    for (std::size_t i = 0; i < m.activities.size(); ++i, ++r) {
      const auto& a = m.activities[i];
      const int sr = staff_row[static_cast<std::size_t>(a.staff_line)];
      const auto row = std::to_string(r + 1);
      const auto s = std::to_string(sr + 1);
      act_row.push_back(r);
      x.text(r, 0, a.name);
      x.text(r, 1, m.staff[static_cast<std::size_t>(a.staff_line)].position);
      x.number(r, 2, ppm(a.minutes_ppm), Fmt::Decimal);
      x.number(r, 3, ppm(a.per_beneficiary_month_ppm), Fmt::Decimal);
      x.number(r, 4, lei(a.materials_minor), Fmt::Money);
      const auto& sl = m.staff[static_cast<std::size_t>(a.staff_line)];
      const double line_hours = ppm(sl.fte_ppm) * as_double(l.exact.productive_hours_per_fte) * sl.months / 12.0;
      const double loaded = line_hours > 0 && !l.exact.staff.is_zero()
                                ? lei(o.staff_lines[static_cast<std::size_t>(a.staff_line)]) * as_double(l.exact.total / l.exact.staff) / line_hours
                                : 0;
      x.formula(r, 5, "=IF(C" + s + "*" + productive + "*D" + s + ">0,G" + s + "*" + total + "/" + staff_total + "/(C" + s + "*" + productive + "*D" + s + "/12),0)",
                loaded, Fmt::Money);
      x.formula(r, 6, "=C" + row + "/60*F" + row + "+E" + row, lei(o.activities[i].per_occurrence_minor), Fmt::Money);
      x.formula(r, 7, "=G" + row + "*D" + row, lei(o.activities[i].per_beneficiary_month_minor), Fmt::Money);
    }
    ++r;
    x.text(r, 0, t("package"), Fmt::Bold);
    x.text(r++, 1, t("perMonth"), Fmt::Bold);
    for (std::size_t i = 0; i < m.packages.size(); ++i, ++r) {
      std::string f = "=0";
      for (int a : m.packages[i].activities) f += "+" + cell_ref(act_row[static_cast<std::size_t>(a)], 7);
      x.text(r, 0, m.packages[i].name);
      x.formula(r, 1, f, lei(o.packages[i].per_beneficiary_month_minor), Fmt::Money);
    }
  }
  x.width(0, 36);
  for (int c = 1; c < 8; ++c) x.width(c, 16);
  return {file_stem(l.record), x.finish()};
}

reports::Spreadsheet model_pdf(App& app, const auth::Principal& me, std::int64_t id, const Words& w) {
  auto l = load(app, me, id, w);
  const auto& m = l.model;
  const auto& o = l.outputs;
  auto t = [&](const char* key) { return w.tr(std::string("cost.") + key); };
  auto money = [](std::int64_t minor) { return format_money(minor, "MDL"); };
  auto figure = [&](const Figure& f) { return f.value ? money(*f.value) : std::string("—"); };
  reports::Pdf pdf(l.record.name, t("sheetTitle") + " · " + l.record.name);
  pdf.title(t("sheetTitle"));
  pdf.paragraph(l.record.name);
  pdf.key_values({{t("kind"), w.code("cost_kind", l.record.kind)},
                  {t("type"), l.type_name},
                  {t("territory"), l.territory_name},
                  {t("year"), std::to_string(l.record.year)},
                  {w.tr("common.status"), w.code("cost_status", l.record.status)},
                  {t("number"), l.record.number.value_or("—")},
                  {t("parameters"), w.tr("cost.setLabel", {{"year", l.set.year}, {"edition", l.set.edition}, {"wage", money(l.set.minimum_wage_minor)}})}});
  pdf.heading(t("results"));
  pdf.key_values({{t("total"), money(o.total_minor)},
                  {t("per_place_year_minor"), figure(o.per_place_year)},
                  {t("per_beneficiary_month_minor"), figure(o.per_beneficiary_month)},
                  {t("per_beneficiary_day_minor"), figure(o.per_beneficiary_day)},
                  {t("per_contact_hour_minor"), figure(o.per_contact_hour)}});
  pdf.heading(t("structure"));
  auto share = [&](std::int64_t part) {
    if (o.total_minor == 0) return std::string("—");
    return Exact::ratio(part * 100, o.total_minor).decimal(1) + "%";
  };
  pdf.table({t("figure"), t("perYear"), "%"},
            {{t("staff"), money(o.staff_minor), share(o.staff_minor)},
             {t("running"), money(o.running_minor), share(o.running_minor)},
             {t("overhead"), money(o.overhead_minor), share(o.overhead_minor)},
             {t("capital"), money(o.capital_minor), share(o.capital_minor)}},
            {0.5, 0.3, 0.2}, {false, true, true});
  pdf.heading(t("staff"));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < m.staff.size(); ++i) {
    const auto& s = m.staff[i];
    rows.push_back({s.position, money(s.gross_monthly_minor), plain(s.fte_ppm), std::to_string(s.months),
                    s.clinical ? percent(s.direct_share_ppm) + "%" : "—", money(o.staff_lines[i])});
  }
  pdf.table({t("position"), t("grossMonthly"), t("fte"), t("months"), t("directShare"), t("lineCost")}, rows, {0.26, 0.2, 0.1, 0.1, 0.14, 0.2},
            {false, true, true, true, true, true});
  pdf.heading(t("running"));
  rows.clear();
  for (std::size_t i = 0; i < m.running.size(); ++i) {
    const auto& r = m.running[i];
    rows.push_back({w.code("cost_category", r.category), r.description,
                    r.basis.empty() ? money(r.amount_minor) : money(r.amount_minor) + " × " + plain(r.quantity_ppm) + " (" + w.code("cost_basis", r.basis) + ")",
                    money(o.running_lines[i])});
  }
  pdf.table({t("category"), t("description"), t("amount"), t("lineCost")}, rows, {0.24, 0.3, 0.26, 0.2}, {false, false, true, true});
  if (!m.assets.empty()) {
    pdf.heading(t("assets"));
    rows.clear();
    for (const auto& a : m.assets) rows.push_back({a.name, money(a.value_minor), std::to_string(a.useful_life_years), money((Exact::ratio(a.value_minor, a.useful_life_years)).round())});
    pdf.table({t("assetName"), t("value"), t("usefulLife"), t("capital")}, rows, {0.4, 0.22, 0.16, 0.22}, {false, true, true, true});
  }
  pdf.heading(t("capacity"));
  pdf.key_values({{t("places"), std::to_string(m.places)},
                  {t("occupancy"), percent(m.occupancy_ppm) + "%"},
                  {t("operatingDays"), std::to_string(m.operating_days)},
                  {t("sickTrainingDays"), plain(m.sick_training_days_ppm)},
                  {t("overheadRate"), percent(m.overhead_rate_ppm) + "%"},
                  {t("productiveHours"), plain(o.productive_hours_per_fte_ppm)}});
  if (!m.activities.empty()) {
    pdf.heading(t("activities"));
    rows.clear();
    for (std::size_t i = 0; i < m.activities.size(); ++i) {
      const auto& a = m.activities[i];
      rows.push_back({a.name, m.staff[static_cast<std::size_t>(a.staff_line)].position, plain(a.minutes_ppm), plain(a.per_beneficiary_month_ppm),
                      money(o.activities[i].per_occurrence_minor), money(o.activities[i].per_beneficiary_month_minor)});
    }
    pdf.table({t("activity"), t("doneBy"), t("minutes"), t("perBeneficiaryMonth"), t("perOccurrence"), t("perMonth")}, rows,
              {0.26, 0.18, 0.1, 0.12, 0.16, 0.18}, {false, false, true, true, true, true});
    rows.clear();
    for (std::size_t i = 0; i < m.packages.size(); ++i) rows.push_back({m.packages[i].name, money(o.packages[i].per_beneficiary_month_minor)});
    if (!rows.empty()) pdf.table({t("package"), t("perMonth")}, rows, {0.6, 0.4}, {false, true});
  }
  pdf.heading(t("formulasTitle"));
  for (const char* k : {"formulaStaff", "formulaOverhead", "formulaCapital", "formulaTotal", "formulaUnits", "formulaHours", "formulaActivities"})
    pdf.paragraph(t(k));
  return {file_stem(l.record) + ".pdf", pdf.finish()};
}
}  // namespace sp::costing
