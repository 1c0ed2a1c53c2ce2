// `papers ingest`: files and folders into the archive, one transaction per batch of papers, with
// progress on a terminal and a summary line. Failures are reported (file: reason), recorded and
// skipped; a path that does not exist is a usage error and nothing is ingested. See command.h.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "archive/archive.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "pipeline/discover.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "pipeline/utf8.h"

namespace papers::cli {
namespace {

// Archives what the pipeline yields, a batch of papers to a transaction. A batch is gathered
// first and written at once, so that the archive's write lock is held for the writing only, never
// while the pipeline reads the next files: another process ingesting into the same archive then
// waits a moment for it, not for a whole batch's reading (which under load took longer than the
// busy timeout, and that process ended "database is locked"). A batch is bounded in papers and in
// text bytes, so memory stays flat. A gathered batch is written by a thread of the sink's own while
// the pipeline goes on (written in the pipeline's last stage, each batch stopped every paper behind
// it: 1,000 real papers 7.7 s, against 7.4 s with one batch written at the end); one batch waits
// while one is written, so at most three are held.
class ArchiveSink : public PipelineSink {
 public:
  ArchiveSink(Archive& archive, const std::string& location, Progress& progress, std::size_t batch, bool verbose)
      : archive_(archive), lookup_(location, /*read_only=*/true), progress_(progress), batch_(batch), verbose_(verbose),
        writer_([this] { write_batches(); }) {}
  ~ArchiveSink() override {
    {
      std::lock_guard<std::mutex> lock(handoff_mutex_);
      done_ = true;
    }
    handoff_cv_.notify_all();
    writer_.join();
  }

  void started(const std::string& path) override { progress_.started(path); }

