// fuwu: wiring only. Every subcommand is listed in cli/commands.cc.
#include "cli/commands.h"

int main(int argc, char** argv) {
  return fuwu::cli::run(argc, argv);
}
