// The `papers` commands: each is one file of this folder that adds its subcommand (options, help
// text, examples) to the command line and returns what runs it. main.cpp only lists them and
// dispatches; no command's work is done there, and no command parses another's options.
// Exit codes (also in --help and the README):
//   0 every file archived or already in the archive; 1 fatal error (archive unusable);
//   2 usage error; 3 some files failed (the rest were archived), or eval below --min-f1;
//   4 not found (show; eval with no labelled paper).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "pipeline/ocr.h"
#include "pipeline/pipeline.h"

namespace papers::cli {

constexpr int kOk = 0, kFatal = 1, kUsage = 2, kSomeFailed = 3, kNotFound = 4;

// The exit statuses in words, for the help texts.
extern const char* const kExitCodes;

// Options every command may take, before or after the command's name.
struct GlobalOptions {
  std::string archive_path = "papers.db";
};

// What runs a command once the command line is parsed (its options filled in).
using Run = std::function<int()>;

// Each adds its subcommand to app and returns what runs it.
Run add_ingest(CLI::App& app, const GlobalOptions& global);
Run add_extract(CLI::App& app, const GlobalOptions& global);
Run add_show(CLI::App& app, const GlobalOptions& global);
Run add_search(CLI::App& app, const GlobalOptions& global);
Run add_export(CLI::App& app, const GlobalOptions& global);
Run add_eval(CLI::App& app, const GlobalOptions& global);
Run add_serve(CLI::App& app, const GlobalOptions& global);
Run add_stats(CLI::App& app, const GlobalOptions& global);
Run add_list(CLI::App& app, const GlobalOptions& global);
Run add_delete(CLI::App& app, const GlobalOptions& global);
Run add_reextract(CLI::App& app, const GlobalOptions& global);
Run add_retry(CLI::App& app, const GlobalOptions& global);
Run add_enqueue(CLI::App& app, const GlobalOptions& global);
Run add_work(CLI::App& app, const GlobalOptions& global);
Run add_copy(CLI::App& app, const GlobalOptions& global);

// How an ingest runs and what it says while it does.
struct IngestSettings {
  PipelineOptions pipeline;
  std::size_t batch = 64;           // papers per archive transaction
  std::string progress = "auto";    // auto (bar on a terminal, else lines), bar, lines, none
  bool verbose = false;             // a line per file
};

// --jobs, --batch, --progress, --verbose and the OCR options, for ingest and retry.
void add_ingest_options(CLI::App* command, IngestSettings& settings);

// Ingests paths into the archive as `papers ingest` does (summary and exit status alike): for
// ingest and retry.
int ingest_paths(const std::vector<std::string>& paths, const IngestSettings& settings, const std::string& archive_path);

// The one archived paper an id or id prefix (6+ characters, any case) names, or why there is none
// (printed); nullopt then, with the exit status in *status.
std::optional<std::string> one_paper(Archive& archive, const std::string& id_or_prefix, int* status);

// --ocr, --ocr-dpi, --lang, --ocr-page-timeout, --no-preprocess, and a paper's budget (--max-pages,
// --paper-timeout): for the commands that read papers.
void add_ocr_options(CLI::App* command, TextOptions& text);

// --include and --exclude: which files of walked folders are taken (ingest, enqueue).
void add_discovery_options(CLI::App* command, DiscoveryOptions& discovery);

// --date-order auto|dmy|mdy: how numeric dates that read both ways are read.
void add_date_order_option(CLI::App* command, std::optional<DateOrder>& order);

// --since and --until: a year, a month or a day, kept as the day it starts (since) or ends (until).
void add_date_filters(CLI::App* command, std::string& since, std::string& until);

// An archive to read: a missing file says how to make one (rather than SQLite's "unable to open
// database file"). Empty when it can be opened; else the message.
std::string missing_archive(const std::string& path);

// What runs a command that reads the archive: opens it read-only (a missing one is reported with
// how to make it, exit 1), runs body, and reports what it throws (exit 1).
Run reading_archive(const GlobalOptions& global, std::function<int(Archive&)> body);
// The same for a command that changes the archive (delete, reextract): opened for writing, but
// never created where there is none.
Run writing_archive(const GlobalOptions& global, std::function<int(Archive&)> body);

// `papers --version`: the version and the libraries it runs on.
std::string version_text();

}  // namespace papers::cli
