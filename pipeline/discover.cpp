// Stage 1, discover. See discover.h.
#include "pipeline/discover.h"

#include <fnmatch.h>

#include <fstream>

namespace papers {

namespace fs = std::filesystem;

Discovery::Discovery(std::vector<std::string> roots) : roots_(std::move(roots)) {}

void Discovery::load_ignore_file(const fs::path& dir) {
  if (ignore_patterns_.count(dir)) return;
  std::vector<std::string> patterns;
  std::ifstream in(dir / ".papersignore");
  std::string line;
  while (in && std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    patterns.push_back(line);
  }
  ignore_patterns_[dir] = std::move(patterns);
}

bool Discovery::ignored(const fs::path& path, bool is_directory) {
  const std::string name = path.filename().string();
  if (!name.empty() && name[0] == '.') return true;
  // Patterns of every folder from the walk's root down to this path's parent.
  for (fs::path dir = path.parent_path();; dir = dir.parent_path()) {
    load_ignore_file(dir);
    const std::string relative = fs::relative(path, dir).generic_string();
    for (const std::string& raw : ignore_patterns_[dir]) {
      std::string pattern = raw;
      const bool directory_only = !pattern.empty() && pattern.back() == '/';
      if (directory_only) {
        pattern.pop_back();
        if (!is_directory) continue;
      }
      if (fnmatch(pattern.c_str(), relative.c_str(), 0) == 0 || fnmatch(pattern.c_str(), name.c_str(), 0) == 0) return true;
    }
    if (dir == walk_root_ || !dir.has_parent_path() || dir == dir.parent_path()) break;
  }
  return false;
}

std::optional<Document> Discovery::next() {
  while (true) {
    if (walk_) {
      std::error_code ec;
      auto& it = *walk_;
      while (it != fs::recursive_directory_iterator()) {
        const fs::directory_entry entry = *it;
        const bool is_dir = entry.is_directory(ec);
        if (ignored(entry.path(), is_dir)) {
          if (is_dir) it.disable_recursion_pending();
          it.increment(ec);
          if (ec) return Document{entry.path().string(), sequence_++, "cannot walk folder: " + ec.message()};
          continue;
        }
        Document doc{entry.path().string(), 0, ""};
        const bool regular = entry.is_regular_file(ec);
        if (!is_dir && !regular) {
          const bool dangling = entry.is_symlink(ec) && !fs::exists(entry.path(), ec);
          doc.skip_reason = dangling ? "cannot open: broken symbolic link" : "not a regular file (device, socket or pipe)";
        }
        it.increment(ec);
        if (ec) {
          walk_.reset();
          return Document{walk_root_.string(), sequence_++, "cannot walk folder: " + ec.message()};
        }
        if (is_dir) continue;
        doc.sequence = sequence_++;
        return doc;
      }
      walk_.reset();
    }
    if (next_root_ >= roots_.size()) return std::nullopt;
    const std::string root = roots_[next_root_++];
    std::error_code ec;
    const auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) return Document{root, sequence_++, "cannot open: no such file or folder"};
    if (fs::is_directory(status)) {
      walk_root_ = fs::path(root).lexically_normal();
      if (walk_root_.filename().empty()) walk_root_ = walk_root_.parent_path();
      walk_.emplace(walk_root_, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        walk_.reset();
        return Document{root, sequence_++, "cannot walk folder: " + ec.message()};
      }
      continue;
    }
    return Document{root, sequence_++, ""};
  }
}

}  // namespace papers
