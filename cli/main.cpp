// The `papers` command line: ingest, extract, show, search, export, serve, stats, eval.
// Parses options into PipelineOptions and calls the pipeline and the archive; holds no
// ingestion logic of its own. Exit codes (also in --help and the README):
//   0 every file archived or already in the archive; 1 fatal error (archive unusable);
//   2 usage error; 3 some files failed (the rest were archived), or eval below --min-f1;
//   4 not found (show; eval with no labelled paper).
#include <CLI/CLI.hpp>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "archive/archive.h"
#include "archive/export.h"
#include "cli/progress.h"
#include "evaluation/evaluation.h"
#include "pipeline/discover.h"
#include "pipeline/ocr.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "pipeline/utf8.h"
#include "web/server.h"

namespace papers {
namespace {

constexpr int kOk = 0, kFatal = 1, kUsage = 2, kSomeFailed = 3, kNotFound = 4;

constexpr const char* kExitCodes =
    "Exit status: 0 all files archived (or already archived), 1 fatal error (archive cannot be used,\n"
    "or the OCR language cannot be loaded),\n"
    "2 usage error, 3 some files failed (the others were archived; see `papers stats`) or eval scored\n"
    "below --min-f1, 4 not found (show; eval with no labelled paper).";

// Archives what the pipeline yields: one transaction per batch of papers.
class ArchiveSink : public PipelineSink {
 public:
  ArchiveSink(Archive& archive, ProgressBar& progress, std::size_t batch)
      : archive_(archive), progress_(progress), batch_(batch) {}

  bool already_archived(const std::string& sha256, const std::string& path) override {
    return archive_.contains(sha256);
  }
  void archived(Record record) override {
    if (!record.source.warning.empty()) {
      progress_.clear();
      std::fprintf(stderr, "warning: %s: %s\n", printable(record.source.path).c_str(), record.source.warning.c_str());
    }
    within_batch();
    // Another process writing this archive may have archived the same bytes since the pipeline
    // looked: then this copy is one already in the archive, so the summaries of both add up.
    const auto pages = static_cast<std::size_t>(record.source.pages);
    if (archive_.put(record, record_to_json(record))) ++archived_, pages_ += pages;
    else ++skipped_;
    done();
  }
  void skipped(const std::string& path, const std::string& sha256) override {
    within_batch();
    archive_.add_path(sha256, path);
    ++skipped_;
    done();
  }
  void failed(Failure failure) override {
    progress_.clear();
    std::fprintf(stderr, "failed: %s: %s\n", printable(failure.path).c_str(), failure.reason.c_str());
    within_batch();
    archive_.put_failure(failure);
    ++failed_;
    done();
  }
  void close() { archive_.commit(); }
  std::size_t pages() const { return pages_; }
  std::size_t archived_count() const { return archived_; }
  std::size_t skipped_count() const { return skipped_; }

