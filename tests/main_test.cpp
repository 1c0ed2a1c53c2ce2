// Catch2's main for papers_tests. Like `papers`, it caps OpenMP at one thread before Tesseract's
// runtime starts (limit_openmp_threads re-executes the test program once with OMP_THREAD_LIMIT=1),
// and runs as a reader process when the pipeline starts it as one.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "pipeline/ocr.h"
#include "pipeline/reader_process.h"

int main(int argc, char** argv) {
  papers::limit_openmp_threads(argv);
  // The pipeline's reader processes are this program run again (pipeline/reader_process.h).
  if (const int status = papers::run_reader_process_if_asked(argc, argv); status >= 0) return status;
  return Catch::Session().run(argc, argv);
}
