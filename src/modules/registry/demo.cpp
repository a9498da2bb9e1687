#include "modules/registry/demo.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "common/embedded.hpp"
#include "common/idno.hpp"
#include "common/time.hpp"
#include "modules/registry/model.hpp"
#include "modules/registry/repo.hpp"

namespace sp::registry {
namespace {
// Village and commune names of the kind found across Moldova, placed at random: the geography of
// the demo is fictitious, only the 37 second-level units are real.

const std::vector<std::string> kOrgThemes = {
    "Speranța", "Casa Deschisă", "Pas cu Pas", "Viață Nouă", "Sprijin Comunitar", "Împreună", "Lumina",
    "Copii în Siguranță", "Familia Mea", "Incluziune Activă", "Drumul Spre Casă", "Alternativa", "Ajutor Reciproc",
    "Inimă Caldă", "Prietenii Copiilor", "Orizont", "Mâini Întinse", "Rază de Soare", "Mereu Alături", "Șansa Ta",
    "Vocea Comunității", "Gîndește Verde", "Ușă Deschisă", "Casa Mărioarei", "Salvați Copiii din Sat", "Diaconia Locală",
    "Femeia și Copilul", "Pro Comunitate", "Demnitate", "Egalitate", "Noi Putem", "Tinerii pentru Viitor"};

const std::vector<std::string> kServiceTitles = {
    "Serviciul de asistență personală", "Echipa mobilă", "Centrul de zi pentru copii în situație de risc",
    "Casa comunitară pentru persoane cu dizabilități intelectuale", "Locuința protejată",
    "Asistența parentală profesionistă", "Sprijin familial pentru familiile cu copii", "Serviciul respiro",
    "Îngrijire socială la domiciliu", "Centrul de plasament temporar", "Casa de copii de tip familial",
    "Centrul de zi pentru persoane cu dizabilități"};

const std::vector<std::string> kFirst = {"Ana", "Maria", "Elena", "Natalia", "Tatiana", "Svetlana", "Ion", "Vasile",
                                         "Gheorghe", "Mihai", "Sergiu", "Andrei", "Olga", "Lilia", "Valentina", "Petru"};
const std::vector<std::string> kLast = {"Rusu", "Ceban", "Ciobanu", "Lungu", "Popa", "Munteanu", "Cojocaru", "Botnaru",
                                        "Țurcanu", "Bălan", "Moraru", "Sîrbu", "Guțu", "Rotaru", "Bejenaru", "Vrabie"};

template <class T>
const T& pick(std::mt19937& g, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(g)];
}
int rnd(std::mt19937& g, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); }

std::string make_idno(std::mt19937& g, std::set<std::string>& used, char first) {
  for (;;) {
    std::string s(1, first);
    s += std::to_string(rnd(g, 0, 9));
    for (int i = 0; i < 10; ++i) s += static_cast<char>('0' + rnd(g, 0, 9));
    s += static_cast<char>('0' + idno_check_digit(s));
    if (used.insert(s).second) return s;
  }
}

std::string date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}
}  // namespace