  bool already_archived(const std::string& sha256, const std::string& path) override {
    (void)path;
    // A paper gathered for the next write is archived as far as the pipeline is concerned. (Asked
    // from the dedupe stage while the sink may be writing: on a connection of its own. A batch's
    // ids leave pending_ids_ only once it is committed, so each is in one or the other.)
    {
      std::lock_guard<std::mutex> lock(pending_mutex_);
      if (pending_ids_.count(sha256) > 0) return true;
    }
    return lookup_.contains(sha256);
  }
  void archived(Record record) override {
    if (!record.source.warning.empty()) {
      progress_.say("warning: " + printable(record.source.path) + ": " + record.source.warning);
    }
    Pending p;
    p.kind = Pending::Kind::paper;
    p.path = record.source.path;
    p.json = record_to_json(record);
    pending_bytes_ += text_bytes(record);
    {
      std::lock_guard<std::mutex> lock(pending_mutex_);
      pending_ids_.insert(record.source.sha256);
    }
    p.record = std::move(record);
    add(std::move(p));
  }
  void skipped(const std::string& path, const std::string& sha256) override {
    Pending p;
    p.kind = Pending::Kind::path;
    p.path = path;
    p.sha256 = sha256;
    add(std::move(p));
  }
  void failed(Failure failure) override {
    progress_.say("failed: " + printable(failure.path) + ": " + failure.reason);
    Pending p;
    p.kind = Pending::Kind::failure;
    p.path = failure.path;
    p.failure = std::move(failure);
    add(std::move(p));
  }
  // Writes what is gathered and waits for every batch to be written; the pipeline has ended. A
  // batch's error (the archive's) is thrown here, or at the next batch handed over.
  void close() {
    write();
    std::unique_lock<std::mutex> lock(handoff_mutex_);
    handoff_cv_.wait(lock, [&] { return (!handoff_ && !writing_) || error_; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }
  std::size_t pages() const { return pages_; }
  std::size_t archived_count() const { return archived_; }
  std::size_t skipped_count() const { return skipped_; }

 private:
  // One thing to write: a paper, one more path of archived bytes, or a failure.
  struct Pending {
    enum class Kind { paper, path, failure } kind = Kind::paper;
    std::string path, sha256;
    Record record;
    nlohmann::json json;
    Failure failure;
  };
  // A batch is written early once its papers' text passes this (a pack of a thousand pages).
  static constexpr std::size_t kBatchTextBytes = 32u << 20;

  static std::size_t text_bytes(const Record& record) {
    std::size_t n = record.text.size();
    for (const Record& part : record.part_records) n += text_bytes(part);
    return n;
  }
  void add(Pending p) {
    const std::string path = p.path;
    if (p.kind == Pending::Kind::failure) ++failed_;
    pending_.push_back(std::move(p));
    ++received_;
    if (pending_.size() >= batch_ || pending_bytes_ >= kBatchTextBytes) write();
    progress_.finished(path, received_, pages_, failed_);
  }
  // Hands the gathered batch to the writer thread, once the one before it has been taken.
  void write() {
    if (pending_.empty()) return;
    std::unique_lock<std::mutex> lock(handoff_mutex_);
    handoff_cv_.wait(lock, [&] { return !handoff_ || error_; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    handoff_ = std::move(pending_);
    pending_.clear();
    pending_bytes_ = 0;
    lock.unlock();
    handoff_cv_.notify_all();
  }
  // The writer thread: each batch handed over, in a transaction of its own, until the sink ends.
  void write_batches() {
    for (;;) {
      std::vector<Pending> batch;
      {
        std::unique_lock<std::mutex> lock(handoff_mutex_);
        handoff_cv_.wait(lock, [&] { return handoff_.has_value() || done_; });
        if (!handoff_) return;
        batch = std::move(*handoff_);
        handoff_.reset();
        writing_ = true;
      }
      handoff_cv_.notify_all();
      std::exception_ptr error;
      try {
        write_batch(batch);
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(pending_mutex_);
        for (const Pending& p : batch)
          if (p.kind == Pending::Kind::paper) pending_ids_.erase(p.record.source.sha256);
      }
      {
        std::lock_guard<std::mutex> lock(handoff_mutex_);
        writing_ = false;
        if (error && !error_) error_ = error;
      }
      handoff_cv_.notify_all();
    }
  }
  void write_batch(std::vector<Pending>& batch) {
    const std::size_t archived = archived_, skipped = skipped_, pages = pages_;
    try {
      archive_.begin();
      for (Pending& p : batch) write_one(p);
      archive_.commit();
    } catch (const std::runtime_error& e) {
      // Two ingests writing the same papers in different orders into one PostgreSQL archive: the
      // server ends one batch ("deadlock detected") and nothing of it is kept; it is written again
      // a paper to a transaction, which holds no row another waits for.
      if (std::string(e.what()).find("deadlock") == std::string::npos) {
        archive_.rollback();
        throw;
      }
      archive_.rollback();
      archived_ = archived, skipped_ = skipped, pages_ = pages;
      for (Pending& p : batch) {
        archive_.begin();
        write_one(p);
        archive_.commit();
      }
    }
  }
  void write_one(Pending& p) {
    switch (p.kind) {
      case Pending::Kind::paper: {
        // Another process writing this archive may have archived the same bytes since the
        // pipeline looked: then this copy is one already in the archive, so the summaries of
        // both add up.
        const auto pages = static_cast<std::size_t>(p.record.source.pages);
        const bool stored = archive_.put(p.record, p.json);
        if (stored) ++archived_, pages_ += pages;
        else ++skipped_;
        if (verbose_) {
          progress_.say(std::string(stored ? "archived: " : "already archived: ") + printable(p.path) + " (" +
                        std::to_string(pages) + (pages == 1 ? " page, " : " pages, ") +
                        (p.record.title ? p.record.title->value : "untitled") + ")");
        }
        break;
      }
      case Pending::Kind::path:
        archive_.add_path(p.sha256, p.path);
        ++skipped_;
        if (verbose_) progress_.say("already archived: " + printable(p.path));
        break;
      case Pending::Kind::failure:
        archive_.put_failure(p.failure);
        break;
    }
  }
  Archive& archive_;
  Archive lookup_;  // already_archived()'s own connection
  Progress& progress_;
  std::size_t batch_;
  bool verbose_;
  std::vector<Pending> pending_;  // the batch being gathered (the pipeline's sink stage only)
  std::mutex pending_mutex_;
  std::set<std::string> pending_ids_;  // papers gathered or handed over, not yet committed
  std::size_t pending_bytes_ = 0;
  std::size_t received_ = 0, failed_ = 0;
  std::atomic<std::size_t> archived_{0}, skipped_{0}, pages_{0};  // written by the writer thread
  // The batch handed over, and the writer thread's state, under handoff_mutex_.
  std::mutex handoff_mutex_;
  std::condition_variable handoff_cv_;
  std::optional<std::vector<Pending>> handoff_;
  bool writing_ = false, done_ = false;
  std::exception_ptr error_;
  std::thread writer_;  // last: started once everything it uses is made
};

}  // namespace

void add_ingest_options(CLI::App* cmd, IngestSettings& settings) {
  cmd->add_option("-j,--jobs", settings.pipeline.jobs, "worker threads (0: one per core)")->option_text("N (default 0)");
  cmd->add_option("--batch", settings.batch, "papers per archive transaction")
      ->check(CLI::PositiveNumber.description(""))
      ->option_text("N (default 64)");
  cmd->add_option("--progress", settings.progress,
                  "auto: a bar on a terminal, else a line every few seconds; bar; lines; none. The file in work is named "
                  "once it has taken 10 seconds")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}).description(""))
      ->option_text("auto|bar|lines|none (default auto)");
  cmd->add_flag("-v,--verbose", settings.verbose, "a line per file: archived, already archived or failed (always said)");
  cmd->add_flag("--in-process", settings.pipeline.in_process,
                "read files' text in this process instead of in reader processes (a parser's crash then stops the batch; "
                "for debugging)");
  add_ocr_options(cmd, settings.pipeline.text);
  add_date_order_option(cmd, settings.pipeline.text.date_order);
}

int ingest_paths(const std::vector<std::string>& paths, const IngestSettings& settings, const std::string& archive_path) {
  const PipelineOptions& options = settings.pipeline;
  // A mistyped path is the user's to fix, not a failure to keep in the archive for ever.
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
      std::fprintf(stderr, "papers: no such file or folder: %s (nothing was ingested)\n", printable(path).c_str());
      return kUsage;
    }
  }
  std::unique_ptr<Archive> archive;
  try {
    archive = std::make_unique<Archive>(archive_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kFatal;
  }
  const bool tty = isatty(STDERR_FILENO) == 1;
  const Progress::Mode mode = settings.progress == "bar"     ? Progress::Mode::bar
                              : settings.progress == "lines" ? Progress::Mode::lines
                              : settings.progress == "none"  ? Progress::Mode::none
                              : tty                          ? Progress::Mode::bar
                                                             : Progress::Mode::lines;
  Progress progress(mode);
  if (mode != Progress::Mode::none) {
    std::size_t total = 0;
    Discovery count(paths, options.discovery);
    while (count.next()) ++total;
    progress.set_total(total);
  }
  std::unique_ptr<ArchiveSink> made;
  try {
    made = std::make_unique<ArchiveSink>(*archive, archive_path, progress, settings.batch, settings.verbose);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kFatal;
  }
  ArchiveSink& sink = *made;
  const auto start = std::chrono::steady_clock::now();
  PipelineCounts counts;
  std::int64_t linked = 0;
  try {
    std::string ocr_error;
    counts = run_pipeline(paths, options, sink, &ocr_error);
    sink.close();
    // Reports and minutes of the bodies this run touched, linked anew (in whichever order they came).
    linked = archive->link_touched_outcomes();
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
  if (linked > 0)
    std::fprintf(stderr, "papers: %lld recommendations of the bodies ingested are linked to what their meetings' minutes decided\n",
                 static_cast<long long>(linked));
  if (!counts.passed_over.empty()) {
    std::size_t total = 0;
    std::string kinds;
    for (const auto& [what, n] : counts.passed_over) {
      total += n;
      kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    }
    std::fprintf(stderr, "papers: passed over %zu file%s of the folders that %s no paper (%s); name a file to read it anyway\n",
                 total, total == 1 ? "" : "s", total == 1 ? "is" : "are", kinds.c_str());
  }
  return counts.failed > 0 ? kSomeFailed : kOk;
}

Run add_ingest(CLI::App& app, const GlobalOptions& global) {
  struct IngestOptions {
    std::vector<std::string> paths;
    IngestSettings settings;
  };
  auto o = std::make_shared<IngestOptions>();
  auto* cmd = app.add_subcommand("ingest", "read papers from files and folders (recursively) into the archive");
  cmd->add_option("paths", o->paths, "files and folders")->required()->option_text("FILE|FOLDER ...");
  add_discovery_options(cmd, o->settings.pipeline.discovery);
  add_ingest_options(cmd, o->settings);
  cmd->footer(std::string("\nExamples:\n  papers ingest corpus/\n  papers ingest minutes/ --include '*.pdf' --exclude 'drafts/*'\n  papers ingest /data/board-papers --archive board.db --jobs 4\n"
                          "  papers ingest scans/ --ocr always --ocr-dpi 400 --lang eng+fra\n\n"
                          "Scanned pages (image-only PDF pages, PNG, JPEG, TIFF) are OCR'd with Tesseract; each page's\n"
                          "record says whether its text came from the text layer or OCR, with OCR's confidence.\n"
                          "Files are typed by content, not name. A file that cannot be read is reported on stderr\n"
                          "(file: reason), recorded in the archive's failures table and skipped; the batch goes on.\n"
                          "Files already archived (same bytes) are skipped. In folders, files that are plainly no paper\n"
                          "(README, LICENSE, .json, .csv, source code, databases), hidden ones and those a .papersignore\n"
                          "lists are passed over and counted; a file named on the command line is always read.\n") + kExitCodes);
  return [o, &global] { return ingest_paths(o->paths, o->settings, global.archive_path); };
}

}  // namespace papers::cli
