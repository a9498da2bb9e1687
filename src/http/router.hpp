#pragma once
// Routes: every route declares the permission it needs. "public" needs nothing; "authenticated"
// needs a signed-in user; any other name must be among the role's permissions (deny by default).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace sp::http {

using Handler = std::function<Response(Request&)>;

inline constexpr const char* kPublic = "public";
inline constexpr const char* kAuthenticated = "authenticated";

struct Route {
  std::string method;
  std::string pattern;     // "/api/v1/organisations/{id}"
  std::string permission;  // kPublic, kAuthenticated or a permission name
  Handler handler;
  bool blocking = false;   // slow work (password hashing): run on the worker pool, not an I/O thread
  std::size_t max_body = 1 << 20;
  std::vector<std::string> segments;  // pattern split on '/'
  // Client addresses answered without signing in (a monitoring system's scraper: /metrics).
  std::vector<std::string> open_to;
};

class Router {
 public:
  void add(std::string method, std::string pattern, std::string permission, Handler h);
  // Adds a route whose handler runs on the worker pool.
  void add_blocking(std::string method, std::string pattern, std::string permission, Handler h);
  void set_max_body(std::size_t bytes);  // applies to the last route added
  void set_open_to(std::vector<std::string> addresses);  // applies to the last route added
  // The route for method+path, filling params. nullptr when none; path_matched tells 404 from 405.
  const Route* match(std::string_view method, std::string_view path,
                     std::vector<std::pair<std::string, std::string>>& params, bool& path_matched) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};
}  // namespace sp::http
