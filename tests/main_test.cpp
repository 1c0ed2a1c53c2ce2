// Catch2's main for papers_tests. Like `papers`, it caps OpenMP at one thread before Tesseract's
// runtime starts (limit_openmp_threads re-executes the test program once with OMP_THREAD_LIMIT=1),
// and runs as a reader process when the pipeline starts it as one. A crash (SIGSEGV, SIGBUS,
// SIGFPE, SIGILL, SIGABRT) prints the crashing thread's stack on stderr before the process dies,
// so that a crash seen once under ctest -j says where it was (Catch's own handler, which says only
// that it crashed, is off).
#define CATCH_CONFIG_RUNNER
#define CATCH_CONFIG_NO_POSIX_SIGNALS
#include <catch2/catch.hpp>

#include <execinfo.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>

#include "pipeline/ocr.h"
#include "pipeline/reader_process.h"

namespace {

void print_stack_and_die(int sig) {
  const char* what = "\npapers_tests: fatal signal, the crashing thread's stack:\n";
  (void)!::write(2, what, std::strlen(what));
  void* frames[64];
  const int n = ::backtrace(frames, 64);
  ::backtrace_symbols_fd(frames, n, 2);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void install_crash_handler() {
  // On a stack of its own, so that a thread whose stack overflowed can still say where.
  static char alternate[1 << 16];
  stack_t ss{};
  ss.ss_sp = alternate;
  ss.ss_size = sizeof alternate;
  ::sigaltstack(&ss, nullptr);
  void* warm[1];
  ::backtrace(warm, 1);  // loads libgcc's unwinder now, not inside the handler
  struct sigaction sa {};
  sa.sa_handler = print_stack_and_die;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::sigaction(sig, &sa, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  papers::limit_openmp_threads(argv);
  // The pipeline's reader processes are this program run again (pipeline/reader_process.h).
  if (const int status = papers::run_reader_process_if_asked(argc, argv); status >= 0) return status;
  install_crash_handler();
  return Catch::Session().run(argc, argv);
}
