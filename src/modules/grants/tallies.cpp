#include "modules/grants/tallies.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "modules/grants/model.hpp"

namespace sp::grants {
namespace {
namespace tallies = platform::tallies;

struct Where {
  std::string district, dims, lot;
  std::int64_t call_id = 0, organisation_id = 0, amount_minor = 0;
};
// The agreement's project district (the country only when it names none), and its call and currency.
std::optional<Where> where_of(store::Tx& tx, std::int64_t agreement_id) {
  auto c = tx.query("SELECT COALESCE(a.district, ''), g.call_id, g.currency, g.organisation_id, g.amount_minor, COALESCE(a.lot, '') FROM grant_agreements g "
                    "JOIN applications a ON a.id = g.application_id WHERE g.id = $1",
                    {agreement_id});
  if (!c->next()) return std::nullopt;
  return Where{c->str(0), tallies::key_of({{"call", std::to_string(c->i64(1))}, {"cur", c->str(2)}}), c->str(5), c->i64(1), c->i64(3), c->i64(4)};
}

// Each period of the day's month in the district and the country — a span only when the call is one
// of its own.
std::vector<tallies::Where> at(store::Tx& tx, const std::string& on, std::int64_t call_id, const std::string& district, const std::string& dims) {
  auto periods = tallies::periods_for(tx, on.substr(0, 7));
  const auto call = std::to_string(call_id);
  std::erase_if(periods, [&](const tallies::Period& p) { return !p.calls.empty() && std::find(p.calls.begin(), p.calls.end(), call) == p.calls.end(); });
  return tallies::here_and_country(periods, district, [&](int) { return dims; });
}

// The SQL of the dims key, as key_of writes it ("call=…;cur=…").
const std::string kDimsSql = "'call=' || CAST(g.call_id AS TEXT) || ';cur=' || g.currency";
// The lots that say what a grant does to a service — the standard lots (lot_codes: create, develop,
// extend, improve); over the applications `a` in SQL.
bool service_lot(const std::string& lot) { return std::find(lot_codes().begin(), lot_codes().end(), lot) != lot_codes().end(); }
const std::string kServiceLots = [] {
  std::string in;
  for (const auto& c : lot_codes()) in += (in.empty() ? "'" : ", '") + c + "'";
  return "a.lot IN (" + in + ")";
}();
}  // namespace

void tally_signature(store::Tx& tx, std::int64_t agreement_id, const std::string& signed_on) {
  auto w = where_of(tx, agreement_id);
  if (!w) return;
  tallies::add(tx, kGrantsCommitted, at(tx, signed_on, w->call_id, w->district, w->dims), w->amount_minor);
  tallies::weigh(tx, kCsosGranted, at(tx, signed_on, w->call_id, w->district, tallies::key_of({{"call", std::to_string(w->call_id)}})), w->organisation_id, 1);
  tallies::add(tx, kGrantsSigned, at(tx, signed_on, w->call_id, w->district, tallies::key_of({{"call", std::to_string(w->call_id)}})), 1);
  if (service_lot(w->lot))
    tallies::add(tx, kServicesSupported, at(tx, signed_on, w->call_id, w->district, tallies::key_of({{"call", std::to_string(w->call_id)}, {"lot", w->lot}})), 1);
}

void tally_payment(store::Tx& tx, std::int64_t agreement_id, const std::string& paid_on, std::int64_t minor) {
  auto w = where_of(tx, agreement_id);
  if (!w) return;
  tallies::add(tx, kGrantsDisbursed, at(tx, paid_on, w->call_id, w->district, w->dims), minor);
}

void rebuild_grant_tallies(store::Tx& tx) {
  for (const char* measure : {kGrantsCommitted, kGrantsDisbursed, kCsosGranted, kServicesSupported, kGrantsSigned}) tallies::clear(tx, measure);
  // The month rows per district (an agreement without a district counts in the country only: its rows
  // are kept under '' and moved there once the country's are made).
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'grants_committed', substr(g.signed_on, 1, 7), COALESCE(a.district, ''), " + kDimsSql + ", SUM(g.amount_minor) "
          "FROM grant_agreements g JOIN applications a ON a.id = g.application_id WHERE g.signed_on IS NOT NULL AND g.status <> 'draft' "
          "GROUP BY substr(g.signed_on, 1, 7), COALESCE(a.district, ''), g.call_id, g.currency");
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'grants_disbursed', substr(t.paid_on, 1, 7), COALESCE(a.district, ''), " + kDimsSql + ", SUM(COALESCE(t.paid_minor, t.amount_minor)) "
          "FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id JOIN applications a ON a.id = g.application_id "
          "WHERE t.paid_on IS NOT NULL GROUP BY substr(t.paid_on, 1, 7), COALESCE(a.district, ''), g.call_id, g.currency");
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT 'csos_granted', substr(g.signed_on, 1, 7), COALESCE(a.district, ''), g.organisation_id, MIN('call=' || CAST(g.call_id AS TEXT)), COUNT(*) "
          "FROM grant_agreements g JOIN applications a ON a.id = g.application_id WHERE g.signed_on IS NOT NULL AND g.status <> 'draft' "
          "GROUP BY substr(g.signed_on, 1, 7), COALESCE(a.district, ''), g.organisation_id");
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'services_supported', substr(g.signed_on, 1, 7), COALESCE(a.district, ''), 'call=' || CAST(g.call_id AS TEXT) || ';lot=' || a.lot, COUNT(*) "
          "FROM grant_agreements g JOIN applications a ON a.id = g.application_id WHERE g.signed_on IS NOT NULL AND g.status <> 'draft' AND " +
          kServiceLots + " GROUP BY substr(g.signed_on, 1, 7), COALESCE(a.district, ''), g.call_id, a.lot");
  tallies::derive_sums(tx, kGrantsCommitted);
  tallies::derive_sums(tx, kGrantsDisbursed);
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT 'grants_signed', substr(g.signed_on, 1, 7), COALESCE(a.district, ''), 'call=' || CAST(g.call_id AS TEXT), COUNT(*) "
          "FROM grant_agreements g JOIN applications a ON a.id = g.application_id WHERE g.signed_on IS NOT NULL AND g.status <> 'draft' "
          "GROUP BY substr(g.signed_on, 1, 7), COALESCE(a.district, ''), g.call_id");
  tallies::derive_sums(tx, kServicesSupported);
  tallies::derive_sums(tx, kGrantsSigned);
  tallies::derive_members(tx, kCsosGranted);
  for (const char* measure : {kGrantsCommitted, kGrantsDisbursed, kCsosGranted, kServicesSupported, kGrantsSigned}) tallies::drop_placeless(tx, measure);
  for (const auto& s : tallies::spans(tx)) count_grant_span(tx, s);
}

