#include "modules/services/demo.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "common/idno.hpp"
#include "common/time.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/rules.hpp"
#include "modules/services/tallies.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {
namespace bj = boost::json;

// How each type of service is used: who it serves and how its days look in the delivery grid.
enum class Pattern { Attends, Resides, Hours, WeeklyVisit, FortnightlyVisit };
struct Profile {
  const char* code;
  int min_capacity, max_capacity, min_age, max_age;
  std::vector<std::string> groups;
  std::vector<std::string> disabilities;  // empty: none
  Pattern pattern;
  bool leaves_institution;                // people coming out of residential institutions are received here
  std::vector<std::string> activities;
};
const std::vector<Profile>& profiles() {
  static const std::vector<Profile> v = {
      {"day_centre_children", 15, 30, 6, 17, {"children_at_risk", "families_with_children"}, {}, Pattern::Attends, false,
       {"Pregătirea temelor", "Activități educaționale", "Masa de prânz și odihnă", "Consiliere psihologică"}},
      {"day_centre_disability", 12, 25, 18, 55, {"intellectual_disability", "psychosocial_disability"}, {"intellectual", "psychosocial", "multiple"},
       Pattern::Attends, true, {"Terapie ocupațională", "Ateliere de abilități", "Activități de socializare"}},
      {"personal_assistance", 10, 25, 5, 70, {"physical_disability", "intellectual_disability"}, {"physical", "multiple", "intellectual"},
       Pattern::Hours, false, {"Asistență la igienă și alimentație", "Însoțire la policlinică", "Sprijin la deplasare"}},
      {"protected_housing", 4, 8, 18, 45, {"psychosocial_disability", "intellectual_disability"}, {"psychosocial", "intellectual"},
       Pattern::Resides, true, {"Sprijin în gospodărie", "Gestionarea bugetului", "Ieșire în comunitate"}},
      {"community_home", 6, 10, 18, 60, {"intellectual_disability"}, {"intellectual", "multiple"}, Pattern::Resides, true,
       {"Îngrijire zilnică", "Activități de grup", "Ieșire în comunitate"}},
      {"mobile_team", 20, 40, 3, 80, {"physical_disability", "intellectual_disability", "psychosocial_disability"},
       {"physical", "intellectual", "psychosocial", "sensory", "multiple"}, Pattern::WeeklyVisit, true,
       {"Vizită la domiciliu", "Kinetoterapie", "Consiliere pentru familie"}},
      {"respite", 6, 10, 4, 40, {"intellectual_disability", "physical_disability"}, {"multiple", "intellectual", "physical"}, Pattern::Attends,
       false, {"Îngrijire de zi", "Activități recreative"}},
      {"parental_assistance", 3, 6, 0, 15, {"children_without_parental_care"}, {}, Pattern::Resides, true, {"Îngrijire în familia asistentului"}},
      {"family_type_home", 4, 7, 2, 17, {"children_without_parental_care"}, {}, Pattern::Resides, true, {"Îngrijire în familie"}},
      {"family_support", 20, 40, 0, 17, {"families_with_children", "children_at_risk"}, {}, Pattern::FortnightlyVisit, false,
       {"Vizită la familie", "Sprijin material", "Consiliere parentală"}},
      {"home_care", 20, 45, 62, 90, {"elderly", "physical_disability"}, {"physical", "sensory"}, Pattern::Hours, false,
       {"Îngrijire la domiciliu", "Cumpărături și medicamente", "Curățenie"}},
      {"temporary_placement", 8, 12, 3, 17, {"children_at_risk", "children_without_parental_care", "domestic_violence"}, {}, Pattern::Resides,
       false, {"Plasament și îngrijire"}},
  };
  return v;
}
const Profile& profile_of(const std::string& code) {
  for (const auto& p : profiles())
    if (p.code == code) return p;
  return profiles()[0];
}

