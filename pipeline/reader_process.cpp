// Reader processes for the text stage. See reader_process.h.
#include "pipeline/reader_process.h"

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <thread>

#include "pipeline/ocr.h"
#include "pipeline/page_slots.h"
#include "pipeline/pipeline.h"

namespace papers {
namespace {

// ---- the encoding: fixed-width numbers and length-prefixed strings, in this machine's order ----

class Writer {
 public:
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void i64(std::int64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void flag(bool v) { out_.push_back(v ? 1 : 0); }
  void str(const std::string& s) {
    u64(s.size());
    out_.append(s);
  }
  void opt(const std::optional<double>& v) {
    flag(v.has_value());
    if (v) f64(*v);
  }
  std::string& bytes() { return out_; }

 private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::uint64_t u64() { return fixed<std::uint64_t>(); }
  std::int64_t i64() { return fixed<std::int64_t>(); }
  double f64() { return fixed<double>(); }
  bool flag() { return fixed<char>() != 0; }
  std::string str() {
    const std::uint64_t n = u64();
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    std::string s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::optional<double> opt() {
    if (!flag()) return std::nullopt;
    return f64();
  }
  // A count of items that each take at least min_bytes: a corrupt count cannot make us reserve.
  std::uint64_t count(std::size_t min_bytes) {
    const std::uint64_t n = u64();
    if (!ok_ || n > (in_.size() - pos_) / min_bytes) {
      ok_ = false;
      return 0;
    }
    return n;
  }

 private:
  template <typename T>
  T fixed() {
    T v{};
    if (!ok_ || in_.size() - pos_ < sizeof v) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  const std::string& in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void put_failure(Writer& w, const Failure& f) {
  w.str(f.path);
  w.str(f.stage);
  w.str(f.reason);
  w.str(f.sha256);
}

Failure get_failure(Reader& r) {
  Failure f;
  f.path = r.str();
  f.stage = r.str();
  f.reason = r.str();
  f.sha256 = r.str();
  return f;
}

void put_pages(Writer& w, const PageTexts& p) {
  w.str(p.source.path);
  w.str(p.source.sha256);
  w.u64(p.source.bytes);
  w.str(p.source.media_type);
  w.i64(p.source.pages);
  w.str(p.source.warning);
  w.str(p.method);
  w.u64(p.pages.size());
  for (const PageText& page : p.pages) {
    w.i64(page.number);
    w.str(page.text);
    w.str(page.method);
    w.opt(page.confidence);
    w.str(page.ocr_reason);
    w.i64(page.rotation);
    w.str(page.error);
    w.u64(page.styled.size());
    for (const StyledLine& s : page.styled) {
      w.str(s.text);
      w.f64(s.size);
      w.flag(s.bold);
      w.f64(s.top);
      w.f64(s.left);
      w.f64(s.right);
      w.f64(s.page_width);
      w.i64(s.page);
      w.flag(s.ocr);
    }
    w.f64(page.body_size);
    w.f64(page.width);
    w.f64(page.height);
    w.i64(page.ocr_dpi);
  }
}

bool get_pages(Reader& r, PageTexts* p) {
  p->source.path = r.str();
  p->source.sha256 = r.str();
  p->source.bytes = r.u64();
  p->source.media_type = r.str();
  p->source.pages = static_cast<int>(r.i64());
  p->source.warning = r.str();
  p->method = r.str();
  const std::uint64_t pages = r.count(8);
  p->pages.resize(pages);
  for (PageText& page : p->pages) {
    page.number = static_cast<int>(r.i64());
    page.text = r.str();
    page.method = r.str();
    page.confidence = r.opt();
    page.ocr_reason = r.str();
    page.rotation = static_cast<int>(r.i64());
    page.error = r.str();
    page.styled.resize(r.count(8));
    for (StyledLine& s : page.styled) {
      s.text = r.str();
      s.size = r.f64();
      s.bold = r.flag();
      s.top = r.f64();
      s.left = r.f64();
      s.right = r.f64();
      s.page_width = r.f64();
      s.page = static_cast<int>(r.i64());
      s.ocr = r.flag();
    }
    page.body_size = r.f64();
    page.width = r.f64();
    page.height = r.f64();
    page.ocr_dpi = static_cast<int>(r.i64());
    if (!r.ok()) return false;
  }
  return r.ok();
}

void put_options(Writer& w, const TextOptions& t, std::uint64_t memory_bytes, int threads, const std::string& slots, int slot_count,
                 bool check_ocr) {
  w.u64(t.min_text_chars);
  w.i64(static_cast<int>(t.ocr.mode));
  w.i64(t.ocr.dpi);
  w.str(t.ocr.lang);
  w.f64(t.ocr.page_seconds);
  w.flag(t.ocr.preprocess);
  w.flag(t.ocr.orientation);
  w.i64(t.ocr.limits.max_pixels);
  w.i64(t.ocr.limits.max_side);
  w.i64(t.ocr.limits.ocr_pixels);
  w.i64(t.max_pages);
  w.f64(t.paper_seconds);
  w.u64(memory_bytes);
  w.i64(threads);
  w.str(slots);
  w.i64(slot_count);
  w.flag(check_ocr);
}

bool get_options(Reader& r, TextOptions* t, std::uint64_t* memory_bytes, int* threads, std::string* slots, int* slot_count,
                 bool* check_ocr) {
  t->min_text_chars = r.u64();
  t->ocr.mode = static_cast<OcrOptions::Mode>(r.i64());
  t->ocr.dpi = static_cast<int>(r.i64());
  t->ocr.lang = r.str();
  t->ocr.page_seconds = r.f64();
  t->ocr.preprocess = r.flag();
  t->ocr.orientation = r.flag();
  t->ocr.limits.max_pixels = r.i64();
  t->ocr.limits.max_side = static_cast<int>(r.i64());
  t->ocr.limits.ocr_pixels = r.i64();
  t->max_pages = static_cast<int>(r.i64());
  t->paper_seconds = r.f64();
  *memory_bytes = r.u64();
  *threads = static_cast<int>(r.i64());
  *slots = r.str();
  *slot_count = static_cast<int>(r.i64());
  *check_ocr = r.flag();
  return r.ok();
}

// ---- frames over the socket: an 8-byte length, then the payload ----

using Clock = std::chrono::steady_clock;

// AddressSanitizer maps terabytes of shadow memory: a data ceiling would stop it at once.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// Waits until fd is ready for events or the deadline passes (nullopt: no deadline).
bool wait_for(int fd, short events, std::optional<Clock::time_point> deadline) {
  for (;;) {
    int ms = -1;
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (left <= 0) return false;
      ms = static_cast<int>(std::min<long long>(left, 60'000));
    }
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, ms);
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

enum class Io { ok, closed, timed_out };

Io send_all(int fd, const char* data, std::size_t size, std::optional<Clock::time_point> deadline) {
  while (size > 0) {
    if (!wait_for(fd, POLLOUT, deadline)) return Io::timed_out;
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return Io::closed;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return Io::ok;
}

Io recv_all(int fd, char* data, std::size_t size, std::optional<Clock::time_point> deadline) {
  while (size > 0) {
    if (!wait_for(fd, POLLIN, deadline)) return Io::timed_out;
    const ssize_t n = ::recv(fd, data, size, 0);
    if (n == 0) return Io::closed;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return Io::closed;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return Io::ok;
}

// A frame of parts sent one after another (a file's bytes are not copied into the frame).
Io send_frame(int fd, const std::vector<std::string_view>& parts, std::optional<Clock::time_point> deadline) {
  std::uint64_t size = 0;
  for (std::string_view p : parts) size += p.size();
  Io io = send_all(fd, reinterpret_cast<const char*>(&size), sizeof size, deadline);
  for (std::string_view p : parts)
    if (io == Io::ok) io = send_all(fd, p.data(), p.size(), deadline);
  return io;
}

// Frames are at most a file's bytes (ReadOptions::max_bytes) and its text: 4 GiB is past both.
constexpr std::uint64_t kLargestFrame = 4ull << 30;

Io recv_frame(int fd, std::string* payload, std::optional<Clock::time_point> deadline) {
  std::uint64_t size = 0;
  Io io = recv_all(fd, reinterpret_cast<char*>(&size), sizeof size, deadline);
  if (io != Io::ok) return io;
  if (size > kLargestFrame) return Io::closed;
  payload->resize(size);
  return recv_all(fd, payload->data(), size, deadline);
}

std::string signal_words(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* text = strsignal(sig);
  std::string s = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
  if (text) s += std::string(", ") + text;
  return s;
}

std::string megabytes(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// ---- the reader process's side ----

}  // namespace

void test_faults(const std::string& bytes) {
  static const bool enabled = [] {
    const char* v = std::getenv("PAPERS_TEST_READER_FAULTS");
    return v && std::strcmp(v, "1") == 0;
  }();
  if (!enabled) return;
  if (bytes.find("PAPERS-TEST-READER-CRASH") != std::string::npos) {
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
  }
  if (bytes.find("PAPERS-TEST-READER-HANG") != std::string::npos)
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  if (bytes.find("PAPERS-TEST-READER-MEMORY") != std::string::npos) {
    std::vector<std::unique_ptr<char[]>> held;
    for (std::uint64_t taken = 0; taken < (64ull << 30); taken += 16 << 20) {
      held.emplace_back(new char[16 << 20]);
      std::memset(held.back().get(), 1, 16 << 20);
    }
  }
}

namespace {

// Free heap a reader keeps between papers: about four A4 pages' images at 300 dpi in grey.
constexpr std::size_t kFreeHeapKept = std::size_t{32} << 20;

int reader_process(int fd) {
  // An ingest that is killed (SIGKILL, a lost terminal) cannot tell its readers: each checks
  // every second that the process that started it is still its parent, and ends when it is not,
  // rather than finish a long OCR nobody will read.
  std::thread([parent = ::getppid()] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      if (::getppid() != parent) ::_exit(0);
    }
  }).detach();
  prepare_libraries();
  std::string frame;
  if (recv_frame(fd, &frame, std::nullopt) != Io::ok) return 2;
  TextOptions text;
  std::uint64_t memory_bytes = 0;
  int threads = 1, slot_count = 0;
  std::string slots;
  bool check_ocr = true;
  {
    Reader r(frame);
    if (!get_options(r, &text, &memory_bytes, &threads, &slots, &slot_count, &check_ocr)) return 2;
  }
  use_page_slots(slots, slot_count);
  if (memory_bytes > 0 && !kAddressSanitizer) {
    const rlimit limit{memory_bytes, memory_bytes};
    ::setrlimit(RLIMIT_DATA, &limit);
  }
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(std::max(1, threads)));
  std::unique_ptr<OcrEngines> engines;
  std::string hello;
  if (text.ocr.mode != OcrOptions::Mode::never) {
    // Only the pool's first reader loads a model to say whether the language loads; the others
    // load theirs at their first scanned page (a batch of text-layer papers loads one).
    engines = std::make_unique<OcrEngines>(text.ocr, check_ocr);
    hello = engines->error();
  }
  if (send_frame(fd, {hello}, std::nullopt) != Io::ok || !hello.empty()) return hello.empty() ? 2 : 0;
  const TextStage stage(text, engines.get());
  for (;;) {
    if (recv_frame(fd, &frame, std::nullopt) != Io::ok) return 0;  // the ingest is done with us
    SourceFile file;
    {
      Reader r(frame);
      file.path = r.str();
      file.sha256 = r.str();
      file.media_type = r.str();
      file.kind = static_cast<MediaKind>(r.i64());
      file.warning = r.str();
      file.bytes = r.str();
      if (!r.ok()) return 2;
    }
    frame.clear();
    frame.shrink_to_fit();
    Writer w;
    bool out_of_memory = false;
    const std::string path = file.path, sha = file.sha256;
    try {
      test_faults(file.bytes);
      Outcome<PageTexts> pages = stage(std::move(file));
      w.flag(pages.ok());
      if (pages.ok()) put_pages(w, pages.value());
      else put_failure(w, pages.failure());
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
    } catch (const std::exception& e) {
      w = Writer();
      w.flag(false);
      put_failure(w, Failure{path, "text", std::string("internal error: ") + e.what(), sha});
    }
    if (out_of_memory) {
      // What this process holds may be half-made: say so and end; the ingest starts another.
      w = Writer();
      w.flag(false);
      put_failure(w, Failure{"", "text", "memory", ""});
      send_frame(fd, {w.bytes()}, std::nullopt);
      return 3;
    }
    if (send_frame(fd, {w.bytes()}, std::nullopt) != Io::ok) return 0;
    // The heap kept for the next page (keep_page_buffers_in_heap) is handed back between papers
    // once it holds more free memory than a few pages' images: a reader waiting for its next file
    // holds no poster's worth of freed pages. (Trimming after every paper handed back the few MiB a
    // text paper frees, and the next paper faulted them in again: 87 madvise calls a paper.)
    w = Writer();
    if (::mallinfo2().fordblks > kFreeHeapKept) ::malloc_trim(0);
  }
}

}  // namespace

std::string encode_page_texts(const PageTexts& pages) {
  Writer w;
  put_pages(w, pages);
  return std::move(w.bytes());
}

bool decode_page_texts(const std::string& bytes, PageTexts* pages) {
  Reader r(bytes);
  return get_pages(r, pages) && r.at_end();
}

int run_reader_process_if_asked(int argc, char** argv) {
  if (argc != 3 || std::strcmp(argv[1], "--reader-process") != 0) return -1;
  return reader_process(std::atoi(argv[2]));
}

// ---- the ingest's side ----

struct ReaderPool::Reader {
  pid_t pid = -1;
  int fd = -1;
  ~Reader() { end(false); }
  // Ends the process: asked to (its socket closed, then waited for) or killed. Returns its wait status.
  int end(bool kill_it) {
    int status = 0;
    if (fd >= 0) ::close(fd);
    fd = -1;
    if (pid > 0) {
      if (kill_it) ::kill(pid, SIGKILL);
      // A reader that was told to end exits at once; one that does not within 5 s is killed.
      const auto until = Clock::now() + std::chrono::seconds(5);
      for (;;) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR)) break;
        if (Clock::now() > until) {
          ::kill(pid, SIGKILL);
          ::waitpid(pid, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
    pid = -1;
    return status;
  }
};

ReaderPool::ReaderPool(TextOptions text, ReaderOptions options) : text_(std::move(text)), options_(std::move(options)) {}

ReaderPool::~ReaderPool() {
  idle_.clear();  // each reader is told to end and waited for
  remove_page_slots(slots_);
}

std::unique_ptr<ReaderPool::Reader> ReaderPool::spawn(std::string* error) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    *error = std::string("cannot make a socket for a reader process: ") + std::strerror(errno);
    return nullptr;
  }
  // posix_spawn, not fork: the child runs no atfork handler of any library and copies nothing of
  // this (large, many-threaded) process before it becomes the reader. The reader's end of the
  // socket is its fd 3; its standard input and output are /dev/null (a library's stray print must
  // not land in the protocol); standard error is the ingest's.
  if (sv[1] == 3) {
    const int moved = ::fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
    ::close(sv[1]);
    sv[1] = moved;
  }
  // Named papers-reader in ps and top; the program run is options_.program.
  std::vector<char*> argv = {const_cast<char*>("papers-reader"), const_cast<char*>("--reader-process"), const_cast<char*>("3"), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, sv[1], 3);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int spawned = sv[1] < 0 ? EBADF : ::posix_spawn(&pid, options_.program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    *error = "cannot start a reader process (" + options_.program + "): " + std::strerror(spawned);
    ::close(sv[0]);
    if (sv[1] >= 0) ::close(sv[1]);
    return nullptr;
  }
  ::close(sv[1]);
  auto reader = std::make_unique<Reader>();
  reader->pid = pid;
  reader->fd = sv[0];
  ++started_;
  Writer w;
  put_options(w, text_, text_.paper_memory_bytes, options_.threads, slots_, options_.page_slots, /*check_ocr=*/started_ == 1);
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  std::string hello;
  if (send_frame(reader->fd, {w.bytes()}, deadline) != Io::ok || recv_frame(reader->fd, &hello, deadline) != Io::ok) {
    const int status = reader->end(true);
    *error = "a reader process (" + options_.program + " --reader-process) did not start" +
             (WIFEXITED(status) && WEXITSTATUS(status) == 127 ? std::string(": the program cannot be run") : std::string());
    return nullptr;
  }
  if (!hello.empty()) {
    ocr_error_ = hello;
    *error = hello;
    return nullptr;
  }
  return reader;
}

std::string ReaderPool::start() {
  if (options_.page_slots > 0 && slots_.empty()) slots_ = make_page_slots(options_.page_slots);
  std::string error;
  std::unique_ptr<Reader> first;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    first = spawn(&error);
    if (first) idle_.push_back(std::move(first));
  }
  return error;
}

Outcome<PageTexts> ReaderPool::text(const SourceFile& file) {
  std::unique_ptr<Reader> reader;
  std::string error;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      reader = std::move(idle_.back());
      idle_.pop_back();
    } else {
      reader = spawn(&error);
    }
  }
  if (!reader) return Failure{file.path, "text", error, file.sha256};

  // A reader keeps the paper's budget itself, between pages: the page in work when it runs out
  // has its own limit (--ocr-page-timeout) to end. Past both it is killed, after a margin of a
  // tenth of the budget, between 1 s and margin_seconds.
  const double budget = text_.paper_seconds + text_.ocr.page_seconds +
                        std::min(options_.margin_seconds, std::max(1.0, text_.paper_seconds / 10));
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(budget));
  Writer head;
  head.str(file.path);
  head.str(file.sha256);
  head.str(file.media_type);
  head.i64(static_cast<int>(file.kind));
  head.str(file.warning);
  head.u64(file.bytes.size());
  Io io = send_frame(reader->fd, {head.bytes(), file.bytes}, deadline);
  std::string reply;
  if (io == Io::ok) io = recv_frame(reader->fd, &reply, deadline);

