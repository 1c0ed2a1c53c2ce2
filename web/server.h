// `papers serve`: the local web page and its JSON API over one archive, over HTTP (cpp-httplib).
// Safety, as promised to users: the archive is opened read-only for every request; the server
// binds loopback unless told otherwise and then answers only requests addressed to a loopback
// name (no DNS rebinding); it serves the page's own three files, the API, and archived papers'
// originals picked by id and verified by hash, nothing else; only GET and HEAD are allowed;
// requests with a body over 1 KiB get 413, URIs over 8 KiB get 414, bad parameters 400.
// The page renders everything as text (see page/app.js), under a Content-Security-Policy that
// allows only its own script and style.
// Thread-safe: requests run on the library's thread pool, each with its own Archive handle.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "web/api.h"

namespace papers::web {

struct ServeOptions {
  std::string archive_path = "papers.db";
  std::string host = "127.0.0.1";       // the address to bind; loopback unless told otherwise
  int port = 8080;                       // 0: any free port (bind() says which)
  std::size_t max_body_bytes = 1024;     // GET and HEAD need none; larger bodies get 413
  ApiLimits limits;                      // on query parameters
  bool log_requests = true;              // one line per request on stderr
  // Under abuse: connections are served by this many threads, and a connection that sends no
  // complete request (headers and body) within read_seconds, or keeps an idle keep-alive past
  // them, is closed, so that half-open connections hold a thread for at most that long and never
  // all of them.
  std::size_t threads = 128;
  int read_seconds = 2;
};

class WebServer {
 public:
  // Checks that the archive opens read-only and can be searched; throws std::runtime_error if not.
  explicit WebServer(ServeOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds host:port and returns the port. Throws std::runtime_error if it cannot bind.
  int bind();
  // Answers requests until stop(); call after bind().
  void run();
  // Stops run() from any thread.
  void stop();

  // Answers one request given as the bytes a connection sends (request line, headers, body) as it
  // would be answered on a socket, and returns the bytes sent back; no socket, no bind() needed.
  // For the fuzz target and tests; thread-safe like run().
  std::string answer(std::string_view request);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Whether host (an address or name, as given to --host or sent in a Host header without its
// port) is a loopback one: 127.0.0.0/8, ::1, localhost.
bool is_loopback_host(const std::string& host);

}  // namespace papers::web
