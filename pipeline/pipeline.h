// The ingestion pipeline: oneTBB parallel_pipeline wiring of the stages
//   discover (serial) -> read (parallel) -> dedupe (serial) -> text, normalise, segment, fields
//   (parallel) -> sink (serial, in order)
// with a bounded number of tokens in flight, so memory stays flat however large the corpus.
// The text stage runs in reader processes (reader_process.h) unless asked to run in-process, so
// that a parser's crash, hang or memory blow-up fails only its file.
// This file only wires stages; what each stage does lives in its own file. Per-file failures
// travel as values to the sink; no exception escapes a filter.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/discover.h"
#include "pipeline/model.h"
#include "pipeline/read.h"
#include "pipeline/reader_process.h"
#include "pipeline/text_extract.h"

namespace papers {

struct PipelineOptions {
  int jobs = 0;             // worker threads; 0 = one per core
  std::size_t tokens = 0;   // papers in flight; 0 = 2 per worker (each holds one file's bytes)
  ReadOptions read;
  TextOptions text;
  DiscoveryOptions discovery;  // which files of walked folders are taken
  // Files' text is read in reader processes (reader_process.h), so that a parser's crash, hang or
  // memory blow-up fails only its file; true reads it in this process (`--in-process`).
  bool in_process = false;
  ReaderOptions readers;
  // When set, the files to read come from it, one path at a time, each read as a file named on
  // the command line (`papers work` takes them from its queue), until it gives none; the paths
  // given to run_pipeline are not walked then. Called from one thread at a time.
  std::function<std::optional<std::string>()> next_file;
};

// Where the pipeline's results go. archived(), skipped() and failed() are called from one thread
// at a time; already_archived() and started() from other stages, which may run at the same time
// as those (a sink that asks its archive must ask it on a connection of its own).
class PipelineSink {
 public:
  virtual ~PipelineSink() = default;
  // True when a paper with these bytes is already archived: the pipeline then skips it.
  virtual bool already_archived(const std::string& sha256, const std::string& path) = 0;
  // A file found and about to be read (for progress: what is in work). Called from the discover
  // stage, which may run while another thread is in the calls below.
  virtual void started(const std::string& path) { (void)path; }
  virtual void archived(Record record) = 0;
  virtual void skipped(const std::string& path, const std::string& sha256) = 0;
  virtual void failed(Failure failure) = 0;
};

// Runs stages 3-6 on one file's bytes: what `papers extract` does, and the parallel body.
// engines: where pages are OCR'd (null: OCR is off); readers: where the text stage runs (null:
// in this process, with engines).
Outcome<Record> process_file(SourceFile file, const TextOptions& options, OcrEngines* engines, ReaderPool* readers = nullptr);

// Process-wide set-up before any worker starts: Poppler's and Leptonica's messages off stderr,
// and Poppler's renderer warmed up from this thread (see warm_up_poppler_renderer).
void prepare_libraries();

// The libraries the pipeline runs on and their versions as loaded ("Poppler", "22.12.0"), for
// `papers --version` and bug reports.
std::vector<std::pair<std::string, std::string>> library_versions();

// One file from path to record, no archive (read included). Fails with the OCR engines' error
// (as a Failure of stage "ocr") when OCR is on and its language cannot be loaded.
Outcome<Record> extract_file(const std::string& path, const PipelineOptions& options = {});

struct PipelineCounts {
  std::size_t files = 0, archived = 0, skipped = 0, failed = 0;
  std::map<std::string, std::size_t> passed_over;  // files of walked folders that are no paper, by what they are
};

// Runs the pipeline. When OCR is on and its language cannot be loaded, nothing is ingested and
// ocr_error (if given) says why.
PipelineCounts run_pipeline(const std::vector<std::string>& paths, const PipelineOptions& options, PipelineSink& sink,
                            std::string* ocr_error = nullptr);

}  // namespace papers
