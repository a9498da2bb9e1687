// The contracting process as OCDS 1.1.5 (decision 0023).
#include "modules/contracting/ocds.hpp"

#include <algorithm>
#include <set>

#include "common/time.hpp"

namespace sp::contracting::ocds {
namespace bj = boost::json;

namespace {
// A calendar day as the instant Moldova's day starts.
std::string day_start(const std::string& date) {
  if (date.size() != 10) return date;
  return chisinau_to_utc(date + "T00:00").value_or(date + "T00:00:00Z");
}
// …and the instant before the next one starts (a period's last day, whole).
std::string day_end(const std::string& date) {
  if (date.size() != 10) return date;
  return chisinau_to_utc(date + "T23:59:59").value_or(date + "T23:59:59Z");
}

bj::object value(std::int64_t minor) { return {{"amount", exact_number(minor)}, {"currency", "MDL"}}; }

std::string party_id(const Party& p, bool authority) {
  if (p.idno) return "MD-IDNO-" + *p.idno;
  return std::string(authority ? "socialpact-authority-" : "socialpact-organisation-") + std::to_string(p.key);
}

// UN/CEFACT Recommendation 20: hour, day, month; a visit is counted as one.
std::pair<std::string, std::string> unit_code(std::string_view unit) {
  if (unit == "hour") return {"HUR", "hour"};
  if (unit == "day") return {"DAY", "day"};
  if (unit == "beneficiary_month" || unit == "place_month") return {"MON", "month"};
  return {"C62", "one"};
}

struct Built {
  std::string ocid;
  std::string buyer_id;
  bj::object buyer_ref;
  std::map<std::int64_t, std::string> provider_ids;
  std::map<std::int64_t, std::set<std::string>> provider_roles;
  std::string status;  // the purchase's, in time
};

bj::object reference(const std::string& id, const std::string& name) { return {{"id", id}, {"name", name}}; }

bj::object organization(const Party& p, const std::string& id, const std::set<std::string>& roles) {
  bj::object o{{"id", id}, {"name", p.name}};
  if (p.idno) o["identifier"] = bj::object{{"scheme", "MD-IDNO"}, {"id", *p.idno}, {"legalName", p.name}};
  bj::object address{{"countryName", "Moldova"}};
  if (p.region) address["region"] = *p.region;
  if (p.locality) address["locality"] = *p.locality;
  o["address"] = std::move(address);
  bj::array r;
  for (const auto& role : roles) r.push_back(bj::string(role));
  o["roles"] = std::move(r);
  return o;
}

Built build(const Process& x, const Publication& pub) {
  Built b;
  b.ocid = ocid(pub, x.purchase);
  b.buyer_id = party_id(x.buyer, true);
  b.buyer_ref = reference(b.buyer_id, x.buyer.name);
  b.status = effective_status(x.purchase, x.now);
  for (const auto& [key, p] : x.providers) b.provider_ids[key] = party_id(p, false);
  for (auto t : x.tenderers) b.provider_roles[t].insert("tenderer");
  for (const auto& a : x.awarded) b.provider_roles[a.organisation_id].insert("supplier");
  for (const auto& [cid, reports] : x.paid) {
    auto c = std::find_if(x.contracts.begin(), x.contracts.end(), [&](const Contract& k) { return k.id == cid; });
    if (c != x.contracts.end() && !reports.empty()) b.provider_roles[c->organisation_id].insert("payee");
  }
  return b;
}

bj::object provider_ref(const Process& x, const Built& b, std::int64_t org) {
  auto p = x.providers.find(org);
  return reference(b.provider_ids.count(org) ? b.provider_ids.at(org) : "socialpact-organisation-" + std::to_string(org),
                   p != x.providers.end() ? p->second.name : std::string());
}

bj::array parties(const Process& x, const Built& b, const std::set<std::int64_t>& providers) {
  std::set<std::string> buyer_roles{"buyer", "procuringEntity"};
  if (!x.paid.empty()) buyer_roles.insert("payer");
  bj::array out{organization(x.buyer, b.buyer_id, buyer_roles)};
  for (auto org : providers) {
    auto p = x.providers.find(org);
    if (p == x.providers.end()) continue;
    auto roles = b.provider_roles.count(org) ? b.provider_roles.at(org) : std::set<std::string>{"tenderer"};
    out.push_back(organization(p->second, b.provider_ids.at(org), roles));
  }
  return out;
}

std::set<std::int64_t> every_provider(const Process& x) {
  std::set<std::int64_t> s(x.tenderers.begin(), x.tenderers.end());
  for (const auto& a : x.awarded) s.insert(a.organisation_id);
  for (const auto& c : x.contracts) s.insert(c.organisation_id);
  return s;
}

const Lot* lot_of(const Purchase& p, const std::string& code) {
  for (const auto& l : p.lots)
    if (l.code == code) return &l;
  return nullptr;
}

bj::object item(const Process& x, const Lot& l, std::int64_t quantity, std::int64_t unit_price_minor) {
  auto [cpv, cpv_name] = cpv_of(x.purchase.type_code);
  auto [code, code_name] = unit_code(x.purchase.unit);
  return {{"id", l.code},
          {"description", x.type_name + " — " + l.name},
          {"classification", bj::object{{"scheme", "CPV"}, {"id", cpv}, {"description", cpv_name}}},
          {"quantity", quantity},
          {"unit", bj::object{{"scheme", "UNCEFACT"}, {"id", code}, {"name", x.unit_name}, {"value", value(unit_price_minor)}}},
          {"relatedLot", l.code}};
}

bj::object period(const std::string& from, const std::string& to) {
  return {{"startDate", day_start(from)}, {"endDate", day_end(to)}};
}

bj::object planning(const Process& x) {
  bj::object budget{{"id", x.budget_line.value_or(std::to_string(x.purchase.year))},
                    {"description", x.budget_line.value_or("")}};
  if (x.purchase.estimated_minor) budget["amount"] = value(*x.purchase.estimated_minor);
  bj::object o{{"budget", std::move(budget)}};
  o["rationale"] = "Serviciu social contractat din bugetul local pe baza evaluării necesităților " + std::to_string(x.purchase.year) +
                   (x.purchase.standard_number ? " și a costului standard aprobat " + *x.purchase.standard_number : std::string()) + ".";
  return o;
}

std::string tender_status(const std::string& status) {
  if (status == "cancelled") return "cancelled";
  if (status == "signed") return "complete";
  return "active";
}

bj::object amendment_json(const Amendment& a) {
  std::string description = a.summary;
  if (a.offer_content && a.offer_deadline_after)
    description += " Termenul ofertelor: " + utc_to_chisinau(*a.offer_deadline_after).substr(0, 16) + ".";
  return {{"id", std::to_string(a.number)}, {"date", a.created_at}, {"rationale", a.summary}, {"description", description}};
}

bj::object tender(const Process& x, const Built& b) {
  const auto& p = x.purchase;
  bj::object t{{"id", p.number.value_or(std::to_string(p.id))},
               {"title", p.title},
               {"status", tender_status(b.status)},
               {"procuringEntity", b.buyer_ref},
               {"mainProcurementCategory", "services"},
               {"procurementMethod", "open"},
               {"procurementMethodDetails", x.procedure_name},
               {"awardCriteria", "ratedCriteria"},
               {"submissionMethod", bj::array{"electronicSubmission"}},
               {"hasEnquiries", x.has_enquiries},
               {"eligibilityCriteria", "Prestatori acreditați pentru serviciul „" + x.type_name + "” la termenul ofertelor."},
               {"contractPeriod", period(p.starts_on, p.ends_on)}};
  if (p.description) t["description"] = *p.description;
  if (p.estimated_minor) t["value"] = value(*p.estimated_minor);
  int quality = 0;
  for (const auto& c : p.criteria) quality += c.weight;
  t["awardCriteriaDetails"] = "Calitatea " + std::to_string(quality) + " de puncte, prețul " + std::to_string(p.price_weight) +
                              " de puncte (cel mai mic preț ÷ acest preț); la egalitate, oferta depusă mai devreme.";
  if (p.published_at && p.offer_deadline) t["tenderPeriod"] = bj::object{{"startDate", *p.published_at}, {"endDate", *p.offer_deadline}};
  if (p.published_at && p.clarification_deadline)
    t["enquiryPeriod"] = bj::object{{"startDate", *p.published_at}, {"endDate", *p.clarification_deadline}};
  if (p.offer_deadline && (p.awarded_at || b.status == "evaluation")) {
    bj::object award_period{{"startDate", *p.offer_deadline}};
    if (p.awarded_at) award_period["endDate"] = *p.awarded_at;
    t["awardPeriod"] = std::move(award_period);
  }
  bj::array items, lots;
  for (const auto& l : p.lots) {
    auto price = p.ceiling_minor.value_or(0);
    items.push_back(item(x, l, l.max_volume, price));
    bj::object lot{{"id", l.code}, {"title", l.name}, {"status", tender_status(b.status)}, {"contractPeriod", period(p.starts_on, p.ends_on)}};
    if (p.ceiling_minor) lot["value"] = value(*p.ceiling_minor * l.max_volume);
    lots.push_back(std::move(lot));
  }
  t["items"] = std::move(items);
  t["lots"] = std::move(lots);
  if (!x.tenderers.empty() || b.status == "evaluation") {
    t["numberOfTenderers"] = static_cast<std::int64_t>(x.tenderers.size());
    bj::array tenderers;
    for (auto org : x.tenderers) tenderers.push_back(provider_ref(x, b, org));
    t["tenderers"] = std::move(tenderers);
  }
  if (!x.amendments.empty()) {
    bj::array a;
    for (const auto& m : x.amendments) a.push_back(amendment_json(m));
    t["amendments"] = std::move(a);
  }
  return t;
}

std::string award_id(const Built& b, const std::string& lot) { return b.ocid + "-award-" + lot; }

bj::array awards(const Process& x, const Built& b) {
  bj::array out;
  const auto& p = x.purchase;
  for (const auto& a : x.awarded) {
    const auto* l = lot_of(p, a.lot);
    if (!l) continue;
    bool contracted = std::any_of(x.contracts.begin(), x.contracts.end(), [&](const Contract& c) { return c.lot == a.lot; });
    bool standing = p.standstill_until && *p.standstill_until <= x.now && !x.complaint_open;
    bj::object o{{"id", award_id(b, a.lot)},
                 {"title", l->name},
                 {"status", contracted || standing ? "active" : "pending"},
                 {"value", value(a.unit_price_minor * l->max_volume)},
                 {"suppliers", bj::array{provider_ref(x, b, a.organisation_id)}},
                 {"items", bj::array{item(x, *l, l->max_volume, a.unit_price_minor)}},
                 {"relatedLots", bj::array{bj::string(a.lot)}},
                 {"contractPeriod", period(p.starts_on, p.ends_on)}};
    if (p.announced_at) o["date"] = *p.announced_at;
    out.push_back(std::move(o));
  }
  return out;
}

std::string contract_status(const Contract& c) {
  if (c.status == "signed") return "active";
  if (c.status == "terminated" || c.status == "expired") return "terminated";
  return "pending";
}

std::string contract_id(const Contract& c) { return c.number.value_or("contract-" + std::to_string(c.id)); }

bj::array contract_amendments(const Contract& c) {
  bj::array out;
  auto v = bj::parse(c.amendments.empty() ? "[]" : c.amendments);
  if (!v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    bj::object a;
    if (auto* n = o.if_contains("number")) a["id"] = n->is_int64() ? bj::value(bj::string(std::to_string(n->as_int64()))) : *n;
    if (auto* s = o.if_contains("summary")) {
      a["rationale"] = *s;
      a["description"] = *s;
    }
    if (auto* d = o.if_contains("created_at")) a["date"] = *d;
    if (!a.contains("id")) continue;
    out.push_back(std::move(a));
  }
  return out;
}

bj::object transaction(const Process& x, const Built& b, const Contract& c, const MonthlyReport& r) {
  bj::object t{{"id", contract_id(c) + "-" + r.month},
               {"value", value(r.paid_minor.value_or(r.amount_minor))},
               {"payer", b.buyer_ref},
               {"payee", provider_ref(x, b, c.organisation_id)}};
  if (r.paid_on) t["date"] = day_start(*r.paid_on);
  return t;
}

bj::object contract_json(const Process& x, const Built& b, const Contract& c, bool with_implementation) {
  const auto* l = lot_of(x.purchase, c.lot);
  Lot lot = l ? *l : Lot{c.lot, c.lot, {}, {}, c.min_volume, c.max_volume};
  bj::object o{{"id", contract_id(c)},
               {"awardID", award_id(b, c.lot)},
               {"title", x.purchase.title + " — " + lot.name},
               {"status", contract_status(c)},
               {"period", period(c.starts_on, c.ends_on)},
               {"value", value(c.unit_price_minor * c.max_volume)},
               {"items", bj::array{item(x, lot, c.max_volume, c.unit_price_minor)}}};
  if (c.signed_on) o["dateSigned"] = day_start(*c.signed_on);
  auto amendments = contract_amendments(c);
  if (!amendments.empty()) o["amendments"] = std::move(amendments);
  if (with_implementation) {
    bj::array transactions;
    if (auto it = x.paid.find(c.id); it != x.paid.end())
      for (const auto& r : it->second) transactions.push_back(transaction(x, b, c, r));
    o["implementation"] = bj::object{{"transactions", std::move(transactions)}};
  }
  return o;
}

bj::object release(const Built& b, const std::string& id, const std::string& date, std::initializer_list<const char*> tags) {
  bj::array t;
  for (const auto* tag : tags) t.push_back(bj::string(tag));
  return {{"ocid", b.ocid}, {"id", b.ocid + "-" + id}, {"date", date}, {"tag", std::move(t)}, {"initiationType", "tender"},
          {"language", "ro"}, {"buyer", b.buyer_ref}};
}

}  // namespace

std::string ocid(const Publication& pub, const Purchase& p) {
  return pub.ocid_prefix + "-" + p.number.value_or("P" + std::to_string(p.id));
}

std::pair<std::string, std::string> cpv_of(std::string_view type) {
  static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> cpv{
      {"personal_assistance", {"85312400-3", "Servicii de asistență socială nefurnizate de instituții rezidențiale"}},
      {"home_care", {"85312400-3", "Servicii de asistență socială nefurnizate de instituții rezidențiale"}},
      {"mobile_team", {"85312400-3", "Servicii de asistență socială nefurnizate de instituții rezidențiale"}},
      {"protected_housing", {"85311200-4", "Servicii de asistență socială pentru persoanele cu handicap"}},
      {"community_home", {"85311200-4", "Servicii de asistență socială pentru persoanele cu handicap"}},
      {"day_centre_children", {"85312110-3", "Servicii de centre de zi pentru copii"}},
      {"day_centre_disability", {"85312100-0", "Servicii de centre de zi"}},
      {"respite", {"85311000-2", "Servicii de asistență socială cu cazare"}},
      {"parental_assistance", {"85311300-5", "Servicii de asistență socială pentru copii și tineri"}},
      {"family_type_home", {"85311300-5", "Servicii de asistență socială pentru copii și tineri"}},
      {"temporary_placement", {"85311300-5", "Servicii de asistență socială pentru copii și tineri"}},
      {"family_support", {"85312300-2", "Servicii de orientare și de consiliere"}},
  };
  if (auto it = cpv.find(type); it != cpv.end()) return it->second;
  return {"85310000-5", "Servicii de asistență socială"};
}

bj::array releases(const Process& x, const Publication& pub) {
  auto b = build(x, pub);
  const auto& p = x.purchase;
  std::vector<bj::object> out;
  auto published = p.published_at.value_or(p.created_at);

  auto first = release(b, "tender", published, {"planning", "tender"});
  first["parties"] = parties(x, b, {});
  first["planning"] = planning(x);
  auto t = tender(x, b);
  // As published: no tenderers, no award period yet.
  for (const char* later : {"numberOfTenderers", "tenderers", "awardPeriod", "amendments"}) t.erase(later);
  t["status"] = "active";
  for (auto& l : t["lots"].as_array()) l.as_object()["status"] = "active";
  first["tender"] = std::move(t);
  out.push_back(std::move(first));

  for (const auto& a : x.amendments) {
    auto r = release(b, "amendment-" + std::to_string(a.number), a.created_at, {"tenderAmendment"});
    bj::object tt{{"id", p.number.value_or(std::to_string(p.id))}, {"amendments", bj::array{amendment_json(a)}}};
    if (a.offer_content && a.offer_deadline_after && p.published_at)
      tt["tenderPeriod"] = bj::object{{"startDate", *p.published_at}, {"endDate", *a.offer_deadline_after}};
    r["tender"] = std::move(tt);
    out.push_back(std::move(r));
  }

  if (p.offer_deadline && (!x.tenderers.empty() || b.status == "evaluation")) {
    auto r = release(b, "tenderers", *p.offer_deadline, {"tenderUpdate"});
    std::set<std::int64_t> orgs(x.tenderers.begin(), x.tenderers.end());
    r["parties"] = parties(x, b, orgs);
    auto full = tender(x, b);
    bj::object tt{{"id", full["id"]}, {"numberOfTenderers", full["numberOfTenderers"]}, {"tenderers", full["tenderers"]}};
    r["tender"] = std::move(tt);
    out.push_back(std::move(r));
  }

  if (p.status == "cancelled") {
    auto r = release(b, "cancellation", p.cancelled_at.value_or(published), {"tenderCancellation"});
    bj::object tt{{"id", p.number.value_or(std::to_string(p.id))}, {"status", "cancelled"}};
    if (p.cancel_reason) tt["statusDetails"] = *p.cancel_reason;
    r["tender"] = std::move(tt);
    out.push_back(std::move(r));
  }

  if (p.announced_at && !x.awarded.empty()) {
    auto r = release(b, "award", *p.announced_at, {"award"});
    std::set<std::int64_t> orgs;
    for (const auto& a : x.awarded) orgs.insert(a.organisation_id);
    r["parties"] = parties(x, b, orgs);
    r["awards"] = awards(x, b);
    out.push_back(std::move(r));
  }

  for (const auto& c : x.contracts) {
    std::set<std::int64_t> orgs{c.organisation_id};
    auto signed_at = day_start(c.signed_on.value_or(c.created_at.substr(0, 10)));
    auto r = release(b, "contract-" + std::to_string(c.id), signed_at, {"contract"});
    r["parties"] = parties(x, b, orgs);
    auto k = contract_json(x, b, c, false);
    k.erase("amendments");
    k["status"] = "active";
    r["contracts"] = bj::array{std::move(k)};
    out.push_back(std::move(r));
    for (const auto& a : contract_amendments(c)) {
      const auto& ao = a.as_object();
      auto date = ao.contains("date") ? std::string(ao.at("date").as_string()) : signed_at;
      auto ar = release(b, "contract-" + std::to_string(c.id) + "-amendment-" + std::string(ao.at("id").as_string()), date,
                        {"contractAmendment"});
      ar["contracts"] = bj::array{bj::object{{"id", contract_id(c)}, {"awardID", award_id(b, c.lot)}, {"amendments", bj::array{a}}}};
      out.push_back(std::move(ar));
    }
    if (auto it = x.paid.find(c.id); it != x.paid.end())
      for (const auto& rep : it->second) {
        auto pr = release(b, "payment-" + std::to_string(rep.id), day_start(rep.paid_on.value_or(rep.month + "-28")), {"implementation"});
        pr["parties"] = parties(x, b, orgs);
        pr["contracts"] = bj::array{bj::object{{"id", contract_id(c)},
                                               {"awardID", award_id(b, c.lot)},
                                               {"implementation", bj::object{{"transactions", bj::array{transaction(x, b, c, rep)}}}}}};
        out.push_back(std::move(pr));
      }
    if (c.status == "terminated" || c.status == "expired") {
      auto er = release(b, "contract-" + std::to_string(c.id) + "-end", day_start(c.ended_on.value_or(c.ends_on)), {"contractTermination"});
      bj::object k2{{"id", contract_id(c)}, {"awardID", award_id(b, c.lot)}, {"status", "terminated"}};
      if (c.end_reason) k2["description"] = *c.end_reason;
      er["contracts"] = bj::array{std::move(k2)};
      out.push_back(std::move(er));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const bj::object& a, const bj::object& z) { return a.at("date").as_string() < z.at("date").as_string(); });
  bj::array arr;
  for (auto& r : out) arr.push_back(std::move(r));
  return arr;
}

namespace {
// A package (and a compiled release) is dated by the newest release it holds, so that reading it twice gives the same bytes
// (and the same answer from either engine); an empty package by the moment it was read.
std::string newest(const bj::array& releases, std::string latest) {
  for (const auto& r : releases) latest = std::max(latest, std::string(r.as_object().at("date").as_string()));
  return latest;
}

}  // namespace

bj::object compiled_release(const Process& x, const Publication& pub) {
  auto b = build(x, pub);
  auto o = release(b, "compiled", newest(releases(x, pub), ""), {"compiled"});
  o["parties"] = parties(x, b, every_provider(x));
  o["planning"] = planning(x);
  o["tender"] = tender(x, b);
  auto a = awards(x, b);
  if (!a.empty()) o["awards"] = std::move(a);
  bj::array contracts;
  for (const auto& c : x.contracts) contracts.push_back(contract_json(x, b, c, true));
  if (!contracts.empty()) o["contracts"] = std::move(contracts);
  return o;
}

bj::object record(const Process& x, const Publication& pub) {
  return {{"ocid", ocid(pub, x.purchase)}, {"releases", releases(x, pub)}, {"compiledRelease", compiled_release(x, pub)}};
}

namespace {
bj::object package(const Publication& pub, const std::string& uri, const std::string& date) {
  return {{"uri", uri},
          {"version", kVersion},
          {"extensions", bj::array{kLotsExtension}},
          {"publishedDate", date.empty() ? pub.published_date : date},
          {"publisher", bj::object{{"name", pub.publisher}, {"uri", pub.base_url}}},
          {"license", kLicense}};
}
}  // namespace

bj::object release_package(const Process& x, const Publication& pub, const std::string& uri) {
  auto rs = releases(x, pub);
  auto o = package(pub, uri, newest(rs, ""));
  o["releases"] = std::move(rs);
  return o;
}

bj::object record_package(const std::vector<Process>& xs, const Publication& pub, const std::string& uri,
                          const std::optional<std::string>& next) {
  bj::array records, packages;
  std::string latest;
  for (const auto& x : xs) {
    auto r = record(x, pub);
    latest = newest(r.at("releases").as_array(), latest);
    records.push_back(std::move(r));
    packages.push_back(bj::string(pub.base_url + "/api/v1/open-contracting/" + std::to_string(x.purchase.id) + "/releases"));
  }
  auto o = package(pub, uri, latest);
  o["packages"] = std::move(packages);
  o["records"] = std::move(records);
  if (next) o["links"] = bj::object{{"next", *next}};
  return o;
}
}  // namespace sp::contracting::ocds
