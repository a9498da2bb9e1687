#pragma once
// The storage interface every module uses: Database → Tx (a transaction on a pooled connection,
// rolled back unless committed) → query/exec with $1..$n parameters. The same SQL runs on SQLite and
// PostgreSQL. Prepared statements are cached per connection, keyed by SQL text.
#include <cstdint>
#include <functional>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sp::store {

enum class Dialect { Sqlite, Postgres };

// A parameter: NULL, integer or text.
using Param = std::variant<std::monostate, std::int64_t, std::string>;
using Params = std::vector<Param>;
inline Param opt(const std::optional<std::string>& s) { return s ? Param{*s} : Param{}; }
inline Param opt(const std::optional<std::int64_t>& n) { return n ? Param{*n} : Param{}; }

// Rows of one query. REQUIRES: destroyed (or run to the end) before the same SQL text runs again
// on the same transaction, and before the transaction ends.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual bool next() = 0;
  virtual int columns() const = 0;
  virtual std::string_view column_name(int col) const = 0;
  virtual bool is_null(int col) const = 0;
  virtual std::int64_t i64(int col) const = 0;
  // Valid until next() or destruction.
  virtual std::string_view text(int col) const = 0;
  std::string str(int col) const { return std::string(text(col)); }
  std::optional<std::string> opt_str(int col) const {
    return is_null(col) ? std::nullopt : std::optional<std::string>(str(col));
  }
  std::optional<std::int64_t> opt_i64(int col) const {
    return is_null(col) ? std::nullopt : std::optional<std::int64_t>(i64(col));
  }
};

// A statement broke a constraint. Modules turn this into 409/422 with the field named.
class ConstraintError : public std::runtime_error {
 public:
  enum class Kind { Unique, ForeignKey, Check, NotNull, Other };
  ConstraintError(Kind k, std::string msg) : std::runtime_error(std::move(msg)), kind(k) {}
  Kind kind;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::unique_ptr<Cursor> query(std::string_view sql, const Params& params) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, const Params& params) = 0;
  // Several statements without parameters (migrations, BEGIN/COMMIT).
  virtual void script(std::string_view sql) = 0;
  // PostgreSQL's bulk path: `COPY target FROM STDIN` with `data` in COPY's text format (one line a
  // row, columns separated by tabs, \N for NULL). Other engines have none.
  virtual void copy_in(std::string_view target, std::string_view data);
};

class Pool;

class Tx {
 public:
  // REQUIRES: conn is in a transaction (BEGIN done) unless autocommit; the Tx ends it and gives conn
  // back to pool.
  Tx(Pool* pool, std::unique_ptr<Connection> conn, Dialect d, bool autocommit = false);
  Tx(Tx&&) noexcept;
  Tx& operator=(Tx&&) = delete;
  ~Tx();

  std::unique_ptr<Cursor> query(std::string_view sql, const Params& params = {});
  std::int64_t exec(std::string_view sql, const Params& params = {});
  // The first column of the first row, if any.
  std::optional<std::int64_t> scalar(std::string_view sql, const Params& params = {});
  std::optional<std::string> scalar_text(std::string_view sql, const Params& params = {});
  void script(std::string_view sql);
  // REQUIRES: dialect() == Postgres. See Connection::copy_in.
  void copy_in(std::string_view target, std::string_view data);
  void commit();
  Dialect dialect() const { return dialect_; }

 private:
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
  Dialect dialect_;
  bool done_ = false;
};

// What a pool holds now (for /metrics): its connections open, how many of them are idle, its size,
// and how many times a transaction has had to wait for one.
struct PoolStats {
  std::string name;
  int max = 0, open = 0, idle = 0;
  std::uint64_t waits = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  // url: "sqlite:PATH" or a PostgreSQL URI/conninfo ("postgresql://...", "host=... dbname=...").
  static std::unique_ptr<Database> open(const std::string& url, int readers = 8);
  // A transaction that only reads: a consistent snapshot across its queries.
  virtual Tx read() = 0;
  // For one read-only statement: no BEGIN/ROLLBACK around it (a single statement is its own snapshot).
  virtual Tx read_one() = 0;
  // A transaction that writes. On SQLite there is one writer; writes are serialised.
  virtual Tx write() = 0;
  virtual Dialect dialect() const = 0;
  // Each pool of connections as it is now.
  virtual std::vector<PoolStats> pools() = 0;
  // SQLite: a consistent copy of the database as one read transaction sees it, written to `path`
  // (VACUUM INTO on a connection of its own; the writer goes on meanwhile). PostgreSQL has pg_dump.
  virtual void snapshot_to(const std::string& path) = 0;
};

// Connection pool shared by the adapters: lends a connection, takes it back when a Tx ends.
class Pool {
 public:
  Pool(std::function<std::unique_ptr<Connection>()> make, int max) : make_(std::move(make)), max_(max) {}
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> c);
  PoolStats stats(std::string name);

 private:
  std::function<std::unique_ptr<Connection>()> make_;
  int max_;
  int created_ = 0;
  std::uint64_t waits_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mu_)
};

std::unique_ptr<Database> open_sqlite(const std::string& path, int readers);
std::unique_ptr<Database> open_postgres(const std::string& conninfo, int pool_size);

}  // namespace sp::store
