// See text_fixture.h.
#include "tests/text_fixture.h"

#include <iostream>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "archive/archive.h"
#include "pipeline/normalise.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "pipeline/segment.h"

namespace papers::test {

Segments segment_text(const std::string& text) {
  PageTexts pages;
  pages.method = "text-file";
  pages.pages.push_back(PageText{1, text, "text", std::nullopt, "", 0, "", {}, 0});
  auto normal = NormaliseStage()(std::move(pages));
  return SegmentStage()(std::move(normal.value())).value();
}

std::filesystem::path realcorpus_dir() {
  if (const char* env = std::getenv("PAPERS_REALCORPUS"); env && *env) return env;
  return std::filesystem::path(PAPERS_SOURCE_DIR).parent_path() / "shared/realcorpus";
}

std::filesystem::path realcorpus2_dir() {
  if (const char* env = std::getenv("PAPERS_REALCORPUS2"); env && *env) return env;
  return std::filesystem::path(PAPERS_SOURCE_DIR).parent_path() / "shared/realcorpus2";
}

bool have_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  if (std::filesystem::is_directory(folder, ec)) return true;
  if (const char* ci = std::getenv("CI"); ci && *ci) FAIL("required folder missing under CI: " << folder.string());
  std::cout << "SKIPPED (folder missing): " << folder.string() << std::endl;
  return false;
}

std::filesystem::path fresh_temp_dir(const std::string& name) {
  const std::filesystem::path d = std::filesystem::temp_directory_path() / ("papers-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

void archive_text_papers(Archive& archive, const std::filesystem::path& dir,
                         const std::vector<std::pair<std::string, std::string>>& papers) {
  archive.begin();
  for (const auto& [name, text] : papers) {
    std::ofstream(dir / name) << text;
    auto r = extract_file((dir / name).string());
    REQUIRE(r.ok());
    archive.put(r.value(), record_to_json(r.value()));
  }
  archive.commit();
}

const std::vector<std::pair<std::string, std::string>>& search_papers() {
  static const std::vector<std::pair<std::string, std::string>> kPapers = {
      {"precept.txt",
       "To: Police and Crime Panel\nFrom: Police and Crime Commissioner\nDate of meeting: 3 February 2021\n"
       "Subject: Proposed Precept 2021/22\n\n1. Proposal\n\n1.1 The Commissioner proposes a precept increase under section 5 of "
       "the Police Reform and Social Responsibility Act 2011.\n\n2. Recommendation\n\n"
       "2.1 The Panel is recommended to support the proposed precept of 231.78 pounds.\n"},
      {"libraries.txt",
       "To: Cabinet\nDate of meeting: 4 March 2025\nSubject: Libraries &lt;b&gt;Strategy&lt;/b&gt; < 2026\n\n1. Introduction\n\n"
       "1.1 The libraries strategy is funded from the council tax, not from any police precept.\n\n2. Recommendations\n\n"
       "2.1 Cabinet is asked to approve the Libraries Strategy.\n"},
      {"plan.txt",
       "To: Police and Crime Panel\nDate of meeting: 14 June 2012\nSubject: Police and Crime Plan\n\n1. Plan\n\n"
       "1.1 The Commissioner has published the Police and Crime Plan.\n\n2. Recommendation\n\n"
       "2.1 The Panel is recommended to review the Police and Crime Plan.\n"},
  };
  return kPapers;
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

PapersRun run_papers(const std::filesystem::path& dir, const std::string& args) {
  const std::filesystem::path out = dir / "papers-output.txt";
  const std::string command = "cd '" + dir.string() + "' && " + PAPERS_BINARY + " " + args + " > '" + out.string() + "' 2>&1";
  const int raw = std::system(command.c_str());
  return PapersRun{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_whole_file(out)};
}

}  // namespace papers::test
