// A progress bar on standard error for long CLI commands: redrawn in place on a terminal,
// otherwise a line at every 10 % so logs stay readable.
#pragma once

#include <cstdint>
#include <string>

namespace fuwu::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, std::int64_t total);
  void update(std::int64_t done);
  // Draws 100 % (if not yet drawn) and ends the line.
  void finish();

 private:
  std::string label_;
  std::int64_t total_;
  bool terminal_;
  int last_percent_ = -1;
  bool finished_ = false;
};

}  // namespace fuwu::cli
