// Page slots shared by reader processes. See page_slots.h.
#include "pipeline/page_slots.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace papers {
namespace {

std::string g_dir;  // set once, before any page is read (use_page_slots)
int g_count = 0;

}  // namespace

std::string make_page_slots(int count) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path temp = fs::temp_directory_path(ec);
  // The folders of ingests that were killed (kill -9 leaves its folder behind) go first: each
  // is named by the process that made it.
  const std::string prefix = "papers-page-slots-";
  for (const auto& entry : fs::directory_iterator(temp, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = std::atol(name.c_str() + prefix.size());
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
  std::string templ = (temp / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (!::mkdtemp(templ.data())) return "";
  for (int i = 0; i < count; ++i) std::ofstream(templ + "/" + std::to_string(i));
  return templ;
}

void remove_page_slots(const std::string& dir) {
  std::error_code ec;
  if (!dir.empty()) std::filesystem::remove_all(dir, ec);
}

void use_page_slots(const std::string& dir, int count) {
  g_dir = dir;
  g_count = count;
}

PageSlot::PageSlot(std::chrono::steady_clock::time_point deadline) {
  if (g_dir.empty() || g_count <= 0) {
    held_ = true;
    return;
  }
  // Each try opens the slot's file anew: a lock belongs to an open file, so two threads of one
  // reader must not share one.
  for (int round = 0;; ++round) {
    for (int i = 0; i < g_count; ++i) {
      const int fd = ::open((g_dir + "/" + std::to_string((i + round) % g_count)).c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {  // the folder is gone (the ingest ended): nothing to share any more
        held_ = true;
        return;
      }
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        fd_ = fd;
        held_ = true;
        return;
      }
      ::close(fd);
    }
    if (std::chrono::steady_clock::now() > deadline) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

PageSlot::~PageSlot() {
  if (fd_ >= 0) ::close(fd_);  // closing the file releases its lock
}

}  // namespace papers
