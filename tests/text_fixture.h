// Test fixture: runs normalise and segment over a literal paper so that extractor tests read
// like the papers they stand for. Used only by tests.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/model.h"

namespace papers {
class Archive;
}

namespace papers::test {

// One-page text through normalise and segment.
Segments segment_text(const std::string& text);

// The real papers of ../shared/realcorpus (beside the checkout), or $PAPERS_REALCORPUS.
std::filesystem::path realcorpus_dir();
// The unlabelled real papers of ../shared/realcorpus2, or $PAPERS_REALCORPUS2.
std::filesystem::path realcorpus2_dir();

// Whether a folder of real papers a test needs is there. When it is not, prints
// "SKIPPED (folder missing): PATH", which ctest reports as a skip (SKIP_REGULAR_EXPRESSION in
// tests/CMakeLists.txt), and the test should return; under CI (CI set) a missing folder fails
// the test instead, since CI must run them.
bool have_folder(const std::filesystem::path& folder);

// An empty folder of its own under the system's temporary folder, for one test ("papers-NAME-PID").
std::filesystem::path fresh_temp_dir(const std::string& name);

// Writes each (file name, text) into dir, extracts it and archives its record, in one batch.
void archive_text_papers(papers::Archive& archive, const std::filesystem::path& dir,
                         const std::vector<std::pair<std::string, std::string>>& papers);

// Three small text papers for the search and web tests: a Police and Crime Panel precept paper
// (2021, a recommendation, an Act), a Cabinet libraries paper that mentions the precept once in
// passing (2025; its title holds escaped markup and a bare '<', which must come back as they are:
// normalisation drops real tags), and a Police and Crime Plan paper of the Panel (2012).
const std::vector<std::pair<std::string, std::string>>& search_papers();
inline constexpr const char* kLibrariesTitle = "Libraries &lt;b&gt;Strategy&lt;/b&gt; < 2026";

// What `papers ARGS` (a shell command line's arguments) did, run in dir: its exit status (-1 when
// a signal ended it) and what it printed, stdout and stderr together.
struct PapersRun {
  int status = -1;
  std::string output;
};
PapersRun run_papers(const std::filesystem::path& dir, const std::string& args);

// A whole file as a string ("" when it cannot be read).
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace papers::test
