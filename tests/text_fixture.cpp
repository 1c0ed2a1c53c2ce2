// See text_fixture.h.
#include "tests/text_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "pipeline/normalise.h"
#include "pipeline/segment.h"

namespace papers::test {

Segments segment_text(const std::string& text) {
  PageTexts pages;
  pages.method = "text-file";
  pages.pages.push_back(PageText{1, text, "text", std::nullopt, "", 0, ""});
  auto normal = NormaliseStage()(std::move(pages));
  return SegmentStage()(std::move(normal.value())).value();
}

std::filesystem::path realcorpus_dir() {
  if (const char* env = std::getenv("PAPERS_REALCORPUS"); env && *env) return env;
  return std::filesystem::path(PAPERS_SOURCE_DIR).parent_path() / "shared/realcorpus";
}

std::filesystem::path fresh_temp_dir(const std::string& name) {
  const std::filesystem::path d = std::filesystem::temp_directory_path() / ("papers-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace papers::test
