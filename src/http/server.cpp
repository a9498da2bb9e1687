#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "common/errors.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/text.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"

namespace sp::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

bool unsafe_method(std::string_view m) { return m != "GET" && m != "HEAD" && m != "OPTIONS"; }

// A process's requests are numbered after a random prefix: ids stay apart across the servers of
// one deployment and their restarts.
std::string new_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t prefix = std::random_device{}() & 0xFFFFFFu;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%06llx-%llx", static_cast<unsigned long long>(prefix),
                static_cast<unsigned long long>(++counter));
  return buf;
}
}  // namespace

struct Server::Impl {
  const Router& router;
  ServerOptions opts;
  Middleware mw;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  Server* self = nullptr;

  Impl(const Router& r, ServerOptions o, Middleware m)
      : router(r), opts(std::move(o)), mw(std::move(m)), ioc(opts.io_threads),
        workers(static_cast<std::size_t>(opts.workers)), acceptor(ioc), signals(ioc, SIGINT, SIGTERM) {}

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info("shutting down: finishing {} in-flight request(s)", in_flight.load());
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    asio::co_spawn(ioc, drain(this), asio::detached);
  }

  static asio::awaitable<void> drain(Impl* impl) {
    asio::steady_timer t(impl->ioc);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(impl->opts.shutdown_grace_s);
    while (impl->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      t.expires_after(std::chrono::milliseconds(20));
      co_await t.async_wait(asio::use_awaitable);
    }
    impl->ioc.stop();
  }

  static asio::awaitable<void> listen(Impl* impl) {
    for (;;) {
      auto [ec, sock] = co_await impl->acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (impl->stopping) co_return;
        continue;  // e.g. EMFILE: keep serving the connections we have
      }
      sock.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(impl->ioc, session(impl, std::move(sock)), asio::detached);
    }
  }

  static asio::awaitable<Response> run_blocking(const Server* server, Request* req, const Route* route) {
    co_return server->process(*req, route);
  }

  static asio::awaitable<void> session(Impl* impl, tcp::socket sock) {
    beast::tcp_stream stream(std::move(sock));
    beast::flat_buffer buf;
    std::string remote;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    bool first = true;
    for (;;) {
      stream.expires_after(std::chrono::seconds(first ? impl->opts.read_timeout_s : impl->opts.idle_timeout_s));
      first = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(impl->opts.max_header_bytes));
      // The body limit depends on the route, known only after the header: checked below.
      parser.body_limit(boost::none);
      auto [ec, n] = co_await bhttp::async_read_header(stream, buf, parser, asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (ec == bhttp::error::header_limit) co_await send_error(impl, stream, 431, "Request headers too large");
        else if (ec != bhttp::error::end_of_stream && ec != asio::error::operation_aborted &&
                 ec != beast::error::timeout && ec != asio::error::connection_reset && ec != asio::error::eof)
          co_await send_error(impl, stream, 400, "Malformed HTTP request");
        break;
      }
      auto start = std::chrono::steady_clock::now();
      impl->in_flight++;
      metrics::in_flight(1);
      Request req;
      req.remote = remote;
      auto& h = parser.get();
      req.method = std::string(h.method_string());
      const Route* route = nullptr;
      bool bad_target = false;
      {
        auto u = boost::urls::parse_origin_form(h.target());
        if (!u) bad_target = true;
        else {
          req.path = u->path();
          for (auto p : u->params()) req.query.emplace_back(p.key, p.has_value ? p.value : std::string());
          if (!valid_text(req.path)) bad_target = true;
          for (const auto& [k, v] : req.query)
            if (!valid_text(k) || !valid_text(v)) bad_target = true;
        }
      }
      for (const auto& f : h) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers.emplace_back(std::move(name), std::string(f.value()));
      }
      req.remote = client_address(remote, req.header("x-forwarded-for"), impl->opts.trusted_proxies);
      req.request_id = request_id_for(remote, req.header("x-request-id"), impl->opts.trusted_proxies, new_request_id());
      bool path_matched = false;
      const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/metrics";
      if (!bad_target && api) route = impl->router.match(req.method, req.path, req.params, path_matched);
      const std::uint64_t limit = route ? route->max_body : 64 * 1024;
      parser.body_limit(limit);
      Response res;
      bool answered = false;  // an error already decided the response
      bool keep_alive = h.keep_alive();
      if (parser.content_length() && *parser.content_length() > limit) {
        keep_alive = false;
        answered = true;
        res = problem(PayloadTooLarge(say("body_too_large", "The request body is larger than {bytes} bytes", {{"bytes", std::to_string(limit)}})), req.path);
      } else if (!parser.is_done()) {
        auto [ec2, n2] = co_await bhttp::async_read(stream, buf, parser, asio::as_tuple(asio::use_awaitable));
        if (ec2) {
          keep_alive = false;
          if (ec2 == bhttp::error::body_limit) {
            res = problem(PayloadTooLarge());
            answered = true;
          } else {
            impl->in_flight--;
            metrics::in_flight(-1);
            break;  // client went away mid-body: nothing to answer
          }
        }
      }
      if (!answered) {
        req.body = std::move(parser.get().body());
        if (bad_target) res = problem(BadRequest(say("bad_target", "The request target is not valid")), req.path);
        else if (api) {
          if (!route) res = path_matched ? problem(MethodNotAllowed(), req.path) : problem(NotFound(), req.path);
          else if (route->blocking) {
            res = co_await asio::co_spawn(impl->workers, run_blocking(impl->self, &req, route), asio::use_awaitable);
          } else res = impl->self->process(req, route);
        } else {
          auto s = serve_static(impl->opts.static_dir, req);
          res = s ? std::move(*s) : problem(NotFound(), req.path);
        }
      }
      if (impl->stopping) keep_alive = false;
      bool head = req.method == "HEAD";
      auto status = res.status;
      res.header("X-Request-Id", req.request_id);
      beast::error_code wec = co_await write(stream, std::move(res), keep_alive, head, h.version());
      impl->in_flight--;
      metrics::in_flight(-1);
      const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const std::string_view pattern = route ? std::string_view(route->pattern) : api ? "unmatched" : "static";
      metrics::request(pattern, req.method, status, seconds);
      log::request({req.request_id, req.method, req.path, route ? std::string_view(route->pattern) : "-", req.remote, status, seconds * 1000,
                    req.user ? req.user->user_id : 0});
      if (wec || !keep_alive) {
        if (!wec && !parser.is_done()) co_await linger(stream);
        break;
      }
    }
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // After answering early (e.g. 413 before the body was read), read and discard what the client is
  // still sending for a short while, so it sees our answer instead of a connection reset.
  static asio::awaitable<void> linger(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    static thread_local char sink[64 * 1024];
    std::size_t total = 0;
    while (total < (64u << 20)) {
      auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
      if (rec) break;
      total += n;
    }
  }

  static asio::awaitable<beast::error_code> write(beast::tcp_stream& stream, Response res, bool keep_alive, bool head,
                                                  unsigned version) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
    out.set(bhttp::field::server, "socialpact");
    if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "same-origin");
    out.set("Content-Security-Policy", kCsp);
    out.set("Cross-Origin-Opener-Policy", "same-origin");
    bool has_cache = false;
    for (auto& [k, v] : res.headers) {
      if (k == "Cache-Control") has_cache = true;
      out.set(k, v);
    }
    if (!has_cache) out.set(bhttp::field::cache_control, "no-store");
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    if (head) out.body().clear();  // Content-Length stays that of the full body
    stream.expires_after(std::chrono::seconds(30));
    auto [ec, n] = co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
    co_return ec;
  }

  static asio::awaitable<void> send_error(Impl*, beast::tcp_stream& stream, int status, std::string detail) {
    HttpError e(status, status == 431 ? "headers-too-large" : "bad-request",
                status == 431 ? "Request headers too large" : "Bad request",
                {status == 431 ? say("headers_too_large", detail) : say("bad_request", detail)});
    co_await write(stream, problem(e), false, false, 11);
  }
};

