// The store against a real SQLite file in a temporary directory.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/database.hpp"
#include "store/migrate.hpp"

using namespace sp::store;

class SqliteStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("sp-store-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = Database::open("sqlite:" + (dir / "t.db").string(), 2);
  }
  void TearDown() override {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
  std::unique_ptr<Database> db;
};

TEST_F(SqliteStore, MigratesOnceAndRecordsVersions) {
  int first = migrate(*db);
  EXPECT_GT(first, 0);
  EXPECT_EQ(migrate(*db), 0);
  for (const auto& m : migration_status(*db)) EXPECT_TRUE(m.applied) << m.name;
}

TEST_F(SqliteStore, RollsBackUnlessCommitted) {
  {
    auto tx = db->write();
    tx.script("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    tx.commit();
  }
  {
    auto tx = db->write();
    tx.exec("INSERT INTO t (name) VALUES ($1)", {std::string("Bălți")});
    // no commit: destroyed → rolled back
  }
  auto tx = db->read();
  EXPECT_EQ(tx.scalar("SELECT COUNT(*) FROM t"), 0);
}

TEST_F(SqliteStore, BindsRepeatedAndOutOfOrderParameters) {
  auto tx = db->write();
  tx.script("CREATE TABLE t (a INTEGER, b TEXT)");
  tx.exec("INSERT INTO t (b, a) VALUES ($2, $1)", {std::int64_t{7}, std::string("x")});
  EXPECT_EQ(tx.scalar("SELECT a FROM t WHERE b = $1 AND (a = $2 OR a = $2)", {std::string("x"), std::int64_t{7}}), 7);
  EXPECT_THROW(tx.exec("INSERT INTO t (a) VALUES ($1)", {}), std::logic_error);
}

TEST_F(SqliteStore, ReportsUniqueViolations) {
  auto tx = db->write();
  tx.script("CREATE TABLE t (name TEXT UNIQUE)");
  tx.exec("INSERT INTO t VALUES ($1)", {std::string("a")});
  try {
    tx.exec("INSERT INTO t VALUES ($1)", {std::string("a")});
    FAIL();
  } catch (const ConstraintError& e) {
    EXPECT_EQ(e.kind, ConstraintError::Kind::Unique);
  }
}

TEST_F(SqliteStore, ReadersSeeCommittedWritesOnly) {
  {
    auto tx = db->write();
    tx.script("CREATE TABLE t (v INTEGER)");
    tx.commit();
  }
  auto w = db->write();
  w.exec("INSERT INTO t VALUES (1)");
  {
    auto r = db->read();
    EXPECT_EQ(r.scalar("SELECT COUNT(*) FROM t"), 0);
  }
  w.commit();
  auto r = db->read();
  EXPECT_EQ(r.scalar("SELECT COUNT(*) FROM t"), 1);
}

TEST_F(SqliteStore, CursorOutlivesItsTemporaryParameters) {
  auto tx = db->write();
  tx.script("CREATE TABLE t (name TEXT)");
  tx.exec("INSERT INTO t VALUES ('Cahul')");
  auto c = tx.query("SELECT COUNT(*) FROM t WHERE name = $1", {std::string("Cah") + std::string("ul")});
  ASSERT_TRUE(c->next());
  EXPECT_EQ(c->i64(0), 1);
}
