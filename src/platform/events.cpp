#include "platform/events.hpp"

#include "common/time.hpp"
#include "store/query.hpp"

namespace sp::platform {
namespace bj = boost::json;

namespace {
std::string audience_code(policy::EventAudience a) {
  switch (a) {
    case policy::EventAudience::Public: return "public";
    case policy::EventAudience::Parties: return "parties";
    case policy::EventAudience::Programme: break;
  }
  return "programme";
}
policy::EventAudience audience_of(std::string_view s) {
  if (s == "public") return policy::EventAudience::Public;
  if (s == "parties") return policy::EventAudience::Parties;
  return policy::EventAudience::Programme;
}
std::string ids(const std::vector<std::int64_t>& v) {
  std::vector<std::string> s;
  for (auto x : v) s.push_back(std::to_string(x));
  return store::join_codes(s);
}
std::vector<std::int64_t> ids_of(std::string_view stored) {
  std::vector<std::int64_t> out;
  for (const auto& s : store::split_codes(stored)) out.push_back(std::stoll(s));
  return out;
}
std::int64_t insert(store::Tx& tx, const Event& e, bool routed) {
  auto now = now_iso();
  return *tx.scalar(
      "INSERT INTO events (type, entity, entity_id, audience, organisations, authorities, data, occurred_at, routed_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
      {std::string(e.type), std::string(e.entity), e.entity_id, audience_code(e.audience), ids(e.organisations), ids(e.authorities),
       bj::serialize(e.data), now, routed ? store::Param{now} : store::Param{}});
}
constexpr const char* kCols = "id, type, entity, entity_id, audience, organisations, authorities, data, occurred_at";
StoredEvent read(store::Cursor& c) {
  return {c.i64(0), c.str(1), c.str(2), c.i64(3), audience_of(c.str(4)), ids_of(c.str(5)), ids_of(c.str(6)), c.str(7), c.str(8)};
}
}  // namespace

void emit(store::Tx& tx, const Event& e) { insert(tx, e, false); }
std::int64_t emit_routed(store::Tx& tx, const Event& e) { return insert(tx, e, true); }

const std::vector<std::string_view>& event_types() {
  static const std::vector<std::string_view> t = {
      "application.submitted", "agreement.signed",  "tranche.paid",       "report.submitted",        "report.approved",
      "report.returned",       "referral.received", "enrolment.changed",  "purchase.published",      "contract.signed",
      "contract_report.approved"};
  return t;
}

std::vector<StoredEvent> unrouted_events(store::Tx& tx, int limit) {
  std::vector<StoredEvent> out;
  auto c = tx.query(std::string("SELECT ") + kCols + " FROM events WHERE routed_at IS NULL ORDER BY id LIMIT $1", {std::int64_t{limit}});
  while (c->next()) out.push_back(read(*c));
  return out;
}

bool claim_event(store::Tx& tx, std::int64_t id) {
  return tx.exec("UPDATE events SET routed_at = $1 WHERE id = $2 AND routed_at IS NULL", {now_iso(), id}) == 1;
}

std::optional<StoredEvent> find_event(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kCols + " FROM events WHERE id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read(*c);
}
}  // namespace sp::platform
