// Progress. See progress.h.
#include "cli/progress.h"

#include <algorithm>
#include <cstdio>

#include "pipeline/utf8.h"

namespace papers {

Progress::Progress(Mode mode, std::chrono::milliseconds every, std::chrono::milliseconds slow)
    : mode_(mode), every_(every), slow_(slow), start_(std::chrono::steady_clock::now()), last_(start_) {
  if (mode_ != Mode::none) ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() { finish(); }

void Progress::set_total(std::size_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  total_ = total;
}

void Progress::started(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  in_work_.emplace(path, std::chrono::steady_clock::now());
}

void Progress::finished(const std::string& path, std::size_t files, std::size_t pages, std::size_t failed) {
  std::lock_guard<std::mutex> lock(mutex_);
  in_work_.erase(path);
  files_ = files, pages_ = pages, failed_ = failed;
  const auto now = std::chrono::steady_clock::now();
  if (mode_ == Mode::bar && (!drawn_ || now - last_ >= std::chrono::milliseconds(200))) draw(now);
}

void Progress::say(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ == Mode::bar && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
  std::fprintf(stderr, "%s\n", line.c_str());
}

void Progress::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ != Mode::bar || !drawn_) return;
  std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

void Progress::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  clear();
}

void Progress::tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto step = mode_ == Mode::bar ? std::chrono::milliseconds(1000) : std::min(every_, std::chrono::milliseconds(1000));
  while (!wake_.wait_for(lock, step, [this] { return stopping_; })) {
    const auto now = std::chrono::steady_clock::now();
    if (mode_ == Mode::bar || now - last_ >= every_) draw(now);
  }
}

std::string Progress::status_line(std::chrono::steady_clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? files_ / seconds : 0;
  char text[320];
  if (total_ > 0) {
    const double eta = rate > 0 ? (total_ - std::min(files_, total_)) / rate : 0;
    std::snprintf(text, sizeof text, "%zu/%zu files, %zu pages, %zu failed, %.1f files/s, %.0fs, ETA %.0fs", files_, total_,
                  pages_, failed_, rate, seconds, eta);
  } else {
    std::snprintf(text, sizeof text, "%zu files, %zu pages, %zu failed, %.1f files/s, %.0fs", files_, pages_, failed_, rate, seconds);
  }
  std::string line = text;
  // The file longest in work, once it has taken long: what a stall is waiting on.
  const auto oldest = std::min_element(in_work_.begin(), in_work_.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (oldest != in_work_.end() && now - oldest->second >= slow_) {
    const long long waited = std::chrono::duration_cast<std::chrono::seconds>(now - oldest->second).count();
    line += "; in work for " + std::to_string(waited) + "s: " + printable(oldest->first);
  }
  return line;
}

void Progress::draw(std::chrono::steady_clock::time_point now) {
  last_ = now;
  const std::string status = status_line(now);
  if (mode_ == Mode::lines) {
    std::fprintf(stderr, "papers: %s\n", status.c_str());
    return;
  }
  std::string bar;
  if (total_ > 0) {
    const int width = 24;
    const int filled = static_cast<int>(std::min(1.0, static_cast<double>(files_) / total_) * width);
    bar = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
  }
  std::string line = bar + status;
  if (line.size() > 150) {  // one terminal line, not a wrapped mess (cut between characters)
    std::size_t cut = 147;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut) + "...";
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace papers