// The grant projects' titles name their service (grants/demo.cpp): the type each one becomes.
std::string type_of_title(const std::string& t) {
  static const std::vector<std::pair<const char*, const char*>> m = {
      {"Centrul de zi pentru copii", "day_centre_children"}, {"Echipa mobilă", "mobile_team"},
      {"Locuința protejată", "protected_housing"},            {"asistență personală", "personal_assistance"},
      {"Casa comunitară", "community_home"},                  {"respiro", "respite"},
      {"Sprijin familial", "family_support"},                 {"Îngrijire socială la domiciliu", "home_care"},
      {"Asistența parentală", "parental_assistance"},         {"plasament temporar", "temporary_placement"},
      {"dizabilități psihosociale", "day_centre_disability"}, {"tip familial", "family_type_home"}};
  for (const auto& [needle, code] : m)
    if (t.find(needle) != std::string::npos) return code;
  return "";
}

const std::vector<std::string> kFemale = {"Ana", "Maria", "Elena", "Ioana", "Cristina", "Natalia", "Tatiana", "Olga", "Mihaela", "Doina",
                                          "Ludmila", "Valentina", "Svetlana", "Irina", "Aliona", "Daniela", "Veronica", "Lilia", "Nicoleta", "Ecaterina",
                                          "Ștefania", "Tămara", "Mărioara", "Zinaida", "Adriana"};
const std::vector<std::string> kMale = {"Ion", "Vasile", "Andrei", "Mihai", "Alexandru", "Nicolae", "Sergiu", "Dumitru", "Victor", "Gheorghe",
                                        "Petru", "Igor", "Vitalie", "Constantin", "Radu", "Dorin", "Cristian", "Vladimir", "Eugen", "Ștefan",
                                        "Tudor", "Răzvan", "Octavian", "Iulian", "Anatolie"};
const std::vector<std::string> kLast = {"Rusu", "Ceban", "Ciobanu", "Popa", "Țurcanu", "Lungu", "Munteanu", "Rotari", "Cojocaru", "Moraru",
                                        "Bălan", "Sîrbu", "Căldare", "Guțu", "Bîrcă", "Grosu", "Melnic", "Roșca", "Vrabie", "Plămădeală",
                                        "Ursu", "Botnari", "Cebotari", "Țîmbalari", "Jitaru", "Negruță", "Pîrțac", "Onofrei", "Ștefăneț", "Grigoraș"};
// Where people leave from: children from children's institutions, adults from the psychoneurological ones.
const std::vector<std::string> kAdultInstitutions = {"Internatul psihoneurologic din Bălți", "Internatul psihoneurologic din Cocieri",
                                                     "Internatul psihoneurologic din Brânzeni"};
const std::vector<std::string> kChildInstitutions = {"Casa-internat pentru copii cu deficiențe mintale din Orhei",
                                                     "Casa-internat pentru copii cu deficiențe mintale din Hîncești",
                                                     "Școala-internat auxiliară din Cahul", "Centrul de plasament pentru copii din Soroca"};
const std::vector<std::string> kOutcomes = {"living_in_family", "community_with_support", "community_with_support", "community_with_support",
                                            "living_in_family", "returned_to_institution", "other"};

int weekday(int y, int m, int d) {  // 0 = Monday
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  int sunday0 = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
  return (sunday0 + 6) % 7;
}
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}
std::string ymd(int y, int m, int d) {
  char b[40];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
  return b;
}

class Gen {
 public:
  explicit Gen(std::uint32_t seed) : g_(seed) {}
  int between(int lo, int hi) { return lo >= hi ? lo : std::uniform_int_distribution<int>(lo, hi)(g_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(g_); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))]; }
  // A day between two dates (inclusive).
  std::string day_between(const std::string& from, const std::string& to) {
    auto span = std::max(0, static_cast<int>(days_between(from, to)));
    return add_days(from, between(0, span));
  }
  std::mt19937& raw() { return g_; }

 private:
  std::mt19937 g_;
};

