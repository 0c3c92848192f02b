#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include "cli/command_table.h"

namespace fuwu::cli {
namespace {

using AddCommand = void (*)(CLI::App&);

// The table of subcommands, in the order `fuwu --help` lists them.
constexpr AddCommand kCommands[] = {
    add_serve_command,    add_migrate_command, add_user_command,    add_token_command,
    add_seed_command,     add_version_command, add_backup_command,  add_restore_command,
    add_calendar_command, add_sla_command,     add_copy_db_command, add_mail_ingest_command,
    add_import_command,
};

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{
      "Fuwu (服务): service management for IT service desks and after-sales field service.\n"
      "Run `fuwu COMMAND --help` for a command's options and examples.",
      "fuwu"};
  app.require_subcommand(1);
  app.footer(
      "Examples:\n  fuwu migrate --db data/fuwu.db\n  fuwu serve --db data/fuwu.db --port 8080");
  for (AddCommand add : kCommands)
    add(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace fuwu::cli
