// What an ingest says while it runs: lines every so often when stderr is no terminal, the file in
// work named once it has taken long (a slow OCR is never a silent stall), nothing in none mode.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "cli/progress.h"
#include "tests/text_fixture.h"

using namespace std::chrono_literals;

namespace {

// Runs body with stderr going to a file, and returns what was written there.
template <typename Body>
std::string stderr_of(const std::filesystem::path& file, Body body) {
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  REQUIRE(std::freopen(file.c_str(), "w", stderr) != nullptr);
  body();
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  return papers::test::read_whole_file(file);
}

}  // namespace

TEST_CASE("progress: lines mode says how far it is every so often and names a file in work for long / none says nothing", "[cli][progress]") {
  const auto dir = papers::test::fresh_temp_dir("progress");
  const std::string lines = stderr_of(dir / "lines.txt", [] {
    papers::Progress progress(papers::Progress::Mode::lines, 100ms, 250ms);
    progress.set_total(3);
    progress.started("quick.pdf");
    progress.started("minutes/slow scan.pdf");
    progress.finished("quick.pdf", 1, 2, 0);
    std::this_thread::sleep_for(700ms);
    progress.say("failed: bad.pdf: damaged PDF");
    progress.finish();
  });
  CHECK(lines.find("papers: 1/3 files, 2 pages, 0 failed") != std::string::npos);
  CHECK(lines.find("in work for ") != std::string::npos);
  CHECK(lines.find("s: minutes/slow scan.pdf") != std::string::npos);
  CHECK(lines.find("quick.pdf") == std::string::npos);  // done at once: never named
  CHECK(lines.find("failed: bad.pdf: damaged PDF\n") != std::string::npos);
  CHECK(lines.find('\r') == std::string::npos);  // no bar drawing in a log
  const std::string none = stderr_of(dir / "none.txt", [] {
    papers::Progress progress(papers::Progress::Mode::none, 10ms, 10ms);
    progress.started("slow.pdf");
    std::this_thread::sleep_for(100ms);
    progress.finished("slow.pdf", 1, 1, 0);
    progress.finish();
  });
  CHECK(none.empty());
  std::filesystem::remove_all(dir);
}