struct DemoService {
  std::int64_t id = 0;
  std::string type, district, opened_on;
  int capacity = 0;
  std::optional<std::int64_t> organisation;
  bool sample = false;
};

struct DemoPerson {
  std::int64_t id = 0, service = 0, enrolment = 0;
  std::string code, sex, type, started_on, district;
  int birth_year = 0;
  std::optional<std::string> disability;
  std::vector<std::string> groups;
  std::optional<std::int64_t> organisation;
  bool sharing = false;
};

class Loader {
 public:
  Loader(store::Tx& tx, const Vault& vault, const DemoAccounts& who, const DemoScale& scale, std::uint32_t seed)
      : tx_(tx), vault_(vault), who_(who), scale_(scale), g_(seed), today_(today()), now_(now_iso()),
        window_(add_months(today_, -36)),
        deliveries_(tx, "deliveries", {"service_id", "person_id", "on_date", "units", "mode", "activity", "staff_id", "recorded_by", "created_at"}),
        consents_(tx, "consents", {"person_id", "purposes", "shared_with", "given_on", "given_by", "recorded_by", "created_at"}),
        assessments_(tx, "assessments", {"person_id", "assessed_on", "domains", "summary", "assessed_by", "created_at"}),
        plans_(tx, "plans", {"person_id", "starts_on", "review_on", "goals", "created_by", "created_at", "updated_at"}) {}

  ServicesDemoResult run() {
    make_services();
    std::int64_t capacity = 0;
    for (const auto& s : services_) capacity += s.capacity;
    double per_place = static_cast<double>(scale_.people) / static_cast<double>(std::max<std::int64_t>(1, capacity));
    store::LoadWithKeysCheckedOnce load(tx_, "deliveries");
    for (const auto& s : services_) fill(s, per_place);
    deliveries_.flush();
    load.finish();
    consents_.flush();
    assessments_.flush();
    plans_.flush();
    {
      store::BulkInsert months(tx_, "delivery_months", {"service_id", "month", "records", "units", "people"});
      for (const auto& [key, m] : months_) months.add({key.first, key.second, m.records, m.units, m.people});
    }
    pathways();
    referrals();
    ServicesDemoResult r;
    r.services = static_cast<std::int64_t>(services_.size());
    r.people = static_cast<std::int64_t>(people_.size());
    r.pathways = pathways_;
    r.deliveries = static_cast<std::int64_t>(deliveries_.rows());
    r.referrals = referrals_;
    return r;
  }

 private:
  // ---------------------------------------------------------------- services
  std::int64_t add_service(const std::string& type, const std::string& name, std::optional<std::int64_t> org,
                           std::optional<std::int64_t> authority, std::optional<std::int64_t> partner, const std::string& district,
                           const std::string& opened_on, std::optional<std::int64_t> agreement, bool sample) {
    const auto& p = profile_of(type);
    ServiceUnit s;
    s.type_code = type;
    s.name = name;
    s.district = district;
    s.status = "active";
    s.provider_organisation_id = org;
    s.provider_authority_id = authority;
    s.partner_authority_id = partner;
    s.capacity = g_.between(p.min_capacity, p.max_capacity);
    s.opened_on = opened_on;
    // Most are accredited for five years; a few expire within two months (the UI warns), one has expired.
    auto accredited = add_days(opened_on, g_.between(-60, -10));
    auto n = services_.size();
    s.accreditation_number = "AC-" + std::to_string(1000 + n);
    s.accredited_on = accredited;
    s.accreditation_expires_on = n % 17 == 5 ? add_days(today_, g_.between(10, 55)) : n % 41 == 7 ? add_days(today_, -20) : add_months(accredited, 60);
    if (sample && samples_ == 0) s.accreditation_expires_on = add_days(today_, 45);
    s.staff_positions = {{"Manager", 100}, {"Asistent social", g_.between(1, 3) * 100}};
    if (p.pattern == Pattern::Hours) s.staff_positions.push_back({"Asistent personal", g_.between(4, 12) * 100});
    if (agreement) s.funding.push_back({"grant", agreement, ""});
    s.funding.push_back({"local_budget", std::nullopt, "Consiliul raional"});
    auto id = insert_service(tx_, s);
    services_.push_back({id, type, district, opened_on, s.capacity, org, sample});
    if (sample) {
      ++samples_;
      tx_.exec("INSERT INTO service_staff (service_id, user_id) VALUES ($1, $2)", {id, who_.case_worker});
    }
    return id;
  }

