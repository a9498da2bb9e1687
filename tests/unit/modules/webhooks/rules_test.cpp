#include "modules/webhooks/rules.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "common/crypto.hpp"

namespace sp::webhooks {
namespace {

TEST(Webhooks, HmacIsRfc4231) {
  init_crypto();
  // RFC 4231, test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Webhooks, SignsTheTimestampAndTheBody) {
  init_crypto();
  auto s = signature("whsec_x", 1764806400, R"({"a":1})");
  EXPECT_EQ(s, "t=1764806400,v1=" + hmac_sha256_hex("whsec_x", "1764806400.{\"a\":1}"));
  EXPECT_NE(s, signature("whsec_x", 1764806401, R"({"a":1})"));
  EXPECT_NE(s, signature("whsec_y", 1764806400, R"({"a":1})"));
}

TEST(Webhooks, BackoffDoublesUpToADay) {
  EXPECT_EQ(backoff_seconds(60, 1), 60);
  EXPECT_EQ(backoff_seconds(60, 2), 120);
  EXPECT_EQ(backoff_seconds(60, 5), 960);
  EXPECT_EQ(backoff_seconds(60, 40), 86400);
  EXPECT_EQ(backoff_seconds(0, 1), 1);
}

TEST(Webhooks, AFailedAttemptRetriesThenFailsAndDisables) {
  auto ok = after_attempt(true, 3, 3, 7, 10);
  EXPECT_EQ(ok.delivery_status, "delivered");
  EXPECT_EQ(ok.failures, 0);
  EXPECT_FALSE(ok.disable);
  auto again = after_attempt(false, 1, 3, 0, 10);
  EXPECT_EQ(again.delivery_status, "pending");
  EXPECT_EQ(again.failures, 1);
  auto spent = after_attempt(false, 3, 3, 4, 10);
  EXPECT_EQ(spent.delivery_status, "failed");
  EXPECT_FALSE(spent.disable);
  EXPECT_TRUE(after_attempt(false, 1, 3, 9, 10).disable);
  EXPECT_TRUE(delivered(204));
  EXPECT_FALSE(delivered(301));
  EXPECT_FALSE(delivered(500));
}

TEST(Webhooks, EndpointsAreWebAddressesWithoutCredentials) {
  EXPECT_FALSE(url_problem("https://hooks.example.md/socialpact"));
  EXPECT_FALSE(url_problem("http://127.0.0.1:8080/x?a=1"));
  EXPECT_EQ(url_problem("ftp://example.md/")->code, "invalid_url");
  EXPECT_EQ(url_problem("example.md/hook")->code, "invalid_url");
  EXPECT_EQ(url_problem("https:///nohost")->code, "invalid_url");
  EXPECT_EQ(url_problem("https://u:p@example.md/")->code, "credentials_in_url");
  EXPECT_EQ(url_problem("https://example.md/" + std::string(2001, 'a'))->code, "too_long");
}

sockaddr_storage v4(const char* s) {
  sockaddr_storage st{};
  auto* a = reinterpret_cast<sockaddr_in*>(&st);
  a->sin_family = AF_INET;
  inet_pton(AF_INET, s, &a->sin_addr);
  return st;
}
sockaddr_storage v6(const char* s) {
  sockaddr_storage st{};
  auto* a = reinterpret_cast<sockaddr_in6*>(&st);
  a->sin6_family = AF_INET6;
  inet_pton(AF_INET6, s, &a->sin6_addr);
  return st;
}

TEST(Webhooks, PrivateAddressesAreKnown) {
  for (const char* s : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1"}) {
    auto a = v4(s);
    EXPECT_TRUE(private_address(reinterpret_cast<sockaddr*>(&a))) << s;
  }
  for (const char* s : {"8.8.8.8", "172.32.0.1", "91.250.0.1"}) {
    auto a = v4(s);
    EXPECT_FALSE(private_address(reinterpret_cast<sockaddr*>(&a))) << s;
  }
  for (const char* s : {"::1", "::", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"}) {
    auto a = v6(s);
    EXPECT_TRUE(private_address(reinterpret_cast<sockaddr*>(&a))) << s;
  }
  auto pub = v6("2a02:2f0::1");
  EXPECT_FALSE(private_address(reinterpret_cast<sockaddr*>(&pub)));
}
}  // namespace
}  // namespace sp::webhooks
