// Test fixture: runs normalise and segment over a literal paper so that extractor tests read
// like the papers they stand for. Used only by tests.
#pragma once

#include <string>

#include "pipeline/model.h"

namespace papers::test {

// One-page text through normalise and segment.
Segments segment_text(const std::string& text);

}  // namespace papers::test