  void make_services() {
    // One for each grant agreement, where its project is.
    struct Ag {
      std::int64_t id, org;
      std::string title, district, starts_on;
      std::optional<std::int64_t> partner;
    };
    std::vector<Ag> agreements;
    {
      auto c = tx_.query("SELECT ga.id, ga.organisation_id, a.title, COALESCE(a.district, o.district), ga.starts_on, a.partner_authority_id "
                         "FROM grant_agreements ga JOIN applications a ON a.id = ga.application_id "
                         "JOIN organisations o ON o.id = ga.organisation_id ORDER BY ga.id");
      while (c->next()) agreements.push_back({c->i64(0), c->i64(1), c->str(2), c->str(3), c->str(4), c->opt_i64(5)});
    }
    for (const auto& a : agreements) {
      auto type = type_of_title(a.title);
      if (type.empty()) continue;  // media and visibility contracts run no service
      auto opened = std::min(a.starts_on, add_days(today_, -40));
      add_service(type, a.title, a.org, std::nullopt, a.partner, a.district, opened, a.id, false);
    }
    // The demo CSO's own services, staffed by the demo case worker.
    auto district = tx_.scalar_text("SELECT district FROM organisations WHERE id = $1", {who_.sample_organisation}).value_or("MD-CA");
    add_service("day_centre_children", "Centrul de zi „Curcubeu” pentru copii în situație de risc", who_.sample_organisation, std::nullopt,
                who_.sample_authority, district, add_months(today_, -40), std::nullopt, true);
    add_service("mobile_team", "Echipa mobilă „Alături”", who_.sample_organisation, std::nullopt, who_.sample_authority, district,
                add_months(today_, -30), std::nullopt, true);
    add_service("protected_housing", "Locuința protejată „Casa Speranței”", who_.sample_organisation, std::nullopt, who_.sample_authority,
                district, add_months(today_, -26), std::nullopt, true);
    // At national scale, more services across the country, run by organisations and by authorities.
    if (static_cast<int>(services_.size()) < scale_.services) {
      std::vector<std::pair<std::int64_t, std::string>> orgs, auths;
      {
        auto c = tx_.query("SELECT id, district FROM organisations WHERE status = 'active' ORDER BY id");
        while (c->next()) orgs.emplace_back(c->i64(0), c->str(1));
      }
      {
        auto c = tx_.query("SELECT id, district FROM authorities WHERE district IS NOT NULL ORDER BY id");
        while (c->next()) auths.emplace_back(c->i64(0), c->str(1));
      }
      while (static_cast<int>(services_.size()) < scale_.services) {
        const auto& p = g_.pick(profiles());
        bool by_authority = !auths.empty() && g_.chance(0.3);
        const auto& [owner, d] = by_authority ? g_.pick(auths) : g_.pick(orgs);
        static const std::vector<std::string> names = {"„Speranța”", "„Izvoraș”", "„Lumina”", "„Încredere”", "„Împreună”", "„Alături de tine”",
                                                       "„Casa Mare”", "„Ghiocel”", "„Mugurel”", "„Pas cu pas”"};
        auto name = bj::value_to<std::string>(bj::parse(tx_.scalar_text("SELECT name FROM service_types WHERE code = $1", {std::string(p.code)})
                                                               .value_or("{\"ro\":\"Serviciu\"}"))
                                                  .at("ro")) +
                    " " + g_.pick(names) + " nr. " + std::to_string(services_.size() + 1);
        add_service(p.code, name, by_authority ? std::nullopt : std::optional<std::int64_t>(owner),
                    by_authority ? std::optional<std::int64_t>(owner) : std::nullopt, std::nullopt, d,
                    add_days(today_, -g_.between(400, 2500)), std::nullopt, false);
      }
    }
  }

