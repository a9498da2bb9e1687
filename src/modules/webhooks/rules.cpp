#include "modules/webhooks/rules.hpp"

#include <netinet/in.h>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cstring>

#include "common/crypto.hpp"

namespace sp::webhooks {

std::string signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  const auto t = std::to_string(unix_seconds);
  std::string signed_text;
  signed_text.reserve(t.size() + 1 + body.size());
  signed_text.append(t).append(".").append(body);
  return "t=" + t + ",v1=" + hmac_sha256_hex(secret, signed_text);
}

std::int64_t backoff_seconds(int base, int attempts) {
  std::int64_t wait = std::max(1, base);
  for (int i = 1; i < attempts && wait < 86400; ++i) wait *= 2;
  return std::min<std::int64_t>(wait, 86400);
}

AfterAttempt after_attempt(bool ok, int attempts, int max_attempts, std::int64_t failures, int disable_after) {
  if (ok) return {"delivered", 0, false};
  AfterAttempt a;
  a.delivery_status = attempts >= max_attempts ? "failed" : "pending";
  a.failures = failures + 1;
  a.disable = a.failures >= disable_after;
  return a;
}

std::optional<Say> url_problem(std::string_view url) {
  if (url.size() > 2000) return say("too_long", "At most {max} characters", {{"max", "2000"}});
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) return say("invalid_url", "Not a web address (https://…)");
  auto scheme = u->scheme();
  if (scheme != "https" && scheme != "http") return say("invalid_url", "Not a web address (https://…)");
  if (u->encoded_host().empty()) return say("invalid_url", "Not a web address (https://…)");
  if (u->has_userinfo()) return say("credentials_in_url", "No user name or password in the address; the signature proves the sender");
  if (u->has_fragment()) return say("invalid_url", "Not a web address (https://…)");
  return std::nullopt;
}

namespace {
bool private_v4(std::uint32_t a) {  // host order
  auto in = [a](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x7F000000, 8) || in(0xA9FE0000, 16) || in(0xAC100000, 12) ||
         in(0xC0A80000, 16) || in(0x64400000, 10);
}
}  // namespace

bool private_address(const sockaddr* a) {
  if (a->sa_family == AF_INET) return private_v4(ntohl(reinterpret_cast<const sockaddr_in*>(a)->sin_addr.s_addr));
  if (a->sa_family != AF_INET6) return true;  // anything else is not an address on the Internet
  const auto& b = reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr.s6_addr;
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, mapped, 12) == 0) return private_v4((std::uint32_t{b[12]} << 24) | (b[13] << 16) | (b[14] << 8) | b[15]);
  bool zero_prefix = std::all_of(b, b + 15, [](unsigned char c) { return c == 0; });
  if (zero_prefix && (b[15] == 0 || b[15] == 1)) return true;  // :: and ::1
  if ((b[0] & 0xfe) == 0xfc) return true;                       // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true;       // fe80::/10
  return false;
}
}  // namespace sp::webhooks
