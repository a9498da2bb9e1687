#include "modules/grants/demo.hpp"

#include "modules/grants/tallies.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <random>

#include "common/time.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/rules.hpp"
#include "platform/visits.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;

const std::vector<std::string> kProjects = {
    "Centrul de zi pentru copii în situație de risc", "Echipa mobilă pentru persoane cu dizabilități",
    "Locuința protejată pentru tineri care părăsesc instituțiile", "Serviciul de asistență personală",
    "Casa comunitară pentru persoane cu dizabilități intelectuale", "Serviciul respiro pentru familii",
    "Sprijin familial pentru familiile cu copii", "Îngrijire socială la domiciliu",
    "Asistența parentală profesionistă", "Centrul de plasament temporar pentru copii",
    "Centrul de zi pentru persoane cu dizabilități psihosociale", "Casa de copii de tip familial"};

struct CallPlan {
  std::string code;
  I18n title;
  std::string kind;
  std::vector<std::string> lots;  // empty: none
  std::int64_t envelope, min_grant, max_grant;
  std::string opens, closes;      // local "YYYY-MM-DDTHH:MM"
  std::string status;             // published | under_evaluation | decided
  int applications, awards;
  std::string projects_start;     // "YYYY-MM-DD"
  int duration;                   // months
  bool draft_only = false;        // the open call: a draft by the demo CSO, nothing submitted yet
};

struct Org {
  std::int64_t id;
  std::string district;
  std::string place;  // the name of its locality, where its project runs
};

template <class T>
const T& pick(std::mt19937& g, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(g)];
}
int between(std::mt19937& g, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); }

Call make_call(const CallPlan& p) {
  Call c;
  c.code = p.code;
  c.title = p.title;
  c.description = {"Granturi pentru organizații ale societății civile care, în parteneriat cu autoritățile publice locale, "
                   "creează, dezvoltă, extind sau îmbunătățesc servicii sociale comunitare.",
                   "Гранты для организаций гражданского общества, которые вместе с местными органами власти развивают "
                   "социальные услуги в сообществах.",
                   "Grants for civil society organisations that, with local public authorities, create, develop, extend or "
                   "improve community social services."};
  c.kind = p.kind;
  c.currency = "EUR";
  c.envelope_minor = p.envelope;
  c.min_grant_minor = p.min_grant;
  c.max_grant_minor = p.max_grant;
  c.min_applicant_share_bp = 500;
  c.min_authority_share_bp = p.kind == "service_grant" ? 1000 : 0;
  c.requires_authority_partner = p.kind == "service_grant";
  c.eligible_legal_forms = {"public_association", "foundation", "private_institution"};
  c.opens_at = *chisinau_to_utc(p.opens);
  c.closes_at = *chisinau_to_utc(p.closes);
  c.max_duration_months = std::max(24, p.duration);
  c.period_months = 6;
  c.score_gap = 20;
  c.reallocation_free_bp = 1000;
  c.required_documents = {{"statute", {"Statutul organizației", "Устав организации", "Statute of the organisation"}},
                          {"partnership_letter", {"Scrisoarea de parteneriat a APL", "Письмо о партнерстве", "Partnership letter"}}};
  static const std::map<std::string, I18n> lot_names = {
      {"create", {"Crearea unui serviciu nou", "Создание новой услуги", "Create a new service"}},
      {"develop", {"Dezvoltarea unui serviciu existent", "Развитие услуги", "Develop an existing service"}},
      {"extend", {"Extinderea unui serviciu", "Расширение услуги", "Extend a service"}},
      {"improve", {"Îmbunătățirea calității serviciului", "Улучшение качества", "Improve a service's quality"}}};
  for (const auto& l : p.lots)
    c.lots.push_back({l, lot_names.at(l), p.envelope / static_cast<std::int64_t>(p.lots.size())});
  c.criteria = {{"relevance", {"Relevanța pentru nevoile comunității", "Актуальность", "Relevance"}, "", 30, 15},
                {"design", {"Calitatea proiectului și a bugetului", "Качество проекта", "Design and budget"}, "", 25, std::nullopt},
                {"partnership", {"Parteneriatul cu APL", "Партнерство с властями", "Partnership with the authority"}, "", 20, std::nullopt},
                {"sustainability", {"Sustenabilitatea serviciului", "Устойчивость", "Sustainability"}, "", 25, 10}};
  c.status = p.status;
  if (p.status != "draft") c.published_at = c.opens_at;
  if (p.status == "decided") c.decided_at = add_days(c.closes_at.substr(0, 10), 60) + "T10:00:00Z";
  return c;
}