  // ---------------------------------------------------------------- people
  std::string idnp(std::int64_t n) {
    char b[40];
    std::snprintf(b, sizeof b, "20%010lld", static_cast<long long>((n * 7919 + 1234567) % 10000000000LL));
    std::string s(b);
    return s + static_cast<char>('0' + idno_check_digit(s));
  }

  void fill(const DemoService& s, double per_place) {
    const auto& p = profile_of(s.type);
    // A third of the services are full, with a waiting list; the others have a place or two free.
    bool full = g_.chance(0.33) && !s.sample;  // the demo CSO's services keep a place or two free
    int active = full ? s.capacity : std::max(1, s.capacity * 8 / 10);
    int waiting = full ? g_.between(1, 3) : 0;
    int n = std::max(active + 1, static_cast<int>(s.capacity * per_place + 0.5));
    auto start_from = std::max(s.opened_on, window_);
    for (int i = 0; i < n + waiting; ++i) {
      DemoPerson d;
      d.type = s.type;
      d.district = s.district;
      d.service = s.id;
      d.organisation = s.organisation;
      d.sex = g_.chance(0.5) ? "female" : "male";
      int age = g_.between(p.min_age, p.max_age);
      auto birth = ymd(std::stoi(today_.substr(0, 4)) - age - 1, g_.between(1, 12), g_.between(1, 28));
      d.birth_year = std::stoi(birth.substr(0, 4));
      d.groups = {g_.pick(p.groups)};
      if (!p.disabilities.empty()) d.disability = g_.pick(p.disabilities);
      if (g_.chance(0.06)) d.groups.push_back("roma");
      Identity id;
      id.first_name = g_.pick(d.sex == "female" ? kFemale : kMale);
      id.last_name = g_.pick(kLast);
      id.birth_date = birth;
      id.idnp = idnp(static_cast<std::int64_t>(people_.size()) + 1);
      id.address = "str. " + g_.pick(kLast) + " " + std::to_string(g_.between(1, 120)) + ", " + s.district;
      if (age < 18) id.representative = g_.pick(kFemale) + " " + id.last_name + " (mama)";
      Person row;
      unsigned char rnd[6];
      for (auto& b : rnd) b = static_cast<unsigned char>(g_.between(0, 255));
      row.code = person_code(rnd);
      while (!codes_.insert(row.code).second) {
        for (auto& b : rnd) b = static_cast<unsigned char>(g_.between(0, 255));
        row.code = person_code(rnd);
      }
      row.sealed_identity = vault_.seal(bj::serialize(to_json(id)));
      row.sex = d.sex;
      row.birth_year = d.birth_year;
      row.district = s.district;
      row.disability_type = d.disability;
      if (d.disability) row.disability_degree = g_.pick(disability_degrees());
      row.target_groups = d.groups;
      row.organisation_id = s.organisation;
      if (s.sample) row.case_worker_id = who_.case_worker;
      row.idnp_hash = vault_.lookup_hash(*id.idnp);
      row.name_dob_hash = vault_.lookup_hash(name_dob_key(id));
      d.id = insert_person(tx_, row);
      d.code = row.code;
      // Enrolment: the first places are taken now, then the waiting list, the rest left before.
      Enrolment e;
      e.person_id = d.id;
      e.service_id = s.id;
      std::optional<std::string> ended;
      if (i < active) {
        e.status = "active";
        e.started_on = g_.day_between(start_from, add_days(today_, -35));
      } else if (i < active + waiting) {
        e.status = "waiting";
      } else {
        e.status = "exited";
        // A stay of 2 months or more that ended at least a month ago.
        int stay = g_.between(2, scale_.max_stay_months);
        auto latest_start = add_months(add_days(today_, -30), -stay);
        e.started_on = g_.day_between(start_from, std::max(start_from, latest_start));
        ended = std::min(add_months(*e.started_on, stay), add_days(today_, -30));
        e.ended_on = ended;
        e.exit_reason = g_.pick(exit_reasons());
      }
      e.requested_on = e.started_on ? add_days(*e.started_on, -g_.between(3, 30)) : add_days(today_, -g_.between(5, 60));
      d.enrolment = insert_enrolment(tx_, e);
      d.started_on = e.started_on.value_or("");
      d.sharing = g_.chance(0.6);
      auto given = e.requested_on;
      consents_.add({d.id, store::join_codes(d.sharing ? std::vector<std::string>{"services", "data_processing", "sharing"}
                                                      : std::vector<std::string>{"services", "data_processing"}),
                     "", given, age < 18 ? "legal_representative" : "person", who_.cso_staff, now_});
      if (scale_.details) details(d, given);
      if (e.started_on) deliver(s, p, d, *e.started_on, ended.value_or(add_days(today_.substr(0, 7) + "-01", -1)));
      people_.push_back(std::move(d));
    }
  }

