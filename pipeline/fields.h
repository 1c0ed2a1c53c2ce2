// Stage 6, fields: runs every extractor over a paper's segments and assembles its Record.
// Must not look at anything but the Segments (extractors are pure functions of them).
#pragma once

#include <optional>

#include "extractors/dates.h"
#include "pipeline/model.h"

namespace papers {

// The extractors' version, stored with every record ("extraction": {"extractor_version": N}).
// Raise it whenever an extractor (or a stage before them) changes what is found in a paper, so
// that `papers reextract --outdated` redoes the records an older build made.
constexpr int kExtractorVersion = 8;

class FieldsStage {
 public:
  // date_order: how numeric dates that read both ways ("06/08/1961") are read; unset, by the
  // paper's own signals (dates that read one way only, a US state and ZIP code).
  explicit FieldsStage(std::optional<DateOrder> date_order = std::nullopt) : date_order_(date_order) {}
  Outcome<Record> operator()(Segments segments) const;

 private:
  std::optional<DateOrder> date_order_;
};

}  // namespace papers