Application make_application(std::mt19937& g, const Call& c, const CallPlan& p, const Org& org, std::int64_t authority, int i,
                             std::set<std::string>& titles) {
  Application a;
  a.call_id = c.id;
  a.organisation_id = org.id;
  if (!p.lots.empty()) a.lot = p.lots[static_cast<std::size_t>(i) % p.lots.size()];
  // A project is named by what it sets up and where, as CSOs name them; never twice in the demo.
  auto where = org.place.empty() ? std::string() : " din " + org.place;
  for (int tries = 0;; ++tries) {
    a.title = (p.kind == "service_contract" ? std::string("Campania de vizibilitate a serviciilor sociale comunitare") : pick(g, kProjects)) + where;
    if (tries >= 8) a.title += " (" + c.code + ")";
    if (titles.insert(a.title).second || tries >= 9) break;
  }
  a.summary = "Proiectul răspunde nevoilor identificate de asistența socială comunitară, împreună cu primăria parteneră.";
  a.district = org.district;
  a.starts_on = p.projects_start;
  a.duration_months = p.duration;
  if (authority) a.partner_authority_id = authority;
  a.target_groups = {{"children_at_risk", between(g, 15, 60)}, {"intellectual_disability", between(g, 5, 30)}};
  int periods = (p.duration + 5) / 6;
  for (int k = 1; k <= periods; ++k) a.workplan.push_back({k, k == 1 ? "Amenajarea și angajarea personalului" : "Prestarea serviciului", ""});
  // Grant between min and max, in whole euros; lines by period, co-financing 10% + 15%.
  std::int64_t grant = (p.min_grant + (p.max_grant - p.min_grant) * between(g, 0, 100) / 100) / 100 * 100;
  std::vector<std::pair<std::string, std::string>> kinds = {{"staff", "Salariile personalului"}, {"operating", "Costuri operaționale"},
                                                           {"equipment", "Echipament și mobilier"}};
  std::int64_t given = 0;
  for (int k = 1; k <= periods; ++k)
    for (std::size_t j = 0; j < kinds.size(); ++j) {
      if (kinds[j].first == "equipment" && k > 1) continue;
      bool last = k == periods && j == 1;
      std::int64_t share = last ? grant - given : grant / (periods * 2 + 1);
      given += share;
      BudgetLine b{kinds[j].first, kinds[j].second, k, 0, share, share / 10, authority ? share * 15 / 100 : 0};
      b.total_minor = b.grant_minor + b.applicant_minor + b.authority_minor;
      a.budget.push_back(b);
    }
  recompute_totals(a);
  if (authority) a.confirmed_authority_minor = a.authority_minor;
  return a;
}

struct Loader {
  store::Tx& tx;
  const DemoPeople& people;
  std::mt19937 g;
  std::vector<Org> orgs;
  std::map<std::string, std::vector<std::int64_t>> authorities;  // district → local authorities
  std::size_t next_evaluator = 0;
  GrantsDemoResult out;
  std::set<std::string> titles;  // the projects' titles so far: each distinct

  std::int64_t authority_in(const std::string& district) {
    auto it = authorities.find(district);
    return it == authorities.end() || it->second.empty() ? 0 : pick(g, it->second);
  }

