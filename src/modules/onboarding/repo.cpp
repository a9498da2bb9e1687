#include "modules/onboarding/repo.hpp"

#include "store/entity.hpp"

namespace sp::onboarding {
namespace {
using R = AccountRequest;
const store::Entity<R>& requests() {
  using store::col;
  static const store::Entity<R> e{
      "account_requests",
      {{store::key(&R::id), col("organisation_name", &R::organisation_name), col("idno", &R::idno), col("district", &R::district),
       col("contact_name", &R::contact_name), col("email", &R::email), col("phone", &R::phone), col("message", &R::message),
       col("language", &R::language), col("status", &R::status), col("organisation_id", &R::organisation_id), col("user_id", &R::user_id),
       col("decided_by", &R::decided_by), col("decided_at", &R::decided_at), col("decline_reason", &R::decline_reason)},
       store::stamps(&R::version, &R::created_at, &R::updated_at)}};
  return e;
}
}  // namespace

std::optional<AccountRequest> find_request(store::Tx& tx, std::int64_t id) { return requests().find(tx, id); }

namespace {
std::vector<AccountRequest> read_all(store::Tx& tx, const std::string& where, const store::Params& params) {
  std::vector<AccountRequest> out;
  auto c = tx.query("SELECT " + requests().columns() + " FROM account_requests " + where, params);
  while (c->next()) out.push_back(requests().read(*c));
  return out;
}
}  // namespace

std::vector<AccountRequest> list_requests(store::Tx& tx, const std::optional<std::string>& status) {
  if (status) return read_all(tx, "WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT 500", {*status});
  return read_all(tx, "ORDER BY created_at DESC, id DESC LIMIT 500", {});
}

std::vector<AccountRequest> pending_requests(store::Tx& tx) { return read_all(tx, "WHERE status = 'pending' ORDER BY created_at, id", {}); }

std::int64_t insert_request(store::Tx& tx, const AccountRequest& r) { return requests().insert(tx, r); }

bool update_request(store::Tx& tx, const AccountRequest& r, std::int64_t version) { return requests().update(tx, r.id, r, version); }

bool pending_request_for(store::Tx& tx, const std::string& idno, const std::string& email) {
  return tx.scalar("SELECT COUNT(*) FROM account_requests WHERE status = 'pending' AND (idno = $1 OR email = $2)", {idno, email}).value_or(0) > 0;
}
}  // namespace sp::onboarding
