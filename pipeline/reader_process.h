// Isolation of the text stage: Poppler, Leptonica and Tesseract parse untrusted bytes, and a file
// that makes one of them crash, hang or swallow memory must cost that file, never the batch. The
// ingest therefore reads each file's text (stage 3, TextStage) in a reader process: this program
// itself run again as `--reader-process` (so the readers are the same build as the ingest), one
// per worker thread, kept for file after file and started again when one ends. A reader has a
// memory ceiling (RLIMIT_DATA: TextOptions::paper_memory_bytes, --paper-memory) and the paper's
// time budget (--paper-timeout, a page's --ocr-page-timeout and a margin past them, after which
// it is killed); the file it was reading is failed with the signal
// or the limit that ended it and the others go on. Pages travel back as PageTexts over a Unix
// socket, in a plain length-prefixed encoding of this build (both ends are one binary).
// Must not run any stage but the text stage, and must not leave a reader behind when destroyed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/model.h"
#include "pipeline/text_extract.h"

namespace papers {

struct ReaderOptions {
  std::string program = "/proc/self/exe";  // the executable run as a reader (this one)
  int threads = 1;                         // threads a reader may use for one paper's pages
  // Pages OCR'd at once by all the readers together (page_slots.h); 0: no bound but threads.
  int page_slots = 0;
  // Past the paper's time budget (TextOptions::paper_seconds, which the reader keeps itself) and
  // a page's (the page in work when it ran out), the reader is given a tenth of the budget more
  // (at least 1 s, at most this), then killed.
  double margin_seconds = 10;
};

// Readers for one run; text() may be called from any number of threads at once, each using a
// reader of its own.
class ReaderPool {
 public:
  ReaderPool(TextOptions text, ReaderOptions options);
  ~ReaderPool();
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // Starts the first reader and waits for it to be ready. "" when it is; else why not: the OCR
  // language cannot be loaded (ocr_error() is then set too) or no reader could be started.
  std::string start();
  const std::string& ocr_error() const { return ocr_error_; }

  // The text of one file, read in a reader process. A reader that crashes, runs out of memory
  // or past the time budget fails this file (stage "text", with why) and is replaced.
  Outcome<PageTexts> text(const SourceFile& file);

  // Readers started so far (the first and each replacement), for tests.
  int started() const { return started_; }

 private:
  struct Reader;
  std::unique_ptr<Reader> spawn(std::string* error);
  TextOptions text_;
  ReaderOptions options_;
  std::string ocr_error_;
  std::string slots_;  // the page slots' folder
  std::mutex mutex_;
  std::vector<std::unique_ptr<Reader>> idle_;
  int started_ = 0;
};

// When argv asks for a reader process (`PROGRAM --reader-process FD`), runs it on that socket and
// returns its exit status; else returns -1. Every main that may run the pipeline calls it first
// (after limit_openmp_threads).
int run_reader_process_if_asked(int argc, char** argv);

// Faults a test can ask of the text stage, only when PAPERS_TEST_READER_FAULTS=1 is set in the
// environment (never from a file's bytes alone): a marker in the file's bytes
// (PAPERS-TEST-READER-CRASH, -HANG, -MEMORY) makes it crash, hang or take memory until there is
// none, as a parser gone wrong on hostile bytes would. Called before the text stage, in a reader
// process or in-process alike, so that a test can show what isolation saves.
void test_faults(const std::string& bytes);

// The encoding the two ends speak, exposed for tests (a round trip loses nothing).
std::string encode_page_texts(const PageTexts& pages);
bool decode_page_texts(const std::string& bytes, PageTexts* pages);

}  // namespace papers
