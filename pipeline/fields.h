// Stage 6, fields: runs every extractor over a paper's segments and assembles its Record.
// Must not look at anything but the Segments (extractors are pure functions of them).
#pragma once

#include "pipeline/model.h"

namespace papers {

// The extractors' version, stored with every record ("extraction": {"extractor_version": N}).
// Raise it whenever an extractor (or a stage before them) changes what is found in a paper, so
// that `papers reextract --outdated` redoes the records an older build made.
constexpr int kExtractorVersion = 3;

class FieldsStage {
 public:
  Outcome<Record> operator()(Segments segments) const;
};

}  // namespace papers
