// Stage 1, discover. See discover.h.
#include "pipeline/discover.h"

#include <fnmatch.h>

#include <cctype>
#include <fstream>
#include <set>

namespace papers {

namespace fs = std::filesystem;

Discovery::Discovery(std::vector<std::string> roots, DiscoveryOptions options)
    : roots_(std::move(roots)), options_(std::move(options)) {}

std::string Discovery::pass_over(const fs::path& path) const {
  const std::string name = path.filename().string();
  const std::string relative = path.lexically_relative(walk_root_).generic_string();
  const auto matches = [&](const std::vector<std::string>& patterns) {
    for (const std::string& p : patterns)
      if (fnmatch(p.c_str(), name.c_str(), 0) == 0 || fnmatch(p.c_str(), relative.c_str(), 0) == 0) return true;
    return false;
  };
  if (matches(options_.exclude)) return "--exclude";
  if (!options_.include.empty()) return matches(options_.include) ? "" : "not --include";
  // A project's own files, by name whatever their extension: README.md, LICENSE, CHANGELOG.txt.
  static const std::set<std::string> kNames = {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES",
                                               "NOTICE", "AUTHORS", "CONTRIBUTING", "MANIFEST", "MAKEFILE"};
  std::string stem = path.stem().string();
  for (char& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (kNames.count(stem)) return stem;
  // Data, code and databases: no committee paper comes as these.
  static const std::set<std::string> kKinds = {
      ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".xml", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf",
      ".c", ".cc", ".cpp", ".h", ".hpp", ".py", ".js", ".ts", ".sh", ".rb", ".go", ".rs", ".java", ".pl", ".php",
      ".css", ".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".exe", ".dll", ".so", ".o", ".a", ".class", ".jar"};
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (kKinds.count(ext)) return ext;
  return "";
}

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
    const std::string relative = path.lexically_relative(dir).generic_string();
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

namespace {

// Why a symbolic link gives no file: "a -> b -> a", or a link to nothing.
std::string link_failure(const std::error_code& ec) {
  if (ec == std::errc::too_many_symbolic_link_levels) return "cannot open: symbolic link loop (" + ec.message() + ")";
  if (ec == std::errc::no_such_file_or_directory) return "cannot open: broken symbolic link";
  return "cannot open: " + ec.message();
}

}  // namespace

std::optional<Document> Discovery::next() {
  while (true) {
    while (!walk_.empty()) {
      OpenFolder& folder = walk_.back();
      if (folder.entries == fs::directory_iterator()) {
        walk_.pop_back();
        continue;
      }
      const fs::directory_entry entry = *folder.entries;
      std::error_code ec;
      folder.entries.increment(ec);
      if (ec) {  // the rest of this folder cannot be listed; its parent's walk goes on
        const std::string path = folder.path.string();
        walk_.pop_back();
        return Document{path, sequence_++, "cannot read folder: " + ec.message()};
      }
      const fs::path path = entry.path();
      const fs::file_status own = entry.symlink_status(ec);
      if (ec) return Document{path.string(), sequence_++, "cannot open: " + ec.message()};
      const bool link = fs::is_symlink(own);
      std::error_code target_ec;
      const fs::file_status target = link ? fs::status(path, target_ec) : own;
      const bool folder_here = !link && fs::is_directory(own);
      if (ignored(path, fs::is_directory(target))) continue;
      if (folder_here) {
        fs::directory_iterator entries(path, ec);
        if (ec) return Document{path.string(), sequence_++, "cannot read folder: " + ec.message()};
        walk_.push_back(OpenFolder{path, std::move(entries)});
        continue;
      }
      if (link && target_ec) return Document{path.string(), sequence_++, link_failure(target_ec)};
      if (fs::is_directory(target)) continue;  // a link to a folder: not followed
      if (const std::string why = pass_over(path); !why.empty()) {
        ++passed_over_[why];
        continue;
      }
      Document doc{path.string(), sequence_++, ""};
      if (!fs::is_regular_file(target)) doc.skip_reason = "not a regular file (device, socket or pipe)";
      return doc;
    }
    if (next_root_ >= roots_.size()) return std::nullopt;
    const std::string root = roots_[next_root_++];
    std::error_code ec;
    const auto status = fs::status(root, ec);
    std::error_code own_ec;
    if (ec && fs::is_symlink(fs::symlink_status(root, own_ec))) return Document{root, sequence_++, link_failure(ec)};
    if (ec || !fs::exists(status)) return Document{root, sequence_++, "cannot open: no such file or folder"};
    if (fs::is_directory(status)) {
      walk_root_ = fs::path(root).lexically_normal();
      if (walk_root_.filename().empty()) walk_root_ = walk_root_.parent_path();
      fs::directory_iterator entries(walk_root_, ec);
      if (ec) return Document{root, sequence_++, "cannot read folder: " + ec.message()};
      walk_.push_back(OpenFolder{walk_root_, std::move(entries)});
      continue;
    }
    return Document{root, sequence_++, ""};
  }
}

}  // namespace papers
