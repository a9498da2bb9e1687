// SQLite adapter: one writer connection (a pool of one, so writes are serialised) and a pool of
// readers, all in WAL mode so readers never wait for the writer.
#include <sqlite3.h>

#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace sp::store {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view sql) {
  int ext = sqlite3_extended_errcode(db);
  std::string msg = std::string(sqlite3_errmsg(db)) + " [" + std::string(sql.substr(0, 80)) + "]";
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
    auto kind = ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY ? ConstraintError::Kind::Unique
                : ext == SQLITE_CONSTRAINT_FOREIGNKEY                                  ? ConstraintError::Kind::ForeignKey
                : ext == SQLITE_CONSTRAINT_CHECK                                       ? ConstraintError::Kind::Check
                : ext == SQLITE_CONSTRAINT_NOTNULL                                     ? ConstraintError::Kind::NotNull
                                                                                       : ConstraintError::Kind::Other;
    throw ConstraintError(kind, msg);
  }
  throw std::runtime_error("sqlite: " + msg);
}

struct Stmt {
  sqlite3_stmt* stmt = nullptr;
  std::vector<int> index;  // index[i] = SQLite's parameter index of "$<i+1>" (0 when unused)
};

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(sqlite3* db, sqlite3_stmt* s, std::string_view sql) : db_(db), s_(s), sql_(sql) {}
  ~SqliteCursor() override { sqlite3_reset(s_); }
  bool next() override {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, sql_);
  }
  int columns() const override { return sqlite3_column_count(s_); }
  std::string_view column_name(int col) const override { return sqlite3_column_name(s_, col); }
  bool is_null(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::int64_t i64(int col) const override { return sqlite3_column_int64(s_, col); }
  std::string_view text(int col) const override {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, col))) : std::string_view();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
  std::string_view sql_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool writer) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    // busy_timeout first: the other pragmas may already need to wait for a lock.
    script("PRAGMA busy_timeout=5000");
    if (writer) script("PRAGMA journal_mode=WAL");
    script("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000");
    if (!writer) script("PRAGMA query_only=1");
  }
  ~SqliteConnection() override {
    for (auto& [_, st] : cache_) sqlite3_finalize(st.stmt);
    sqlite3_close(db_);
  }

  std::unique_ptr<Cursor> query(std::string_view sql, const Params& params) override {
    auto& st = prepare(sql, params);
    return std::make_unique<SqliteCursor>(db_, st.stmt, sql);
  }

  std::int64_t exec(std::string_view sql, const Params& params) override {
    auto& st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st.stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(st.stmt);
    if (rc != SQLITE_DONE) fail(db_, rc, sql);
    return sqlite3_changes64(db_);
  }

  void script(std::string_view sql) override {
    // One statement (BEGIN, COMMIT, ROLLBACK on every request): the cached prepared path.
    if (sql.find(';') == std::string_view::npos) {
      exec(sql, {});
      return;
    }
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      if ((rc & 0xFF) == SQLITE_CONSTRAINT) fail(db_, rc, sql);
      throw std::runtime_error("sqlite: " + msg);
    }
  }

 private:
  Stmt& prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      Stmt st;
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st.stmt,
                                  nullptr);
      if (rc != SQLITE_OK) fail(db_, rc, sql);
      // Parameters are written $1..$n; SQLite numbers them by first appearance, so map each name.
      int n = sqlite3_bind_parameter_count(st.stmt);
      for (int j = 1; j <= n; ++j) {
        const char* name = sqlite3_bind_parameter_name(st.stmt, j);
        int k = 0;
        if (!name || name[0] != '$' || std::from_chars(name + 1, name + std::strlen(name), k).ec != std::errc() || k < 1)
          throw std::logic_error("parameters must be written $1..$n: " + std::string(sql.substr(0, 80)));
        if (st.index.size() < static_cast<std::size_t>(k)) st.index.resize(static_cast<std::size_t>(k), 0);
        st.index[static_cast<std::size_t>(k - 1)] = j;
      }
      it = cache_.emplace(std::string(sql), std::move(st)).first;
    }
    Stmt& st = it->second;
    sqlite3_reset(st.stmt);
    sqlite3_clear_bindings(st.stmt);
    if (params.size() != st.index.size())
      throw std::logic_error("expected " + std::to_string(st.index.size()) + " parameters, got " +
                             std::to_string(params.size()) + ": " + std::string(sql.substr(0, 80)));
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = st.index[i];
      if (idx == 0) continue;
      const Param& p = params[i];
      int rc;
      if (std::holds_alternative<std::monostate>(p)) rc = sqlite3_bind_null(st.stmt, idx);
      else if (auto n = std::get_if<std::int64_t>(&p)) rc = sqlite3_bind_int64(st.stmt, idx, *n);
      else {
        const auto& s = std::get<std::string>(p);
        // TRANSIENT: the cursor may step after the caller's parameter vector is gone.
        rc = sqlite3_bind_text(st.stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) fail(db_, rc, sql);
    }
    return st;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Stmt> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& path, int readers)
      : path_(path), writer_([path] { return std::make_unique<SqliteConnection>(path, true); }, 1),
        readers_([path] { return std::make_unique<SqliteConnection>(path, false); }, readers) {
    // Open the writer first: it creates the file and switches it to WAL before any reader opens it.
    writer_.release(writer_.acquire());
  }
  Tx read() override { return begin(readers_, "BEGIN"); }
  Tx read_one() override { return Tx(&readers_, readers_.acquire(), Dialect::Sqlite, true); }
  Tx write() override { return begin(writer_, "BEGIN IMMEDIATE"); }
  Dialect dialect() const override { return Dialect::Sqlite; }
  std::vector<PoolStats> pools() override { return {writer_.stats("sqlite_writer"), readers_.stats("sqlite_readers")}; }
  void snapshot_to(const std::string& out) override {
    SqliteConnection c(path_, false);
    c.script("PRAGMA query_only=0");
    std::string quoted = "'";
    for (char ch : out) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
    c.script("VACUUM INTO " + quoted + "'");
  }

 private:
  Tx begin(Pool& pool, const char* begin_sql) {
    auto c = pool.acquire();
    try {
      c->script(begin_sql);
    } catch (...) {
      pool.release(std::move(c));
      throw;
    }
    return Tx(&pool, std::move(c), Dialect::Sqlite);
  }
  std::string path_;
  Pool writer_;
  Pool readers_;
};
}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, int readers) {
  // Memory statistics take a global mutex on every SQLite allocation; nothing here reads them.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  return std::make_unique<SqliteDatabase>(path, readers);
}
}  // namespace sp::store
