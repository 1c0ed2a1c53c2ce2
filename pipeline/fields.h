// Stage 6, fields: runs every extractor over a paper's segments and assembles its Record.
// Must not look at anything but the Segments (extractors are pure functions of them).
#pragma once

#include "pipeline/model.h"

namespace papers {

class FieldsStage {
 public:
  Outcome<Record> operator()(Segments segments) const;
};

}  // namespace papers
