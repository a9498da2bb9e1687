// A table described once (store/entity.hpp), against a real SQLite file.
#include "store/entity.hpp"

#include <gtest/gtest.h>

#include "support/temp_database.hpp"

#include <filesystem>

using namespace sp::store;

namespace {
struct Thing {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> note;
  std::optional<std::int64_t> owner;
  int places = 0;
  bool open = false;
  std::int64_t version = 0;
  std::string created_at, updated_at;
};

const Entity<Thing>& things() {
  static const Entity<Thing> e{"things",
                               {{key(&Thing::id), col("name", &Thing::name),
                                 derived<Thing>("name_upper", [](const Thing& t) -> Param { return t.name + "!"; }),
                                 col("note", &Thing::note), col("owner", &Thing::owner), col("places", &Thing::places), col("open", &Thing::open)},
                                stamps(&Thing::version, &Thing::created_at, &Thing::updated_at)}};
  return e;
}

class EntityStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = db->write();
    tx.exec("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_upper TEXT NOT NULL, note TEXT, owner BIGINT, "
            "places INTEGER NOT NULL, open INTEGER NOT NULL, version BIGINT NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)");
    tx.commit();
  }
  sp::testing::TempDatabase temp{"sp-entity-", false};
  std::unique_ptr<Database>& db = temp.db;
};
}  // namespace

TEST_F(EntityStore, NamesEachColumnOnce) {
  EXPECT_EQ(things().columns(), "id, name, note, owner, places, open, version, created_at, updated_at");
  EXPECT_EQ(things().columns("t"), "t.id, t.name, t.note, t.owner, t.places, t.open, t.version, t.created_at, t.updated_at");
  EXPECT_EQ(things().width(), 9);
}

TEST_F(EntityStore, InsertsFindsAndUpdatesAgainstTheVersionRead) {
  auto tx = db->write();
  Thing t;
  t.name = "Centrul „Speranța”";
  t.owner = 7;
  t.places = 12;
  t.open = true;
  auto id = things().insert(tx, t);
  auto got = things().find(tx, id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, t.name);
  EXPECT_FALSE(got->note);
  EXPECT_EQ(got->owner, 7);
  EXPECT_EQ(got->places, 12);
  EXPECT_TRUE(got->open);
  EXPECT_EQ(got->version, 1);
  EXPECT_FALSE(got->created_at.empty());
  EXPECT_EQ(tx.scalar_text("SELECT name_upper FROM things WHERE id = $1", {id}), t.name + "!");

  got->note = "deschis sâmbăta";
  got->owner.reset();
  EXPECT_TRUE(things().update(tx, id, *got, 1));
  EXPECT_FALSE(things().update(tx, id, *got, 1));  // the version moved: a second writer with the old one is refused
  auto again = things().find(tx, id);
  EXPECT_EQ(again->note, "deschis sâmbăta");
  EXPECT_FALSE(again->owner);
  EXPECT_EQ(again->version, 2);
  EXPECT_FALSE(things().find(tx, id + 1));
}
