#include "cli/commands.h"

#include <cstdio>

namespace fuwu::cli {

int run(int, char**) {
  std::puts("fuwu");
  return 0;
}

}  // namespace fuwu::cli