  std::optional<Outcome<PageTexts>> result;
  bool keep = false;
  if (io == Io::ok) {
    ::papers::Reader r(reply);
    if (r.flag()) {
      PageTexts pages;
      if (get_pages(r, &pages)) {
        result.emplace(std::move(pages));
        keep = true;
      }
    } else {
      Failure f = get_failure(r);
      if (r.ok() && !(f.stage == "text" && f.reason == "memory" && f.path.empty())) {
        result.emplace(std::move(f));
        keep = true;
      } else if (r.ok()) {
        result.emplace(Failure{file.path, "text",
                               "reading it needed more memory than a paper may have (" + megabytes(text_.paper_memory_bytes) +
                                   ", --paper-memory); the reader process was replaced",
                               file.sha256});
      }
    }
  }
  if (!result) {
    const int status = reader->end(io == Io::timed_out);
    std::string why;
    if (io == Io::timed_out) {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%g", budget);
      why = std::string("reading it ran past the paper's time budget (") + seconds +
            " s: --paper-timeout, a page's --ocr-page-timeout and a margin); the reader process was stopped";
    } else if (WIFSIGNALED(status)) {
      why = "reading it crashed the reader process (" + signal_words(WTERMSIG(status)) + ")";
      if (WTERMSIG(status) == SIGKILL) why += ": killed from outside, perhaps for want of memory";
    } else if (WIFEXITED(status)) {
      why = "the reader process ended while reading it (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
    } else {
      why = "the reader process's reply could not be read";
    }
    result.emplace(Failure{file.path, "text", why, file.sha256});
  }
  if (keep) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(reader));
  }
  return std::move(*result);
}

}  // namespace papers
