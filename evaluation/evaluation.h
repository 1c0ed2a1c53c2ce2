// Field-by-field scoring of extracted records against hand-checked expected records, for
// `papers eval`: true positives, false positives and false negatives per field, precision,
// recall and F1, and the papers that miss. The matching rules (below, and in the README) decide
// when an extracted value counts as the expected one.
// Must not extract anything itself (callers hand it records) and must not read the archive.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace papers {

// The fields scored, in report order. Matching rules:
//   title, body, organisation, agenda_item, author, classification: equal after Unicode
//     normalisation (NFKC, one form of quotes and dashes), case folding and white space made one
//     space; null is "no value".
//   meeting_date, report_date: the same ISO date exactly.
//   recommendations, decisions: each item by its text (folded as above); numbers and pages are not
//     scored.
//   contacts: each item by name, role (folded), e-mail (lower case) and phone (E.164) together.
//   legal_references: each item by Act (folded) and section, as written in the paper or not.
//   dates: each item by kind, start and end exactly.
//   links: each item by URL exactly.
// List fields are compared as multisets: matched items are true positives, extracted items left
// over false positives, expected items left over false negatives. A scalar field that is wrong is
// one false positive and one false negative.
const std::vector<std::string>& scored_fields();

struct FieldScore {
  long tp = 0, fp = 0, fn = 0;
  // 1 when nothing was extracted (precision) or nothing expected (recall): no error made.
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  void add(const FieldScore& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
  }
};

// One field of one paper that is not entirely right.
struct FieldMiss {
  std::string paper;
  std::string field;
  nlohmann::json missing;     // expected values not extracted (array)
  nlohmann::json unexpected;  // extracted values not expected (array)
};

struct EvalReport {
  std::string root;
  long papers = 0;                       // papers scored
  std::vector<std::pair<std::string, FieldScore>> fields;  // in scored_fields() order
  FieldScore overall;                    // sums over all fields
  // Sums over all fields per publisher (the expected record's "publisher"), by name; papers whose
  // record names none are not in it.
  struct PublisherScore {
    std::string name;
    long papers = 0;
    FieldScore score;
  };
  std::vector<PublisherScore> publishers;
  std::vector<FieldMiss> misses;
  std::vector<std::pair<std::string, std::string>> failed;  // paper, reason: no record to score
  long without_expected = 0;             // files found with no expected record (not scored)

  FieldScore& field(const std::string& name);
};

EvalReport make_report(std::string root);

// Scores one extracted record (as record_to_json writes it) against its expected record into
// report. paper names the paper in the list of misses.
void score_paper(const std::string& paper, const nlohmann::json& extracted, const nlohmann::json& expected,
                 EvalReport& report);

// The expected record for a paper file: NAME.expected.json beside it (NAME: the file name less its
// extension), else, for a name with more dots ("07_exempt_planning.rot180.pdf"), the part before
// the first dot ("07_exempt_planning.expected.json"); looked for beside the paper, then in
// each of expected_dirs in turn. nullopt when there is none.
std::optional<std::filesystem::path> expected_record_for(const std::filesystem::path& paper,
                                                         const std::vector<std::filesystem::path>& expected_dirs);

// What to score: the papers under roots that have an expected record, looked for beside them and
// in expected_dirs; with batch, only those whose record says "batch": that number (labelling
// batches, see corpus/FIRST_LOOK.md).
struct EvalSelection {
  std::vector<std::string> roots;
  std::vector<std::filesystem::path> expected_dirs;
  std::optional<int> batch;
};

// Runs the pipeline (no archive) over every selected paper and scores each. A paper that fails is
// listed with its reason and all its expected values count as missed. Files named *.expected.json
// are never papers. When OCR is on and its language cannot be loaded, ocr_error says so and
// nothing is scored.
EvalReport evaluate(const EvalSelection& selection, const PipelineOptions& options, std::string* ocr_error = nullptr);

// The report as a table for a terminal, and as JSON for machines.
std::string report_table(const EvalReport& report, std::size_t max_misses = 200);
nlohmann::json report_json(const EvalReport& report);

}  // namespace papers
