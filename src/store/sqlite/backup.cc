#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "store/sqlite/connection.h"

namespace fuwu::store::sqlite {
namespace {

namespace fs = std::filesystem;
using detail::Access;
using detail::Connection;

// 1,024 pages (4 MiB at the default page size) per step: progress moves often enough for a
// progress bar, and each step is a short, bounded piece of work.
constexpr int kPagesPerStep = 1024;
constexpr int kBusyTimeoutMs = 5000;

// Removes a temporary database file (and any journal beside it) unless released.
class TempFile {
 public:
  explicit TempFile(const std::string& beside) {
    std::random_device rd;
    const auto tag = (static_cast<std::uint64_t>(rd()) << 32) | rd();
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(tag));
    path_ = beside + ".tmp-" + hex;
  }
  ~TempFile() {
    if (path_.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      fs::remove(path_ + suffix, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

Status fsync_file(const std::string& path, int extra_flags) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | extra_flags);
  if (fd < 0) return Error(ErrorCode::internal, "cannot open " + path + " to fsync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Error(ErrorCode::internal, "fsync failed for " + path);
  return {};
}

std::string parent_dir(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Opens an existing database without creating it. Read-write but query_only: a read-only open
// of a WAL database fails when its -shm cannot be created.
Result<std::unique_ptr<Connection>> open_existing(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Error(ErrorCode::not_found, "no such file: " + path);
  auto c = TRY(Connection::open(path, Access::read_write, kBusyTimeoutMs));
  TRY_VOID(c->exec_script("PRAGMA query_only = ON"));
  return c;
}

// The Fuwu schema version of an open database; validation_failed when it has no
// schema_migrations table.
Result<int> fuwu_version(Connection& c, const std::string& path) {
  auto tables = c.query(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!tables.ok() || tables->empty() || tables->front().i64(0) == 0) {
    Error e(ErrorCode::validation_failed,
            path + " is not a Fuwu database (no schema_migrations table)");
    e.subject = "schema_migrations";
    return e;
  }
  auto rows = TRY(c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(rows.front().i64(0));
}

// Copies every page of `source` into a new database file at `dest_path`. The caller holds a
// read transaction on `source`, so the copy is one snapshot and never restarts.
Result<std::int64_t> copy_pages(Connection& source, const std::string& dest_path,
                                const ProgressFn& progress) {
  auto dest = TRY(Connection::open(dest_path, Access::read_write, kBusyTimeoutMs));
  // The file is private until renamed and fsync'd by the caller: no journal needed.
  TRY_VOID(dest->exec_script("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF"));
  sqlite3_backup* b = sqlite3_backup_init(dest->handle(), "main", source.handle(), "main");
  if (b == nullptr) {
    return detail::translate_error(dest->handle(), sqlite3_extended_errcode(dest->handle()),
                                   "backup");
  }
  int rc = SQLITE_OK;
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    rc = sqlite3_backup_step(b, kPagesPerStep);
    const std::int64_t total = sqlite3_backup_pagecount(b);
    if (progress) progress({total - sqlite3_backup_remaining(b), total});
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  }
  const std::int64_t pages = sqlite3_backup_pagecount(b);
  const int finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE || finish != SQLITE_OK) {
    return detail::translate_error(dest->handle(), finish != SQLITE_OK ? finish : rc, "backup");
  }
  return pages;
}

// Makes `temp` a self-contained, verified file and renames it to `dest`.
Status finish_copy(const TempFile& temp, const std::string& dest) {
  {
    // A rollback-journal file needs no -wal/-shm beside it and opens read-only anywhere; the
    // server switches it back to WAL when it opens it.
    auto c = TRY(Connection::open(temp.path(), Access::read_write, kBusyTimeoutMs));
    TRY_VOID(c->query_text("PRAGMA journal_mode = DELETE"));
  }
  TRY_VOID(validate(temp.path()));
  TRY_VOID(fsync_file(temp.path(), 0));
  std::error_code ec;
  fs::rename(temp.path(), dest, ec);
  if (ec) return Error(ErrorCode::internal, "cannot rename into " + dest + ": " + ec.message());
  return fsync_file(parent_dir(dest), O_DIRECTORY);
}

Status check_destination(const std::string& dest, Overwrite overwrite) {
  std::error_code ec;
  if (overwrite == Overwrite::refuse && fs::exists(dest, ec)) {
    Error e(ErrorCode::conflict, dest + " already exists");
    e.subject = dest;
    return e;
  }
  return {};
}

// The writer of a WAL database removes the -wal file when the last connection closes. Open,
// checkpoint and close the database: if the -wal is still there, someone else has it open.
Status ensure_not_in_use(const std::string& db_path) {
  {
    auto c = TRY(Connection::open(db_path, Access::read_write, 0));
    (void)c->exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::error_code ec;
  if (fs::exists(db_path + "-wal", ec)) {
    return Error(ErrorCode::unavailable, db_path +
                                             " is in use by another process (is fuwu serve "
                                             "running?): stop it before restoring");
  }
  return {};
}

std::int64_t file_size(const std::string& path) {
  std::error_code ec;
  const auto n = fs::file_size(path, ec);
  return ec ? 0 : static_cast<std::int64_t>(n);
}

}  // namespace

Result<int> validate(const std::string& path) {
  auto c = TRY(open_existing(path));
  auto check = c->query("PRAGMA integrity_check");
  if (!check.ok() || check->empty() || check->front().text(0) != "ok") {
    Error e(ErrorCode::validation_failed,
            path + " is damaged or not a SQLite database: " +
                (check.ok() ? (check->empty() ? "no result" : check->front().text(0))
                            : check.error().message));
    e.subject = "integrity_check";
    return e;
  }
  return fuwu_version(*c, path);
}

Result<CopyReport> backup(const std::string& db_path, const std::string& backup_path,
                          Overwrite overwrite, const ProgressFn& progress) {
  TRY_VOID(check_destination(backup_path, overwrite));
  auto source = TRY(open_existing(db_path));
  // The read transaction pins one snapshot: writers carry on in the WAL meanwhile.
  TRY_VOID(source->control("BEGIN"));
  CopyReport report;
  report.schema_version = TRY(fuwu_version(*source, db_path));
  TempFile temp(backup_path);
  report.pages = TRY(copy_pages(*source, temp.path(), progress));
  TRY_VOID(source->control("COMMIT"));
  source.reset();
  TRY_VOID(finish_copy(temp, backup_path));
  temp.release();
  report.bytes = file_size(backup_path);
  return report;
}

Result<CopyReport> restore(const std::string& backup_path, const std::string& db_path,
                           Overwrite overwrite, const ProgressFn& progress) {
  CopyReport report;
  report.schema_version = TRY(validate(backup_path));
  std::error_code ec;
  if (fs::exists(db_path, ec)) {
    TRY_VOID(check_destination(db_path, overwrite));
    TRY_VOID(ensure_not_in_use(db_path));
  }
  TempFile temp(db_path);
  {
    auto source = TRY(open_existing(backup_path));
    TRY_VOID(source->control("BEGIN"));
    report.pages = TRY(copy_pages(*source, temp.path(), progress));
    TRY_VOID(source->control("COMMIT"));
  }
  // No connection is open (checked above), so the old WAL holds nothing worth keeping; left
  // beside the new file it would be replayed into it.
  for (const char* suffix : {"-wal", "-shm"})
    fs::remove(db_path + suffix, ec);
  TRY_VOID(finish_copy(temp, db_path));
  temp.release();
  report.bytes = file_size(db_path);
  return report;
}

}  // namespace fuwu::store::sqlite
