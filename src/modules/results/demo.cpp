#include "modules/results/demo.hpp"

#include "common/time.hpp"
#include "modules/grants/grants.hpp"
#include "modules/results/operations.hpp"
#include "modules/results/repo.hpp"
#include "platform/tallies.hpp"

namespace sp::results {
boost::json::object load_demo(platform::DemoContext& d) {
  auto& tx = d.tx;
  const auto calls = grants::call_infos(tx);
  auto placed = [&](auto&& keep) {
    std::vector<std::string> out;
    for (const auto& c : calls)
      if (keep(c.code)) out.push_back(std::to_string(c.id));
    return out;
  };
  const std::optional<std::int64_t> officer = d.account("officer") ? std::optional(d.account("officer")) : std::nullopt;
  const Party eu{"Uniunea Europeană", std::nullopt, ""}, foundation{"Fundația Soros Moldova", std::nullopt, ""};
  const Party keystone{"Keystone Moldova", std::nullopt, "co_implementing"}, ivc{"Institutum Virtutes Civilis", std::nullopt, "co_implementing"};
  const Party aopd{"Alianța Organizațiilor pentru Persoane cu Dizabilități", std::nullopt, "monitoring"};
  const Party apscf{"Alianța ONG-urilor active în domeniul protecției sociale a copilului și familiei", std::nullopt, "monitoring"};
  const Party sfm{"Fundația Soros Moldova", std::nullopt, "implementing"};

  std::vector<Programme> ps(3);
  ps[0].code = "SSP-2018";
  ps[0].name_ro = "Servicii sociale mai bune printr-un parteneriat durabil între societatea civilă și guvern";
  ps[0].name_ru = "Лучшие социальные услуги через устойчивое партнёрство гражданского общества и государства";
  ps[0].name_en = "Better Social Services through a Sustainable Partnership between Civil Society and Government";
  ps[0].donors = {eu};
  ps[0].partners = {sfm, keystone, aopd, apscf};
  ps[0].starts_on = "2018-02-01";
  ps[0].ends_on = "2021-01-31";
  ps[0].contributions = {{"Uniunea Europeană", 198'988'800, "EUR"}};
  ps[0].calls = placed([](const std::string& code) { return code == "CSS-2018"; });
  ps[0].status = "closed";

  ps[1].code = "CABSS-2021";
  ps[1].name_ro = "Organizațiile societății civile acționează pentru servicii sociale mai bune";
  ps[1].name_ru = "Организации гражданского общества действуют ради лучших социальных услуг";
  ps[1].name_en = "Civil Society Organisations Acting for Better Social Services";
  ps[1].donors = {eu, foundation};
  ps[1].partners = {sfm, keystone, ivc};
  ps[1].starts_on = "2021-02-01";
  ps[1].ends_on = "2024-07-31";
  ps[1].contributions = {{"Buget total (Uniunea Europeană, cofinanțat de Fundația Soros Moldova)", 337'500'000, "EUR"}};
  ps[1].calls = placed([](const std::string& code) { return code == "CSS-2021" || code == "MEDIA-2021"; });
  ps[1].status = "closed";

  // The current phase: from a year ago to two years on, with the calls of these years.
  const auto t = today();
  ps[2].code = "CSS-" + t.substr(0, 4);
  ps[2].name_ro = "Servicii sociale în comunitate — faza curentă";
  ps[2].name_ru = "Социальные услуги в сообществе — текущий этап";
  ps[2].name_en = "Community social services — current phase";
  ps[2].donors = {eu, foundation};
  ps[2].partners = {sfm, keystone};
  ps[2].starts_on = add_months(t.substr(0, 8) + "01", -12);
  ps[2].ends_on = add_days(add_months(t.substr(0, 8) + "01", 24), -1);
  ps[2].contributions = {{"Uniunea Europeană", 250'000'000, "EUR"}, {"Fundația Soros Moldova", 25'000'000, "EUR"}};
  ps[2].calls = placed([](const std::string& code) { return code.rfind("CSS-", 0) == 0 && code != "CSS-2018" && code != "CSS-2021"; });
  // The reporting rates (MDL for one euro, about the period's average): grants paid in euros are
  // converted at them when public money's share of service funding is read.
  ps[0].mdl_per_eur_ppm = 20'200'000;
  ps[1].mdl_per_eur_ppm = 19'600'000;
  ps[2].mdl_per_eur_ppm = 19'500'000;

  for (auto& p : ps) {
    p.created_by = officer;
    p.id = insert_programme(tx, p);
    platform::tallies::recount_span(tx, tally_span(p));
  }

  // Shared disaggregation categories (decision 0027); funding sources in two versions, the second
  // merging the local and central public budgets, mapped.
  struct I18nNames {
    const char *ro, *ru, *en;
  };
  auto set = [&](const char* code, I18nNames n, std::vector<CategoryItem> items, std::optional<std::int64_t> from = std::nullopt,
                 std::map<std::string, std::string> mapping = {}) {
    CategorySet c;
    c.code = code;
    c.set_version = from ? 2 : 1;
    c.name_ro = n.ro;
    c.name_ru = n.ru;
    c.name_en = n.en;
    c.items = std::move(items);
    c.mapped_from = from;
    c.mapping = std::move(mapping);
    c.created_by = officer;
    return insert_category_set(tx, c);
  };
  const auto sex = set("sex", {"Sex", "Пол", "Sex"}, {{"female", "Feminin", "Женский", "Female"}, {"male", "Masculin", "Мужской", "Male"}});
  set("age_group", {"Grupa de vârstă", "Возрастная группа", "Age group"},
      {{"0-6", "0–6 ani", "0–6 лет", "0–6 years"}, {"7-17", "7–17 ani", "7–17 лет", "7–17 years"}, {"18-34", "18–34 ani", "18–34 лет", "18–34 years"},
       {"35-64", "35–64 ani", "35–64 лет", "35–64 years"}, {"65+", "65 de ani și peste", "65 лет и старше", "65 and over"}});
  const auto area = set("urban_rural", {"Mediu de reședință", "Тип местности", "Urban or rural"},
                        {{"urban", "Urban", "Городская", "Urban"}, {"rural", "Rural", "Сельская", "Rural"}});
  const auto funding1 = set("funding_source", {"Sursa de finanțare", "Источник финансирования", "Funding source"},
                            {{"eu", "Uniunea Europeană", "Европейский союз", "European Union"},
                             {"foundation", "Fundația", "Фонд", "The foundation"},
                             {"public_local", "Bugetul local", "Местный бюджет", "Local budget"},
                             {"public_central", "Bugetul de stat", "Государственный бюджет", "State budget"},
                             {"own", "Surse proprii ale OSC", "Собственные средства ОГО", "The CSO's own"}});
  set("funding_source", {"Sursa de finanțare", "Источник финансирования", "Funding source"},
      {{"eu", "Uniunea Europeană", "Европейский союз", "European Union"},
       {"foundation", "Fundația", "Фонд", "The foundation"},
       {"public", "Bani publici (local și de stat)", "Публичные средства (местные и государственные)", "Public money (local and state)"},
       {"own", "Surse proprii ale OSC", "Собственные средства ОГО", "The CSO's own"}},
      funding1, {{"eu", "eu"}, {"foundation", "foundation"}, {"public_local", "public"}, {"public_central", "public"}, {"own", "own"}});

  // The frameworks, with the programmes' own targets (the seeds' figures; the current phase's by year).
  int results = 0, indicators = 0;
  auto result = [&](const Programme& p, const char* level, int position, const char* ro, const char* ru, const char* en) {
    FrameworkResult r;
    r.programme_id = p.id;
    r.level = level;
    r.position = position;
    r.title_ro = ro;
    r.title_ru = ru;
    r.title_en = en;
    ++results;
    return insert_result(tx, r);
  };
  struct Names {
    const char *code, *ro, *ru, *en;
  };
  auto indicator = [&](std::int64_t result_id, Names n, std::optional<std::string> measure, std::vector<Target> targets, const char* sources,
                       std::optional<std::string> baseline = std::string("0"), std::optional<int> baseline_year = std::nullopt) {
    Indicator x;
    x.result_id = result_id;
    x.code = n.code;
    x.name_ro = n.ro;
    x.name_ru = n.ru;
    x.name_en = n.en;
    x.unit = "number";
    x.measure = std::move(measure);
    x.baseline = std::move(baseline);
    x.baseline_year = baseline_year;
    x.targets = std::move(targets);
    x.sources = sources;
    ++indicators;
    return insert_indicator(tx, x);
  };
  const Names served{"OC1.1", "Copii și persoane cu dizabilități deservite de serviciile comunitare",
                     "Дети и люди с инвалидностью, получающие услуги в сообществе", "Children and people with disabilities served by community services"};
  const Names left{"OC1.2", "Persoane dezinstituționalizate", "Деинституционализированные люди", "People deinstitutionalised"};
  const Names csos{"OP1.1", "OSC cu capacitate consolidată", "ОГО с укреплённым потенциалом", "CSOs with stronger capacity"};
  const Names projects{"OP1.2", "Proiecte ale OSC care creează servicii comunitare cu autoritățile locale",
                       "Проекты ОГО, создающие услуги с местными властями", "CSO projects that set up community services with local authorities"};
  const char* registry = "Registrul serviciilor și al beneficiarilor din socialpact (înregistrările lunare de prestare).";
  {
    const auto& p = ps[0];
    result(p, "impact", 1, "Copiii și persoanele cu dizabilități trăiesc în comunitate, cu serviciile de care au nevoie",
           "Дети и люди с инвалидностью живут в сообществе, получая нужные услуги",
           "Children and people with disabilities live in their communities with the services they need");
    auto oc = result(p, "outcome", 1, "Servicii sociale comunitare create de OSC împreună cu autoritățile locale",
                     "Социальные услуги, созданные ОГО вместе с местными властями", "Community social services set up by CSOs with local authorities");
    // The seeds' target of people served, disaggregated by sex.
    indicator(oc, served, "people_served", {{"programme", "1000", {{sex, "female", "500"}, {sex, "male", "500"}}}}, registry, std::string("0"), 2018);
    indicator(oc, left, "deinstitutionalised", {{"programme", "100"}}, registry, std::string("0"), 2018);
    auto op = result(p, "output", 1, "OSC mai puternice", "Более сильные ОГО", "Stronger CSOs");
    auto capacity = indicator(op, csos, std::nullopt, {{"programme", "60"}}, "Evaluările capacității organizaționale (inițială și finală).",
                              std::string("0"), 2018);
    auto grants = indicator(op, projects, std::nullopt, {{"programme", "30"}}, "Contractele de grant semnate.", std::string("0"), 2018);
    // Manual values in each state: the capacity assessments approved; the projects' count submitted,
    // waiting for the officer.
    const auto cso = d.account("cso_staff") ? std::optional(d.account("cso_staff")) : std::nullopt;
    const auto admin = d.account("admin") ? std::optional(d.account("admin")) : std::nullopt;
    IndicatorValue a;
    a.indicator_id = capacity;
    a.period = "programme";
    a.value = "62";
    a.note = "Evaluarea finală a capacității organizaționale, ianuarie 2021: 62 de OSC cu scor îmbunătățit.";
    a.status = "approved";
    a.parts = {{area, "urban", "40"}, {area, "rural", "22"}};
    a.entered_by = a.submitted_by = cso;
    a.submitted_at = "2021-02-15T10:00:00Z";
    a.approved_by = officer;
    a.approved_at = "2021-02-22T10:00:00Z";
    insert_value(tx, a);
    IndicatorValue s = a;
    s.indicator_id = grants;
    s.value = "31";
    s.note = "31 de contracte de grant semnate cu OSC în parteneriat cu autoritățile locale.";
    s.status = "submitted";
    // By funding source in the first version of the set; its parts add up to 29 of the 31: flagged.
    s.parts = {{funding1, "eu", "18"}, {funding1, "foundation", "6"}, {funding1, "public_local", "5"}};
    s.submitted_by = admin;
    s.submitted_at = add_days(today(), -2) + "T09:00:00Z";
    s.approved_by.reset();
    s.approved_at.reset();
    insert_value(tx, s);
  }
  {
    const auto& p = ps[2];
    auto oc = result(p, "outcome", 1, "Servicii sociale create, dezvoltate, extinse sau îmbunătățite",
                     "Социальные услуги созданы, развиты, расширены или улучшены", "Social services created, developed, extended or improved");
    const int y = std::stoi(p.starts_on.substr(0, 4));
    indicator(oc, served, "people_served", {{std::to_string(y + 1), "900"}, {std::to_string(y + 2), "1000"}, {"programme", "1500"}}, registry,
              std::string("0"), y);
    indicator(oc, left, "deinstitutionalised", {{std::to_string(y + 1), "40"}, {"programme", "100"}}, registry, std::string("0"), y);
    auto op = result(p, "output", 1, "Servicii prestate în comunitate", "Услуги, оказанные в сообществе", "Services delivered in the community");
    indicator(op, {"OP1.1", "Unități de serviciu prestate", "Оказанные единицы услуг", "Units of service delivered"}, "units_delivered",
              {{std::to_string(y + 1), "200000"}}, registry, std::string("0"), y);
    indicator(op, {"OP1.2", "OSC care au primit granturi", "ОГО, получившие гранты", "CSOs that received grants"}, "csos_granted",
              {{"programme", "20"}}, "Contractele de grant semnate în socialpact.", std::string("0"), y);
    indicator(oc, {"OC1.3", "Persoane care trăiesc în comunitate la 12 luni după ieșirea din instituție",
                   "Люди, живущие в сообществе через 12 месяцев после выхода из учреждения",
                   "People living in the community 12 months after leaving an institution"},
              "community_at_12_months", {{"programme", "80"}}, "Monitorizările la 12 luni ale parcursurilor de dezinstituționalizare.", std::string("0"), y);
    indicator(oc, {"OC1.4", "Servicii create, dezvoltate, extinse sau îmbunătățite prin granturi",
                   "Услуги, созданные, развитые, расширенные или улучшенные за счёт грантов",
                   "Services created, developed, extended or improved with grants"},
              "services_supported", {{"programme", "30"}}, "Contractele de grant semnate pe loturi.", std::string("0"), y);
    indicator(op, {"OP1.3", "Servicii care au continuat la distanță", "Услуги, продолжавшиеся дистанционно", "Services that kept delivering remotely"},
              "remote_services", {{"programme", "20"}}, registry, std::string("0"), y);
    auto pub = result(p, "outcome", 2, "Serviciile comunitare finanțate din bani publici, în parteneriat cu autoritățile",
                      "Услуги в сообществе финансируются из публичных средств в партнёрстве с властями",
                      "Community services funded from public money, in partnership with the authorities");
    const char* contracts = "Contractele de servicii sociale și rapoartele lunare plătite, în socialpact.";
    indicator(pub, {"OC2.1", "Parteneriate ale OSC cu autoritățile publice", "Партнёрства ОГО с публичными властями",
                    "Partnerships of CSOs with public authorities"},
              "partnerships", {{"programme", "30"}}, "Registrul parteneriatelor din socialpact.", std::string("0"), y);
    indicator(pub, {"OC2.2", "Cofinanțarea angajată de autorități (MDL)", "Софинансирование, принятое властями (MDL)",
                    "Co-financing committed by the authorities (MDL)"},
              "cofinancing", {{"programme", "3000000"}}, "Registrul parteneriatelor din socialpact.", std::string("0"), y);
    indicator(pub, {"OC2.3", "Servicii plătite prin contracte publice", "Услуги, оплачиваемые по публичным контрактам",
                    "Services paid for under public contracts"},
              "services_contracted", {{"programme", "5"}}, contracts, std::string("0"), y);
    indicator(pub, {"OC2.4", "Bani publici plătiți pentru servicii (MDL)", "Публичные средства, выплаченные за услуги (MDL)",
                    "Public money paid for services (MDL)"},
              "public_money_paid", {{"programme", "1000000"}}, contracts, std::string("0"), y);
  }
  return {{"programmes", static_cast<std::int64_t>(ps.size())}, {"results", results}, {"indicators", indicators}};
}
}  // namespace sp::results
