#include "auth/throttle.hpp"

#include <gtest/gtest.h>

#include "auth/roles.hpp"

using namespace sp::auth;

TEST(Throttle, AllowsUpToTheLimitPerKey) {
  Throttle t(2, std::chrono::seconds(60));
  EXPECT_TRUE(t.allow("a"));
  EXPECT_TRUE(t.allow("a"));
  EXPECT_FALSE(t.allow("a"));
  EXPECT_TRUE(t.allow("b"));
}

TEST(Roles, DenyByDefault) {
  EXPECT_TRUE(role_can("admin", "users.manage"));
  EXPECT_FALSE(role_can("officer", "users.manage"));
  EXPECT_FALSE(role_can("auditor", "organisations.write"));
  EXPECT_FALSE(role_can("nobody", "registry.read"));
  EXPECT_FALSE(role_can("admin", "no.such.permission"));
  EXPECT_EQ(role_scope("cso_staff"), Scope::OwnOrganisation);
  EXPECT_EQ(role_scope("lpa_staff"), Scope::OwnAuthority);
  for (const auto& r : all_roles()) EXPECT_TRUE(valid_role(r));
}
