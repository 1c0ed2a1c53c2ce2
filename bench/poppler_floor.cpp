// poppler-floor: the floor papers' text-PDF ingest is measured against (bench/ingest_bench.sh):
// Poppler alone in one process, loading each PDF and taking every page's text in physical layout
// (as papers' text stage does), files spread over JOBS threads with oneTBB. Nothing else: no hash,
// no normalising, no fields, no archive. Prints "files pages seconds" on one line.
// Must not be a test, and must not do more work than Poppler's own (it would raise the floor).
//   poppler-floor --jobs 2 DIR
#include <poppler-document.h>
#include <poppler-page.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for_each.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

void quiet(const std::string&, void*) {}

}  // namespace

int main(int argc, char** argv) {
  int jobs = 1;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--jobs" && i + 1 < argc) jobs = std::atoi(argv[++i]);
    else dir = a;
  }
  if (dir.empty() || jobs < 1) {
    std::fprintf(stderr, "usage: poppler-floor --jobs N DIR\n");
    return 2;
  }
  poppler::set_debug_error_function(quiet, nullptr);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".pdf") files.push_back(e.path());
  std::atomic<long> pages{0}, bytes{0};
  // One document held open for the whole run, as papers does (pipeline/page_image.h): otherwise
  // poppler-cpp builds and destroys its global parameters whenever no document is open, which on
  // one thread is every file (500 one-page PDFs, --jobs 1: 0.44 s so, 0.19 s held): the floor is
  // Poppler at its best.
  std::unique_ptr<poppler::document> held;
  if (!files.empty()) held.reset(poppler::document::load_from_file(files.front().string()));
  const auto start = std::chrono::steady_clock::now();
  {
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(jobs));
    tbb::parallel_for_each(files.begin(), files.end(), [&](const fs::path& f) {
      std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(f.string()));
      if (!doc) return;
      for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> p(doc->create_page(i));
        if (!p) continue;
        const poppler::byte_array text = p->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
        bytes += static_cast<long>(text.size());
        ++pages;
      }
    });
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu %ld %.3f\n", files.size(), pages.load(), seconds);
  if (std::getenv("FLOOR_BYTES")) std::fprintf(stderr, "%ld bytes of text\n", bytes.load());
  return bytes.load() > 0 ? 0 : 1;
}
