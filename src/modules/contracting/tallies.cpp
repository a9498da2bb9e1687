#include "modules/contracting/tallies.hpp"

#include <map>
#include <set>

#include "modules/contracting/repo.hpp"
#include "modules/registry/registry.hpp"

namespace sp::contracting {
namespace {
namespace tallies = platform::tallies;

// The district of the contracting authority ('' for one without: the country only).
std::string district_of(store::Tx& tx, std::int64_t authority_id) {
  auto a = registry::find_authority(tx, authority_id);
  return a && a->district ? *a->district : "";
}

// Every paid report with its contract, in the order they were paid.
template <typename F>
void each_paid(store::Tx& tx, F f) {
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::int64_t>>> paid;  // contract → (paid_on, minor)
  {
    auto c = tx.query("SELECT contract_id, paid_on, COALESCE(paid_minor, amount_minor) FROM contract_reports WHERE status = 'paid' AND paid_on IS NOT NULL "
                      "ORDER BY paid_on, id");
    while (c->next()) paid.push_back({c->i64(0), {c->str(1), c->i64(2)}});
  }
  std::map<std::int64_t, Contract> contracts;
  for (const auto& [id, p] : paid) {
    auto it = contracts.find(id);
    if (it == contracts.end()) {
      auto k = find_contract(tx, id);
      if (!k) continue;
      it = contracts.emplace(id, *k).first;
    }
    f(it->second, p.first, p.second);
  }
}
}  // namespace

void tally_report_paid(store::Tx& tx, const Contract& c, const std::string& paid_on, std::int64_t minor) {
  const auto district = district_of(tx, c.authority_id);
  const auto dims = tallies::key_of({{"type", c.type_code}});
  const auto where = tallies::here_and_country(tallies::periods_for(tx, paid_on.substr(0, 7)), district, [&](int) { return dims; });
  tallies::add(tx, kPublicMoneyPaid, where, minor);
  for (const auto& s : c.services)
    if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) tallies::weigh(tx, kServicesContracted, where, std::stoll(s), 1);
}

void rebuild_contract_tallies(store::Tx& tx) {
  for (const char* measure : {kPublicMoneyPaid, kServicesContracted}) tallies::clear(tx, measure);
  // Few rows (a district's contracts' months): each payment counted as when it was made, spans included.
  each_paid(tx, [&](const Contract& c, const std::string& on, std::int64_t minor) { tally_report_paid(tx, c, on, minor); });
}

void count_contract_span(store::Tx& tx, const platform::tallies::Span& s) {
  tallies::count_span_sums(tx, kPublicMoneyPaid, s);
  tallies::count_span_members(tx, kServicesContracted, s);
}

std::vector<std::string> check_contract_tallies(store::Tx& tx) {
  tallies::Counted money, services;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> distinct;
  each_paid(tx, [&](const Contract& c, const std::string& on, std::int64_t minor) {
    const auto year = on.substr(0, 4), district = district_of(tx, c.authority_id);
    for (const auto& place : {district, std::string(tallies::kCountry)}) {
      if (place.empty()) continue;
      money[{year, place}] += minor;
      for (const auto& s : c.services) distinct[{year, place}].insert(s);
    }
  });
  for (const auto& [at, set] : distinct) services[at] = static_cast<std::int64_t>(set.size());
  auto out = tallies::differences(tx, kPublicMoneyPaid, money);
  for (auto& d : tallies::differences(tx, kServicesContracted, services)) out.push_back(std::move(d));
  return out;
}
}  // namespace sp::contracting
