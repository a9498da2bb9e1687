#pragma once
// The HTTP request and response as the rest of the program sees them: plain structs, no Beast.
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.hpp"

namespace sp::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;   // decoded
  std::vector<std::pair<std::string, std::string>> headers; // names lower-case
  std::vector<std::pair<std::string, std::string>> params;  // from the route pattern, e.g. {id}
  std::string body;
  std::string request_id;
  std::string remote;
  std::optional<auth::Principal> user;  // set by the auth middleware on non-public routes

  std::optional<std::string> q(std::string_view name) const;
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  std::string param(std::string_view name) const;
  // The {id} path parameter as a positive integer; NotFound otherwise.
  std::int64_t id(std::string_view name = "id") const;
  // The If-Match version: required for updates (428 when absent, 400 when malformed).
  std::int64_t if_match() const;
  const auth::Principal& me() const { return *user; }
};

// The client's address: the peer, or — when the peer is one of the trusted proxies — the nearest
// address in X-Forwarded-For that is not itself a trusted proxy (the proxy appends the address it
// saw; whatever the client wrote before it is not believed).
std::string client_address(const std::string& peer, const std::optional<std::string>& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// The id of a request: the X-Request-Id a trusted proxy passed on (1–64 letters, digits, '.', '_',
// '-'), else `fresh`. Returned in X-Request-Id and written on every log line of the request.
std::string request_id_for(const std::string& peer, const std::optional<std::string>& given, const std::vector<std::string>& trusted_proxies,
                           std::string fresh);

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(const boost::json::value& v, int status = 200);
  static Response no_content();
  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};
}  // namespace sp::http