  // Three evaluations. While a call is under evaluation the demo evaluator's are left to do.
  void score(const Call& c, std::int64_t app, int quality, const std::string& at, bool open) {
    for (int k = 0; k < 3; ++k) {
      auto ev = people.evaluators[next_evaluator++ % people.evaluators.size()];
      auto id = platform::evaluation::insert(tx, "application", app, ev, people.officer);
      if (open && ev == people.evaluators.front()) continue;
      bj::array scores;
      int total = 0;
      for (const auto& cr : c.criteria) {
        int s = std::clamp(cr.max_score * (quality + between(g, -12, 12)) / 100, 0, cr.max_score);
        total += s;
        scores.push_back({{"criterion", cr.code}, {"score", s},
                          {"justification", s * 2 >= cr.max_score ? "Argumentat convingător, cu date din comunitate."
                                                                   : "Argumentare insuficientă; lipsesc date despre beneficiari."}});
      }
      tx.exec("UPDATE evaluations SET status = 'submitted', scores = $1, total = $2, submitted_at = $3, coi_declared_at = $3 WHERE id = $4",
              {bj::serialize(scores), static_cast<std::int64_t>(total), at, id});
      ++out.evaluations;
    }
  }

  // The agreement's history up to today: signed, tranches paid after approved reports, reports in
  // the state their dates call for (some late, one returned), a visit or two.
  void run_agreement(const Call& c, const Application& a, int index) {
    Agreement ag;
    ag.application_id = a.id;
    ag.call_id = c.id;
    ag.organisation_id = a.organisation_id;
    ag.amount_minor = *a.awarded_minor;
    ag.currency = c.currency;
    ag.starts_on = *a.starts_on;
    ag.ends_on = add_days(add_months(ag.starts_on, *a.duration_months), -1);
    ag.number = next_agreement_number(tx, c);
    auto schedule = report_schedule(ag.starts_on, *a.duration_months, c.period_months);
    auto tranches = default_tranches(ag.amount_minor, static_cast<int>(schedule.size()));
    ag.id = insert_agreement(tx, ag, agreement_lines(a, ag.amount_minor), tranches, schedule);
    ++out.agreements;
    auto today_ = today();
    auto signed_on = add_days(ag.starts_on, -10);
    if (signed_on > today_) return;  // still a draft, waiting for signature
    tx.exec("UPDATE grant_agreements SET status = 'signed', signed_on = $1 WHERE id = $2", {signed_on, ag.id});
    auto lines = lines_of(tx, ag.id);
    auto reports = reports_of(tx, ag.id);
    auto ts = tranches_of(tx, ag.id);
    auto pay = [&](const Tranche& t, const std::string& on) {
      auto x = t;
      x.paid_on = on;
      x.paid_minor = t.amount_minor;
      x.payment_ref = "OP-" + on.substr(0, 4) + "-" + std::to_string(ag.id * 10 + t.number);
      record_payment(tx, x, people.officer);
    };
    pay(ts[0], add_days(signed_on, 7));
    bool all_done = true;
    for (auto& r : reports) {
      // A report due in the last three months is in every state the officer meets: approved,
      // overdue, waiting for review, returned for corrections.
      bool recent = r.due_on <= today_ && r.due_on > add_days(today_, -90);
      int mode = recent ? index % 5 : 0;  // 0 approved, 1 overdue, 2 submitted, 3 returned, 4 approved
      auto submitted_on = add_days(r.due_on, -between(g, 0, 10));
      if (r.due_on > today_ || mode == 1) {
        all_done = false;
        if (r.due_on <= add_days(today_, 60)) {
          r.activities = "Activitățile perioadei sunt în desfășurare.";
          update_report(tx, r, r.version);
        }
        break;
      }
      r.activities = "Serviciul a funcționat conform planului; au fost organizate întâlniri cu familiile și cu primăria.";
      r.people_served = between(g, 10, 45);
      r.problems = index % 5 == 0 ? "Fluctuația personalului în primele luni." : "";
      for (const auto& l : lines_of_report(lines, r)) {
        int pct = between(g, 85, 112);
        ReportLine rl{l.id, l.grant_minor * pct / 100, ""};
        if (variance_needs_justification(l.grant_minor, rl.spent_minor)) rl.justification = "Prețuri diferite de cele din ofertele inițiale.";
        r.lines.push_back(rl);
        r.spent_minor += rl.spent_minor;
      }
      r.submitted_at = submitted_on + "T09:00:00Z";
      // The grantee submits (the sample organisation through its account), the officer reviews.
      const auto grantee = ag.organisation_id == people.sample_organisation ? people.cso_staff : 0;
      insert_review(tx, r.id, "submitted", std::nullopt, grantee, *r.submitted_at);
      if (mode == 2 || mode == 3) {
        r.status = mode == 2 ? "submitted" : "returned";
        update_report(tx, r, r.version);
        if (mode == 3)
          insert_review(tx, r.id, "returned", std::string("Atașați copiile contractelor de muncă și extrasele bancare."), people.officer,
                        std::min(add_days(submitted_on, 7), today_) + "T11:00:00Z");
        all_done = false;
        break;
      }
      // Now and then a report was returned once before its approval.
      bool returned = (index + r.number) % 11 == 0;
      auto approved_on = std::min(add_days(submitted_on, returned ? 30 : 14), today_);
      r.status = "approved";
      r.approved_at = approved_on + "T12:00:00Z";
      update_report(tx, r, r.version);
      if (returned) {
        insert_review(tx, r.id, "returned", std::string("Atașați copiile contractelor de muncă."), people.officer,
                      add_days(submitted_on, 10) + "T11:00:00Z");
        insert_review(tx, r.id, "submitted", std::nullopt, grantee, add_days(submitted_on, 20) + "T09:00:00Z");
      }
      insert_review(tx, r.id, "approved", std::nullopt, people.officer, *r.approved_at);
      for (const auto& t : ts)
        if (t.number == r.number + 1) pay(t, std::min(add_days(approved_on, 5), today_));
    }
    if (all_done) tx.exec("UPDATE grant_agreements SET status = 'completed' WHERE id = $1", {ag.id});
    if (index % 4 == 0) {
      auto on = add_days(ag.starts_on, 120);
      if (on <= today_)
        platform::insert_visit(tx, "agreement", ag.id,
                               {on, "Serviciul funcționează; dosarele beneficiarilor sunt complete. Registrul de prezență trebuie ținut zilnic.",
                                bj::array{{{"action", "Completarea zilnică a registrului de prezență"}, {"due_on", add_days(on, 30)},
                                           {"done", on < add_days(today_, -30) && index % 8 != 0}}}},
                               people.monitor ? people.monitor : people.officer);
    }
  }

