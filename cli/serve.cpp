// `papers serve`: the local web page and JSON API over an archive, read-only, until SIGINT or
// SIGTERM. A port already in use is an error, not a second listener. See command.h, web/server.h.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <thread>

#include "cli/command.h"
#include "web/server.h"

namespace papers::cli {
namespace {

// Serves until SIGINT or SIGTERM, taken by a thread of its own (sigwait) so that stopping is not
// done inside a signal handler.
int serve_archive(const web::ServeOptions& options) {
  if (std::string why = missing_archive(options.archive_path); !why.empty()) {
    std::fprintf(stderr, "papers: %s\n", why.c_str());
    return kFatal;
  }
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

}  // namespace

Run add_serve(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    web::ServeOptions serve;
    bool quiet = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("serve", "a local web page and JSON API to search and browse the archive (read-only)");
  cmd->add_option("--host", o->serve.host, "the address to listen on; anything but loopback lets other machines read the archive")
      ->option_text("ADDRESS (default " + o->serve.host + ")");
  cmd->add_option("--port", o->serve.port, "the port (0: any free one)")
      ->check(CLI::Range(0, 65535).description(""))
      ->option_text("PORT (default " + std::to_string(o->serve.port) + ")");
  cmd->add_flag("--quiet", o->quiet, "do not log each request on stderr");
  cmd->footer("\nExamples:\n  papers serve                      then open http://127.0.0.1:8080/\n"
              "  papers serve --archive board.db --port 9000\n\n"
              "The archive is opened read-only. The API (GET /api/search, /api/papers/ID, /api/overview) is in the README.\n"
              "Stop with Ctrl-C.");
  return [o, &global] {
    o->serve.archive_path = global.archive_path;
    o->serve.log_requests = !o->quiet;
    return serve_archive(o->serve);
  };
}

}  // namespace papers::cli
