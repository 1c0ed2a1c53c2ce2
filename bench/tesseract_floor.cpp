// tesseract-floor: the floor papers' OCR is measured against (bench/ocr_bench.sh): Tesseract
// alone through its API in one process, one engine per thread (OMP_THREAD_LIMIT=1 is the
// caller's), reading each pre-rendered page image (PNG, TIFF, JPEG) with Leptonica and taking
// its text, as the `tesseract` command does (LSTM engine, automatic page segmentation, English),
// files spread over JOBS threads with oneTBB. Nothing else: no rendering, preprocessing,
// orientation, normalising, fields or archive. Writes OUT/NAME.txt per image (for the error
// rate) and prints "images seconds" on one line.
// Must not be a test, and must not do more work than Tesseract's own (it would raise the floor).
//   tesseract-floor --jobs 2 --out DIR IMAGES_DIR
#include <leptonica/allheaders.h>
#include <malloc.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for_each.h>
#include <tesseract/baseapi.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int jobs = 1;
  std::string dir, out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--jobs" && i + 1 < argc) jobs = std::atoi(argv[++i]);
    else if (a == "--out" && i + 1 < argc) out = argv[++i];
    else dir = a;
  }
  if (dir.empty() || out.empty() || jobs < 1) {
    std::fprintf(stderr, "usage: tesseract-floor --jobs N --out DIR IMAGES_DIR\n");
    return 2;
  }
  // The heap papers' readers run with (pipeline/page_image.cpp): page-sized buffers kept in the
  // heap instead of unmapped after each page, whose TLB flushes interrupt the other cores; a
  // setting any program can make, so the floor has it too and the ratio measures the OCR work.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  fs::create_directories(out);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".png" || ext == ".tif" || ext == ".tiff" || ext == ".jpg" || ext == ".jpeg"))
      files.push_back(e.path());
  }
  std::atomic<long> done{0}, failed{0};
  // One engine per thread, made before the clock starts (as a long batch pays it once a thread).
  struct Engine {
    tesseract::TessBaseAPI api;
    bool ready = false;
  };
  tbb::enumerable_thread_specific<std::unique_ptr<Engine>> engines([] {
    auto e = std::make_unique<Engine>();
    e->api.SetVariable("debug_file", "/dev/null");
    e->ready = e->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
    if (e->ready) e->api.SetPageSegMode(tesseract::PSM_AUTO);
    return e;
  });
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(jobs));
  {
    std::vector<int> warm(static_cast<std::size_t>(jobs));
    tbb::parallel_for_each(warm.begin(), warm.end(), [&](int) { (void)engines.local(); });
  }
  const auto start = std::chrono::steady_clock::now();
  tbb::parallel_for_each(files.begin(), files.end(), [&](const fs::path& f) {
    Engine& e = *engines.local();
    Pix* pix = pixRead(f.c_str());
    if (!e.ready || !pix) {
      ++failed;
      pixDestroy(&pix);
      return;
    }
    e.api.SetImage(pix);
    std::unique_ptr<char[]> text(e.api.GetUTF8Text());
    e.api.Clear();
    pixDestroy(&pix);
    std::ofstream(fs::path(out) / (f.filename().string() + ".txt")) << (text ? text.get() : "");
    ++done;
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%ld %.3f\n", done.load(), seconds);
  return failed.load() == 0 && done.load() > 0 ? 0 : 1;
}
