// Outcome links scored against hand-made labels, for `papers eval --outcomes`: the labelled
// papers and their minutes are run through the pipeline (no archive), linked as the archive links
// them (archive/outcomes.h), and each link compared with the labels as a (recommendation, outcome,
// minute) triple, and, where the label gives the vote, the vote's counts and names. An extracted recommendation is the labelled one whose words it shares most (at
// least half of either's, see outcome_label_match); a link is right when its outcome and minute are
// the label's. Precision: right links over links made; recall: labelled recommendations with an
// outcome that some right link reaches, over those labelled.
// Must not read or write an archive.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"

namespace papers {

struct OutcomeEvalReport {
  long papers = 0;        // labelled papers with recommendations
  long labelled = 0;      // labelled recommendations with an outcome
  long reached = 0;       // of them, reached by a right link
  long links = 0;         // links made (to labelled papers' recommendations)
  long right = 0;         // links whose outcome and minute are a label's
  long votes = 0;         // right links whose label prints a vote
  long votes_right = 0;   // of them, with the same counts and the same names under each
  struct Miss {
    std::string paper, recommendation, want, got;  // want/got: "agreed, minute 88" or "none"
  };
  std::vector<Miss> misses;
  std::vector<std::pair<std::string, std::string>> failed;  // paper, reason
  double precision() const { return links == 0 ? 1.0 : static_cast<double>(right) / static_cast<double>(links); }
  double recall() const { return labelled == 0 ? 1.0 : static_cast<double>(reached) / static_cast<double>(labelled); }
};

// How much of a's words b has and b's a has, the larger (0 to 1): an extracted recommendation is
// a label's when this is at least 0.5.
double outcome_label_match(const std::string& a, const std::string& b);

// labels: a file as tests/outcomes/*.outcomes.json; root: the folder its paths are relative to.
OutcomeEvalReport evaluate_outcomes(const std::filesystem::path& labels, const std::filesystem::path& root,
                                    const PipelineOptions& options, std::string* error);

std::string outcome_report_table(const OutcomeEvalReport& report);
nlohmann::json outcome_report_json(const OutcomeEvalReport& report);

}  // namespace papers