// A span's rows from the month rows of its calls only (a month row's dims begin with its call).
void count_grant_span(store::Tx& tx, const platform::tallies::Span& s) {
  std::string only;
  for (const auto& c : s.calls) {
    if (c.empty() || c.find_first_not_of("0123456789") != std::string::npos) continue;  // ids only, never text in the SQL
    only += std::string(only.empty() ? "" : " OR ") + "t.dims = 'call=" + c + "' OR t.dims LIKE 'call=" + c + ";%'";
  }
  if (!s.calls.empty() && only.empty()) only = "1 = 0";
  tallies::count_span_sums(tx, kGrantsCommitted, s, only);
  tallies::count_span_sums(tx, kGrantsDisbursed, s, only);
  tallies::count_span_sums(tx, kServicesSupported, s, only);
  tallies::count_span_sums(tx, kGrantsSigned, s, only);
  tallies::count_span_members(tx, kCsosGranted, s, only);
}

std::vector<std::string> check_grant_tallies(store::Tx& tx) {
  using Key = std::tuple<std::string, std::string, std::string>;  // (measure, year, place)
  std::map<Key, std::int64_t> direct;
  auto count = [&](const std::string& sql) {
    auto c = tx.query(sql);
    while (c->next()) direct[{c->str(0), c->str(1), c->str(2)}] += c->i64(3);
  };
  const std::string signed_ = "FROM grant_agreements g JOIN applications a ON a.id = g.application_id WHERE g.signed_on IS NOT NULL AND g.status <> 'draft'";
  const std::string paid = "FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id JOIN applications a ON a.id = g.application_id WHERE t.paid_on IS NOT NULL";
  for (const bool country : {false, true}) {
    // In each district, then in the country (a constant is no GROUP BY term in PostgreSQL).
    const std::string place = country ? "'MD'" : "a.district", where = country ? "" : " AND a.district IS NOT NULL",
                      by = country ? "" : ", a.district";
    count("SELECT 'grants_committed:' || g.currency, substr(g.signed_on, 1, 4), " + place + ", SUM(g.amount_minor) " + signed_ + where +
          " GROUP BY g.currency, substr(g.signed_on, 1, 4)" + by);
    count("SELECT 'grants_disbursed:' || g.currency, substr(t.paid_on, 1, 4), " + place + ", SUM(COALESCE(t.paid_minor, t.amount_minor)) " + paid +
          where + " GROUP BY g.currency, substr(t.paid_on, 1, 4)" + by);
    count("SELECT 'csos_granted', substr(g.signed_on, 1, 4), " + place + ", COUNT(DISTINCT g.organisation_id) " + signed_ + where +
          " GROUP BY substr(g.signed_on, 1, 4)" + by);
    count("SELECT 'services_supported', substr(g.signed_on, 1, 4), " + place + ", COUNT(*) " + signed_ + where + " AND " + kServiceLots +
          " GROUP BY substr(g.signed_on, 1, 4)" + by);
    count("SELECT 'grants_signed', substr(g.signed_on, 1, 4), " + place + ", COUNT(*) " + signed_ + where + " GROUP BY substr(g.signed_on, 1, 4)" + by);
  }
  std::vector<std::string> out;
  for (const auto& [key, want] : direct) {
    const auto& [name, year, place] = key;
    auto colon = name.find(':');
    const auto measure = name.substr(0, colon);
    auto rows = tallies::read(tx, measure, {year}, {place});
    auto got = colon == std::string::npos ? tallies::roll_up(rows, "").total : tallies::roll_up(rows, "cur").by[name.substr(colon + 1)];
    if (got != want) out.push_back(name + " " + year + " " + place + ": tallied " + std::to_string(got) + ", counted " + std::to_string(want));
  }
  return out;
}
}  // namespace sp::grants
