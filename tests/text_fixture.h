// Test fixture: runs normalise and segment over a literal paper so that extractor tests read
// like the papers they stand for. Used only by tests.
#pragma once

#include <filesystem>
#include <string>

#include "pipeline/model.h"

namespace papers::test {

// One-page text through normalise and segment.
Segments segment_text(const std::string& text);

// The real papers of ../shared/realcorpus (beside the checkout), or $PAPERS_REALCORPUS.
std::filesystem::path realcorpus_dir();

}  // namespace papers::test
