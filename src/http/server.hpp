#pragma once
// The HTTP server: Boost.Beast with C++20 coroutines on a small pool of I/O threads. It owns
// connection handling, limits, the auth/CSRF/permission middleware, static files, security headers,
// problem+json for errors, one log line per request, and graceful shutdown on SIGINT/SIGTERM.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <vector>

#include "http/router.hpp"

namespace sp::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (printed at start)
  int io_threads = 2;
  int workers = 2;             // for blocking routes (password hashing)
  std::string static_dir;      // built UI; empty: none
  std::size_t max_header_bytes = 16 * 1024;
  int read_timeout_s = 30;     // to receive one whole request
  int idle_timeout_s = 60;     // keep-alive wait for the next request
  int shutdown_grace_s = 10;   // in-flight requests get this long to finish
  // Peers whose X-Forwarded-For names the client (a reverse proxy in front); from any other peer
  // the header is ignored and the peer is the client.
  std::vector<std::string> trusted_proxies;
};

struct Middleware {
  // Returns the signed-in user for a request (session cookie or API token), or nullopt.
  std::function<std::optional<auth::Principal>(const Request&)> authenticate;
  // Throws Forbidden when a state-changing request lacks a valid CSRF token for this session.
  std::function<void(const Request&, const auth::Principal&)> check_csrf;
};

class Server {
 public:
  Server(const Router& router, ServerOptions opts, Middleware mw);
  ~Server();
  // Binds and returns the port actually bound.
  unsigned short bind();
  // Serves until SIGINT/SIGTERM (or stop()), then finishes in-flight requests and returns.
  void run();
  void stop();

  // One request, start to finish, without the network: routing, auth, handler, errors.
  // Used by the connection loop and by in-process benchmarks.
  Response process(Request& req, const Route* route) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};
}  // namespace sp::http
