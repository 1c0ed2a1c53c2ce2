// See text_fixture.h.
#include "tests/text_fixture.h"

#include "pipeline/normalise.h"
#include "pipeline/segment.h"

namespace papers::test {

Segments segment_text(const std::string& text) {
  PageTexts pages;
  pages.method = "text-file";
  pages.pages.push_back(PageText{1, text, "text", std::nullopt});
  auto normal = NormaliseStage()(std::move(pages));
  return SegmentStage()(std::move(normal.value())).value();
}

}  // namespace papers::test
