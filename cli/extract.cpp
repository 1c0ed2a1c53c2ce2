// `papers extract`: one paper's record as JSON on stdout, no archive. See command.h.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "pipeline/utf8.h"

namespace papers::cli {

Run add_extract(CLI::App& app, const GlobalOptions&) {
  struct Options {
    std::string file;
    PipelineOptions pipeline;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("extract", "print one paper's record as JSON (no archive)");
  cmd->add_option("file", o->file, "a PDF, page image (PNG, JPEG, TIFF) or text file")->required()->option_text("FILE");
  add_ocr_options(cmd, o->pipeline.text);
  add_date_order_option(cmd, o->pipeline.text.date_order);
  cmd->footer("\nExamples:\n  papers extract corpus/seeds/000_2fd81aa742bb2f43.txt\n  papers extract report.pdf | jq '.recommendations[].text'\n"
              "  papers extract scan.tiff --lang eng | jq '.extraction.pages'");
  return [o] {
    Outcome<Record> record = extract_file(o->file, o->pipeline);
    if (!record.ok()) {
      std::fprintf(stderr, "failed: %s: %s\n", printable(record.failure().path).c_str(), record.failure().reason.c_str());
      return record.failure().stage == "ocr" ? kFatal : kSomeFailed;
    }
    if (!record.value().source.warning.empty())
      std::fprintf(stderr, "warning: %s: %s\n", printable(o->file).c_str(), record.value().source.warning.c_str());
    std::cout << record_to_json(record.value()).dump(2) << "\n";
    return kOk;
  };
}

}  // namespace papers::cli
