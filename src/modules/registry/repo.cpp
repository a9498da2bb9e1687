#include "modules/registry/repo.hpp"

#include <boost/json.hpp>

#include "common/csv.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/tallies.hpp"
#include "platform/documents.hpp"
#include "store/entity.hpp"

#include <array>
#include <map>

namespace sp::registry {
namespace bj = boost::json;
using store::Param;
using store::Params;
using store::join_codes;
using store::split_codes;

namespace {
bj::value jopt(const store::Cursor& c, int col) { return c.is_null(col) ? bj::value(nullptr) : bj::value(c.text(col)); }

std::string search_key(const std::string& name, const std::optional<std::string>& extra) {
  return fold_for_search(extra ? name + " " + *extra : name);
}

// The text search applies to the folded name; a run of digits also matches the IDNO prefix.
void add_text_search(store::Where& w, const std::string& q, const char* search_col, const char* idno_col) {
  if (q.empty()) return;
  std::string term = "%" + like_escape(fold_for_search(q)) + "%";
  bool digits = !q.empty() && q.find_first_not_of("0123456789") == std::string::npos;
  if (digits && idno_col)
    w.add(std::string("(") + search_col + " LIKE ? ESCAPE '\\' OR " + idno_col + " LIKE ? ESCAPE '\\')",
          {term, like_escape(q) + "%"});
  else
    w.add(std::string(search_col) + " LIKE ? ESCAPE '\\'", {term});
}

// One page of a list as JSON: {"total":N,"items":[...],"next_cursor":...}. The rows are built on a
// monotonic arena (one allocation for the whole page instead of several per field), then serialised.
template <class Row>
std::string page(store::Tx& tx, const std::string& from, const store::Where& filter, const store::Sort& sort,
                 const CursorPos& cursor, std::int64_t limit, const std::string& cols, Row row,
                 void (*decorate)(store::Tx&, bj::object&) = nullptr) {
  unsigned char buffer[32 * 1024];
  bj::monotonic_resource arena(buffer, sizeof buffer);
  bj::storage_ptr sp(&arena);
  bj::object out(sp);
  out["total"] = tx.scalar("SELECT COUNT(*) FROM " + from + filter.sql(), filter.params()).value_or(0);
  store::Where w = filter;
  store::after_cursor(w, sort, cursor);
  Params p = w.params();
  p.push_back(limit + 1);
  auto c = tx.query("SELECT " + cols + ", " + sort.expr + " FROM " + from + w.sql() + store::order_by(sort) + " LIMIT $" +
                        std::to_string(p.size()),
                    p);
  bj::array items(sp);
  items.reserve(static_cast<std::size_t>(limit));
  std::string last_key;
  std::int64_t last_id = 0;
  bool more = false;
  const int key_col = c->columns() - 1;
  while (c->next()) {
    if (static_cast<std::int64_t>(items.size()) == limit) {
      more = true;
      break;
    }
    items.push_back(row(*c, sp));
    last_id = c->i64(0);
    last_key = c->str(key_col);
  }
  c.reset();
  out["items"] = std::move(items);
  out["next_cursor"] = more ? bj::value(store::encode_cursor(last_key, last_id), sp) : bj::value(nullptr);
  if (decorate) decorate(tx, out);
  return bj::serialize(out);
}

// ---- organisations
const store::Entity<Organisation>& organisations() {
  using O = Organisation;
  static const store::Entity<O> e{
      "organisations",
      {{store::key(&O::id), store::col("name", &O::name),
        store::derived<O>("name_search", [](const O& o) -> Param { return search_key(o.name, o.short_name); }),
        store::col("short_name", &O::short_name), store::col("legal_form", &O::legal_form), store::col("idno", &O::idno),
        store::col("registered_on", &O::registered_on), store::col("address", &O::address), store::col("district", &O::district),
        store::col("locality", &O::locality), store::col("email", &O::email), store::col("phone", &O::phone),
        store::col("website", &O::website), store::codes("fields", &O::fields), store::codes("target_groups", &O::target_groups),
        store::col("status", &O::status), store::col("description", &O::description)},
       store::stamps(&O::version, &O::created_at, &O::updated_at)}};
  return e;
}

store::Where org_where(const OrgFilter& f) {
  store::Where w;
  if (!f.district.empty()) w.add("district = ?", {f.district});
  if (!f.status.empty()) w.add("status = ?", {f.status});
  if (!f.legal_form.empty()) w.add("legal_form = ?", {f.legal_form});
  if (!f.target_group.empty()) w.add("target_groups LIKE ?", {"%," + f.target_group + ",%"});
  add_text_search(w, f.q, "name_search", "idno");
  return w;
}

store::Sort org_sort(const std::string& s) {
  bool desc = !s.empty() && s[0] == '-';
  std::string key = desc ? s.substr(1) : s;
  if (key == "registered_on") return {"COALESCE(registered_on, '')", desc};
  if (key == "updated_at") return {"updated_at", desc};
  return {"name_search", desc};
}

// ---- authorities (the level follows from the kind; the district is the caller's, from the unit)
const store::Entity<Authority>& authorities() {
  using A = Authority;
  static const store::Entity<A> e{
      "authorities",
      {{store::key(&A::id), store::col("name", &A::name),
        store::derived<A>("name_search", [](const A& a) -> Param { return fold_for_search(a.name); }), store::col("kind", &A::kind),
        store::custom<A>(
            "level", [](A& a, const store::Cursor& c, int i) { a.level = c.str(i); }, [](const A& a) -> Param { return authority_level(a.kind); }),
        store::col("unit_code", &A::unit_code), store::col("district", &A::district), store::col("idno", &A::idno),
        store::col("address", &A::address), store::col("email", &A::email), store::col("phone", &A::phone),
        store::col("head_name", &A::head_name), store::col("status", &A::status)},
       store::stamps(&A::version, &A::created_at, &A::updated_at)}};
  return e;
}

store::Where auth_where(const AuthorityFilter& f) {
  store::Where w;
  if (!f.district.empty()) w.add("district = ?", {f.district});
  if (!f.level.empty()) w.add("level = ?", {f.level});
  if (!f.kind.empty()) w.add("kind = ?", {f.kind});
  if (!f.status.empty()) w.add("status = ?", {f.status});
  add_text_search(w, f.q, "name_search", "idno");
  return w;
}

// The district of an authority: its unit if that is level 2, else the unit's parent.
std::optional<std::string> district_of(store::Tx& tx, const std::optional<std::string>& unit) {
  if (!unit) return std::nullopt;
  auto u = find_unit(tx, *unit);
  if (!u) return std::nullopt;
  return u->level == 2 ? u->code : u->parent_code;
}
}  // namespace

// ---------------------------------------------------------------- units

void load_units_from_csv(store::Tx& tx, std::string_view csv) {
  auto t = parse_csv(csv);
  for (const auto& r : t.rows) {
    if (r.size() < 5) continue;
    Unit u;
    u.code = r[0];
    u.svg_id = r[1];
    u.name = r[2];
    u.kind = r[3];
    u.region = r[4];
    u.level = 2;
    insert_unit(tx, u);
  }
}

void insert_unit(store::Tx& tx, const Unit& u) {
  tx.exec("INSERT INTO admin_units (code, name, name_search, level, kind, parent_code, region, svg_id, valid_from) "
          "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (code) DO NOTHING",
          {u.code, u.name, fold_for_search(u.name), std::int64_t{u.level}, u.kind, store::opt(u.parent_code), u.region,
           u.svg_id, std::string("2000-01-01")});
}

std::vector<Unit> list_units(store::Tx& tx, std::optional<int> level, const std::optional<std::string>& parent) {
  store::Where w;
  w.add("valid_to IS NULL", {});
  if (level) w.add("level = ?", {std::int64_t{*level}});
  if (parent) w.add("parent_code = ?", {*parent});
  auto c = tx.query("SELECT code, name, kind, COALESCE(region, ''), COALESCE(svg_id, ''), level, parent_code FROM admin_units" +
                        w.sql() + " ORDER BY name_search, code",
                    w.params());
  std::vector<Unit> out;
  while (c->next()) {
    Unit u;
    u.code = c->str(0);
    u.name = c->str(1);
    u.kind = c->str(2);
    u.region = c->str(3);
    u.svg_id = c->str(4);
    u.level = static_cast<int>(c->i64(5));
    u.parent_code = c->opt_str(6);
    out.push_back(std::move(u));
  }
  return out;
}

std::optional<Unit> find_unit(store::Tx& tx, std::string_view code) {
  auto c = tx.query("SELECT code, name, kind, COALESCE(region, ''), COALESCE(svg_id, ''), level, parent_code "
                    "FROM admin_units WHERE code = $1",
                    {std::string(code)});
  if (!c->next()) return std::nullopt;
  Unit u;
  u.code = c->str(0);
  u.name = c->str(1);
  u.kind = c->str(2);
  u.region = c->str(3);
  u.svg_id = c->str(4);
  u.level = static_cast<int>(c->i64(5));
  u.parent_code = c->opt_str(6);
  return u;
}

// ---------------------------------------------------------------- organisations

std::string list_organisations(store::Tx& tx, const OrgFilter& f) {
  return page(tx, "organisations", org_where(f), org_sort(f.sort), f.cursor, f.limit,
              "id, name, short_name, legal_form, idno, district, locality, status, email, phone, registered_on, "
              "target_groups, version",
              [](const store::Cursor& c, const bj::storage_ptr& sp) {
                bj::object o(sp);
                o.reserve(13);
                o["id"] = c.i64(0);
                o["name"] = c.text(1);
                o["short_name"] = jopt(c, 2);
                o["legal_form"] = c.text(3);
                o["idno"] = c.text(4);
                o["district"] = c.text(5);
                o["locality"] = jopt(c, 6);
                o["status"] = c.text(7);
                o["email"] = jopt(c, 8);
                o["phone"] = jopt(c, 9);
                o["registered_on"] = jopt(c, 10);
                bj::array tg(sp);
                std::string_view codes = c.text(11);
                for (std::size_t i = 0; i < codes.size();) {
                  auto j = codes.find(',', i);
                  if (j == std::string_view::npos) j = codes.size();
                  if (j > i) tg.emplace_back(codes.substr(i, j - i));
                  i = j + 1;
                }
                o["target_groups"] = std::move(tg);
                o["version"] = c.i64(12);
                return o;
              });
}

std::vector<Organisation> all_organisations(store::Tx& tx, OrgFilter f, std::size_t max_rows) {
  auto w = org_where(f);
  auto sort = org_sort(f.sort);
  Params p = w.params();
  p.push_back(static_cast<std::int64_t>(max_rows));
  auto c = tx.query("SELECT " + organisations().columns() + " FROM organisations" + w.sql() + store::order_by(sort) +
                        " LIMIT $" + std::to_string(p.size()),
                    p);
  std::vector<Organisation> out;
  while (c->next()) out.push_back(organisations().read(*c));
  return out;
}

std::optional<Organisation> find_organisation(store::Tx& tx, std::int64_t id) { return organisations().find(tx, id); }

std::optional<Organisation> find_organisation_by_idno(store::Tx& tx, std::string_view idno) {
  auto c = tx.query("SELECT " + organisations().columns() + " FROM organisations WHERE idno = $1", {std::string(idno)});
  if (!c->next()) return std::nullopt;
  return organisations().read(*c);
}

bool idno_taken(store::Tx& tx, std::string_view idno, std::int64_t except_id) {
  return tx.scalar("SELECT COUNT(*) FROM organisations WHERE idno = $1 AND id <> $2", {std::string(idno), except_id})
             .value_or(0) > 0;
}

std::int64_t insert_organisation(store::Tx& tx, const Organisation& o) { return organisations().insert(tx, o); }

bool update_organisation(store::Tx& tx, const Organisation& o, std::int64_t expected_version) {
  return organisations().update(tx, o.id, o, expected_version);
}

// ---------------------------------------------------------------- authorities

std::string list_authorities(store::Tx& tx, const AuthorityFilter& f) {
  return page(tx, "authorities", auth_where(f), {"name_search", false}, f.cursor, f.limit, authorities().columns(),
              [](const store::Cursor& c, const bj::storage_ptr& sp) { return bj::value(to_json(authorities().read(c)), sp); });
}

std::vector<Authority> all_authorities(store::Tx& tx, AuthorityFilter f, std::size_t max_rows) {
  auto w = auth_where(f);
  Params p = w.params();
  p.push_back(static_cast<std::int64_t>(max_rows));
  auto c = tx.query("SELECT " + authorities().columns() + " FROM authorities" + w.sql() +
                        " ORDER BY name_search, id LIMIT $" + std::to_string(p.size()),
                    p);
  std::vector<Authority> out;
  while (c->next()) out.push_back(authorities().read(*c));
  return out;
}

std::optional<Authority> find_authority(store::Tx& tx, std::int64_t id) { return authorities().find(tx, id); }

std::int64_t insert_authority(store::Tx& tx, const Authority& a) {
  auto x = a;
  x.district = district_of(tx, a.unit_code);
  return authorities().insert(tx, x);
}

bool update_authority(store::Tx& tx, const Authority& a, std::int64_t expected_version) {
  auto x = a;
  x.district = district_of(tx, a.unit_code);
  return authorities().update(tx, a.id, x, expected_version);
}

// ---------------------------------------------------------------- partnerships

namespace {
void add_party_names(store::Tx& tx, bj::object& out);
store::Where pship_where(const PartnershipFilter& f);
}  // namespace

std::vector<Partnership> all_partnerships(store::Tx& tx, const PartnershipFilter& f, std::size_t max_rows) {
  auto w = pship_where(f);
  Params p = w.params();
  p.push_back(static_cast<std::int64_t>(max_rows));
  std::vector<std::int64_t> ids;
  {
    auto c = tx.query("SELECT id FROM partnerships" + w.sql() + " ORDER BY title_search, id LIMIT $" + std::to_string(p.size()), p);
    while (c->next()) ids.push_back(c->i64(0));
  }
  std::vector<Partnership> out;
  out.reserve(ids.size());
  for (auto id : ids) out.push_back(*find_partnership(tx, id));
  return out;
}

namespace {
store::Where pship_where(const PartnershipFilter& f) {
  store::Where w;
  if (!f.status.empty()) w.add("status = ?", {f.status});
  if (f.organisation_id)
    w.add("id IN (SELECT partnership_id FROM partnership_parties WHERE organisation_id = ?)", {f.organisation_id});
  if (f.authority_id)
    w.add("id IN (SELECT partnership_id FROM partnership_parties WHERE authority_id = ?)", {f.authority_id});
  if (!f.district.empty())
    w.add("id IN (SELECT pp.partnership_id FROM partnership_parties pp LEFT JOIN organisations o ON o.id = "
          "pp.organisation_id LEFT JOIN authorities a ON a.id = pp.authority_id WHERE o.district = ? OR a.district = ?)",
          {f.district, f.district});
  add_text_search(w, f.q, "title_search", nullptr);
  return w;
}
}  // namespace

std::string list_partnerships(store::Tx& tx, const PartnershipFilter& f) {
  return page(tx, "partnerships", pship_where(f), {"title_search", false}, f.cursor, f.limit,
              "id, title, starts_on, ends_on, status, version",
              [](const store::Cursor& c, const bj::storage_ptr& sp) {
                return bj::value(bj::object{{"id", c.i64(0)},       {"title", c.text(1)},  {"starts_on", c.text(2)},
                                            {"ends_on", jopt(c, 3)}, {"status", c.text(4)}, {"version", c.i64(5)}},
                                 sp);
              },
              add_party_names);
}

namespace {
// Party names for a page of partnerships (one query for the page, not one per row).
void add_party_names(store::Tx& tx, bj::object& out) {
  auto& items = out["items"].as_array();
  if (!items.empty()) {
    std::string in;
    Params p;
    for (const auto& it : items) {
      p.push_back(it.as_object().at("id").as_int64());
      in += (in.empty() ? "$" : ",$") + std::to_string(p.size());
    }
    auto c = tx.query("SELECT pp.partnership_id, COALESCE(o.name, a.name), pp.organisation_id IS NOT NULL "
                      "FROM partnership_parties pp LEFT JOIN organisations o ON o.id = pp.organisation_id "
                      "LEFT JOIN authorities a ON a.id = pp.authority_id WHERE pp.partnership_id IN (" + in +
                          ") ORDER BY pp.partnership_id, pp.position",
                      p);
    std::map<std::int64_t, std::pair<bj::array, bj::array>> names;
    while (c->next()) {
      auto& slot = names[c->i64(0)];
      (c->i64(2) ? slot.first : slot.second).emplace_back(c->text(1));
    }
    for (auto& it : items) {
      auto& o = it.as_object();
      auto& slot = names[o.at("id").as_int64()];
      o["organisations"] = std::move(slot.first);
      o["authorities"] = std::move(slot.second);
    }
  }
}
}  // namespace

std::optional<Partnership> find_partnership(store::Tx& tx, std::int64_t id) {
  Partnership p;
  {
    auto c = tx.query("SELECT id, title, purpose, starts_on, ends_on, status, version, created_at, updated_at "
                      "FROM partnerships WHERE id = $1",
                      {id});
    if (!c->next()) return std::nullopt;
    p.id = c->i64(0);
    p.title = c->str(1);
    p.purpose = c->opt_str(2);
    p.starts_on = c->str(3);
    p.ends_on = c->opt_str(4);
    p.status = c->str(5);
    p.version = c->i64(6);
    p.created_at = c->str(7);
    p.updated_at = c->str(8);
  }
  {
    auto c = tx.query("SELECT pp.organisation_id, pp.authority_id, COALESCE(o.name, a.name), pp.role, "
                      "pp.contribution_minor, pp.currency, pp.contribution_kind FROM partnership_parties pp "
                      "LEFT JOIN organisations o ON o.id = pp.organisation_id LEFT JOIN authorities a ON a.id = "
                      "pp.authority_id WHERE pp.partnership_id = $1 ORDER BY pp.position",
                      {id});
    while (c->next()) {
      Party x;
      x.organisation_id = c->opt_i64(0);
      x.authority_id = c->opt_i64(1);
      x.name = c->str(2);
      x.role = c->str(3);
      x.contribution = {c->i64(4), c->str(5)};
      x.contribution_kind = c->str(6);
      p.parties.push_back(std::move(x));
    }
  }
  p.documents = platform::documents_of(tx, "partnership", id);
  return p;
}

namespace {
void write_parties(store::Tx& tx, std::int64_t id, const std::vector<Party>& parties) {
  tx.exec("DELETE FROM partnership_parties WHERE partnership_id = $1", {id});
  std::int64_t pos = 0;
  for (const auto& x : parties)
    tx.exec("INSERT INTO partnership_parties (partnership_id, position, organisation_id, authority_id, role, "
            "contribution_minor, currency, contribution_kind) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
            {id, pos++, store::opt(x.organisation_id), store::opt(x.authority_id), x.role, x.contribution.minor,
             x.contribution.currency, x.contribution_kind});
}
}  // namespace

std::int64_t insert_partnership(store::Tx& tx, const Partnership& p) {
  auto now = now_iso();
  auto id = *tx.scalar("INSERT INTO partnerships (title, title_search, purpose, starts_on, ends_on, status, created_at, "
                       "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING id",
                       {p.title, fold_for_search(p.title), store::opt(p.purpose), p.starts_on, store::opt(p.ends_on),
                        p.status, now});
  write_parties(tx, id, p.parties);
  tally_partnership(tx, partnership_counted(tx, id), 1);
  return id;
}

bool update_partnership(store::Tx& tx, const Partnership& p, std::int64_t expected_version) {
  const auto counted = partnership_counted(tx, p.id);  // taken back once the change is made, then counted anew
  auto n = tx.exec("UPDATE partnerships SET title=$1, title_search=$2, purpose=$3, starts_on=$4, ends_on=$5, status=$6, "
                   "updated_at=$7, version=version+1 WHERE id=$8 AND version=$9",
                   {p.title, fold_for_search(p.title), store::opt(p.purpose), p.starts_on, store::opt(p.ends_on),
                    p.status, now_iso(), p.id, expected_version});
  if (n != 1) return false;
  write_parties(tx, p.id, p.parties);
  tally_partnership(tx, counted, -1);
  tally_partnership(tx, partnership_counted(tx, p.id), 1);
  return true;
}

std::vector<std::string> missing_parties(store::Tx& tx, const std::vector<Party>& parties) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const auto& x = parties[i];
    bool found = x.organisation_id
                     ? tx.scalar("SELECT COUNT(*) FROM organisations WHERE id = $1", {*x.organisation_id}).value_or(0) > 0
                     : tx.scalar("SELECT COUNT(*) FROM authorities WHERE id = $1", {x.authority_id.value_or(0)}).value_or(0) > 0;
    if (!found)
      out.push_back("parties[" + std::to_string(i) + "]." + (x.organisation_id ? "organisation_id" : "authority_id"));
  }
  return out;
}

