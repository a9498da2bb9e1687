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

  for (auto& p : ps) {
    p.created_by = officer;
    p.id = insert_programme(tx, p);
    platform::tallies::recount_span(tx, {span_of(p), p.starts_on.substr(0, 7), p.ends_on.substr(0, 7)});
  }
  return {{"programmes", static_cast<std::int64_t>(ps.size())}};
}
}  // namespace sp::results
