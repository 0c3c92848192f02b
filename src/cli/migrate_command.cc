#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command_table.h"
#include "cli/database.h"
#include "store/migration.h"

namespace fuwu::cli {

void add_migrate_command(CLI::App& app) {
  auto db = std::make_shared<std::string>("data/fuwu.db");
  auto* cmd = app.add_subcommand("migrate", "Create the database or bring its schema up to date");
  cmd->add_option("--db", *db,
                  "Database: a SQLite file (created when absent) or a postgresql:// URL");
  cmd->footer("Example:\n  fuwu migrate --db data/fuwu.db");
  cmd->callback([db] {
    auto plain = open_database(*db, MigrateMode::apply);
    if (!plain.ok()) fail(plain.error());
    auto version = store::schema_version(*plain->db);
    if (!version.ok()) fail(version.error());
    std::printf("%s: schema version %d\n", plain->description.c_str(), *version);
  });
}

}  // namespace fuwu::cli
