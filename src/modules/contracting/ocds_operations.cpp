// Open contracting over the published processes (decision 0023): what a purchase may show the public
// read once, handed to the pure OCDS builder. Public: no sign-in, nothing that is not published —
// a draft is not found, offers are counted and named only after the deadline, the award only once
// announced, contracts once signed, payments once made; nothing about a person.
#include <algorithm>
#include <set>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "common/words.hpp"
#include "modules/contracting/ocds.hpp"
#include "modules/contracting/operations.hpp"
#include "modules/contracting/repo.hpp"
#include "modules/contracting/rules.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"

namespace sp::contracting {
namespace {
namespace bj = boost::json;

ocds::Publication publication(App& app) {
  ocds::Publication pub;
  pub.ocid_prefix = app.cfg.ocid_prefix;
  pub.publisher = app.cfg.ocds_publisher;
  pub.base_url = app.cfg.public_base();
  pub.published_date = now_iso();
  return pub;
}

// Names of districts and localities, read once for all the parties.
struct Places {
  std::map<std::string, std::string> names;
  std::optional<std::string> of(const std::optional<std::string>& code) const {
    if (!code) return std::nullopt;
    auto it = names.find(*code);
    return it == names.end() ? std::optional<std::string>() : it->second;
  }
};

std::optional<ocds::Process> process_of(store::Tx& tx, const Purchase& p, const std::string& now) {
  if (!p.published_at || !p.number) return std::nullopt;
  ocds::Process x;
  x.purchase = p;
  x.now = now;
  const Words ro("ro");
  x.type_name = services::service_type_name(tx, p.type_code, "ro");
  x.unit_name = ro.code("contract_unit", p.unit);
  x.procedure_name = ro.code("purchase_procedure", p.procedure);
  if (auto plan = plan_of(tx, p.authority_id, p.year))
    if (auto found = find_plan(tx, *plan); found && !found->budget_line.empty()) x.budget_line = found->budget_line;
  x.amendments = amendments_of(tx, p.id);
  x.has_enquiries = !clarifications_of(tx, p.id).empty();

  // The offers: sealed until the deadline, then who offered (in the order they came).
  if (p.offer_deadline && *p.offer_deadline <= now) {
    auto offers = offers_of(tx, p.id);
    std::erase_if(offers, [](const Offer& o) { return o.status != "submitted"; });
    std::sort(offers.begin(), offers.end(), [](const Offer& a, const Offer& z) { return a.submitted_at < z.submitted_at; });
    for (const auto& o : offers) x.tenderers.push_back(o.organisation_id);
  }
  if (p.announced_at && p.ranking)
    for (const auto& r : lot_ranks_of(bj::parse(*p.ranking)))
      if (r.rank == 1) x.awarded.push_back(r);
  for (const auto& c : complaints_of(tx, p.id)) x.complaint_open = x.complaint_open || c.status == "open";
  for (auto& c : contracts_of_purchase(tx, p.id)) {
    if (c.status == "draft") continue;
    std::vector<MonthlyReport> paid;
    for (auto& r : reports_of(tx, c.id))
      if (r.status == "paid") paid.push_back(std::move(r));
    std::sort(paid.begin(), paid.end(), [](const MonthlyReport& a, const MonthlyReport& z) { return a.month < z.month; });
    if (!paid.empty()) x.paid[c.id] = std::move(paid);
    x.contracts.push_back(std::move(c));
  }

  std::set<std::int64_t> orgs(x.tenderers.begin(), x.tenderers.end());
  for (const auto& a : x.awarded) orgs.insert(a.organisation_id);
  for (const auto& c : x.contracts) orgs.insert(c.organisation_id);
  auto authority = registry::find_authority(tx, p.authority_id);
  std::vector<registry::Organisation> found;
  std::vector<std::string> codes;
  if (authority) {
    if (authority->district) codes.push_back(*authority->district);
    if (authority->unit_code) codes.push_back(*authority->unit_code);
  }
  for (auto id : orgs)
    if (auto o = registry::find_organisation(tx, id)) {
      codes.push_back(o->district);
      if (o->locality) codes.push_back(*o->locality);
      found.push_back(std::move(*o));
    }
  Places places{registry::unit_names(tx, codes)};
  if (authority) {
    x.buyer = {authority->id, authority->name, authority->idno, places.of(authority->district), std::nullopt};
    if (authority->unit_code && authority->unit_code != authority->district) x.buyer.locality = places.of(authority->unit_code);
  } else {
    x.buyer = {p.authority_id, "", std::nullopt, std::nullopt, std::nullopt};
  }
  for (const auto& o : found)
    x.providers[o.id] = {o.id, o.name, o.idno.empty() ? std::optional<std::string>() : o.idno, places.of(o.district), places.of(o.locality)};
  return x;
}

ocds::Process published(store::Tx& tx, std::int64_t purchase_id) {
  auto p = find_purchase(tx, purchase_id);
  auto x = p ? process_of(tx, *p, now_iso()) : std::nullopt;
  if (!x) throw NotFound(say("not_found", "No such contracting process"));
  return *x;
}
}  // namespace

std::string open_contracting_releases(App& app, std::int64_t purchase_id) {
  auto tx = app.db->read();
  auto pub = publication(app);
  auto x = published(tx, purchase_id);
  return serialize_exact(ocds::release_package(x, pub, pub.base_url + "/api/v1/open-contracting/" + std::to_string(purchase_id) + "/releases"));
}

std::string open_contracting_record(App& app, std::int64_t purchase_id) {
  auto tx = app.db->read();
  auto pub = publication(app);
  auto x = published(tx, purchase_id);
  return serialize_exact(
      ocds::record_package({x}, pub, pub.base_url + "/api/v1/open-contracting/" + std::to_string(purchase_id) + "/record", std::nullopt));
}

std::string open_contracting_feed(App& app, std::int64_t before, int limit) {
  auto tx = app.db->read();
  auto pub = publication(app);
  PurchaseFilter f;
  f.published_only = true;
  auto rows = list_purchases(tx, f, limit, before);
  auto now = now_iso();
  std::vector<ocds::Process> xs;
  for (const auto& p : rows)
    if (auto x = process_of(tx, p, now)) xs.push_back(std::move(*x));
  auto base = pub.base_url + "/api/v1/open-contracting";
  auto uri = base + "?limit=" + std::to_string(limit) + (before ? "&before=" + std::to_string(before) : std::string());
  std::optional<std::string> next;
  if (static_cast<int>(rows.size()) == limit) next = base + "?limit=" + std::to_string(limit) + "&before=" + std::to_string(rows.back().id);
  return serialize_exact(ocds::record_package(xs, pub, uri, next));
}
}  // namespace sp::contracting
