#include "modules/costing/demo.hpp"

#include <map>

#include "common/time.hpp"
#include "modules/costing/operations.hpp"
#include "modules/costing/repo.hpp"
#include "modules/costing/rules.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"

namespace sp::costing {
namespace {
constexpr std::int64_t kFte = 1'000'000;

StaffLine staff(const char* position, std::int64_t lei, std::int64_t fte_hundredths, bool clinical, std::int64_t direct_percent) {
  return {position, lei * 100, fte_hundredths * 10'000, 12, clinical, direct_percent * 10'000};
}
RunningLine running(const char* category, std::int64_t minor, const char* description, const char* basis = "", std::int64_t quantity = 0) {
  return {category, minor, basis, quantity * kFte, description};
}
Activity activity(const char* name, int staff_line, std::int64_t minutes, std::int64_t per_month_tenths, std::int64_t materials_lei) {
  return {name, staff_line, minutes * kFte, per_month_tenths * 100'000, materials_lei * 100};
}

struct Standard {
  const char* type;
  const char* name;
  Model model;
};

// The standards a district council sets for 2026 (inputs written as its social assistance
// department would, from the methodology's worksheets).
std::vector<Standard> standards() {
  std::vector<Standard> out;
  {
    Model m;
    m.staff = {staff("Coordonator", 12000, 50, false, 0), staff("Asistent social", 9500, 200, true, 65), staff("Psiholog", 10500, 100, true, 70),
               staff("Kinetoterapeut", 10000, 50, true, 75), staff("Șofer", 7000, 100, false, 0)};
    m.running = {running("transport", 250, "Combustibil și întreținere", "per_km", 24000), running("materials", 3000000, "Materiale de lucru"),
                 running("communications", 600000, "Telefonie și internet"), running("training_supervision", 1200000, "Supervizare profesională"),
                 running("insurance", 400000, "Asigurarea automobilului")};
    m.overhead_rate_ppm = 100'000;
    m.assets = {{"Automobil", 35000000, 5}, {"Echipament de reabilitare", 6000000, 3}};
    m.places = 25;
    m.occupancy_ppm = 850'000;
    m.operating_days = 247;
    m.sick_training_days_ppm = 6 * kFte;
    m.activities = {activity("Evaluarea nevoilor la domiciliu", 1, 90, 5, 20), activity("Vizită de asistență socială", 1, 60, 40, 15),
                    activity("Consiliere psihologică", 2, 50, 20, 0), activity("Ședință de kinetoterapie", 3, 45, 40, 5),
                    activity("Consilierea familiei", 2, 60, 10, 0), activity("Planificarea și revizuirea cazului", 1, 45, 10, 0),
                    activity("Însoțire la servicii comunitare", 1, 120, 10, 30)};
    m.packages = {{"Pachet complet", {0, 1, 2, 3, 4, 5, 6}}, {"Pachet parțial", {1, 2}}};
    out.push_back({"mobile_team", "Echipă mobilă — cost standard 2026", m});
  }
  {
    Model m;
    m.staff = {staff("Coordonator", 11000, 50, false, 0), staff("Asistent personal", 7000, 1000, true, 90)};
    m.running = {running("transport", 1000000, "Deplasări la beneficiari"), running("training_supervision", 800000, "Instruirea asistenților"),
                 running("materials", 500000, "Materiale de îngrijire")};
    m.overhead_rate_ppm = 80'000;
    m.places = 10;
    m.occupancy_ppm = kFte;
    m.operating_days = 247;
    m.sick_training_days_ppm = 5 * kFte;
    m.activities = {activity("Asistență la igienă și îngrijire", 1, 60, 200, 5), activity("Asistență la mobilitate", 1, 60, 160, 0),
                    activity("Însoțire în comunitate", 1, 120, 40, 10)};
    m.packages = {{"Pachet complet", {0, 1, 2}}, {"Pachet parțial", {0}}};
    out.push_back({"personal_assistance", "Asistență personală — cost standard 2026", m});
  }
  {
    Model m;
    m.staff = {staff("Coordonator", 11000, 50, false, 0), staff("Asistent social", 9500, 100, true, 60), staff("Educator", 8000, 200, true, 80)};
    m.running = {running("food", 1800000, "Alimentație", "per_beneficiary", 6), running("rent_utilities", 6000000, "Chirie și utilități"),
                 running("materials", 1200000, "Igienă și gospodărie"), running("insurance", 300000, "Asigurarea locuinței")};
    m.overhead_rate_ppm = 100'000;
    m.assets = {{"Mobilier și echipament casnic", 12000000, 5}};
    m.places = 6;
    m.occupancy_ppm = kFte;
    m.operating_days = 365;
    m.sick_training_days_ppm = 5 * kFte;
    m.activities = {activity("Deprinderi de viață independentă", 2, 90, 120, 10), activity("Asistență socială individuală", 1, 60, 20, 0)};
    m.packages = {{"Pachet complet", {0, 1}}, {"Pachet parțial", {1}}};
    out.push_back({"protected_housing", "Locuință protejată — cost standard 2026", m});
  }
  {
    Model m;
    m.staff = {staff("Asistent parental profesionist", 7500, 300, true, 90), staff("Asistent social", 9500, 50, true, 50)};
    m.running = {running("food", 2400000, "Alimentația copilului", "per_beneficiary", 3), running("materials", 900000, "Îmbrăcăminte și rechizite"),
                 running("transport", 600000, "Deplasări"), running("training_supervision", 400000, "Formare continuă")};
    m.overhead_rate_ppm = 70'000;
    m.places = 3;
    m.occupancy_ppm = 900'000;
    m.operating_days = 365;
    m.sick_training_days_ppm = 4 * kFte;
    m.activities = {activity("Îngrijirea zilnică a copilului", 0, 240, 300, 20), activity("Vizita asistentului social", 1, 60, 20, 0)};
    m.packages = {{"Pachet complet", {0, 1}}, {"Pachet parțial", {1}}};
    out.push_back({"parental_assistance", "Asistență parentală profesionistă — cost standard 2026", m});
  }
  {
    Model m;
    m.staff = {staff("Coordonator", 11000, 50, false, 0), staff("Asistent social", 9500, 200, true, 70), staff("Psiholog", 10500, 50, true, 70)};
    m.running = {running("transport", 1200000, "Deplasări la familii"), running("materials", 800000, "Materiale informative"),
                 running("training_supervision", 500000, "Supervizare")};
    m.overhead_rate_ppm = 100'000;
    m.places = 30;
    m.occupancy_ppm = 900'000;
    m.operating_days = 247;
    m.sick_training_days_ppm = 5 * kFte;
    m.activities = {activity("Vizită la familie", 1, 90, 20, 10), activity("Consiliere psihologică", 2, 50, 10, 0)};
    m.packages = {{"Pachet complet", {0, 1}}, {"Pachet parțial", {0}}};
    out.push_back({"family_support", "Sprijin pentru familiile cu copii — cost standard 2026", m});
  }
  return out;
}

// A service's own 2026 model from what the registry of services knows: its staffing and capacity.
Model service_model(const services::ServiceUnit& s, const std::string& unit) {
  Model m;
  for (const auto& p : s.staff_positions) {
    std::int64_t lei = p.title == "Manager" ? 12000 : p.title == "Asistent social" ? 9500 : p.title == "Asistent personal" ? 7000 : 8000;
    bool clinical = p.title != "Manager";
    m.staff.push_back(staff(p.title.c_str(), lei, p.fte_hundredths, clinical, clinical ? 70 : 0));
  }
  const std::int64_t places = std::max(1, s.capacity);
  m.running = {running("transport", 1500000, "Deplasări"), running("materials", places * 60000, "Materiale"),
               running("communications", 300000, "Telefonie și internet")};
  if (unit == "place_month" || unit == "day") m.running.push_back(running("food", 1200000, "Alimentație", "per_place", places));
  if (unit == "place_month") m.running.push_back(running("rent_utilities", 4000000, "Chirie și utilități"));
  m.overhead_rate_ppm = 100'000;
  m.places = static_cast<int>(places);
  m.occupancy_ppm = 850'000;
  m.operating_days = unit == "place_month" ? 365 : 247;
  m.sick_training_days_ppm = 5 * kFte;
  return m;
}
}  // namespace

boost::json::object load_demo(platform::DemoContext& d) {
  auto& tx = d.tx;
  // The real figures: minimum wage 5,000 / 5,500 / 6,300 lei; 24% and 29%; working days 2025 252 and
  // 2026 247 (as published; 2024 by the calendar); 8-hour days; 20 working days of leave.
  struct Year {
    int year;
    std::int64_t wage_lei;
    int working_days;
    std::int64_t eur_rate_ppm;  // a planning rate, lei for one euro (check against the NBM's)
  };
  std::map<int, ParameterSet> sets;
  for (const Year y : {Year{2024, 5000, weekday_working_days(2024), 19'300000}, Year{2025, 5500, 252, 19'600000},
                      Year{2026, 6300, 247, 19'800000}}) {
    ParameterSet s;
    s.year = y.year;
    s.edition = 1;
    s.valid_from = std::to_string(y.year) + "-01-01";
    s.minimum_wage_minor = y.wage_lei * 100;
    s.employer_rate_private_ppm = 240'000;
    s.employer_rate_public_ppm = 290'000;
    s.working_days = y.working_days;
    s.leave_days = 20;
    s.hours_per_day_ppm = 8 * kFte;
    s.eur_rate_ppm = y.eur_rate_ppm;
    s.holidays = public_holidays(y.year);
    s.note = "Salariul minim pe economie, contribuția de asigurări sociale a angajatorului, zilele lucrătoare ale anului.";
    s.id = insert_parameter_set(tx, s);
    sets[y.year] = s;
  }
  const auto& p2026 = sets[2026];
  const auto params = parameters_of(p2026);
  const auto maker = d.accounts.count("lpa_staff") && d.accounts.at("lpa_staff").size() >= 3 ? d.accounts.at("lpa_staff")[1] : 0;
  const auto checker = d.accounts.count("lpa_staff") && d.accounts.at("lpa_staff").size() >= 3 ? d.accounts.at("lpa_staff")[2] : 0;
  int numbered = 0;
  auto number = [&] {
    auto n = std::to_string(++numbered);
    return "CM-2026-" + std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
  };
  const auto now = now_iso();
  auto approved = [&](CostModel& cm, std::optional<std::int64_t> by, std::optional<std::int64_t> approver) {
    cm.status = "approved";
    cm.number = number();
    cm.created_by = by;
    cm.submitted_by = by;
    cm.submitted_at = now;
    cm.approved_by = approver;
    cm.approved_at = now;
  };
  auto id_or_null = [](std::int64_t id) { return id ? std::optional<std::int64_t>(id) : std::nullopt; };

  int standards_made = 0, scenarios = 0;
  // A territory's approved standard of 2026 for a type (named with its district where it is not the
  // sample's, so that a list of every district's standards tells them apart).
  auto standard = [&](const auto& st, const std::string& territory, std::optional<std::int64_t> by, std::optional<std::int64_t> approver) {
    CostModel cm;
    cm.kind = "standard";
    cm.name = st.name;
    if (territory != d.sample_district)
      if (auto u = registry::find_unit(tx, territory)) cm.name += " — " + u->name;
    cm.type_code = st.type;
    cm.territory = territory;
    cm.year = 2026;
    cm.parameter_set_id = p2026.id;
    compute_into(cm, st.model, params);
    approved(cm, by, approver);
    cm.id = insert_model(tx, cm);
    ++standards_made;
    return cm;
  };
  for (const auto& st : standards()) {
    if (!check(st.model, params).empty()) continue;  // a demo that does not pass its own rules is a bug the tests show
    auto cm = standard(st, d.sample_district, id_or_null(maker), id_or_null(checker));
    // What if only 70% of the places are used?
    CostModel sc = cm;
    sc.name = "Scenariu: ocupare 70%";
    sc.number.reset();
    sc.status = "draft";
    sc.scenario_of = cm.id;
    sc.submitted_by.reset();
    sc.submitted_at.reset();
    sc.approved_by.reset();
    sc.approved_at.reset();
    sc.scenario = R"({"occupancy":"70","pay_rise":null,"parameter_set_id":null,"public_employer":null})";
    compute_into(sc, apply(st.model, {.occupancy_ppm = 700'000, .pay_rise_ppm = std::nullopt, .public_employer = std::nullopt}), params);
    insert_model(tx, sc);
    ++scenarios;
  }

  // The second district council (Ungheni) costs personal assistance on its own: the standard its
  // open purchase's ceiling comes from. Kept by its own staff account (the fourth council account).
  if (d.second_council && !d.second_district.empty())
    for (const auto& st : standards()) {
      if (std::string_view(st.type) != "personal_assistance" || !check(st.model, params).empty()) continue;
      const auto& staff = d.accounts.count("lpa_staff") ? d.accounts.at("lpa_staff") : std::vector<std::int64_t>{};
      standard(st, d.second_district, staff.size() >= 4 ? std::optional(staff[3]) : std::nullopt, std::nullopt);
    }

  int service_models = 0;
  const auto cso = id_or_null(d.account("cso_staff"));
  const auto officer = id_or_null(d.account("officer"));
  std::map<std::string, std::string> units;
  for (const auto& s : services::all_service_units(tx)) {
    if (!units.count(s.type_code)) units[s.type_code] = services::service_type_unit(tx, s.type_code);
    auto m = service_model(s, units[s.type_code]);
    auto provider = services::provider_party(s);
    m.public_employer = !provider.organisation_id && provider.authority_id;
    if (!check(m, params).empty()) continue;
    CostModel cm;
    cm.kind = "service";
    cm.name = s.name + " — 2026";
    cm.service_id = s.id;
    cm.provider_organisation_id = provider.organisation_id;
    cm.provider_authority_id = provider.authority_id;
    cm.type_code = s.type_code;
    cm.territory = s.district;
    cm.year = 2026;
    cm.parameter_set_id = p2026.id;
    cm.public_employer = m.public_employer;
    compute_into(cm, m, params);
    approved(cm, cso, officer);
    insert_model(tx, cm);
    ++service_models;
    // The demo CSO's services also live from their district council's budget.
    if (provider.organisation_id && provider.organisation_id == d.sample_organisation) {
      Expenditure e;
      e.service_id = s.id;
      e.year = 2026;
      e.category = "staff";
      e.amount_minor = cm.total_minor * 3 / 10;  // the council pays about 30% of what it costs
      e.source = "local_budget";
      e.note = "Contribuția consiliului raional la salarii";
      e.created_by = cso;
      insert_expenditure(tx, e);
    }
  }
  return {{"parameter sets", 3}, {"standards", standards_made}, {"scenarios", scenarios}, {"service cost models", service_models}};
}
}  // namespace sp::costing
