// `papers serve` over cpp-httplib. See server.h.
#include "web/server.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "web/page_assets.h"

namespace papers::web {
namespace {

namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

// Only the page's own script and style, no frames, no plugins, forms back to this server.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

void common_headers(Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
}

void send_json(Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  common_headers(res);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  // Invalid UTF-8 (none is expected: records were JSON already) becomes U+FFFD, never an exception.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(Response& res, int status, const std::string& why) { send_json(res, status, {{"error", why}}); }

std::string_view asset(std::string_view name) {
  for (const PageAsset& a : page_assets())
    if (a.name == name) return a.bytes;
  throw std::logic_error("no page asset " + std::string(name));
}

// The host part of a Host header: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:8080" -> "::1".
std::string host_of(const std::string& header) {
  if (!header.empty() && header.front() == '[') {
    const auto close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  const auto colon = header.find(':');
  return colon == std::string::npos ? header : header.substr(0, colon);
}

// A file name safe inside a quoted Content-Disposition parameter: ASCII letters, digits, . - _ and
// spaces; anything else becomes '_'.
std::string plain_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name)
    out += (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == ' ') && c < 0x80 ? static_cast<char>(c) : '_';
  return out.empty() ? "original" : out;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

// The library's server, with its handling of one request on a stream opened to us (answer()).
struct RoutedServer : httplib::Server {
  using httplib::Server::process_request;
  // The library listens with a backlog of 5 connections waiting to be accepted: a burst of
  // clients past it (a page's script and style at once, behind 64 half-open connections) has
  // its connections dropped and retried by TCP a second later. Listening again on the bound
  // socket sets a longer one.
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

// A connection's bytes in memory: what it sends, and what is sent back.
class BytesStream : public httplib::Stream {
 public:
  explicit BytesStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size = std::min(size, in_.size() - pos_);
    std::memcpy(ptr, in_.data() + pos_, size);
    pos_ += size;
    return static_cast<ssize_t>(size);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 49152;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  std::string& out() { return out_; }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
};

struct WebServer::State {
  ServeOptions options;
  fs::path archive_dir;
  bool loopback_only = true;
  RoutedServer http;

  void routes();
};

WebServer::WebServer(ServeOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  {
    Archive archive(state_->options.archive_path, /*read_only=*/true);
    if (!archive.searchable())
      throw std::runtime_error("the archive " + state_->options.archive_path +
                               " was made before search and has no index yet: run `papers ingest` on it once to index it");
  }
  std::error_code ec;
  // Relative paths of originals are read from the archive file's folder; a server's archive has
  // none, and they are read from where `papers serve` runs (as `papers ingest` gave them).
  state_->archive_dir = is_postgres_location(state_->options.archive_path) ? fs::current_path(ec)
                                                                           : fs::absolute(state_->options.archive_path, ec).parent_path();
  state_->loopback_only = is_loopback_host(state_->options.host);
  // httplib sets SO_REUSEPORT, with which a second server binds a port already served and the two
  // share its connections. SO_REUSEADDR alone: a restart may bind at once (past TIME_WAIT), a
  // port another process listens on is refused.
  state_->http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<void*>(&yes), sizeof(yes));
  });
  // cpp-httplib gives each connection a pool thread until it closes, and waits 5 s for a request's
  // bytes: 8 half-open connections (headers never finished) made a normal query wait 9.5 s, 64
  // stopped the server answering at all.
  const std::size_t threads = std::max<std::size_t>(4, state_->options.threads);
  state_->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  state_->http.set_read_timeout(state_->options.read_seconds, 0);
  state_->http.set_write_timeout(10, 0);
  state_->http.set_keep_alive_timeout(state_->options.read_seconds);
  state_->http.set_keep_alive_max_count(20);
  state_->routes();
}

WebServer::~WebServer() = default;

int WebServer::bind() {
  auto& o = state_->options;
  if (o.port == 0) {
    const int port = state_->http.bind_to_any_port(o.host);
    if (port <= 0) throw std::runtime_error("cannot bind " + o.host + " to a free port");
    o.port = port;
  } else if (!state_->http.bind_to_port(o.host, o.port)) {
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             ": the port is in use (another `papers serve`?) or the address is not this machine's; try --port 0 for any free port");
  }
  state_->http.widen_backlog();
  return o.port;
}

void WebServer::run() { state_->http.listen_after_bind(); }

void WebServer::stop() { state_->http.stop(); }

std::string WebServer::answer(std::string_view request) {
  BytesStream stream(request);
  bool closed = false;
  state_->http.process_request(stream, /*close_connection=*/true, closed, nullptr);
  return std::move(stream.out());
}

