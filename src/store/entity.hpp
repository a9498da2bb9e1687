#pragma once
// A table described once (issue 11): each column named once with how it is read into the record and
// written from it, and from that the select list, reading a row, find by id, insert and the update
// against the version read. A repository then writes no column list, no placeholder numbering and no
// row reading by position of its own; only its queries that select, join or aggregate differently.
//
//   const store::Entity<ServiceUnit>& services() {
//     static const store::Entity<ServiceUnit> e{"service_units", {
//         store::key(&ServiceUnit::id), store::col("type_code", &ServiceUnit::type_code), ...,
//         store::derived<ServiceUnit>("name_search", [](const ServiceUnit& s) { return fold_for_search(s.name); }),
//         store::stamp(&ServiceUnit::version, &ServiceUnit::created_at, &ServiceUnit::updated_at)}};
//     return e;
//   }
//
// Conventions: `id` is the key (never written; RETURNING id on insert); a versioned table has
// `version`, `created_at` and `updated_at` (insert stamps both times, update bumps the version against
// the one read and stamps updated_at).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/time.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

namespace sp::store {

template <class R>
struct Column {
  enum class Role { Data, Key, Version, Created, Updated };
  std::string name;
  std::function<void(R&, const Cursor&, int)> read;  // empty: written only (a search key derived from another column)
  std::function<Param(const R&)> write;               // empty: never written by insert/update (the key, the stamps)
  Role role = Role::Data;
};

namespace detail {
template <class T>
struct is_optional : std::false_type {};
template <class U>
struct is_optional<std::optional<U>> : std::true_type {};

template <class T>
Param to_param(const T& v) {
  if constexpr (is_optional<T>::value) return v ? to_param(*v) : Param{};
  else if constexpr (std::is_same_v<T, std::string>) return v;
  else if constexpr (std::is_same_v<T, bool>) return std::int64_t{v ? 1 : 0};
  else if constexpr (std::is_integral_v<T>) return static_cast<std::int64_t>(v);
  else static_assert(sizeof(T) == 0, "a column of this type needs store::custom");
}
template <class T>
T from_row(const Cursor& c, int i) {
  if constexpr (is_optional<T>::value) {
    if (c.is_null(i)) return std::nullopt;
    return from_row<typename T::value_type>(c, i);
  } else if constexpr (std::is_same_v<T, std::string>) return c.str(i);
  else if constexpr (std::is_same_v<T, bool>) return c.i64(i) != 0;
  else if constexpr (std::is_integral_v<T>) return static_cast<T>(c.i64(i));
  else static_assert(sizeof(T) == 0, "a column of this type needs store::custom");
}
}  // namespace detail

// A column kept in a member of the record: text, an integer or a bool, or an optional one of them.
template <class R, class T>
Column<R> col(std::string name, T R::*m) {
  return {std::move(name), [m](R& r, const Cursor& c, int i) { r.*m = detail::from_row<T>(c, i); },
          [m](const R& r) { return detail::to_param(r.*m); }};
}
// A list of codes kept in one column (",a,b,", store/query.hpp).
template <class R>
Column<R> codes(std::string name, std::vector<std::string> R::*m) {
  return {std::move(name), [m](R& r, const Cursor& c, int i) { r.*m = split_codes(c.text(i)); },
          [m](const R& r) -> Param { return join_codes(r.*m); }};
}
// A column with its own reading and writing (JSON kept as text, a list of codes).
template <class R>
Column<R> custom(std::string name, std::function<void(R&, const Cursor&, int)> read, std::function<Param(const R&)> write) {
  return {std::move(name), std::move(read), std::move(write)};
}
// A column written from the record but never read back into it (a search key).
template <class R>
Column<R> derived(std::string name, std::function<Param(const R&)> write) {
  return {std::move(name), {}, std::move(write)};
}
template <class R>
Column<R> key(std::int64_t R::*m) {
  return {"id", [m](R& r, const Cursor& c, int i) { r.*m = c.i64(i); }, {}, Column<R>::Role::Key};
}
// The version and the two timestamps of a versioned table, as three columns.
template <class R>
std::vector<Column<R>> stamps(std::int64_t R::*version, std::string R::*created, std::string R::*updated) {
  using Role = typename Column<R>::Role;
  return {{"version", [version](R& r, const Cursor& c, int i) { r.*version = c.i64(i); }, {}, Role::Version},
          {"created_at", [created](R& r, const Cursor& c, int i) { r.*created = c.str(i); }, {}, Role::Created},
          {"updated_at", [updated](R& r, const Cursor& c, int i) { r.*updated = c.str(i); }, {}, Role::Updated}};
}

// The version alone, for a table without timestamps (updates bump it against the one read).
template <class R>
Column<R> version(std::int64_t R::*m) {
  return {"version", [m](R& r, const Cursor& c, int i) { r.*m = c.i64(i); }, {}, Column<R>::Role::Version};
}
// The same for a record that keeps its version but not its timestamps (they are still written).
template <class R>
std::vector<Column<R>> stamps(std::int64_t R::*version) {
  using Role = typename Column<R>::Role;
  return {{"version", [version](R& r, const Cursor& c, int i) { r.*version = c.i64(i); }, {}, Role::Version},
          {"created_at", {}, {}, Role::Created},
          {"updated_at", {}, {}, Role::Updated}};
}

template <class R>
class Entity {
 public:
  using Columns = std::vector<Column<R>>;
  Entity(std::string table, std::initializer_list<Columns> groups) : table_(std::move(table)) {
    for (const auto& g : groups)
      for (const auto& c : g) columns_.push_back(c);
    for (const auto& c : columns_) {
      has_[static_cast<int>(c.role)] = true;
      if (!c.read) continue;
      select_ += (select_.empty() ? "" : ", ") + c.name;
      ++read_count_;
    }
    // The statements, made once: SELECT by id, INSERT … RETURNING id, and UPDATE … WHERE id AND version.
    find_sql_ = "SELECT " + select_ + " FROM " + table_ + " WHERE id = $1";
    std::vector<std::string> written;
    for (const auto& c : columns_)
      if (c.write) written.push_back(c.name);
    auto inserted = written;
    if (has(Column<R>::Role::Created)) inserted.push_back("created_at");
    if (has(Column<R>::Role::Updated)) inserted.push_back("updated_at");
    std::string names, values;
    for (std::size_t i = 0; i < inserted.size(); ++i) {
      names += (i ? ", " : "") + inserted[i];
      values += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    insert_sql_ = "INSERT INTO " + table_ + " (" + names + ") VALUES (" + values + ") RETURNING id";
    auto updated = written;
    if (has(Column<R>::Role::Updated)) updated.push_back("updated_at");
    std::string sets;
    for (std::size_t i = 0; i < updated.size(); ++i) sets += (i ? ", " : "") + updated[i] + " = $" + std::to_string(i + 1);
    std::size_t n = updated.size();
    if (has(Column<R>::Role::Version)) sets += ", version = version + 1";
    update_sql_ = "UPDATE " + table_ + " SET " + sets + " WHERE id = $" + std::to_string(n + 1) +
                  (has(Column<R>::Role::Version) ? " AND version = $" + std::to_string(n + 2) : std::string());
  }

  const std::string& table() const { return table_; }
  // The columns a row is read from, in order: "id, type_code, …, updated_at"; with an alias, each
  // prefixed ("s.id, s.type_code, …").
  std::string columns(std::string_view alias = {}) const {
    if (alias.empty()) return select_;
    std::string out;
    for (const auto& c : columns_)
      if (c.read) out += (out.empty() ? "" : ", ") + std::string(alias) + "." + c.name;
    return out;
  }
  // How many result columns read() consumes.
  int width() const { return read_count_; }
  // The record from a row whose columns start at `first` in the order of columns().
  R read(const Cursor& c, int first = 0) const {
    R r;
    int i = first;
    for (const auto& col : columns_)
      if (col.read) col.read(r, c, i++);
    return r;
  }
  // The records of the rows `rest` selects ("WHERE … ORDER BY …", its parameters in `p`).
  std::vector<R> all(Tx& tx, std::string_view rest = {}, const Params& p = {}) const {
    std::vector<R> out;
    auto c = tx.query("SELECT " + select_ + " FROM " + table_ + (rest.empty() ? "" : " ") + std::string(rest), p);
    while (c->next()) out.push_back(read(*c));
    return out;
  }
  std::optional<R> find(Tx& tx, std::int64_t id) const {
    auto c = tx.query(find_sql_, {id});
    if (!c->next()) return std::nullopt;
    return read(*c);
  }
  // Inserts the record's written columns (and, for a versioned table, both timestamps now); its id.
  std::int64_t insert(Tx& tx, const R& r) const {
    Params p;
    for (const auto& c : columns_)
      if (c.write) p.push_back(c.write(r));
    auto now = now_iso();
    if (has(Column<R>::Role::Created)) p.push_back(now);
    if (has(Column<R>::Role::Updated)) p.push_back(now);
    return *tx.scalar(insert_sql_, p);
  }
  // Writes the record's written columns over row `id`, against `version` (bumped, with updated_at):
  // false when the row is gone or its version moved meanwhile. An unversioned table ignores `version`.
  bool update(Tx& tx, std::int64_t id, const R& r, std::int64_t version) const {
    Params p;
    for (const auto& c : columns_)
      if (c.write) p.push_back(c.write(r));
    if (has(Column<R>::Role::Updated)) p.push_back(now_iso());
    p.push_back(id);
    if (has(Column<R>::Role::Version)) p.push_back(version);
    return tx.exec(update_sql_, p) == 1;
  }

 private:
  bool has(typename Column<R>::Role role) const { return has_[static_cast<int>(role)]; }
  std::string table_;
  Columns columns_;
  std::string select_, find_sql_, insert_sql_, update_sql_;
  int read_count_ = 0;
  bool has_[5] = {};
};
}  // namespace sp::store