 private:
  void within_batch() { archive_.begin(); }
  void done() {
    if (++in_batch_ >= batch_) {
      archive_.commit();
      in_batch_ = 0;
    }
    progress_.update(archived_ + skipped_ + failed_, pages_, failed_);
  }
  Archive& archive_;
  ProgressBar& progress_;
  std::size_t batch_;
  std::size_t in_batch_ = 0, archived_ = 0, skipped_ = 0, failed_ = 0, pages_ = 0;
};

int ingest(const std::vector<std::string>& paths, const std::string& archive_path, PipelineOptions options,
           std::size_t batch) {
  std::unique_ptr<Archive> archive;
  try {
    archive = std::make_unique<Archive>(archive_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kFatal;
  }
  const bool tty = isatty(STDERR_FILENO) == 1;
  ProgressBar progress(tty);
  if (tty) {
    std::size_t total = 0;
    Discovery count(paths);
    while (count.next()) ++total;
    progress.set_total(total);
  }
  ArchiveSink sink(*archive, progress, batch);
  const auto start = std::chrono::steady_clock::now();
  PipelineCounts counts;
  try {
    std::string ocr_error;
    counts = run_pipeline(paths, options, sink, &ocr_error);
    sink.close();
    if (!ocr_error.empty()) {
      progress.finish();
      std::fprintf(stderr, "papers: %s (nothing was ingested)\n", ocr_error.c_str());
      return kFatal;
    }
  } catch (const std::exception& e) {
    progress.finish();
    std::fprintf(stderr, "papers: fatal: %s (papers archived before this point are kept)\n", e.what());
    return kFatal;
  }
  progress.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "papers: %zu files: %zu archived, %zu already in the archive, %zu failed; %zu pages in %.2fs (%.1f files/s) -> %s\n",
               counts.files, sink.archived_count(), sink.skipped_count(), counts.failed, sink.pages(), seconds,
               seconds > 0 ? counts.files / seconds : 0.0, archive_path.c_str());
  return counts.failed > 0 ? kSomeFailed : kOk;
}


void print_stats(Archive& archive) {
  const ArchiveStats st = archive.stats();
  std::printf("papers            %lld\n", static_cast<long long>(st.papers));
  std::printf("pages             %lld\n", static_cast<long long>(st.pages));
  std::printf("recommendations   %lld\n", static_cast<long long>(st.recommendations));
  std::printf("decisions         %lld\n", static_cast<long long>(st.decisions));
  std::printf("contacts          %lld\n", static_cast<long long>(st.contacts));
  std::printf("legal references  %lld\n", static_cast<long long>(st.legal_references));
  std::printf("dates             %lld\n", static_cast<long long>(st.dates));
  std::printf("failed files      %lld\n", static_cast<long long>(st.failures));
  std::printf("\nfields known (papers)\n");
  for (const auto& [k, v] : st.field_coverage) std::printf("  %-16s %lld\n", k.c_str(), static_cast<long long>(v));
  std::printf("\npages by method\n");
  for (const auto& [k, v] : st.by_page_method) std::printf("  %-16s %lld\n", k.c_str(), static_cast<long long>(v));
  if (st.page_errors > 0) std::printf("  %-16s %lld\n", "failed pages", static_cast<long long>(st.page_errors));
  if (!st.low_confidence.empty()) {
    std::printf("\nOCR confidence below %.0f (pages to check: page (confidence))\n", kLowConfidence);
    for (const LowConfidencePaper& p : st.low_confidence)
      std::printf("  %s  %s: %s\n", p.id.substr(0, 12).c_str(), printable(p.path).c_str(), p.pages.c_str());
  }
  std::printf("\nby media type\n");
  for (const auto& [k, v] : st.by_media_type) std::printf("  %-28s %lld\n", k.c_str(), static_cast<long long>(v));
  std::printf("\nby body\n");
  for (const auto& [k, v] : st.by_body) std::printf("  %-48s %lld\n", k.c_str(), static_cast<long long>(v));
  std::printf("\nby classification\n");
  for (const auto& [k, v] : st.by_classification) std::printf("  %-16s %lld\n", k.c_str(), static_cast<long long>(v));
  if (st.failures > 0) {
    std::printf("\nfailures by reason\n");
    for (const auto& [k, v] : st.failure_reasons) std::printf("  %-48s %lld\n", k.c_str(), static_cast<long long>(v));
    std::printf("\nfailed files\n");
    for (const Failure& f : archive.failures()) std::printf("  %s: %s\n", printable(f.path).c_str(), f.reason.c_str());
  }
}

// One hit a line: date, body, title (or the recommendation's number and page), id; the snippet
// indented under it.
void print_hits(const std::vector<SearchHit>& hits, SearchIn in) {
  if (hits.empty()) {
    std::printf("no hits\n");
    return;
  }
  for (const SearchHit& h : hits) {
    const std::string when = h.date.empty() ? "----------" : h.date;
    std::string what = h.title.empty() ? "(untitled)" : h.title;
    if (in != SearchIn::papers)
      what = std::string(in == SearchIn::decisions ? "decision " : "rec ") + (h.number.empty() ? std::string("-") : h.number) + ", p." + std::to_string(h.page) + " of " + what;
    std::printf("%s  %-28.28s  %-60.60s  %s\n", when.c_str(), h.body.empty() ? "-" : h.body.c_str(), what.c_str(),
                h.paper_id.substr(0, 12).c_str());
    std::printf("            %s\n", h.snippet.c_str());
  }
  std::printf("%zu hit%s\n", hits.size(), hits.size() == 1 ? "" : "s");
}

// Serves until SIGINT or SIGTERM, taken by a thread of its own (sigwait) so that stopping is not
// done inside a signal handler.
int serve_archive(const web::ServeOptions& options) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts: all inherit it
  try {
    web::WebServer server(options);
    const int port = server.bind();
    const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    std::printf("papers: serving %s (read-only) at http://%s:%d/\n", options.archive_path.c_str(), host.c_str(), port);
    if (!web::is_loopback_host(options.host))
      std::fprintf(stderr, "papers: warning: %s is not loopback: other machines can read this archive\n", options.host.c_str());
    std::fflush(stdout);
    std::thread stopper([&server, stop_signals] {
      int signal = 0;
      sigwait(&stop_signals, &signal);
      server.stop();
    });
    stopper.detach();
    server.run();
    std::printf("papers: stopped\n");
    return kOk;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kFatal;
  }
}

// --ocr, --ocr-dpi, --lang, --ocr-page-timeout, --no-preprocess: shared by ingest and extract.
void add_ocr_options(CLI::App* cmd, OcrOptions& ocr) {
  static const std::map<std::string, OcrOptions::Mode> kModes = {
      {"auto", OcrOptions::Mode::automatic}, {"always", OcrOptions::Mode::always}, {"never", OcrOptions::Mode::never}};
  cmd->add_option("--ocr", ocr.mode,
                  "auto: OCR a page only when its text layer is missing, too thin for its ink, or garbage; "
                  "always: OCR every page; never: text layers only")
      ->transform(CLI::CheckedTransformer(kModes, CLI::ignore_case))
      ->default_str("auto");
  cmd->add_option("--ocr-dpi", ocr.dpi, "resolution PDF pages are rendered at for OCR")
      ->check(CLI::Range(70, 1200))
      ->capture_default_str();
  cmd->add_option("--lang", ocr.lang, "Tesseract language codes, e.g. eng or eng+fra (Debian: tesseract-ocr-LANG)")
      ->capture_default_str();
  cmd->add_option("--ocr-page-timeout", ocr.page_seconds, "seconds OCR may spend on one page before it fails")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("!--no-preprocess", ocr.preprocess,
                "give Tesseract the page image as rendered, without Leptonica binarisation, deskew and despeckle "
                "(for comparisons)");
}

}  // namespace
}  // namespace papers

