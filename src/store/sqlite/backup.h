// Backing up and restoring a Fuwu SQLite database file.
//
// backup() is online: it may run while `fuwu serve` writes to the database. It copies one
// consistent snapshot (the state at the moment the copy starts) with SQLite's backup API,
// a few pages at a time, so writers are never blocked and the copy never restarts.
//
// restore() is offline: the server must NOT be running, because an open connection would keep
// writing into the file being replaced (and its WAL would no longer match). restore() refuses
// with `unavailable` when it detects that another process has the database open; that check is
// best effort, so stop the server first.
//
// Both write into a temporary file in the destination's directory, check it, fsync it and then
// rename it over the destination, so the destination is always either the old file or the
// complete new one. Both block the calling thread; progress is reported on that thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/result.h"

namespace fuwu::store::sqlite {

struct CopyProgress {
  std::int64_t pages_done = 0;
  std::int64_t pages_total = 0;
};
// Called after each step of the copy, and once more when it is complete.
using ProgressFn = std::function<void(const CopyProgress&)>;

enum class Overwrite {
  refuse,   // fail with conflict when the destination exists
  replace,  // replace an existing destination
};

struct CopyReport {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  int schema_version = 0;  // the highest version in schema_migrations of the copy
};

// Copies the database at `db_path` to `backup_path`. Fails with not_found when `db_path` does
// not exist, conflict when `backup_path` exists and `overwrite` is refuse, validation_failed
// when the source is not a Fuwu database, internal on I/O errors. Never leaves a partial file at
// `backup_path`.
Result<CopyReport> backup(const std::string& db_path, const std::string& backup_path,
                          Overwrite overwrite, const ProgressFn& progress = {});

// Replaces the database at `db_path` (created if absent) with the backup at `backup_path`,
// after checking that the backup is a Fuwu SQLite database (see validate()). Also removes the
// old database's -wal and -shm files. Fails with unavailable when the old database is in use,
// conflict when it exists and `overwrite` is refuse, validation_failed when the backup is not a
// valid Fuwu database.
Result<CopyReport> restore(const std::string& backup_path, const std::string& db_path,
                           Overwrite overwrite, const ProgressFn& progress = {});

// Checks that `path` is a sound Fuwu SQLite database: PRAGMA integrity_check says "ok" and a
// schema_migrations table exists. Returns its schema version; validation_failed otherwise
// (not_found when the file does not exist). Opens the file read-only.
Result<int> validate(const std::string& path);

}  // namespace fuwu::store::sqlite
