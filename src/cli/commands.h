// The fuwu command line: one table of subcommands (cli/commands.cc), each in its own file.
#pragma once

namespace fuwu::cli {

// Parses argv, runs the chosen subcommand and returns the process exit code.
int run(int argc, char** argv);

}  // namespace fuwu::cli
