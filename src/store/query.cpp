#include "store/query.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include <boost/json.hpp>
#include <sodium.h>

#include <charconv>

#include "common/errors.hpp"

namespace sp::store {

Where& Where::add(std::string_view cond, Params values) {
  std::string out;
  std::size_t k = 0;
  for (char c : cond) {
    if (c == '?') {
      out += "$" + std::to_string(params_.size() + 1);
      params_.push_back(std::move(values.at(k++)));
    } else {
      out += c;
    }
  }
  parts_.push_back(std::move(out));
  return *this;
}

std::string Where::sql() const {
  if (parts_.empty()) return {};
  std::string s = " WHERE ";
  for (std::size_t i = 0; i < parts_.size(); ++i) s += (i ? " AND " : "") + parts_[i];
  return s;
}

std::string encode_cursor(std::string_view sort_value, std::int64_t id) {
  std::string raw = std::to_string(id) + ":" + std::string(sort_value);
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::pair<std::string, std::int64_t>> decode_cursor(const std::optional<std::string>& raw) {
  if (!raw || raw->empty()) return std::nullopt;
  auto bad = [] { return Invalid({{"cursor", "invalid", "Not a cursor from this list"}}); };
  if (raw->size() > 2000) throw bad();
  std::string bin(raw->size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), raw->data(), raw->size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    throw bad();
  bin.resize(len);
  auto colon = bin.find(':');
  std::int64_t id = 0;
  if (colon == std::string::npos) throw bad();
  auto [p, ec] = std::from_chars(bin.data(), bin.data() + colon, id);
  if (ec != std::errc() || p != bin.data() + colon || id <= 0) throw bad();
  return std::make_pair(bin.substr(colon + 1), id);
}

void after_cursor(Where& w, const Sort& s, const std::optional<std::pair<std::string, std::int64_t>>& c) {
  if (!c) return;
  const char* op = s.desc ? "<" : ">";
  w.add("(" + s.expr + " " + op + " ? OR (" + s.expr + " = ? AND id " + op + " ?))", {c->first, c->first, c->second});
}

std::string order_by(const Sort& s) {
  return " ORDER BY " + s.expr + (s.desc ? " DESC" : "") + ", id" + (s.desc ? " DESC" : "");
}

std::string join_codes(const std::vector<std::string>& v) {
  if (v.empty()) return "";
  std::string s = ",";
  for (const auto& x : v) s += x + ",";
  return s;
}
std::vector<std::string> split_codes(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(',', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}
BulkInsert::BulkInsert(Tx& tx, std::string table, std::vector<std::string> columns, std::size_t rows_per_statement)
    : tx_(tx), columns_(columns.size()), per_statement_(std::max<std::size_t>(1, std::min(rows_per_statement, 900 / columns.size()))) {
  target_ = table + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) target_ += (i ? ", " : "") + columns[i];
  target_ += ")";
  head_ = "INSERT INTO " + target_ + " VALUES ";
  // PostgreSQL's bulk path, COPY, takes many rows at once; SQLite's statements at most 999 parameters.
  if (tx.dialect() == Dialect::Postgres) per_statement_ = 10000;
}

namespace {
// A value in COPY's text format: \N for NULL; backslash, tab, newline and carriage return escaped.
void copy_value(std::string& out, const Param& p) {
  if (std::holds_alternative<std::monostate>(p)) {
    out += "\\N";
    return;
  }
  if (auto n = std::get_if<std::int64_t>(&p)) {
    out += std::to_string(*n);
    return;
  }
  for (char c : std::get<std::string>(p)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}
}  // namespace

BulkInsert::~BulkInsert() noexcept(false) {
  if (std::uncaught_exceptions() == 0) flush();
}

void BulkInsert::add(Params row) {
  if (row.size() != columns_) throw std::logic_error("BulkInsert: wrong number of values");
  for (auto& v : row) params_.push_back(std::move(v));
  if (++pending_ == per_statement_) flush();
}

void BulkInsert::flush() {
  if (pending_ == 0) return;
  if (tx_.dialect() == Dialect::Postgres) {
    std::string data;
    for (std::size_t i = 0; i < params_.size(); ++i) {
      copy_value(data, params_[i]);
      data += (i + 1) % columns_ ? '\t' : '\n';
    }
    tx_.copy_in(target_, data);
    total_ += pending_;
    pending_ = 0;
    params_.clear();
    return;
  }
  std::string sql = head_;
  std::size_t n = 0;
  for (std::size_t r = 0; r < pending_; ++r) {
    sql += r ? ",(" : "(";
    for (std::size_t c = 0; c < columns_; ++c) sql += (c ? ",$" : "$") + std::to_string(++n);
    sql += ")";
  }
  tx_.exec(sql, params_);
  total_ += pending_;
  pending_ = 0;
  params_.clear();
}
LoadWithKeysCheckedOnce::LoadWithKeysCheckedOnce(Tx& tx, std::string table) : tx_(tx), table_(std::move(table)) {
  if (tx_.dialect() != Dialect::Postgres) return;
  auto c = tx_.query("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'", {table_});
  while (c->next()) keys_.emplace_back(c->str(0), c->str(1));
  c.reset();
  for (const auto& [name, def] : keys_) tx_.script("ALTER TABLE " + table_ + " DROP CONSTRAINT " + name);
}

void LoadWithKeysCheckedOnce::finish() {
  for (const auto& [name, def] : keys_) tx_.script("ALTER TABLE " + table_ + " ADD CONSTRAINT " + name + " " + def);
  keys_.clear();
}

boost::json::array json_rows(Tx& tx, std::string_view sql, const Params& params, std::initializer_list<JsonColumn> columns) {
  boost::json::array out;
  auto c = tx.query(sql, params);
  while (c->next()) {
    boost::json::object row;
    int col = 0;
    for (const auto& k : columns) {
      using As = JsonColumn::As;
      bool null = c->is_null(col);
      switch (k.as) {
        case As::Int: row[k.name] = c->i64(col); break;
        case As::Text: row[k.name] = c->str(col); break;
        case As::Bool: row[k.name] = c->i64(col) != 0; break;
        case As::OptInt: row[k.name] = null ? boost::json::value(nullptr) : boost::json::value(c->i64(col)); break;
        case As::OptText: row[k.name] = null ? boost::json::value(nullptr) : boost::json::value(c->str(col)); break;
      }
      ++col;
    }
    out.push_back(std::move(row));
  }
  return out;
}
}  // namespace sp::store
