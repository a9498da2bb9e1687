#pragma once
// What every capability's handlers get: the running socialpact's configuration, its database and the
// vault for personal identities. Built by src/app (which lists the capabilities once); defined here,
// below the capabilities, so that none of them reaches up into src/app.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>

#include "common/vault.hpp"
#include "http/router.hpp"
#include "platform/config.hpp"
#include "store/database.hpp"

namespace sp {
// Wakes the jobs thread before its interval: an e-mail that should leave now (a password link).
class Bell {
 public:
  void ring() {
    {
      std::lock_guard lock(m_);
      rung_ = true;
    }
    cv_.notify_all();
  }
  // Waits until rung, stopped, or `d` has passed.
  void wait(std::stop_token stop, std::chrono::seconds d) {
    std::unique_lock lock(m_);
    cv_.wait_for(lock, stop, d, [this] { return rung_; });
    rung_ = false;
  }

 private:
  std::mutex m_;
  std::condition_variable_any cv_;
  bool rung_ = false;
};

struct App {
  Config cfg;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<Vault> vault;  // personal identities at rest (services module)
  std::unique_ptr<Bell> bell = std::make_unique<Bell>();
  // Wakes the webhooks' deliveries before their interval (a ping, a retry: it leaves now).
  std::unique_ptr<Bell> deliveries = std::make_unique<Bell>();
};

// Binds a capability's handlers, written as `Response f(App&, Request&)`, to this app:
// `auto h = handler_of(app); router.add(..., h(f));`.
inline auto handler_of(App& app) {
  return [&app](http::Response (*f)(App&, http::Request&)) -> http::Handler {
    return [&app, f](http::Request& req) { return f(app, req); };
  };
}
}  // namespace sp
