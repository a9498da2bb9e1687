// PostgreSQL adapter over libpq: a pool of connections; each statement is prepared once per
// connection (named by its position in the cache) and executed with text parameters.
#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace sp::store {
namespace {

struct Result {
  PGresult* r;
  explicit Result(PGresult* p) : r(p) {}
  ~Result() { PQclear(r); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
};

[[noreturn]] void fail(PGconn* conn, PGresult* res, std::string_view sql) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = std::string(res ? PQresultErrorMessage(res) : PQerrorMessage(conn)) + " [" +
                    std::string(sql.substr(0, 80)) + "]";
  std::string st = state ? state : "";
  if (st.rfind("23", 0) == 0) {
    auto kind = st == "23505" ? ConstraintError::Kind::Unique
                : st == "23503" ? ConstraintError::Kind::ForeignKey
                : st == "23514" ? ConstraintError::Kind::Check
                : st == "23502" ? ConstraintError::Kind::NotNull
                                : ConstraintError::Kind::Other;
    throw ConstraintError(kind, msg);
  }
  throw std::runtime_error("postgres: " + msg);
}

class PgCursor final : public Cursor {
 public:
  explicit PgCursor(PGresult* r) : res_(r), rows_(PQntuples(r)) {}
  ~PgCursor() override { PQclear(res_); }
  bool next() override { return ++row_ < rows_; }
  int columns() const override { return PQnfields(res_); }
  std::string_view column_name(int col) const override { return PQfname(res_, col); }
  bool is_null(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  std::int64_t i64(int col) const override {
    auto t = text(col);
    // A boolean comes as "t"/"f" in PostgreSQL's text format and as 1/0 from SQLite: read both as 1/0,
    // so that one query gives one answer on both engines.
    if (t == "t") return 1;
    if (t == "f") return 0;
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
  }
  std::string_view text(int col) const override {
    return {PQgetvalue(res_, row_, col), static_cast<std::size_t>(PQgetlength(res_, row_, col))};
  }

 private:
  PGresult* res_;
  int rows_;
  int row_ = -1;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error("cannot connect to PostgreSQL: " + msg);
    }
    PQsetClientEncoding(conn_, "UTF8");
    script("SET client_min_messages = warning");
  }
  ~PgConnection() override { PQfinish(conn_); }

  std::unique_ptr<Cursor> query(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    return std::make_unique<PgCursor>(r);
  }

  std::int64_t exec(std::string_view sql, const Params& params) override {
    Result r(run(sql, params));
    const char* n = PQcmdTuples(r.r);
    std::int64_t v = 0;
    if (n && *n) std::from_chars(n, n + std::char_traits<char>::length(n), v);
    return v;
  }

  void script(std::string_view sql) override {
    std::string s(sql);
    Result r(PQexec(conn_, s.c_str()));
    auto st = PQresultStatus(r.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(conn_, r.r, sql);
  }

  void copy_in(std::string_view target, std::string_view data) override {
    const std::string sql = "COPY " + std::string(target) + " FROM STDIN";
    {
      Result r(PQexec(conn_, sql.c_str()));
      if (PQresultStatus(r.r) != PGRES_COPY_IN) fail(conn_, r.r, sql);
    }
    const bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1 && PQputCopyEnd(conn_, nullptr) == 1;
    // The outcome, then nothing: a connection must read every result before its next command.
    PGresult* outcome = PQgetResult(conn_);
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
    Result r(outcome);
    if (!sent || !outcome || PQresultStatus(outcome) != PGRES_COMMAND_OK) fail(conn_, outcome, sql);
  }

 private:
  PGresult* run(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto it = names_.find(key);
    if (it == names_.end()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "s%zu", names_.size());
      std::string name(buf);
      Result r(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
      if (PQresultStatus(r.r) != PGRES_COMMAND_OK) fail(conn_, r.r, sql);
      it = names_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> ints;
    ints.reserve(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (auto n = std::get_if<std::int64_t>(&params[i])) {
        ints.push_back(std::to_string(*n));
        values[i] = ints.back().c_str();
      } else if (auto s = std::get_if<std::string>(&params[i])) {
        values[i] = s->c_str();
      }
    }
    PGresult* r = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                 nullptr, 0);
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Result guard(r);
      fail(conn_, r, sql);
    }
    return r;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& conninfo, int size)
      : pool_([conninfo] { return std::make_unique<PgConnection>(conninfo); }, size) {
    pool_.release(pool_.acquire());  // fail at start-up, not at the first request, when unreachable
  }
  Tx read() override { return begin("BEGIN READ ONLY"); }
  Tx read_one() override { return Tx(&pool_, pool_.acquire(), Dialect::Postgres, true); }
  Tx write() override { return begin("BEGIN"); }
  Dialect dialect() const override { return Dialect::Postgres; }
  std::vector<PoolStats> pools() override { return {pool_.stats("postgresql")}; }
  void snapshot_to(const std::string&) override { throw std::logic_error("PostgreSQL is backed up with pg_dump"); }

 private:
  Tx begin(const char* sql) {
    auto c = pool_.acquire();
    try {
      c->script(sql);
    } catch (...) {
      pool_.release(nullptr);
      throw;
    }
    return Tx(&pool_, std::move(c), Dialect::Postgres);
  }
  Pool pool_;
};
}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& conninfo, int pool_size) {
  return std::make_unique<PgDatabase>(conninfo, pool_size);
}
}  // namespace sp::store
