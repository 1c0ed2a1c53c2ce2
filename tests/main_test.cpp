// Catch2's main for papers_tests. Like `papers`, it caps OpenMP at one thread before Tesseract's
// runtime starts (limit_openmp_threads re-executes the test program once with OMP_THREAD_LIMIT=1).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "pipeline/ocr.h"

int main(int argc, char** argv) {
  papers::limit_openmp_threads(argv);
  return Catch::Session().run(argc, argv);
}
