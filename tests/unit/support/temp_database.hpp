#pragma once
// A real SQLite file in a fresh temporary directory for one test, with every migration applied (or none),
// removed with the test. Named after the running test, so parallel runs of different tests do not meet.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.hpp"
#include "store/migrate.hpp"

namespace sp::testing {
struct TempDatabase {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;

  explicit TempDatabase(const std::string& prefix, bool migrated = true) {
    dir = std::filesystem::temp_directory_path() / (prefix + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = store::Database::open("sqlite:" + (dir / "t.db").string(), 1);
    if (migrated) store::migrate(*db);
  }
  ~TempDatabase() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
};
}  // namespace sp::testing