Server::Server(const Router& router, ServerOptions opts, Middleware mw)
    : impl_(std::make_unique<Impl>(router, std::move(opts), std::move(mw))) {
  impl_->self = this;
}

Server::~Server() { impl_->workers.join(); }

unsigned short Server::bind() {
  auto& a = impl_->acceptor;
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->opts.host, ec);
  if (ec) throw std::runtime_error("not an IP address: " + impl_->opts.host);
  tcp::endpoint ep(addr, impl_->opts.port);
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + impl_->opts.host + ":" + std::to_string(impl_->opts.port) + ": " +
                             ec.message());
  return a.local_endpoint().port();
}

void Server::run() {
  auto* impl = impl_.get();
  impl->signals.async_wait([impl](const beast::error_code& ec, int) {
    if (!ec) impl->begin_shutdown();
  });
  asio::co_spawn(impl->ioc, Impl::listen(impl), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl->opts.io_threads; ++i) threads.emplace_back([impl] { impl->ioc.run(); });
  impl->ioc.run();
  for (auto& t : threads) t.join();
  impl->workers.join();
  spdlog::info("stopped");
}

void Server::stop() {
  auto* impl = impl_.get();
  asio::post(impl->ioc, [impl] { impl->begin_shutdown(); });
}

Response Server::process(Request& req, const Route* route) const {
  log::RequestScope scope(req.request_id);
  try {
    // Writes must come from our own pages: a foreign Origin is refused before anything else.
    if (unsafe_method(req.method)) {
      auto origin = req.header("origin");
      auto host = req.header("host");
      if (origin && host) {
        auto pos = origin->find("://");
        std::string_view o = pos == std::string::npos ? std::string_view(*origin) : std::string_view(*origin).substr(pos + 3);
        if (o != *host) throw Forbidden(say("cross_origin", "Cross-origin request refused"));
      }
    }
    const bool open = std::find(route->open_to.begin(), route->open_to.end(), req.remote) != route->open_to.end();
    if (route->permission != kPublic && !open) {
      auto p = impl_->mw.authenticate(req);
      if (!p) throw Unauthorized();
      if (unsafe_method(req.method)) impl_->mw.check_csrf(req, *p);
      if (route->permission != kAuthenticated && !p->can(route->permission)) throw Forbidden();
      // An API token changes only what its permissions name: no account's own routes (a password,
      // its tokens, signing out).
      if (p->token_id && unsafe_method(req.method) && route->permission == kAuthenticated)
        throw Forbidden(say("token_route", "An API token cannot do this: sign in"));
      req.user = std::move(p);
    }
    if (unsafe_method(req.method) && !req.body.empty()) {
      auto ct = req.header("content-type").value_or("");
      if (ct.rfind("application/json", 0) != 0 && ct.rfind("multipart/form-data", 0) != 0 &&
          ct.rfind("text/csv", 0) != 0 && ct.rfind("application/octet-stream", 0) != 0)
        throw UnsupportedMediaType(say("json_only", "Send JSON with Content-Type: application/json"));
    }
    return route->handler(req);
  } catch (const HttpError& e) {
    return problem(e, req.path);
  } catch (const store::ConstraintError& e) {
    spdlog::warn("constraint: {} (request {})", e.what(), req.request_id);
    return problem(Conflict(say("conflict", "The change conflicts with existing records")), req.path);
  } catch (const std::exception& e) {
    spdlog::error("unhandled: {} (request {})", e.what(), req.request_id);
    return problem(HttpError(500, "internal", "Internal error", say("internal", "Something went wrong; the request id is {request_id}", {{"request_id", req.request_id}})),
                   req.path);
  }
}

}  // namespace sp::http
