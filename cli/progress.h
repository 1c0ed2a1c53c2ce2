// A one-line progress bar on stderr (files, pages, rate, ETA) while `papers ingest` runs,
// drawn only when stderr is a terminal and at most a few times a second.
// Must not print anything when stderr is not a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace papers {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  // total: files expected, 0 when unknown.
  void set_total(std::size_t total) { total_ = total; }
  void update(std::size_t files, std::size_t pages, std::size_t failed);
  // Clears the line so that ordinary messages print cleanly.
  void clear();
  void finish();

 private:
  bool enabled_;
  std::size_t total_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace papers
