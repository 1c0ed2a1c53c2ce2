// See text_fixture.h.
#include "tests/text_fixture.h"

#include <cstdlib>

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

}  // namespace papers::test
