// `papers eval`: extracted fields scored against expected records (precision, recall, F1 per
// field, per publisher and overall); with --outcomes, outcome links against their labels, with
// --packs, pack splits against theirs. See command.h, evaluation/evaluation.h,
// evaluation/outcomes_eval.h and evaluation/packs_eval.h.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "evaluation/evaluation.h"
#include "evaluation/outcomes_eval.h"
#include "evaluation/packs_eval.h"

namespace papers::cli {

Run add_eval(CLI::App& app, const GlobalOptions&) {
  struct Options {
    EvalSelection selection;
    std::vector<std::string> expected_dirs;
    int batch = 0;
    bool json = false;
    double min_f1 = 0;
    std::string outcomes, packs;
    PipelineOptions pipeline;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("eval", "score extracted fields against expected records: precision, recall, F1");
  cmd->add_option("dir", o->selection.roots, "folders (or files) of papers, each with NAME.expected.json beside it")
      ->required()
      ->option_text("FOLDER|FILE ...");
  cmd->add_option("--expected", o->expected_dirs,
                  "also look for expected records here (e.g. the text-layer twins' records for a folder of scans); "
                  "may be given more than once")
      ->option_text("FOLDER");
  auto* batch = cmd->add_option("--batch", o->batch, "score only the papers whose expected record has this \"batch\" (labelling batches)")
                    ->option_text("N");
  cmd->add_flag("--json", o->json, "print the report as JSON");
  cmd->add_option("--outcomes", o->outcomes,
                  "score outcome links instead of fields: labels of what minutes did with each recommendation "
                  "(tests/outcomes/*.outcomes.json), their paths relative to the one folder given")
      ->check(CLI::ExistingFile)
      ->option_text("LABELS");
  cmd->add_option("--packs", o->packs,
                  "score agenda pack splits instead of fields: a folder of labels of each pack's parts and their originals "
                  "(tests/packs/*.parts.json), their paths relative to the one folder given")
      ->check(CLI::ExistingDirectory)
      ->option_text("FOLDER");
  cmd->add_option("--min-f1", o->min_f1, "exit 3 when the overall F1 is below this (0 to 1)")
      ->check(CLI::Range(0.0, 1.0).description(""))
      ->option_text("F1");
  cmd->add_option("-j,--jobs", o->pipeline.jobs, "worker threads (0: one per core)")->option_text("N (default 0)");
  add_ocr_options(cmd, o->pipeline.text);
  add_date_order_option(cmd, o->pipeline.text.date_order);
  cmd->footer(std::string("\nExamples:\n  papers eval corpus/dev\n  papers eval corpus/scans --expected corpus/dev\n"
                          "  papers eval ../shared/realcorpus2 --expected tests/realcorpus2 --batch 4\n"
                          "  papers eval my-labelled-papers --json | jq .overall\n"
                          "  papers eval ../shared/realcorpus2 --outcomes tests/outcomes/kent.outcomes.json\n"
                          "  papers eval ../shared/realcorpus2 --packs tests/packs\n\n"
                          "A paper's expected record is NAME.expected.json beside it, or, for NAME.KIND.EXT, NAME.expected.json\n"
                          "(beside it or in --expected). Fields scored and how values match: see the README (papers eval).\n"
                          "Files without an expected record are counted, not scored. Records that name a \"publisher\" are\n"
                          "also summed per publisher (weakest first).\n\n") + kExitCodes);
  return [o, batch] {
    for (const std::string& d : o->expected_dirs) o->selection.expected_dirs.emplace_back(d);
    if (batch->count() > 0) o->selection.batch = o->batch;
    std::string ocr_error;
    if (!o->packs.empty()) {
      const PackEvalReport report = evaluate_packs(o->packs, o->selection.roots.front(), o->pipeline, &ocr_error);
      if (!ocr_error.empty()) {
        std::fprintf(stderr, "papers: %s\n", ocr_error.c_str());
        return kFatal;
      }
      if (o->json) std::cout << pack_report_json(report).dump(2) << "\n";
      else std::cout << pack_report_table(report);
      return report.parts_right < report.parts || report.originals_right < report.originals ? kSomeFailed : kOk;
    }
    if (!o->outcomes.empty()) {
      const OutcomeEvalReport report = evaluate_outcomes(o->outcomes, o->selection.roots.front(), o->pipeline, &ocr_error);
      if (!ocr_error.empty()) {
        std::fprintf(stderr, "papers: %s\n", ocr_error.c_str());
        return kFatal;
      }
      if (o->json) std::cout << outcome_report_json(report).dump(2) << "\n";
      else std::cout << outcome_report_table(report);
      return std::min(report.precision(), report.recall()) < o->min_f1 ? kSomeFailed : kOk;
    }
    const EvalReport report = evaluate(o->selection, o->pipeline, &ocr_error);
    if (!ocr_error.empty()) {
      std::fprintf(stderr, "papers: %s\n", ocr_error.c_str());
      return kFatal;
    }
    if (report.papers == 0) {
      std::fprintf(stderr, "papers: no paper under %s has an expected record (NAME.expected.json)%s\n", report.root.c_str(),
                   o->selection.batch ? " of that batch" : "");
      return kNotFound;
    }
    if (o->json) std::cout << report_json(report).dump(2) << "\n";
    else std::cout << report_table(report);
    return report.overall.f1() < o->min_f1 ? kSomeFailed : kOk;
  };
}

}  // namespace papers::cli
