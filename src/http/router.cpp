#include "http/router.hpp"

namespace sp::http {
namespace {
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}
}  // namespace

void Router::add(std::string method, std::string pattern, std::string permission, Handler h) {
  Route r;
  r.segments = split(pattern);
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.permission = std::move(permission);
  r.handler = std::move(h);
  routes_.push_back(std::move(r));
}

void Router::set_open_to(std::vector<std::string> addresses) { routes_.back().open_to = std::move(addresses); }

void Router::add_blocking(std::string method, std::string pattern, std::string permission, Handler h) {
  add(std::move(method), std::move(pattern), std::move(permission), std::move(h));
  routes_.back().blocking = true;
}

void Router::set_max_body(std::size_t bytes) { routes_.back().max_body = bytes; }

const Route* Router::match(std::string_view method, std::string_view path,
                           std::vector<std::pair<std::string, std::string>>& params, bool& path_matched) const {
  auto segs = split(path);
  path_matched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool ok = true;
    params.clear();
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') params.emplace_back(p.substr(1, p.size() - 2), segs[i]);
      else ok = p == segs[i];
    }
    if (!ok) continue;
    path_matched = true;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) return &r;
  }
  params.clear();
  return nullptr;
}
}  // namespace sp::http
