#include "store/query.hpp"

#include <gtest/gtest.h>

#include "common/crypto.hpp"
#include "common/errors.hpp"

using namespace sp::store;

TEST(Where, NumbersPlaceholdersInOrder) {
  Where w;
  w.add("district = ?", {std::string("MD-CA")});
  w.add("(a > ? OR (a = ? AND id > ?))", {std::string("x"), std::string("x"), std::int64_t{3}});
  EXPECT_EQ(w.sql(), " WHERE district = $1 AND (a > $2 OR (a = $3 AND id > $4))");
  EXPECT_EQ(w.params().size(), 4u);
  EXPECT_EQ(Where().sql(), "");
}

TEST(Cursor, RoundTripsAnyText) {
  sp::init_crypto();
  auto c = encode_cursor("asociatia „speranta”: 1", 42);
  auto d = decode_cursor(c);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->first, "asociatia „speranta”: 1");
  EXPECT_EQ(d->second, 42);
  EXPECT_FALSE(decode_cursor(std::string()));
  EXPECT_THROW(decode_cursor(std::string("not a cursor!")), sp::Invalid);
  EXPECT_THROW(decode_cursor(std::string("bm9jb2xvbg")), sp::Invalid);  // "nocolon"
}

TEST(Cursor, KeysetConditionFollowsTheSortDirection) {
  Where w;
  after_cursor(w, {"name_search", true}, std::make_pair(std::string("m"), std::int64_t{7}));
  EXPECT_EQ(w.sql(), " WHERE (name_search < $1 OR (name_search = $2 AND id < $3))");
  EXPECT_EQ(order_by({"name_search", true}), " ORDER BY name_search DESC, id DESC");
}
