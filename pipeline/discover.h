// Stage 1, discover: the files named on the command line, and every file under the folders
// named there, one at a time (the walk is lazy: memory does not grow with the corpus).
// Skipped while walking a folder, never when named explicitly: hidden files and folders
// (".DS_Store", ".git/"), and what a ".papersignore" file in a walked folder lists (shell
// patterns relative to that folder, one a line, "#" for comments, e.g. "*.expected.json").
// Paths that cannot be walked come out as Documents with a skip_reason, so they are reported,
// and the walk goes on past them: a folder that cannot be read, a symbolic link that loops or
// leads nowhere. Symbolic links to folders are not followed (a loop of them would never end);
// links to files are read.
// Also passed over while walking, and counted by what they are: files that are plainly no paper
// by name (README, LICENSE, CHANGELOG ...) or kind (.json, .csv, source code, databases), those
// an --exclude pattern matches, and, given --include patterns, those none matches (an --include
// match is read whatever its name).
// Must not read file contents (that is stage 2). Not thread-safe: one caller at a time.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/model.h"

namespace papers {

// Shell patterns (fnmatch) for the files of walked folders, matched against the file's name and
// its path under the walked folder: "*.pdf", "minutes/*".
struct DiscoveryOptions {
  std::vector<std::string> include;  // when given, only files matching one of these
  std::vector<std::string> exclude;  // never files matching one of these
};

class Discovery {
 public:
  explicit Discovery(std::vector<std::string> roots, DiscoveryOptions options = {});
  Discovery(const Discovery&) = delete;
  Discovery& operator=(const Discovery&) = delete;

  // The next file, or nullopt when every root is done.
  std::optional<Document> next();

  // What the walk passed over so far, by what it is ("README", ".json", "--exclude", "not
  // --include"), with how many of each.
  const std::map<std::string, std::size_t>& passed_over() const { return passed_over_; }

 private:
  // Why a walked file is passed over ("" when it is taken).
  std::string pass_over(const std::filesystem::path& path) const;

  bool ignored(const std::filesystem::path& path, bool is_directory);
  void load_ignore_file(const std::filesystem::path& dir);

  std::vector<std::string> roots_;
  std::size_t next_root_ = 0;
  struct OpenFolder {
    std::filesystem::path path;
    std::filesystem::directory_iterator entries;
  };
  std::vector<OpenFolder> walk_;  // the folders being walked, the root first: one iterator each
  std::filesystem::path walk_root_;
  std::map<std::filesystem::path, std::vector<std::string>> ignore_patterns_;
  std::uint64_t sequence_ = 0;
  DiscoveryOptions options_;
  std::map<std::string, std::size_t> passed_over_;
};

}  // namespace papers
