// `fuwu restore`: replaces the SQLite database with a backup (the server must be stopped).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command_table.h"
#include "store/sqlite/backup.h"
#include "store/sqlite/sqlite_database.h"

namespace fuwu::cli {

// Defined in backup_command.cc, shared by both copy commands: the progress bar, and the SQLite
// file a --db value names.
store::sqlite::ProgressFn progress_reporter(std::string label);
std::string sqlite_file_of(const std::string& db, const char* command);

namespace {

struct RestoreArgs {
  std::string from;
  std::string db;
  bool force = false;
};

void run_restore(const RestoreArgs& args) {
  const std::string db = sqlite_file_of(args.db, "restore");
  auto report = store::sqlite::restore(
      args.from, db,
      args.force ? store::sqlite::Overwrite::replace : store::sqlite::Overwrite::refuse,
      progress_reporter("restore"));
  if (!report.ok()) {
    std::fprintf(stderr, "fuwu restore: %s\n", report.error().message.c_str());
    if (report.error().code == ErrorCode::conflict) {
      std::fprintf(stderr, "fuwu restore: pass --force to replace the existing database\n");
    }
    throw CLI::RuntimeError(2);
  }
  std::printf("Restored %s into %s: %lld pages, schema version %d\n", args.from.c_str(), db.c_str(),
              static_cast<long long>(report->pages), report->schema_version);
  const auto& migrations = store::sqlite::embedded_migrations();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (report->schema_version < newest) {
    std::printf(
        "The backup is at schema version %d, this binary at %d: run `fuwu migrate --db %s`\n",
        report->schema_version, newest, db.c_str());
  } else if (report->schema_version > newest) {
    std::fprintf(stderr,
                 "fuwu restore: warning: the backup (schema version %d) is newer than this binary "
                 "(%d); use a newer fuwu to serve it\n",
                 report->schema_version, newest);
  }
}

}  // namespace

void add_restore_command(CLI::App& app) {
  auto args = std::make_shared<RestoreArgs>();
  auto* cmd = app.add_subcommand(
      "restore", "Replace the database with a backup made by `fuwu backup` (server stopped)");
  cmd->add_option("--from", args->from, "The backup file to restore")->required();
  cmd->add_option("--db", args->db, "The SQLite database file to replace (or create)")->required();
  cmd->add_flag("--force", args->force, "Replace the database if it already exists");
  cmd->footer(
      "Stop `fuwu serve` first: restore refuses a database another process has open. The backup\n"
      "is checked (PRAGMA integrity_check, a schema_migrations table), copied to a temporary\n"
      "file beside the database and renamed over it, so a failure leaves the old database.\n"
      "\nExamples:\n"
      "  fuwu restore --from /var/backups/fuwu-2026-11-22.db --db data/fuwu.db --force\n"
      "  fuwu restore --from backup.db --db /tmp/inspect.db");
  cmd->callback([args] { run_restore(*args); });
}

}  // namespace fuwu::cli