void WebServer::State::routes() {
  http.set_payload_max_length(options.max_body_bytes);

  // Before any route: the method, the Host (when bound to loopback), and no request body.
  http.set_pre_routing_handler([this](const Request& req, Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      send_error(res, 405, "method " + req.method + " not allowed: this server only reads (GET, HEAD)");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (loopback_only && !is_loopback_host(host_of(req.get_header_value("Host")))) {
      send_error(res, 403, "this server answers requests addressed to a loopback name (127.0.0.1, localhost, [::1]) only");
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string length = req.get_header_value("Content-Length");
    if (req.has_header("Transfer-Encoding") || (!length.empty() && length != "0")) {
      res.set_header("Connection", "close");  // the unread body must not be taken for the next request
      std::uint64_t n = 0;
      const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
      const bool big = req.has_header("Transfer-Encoding") || ec != std::errc() || end != length.data() + length.size() ||
                       n > options.max_body_bytes;
      send_error(res, big ? 413 : 400, big ? "request body too large" : "a GET request carries no body");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto page = [](const char* name, const char* type) {
    return [name, type](const Request&, Response& res) {
      common_headers(res);
      res.set_header("Content-Security-Policy", kPagePolicy);
      res.set_header("Cache-Control", "no-cache");
      const std::string_view bytes = asset(name);
      res.set_content(bytes.data(), bytes.size(), type);
    };
  };
  http.Get("/", page("index.html", "text/html; charset=utf-8"));
  http.Get(R"(/papers/[0-9a-f]{6,64})", page("index.html", "text/html; charset=utf-8"));
  http.Get("/browse", page("index.html", "text/html; charset=utf-8"));
  http.Get("/assets/app.js", page("app.js", "text/javascript; charset=utf-8"));
  http.Get("/assets/style.css", page("style.css", "text/css; charset=utf-8"));
  http.Get("/favicon.ico", [](const Request&, Response& res) { res.status = 204; });  // none, and no 404 in the log

  http.Get("/api/search", [this](const Request& req, Response& res) {
    Archive archive(options.archive_path, /*read_only=*/true);
    const Reply r = search_reply(archive, req.params, options.limits);
    send_json(res, r.status, r.body);
  });
  http.Get("/api/papers", [this](const Request& req, Response& res) {
    Archive archive(options.archive_path, /*read_only=*/true);
    const Reply r = papers_reply(archive, req.params, options.limits);
    send_json(res, r.status, r.body);
  });
  http.Get(R"(/api/papers/([^/]*))", [this](const Request& req, Response& res) {
    Archive archive(options.archive_path, /*read_only=*/true);
    const Reply r = paper_reply(archive, req.matches[1].str(), archive_dir);
    send_json(res, r.status, r.body);
  });
  http.Get("/api/overview", [this](const Request&, Response& res) {
    Archive archive(options.archive_path, /*read_only=*/true);
    const Reply r = overview_reply(archive);
    send_json(res, r.status, r.body);
  });

  // An archived paper's original, by id only; the bytes are checked against the id first.
  http.Get(R"(/papers/([^/]*)/original)", [this](const Request& req, Response& res) {
    Archive archive(options.archive_path, /*read_only=*/true);
    OriginalLookup found = find_original(archive, req.matches[1].str(), archive_dir);
    if (found.status != 200) return send_error(res, found.status, found.reason);
    common_headers(res);
    res.set_header("Cache-Control", "no-cache");
    const bool inline_ok = servable_inline(found.original.media_type);
    const std::string type = !inline_ok ? "application/octet-stream"
                             : found.original.media_type == "text/plain" ? "text/plain; charset=utf-8"
                                                                          : found.original.media_type;
    res.set_header("Content-Disposition",
                   std::string(inline_ok ? "inline" : "attachment") + "; filename=\"" + plain_file_name(found.original.file_name) + "\"");
    res.set_content(std::move(found.original.bytes), type);
  });

  // Anything unanswered (no route: 404; the library's own 400, 413, 414) gets a JSON reason.
  http.set_error_handler([](const Request&, Response& res) {
    if (!res.body.empty()) return;
    const char* why = res.status == 404   ? "not found: the page is /, a paper is /papers/ID, the API is /api/search, "
                                            "/api/papers/ID and /api/overview"
                      : res.status == 414 ? "request URI too long"
                      : res.status == 413 ? "request body too large"
                                          : "bad request";
    send_error(res, res.status, why);
  });
  http.set_exception_handler([](const Request& req, Response& res, std::exception_ptr ep) {
    std::string why = "unknown error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      why = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "papers serve: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), why.c_str());
    send_error(res, 500, "internal error: " + why);
  });
  if (options.log_requests) {
    http.set_logger([](const Request& req, const Response& res) {
      std::fprintf(stderr, "%s %s %s %d %zu\n", req.remote_addr.c_str(), req.method.c_str(), req.target.c_str(), res.status,
                   res.body.size());
    });
  }
}

}  // namespace papers::web
