// See text_fixture.h.
#include "tests/text_fixture.h"

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

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace papers::test
