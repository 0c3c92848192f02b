#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command_table.h"

#ifndef FUWU_VERSION
#define FUWU_VERSION "0.1.0"
#endif

namespace fuwu::cli {

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version of this binary");
  cmd->footer("Example:\n  fuwu version");
  cmd->callback([] { std::printf("fuwu %s\n", FUWU_VERSION); });
}

}  // namespace fuwu::cli