int main(int argc, char** argv) {
  using namespace papers;
  // Before anything else: Tesseract's OpenMP must not start threads of its own (re-executes once).
  limit_openmp_threads(argv);
  CLI::App app{"papers: bulk-ingest committee papers (Board, Panel, Committee and Cabinet reports) into a searchable archive"};
  app.footer(std::string("\nExamples:\n  papers ingest ~/minutes ~/reports --jobs 8\n  papers extract report.pdf | jq .recommendations\n"
                         "  papers show 2fd81aa7\n  papers search \"winter service\" --in recommendations\n  papers export --format csv --out tables/\n"
                         "  papers stats\n  papers eval corpus/dev\n\n") + kExitCodes);
  app.require_subcommand(1);
  std::string archive_path = "papers.db";
  app.add_option("--archive", archive_path, "the archive file (SQLite)")->capture_default_str();

  PipelineOptions options;
  std::vector<std::string> paths;
  std::size_t batch = 64;
  auto* ingest_cmd = app.add_subcommand("ingest", "ingest files and folders (recursively) into the archive");
  ingest_cmd->add_option("paths", paths, "files and folders")->required();
  ingest_cmd->add_option("-j,--jobs", options.jobs, "worker threads (0: one per core)")->capture_default_str();
  ingest_cmd->add_option("--batch", batch, "papers per archive transaction")->capture_default_str()->check(CLI::PositiveNumber);
  add_ocr_options(ingest_cmd, options.text.ocr);
  ingest_cmd->footer(std::string("\nExamples:\n  papers ingest corpus/\n  papers --archive board.db ingest /data/board-papers --jobs 4\n"
                                 "  papers ingest scans/ --ocr always --ocr-dpi 400 --lang eng+fra\n\n"
                                 "Scanned pages (image-only PDF pages, PNG, JPEG, TIFF) are OCR'd with Tesseract; each page's\n"
                                 "record says whether its text came from the text layer or OCR, with OCR's confidence.\n"
                                 "Files are typed by content, not name. A file that cannot be read is reported on stderr\n"
                                 "(file: reason), recorded in the archive's failures table and skipped; the batch goes on.\n"
                                 "Files already archived (same bytes) are skipped. ") + kExitCodes);

  std::string file;
  auto* extract_cmd = app.add_subcommand("extract", "print one paper's record as JSON (no archive)");
  extract_cmd->add_option("file", file, "a PDF, page image (PNG, JPEG, TIFF) or text file")->required();
  add_ocr_options(extract_cmd, options.text.ocr);
  extract_cmd->footer("\nExamples:\n  papers extract corpus/seeds/000_2fd81aa742bb2f43.txt\n  papers extract report.pdf | jq '.recommendations[].text'\n"
                      "  papers extract scan.tiff --lang eng | jq '.extraction.pages'");

  std::string id;
  auto* show_cmd = app.add_subcommand("show", "print an archived paper's record as JSON");
  show_cmd->add_option("id", id, "the paper's id (SHA-256) or a prefix of at least 6 characters")->required();
  show_cmd->footer("\nExamples:\n  papers show 2fd81aa7\n  papers --archive board.db show 2fd81aa742bb2f43...");

  SearchQuery search_query;
  std::string search_in = "papers";
  bool search_json = false;
  auto* search_cmd = app.add_subcommand("search", "full-text search of archived papers, their recommendations or decisions");
  search_cmd->add_option("query", search_query.text,
                         "words (all must match), \"a phrase\", prefix*, AND / OR / NOT, brackets")
      ->required();
  search_cmd->add_option("--in", search_in,
                         "papers: whole papers; recommendations: one hit per recommendation; decisions: one hit per "
                         "decision (what minutes RESOLVED)")
      ->check(CLI::IsMember({"papers", "recommendations", "decisions"}))
      ->capture_default_str();
  search_cmd->add_option("--body", search_query.body, "only papers of this body, e.g. \"Police and Crime Panel\"");
  search_cmd->add_option("--organisation", search_query.organisation, "only papers of this organisation");
  search_cmd->add_option("--since", search_query.since, "only papers dated on or after this day (YYYY-MM-DD)")
      ->check(CLI::Validator([](std::string& v) { return valid_iso_day(v) ? std::string() : "not a date YYYY-MM-DD: " + v; }, "DATE"));
  search_cmd->add_option("--until", search_query.until, "only papers dated on or before this day (YYYY-MM-DD)")
      ->check(CLI::Validator([](std::string& v) { return valid_iso_day(v) ? std::string() : "not a date YYYY-MM-DD: " + v; }, "DATE"));
  search_cmd->add_option("--act", search_query.act, "only papers citing this Act, e.g. \"Localism Act 2011\" or localism-act-2011");
  search_cmd->add_option("--limit", search_query.limit, "most hits to show")->check(CLI::Range(1, 10000))->capture_default_str();
  search_cmd->add_flag("--json", search_json, "print the hits as JSON");
  search_cmd->footer("\nExamples:\n  papers search \"police and crime plan\" --in recommendations --since 2015-01-01 --until 2020-12-31\n"
                     "  papers search 'precept AND (increase OR rise)' --body \"Police and Crime Panel\"\n"
                     "  papers search librar* --act \"Public Libraries and Museums Act 1964\" --json\n\n"
                     "Dates are the meeting date, else the report date. Hits are ranked by BM25 (title words count\n"
                     "ten times). A query FTS5 cannot read is reported with what to change (exit 2).");

  std::string format = "jsonl", export_out;
  RecordFilter export_filter;
  auto* export_cmd = app.add_subcommand("export", "write the archive as JSON Lines (whole records) or CSV (one file per table)");
  export_cmd->add_option("--format", format, "jsonl: one full record a line; csv: papers, recommendations, decisions, contacts, "
                                             "legal_references and dates tables")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  export_cmd->add_option("--out", export_out, "csv: the folder for the six files (required); jsonl: a file (default stdout)");
  export_cmd->add_option("--body", export_filter.body, "only papers of this body (any case)");
  export_cmd->add_option("--since", export_filter.since, "only papers dated on or after this day (YYYY-MM-DD)")
      ->check(CLI::Validator([](std::string& v) { return valid_iso_day(v) ? std::string() : "not a date YYYY-MM-DD: " + v; }, "DATE"));
  export_cmd->add_option("--until", export_filter.until, "only papers dated on or before this day (YYYY-MM-DD)")
      ->check(CLI::Validator([](std::string& v) { return valid_iso_day(v) ? std::string() : "not a date YYYY-MM-DD: " + v; }, "DATE"));
  export_cmd->footer("\nExamples:\n  papers export > papers.jsonl\n  papers export --format csv --out tables/\n"
                     "  papers export --format csv --out panel/ --body \"Police and Crime Panel\" --since 2015-01-01\n\n"
                     "CSV files and their columns (stable; rows join on the paper's id):\n"
                     "  papers.csv            id, path, bytes, media_type, pages, method, title, body, organisation,\n"
                     "                        meeting_date, report_date, agenda_item, author, classification,\n"
                     "                        exempt_paragraphs, ingested_at\n"
                     "  recommendations.csv   paper_id, seq, number, text, body, action, page, span_begin, span_end\n"
                     "  contacts.csv          paper_id, seq, name, role, email, phone, page\n"
                     "  legal_references.csv  paper_id, seq, text, act, act_key, section, page\n"
                     "  dates.csv             paper_id, seq, text, kind, start, end, page\n"
                     "  decisions.csv         paper_id, seq, number, text, page, span_begin, span_end\n"
                     "Dates filter on the meeting date, else the report date.");

  EvalSelection eval_selection;
  std::vector<std::string> expected_dirs;
  int eval_batch = 0;
  bool eval_json = false;
  double min_f1 = 0;
  auto* eval_cmd = app.add_subcommand("eval", "score extracted fields against expected records: precision, recall, F1");
  eval_cmd->add_option("dir", eval_selection.roots, "folders (or files) of papers, each with NAME.expected.json beside it")
      ->required();
  eval_cmd->add_option("--expected", expected_dirs,
                       "also look for expected records here (e.g. the text-layer twins' records for a folder of scans); "
                       "may be given more than once");
  auto* batch_opt = eval_cmd->add_option("--batch", eval_batch,
                                         "score only the papers whose expected record has this \"batch\" (labelling batches)");
  eval_cmd->add_flag("--json", eval_json, "print the report as JSON");
  eval_cmd->add_option("--min-f1", min_f1, "exit 3 when the overall F1 is below this (0..1)")->check(CLI::Range(0.0, 1.0));
  eval_cmd->add_option("-j,--jobs", options.jobs, "worker threads (0: one per core)")->capture_default_str();
  add_ocr_options(eval_cmd, options.text.ocr);
  eval_cmd->footer(std::string("\nExamples:\n  papers eval corpus/dev\n  papers eval corpus/scans --expected corpus/dev\n"
                               "  papers eval ../shared/realcorpus2 --expected tests/realcorpus2 --batch 4\n"
                               "  papers eval my-labelled-papers --json | jq .overall\n\n"
                               "A paper's expected record is NAME.expected.json beside it, or, for NAME.KIND.EXT, NAME.expected.json\n"
                               "(beside it or in --expected). Fields scored and how values match: see the README (papers eval).\n"
                               "Files without an expected record are counted, not scored. Records that name a \"publisher\" are\n"
                               "also summed per publisher (weakest first).\n\n") + kExitCodes);

  web::ServeOptions serve;
  bool serve_quiet = false;
  auto* serve_cmd = app.add_subcommand("serve", "a local web page and JSON API to search and browse the archive (read-only)");
  serve_cmd->add_option("--host", serve.host,
                        "the address to listen on; anything but loopback lets other machines read the archive")
      ->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "the port (0: any free one)")->check(CLI::Range(0, 65535))->capture_default_str();
  serve_cmd->add_flag("--quiet", serve_quiet, "do not log each request on stderr");
  serve_cmd->footer("\nExamples:\n  papers serve                      then open http://127.0.0.1:8080/\n"
                    "  papers --archive board.db serve --port 9000\n\n"
                    "The archive is opened read-only. The API (GET /api/search, /api/papers/ID, /api/overview) is in the README.\n"
                    "Stop with Ctrl-C.");

  auto* stats_cmd = app.add_subcommand("stats", "summarise the archive: papers, fields found, failures");
  stats_cmd->footer("\nExamples:\n  papers stats\n  papers --archive board.db stats");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }

  if (ingest_cmd->parsed()) return ingest(paths, archive_path, options, batch);

  if (eval_cmd->parsed()) {
    std::string ocr_error;
    for (const std::string& d : expected_dirs) eval_selection.expected_dirs.emplace_back(d);
    if (batch_opt->count() > 0) eval_selection.batch = eval_batch;
    const EvalReport report = evaluate(eval_selection, options, &ocr_error);
    if (!ocr_error.empty()) {
      std::fprintf(stderr, "papers: %s\n", ocr_error.c_str());
      return kFatal;
    }
    if (report.papers == 0) {
      std::fprintf(stderr, "papers: no paper under %s has an expected record (NAME.expected.json)%s\n", report.root.c_str(),
                   eval_selection.batch ? " of that batch" : "");
      return kNotFound;
    }
    if (eval_json)
      std::cout << report_json(report).dump(2) << "\n";
    else
      std::cout << report_table(report);
    return report.overall.f1() < min_f1 ? kSomeFailed : kOk;
  }

  if (serve_cmd->parsed()) {
    serve.archive_path = archive_path;
    serve.log_requests = !serve_quiet;
    return serve_archive(serve);
  }

  if (extract_cmd->parsed()) {
    Outcome<Record> record = extract_file(file, options);
    if (!record.ok()) {
      std::fprintf(stderr, "failed: %s: %s\n", printable(record.failure().path).c_str(), record.failure().reason.c_str());
      return record.failure().stage == "ocr" ? kFatal : kSomeFailed;
    }
    if (!record.value().source.warning.empty())
      std::fprintf(stderr, "warning: %s: %s\n", file.c_str(), record.value().source.warning.c_str());
    std::cout << record_to_json(record.value()).dump(2) << "\n";
    return kOk;
  }

  try {
    Archive archive(archive_path, /*read_only=*/true);
    if (show_cmd->parsed()) {
      auto record = archive.record(id);
      if (!record) {
        std::fprintf(stderr, "papers: no single paper with id %s in %s\n", id.c_str(), archive_path.c_str());
        return kNotFound;
      }
      std::cout << record->dump(2) << "\n";
      return kOk;
    }
    if (search_cmd->parsed()) {
      search_query.in = search_in == "recommendations" ? SearchIn::recommendations
                        : search_in == "decisions"     ? SearchIn::decisions
                                                       : SearchIn::papers;
      const bool tty = !search_json && isatty(STDOUT_FILENO) == 1;
      search_query.mark_begin = tty ? "\x1b[1m" : "\xC2\xAB";  // bold, or « »
      search_query.mark_end = tty ? "\x1b[0m" : "\xC2\xBB";
      std::vector<SearchHit> hits;
      try {
        hits = archive.search(search_query);
      } catch (const SearchError& e) {
        std::fprintf(stderr, "papers: %s\n", e.what());
        return kUsage;
      }
      if (search_json) {
        nlohmann::json out = nlohmann::json::array();
        for (const SearchHit& h : hits) {
          nlohmann::json j = {{"id", h.paper_id}, {"title", h.title}, {"body", h.body}, {"date", h.date},
                              {"path", printable(h.path)}, {"snippet", h.snippet}, {"score", h.score}};
          if (search_query.in != SearchIn::papers) {
            j["number"] = h.number;
            j["page"] = h.page;
            j["text"] = h.text;
          }
          out.push_back(j);
        }
        std::cout << out.dump(2) << "\n";
      } else {
        print_hits(hits, search_query.in);
      }
      return kOk;
    }
    if (export_cmd->parsed()) {
      ExportCounts n;
      if (format == "csv") {
        if (export_out.empty()) {
          std::fprintf(stderr, "papers: export --format csv needs --out FOLDER (it writes six files)\n");
          return kUsage;
        }
        n = write_csv_tables(archive, export_filter, export_out);
        std::fprintf(stderr, "papers: %zu papers, %zu recommendations, %zu decisions, %zu contacts, %zu legal references, %zu dates -> %s\n",
                     n.papers, n.recommendations, n.decisions, n.contacts, n.legal_references, n.dates, export_out.c_str());
      } else if (!export_out.empty()) {
        std::ofstream out(export_out, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + export_out);
        n = write_jsonl(archive, export_filter, out);
        std::fprintf(stderr, "papers: %zu records -> %s\n", n.papers, export_out.c_str());
      } else {
        write_jsonl(archive, export_filter, std::cout);
      }
      return kOk;
    }
    if (stats_cmd->parsed()) {
      print_stats(archive);
      return kOk;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kFatal;
  }
  return kUsage;
}
