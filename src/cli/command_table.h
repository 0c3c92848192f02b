// Every fuwu subcommand adds itself to the root CLI11 app through one function listed here and
// called, in this order, from cli/commands.cc. A subcommand's callback reports failure by
// throwing CLI::RuntimeError(exit_code) after printing a clear message to standard error.
#pragma once

namespace CLI {
class App;
}

namespace fuwu::cli {

void add_version_command(CLI::App& app);
void add_seed_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_user_command(CLI::App& app);
void add_token_command(CLI::App& app);
void add_backup_command(CLI::App& app);
void add_restore_command(CLI::App& app);
void add_calendar_command(CLI::App& app);
void add_sla_command(CLI::App& app);
void add_copy_db_command(CLI::App& app);
void add_mail_ingest_command(CLI::App& app);
void add_import_command(CLI::App& app);

}  // namespace fuwu::cli