  // An assessment on arrival and a plan with two or three goals under review.
  void details(const DemoPerson& d, const std::string& on) {
    static const std::vector<std::string> domains = {"health", "daily_living", "mobility", "communication", "education",
                                                     "family_relations", "social_inclusion", "housing"};
    bj::array a;
    std::set<std::string> seen;
    for (int i = 0; i < 3; ++i) {
      const auto& dom = g_.pick(domains);
      if (seen.insert(dom).second) a.push_back({{"domain", dom}, {"level", g_.between(1, 4)}, {"notes", ""}});
    }
    assessments_.add({d.id, std::min(on, today_), bj::serialize(a), "Evaluarea inițială a nevoilor, la admitere.", who_.case_worker, now_});
    // Goals that fit the person's age, each once.
    static const std::vector<std::string> child_goals = {"Frecventează școala zilnic", "Participă la activitățile de grup",
                                                         "Familia participă la grupul de sprijin", "Merge la controlul medical lunar",
                                                         "Își face temele cu sprijinul educatorului"};
    static const std::vector<std::string> adult_goals = {"Își pregătește singur(ă) micul dejun", "Folosește transportul public însoțit(ă)",
                                                         "Participă la activitățile de grup", "Își gestionează banii de buzunar",
                                                         "Merge la controlul medical lunar", "Își caută un loc de muncă protejat"};
    bool child = std::stoi(today_.substr(0, 4)) - d.birth_year < 18;
    auto pool = child ? child_goals : adult_goals;
    std::shuffle(pool.begin(), pool.end(), g_.raw());
    bj::array gl;
    int n = g_.between(2, 3);
    for (int i = 0; i < n; ++i)
      gl.push_back({{"goal", pool[static_cast<std::size_t>(i)]}, {"responsible_id", who_.case_worker},
                    {"target_on", add_months(std::min(on, today_), 6)}, {"progress", g_.between(0, 10) * 10}, {"status", "open"}, {"notes", ""}});
    auto starts = std::min(on, today_);
    plans_.add({d.id, starts, std::max(add_months(starts, 6), add_days(today_, g_.between(-20, 90))), bj::serialize(gl), who_.case_worker, now_, now_});
  }

