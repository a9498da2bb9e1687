#include "modules/costing/inputs.hpp"

#include "common/exact.hpp"
#include "common/money.hpp"

namespace sp::costing {
namespace {
constexpr std::int64_t kWhole = 1'000'000;
json::value figure(const Figure& f) {
  if (f.value) return *f.value;
  return nullptr;
}
}  // namespace

std::optional<std::int64_t> percentage(Validator& v, std::string_view field, Need need) {
  auto p = v.decimal(field, need, 0, 100 * kWhole);
  if (!p) return std::nullopt;
  if (*p % 100 != 0) {
    v.add(field, "decimal", "At most four decimals");
    return std::nullopt;
  }
  return *p / 100;
}

std::string percent(std::int64_t ppm) { return Exact::ratio(ppm, 10'000).decimal(4); }
std::string plain(std::int64_t ppm) { return Exact::ppm(ppm).decimal(6); }

Model read_model(Validator& v) {
  Model m;
  m.overhead_rate_ppm = percentage(v, "overhead_rate", Need::Optional).value_or(0);
  m.places = static_cast<int>(v.integer("places", Need::Optional, 0, 100'000).value_or(0));
  m.occupancy_ppm = percentage(v, "occupancy", Need::Optional).value_or(kWhole);
  m.operating_days = static_cast<int>(v.integer("operating_days", Need::Optional, 0, 366).value_or(0));
  m.sick_training_days_ppm = v.decimal("sick_training_days", Need::Optional, 0, 366 * kWhole).value_or(0);
  v.each_object("staff", Need::Optional, 100, [&](Validator& s, std::size_t) {
    s.only({"position", "gross_monthly_minor", "fte", "months", "clinical", "direct_share"});
    StaffLine l;
    l.position = s.text("position", Need::Required, 200).value_or("");
    l.gross_monthly_minor = s.integer("gross_monthly_minor", Need::Required, 0, kMaxMinor).value_or(0);
    l.fte_ppm = s.decimal("fte", Need::Required, 1, 100 * kWhole).value_or(kWhole);
    l.months = static_cast<int>(s.integer("months", Need::Optional, 1, 12).value_or(12));
    l.clinical = s.boolean("clinical", Need::Optional).value_or(false);
    l.direct_share_ppm = percentage(s, "direct_share", Need::Optional).value_or(0);
    m.staff.push_back(std::move(l));
  });
  v.each_object("running", Need::Optional, 100, [&](Validator& r, std::size_t) {
    r.only({"category", "description", "amount_minor", "basis", "quantity"});
    RunningLine l;
    l.category = r.one_of("category", Need::Required, running_categories()).value_or("other");
    l.description = r.text("description", Need::Optional, 200).value_or("");
    l.amount_minor = r.integer("amount_minor", Need::Required, 0, kMaxMinor).value_or(0);
    l.basis = r.one_of("basis", Need::Optional, running_bases()).value_or("");
    l.quantity_ppm = r.decimal("quantity", l.basis.empty() ? Need::Optional : Need::Required, 0, 10'000'000 * kWhole).value_or(0);
    m.running.push_back(std::move(l));
  });
  v.each_object("assets", Need::Optional, 100, [&](Validator& a, std::size_t) {
    a.only({"name", "value_minor", "useful_life_years"});
    Asset x;
    x.name = a.text("name", Need::Required, 200).value_or("");
    x.value_minor = a.integer("value_minor", Need::Required, 0, kMaxMinor).value_or(0);
    x.useful_life_years = static_cast<int>(a.integer("useful_life_years", Need::Required, 1, 100).value_or(1));
    m.assets.push_back(std::move(x));
  });
  v.each_object("activities", Need::Optional, 100, [&](Validator& a, std::size_t) {
    a.only({"name", "staff_line", "minutes", "per_beneficiary_month", "materials_minor"});
    Activity x;
    x.name = a.text("name", Need::Required, 200).value_or("");
    x.staff_line = static_cast<int>(a.integer("staff_line", Need::Required, 0, 99).value_or(0));
    x.minutes_ppm = a.decimal("minutes", Need::Required, 1, 24 * 60 * kWhole).value_or(kWhole);
    x.per_beneficiary_month_ppm = a.decimal("per_beneficiary_month", Need::Required, 0, 1000 * kWhole).value_or(0);
    x.materials_minor = a.integer("materials_minor", Need::Optional, 0, kMaxMinor).value_or(0);
    m.activities.push_back(std::move(x));
  });
  v.each_object("packages", Need::Optional, 20, [&](Validator& p, std::size_t) {
    p.only({"name", "activities"});
    Package x;
    x.name = p.text("name", Need::Required, 200).value_or("");
    if (const auto* list = p.array("activities", Need::Required, 100))
      for (const auto& a : *list) {
        if (a.is_int64() && a.get_int64() >= 0 && a.get_int64() < 100) x.activities.push_back(static_cast<int>(a.get_int64()));
        else p.add("activities", "type", "Must be the activities' positions");
      }
    m.packages.push_back(std::move(x));
  });

  return m;
}

json::object to_json(const Model& m) {
  json::array staff, running, assets, activities, packages;
  for (const auto& s : m.staff)
    staff.push_back({{"position", s.position},
                     {"gross_monthly_minor", s.gross_monthly_minor},
                     {"fte", plain(s.fte_ppm)},
                     {"months", s.months},
                     {"clinical", s.clinical},
                     {"direct_share", percent(s.direct_share_ppm)}});
  for (const auto& r : m.running)
    running.push_back({{"category", r.category},
                       {"description", r.description},
                       {"amount_minor", r.amount_minor},
                       {"basis", r.basis.empty() ? json::value(nullptr) : json::value(r.basis)},
                       {"quantity", r.basis.empty() ? json::value(nullptr) : json::value(plain(r.quantity_ppm))}});
  for (const auto& a : m.assets) assets.push_back({{"name", a.name}, {"value_minor", a.value_minor}, {"useful_life_years", a.useful_life_years}});
  for (const auto& a : m.activities)
    activities.push_back({{"name", a.name},
                          {"staff_line", a.staff_line},
                          {"minutes", plain(a.minutes_ppm)},
                          {"per_beneficiary_month", plain(a.per_beneficiary_month_ppm)},
                          {"materials_minor", a.materials_minor}});
  for (const auto& p : m.packages) {
    json::array ids;
    for (int a : p.activities) ids.push_back(a);
    packages.push_back({{"name", p.name}, {"activities", std::move(ids)}});
  }
  return {{"overhead_rate", percent(m.overhead_rate_ppm)},
          {"places", m.places},
          {"occupancy", percent(m.occupancy_ppm)},
          {"operating_days", m.operating_days},
          {"sick_training_days", plain(m.sick_training_days_ppm)},
          {"staff", std::move(staff)},
          {"running", std::move(running)},
          {"assets", std::move(assets)},
          {"activities", std::move(activities)},
          {"packages", std::move(packages)}};
}

json::object to_json(const Outputs& o) {
  json::array staff, running, activities, packages;
  for (auto c : o.staff_lines) staff.push_back(c);
  for (auto c : o.running_lines) running.push_back(c);
  for (const auto& a : o.activities)
    activities.push_back(json::object{{"per_occurrence_minor", a.per_occurrence_minor}, {"per_beneficiary_month_minor", a.per_beneficiary_month_minor}});
  for (const auto& p : o.packages) packages.push_back(json::object{{"per_beneficiary_month_minor", p.per_beneficiary_month_minor}});
  json::object missing;
  auto note = [&](const char* name, const Figure& f) {
    if (!f.value) missing[name] = f.missing;
  };
  note("per_place_year", o.per_place_year);
  note("per_beneficiary_year", o.per_beneficiary_year);
  note("per_beneficiary_month", o.per_beneficiary_month);
  note("per_beneficiary_day", o.per_beneficiary_day);
  note("per_contact_hour", o.per_contact_hour);
  return {{"staff_minor", o.staff_minor},
          {"running_minor", o.running_minor},
          {"direct_minor", o.direct_minor},
          {"overhead_minor", o.overhead_minor},
          {"capital_minor", o.capital_minor},
          {"total_minor", o.total_minor},
          {"per_place_year_minor", figure(o.per_place_year)},
          {"per_beneficiary_year_minor", figure(o.per_beneficiary_year)},
          {"per_beneficiary_month_minor", figure(o.per_beneficiary_month)},
          {"per_beneficiary_day_minor", figure(o.per_beneficiary_day)},
          {"per_contact_hour_minor", figure(o.per_contact_hour)},
          {"missing", std::move(missing)},
          {"productive_hours_per_fte", plain(o.productive_hours_per_fte_ppm)},
          {"direct_hours", plain(o.direct_hours_ppm)},
          {"activity_hours", plain(o.activity_hours_ppm)},
          {"activity_share", o.activity_share_ppm ? json::value(percent(*o.activity_share_ppm)) : json::value(nullptr)},
          {"activities_exceed_staff", o.activities_exceed_staff},
          {"staff_lines", std::move(staff)},
          {"running_lines", std::move(running)},
          {"activities", std::move(activities)},
          {"packages", std::move(packages)}};
}
}  // namespace sp::costing