  void run_call(const CallPlan& p, double factor) {
    auto c = make_call(p);
    int n_apps = std::max(p.draft_only ? 1 : 3, static_cast<int>(std::lround(p.applications * factor)));
    int n_awards = static_cast<int>(std::lround(p.awards * factor));
    c.envelope_minor = static_cast<std::int64_t>(std::llround(static_cast<double>(p.envelope) * std::max(1.0, factor)));
    for (auto& l : c.lots) l.envelope_minor = c.envelope_minor / static_cast<std::int64_t>(c.lots.size());
    c.id = insert_call(tx, c);
    ++out.calls;
    auto submitted_at = add_days(c.closes_at.substr(0, 10), -3) + "T12:00:00Z";
    std::vector<Application> apps;
    for (int i = 0; i < n_apps; ++i) {
      // The demo CSO applies to every call; the others are drawn from the registry.
      Org org = i == 0 ? Org{people.sample_organisation, "", ""} : orgs[static_cast<std::size_t>(between(g, 0, static_cast<int>(orgs.size()) - 1))];
      if (i == 0)
        for (const auto& o : orgs)
          if (o.id == org.id) org = o;
      auto authority = p.kind == "service_grant" ? (i == 0 ? people.sample_authority : authority_in(org.district)) : 0;
      if (p.kind == "service_grant" && !authority) continue;
      auto a = make_application(g, c, p, org, authority, i, titles);
      if (p.draft_only) a.confirmed_authority_minor.reset();
      if (!p.draft_only) {
        a.status = "submitted";
        a.submitted_at = submitted_at;
        a.snapshots = 1;
        if (authority) a.confirmed_at = add_days(submitted_at.substr(0, 10), -2) + "T10:00:00Z";
      }
      a.created_by = people.officer;
      a.id = insert_application(tx, a, people.officer);
      if (!p.draft_only) {
        a.number = next_application_number(tx, c);
        a.version = 1;
        update_application(tx, a, 1);
        a.version = 2;
      }
      ++out.applications;
      apps.push_back(a);
    }
    if (p.draft_only || p.status == "published") return;
    // Everyone is scored; quality drawn per application. The demo CSO's first application is good.
    std::map<std::int64_t, std::vector<Evaluation>> evals;
    for (std::size_t i = 0; i < apps.size(); ++i) score(c, apps[i].id, i == 0 ? 86 : between(g, 40, 92), add_days(c.closes_at.substr(0, 10), 20) + "T10:00:00Z",
                                                 p.status == "under_evaluation");
    if (p.status == "under_evaluation") return;
    evals = submitted_evaluations_of_call(tx, c.id);
    std::vector<RankEntry> entries;
    std::map<std::int64_t, Application*> by_id;
    for (auto& a : apps) {
      auto agg = aggregate(c, evals[a.id], std::nullopt);
      if (agg.needs_consensus) {
        a.consensus_score = *agg.average;
        a.consensus_reason = "Consens după discuția evaluatorilor.";
        agg = aggregate(c, evals[a.id], a.consensus_score);
      }
      by_id[a.id] = &a;
      if (!agg.below_threshold.empty()) {
        a.decision = "reject";
        a.decision_reason = "Sub pragul unui criteriu: " + agg.below_threshold.front();
        continue;
      }
      entries.push_back({a.id, a.lot.value_or(""), *agg.final_score, agg.criterion_avg[c.criteria.front().code], *a.submitted_at, a.grant_minor, 0});
    }
    std::int64_t used = 0;
    std::map<std::string, std::int64_t> used_lot;
    std::map<std::string, int> awarded_lot;
    int awarded = 0, per_lot = p.lots.empty() ? n_awards : (n_awards + static_cast<int>(p.lots.size()) - 1) / static_cast<int>(p.lots.size());
    for (const auto& e : platform::evaluation::rank(entries)) {
      auto& a = *by_id[e.subject_id];
      bool room = !envelope_error(c, e.lot, a.grant_minor, used, used_lot[e.lot]);
      if (awarded < n_awards && awarded_lot[e.lot] < per_lot && room) {
        a.decision = "award";
        a.awarded_minor = a.grant_minor;
        used += a.grant_minor;
        used_lot[e.lot] += a.grant_minor;
        ++awarded;
        ++awarded_lot[e.lot];
      } else if (awarded_lot[e.lot] >= per_lot && e.rank <= per_lot + 2) {
        a.decision = "reserve";
      } else {
        a.decision = "reject";
        a.decision_reason = room ? "Punctaj sub cel al proiectelor finanțate în acest lot." : "Plicul financiar a fost epuizat.";
      }
    }
    int index = 0;
    for (auto& a : apps) {
      update_application(tx, a, a.version);
      ++a.version;
      if (a.decision == "award") run_agreement(c, a, index++);
    }
  }
};
}  // namespace

