#include "modules/registry/tallies.hpp"

#include <map>

#include "platform/tallies.hpp"

namespace sp::registry {
namespace {
namespace tallies = platform::tallies;

// A partnership `p` that counts: active or ended, with an authority and an organisation among its parties.
const std::string kCounts =
    "p.status IN ('active', 'ended') AND EXISTS (SELECT 1 FROM partnership_parties x WHERE x.partnership_id = p.id AND x.authority_id IS NOT NULL) "
    "AND EXISTS (SELECT 1 FROM partnership_parties x WHERE x.partnership_id = p.id AND x.organisation_id IS NOT NULL)";
// Its place: the district of its first authority that has one ('' for none: the country only).
const std::string kPlace =
    "COALESCE((SELECT au.district FROM partnership_parties x JOIN authorities au ON au.id = x.authority_id WHERE x.partnership_id = p.id "
    "AND au.district IS NOT NULL ORDER BY x.position LIMIT 1), '')";

std::vector<tallies::Where> at(store::Tx& tx, const PartnershipCounted& p, const std::string& dims) {
  return tallies::here_and_country(tallies::periods_for(tx, p.month), p.district, [&](int) { return dims; });
}
}  // namespace

PartnershipCounted partnership_counted(store::Tx& tx, std::int64_t partnership_id) {
  PartnershipCounted out;
  {
    auto c = tx.query("SELECT substr(p.starts_on, 1, 7), " + kPlace + " FROM partnerships p WHERE p.id = $1 AND " + kCounts, {partnership_id});
    if (!c->next()) return out;
    out = {true, c->str(0), c->str(1), {}};
  }
  auto c = tx.query("SELECT 'cur=' || currency || ';kind=' || contribution_kind, SUM(contribution_minor) FROM partnership_parties "
                    "WHERE partnership_id = $1 AND authority_id IS NOT NULL AND contribution_minor > 0 GROUP BY currency, contribution_kind",
                    {partnership_id});
  while (c->next()) out.cofinancing.emplace_back(c->str(0), c->i64(1));
  return out;
}

void tally_partnership(store::Tx& tx, const PartnershipCounted& p, int sign) {
  if (!p.counts) return;
  tallies::add(tx, kPartnerships, at(tx, p, ""), sign);
  for (const auto& [dims, minor] : p.cofinancing) tallies::add(tx, kCofinancing, at(tx, p, dims), sign * minor);
}

void rebuild_registry_tallies(store::Tx& tx) {
  for (const char* measure : {kPartnerships, kCofinancing}) tallies::clear(tx, measure);
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'partnerships', q.m, q.place, '', COUNT(*) FROM (SELECT substr(p.starts_on, 1, 7) AS m, " + kPlace + " AS place FROM partnerships p "
          "WHERE " + kCounts + ") q GROUP BY q.m, q.place");
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'cofinancing', q.m, q.place, 'cur=' || x.currency || ';kind=' || x.contribution_kind, SUM(x.contribution_minor) "
          "FROM (SELECT p.id, substr(p.starts_on, 1, 7) AS m, " + kPlace + " AS place FROM partnerships p WHERE " + kCounts + ") q "
          "JOIN partnership_parties x ON x.partnership_id = q.id WHERE x.authority_id IS NOT NULL AND x.contribution_minor > 0 "
          "GROUP BY q.m, q.place, x.currency, x.contribution_kind");
  for (const char* measure : {kPartnerships, kCofinancing}) {
    tallies::derive_sums(tx, measure);
    tallies::drop_placeless(tx, measure);
  }
  for (const auto& s : tallies::spans(tx)) count_registry_span(tx, s);
}

void count_registry_span(store::Tx& tx, const platform::tallies::Span& s) {
  for (const char* measure : {kPartnerships, kCofinancing}) tallies::count_span_sums(tx, measure, s);
}

std::vector<std::string> check_registry_tallies(store::Tx& tx) {
  tallies::Counted partnerships;
  std::map<std::string, tallies::Counted> cofinancing;  // by dims
  const std::string counted = "FROM (SELECT p.id, substr(p.starts_on, 1, 4) AS y, " + kPlace + " AS place FROM partnerships p WHERE " + kCounts + ") q";
  tallies::count_into(tx, "SELECT q.y, q.place, COUNT(*) " + counted + " WHERE q.place <> '' GROUP BY q.y, q.place", partnerships);
  tallies::count_into(tx, "SELECT q.y, 'MD', COUNT(*) " + counted + " GROUP BY q.y", partnerships);
  auto out = tallies::differences(tx, kPartnerships, partnerships);
  tallies::Counted money;
  tallies::count_into(tx, "SELECT q.y, q.place, SUM(x.contribution_minor) " + counted +
                          " JOIN partnership_parties x ON x.partnership_id = q.id WHERE x.authority_id IS NOT NULL AND q.place <> '' GROUP BY q.y, q.place",
                      money);
  tallies::count_into(tx, "SELECT q.y, 'MD', SUM(x.contribution_minor) " + counted +
                          " JOIN partnership_parties x ON x.partnership_id = q.id WHERE x.authority_id IS NOT NULL GROUP BY q.y",
                      money);
  for (auto& d : tallies::differences(tx, kCofinancing, money)) out.push_back(std::move(d));
  return out;
}
}  // namespace sp::registry
