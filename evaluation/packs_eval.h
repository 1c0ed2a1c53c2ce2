// Agenda pack splits scored against hand-made labels, for `papers eval --packs`: each labelled
// pack is run through the pipeline (no archive) and its parts compared with the labels: a part is
// right when its first and last pages and its kind are the label's; a part's original is right
// when the paper of its folder that is the same paper (archive/same_paper.h: the same number of
// pages, and at least kSamePaper of their four-word runs in common, the most of any) is the
// label's original (or none is, where the label has none).
// Must not read or write an archive.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"

namespace papers {

struct PackEvalReport {
  long packs = 0;
  long parts = 0, parts_right = 0;          // labelled parts; found with their pages and kind
  long originals = 0, originals_right = 0;  // labelled parts that are papers (not blank); matched to the right original
  long extra_parts = 0;                     // parts found that no label has
  std::vector<std::string> misses;
  std::vector<std::pair<std::string, std::string>> failed;
};

// labels: a folder of *.parts.json (tests/packs); root: the folder their paths are relative to.
PackEvalReport evaluate_packs(const std::filesystem::path& labels, const std::filesystem::path& root, const PipelineOptions& options,
                              std::string* error);

std::string pack_report_table(const PackEvalReport& report);
nlohmann::json pack_report_json(const PackEvalReport& report);

}  // namespace papers