GrantsDemoResult load_demo(store::Tx& tx, const DemoPeople& people, double factor, std::uint32_t seed) {
  Loader L{tx, people, std::mt19937(seed), {}, {}, 0, {}, {}};
  {
    auto c = tx.query("SELECT o.id, o.district, COALESCE(u.name, '') FROM organisations o LEFT JOIN admin_units u ON u.code = o.locality "
                      "WHERE o.status = 'active' AND o.legal_form IN ('public_association', 'foundation', 'private_institution') ORDER BY o.id");
    while (c->next()) L.orgs.push_back({c->i64(0), c->str(1), c->str(2)});
    auto a = tx.query("SELECT id, district FROM authorities WHERE level = 'local' AND status = 'active' AND district IS NOT NULL ORDER BY id");
    while (a->next()) L.authorities[a->str(1)].push_back(a->i64(0));
  }
  if (L.orgs.empty() || people.evaluators.size() < 3) return L.out;
  // The current phase's dates follow today, so that its agreements are always in progress.
  auto t = today();
  auto phase_start = add_months(t.substr(0, 8) + "01", -8);
  auto local = [](const std::string& d, const char* hm) { return d + "T" + hm; };
  const std::vector<CallPlan> plans = {
      {"CSS-2018", {"Servicii sociale comunitare pentru copii și persoane cu dizabilități (2018)", "Социальные услуги в сообществах (2018)",
                    "Community social services for children and people with disabilities (2018)"},
       "service_grant", {}, 120000000, 2000000, 5000000, "2018-03-01T09:00", "2018-04-30T17:00", "decided", 45, 30, "2018-08-01", 18},
      {"CSS-2021", {"Crearea, dezvoltarea, extinderea și îmbunătățirea serviciilor sociale (2021)", "Создание и развитие социальных услуг (2021)",
                    "Creating, developing, extending and improving social services (2021)"},
       "service_grant", {"create", "develop", "extend", "improve"}, 160000000, 2000000, 6000000, "2021-04-01T09:00", "2021-05-31T17:00",
       "decided", 32, 16, "2021-10-01", 24},
      {"MEDIA-2021", {"Vizibilitatea serviciilor sociale comunitare — contract media (2021)", "Видимость социальных услуг — медиа (2021)",
                      "Visibility of community social services — media contract (2021)"},
       "service_contract", {}, 6000000, 3000000, 6000000, "2021-06-01T09:00", "2021-06-30T17:00", "decided", 3, 1, "2021-09-01", 24},
      {"CSS-" + t.substr(0, 4) + "-A", {"Servicii sociale în comunitate — faza curentă", "Социальные услуги — текущий этап",
                                        "Community social services — current phase"},
       "service_grant", {}, 60000000, 2000000, 5000000, local(add_months(phase_start, -4), "09:00"), local(add_months(phase_start, -3), "17:00"),
       "decided", 20, 10, phase_start, 18},
      {"CSS-" + t.substr(0, 4) + "-B", {"Servicii respiro și asistență personală", "Услуги передышки и личной помощи",
                                        "Respite and personal assistance services"},
       "service_grant", {}, 30000000, 1500000, 4000000, local(add_days(t, -60), "09:00"), local(add_days(t, -10), "17:00"),
       "under_evaluation", 8, 0, add_months(t, 3), 12},
      {"CSS-" + add_months(t, 12).substr(0, 4), {"Servicii sociale comunitare — apel deschis", "Социальные услуги — открытый конкурс",
                                                 "Community social services — open call"},
       "service_grant", {"create", "develop", "extend", "improve"}, 150000000, 2000000, 6000000, local(add_days(t, -5), "09:00"),
       local(add_days(t, 45), "17:00"), "published", 1, 0, add_months(t, 5), 24, true},
  };
  for (const auto& p : plans) L.run_call(p, p.draft_only ? 1.0 : factor);
  return L.out;
}
boost::json::object load_demo(platform::DemoContext& d) {
  DemoPeople people;
  people.officer = d.account("officer");
  people.monitor = d.account("monitor");
  people.cso_staff = d.account("cso_staff");
  people.evaluators = d.accounts["evaluator"];
  people.sample_organisation = d.sample_organisation;
  people.sample_authority = d.sample_authority;
  auto r = load_demo(d.tx, people, d.national ? 5.5 : 1.0);
  rebuild_grant_tallies(d.tx);  // the demo writes its records in bulk: its tallies are counted from them once
  return {{"calls", r.calls}, {"applications", r.applications}, {"evaluations", r.evaluations}, {"agreements", r.agreements}};
}
}  // namespace sp::grants
