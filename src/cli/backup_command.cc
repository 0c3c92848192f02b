// `fuwu backup`: an online, consistent copy of the SQLite database, with a progress bar.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command_table.h"
#include "store/sqlite/backup.h"

namespace fuwu::cli {

// Reports copy progress on standard error: a redrawn bar when it is a terminal, otherwise one
// line per 10 % (logs and CI output stay readable). Also used by `fuwu restore`.
store::sqlite::ProgressFn progress_reporter(std::string label) {
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  auto last_percent = std::make_shared<int>(-1);
  return [terminal, last_percent, label = std::move(label)](const store::sqlite::CopyProgress& p) {
    const int percent =
        p.pages_total > 0 ? static_cast<int>(p.pages_done * 100 / p.pages_total) : 100;
    if (terminal) {
      if (percent == *last_percent) return;
      constexpr int kWidth = 30;
      const int filled = percent * kWidth / 100;
      std::fprintf(stderr, "\r%s [%s%s] %3d%%  %lld/%lld pages", label.c_str(),
                   std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(kWidth - filled), '-').c_str(), percent,
                   static_cast<long long>(p.pages_done), static_cast<long long>(p.pages_total));
      if (percent == 100) std::fputc('\n', stderr);
    } else {
      if (percent / 10 == *last_percent / 10) return;
      std::fprintf(stderr, "%s: %d%% (%lld/%lld pages)\n", label.c_str(), percent,
                   static_cast<long long>(p.pages_done), static_cast<long long>(p.pages_total));
    }
    *last_percent = percent;
    std::fflush(stderr);
  };
}

// The SQLite file a --db value names ("sqlite:" prefix allowed, as for the other commands).
// A PostgreSQL URL fails: PostgreSQL has its own tools. Also used by `fuwu restore`.
std::string sqlite_file_of(const std::string& db, const char* command) {
  if (db.starts_with("postgresql://") || db.starts_with("postgres://")) {
    std::fprintf(stderr,
                 "fuwu %s: --db names a PostgreSQL database; use pg_dump / pg_restore or "
                 "pgBackRest for it\n",
                 command);
    throw CLI::RuntimeError(2);
  }
  return db.starts_with("sqlite:") ? db.substr(7) : db;
}

namespace {

struct BackupArgs {
  std::string db;
  std::string to;
  bool force = false;
};

void run_backup(const BackupArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  const std::string db = sqlite_file_of(args.db, "backup");
  auto report = store::sqlite::backup(
      db, args.to,
      args.force ? store::sqlite::Overwrite::replace : store::sqlite::Overwrite::refuse,
      progress_reporter("backup"));
  if (!report.ok()) {
    std::fprintf(stderr, "fuwu backup: %s\n", report.error().message.c_str());
    if (report.error().code == ErrorCode::conflict) {
      std::fprintf(stderr, "fuwu backup: pass --force to replace it\n");
    }
    throw CLI::RuntimeError(2);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("Backed up %s to %s: %lld pages, %.1f MiB, schema version %d, in %.1f s\n",
              db.c_str(), args.to.c_str(), static_cast<long long>(report->pages),
              static_cast<double>(report->bytes) / (1024.0 * 1024.0), report->schema_version,
              seconds);
}

}  // namespace

void add_backup_command(CLI::App& app) {
  auto args = std::make_shared<BackupArgs>();
  auto* cmd = app.add_subcommand(
      "backup", "Copy the database to a file while the server keeps running (online, consistent)");
  cmd->add_option("--db", args->db, "The SQLite database file to back up")->required();
  cmd->add_option("--to", args->to, "The backup file to write")->required();
  cmd->add_flag("--force", args->force, "Replace the backup file if it already exists");
  cmd->footer(
      "The copy is one consistent snapshot taken while `fuwu serve` may go on writing; it is\n"
      "written to a temporary file beside FILE, checked (PRAGMA integrity_check) and renamed.\n"
      "\nExamples:\n"
      "  fuwu backup --db data/fuwu.db --to /var/backups/fuwu-$(date +%F).db\n"
      "  fuwu backup --db data/fuwu.db --to backup.db --force");
  cmd->callback([args] { run_backup(*args); });
}

}  // namespace fuwu::cli
