#include "modules/contracting/demo.hpp"

#include "common/time.hpp"
#include "modules/contracting/kinds.hpp"
#include "modules/contracting/repo.hpp"
#include "modules/contracting/tallies.hpp"
#include "modules/contracting/rules.hpp"
#include "modules/costing/costing.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"
#include "platform/evaluation.hpp"

namespace sp::contracting {
boost::json::object load_demo(platform::DemoContext& d) {
  auto& tx = d.tx;
  if (!d.sample_council || d.sample_district.empty()) return {};
  const auto& staff = d.accounts.count("lpa_staff") ? d.accounts.at("lpa_staff") : std::vector<std::int64_t>{};
  const std::optional<std::int64_t> council_user = staff.size() >= 2 ? std::optional(staff[1]) : std::nullopt;
  auto towns = registry::list_units(tx, 1, d.sample_district);

  Needs n;
  n.authority_id = d.sample_council;
  n.year = 2027;
  n.created_by = council_user;
  n.note = "Evaluarea necesităților pentru programul raional de dezvoltare a serviciilor sociale 2027.";
  auto town = [&](std::size_t i) { return towns.size() > i ? std::optional(towns[i].code) : std::nullopt; };
  n.lines = {{"intellectual_disability", town(0), 140, 35, "high", "Lista de așteptare a centrului de zi crește."},
             {"intellectual_disability", town(1), 60, 30, "medium", std::nullopt},
             {"physical_disability", town(0), 220, 20, "high", "Asistență personală la domiciliu."},
             {"children_at_risk", std::nullopt, 950, 12, "high", "Tot raionul: sprijin pentru familii."},
             {"elderly", town(2), 310, 10, "low", std::nullopt}};
  insert_needs(tx, n);

  Plan p;
  p.authority_id = d.sample_council;
  p.year = 2026;
  p.budget_line = "9019 Asistență socială — servicii contractate";
  p.budget_minor = 250'000'000;  // 2.5 million lei
  p.created_by = council_user;
  p.items = {{"personal_assistance", "hour", 7000, "procurement", "2026-11-15", "2027-01-01", "Două loturi: nord și sud."},
             {"mobile_team", "beneficiary_month", 240, "social_order", "2027-02-01", "2027-03-01", std::nullopt},
             {"protected_housing", "place_month", 48, "grant_competition", "2027-03-01", "2027-05-01", "Locuință protejată pentru 4 persoane."}};
  insert_plan(tx, p);

  // Personal assistance bought by the hour, open for offers, one clarification answered: the sample
  // district's council and a second district's (whose staff account is `ungheni@`).
  int purchases = 0;
  auto open_purchase = [&](std::int64_t authority, const std::string& district, const std::string& district_name,
                           std::optional<std::int64_t> keeper) {
    auto s = costing::standard_for(tx, "personal_assistance", district, 2026);
    auto cost = s ? standard_unit_cost(*s, "hour") : std::nullopt;
    if (!cost) return;
    auto places = registry::list_units(tx, 1, district);
    auto place = [&](std::size_t i) { return places.size() > i ? std::optional(places[i].code) : std::nullopt; };
    Purchase x;
    x.authority_id = authority;
    x.year = 2026;
    x.title = "Asistență personală în raionul " + district_name + ", 2027";
    x.description = "Servicii de asistență personală pentru persoane cu dizabilități severe, plătite pe oră prestată.";
    x.type_code = "personal_assistance";
    x.unit = "hour";
    x.route = "procurement";
    x.allowances_minor = 500;
    x.lots = {{"nord", "Lotul 1 — nordul raionului", place(0), "physical_disability", 2000, 4000},
              {"sud", "Lotul 2 — sudul raionului", place(1), "physical_disability", 1000, 3000}};
    x.criteria = {{"metodologie", "Metodologia și planul de lucru", 35}, {"personal", "Personalul și capacitatea", 25}};
    x.price_weight = 40;
    x.documents = {{"acreditare", "Certificatul de acreditare al serviciului"}, {"cv", "CV-urile asistenților personali"}};
    x.starts_on = "2027-01-01";
    x.ends_on = "2027-12-31";
    auto now = now_iso();
    x.clarification_deadline = add_days(now.substr(0, 10), 10) + "T13:00:00Z";
    x.offer_deadline = add_days(now.substr(0, 10), 20) + "T13:00:00Z";
    x.standstill_days = 6;
    x.standard_id = s->id;
    x.standard_number = s->number;
    x.standard_territory = s->territory;
    x.standard_unit_cost_minor = *cost;
    x.ceiling_minor = ceiling(*cost, x.allowances_minor, 0);
    x.estimated_minor = *x.ceiling_minor * x.max_volume();
    if (auto t = thresholds_on(tx, today())) x.procedure = procedure_for(*x.estimated_minor, *t);
    x.status = "published";
    x.number = next_purchase_number(tx, 2026);
    // Published yesterday morning: an instant of the calendar, the same whenever the demo is loaded
    // that day (the open data and both engines' answers agree).
    x.published_at = add_days(now.substr(0, 10), -1) + "T07:00:00Z";
    x.created_by = keeper;
    x.id = insert_purchase(tx, x);
    ++purchases;
    if (d.sample_organisation) {
      Clarification q;
      q.purchase_id = x.id;
      q.organisation_id = d.sample_organisation;
      q.asked_by = d.account("cso_staff") ? std::optional(d.account("cso_staff")) : std::nullopt;
      q.question = "Se acceptă asistenți personali angajați cu jumătate de normă?";
      q.answer = "Da, cu condiția ca fiecare beneficiar să aibă un asistent desemnat și un înlocuitor.";
      q.answered_by = keeper;
      q.asked_at = *x.published_at;
      q.answered_at = add_days(now.substr(0, 10), -1) + "T12:00:00Z";
      insert_clarification(tx, q);
    }
  };
  open_purchase(d.sample_council, d.sample_district, "Cahul", council_user);
  // Three mobile teams bought by the beneficiary-month from the providers accredited for the type: one
  // awarded eight months ago, contracted, with six months reported, verified and paid (one returned
  // and corrected first); one awarded a month ago, its standstill over and its contract to sign; one
  // whose offers were opened two days ago, for the committee to evaluate.
  int offers = 0, contracts = 0, reports = 0;
  auto s = costing::standard_for(tx, "mobile_team", d.sample_district, 2026);
  auto cost = s ? standard_unit_cost(*s, "beneficiary_month")
                : std::nullopt;
  const auto today_ = today();
  auto bidders = services::accredited_providers(tx, "mobile_team", add_days(today_, -40));
  if (cost && staff.size() >= 3 && bidders.size() >= 2) {
    if (bidders.size() > 3) bidders.resize(3);
    // The provider whose mobile team serves the most people offers best (its contract has months to report).
    std::map<std::int64_t, std::vector<std::int64_t>> teams;
    for (const auto& u : services::all_service_units(tx))
      if (u.type_code == "mobile_team" && u.provider_organisation_id) teams[*u.provider_organisation_id].push_back(u.id);
    auto served = [&](std::int64_t org) {
      return teams.count(org) ? services::delivered_in_month(tx, teams[org], add_months(today_, -1).substr(0, 7)).size() : 0;
    };
    std::stable_sort(bidders.begin(), bidders.end(), [&](std::int64_t x, std::int64_t y) { return served(x) > served(y); });
    std::swap(bidders[0], bidders[1]);  // the best offer is the second's scores below

    // `decided`: evaluated, awarded and announced; otherwise its offers just opened, each member to evaluate each.
    auto awarded = [&](const std::string& title, const std::string& lot, const std::string& lot_name, int days_ago, std::int64_t max_volume,
                       bool decided = true) {
      Purchase x;
      x.authority_id = d.sample_council;
      x.year = 2026;
      x.title = title;
      x.description = "Servicii ale echipei mobile la domiciliul persoanelor cu dizabilități, plătite pe beneficiar-lună.";
      x.type_code = "mobile_team";
      x.unit = "beneficiary_month";
      x.route = "procurement";
      x.lots = {{lot, lot_name, std::nullopt, "intellectual_disability", max_volume / 3, max_volume}};
      x.criteria = {{"metodologie", "Metodologia intervenției", 30}, {"echipa", "Echipa și supervizarea", 30}};
      x.price_weight = 40;
      x.documents = {{"acreditare", "Certificatul de acreditare al serviciului"}};
      x.starts_on = add_days(today_, 30 - days_ago);
      x.ends_on = add_days(x.starts_on, 364);
      x.clarification_deadline = add_days(today_, 10 - days_ago) + "T13:00:00Z";
      x.offer_deadline = add_days(today_, 20 - days_ago) + "T13:00:00Z";
      x.standstill_days = 6;
      x.standard_id = s->id;
      x.standard_number = s->number;
      x.standard_territory = s->territory;
      x.standard_unit_cost_minor = *cost;
      x.ceiling_minor = *cost;
      x.estimated_minor = *cost * x.max_volume();
      if (auto t = thresholds_on(tx, today_)) x.procedure = procedure_for(*x.estimated_minor, *t);
      x.number = next_purchase_number(tx, 2026);
      x.published_at = add_days(today_, -days_ago) + "T09:00:00Z";
      x.committee = {std::to_string(staff[1]), std::to_string(staff[2])};
      x.created_by = council_user;
      x.status = "evaluation";
      x.id = insert_purchase(tx, x);
      ++purchases;
      // Three providers' prices (just under the ceiling, 8% and 12% below) and the committee's scores.
      const int price_pct[] = {99, 92, 88};
      const int scores[][2][2] = {{{24, 25}, {26, 24}}, {{27, 26}, {25, 27}}, {{20, 21}, {22, 19}}};
      std::vector<OfferStanding> standing;
      std::vector<platform::evaluation::Criterion> criteria = {{"metodologie", 30, std::nullopt}, {"echipa", 30, std::nullopt}};
      for (std::size_t i = 0; i < bidders.size(); ++i) {
        Offer o;
        o.purchase_id = x.id;
        o.organisation_id = bidders[i];
        o.lots = {{lot, *cost * price_pct[i] / 100, false}};
        o.quality = {{"metodologie", "Evaluare la domiciliu în prima săptămână, plan individual revizuit trimestrial."},
                     {"echipa", "Asistent social, psiholog și kinetoterapeut; supervizare lunară."}};
        o.staff = "Asistent social (1,0), psiholog (0,5), kinetoterapeut (0,5), șofer (1,0)";
        o.capacity = 25;
        o.status = "submitted";
        o.submitted_at = add_days(today_, 18 - days_ago) + "T10:00:00Z";
        o.id = insert_offer(tx, o);
        ++offers;
        platform::evaluation::assign(tx, "offer", {o.id}, {staff[1], staff[2]}, 2, staff[1]);
        if (!decided) continue;
        std::vector<platform::evaluation::Evaluation> done;
        for (auto e : platform::evaluation::of(tx, "offer", o.id)) {
          platform::evaluation::declare(tx, e, false, std::nullopt);
          e = *platform::evaluation::find(tx, e.id);
          auto member = e.evaluator_id == staff[1] ? 0 : 1;
          std::vector<platform::evaluation::Score> sc = {{"metodologie", scores[i][member][0], "Metodologie clară, adaptată comunităților rurale."},
                                                         {"echipa", scores[i][member][1], "Echipă completă, cu supervizare regulată."}};
          platform::evaluation::save_scores(tx, e, sc, true);
          done.push_back(*platform::evaluation::find(tx, e.id));
        }
        auto g = platform::evaluation::aggregate(criteria, x.score_gap, done, std::nullopt);
        standing.push_back({o.id, o.organisation_id, *o.submitted_at, g.final_score, g.criterion_avg["metodologie"], false, o.lots});
      }
      if (!decided) return std::pair{*find_purchase(tx, x.id), LotRank{}};
      auto ranks = rank_offers(standing, x.price_weight);
      x = *find_purchase(tx, x.id);
      auto was = x.version;
      x.ranking = boost::json::serialize(to_json(ranks));
      x.status = "standstill";
      x.awarded_at = add_days(today_, 29 - days_ago) + "T12:00:00Z";
      x.announced_at = add_days(today_, 30 - days_ago) + "T12:00:00Z";
      x.standstill_until = add_days(today_, 36 - days_ago);
      update_purchase(tx, x, was);
      return std::pair{*find_purchase(tx, x.id), ranks.front()};
    };

    // The finished cycle: contracted eight months ago, six months reported.
    auto [done, first] = awarded("Echipă mobilă pentru persoane cu dizabilități, raionul Cahul", "raion", "Tot raionul", 250, 300);
    Contract k;
    k.purchase_id = done.id;
    k.offer_id = first.offer_id;
    k.authority_id = done.authority_id;
    k.organisation_id = first.organisation_id;
    k.lot = first.lot;
    k.type_code = done.type_code;
    k.unit = done.unit;
    for (auto id : teams[first.organisation_id]) k.services.push_back(std::to_string(id));
    k.unit_price_minor = first.unit_price_minor;
    k.min_volume = done.lots.front().min_volume;
    k.max_volume = done.lots.front().max_volume;
    k.starts_on = add_months(today_.substr(0, 7) + "-01", -7);
    k.ends_on = add_days(add_months(k.starts_on, 12), -1);
    k.indexation = "Prețul unitar se indexează o dată pe an cu rata inflației publicată de BNS.";
    k.kpis = {{"plans_on_time", 90}, {"waiting_days", 30}, {"exits_to_community", 10}, {"occupancy", 85}};
    k.sanctions = "Penalitate de 0,1% din valoarea lunii pentru fiecare zi de întârziere a raportului.";
    k.status = "signed";
    k.signed_on = add_days(k.starts_on, -3);
    k.number = next_contract_number(tx, std::stoi(k.signed_on->substr(0, 4)));
    k.created_by = council_user;
    k.id = insert_contract(tx, k);
    ++contracts;
    // The provider's person who reports its months (not in the national benchmark's data).
    std::optional<std::int64_t> reporter;
    if (d.add_account && !d.national) {
      reporter = d.add_account("prestator@socialpact.md", "Doina Popescu", "cso_staff", k.organisation_id);
      // Another accredited mobile-team provider's person, so that two providers can offer in the browser.
      for (auto b : bidders)
        if (b != k.organisation_id) {
          d.add_account("ofertant@socialpact.md", "Victor Rusu", "cso_staff", b);
          break;
        }
    }
    auto was = done.version;
    done.status = "signed";
    update_purchase(tx, done, was);
    for (int m = 0; m < 6; ++m) {
      MonthlyReport r;
      r.contract_id = k.id;
      r.month = add_months(k.starts_on, m).substr(0, 7);
      r.lines = lines_from(recorded(tx, k, r.month), k.unit_price_minor);
      LogSeen seen;  // what the month was made from, as the report's own generation keeps it
      for (const auto& s : k.services) seen.services.push_back(std::stoll(s));
      seen.months[r.month] = services::delivery_versions(tx, seen.services, r.month, r.month)[r.month];
      r.log_seen = boost::json::serialize(to_json(seen));
      totals(r);
      const auto month_end = add_days(add_months(r.month + "-01", 1), -1);
      r.status = "paid";
      r.submitted_at = add_days(month_end, 3) + "T10:00:00Z";
      r.submitted_by = reporter;
      r.verified_by = staff[2];
      if (m == 2) r.returned_reason = "Lipsesc fișele de vizită pentru două persoane; completați și retrimiteți.";
      r.approved_at = add_days(month_end, m == 2 ? 12 : 7) + "T10:00:00Z";
      r.invoice_number = "F-" + *k.number + "-" + r.month;
      r.paid_on = add_days(month_end, m == 2 ? 20 : 15);
      r.payment_ref = "OP-" + r.month + "-" + std::to_string(100 + m);
      r.paid_minor = r.amount_minor;
      insert_report(tx, r);
      ++reports;
    }
    // The second: its standstill is over, the contract waits to be signed.
    awarded("Echipă mobilă — lotul de sud, raionul Cahul", "sud", "Sudul raionului", 75, 180);
    // The third: its offer deadline passed two days ago, the offers opened, the committee to evaluate them.
    awarded("Echipă mobilă — lotul de nord, raionul Cahul", "nord", "Nordul raionului", 22, 120, false);
  }
  // The second district council's purchase, numbered after the first's.
  if (d.second_council && !d.national)
    open_purchase(d.second_council, d.second_district, registry::find_unit(tx, d.second_district) ? registry::find_unit(tx, d.second_district)->name : d.second_district,
                  staff.size() >= 4 ? std::optional(staff[3]) : std::nullopt);
  rebuild_contract_tallies(tx);  // the demo writes its reports as paid already: their tallies are counted from them once
  return {{"needs assessments", 1}, {"purchase plans", 1}, {"purchases", purchases}, {"offers", offers}, {"contracts", contracts},
          {"monthly reports", reports}};
}
}  // namespace sp::contracting
