#include "modules/results/repo.hpp"

#include "modules/results/rules.hpp"
#include "store/entity.hpp"
#include "store/json_list.hpp"
#include "store/query.hpp"

namespace sp::results {
namespace {
using store::col;
using store::json_list;

const store::Entity<Programme>& programmes() {
  using P = Programme;
  static const store::Entity<P> e{
      "programmes",
      {{store::key(&P::id), col("code", &P::code), col("name_ro", &P::name_ro), col("name_ru", &P::name_ru), col("name_en", &P::name_en),
        json_list("donors", &P::donors, parties_of), json_list("partners", &P::partners, parties_of), col("starts_on", &P::starts_on),
        col("ends_on", &P::ends_on), json_list("contributions", &P::contributions, contributions_of), store::codes("calls", &P::calls),
        col("status", &P::status), col("created_by", &P::created_by)},
       store::stamps(&P::version, &P::created_at, &P::updated_at)}};
  return e;
}
}  // namespace

std::optional<Programme> find_programme(store::Tx& tx, std::int64_t id) { return programmes().find(tx, id); }

std::vector<Programme> list_programmes(store::Tx& tx) {
  std::vector<Programme> out;
  auto c = tx.query("SELECT " + programmes().columns() + " FROM programmes ORDER BY starts_on DESC, id DESC");
  while (c->next()) out.push_back(programmes().read(*c));
  return out;
}
std::int64_t insert_programme(store::Tx& tx, const Programme& p) { return programmes().insert(tx, p); }
bool update_programme(store::Tx& tx, const Programme& p, std::int64_t version) { return programmes().update(tx, p.id, p, version); }
bool programme_code_taken(store::Tx& tx, const std::string& code, std::int64_t except_id) {
  return tx.scalar("SELECT COUNT(*) FROM programmes WHERE code = $1 AND id <> $2", {code, except_id}).value_or(0) > 0;
}
}  // namespace sp::results