DemoResult load_demo(store::Tx& tx, const DemoScale& scale, std::uint32_t seed) {
  std::mt19937 g(seed);
  DemoResult res;
  load_units_from_csv(tx, embedded("src/modules/registry/moldova-units.csv"));
  auto districts = list_units(tx, 2, std::nullopt);
  std::set<std::string> idnos;

  // Localities and mayoralties under each second-level unit; councils for each.
  std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> localities;  // district → (code, mayoralty)
  std::map<std::string, std::int64_t> councils;
  std::map<std::string, std::string> place_name;  // locality code → name
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> real_places;  // district → (name, kind)
  {
    auto csv = embedded("src/modules/registry/moldova-localities.csv");
    std::size_t at = csv.find('\n') + 1;  // past the header
    while (at < csv.size()) {
      auto end = csv.find('\n', at);
      if (end == std::string_view::npos) end = csv.size();
      auto line = csv.substr(at, end - at);
      at = end + 1;
      auto c1 = line.find(','), c2 = line.rfind(',');
      if (c1 == std::string_view::npos || c2 == c1) continue;
      real_places[std::string(line.substr(0, c1))].emplace_back(std::string(line.substr(c1 + 1, c2 - c1 - 1)),
                                                                 std::string(line.substr(c2 + 1)));
    }
  }
  for (const auto& d : districts) {
    if (d.code == "MD-SN") continue;  // Stînga Nistrului: no authority of the programme works there
    Authority c;
    c.kind = d.kind == "municipality" ? "municipal_council" : d.kind == "district" ? "district_council" : "atu_executive";
    c.name = c.kind == "municipal_council" ? "Consiliul Municipal " + d.name
             : c.kind == "district_council" ? "Consiliul Raional " + d.name
                                            : "Comitetul Executiv al UTA " + d.name;
    c.level = "district";
    c.unit_code = d.code;
    c.idno = make_idno(g, idnos, '1');
    c.head_name = pick(g, kFirst) + " " + pick(g, kLast);
    c.phone = "+373 2" + std::to_string(rnd(g, 30, 99)) + " " + std::to_string(rnd(g, 10000, 99999));
    councils[d.code] = insert_authority(tx, c);
    ++res.authorities;
    // The district's own towns and communes (moldova-localities.csv), its seat first: never a
    // village of another district.
    const auto& own = real_places[d.code];
    for (int i = 0; i < scale.localities_per_district && i < static_cast<int>(own.size()); ++i) {
      Unit u;
      char code[32];
      std::snprintf(code, sizeof code, "%s-%03d", d.code.c_str(), i + 1);
      u.code = code;
      u.level = 1;
      u.parent_code = d.code;
      u.name = own[static_cast<std::size_t>(i)].first;
      u.kind = own[static_cast<std::size_t>(i)].second;
      insert_unit(tx, u);
      place_name[u.code] = u.name;
      Authority m;
      m.kind = u.kind == "city" ? "municipal_mayoralty" : u.kind == "town" ? "town_mayoralty"
               : u.kind == "commune"                     ? "commune_mayoralty"
                                                         : "village_mayoralty";
      m.name = std::string(u.kind == "city" ? "Primăria municipiului " : u.kind == "town" ? "Primăria orașului "
                           : u.kind == "commune"                                        ? "Primăria comunei "
                                                                                        : "Primăria satului ") +
               u.name;
      m.level = "local";
      m.unit_code = u.code;
      m.idno = make_idno(g, idnos, '1');
      m.head_name = pick(g, kFirst) + " " + pick(g, kLast);
      localities[d.code].emplace_back(u.code, insert_authority(tx, m));
      ++res.authorities;
    }
  }
  for (const char* name : {"Ministerul Muncii și Protecției Sociale", "Agenția Națională Asistență Socială",
                           "Ministerul Educației și Cercetării", "Ministerul Sănătății"}) {
    Authority a;
    a.name = name;
    a.kind = std::string(name).rfind("Agenția", 0) == 0 ? "national_agency" : "ministry";
    a.level = "central";
    a.idno = make_idno(g, idnos, '1');
    insert_authority(tx, a);
    ++res.authorities;
  }

  // Organisations: weighted towards the larger units, as CSOs are in reality.
  std::vector<std::string> weighted;
  for (const auto& [code, locs] : localities) {
    int w = code == "MD-CU" ? 12 : code == "MD-BA" ? 4 : 2;
    for (int i = 0; i < w; ++i) weighted.push_back(code);
  }
  struct Org {
    std::int64_t id;
    std::string district, locality;
  };
  std::vector<Org> orgs;
  const auto& groups = target_groups();
  const std::vector<std::string> forms = {"public_association", "public_association", "public_association", "foundation",
                                          "private_institution"};
  for (int i = 0; i < scale.organisations; ++i) {
    Organisation o;
    // The demo CSO staff account belongs to the first organisation: Cahul, a real programme district.
    o.district = i == 0 ? "MD-CA" : pick(g, weighted);
    const auto& locs = localities[o.district];
    const auto& loc = locs[static_cast<std::size_t>(rnd(g, 0, static_cast<int>(locs.size()) - 1))];
    o.locality = loc.first;
    o.legal_form = pick(g, forms);
    std::string prefix = o.legal_form == "public_association" ? "Asociația Obștească"
                         : o.legal_form == "foundation"      ? "Fundația"
                                                             : "Instituția Privată";
    o.name = prefix + " „" + pick(g, kOrgThemes) + "”";
    if (scale.organisations > 200) o.name += " " + std::to_string(i + 1);
    else if (i % 2 == 0) o.name += " din " + place_name[*o.locality];
    o.short_name = std::nullopt;
    o.idno = make_idno(g, idnos, '1');
    o.registered_on = date(rnd(g, 1995, 2020), rnd(g, 1, 12), rnd(g, 1, 28));
    o.address = "str. " + pick(g, std::vector<std::string>{"Ștefan cel Mare", "Independenței", "Mihai Eminescu",
                                                             "Alexandru cel Bun", "Păcii", "Gării", "Școlii"}) +
                " " + std::to_string(rnd(g, 1, 120));
    o.email = "contact" + std::to_string(i + 1) + "@demo.socialpact.md";
    o.phone = "+373 " + std::to_string(rnd(g, 60, 79)) + " " + std::to_string(rnd(g, 100000, 999999));
    int ng = rnd(g, 1, 3);
    for (int k = 0; k < ng; ++k) {
      const auto& tg = pick(g, groups);
      if (std::find(o.target_groups.begin(), o.target_groups.end(), tg) == o.target_groups.end()) o.target_groups.push_back(tg);
    }
    o.fields = {"social_services"};
    if (rnd(g, 0, 2) == 0) o.fields.push_back(pick(g, fields_of_activity()));
    if (o.fields.size() == 2 && o.fields[0] == o.fields[1]) o.fields.pop_back();
    o.status = rnd(g, 0, 19) == 0 ? "suspended" : "active";
    if (i == 0) o.status = "active";
    o.description = "Organizație care dezvoltă servicii sociale comunitare în parteneriat cu autoritățile locale.";
    o.id = insert_organisation(tx, o);
    orgs.push_back({o.id, o.district, *o.locality});
    ++res.organisations;
  }
  res.sample_organisation = orgs[0].id;
  res.sample_district = orgs[0].district;
  res.sample_council = councils[res.sample_district];
  // A second district council that contracts social services: Ungheni, or the first other district.
  res.second_district = councils.count("MD-UN") ? "MD-UN" : "";
  for (const auto& [code, id] : councils)
    if (res.second_district.empty() && code != res.sample_district) res.second_district = code;
  if (!res.second_district.empty()) res.second_council = councils[res.second_district];

  // Partnerships: a CSO with its district council (co-financing) and, often, its mayoralty.
  const int this_year = std::stoi(today().substr(0, 4));
  for (int i = 0; i < scale.partnerships; ++i) {
    const auto& o = i < static_cast<int>(orgs.size()) ? orgs[static_cast<std::size_t>(i)] : pick(g, orgs);
    Partnership p;
    const auto& title = pick(g, kServiceTitles);
    std::int64_t mayoralty = 0;
    for (const auto& [code, id] : localities[o.district])
      if (code == o.locality) mayoralty = id;
    // From the first programme's year to this one; the demo CSO's partnership with its mayoralty is in force.
    int y = i == 0 ? 2024 : rnd(g, 2018, this_year);
    p.title = title + " din " + place_name[o.locality] + (scale.partnerships > 200 ? " #" + std::to_string(i + 1) : "");
    p.purpose = "Crearea și dezvoltarea serviciului în comunitate, cofinanțat de autoritatea publică locală.";
    p.starts_on = date(y, rnd(g, 1, 12), 1);
    p.ends_on = date(y + rnd(g, 2, 3), rnd(g, 1, 12), 28);
    int s = rnd(g, 0, 9);
    p.status = y <= 2020 ? "ended" : s == 0 && i != 0 ? "draft" : "active";
    if (i == 0) p.ends_on = date(2027, 12, 31);
    Party lead;
    lead.organisation_id = o.id;
    lead.role = "lead";
    lead.contribution = {static_cast<std::int64_t>(rnd(g, 0, 20)) * 500000, "MDL"};
    lead.contribution_kind = "in_kind";
    p.parties.push_back(lead);
    Party council;
    council.authority_id = councils[o.district];
    council.role = "co_financer";
    council.contribution = {static_cast<std::int64_t>(rnd(g, 5, 40)) * 1000000, "MDL"};
    p.parties.push_back(council);
    if (mayoralty && (i == 0 || rnd(g, 0, 1) == 0)) {
      Party m;
      m.authority_id = mayoralty;
      m.role = "partner";
      m.contribution = {static_cast<std::int64_t>(rnd(g, 1, 10)) * 500000, "MDL"};
      p.parties.push_back(m);
      if (i == 0) res.sample_authority = mayoralty;
    }
    insert_partnership(tx, p);
    ++res.partnerships;
  }
  return res;
}
}  // namespace sp::registry
