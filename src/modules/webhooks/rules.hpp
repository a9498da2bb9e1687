#pragma once
// The webhooks' rules, free of SQL and HTTP (decision 0032): how a payload is signed, how long a
// failed delivery waits, what a failed attempt does to a delivery and to its subscription, which
// endpoints a subscription may name and which addresses it may never reach.
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/errors.hpp"

namespace sp::webhooks {
// `X-Socialpact-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`:
// the receiver recomputes it and refuses a timestamp far from its clock (a replayed payload).
std::string signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

// The wait after the n-th failed attempt (n ≥ 1): base, then doubled each time, at most a day.
std::int64_t backoff_seconds(int base, int attempts);

// After an attempt of a delivery (its attempts counted with this one) and of its subscription (its
// failed attempts in a row before this one).
struct AfterAttempt {
  std::string delivery_status;   // delivered | pending (tried again after the backoff) | failed
  std::int64_t failures = 0;     // the subscription's failed attempts in a row now
  bool disable = false;          // the subscription reached `disable_after`: it is disabled now
};
AfterAttempt after_attempt(bool ok, int attempts, int max_attempts, std::int64_t failures, int disable_after);

// A 2xx answer is a delivery; anything else (3xx included: redirects are not followed) a failure.
inline bool delivered(long http_status) { return http_status >= 200 && http_status < 300; }

// What is wrong with an endpoint's address, or nothing: http or https, a host, no credentials in it,
// at most 2,000 characters.
std::optional<Say> url_problem(std::string_view url);

// Addresses a subscription may not reach unless the configuration allows it: loopback, private
// (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16, fe80::/10), "this
// network" (0/8, ::) and IPv4 mapped into IPv6 of those.
bool private_address(const sockaddr* a);
}  // namespace sp::webhooks
