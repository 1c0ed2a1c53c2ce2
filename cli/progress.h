// What `papers ingest` (and retry) says while it runs, on stderr: on a terminal a one-line bar
// (files, pages, rate, ETA) redrawn a few times a second; elsewhere (cron, `> log`) a line every few
// seconds; or nothing. Either way the file in work is named once it has taken long, so a slow OCR
// is never a silent stall. Thread-safe: the pipeline's discover and sink stages, and its own
// ticking thread, call it at once. Must not print on stdout.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace papers {

class Progress {
 public:
  enum class Mode { bar, lines, none };
  // every: how often lines mode prints; slow: how long a file is in work before it is named.
  explicit Progress(Mode mode, std::chrono::milliseconds every = std::chrono::seconds(5),
                    std::chrono::milliseconds slow = std::chrono::seconds(10));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // total: files expected, 0 when unknown.
  void set_total(std::size_t total);
  void started(const std::string& path);
  void finished(const std::string& path, std::size_t files, std::size_t pages, std::size_t failed);
  // Prints one line of its own on stderr (the bar cleared first, back on the next tick).
  void say(const std::string& line);
  // Clears the bar (it comes back on the next tick).
  void clear();
  // Stops ticking and clears the bar.
  void finish();

 private:
  void tick();
  std::string status_line(std::chrono::steady_clock::time_point now) const;  // holds mutex_
  void draw(std::chrono::steady_clock::time_point now);                        // holds mutex_

  Mode mode_;
  std::chrono::milliseconds every_, slow_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, drawn_ = false;
  std::size_t total_ = 0, files_ = 0, pages_ = 0, failed_ = 0;
  std::map<std::string, std::chrono::steady_clock::time_point> in_work_;
  std::chrono::steady_clock::time_point start_, last_;
  std::thread ticker_;
};

}  // namespace papers
