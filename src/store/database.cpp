#include "store/database.hpp"

namespace sp::store {

std::unique_ptr<Connection> Pool::acquire() {
  std::unique_lock lk(mu_);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (created_ < max_) {
      ++created_;
      lk.unlock();
      try {
        return make_();
      } catch (...) {
        lk.lock();
        --created_;
        throw;
      }
    }
    ++waits_;
    cv_.wait(lk);
  }
}

PoolStats Pool::stats(std::string name) {
  std::lock_guard lk(mu_);
  return {std::move(name), max_, created_, static_cast<int>(idle_.size()), waits_};
}

void Pool::release(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lk(mu_);
    if (c) idle_.push_back(std::move(c));
    else --created_;  // a broken connection is dropped; a new one may be made
  }
  cv_.notify_one();
}

Tx::Tx(Pool* pool, std::unique_ptr<Connection> conn, Dialect d, bool autocommit)
    : pool_(pool), conn_(std::move(conn)), dialect_(d), done_(autocommit) {}

Tx::Tx(Tx&& o) noexcept
    : pool_(o.pool_), conn_(std::move(o.conn_)), dialect_(o.dialect_), done_(o.done_) {
  o.done_ = true;
  o.pool_ = nullptr;
}

Tx::~Tx() {
  if (!conn_) return;
  if (!done_) {
    try {
      conn_->script("ROLLBACK");
    } catch (...) {
      conn_.reset();  // unusable: let the pool make a fresh one
    }
  }
  if (pool_) pool_->release(std::move(conn_));
}

std::unique_ptr<Cursor> Tx::query(std::string_view sql, const Params& params) { return conn_->query(sql, params); }
std::int64_t Tx::exec(std::string_view sql, const Params& params) { return conn_->exec(sql, params); }
void Tx::script(std::string_view sql) { conn_->script(sql); }
void Tx::copy_in(std::string_view target, std::string_view data) { conn_->copy_in(target, data); }
void Connection::copy_in(std::string_view, std::string_view) { throw std::logic_error("COPY is PostgreSQL's bulk path"); }

std::optional<std::int64_t> Tx::scalar(std::string_view sql, const Params& params) {
  auto c = conn_->query(sql, params);
  if (!c->next() || c->is_null(0)) return std::nullopt;
  return c->i64(0);
}

std::optional<std::string> Tx::scalar_text(std::string_view sql, const Params& params) {
  auto c = conn_->query(sql, params);
  if (!c->next() || c->is_null(0)) return std::nullopt;
  return c->str(0);
}

void Tx::commit() {
  conn_->script("COMMIT");
  done_ = true;
}

std::unique_ptr<Database> Database::open(const std::string& url, int readers) {
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite(url.substr(7), readers);
  if (url.rfind("postgres", 0) == 0 || url.find("dbname=") != std::string::npos) return open_postgres(url, readers);
  throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

}  // namespace sp::store
