// The fuzz targets' bodies. See entries.h.
#include "tests/fuzz/entries.h"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <poppler-document.h>

#include "archive/archive.h"
#include "pipeline/page_image.h"
#include "pipeline/pipeline.h"
#include "pipeline/read.h"
#include "pipeline/record_json.h"
#include "web/api.h"
#include "web/server.h"

namespace fs = std::filesystem;

namespace papers::fuzz {
namespace {

void promise(bool kept, const std::string& what) {
  if (!kept) throw std::logic_error("broken promise: " + what);
}

TextOptions no_ocr() {
  TextOptions options;
  options.ocr.mode = OcrOptions::Mode::never;
  return options;
}

void check_record(const Outcome<Record>& record) {
  if (!record.ok()) {
    promise(!record.failure().reason.empty(), "a failure says why");
    return;
  }
  const Record& r = record.value();
  const std::string json = record_to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  promise(!json.empty(), "the record serialises as UTF-8 JSON");
  const auto inside = [&](const Provenance& at) {
    promise(at.span.begin <= at.span.end && at.span.end <= r.text.size(), "provenance inside the text");
  };
  for (const Recommendation& x : r.recommendations) inside(x.at);
  for (const Decision& x : r.decisions) inside(x.at);
  for (const Contact& x : r.contacts) inside(x.at);
  for (const DateValue& x : r.dates) inside(x.at);
}

SourceFile source_of(std::string bytes, const std::string& name) {
  SourceFile file;
  file.path = name;
  file.media_type = sniff_media_type(bytes);
  file.kind = media_kind(file.media_type);
  file.sha256 = "fuzz";
  file.bytes = std::move(bytes);
  return file;
}

// A small archive of the development papers' text layers, made once per process.
struct Fixture {
  std::string db;
  std::unique_ptr<web::WebServer> server;
  std::unique_ptr<Archive> archive;
};

Fixture& fixture() {
  static Fixture f;
  static std::once_flag once;
  std::call_once(once, [] {
    prepare_libraries();
    f.db = (fs::temp_directory_path() / ("papers-fuzz-" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(f.db);
    {
      Archive archive(f.db);
      PipelineOptions options;
      options.text = no_ocr();
      int n = 0;
      for (const auto& entry : fs::directory_iterator(fs::path(PAPERS_SOURCE_DIR) / "corpus/dev")) {
        if (entry.path().extension() != ".pdf" || ++n > 12) continue;
        Outcome<Record> r = extract_file(entry.path().string(), options);
        if (r.ok()) archive.put(r.value(), record_to_json(r.value()));
      }
    }
    f.archive = std::make_unique<Archive>(f.db, /*read_only=*/true);
    web::ServeOptions serve;
    serve.archive_path = f.db;
    serve.log_requests = false;
    f.server = std::make_unique<web::WebServer>(serve);
    std::atexit([] {
      f.server.reset();
      f.archive.reset();
      fs::remove(f.db);
    });
  });
  return f;
}

}  // namespace

void read_file(const std::uint8_t* data, std::size_t size) {
  prepare_libraries();
  SourceFile file = source_of(std::string(reinterpret_cast<const char*>(data), size), "fuzz-input");
  if (file.kind == MediaKind::pdf) {
    // The renderer under the project's limits: the first page, small.
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(file.bytes.data(), static_cast<int>(file.bytes.size())));
    if (doc && !doc->is_locked() && doc->pages() > 0) {
      Outcome<PageImage> image = render_pdf_page(*doc, 0, 24, ImageLimits{});
      promise(image.ok() || !image.failure().reason.empty(), "a page that cannot render says why");
    }
  } else if (file.kind == MediaKind::image) {
    Outcome<int> pages = image_page_count(file.bytes, file.media_type);
    if (pages.ok())
      for (int i = 0; i < std::min(pages.value(), 3); ++i) {
        Outcome<PageImage> image = decode_image_page(file.bytes, file.media_type, i, ImageLimits{});
        promise(image.ok() || !image.failure().reason.empty(), "an image that cannot decode says why");
      }
  }
  check_record(process_file(std::move(file), no_ocr(), nullptr));
}

void text_fields(const std::uint8_t* data, std::size_t size) {
  prepare_libraries();
  SourceFile file;
  file.path = "fuzz-input.txt";
  file.sha256 = "fuzz";
  file.media_type = "text/plain";
  file.kind = MediaKind::text;
  file.bytes.assign(reinterpret_cast<const char*>(data), size);
  check_record(process_file(std::move(file), no_ocr(), nullptr));
}

void search_query(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The first byte picks what is searched, so that each kind of hit is reached.
  SearchQuery q;
  q.text = text;
  q.in = size > 0 && (data[0] & 3) == 1 ? SearchIn::recommendations : size > 0 && (data[0] & 3) == 2 ? SearchIn::decisions : SearchIn::papers;
  q.limit = 5;
  bool refused = false;
  try {
    f.archive->search(q);
  } catch (const SearchError& e) {
    refused = true;
    promise(e.what()[0] != '\0', "a refused query says why");
  }
  if (!refused) promise(query_cost_error(text).empty(), "a query that ran was within its cost limits");
  // The web API's checks over the same words.
  web::Params params{{"q", text}};
  const web::Reply reply = web::search_reply(*f.archive, params);
  promise(reply.status == 200 || reply.status == 400, "/api/search answers 200 or 400");
}

void http_request(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  const std::string answer = f.server->answer(std::string_view(reinterpret_cast<const char*>(data), size));
  if (answer.empty()) return;  // the request was not complete: nothing is sent, as on a socket
  promise(answer.rfind("HTTP/1.1 ", 0) == 0 && answer.size() >= 12, "an HTTP response");
  promise(answer[9] != '5', "never a server error: " + answer.substr(0, 12));
}

}  // namespace papers::fuzz