  // What the service delivered to the person, day by day, from `from` to `to` (whole months up to
  // the last one; the current month is left for the grid).
  void deliver(const DemoService& s, const Profile& p, const DemoPerson& d, const std::string& from, const std::string& to) {
    if (from > to) return;
    int y = std::stoi(from.substr(0, 4)), m = std::stoi(from.substr(5, 2));
    std::optional<std::int64_t> staff = s.sample ? std::optional<std::int64_t>(who_.case_worker) : std::nullopt;
    while (true) {
      auto month = ymd(y, m, 1).substr(0, 7);
      if (month > to.substr(0, 7)) break;
      int dim = days_in(y, m);
      std::int64_t records = 0, units = 0;
      int visits = 0;
      for (int day = 1; day <= dim; ++day) {
        auto date = ymd(y, m, day);
        if (date < from || date > to) continue;
        bool weekday_ = weekday(y, m, day) < 5;
        int u = 0;
        switch (p.pattern) {
          case Pattern::Attends: u = weekday_ && g_.chance(0.78) ? 1 : 0; break;
          case Pattern::Resides: u = 1; break;
          case Pattern::Hours: u = weekday_ && g_.chance(s.type == "home_care" ? 0.6 : 0.9) ? g_.between(2, 6) : 0; break;
          case Pattern::WeeklyVisit: u = weekday(y, m, day) == (d.id % 5) ? 1 : 0; break;
          case Pattern::FortnightlyVisit: u = (day == 6 + d.id % 5 || day == 20 + d.id % 5) ? 1 : 0; break;
        }
        if (u == 0) continue;
        ++visits;
        std::optional<std::string> activity;
        if (scale_.details && (p.pattern != Pattern::Resides || day % 7 == 0)) activity = g_.pick(p.activities);
        deliveries_.add({s.id, d.id, date, static_cast<std::int64_t>(u), g_.chance(0.03) ? "remote" : "in_person", store::opt(activity),
                         store::opt(staff), who_.cso_staff, now_});
        ++records;
        units += u;
      }
      if (records) {
        auto& t = months_[{s.id, month}];
        t.records += records;
        t.units += units;
        ++t.people;
      }
      if (++m == 13) {
        m = 1;
        ++y;
      }
    }
  }

