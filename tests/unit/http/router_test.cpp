#include "http/router.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"

using namespace sp::http;

TEST(Router, MatchesParametersAndTellsNotFoundFromWrongMethod) {
  Router r;
  r.add("GET", "/api/v1/organisations", "registry.read", [](Request&) { return Response(); });
  r.add("GET", "/api/v1/organisations/{id}", "registry.read", [](Request&) { return Response(); });
  r.add("PATCH", "/api/v1/organisations/{id}", "organisations.write", [](Request&) { return Response(); });
  std::vector<std::pair<std::string, std::string>> params;
  bool path = false;
  auto* m = r.match("PATCH", "/api/v1/organisations/42", params, path);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->permission, "organisations.write");
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(params[0].second, "42");
  EXPECT_EQ(r.match("DELETE", "/api/v1/organisations/42", params, path), nullptr);
  EXPECT_TRUE(path);
  EXPECT_EQ(r.match("GET", "/api/v1/nothing", params, path), nullptr);
  EXPECT_FALSE(path);
  EXPECT_NE(r.match("HEAD", "/api/v1/organisations", params, path), nullptr);
}

TEST(StaticFiles, ServeInsideRootOnlyWithCaching) {
  namespace fs = std::filesystem;
  auto root = fs::temp_directory_path() / "sp-static-test";
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html>";
  std::ofstream(root / "assets" / "app-1a2b.js") << "x";
  std::ofstream(root.parent_path() / "sp-secret.txt") << "secret";
  Request req;
  req.method = "GET";
  req.path = "/assets/app-1a2b.js";
  auto r = serve_static(root.string(), req);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->headers[0].second, "public, max-age=31536000, immutable");
  req.path = "/organisations/5";  // a client-side route
  r = serve_static(root.string(), req);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<!doctype html>");
  EXPECT_EQ(r->headers[0].second, "no-cache");
  for (const char* bad : {"/../sp-secret.txt", "/assets/../../sp-secret.txt", "/a\\..\\sp-secret.txt", "/missing.js"}) {
    req.path = bad;
    auto x = serve_static(root.string(), req);
    EXPECT_TRUE(!x || x->body.find("secret") == std::string::npos) << bad;
  }
  fs::remove_all(root);
  fs::remove(root.parent_path() / "sp-secret.txt");
}

TEST(Request, WeakAndStrongETagsNameTheSameVersion) {
  for (const char* h : {"\"7\"", "7", "W/\"7\""}) {
    Request r;
    r.headers.emplace_back("if-match", h);
    EXPECT_EQ(r.if_match(), 7) << h;
  }
}

TEST(ClientAddress, XForwardedForIsBelievedOnlyFromATrustedProxy) {
  std::vector<std::string> proxies{"127.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_address("203.0.113.9", std::string("198.51.100.1"), proxies), "203.0.113.9");  // not a proxy: ignored
  EXPECT_EQ(client_address("127.0.0.1", std::nullopt, proxies), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", std::string("198.51.100.1"), proxies), "198.51.100.1");
  // What the client wrote before the proxy's own entry is not believed; chained trusted proxies are skipped.
  EXPECT_EQ(client_address("127.0.0.1", std::string("1.2.3.4, 198.51.100.1"), proxies), "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", std::string("198.51.100.1, 10.0.0.2"), proxies), "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", std::string("not an address"), proxies), "127.0.0.1");
}
