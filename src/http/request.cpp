#include <cctype>
#include "http/request.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>

#include "common/errors.hpp"

namespace sp::http {

std::optional<std::string> Request::q(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto h = header("cookie");
  if (!h) return std::nullopt;
  std::string_view s = *h;
  while (!s.empty()) {
    auto semi = s.find(';');
    auto part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

std::string Request::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

std::int64_t Request::id(std::string_view name) const {
  auto s = param(name);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n <= 0) throw NotFound();
  return n;
}

std::int64_t Request::if_match() const {
  auto h = header("if-match");
  if (!h) throw PreconditionRequired();
  // "5", 5 and the weak W/"5" all name version 5 (a proxy may weaken an ETag on the way).
  std::string_view s = *h;
  if (s.rfind("W/", 0) == 0) s.remove_prefix(2);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n <= 0)
    throw BadRequest(say("bad_if_match", "If-Match must be the record's version"), {{"If-Match", "invalid", "Must be a version number"}});
  return n;
}

std::string client_address(const std::string& peer, const std::optional<std::string>& forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) { return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end(); };
  if (!forwarded_for || !trusted(peer)) return peer;
  std::string_view list = *forwarded_for;
  while (!list.empty()) {  // from the right: the entry the nearest proxy appended first
    auto comma = list.rfind(',');
    auto one = comma == std::string_view::npos ? list : list.substr(comma + 1);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    while (!one.empty() && (one.front() == ' ' || one.front() == '\t')) one.remove_prefix(1);
    while (!one.empty() && (one.back() == ' ' || one.back() == '\t')) one.remove_suffix(1);
    if (one.empty() || one.size() > 45 || one.find_first_not_of("0123456789abcdefABCDEF.:") != std::string_view::npos) break;
    if (!trusted(one)) return std::string(one);
  }
  return peer;
}

std::string request_id_for(const std::string& peer, const std::optional<std::string>& given, const std::vector<std::string>& trusted_proxies,
                           std::string fresh) {
  if (!given || given->empty() || given->size() > 64 || std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end())
    return fresh;
  for (unsigned char ch : *given)
    if (!std::isalnum(ch) && ch != '.' && ch != '_' && ch != '-') return fresh;
  return *given;
}

Response Response::json(const boost::json::value& v, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(v);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}
}  // namespace sp::http