// ---------------------------------------------------------------- map

bj::array district_counts(store::Tx& tx) {
  std::map<std::string, std::array<std::int64_t, 3>> counts;
  for (const auto& u : list_units(tx, 2, std::nullopt)) counts[u.code] = {0, 0, 0};
  {
    auto c = tx.query("SELECT district, COUNT(*) FROM organisations WHERE status <> 'archived' GROUP BY district");
    while (c->next()) counts[c->str(0)][0] = c->i64(1);
  }
  {
    auto c = tx.query("SELECT district, COUNT(*) FROM authorities WHERE district IS NOT NULL AND status <> 'archived' "
                      "GROUP BY district");
    while (c->next()) counts[c->str(0)][1] = c->i64(1);
  }
  {
    auto c = tx.query(
        "SELECT d, COUNT(DISTINCT pid) FROM (SELECT pp.partnership_id AS pid, COALESCE(o.district, a.district) AS d "
        "FROM partnership_parties pp JOIN partnerships p ON p.id = pp.partnership_id AND p.status <> 'archived' "
        "LEFT JOIN organisations o ON o.id = pp.organisation_id LEFT JOIN authorities a ON a.id = pp.authority_id) x "
        "WHERE d IS NOT NULL GROUP BY d");
    while (c->next()) counts[c->str(0)][2] = c->i64(1);
  }
  bj::array out;
  for (const auto& [code, n] : counts)
    out.push_back({{"district", code}, {"organisations", n[0]}, {"authorities", n[1]}, {"partnerships", n[2]}});
  return out;
}

