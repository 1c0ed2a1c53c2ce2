// Progress bar. See progress.h.
#include "cli/progress.h"

namespace papers {

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_() {}

void ProgressBar::update(std::size_t files, std::size_t pages, std::size_t failed) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? files / seconds : 0;
  char line[256];
  if (total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(files) / total_);
    const int width = 24, filled = static_cast<int>(fraction * width);
    std::string bar(filled, '#');
    bar.append(width - filled, '.');
    const double eta = rate > 0 ? (total_ - std::min(files, total_)) / rate : 0;
    std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files, %zu pages, %zu failed, %.1f files/s, ETA %.0fs ", bar.c_str(),
                  files, total_, pages, failed, rate, eta);
  } else {
    std::snprintf(line, sizeof line, "\r%zu files, %zu pages, %zu failed, %.1f files/s ", files, pages, failed, rate);
  }
  std::fputs(line, stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

void ProgressBar::finish() { clear(); }

}  // namespace papers
