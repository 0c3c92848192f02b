#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace fuwu::cli {

ProgressBar::ProgressBar(std::string label, std::int64_t total)
    : label_(std::move(label)), total_(total), terminal_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::update(std::int64_t done) {
  const int percent = total_ <= 0 ? 100 : static_cast<int>(done * 100 / total_);
  if (percent == last_percent_) return;
  if (!terminal_ && percent / 10 == last_percent_ / 10 && last_percent_ >= 0) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  std::fprintf(stderr, "%s%-12s [%s%s] %3d%%  %lld/%lld%s", terminal_ ? "\r" : "", label_.c_str(),
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), percent,
               static_cast<long long>(done), static_cast<long long>(total_), terminal_ ? "" : "\n");
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  update(total_);
  if (terminal_) std::fputc('\n', stderr);
}

}  // namespace fuwu::cli
