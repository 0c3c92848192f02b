// A migrated SQLite database in a fresh temporary directory, removed at the end of the test, and
// a clock the test steps by hand.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/platform/context.h"
#include "base/crypto.h"
#include "store/migration.h"
#include "store/sqlite/sqlite_database.h"

namespace fuwu::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void advance(Duration d) { now_ = now_ + d; }
  void set(Instant t) { now_ = t; }

 private:
  Instant now_;
};

class TestDatabase {
 public:
  TestDatabase() {
    (void)crypto::init_crypto();
    dir_ = std::filesystem::temp_directory_path() / ("fuwu-it-" + crypto::random_hex(8));
    std::filesystem::create_directories(dir_);
    db_ = store::sqlite::open({.path = (dir_ / "fuwu.db").string()}).value();
    (void)store::migrate(*db_, store::sqlite::embedded_migrations(), Instant::from_unix(0)).value();
  }
  ~TestDatabase() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  store::Database& db() { return *db_; }
  std::string path() const { return (dir_ / "fuwu.db").string(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace fuwu::testing