  // ---------------------------------------------------------------- deinstitutionalisation
  void pathways() {
    std::vector<const DemoPerson*> eligible;
    for (const auto& d : people_)
      if (!d.started_on.empty() && profile_of(d.type).leaves_institution && d.started_on > add_days(window_, 30)) eligible.push_back(&d);
    // The demo CSO's protected housing first: its people came out of institutions.
    auto first = [&](const DemoPerson* x) { return x->type == "protected_housing" && x->organisation == who_.sample_organisation; };
    std::stable_sort(eligible.begin(), eligible.end(), [&](const DemoPerson* a, const DemoPerson* b) { return first(a) > first(b); });
    std::shuffle(eligible.begin() + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(eligible.size()), 8), eligible.end(), g_.raw());
    int n = std::min<int>(scale_.deinstitutionalised, static_cast<int>(eligible.size()));
    store::BulkInsert followups(tx_, "pathway_followups", {"pathway_id", "months", "due_on", "done_on", "situation", "notes", "recorded_by"});
    for (int i = 0; i < n; ++i) {
      const auto& d = *eligible[static_cast<std::size_t>(i)];
      auto left = add_days(d.started_on, -g_.between(0, 14));
      bool child = std::stoi(today_.substr(0, 4)) - d.birth_year < 18;
      bool left_as_child = std::stoi(left.substr(0, 4)) - d.birth_year < 18;
      auto family = child && g_.chance(0.5) ? std::optional<std::string>("extended") : std::nullopt;
      auto id = *tx_.scalar(
          "INSERT INTO pathways (person_id, institution, left_on, transition_plan, receiving_service_id, receiving_family, created_by, "
          "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
          {d.id, g_.pick(left_as_child ? kChildInstitutions : kAdultInstitutions), left,
           "Vizite de acomodare timp de o lună, apoi mutarea; sprijin zilnic în primele trei luni, apoi treptat mai puțin.",
           family ? store::Param{} : store::Param{d.service}, store::opt(family), who_.case_worker, now_, now_});
      std::optional<std::string> outcome, outcome_on;
      for (int months : {3, 6, 12}) {
        auto due = add_months(left, months);
        bool done = due <= today_ && g_.chance(0.9);
        auto done_on = done ? std::optional<std::string>(std::min(add_days(due, g_.between(-5, 12)), today_)) : std::nullopt;
        auto situation = done ? std::optional<std::string>(g_.pick(kOutcomes)) : std::nullopt;
        followups.add({id, static_cast<std::int64_t>(months), due, store::opt(done_on), store::opt(situation),
                       done && scale_.details ? store::Param{std::string("Vizită la domiciliu; persoana se adaptează.")} : store::Param{},
                       done ? store::Param{who_.case_worker} : store::Param{}});
        if (months == 12 && done) {
          outcome = situation;
          outcome_on = done_on;
        }
      }
      if (outcome)
        tx_.exec("UPDATE pathways SET outcome = $1, outcome_on = $2 WHERE id = $3", {*outcome, *outcome_on, id});
      auto groups = d.groups;
      groups.push_back("deinstitutionalised");
      tx_.exec("UPDATE people SET target_groups = $1 WHERE id = $2", {store::join_codes(groups), d.id});
      ++pathways_;
    }
  }

  // A few referrals to the demo CSO's day centre from other organisations, waiting for its answer.
  void referrals() {
    std::int64_t to = 0;
    for (const auto& s : services_)
      if (s.sample) {
        to = s.id;
        break;
      }
    int made = 0;
    static const std::vector<std::string> reasons = {"Copilul are nevoie de un program după școală; familia lucrează în schimburi.",
                                                     "Abandon școlar în risc; recomandăm centrul de zi din localitatea de reședință.",
                                                     "Familia s-a mutat în raion; continuarea serviciului."};
    for (const auto& d : people_) {
      if (made == 3 || !to) break;
      if (!d.sharing || !d.organisation || *d.organisation == who_.sample_organisation || d.type != "family_support") continue;
      auto shared = referral_profile(*find_person(tx_, d.id), today_);
      tx_.exec("INSERT INTO referrals (person_id, from_organisation_id, from_user_id, to_service_id, reason, shared, created_at, updated_at) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
               {d.id, *d.organisation, who_.cso_staff, to, reasons[static_cast<std::size_t>(made)], bj::serialize(shared), now_, now_});
      ++made;
      ++referrals_;
    }
  }

  store::Tx& tx_;
  const Vault& vault_;
  DemoAccounts who_;
  DemoScale scale_;
  Gen g_;
  std::string today_, now_, window_;
  store::BulkInsert deliveries_, consents_, assessments_, plans_;
  std::vector<DemoService> services_;
  std::vector<DemoPerson> people_;
  std::set<std::string> codes_;
  struct MonthTotal {
    std::int64_t records = 0, units = 0, people = 0;
  };
  std::map<std::pair<std::int64_t, std::string>, MonthTotal> months_;
  int samples_ = 0;
  std::int64_t pathways_ = 0, referrals_ = 0;
};
}  // namespace

ServicesDemoResult load_demo(store::Tx& tx, const Vault& vault, const DemoAccounts& who, const DemoScale& scale, std::uint32_t seed) {
  return Loader(tx, vault, who, scale, seed).run();
}
boost::json::object load_demo(platform::DemoContext& d) {
  DemoAccounts who;
  who.sample_organisation = d.sample_organisation;
  who.sample_authority = d.sample_authority;
  who.case_worker = d.account("case_worker");
  who.cso_staff = d.account("cso_staff");
  auto r = load_demo(d.tx, d.vault, who, d.national ? DemoScale::national() : DemoScale::programme());
  rebuild_tallies(d.tx);  // the demo writes its records in bulk: its tallies are counted from them once
  return {{"services", r.services}, {"people", r.people}, {"pathways", r.pathways}, {"deliveries", r.deliveries}, {"referrals", r.referrals}};
}
}  // namespace sp::services