void check_place(store::Tx& tx, Validator& v, const std::string& district, const std::optional<std::string>& locality) {
  if (!district.empty()) {
    auto d = find_unit(tx, district);
    if (!d || d->level != 2) v.add("district", "not_found", "No such district");
  }
  if (locality) {
    auto u = find_unit(tx, *locality);
    if (!u || u->level != 1 || u->parent_code != district) v.add("locality", "not_found", "No such locality in this district");
  }
}
namespace {
template <class Key>
std::map<Key, std::string> names_in(store::Tx& tx, const char* table, const char* key, const std::vector<Key>& keys) {
  std::map<Key, std::string> out;
  std::vector<Key> want(keys);
  std::sort(want.begin(), want.end());
  want.erase(std::unique(want.begin(), want.end()), want.end());
  for (std::size_t at = 0; at < want.size(); at += 500) {  // a bounded IN list per query
    std::string in;
    store::Params params;
    for (std::size_t i = at; i < std::min(want.size(), at + 500); ++i) {
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size() + 1);
      params.push_back(want[i]);
    }
    auto c = tx.query(std::string("SELECT ") + key + ", name FROM " + table + " WHERE " + key + " IN (" + in + ")", params);
    while (c->next()) {
      if constexpr (std::is_same_v<Key, std::string>) out[c->str(0)] = c->str(1);
      else out[c->i64(0)] = c->str(1);
    }
  }
  return out;
}
}  // namespace

std::map<std::int64_t, std::string> organisation_names(store::Tx& tx, const std::vector<std::int64_t>& ids) {
  return names_in(tx, "organisations", "id", ids);
}
std::map<std::int64_t, std::string> authority_names(store::Tx& tx, const std::vector<std::int64_t>& ids) {
  return names_in(tx, "authorities", "id", ids);
}
std::map<std::string, std::string> unit_names(store::Tx& tx, const std::vector<std::string>& codes) {
  return names_in(tx, "admin_units", "code", codes);
}
}  // namespace sp::registry
