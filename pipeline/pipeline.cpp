// Pipeline wiring. See pipeline.h.
#include "pipeline/pipeline.h"

#include "pipeline/pack_split.h"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-version.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/version.h>
#include <tesseract/baseapi.h>
#include <unicode/uvernum.h>

#include <cstdio>
#include <memory>
#include <map>
#include <mutex>

#include "pipeline/discover.h"
#include "pipeline/fields.h"
#include "pipeline/normalise.h"
#include "pipeline/page_image.h"
#include "pipeline/segment.h"

namespace papers {
namespace {

// One paper in flight. Exactly one of its outcomes is set at a time.
struct Token {
  Document document;
  std::optional<Outcome<SourceFile>> file;
  std::optional<Outcome<Record>> record;
  bool duplicate = false;
  std::string sha256;        // of the bytes read, once read
  bool copy_in_run = false;  // duplicate of a copy read earlier in this run: it shares that copy's outcome
};
using TokenPtr = std::unique_ptr<Token>;

Failure internal_failure(const std::string& path, const std::string& stage, const char* what) {
  return Failure{path, stage, std::string("internal error: ") + what, ""};
}

}  // namespace

Outcome<Record> process_file(SourceFile file, const TextOptions& options, OcrEngines* engines, ReaderPool* readers) {
  const std::string path = file.path;
  const std::string sha = file.sha256;
  try {
    Outcome<PageTexts> pages = [&] {
      if (!readers) {
        test_faults(file.bytes);
        return TextStage(options, engines)(std::move(file));
      }
      Outcome<PageTexts> read = readers->text(file);
      std::string().swap(file.bytes);  // the reader has them; the fields need only the text
      return read;
    }();
    if (!pages.ok()) return pages.failure();
    // An agenda pack: each paper it binds is read as a paper of its own, from its pages.
    const std::vector<PackPart> parts = split_pack(pages.value());
    std::vector<PageTexts> part_texts;
    for (const PackPart& part : parts)
      if (part.kind != "blank") part_texts.push_back(part_pages(pages.value(), part));
    const auto fields_of = [&](PageTexts texts) -> Outcome<Record> {
      Outcome<NormalisedText> normal = NormaliseStage()(std::move(texts));
      if (!normal.ok()) return normal.failure();
      Outcome<Segments> segments = SegmentStage()(std::move(normal.value()));
      if (!segments.ok()) return segments.failure();
      return FieldsStage(options.date_order)(std::move(segments.value()));
    };
    Outcome<Record> record = fields_of(std::move(pages.value()));
    if (!record.ok() || parts.empty()) return record;
    Record& pack = record.value();
    pack.parts = parts;
    std::size_t k = 0;
    for (const PackPart& part : parts) {
      if (part.kind == "blank") continue;
      Outcome<Record> one = fields_of(std::move(part_texts[k++]));
      if (!one.ok()) continue;  // the pack's own record still lists the part
      one.value().part_of = PartOf{pack.source.sha256, pack.source.path, part.first, part.last};
      // A pack is one meeting's: a paper bound in it that does not name its meeting's body, date
      // or organisation is for the pack's (its cover sheet's), not found on any page of its own.
      Record& r = one.value();
      const auto from_pack = [](auto& field, const auto& packs) {
        if (field || !packs) return;
        field = packs;
        field->at = Provenance{};
      };
      from_pack(r.body, pack.body);
      from_pack(r.organisation, pack.organisation);
      from_pack(r.meeting_date, pack.meeting_date);
      pack.part_records.push_back(std::move(one.value()));
    }
    return record;
  } catch (const std::exception& e) {
    Failure f = internal_failure(path, "text", e.what());
    f.sha256 = sha;
    return f;
  } catch (...) {
    Failure f = internal_failure(path, "text", "unknown exception");
    f.sha256 = sha;
    return f;
  }
}

std::vector<std::pair<std::string, std::string>> library_versions() {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("Poppler", poppler::version_string());
  out.emplace_back("Tesseract", tesseract::TessBaseAPI::Version());
  if (char* lept = getLeptonicaVersion()) {
    std::string v = lept;
    lept_free(lept);
    if (v.rfind("leptonica-", 0) == 0) v.erase(0, 10);
    out.emplace_back("Leptonica", v);
  }
  out.emplace_back("ICU", U_ICU_VERSION);
  out.emplace_back("oneTBB", TBB_runtime_version());
  return out;
}

void prepare_libraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    quiet_poppler();
    quiet_leptonica();
    keep_page_buffers_in_heap();
    warm_up_poppler_renderer();
  });
}

Outcome<Record> extract_file(const std::string& path, const PipelineOptions& options) {
  prepare_libraries();
  Outcome<SourceFile> file = ReadStage(options.read)(Document{path, 0, ""});
  if (!file.ok()) return file.failure();
  std::unique_ptr<OcrEngines> engines;
  if (options.text.ocr.mode != OcrOptions::Mode::never) {
    engines = std::make_unique<OcrEngines>(options.text.ocr);
    if (!engines->error().empty()) return Failure{path, "ocr", engines->error(), file.value().sha256};
  }
  return process_file(std::move(file.value()), options.text, engines.get());
}

PipelineCounts run_pipeline(const std::vector<std::string>& paths, const PipelineOptions& options, PipelineSink& sink,
                            std::string* ocr_error) {
  prepare_libraries();
  const int jobs = options.jobs > 0 ? options.jobs : tbb::info::default_concurrency();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(jobs));
  // Two papers per worker keep every worker busy while one waits on the serial stages; each
  // token holds one file's bytes, so this is also what bounds memory.
  const std::size_t tokens = options.tokens > 0 ? options.tokens : static_cast<std::size_t>(jobs) * 2;
  // Reader processes for the text stage, one per worker thread, the first started now (it says
  // whether the OCR language loads).
  std::unique_ptr<ReaderPool> readers;
  if (!options.in_process) {
    ReaderOptions reader_options = options.readers;
    reader_options.threads = jobs;
    reader_options.page_slots = jobs;  // so that readers together hold no more pages than one process would
    readers = std::make_unique<ReaderPool>(options.text, reader_options);
    const std::string why = readers->start();
    if (!readers->ocr_error().empty()) {
      if (ocr_error) *ocr_error = readers->ocr_error();
      return PipelineCounts{};
    }
    if (!why.empty()) {
      std::fprintf(stderr, "papers: %s; files are read in this process instead (a parser's crash would stop the batch)\n", why.c_str());
      readers.reset();
    }
  }
  // Tesseract engines, one per worker thread, made on first use; destroyed when this returns.
  // (None when the text is read in reader processes: each has its own.)
  std::unique_ptr<OcrEngines> engines;
  if (!readers && options.text.ocr.mode != OcrOptions::Mode::never) {
    engines = std::make_unique<OcrEngines>(options.text.ocr);
    if (!engines->error().empty()) {
      if (ocr_error) *ocr_error = engines->error();
      return PipelineCounts{};
    }
  }

  Discovery discovery(paths, options.discovery);
  PipelineCounts counts;
  // Hashes between dedupe and sink, with how many later copies of the same bytes wait on them.
  // Dedupe and sink are two serial filters, which oneTBB runs at the same time on different
  // papers: both take this lock around in_flight (without it a map corrupted under load lost a
  // paper as "already in the archive", or crashed the batch).
  std::map<std::string, std::size_t> in_flight;
  std::mutex in_flight_lock;
  // Outcomes of papers that later copies wait on: a failure fails each copy (by its own path),
  // since a file that failed is not archived. Kept until the last copy reaches the sink.
  struct Settled {
    std::optional<Failure> failure;
    std::size_t waiting = 0;
  };
  std::map<std::string, Settled> settled;
  const ReadStage read(options.read);
  const TextOptions text_options = options.text;

  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, TokenPtr>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> TokenPtr {
                                         std::optional<Document> doc;
                                         try {
                                           if (!options.next_file) {
                                             doc = discovery.next();
                                           } else if (std::optional<std::string> path = options.next_file()) {
                                             Discovery one({*path}, options.discovery);
                                             doc = one.next();
                                           }
                                         } catch (const std::exception& e) {
                                           doc = Document{"(walk)", 0, std::string("cannot walk: ") + e.what()};
                                         }
                                         if (!doc) {
                                           fc.stop();
                                           return nullptr;
                                         }
                                         ++counts.files;
                                         sink.started(doc->path);
                                         auto token = std::make_unique<Token>();
                                         token->document = std::move(*doc);
                                         return token;
                                       }) &
          tbb::make_filter<TokenPtr, TokenPtr>(tbb::filter_mode::parallel,
                                               [&](TokenPtr token) -> TokenPtr {
                                                 try {
                                                   token->file = read(token->document);
                                                 } catch (const std::exception& e) {
                                                   token->file = internal_failure(token->document.path, "read", e.what());
                                                 } catch (...) {
                                                   token->file = internal_failure(token->document.path, "read", "unknown exception");
                                                 }
                                                 return token;
                                               }) &
          // In order, so the first copy of some bytes is the one processed, and it reaches the
          // (in-order) sink before the copies that wait on its outcome.
          tbb::make_filter<TokenPtr, TokenPtr>(tbb::filter_mode::serial_in_order,
                                               [&](TokenPtr token) -> TokenPtr {
                                                 if (token->file->ok()) {
                                                   const SourceFile& f = token->file->value();
                                                   token->sha256 = f.sha256;
                                                   const std::lock_guard<std::mutex> hold(in_flight_lock);
                                                   auto copy = in_flight.find(f.sha256);
                                                   if (copy != in_flight.end()) {
                                                     ++copy->second;
                                                     token->duplicate = token->copy_in_run = true;
                                                   } else {
                                                     token->duplicate = sink.already_archived(f.sha256, f.path);
                                                     if (!token->duplicate) in_flight.emplace(f.sha256, 0);
                                                   }
                                                 }
                                                 return token;
                                               }) &
          tbb::make_filter<TokenPtr, TokenPtr>(tbb::filter_mode::parallel,
                                               [&](TokenPtr token) -> TokenPtr {
                                                 if (token->file->ok() && !token->duplicate) {
                                                   token->record = process_file(std::move(token->file->value()), text_options, engines.get(), readers.get());
                                                 }
                                                 return token;
                                               }) &
          tbb::make_filter<TokenPtr, void>(tbb::filter_mode::serial_in_order, [&](TokenPtr token) {
            if (!token->file->ok()) {
              ++counts.failed;
              sink.failed(std::move(token->file->failure()));
              return;
            }
            if (token->duplicate) {
              const SourceFile& f = token->file->value();
              if (token->copy_in_run) {
                std::optional<Failure> failure;
                auto first = settled.find(f.sha256);
                if (first != settled.end()) {
                  failure = first->second.failure;
                  if (--first->second.waiting == 0) settled.erase(first);
                }
                if (failure) {
                  ++counts.failed;
                  sink.failed(Failure{f.path, failure->stage, failure->reason, f.sha256});
                  return;
                }
              }
              ++counts.skipped;
              sink.skipped(f.path, f.sha256);
              return;
            }
            const std::string sha = token->sha256;
            std::optional<Failure> failure;
            if (!token->record->ok()) failure = token->record->failure();
            if (token->record->ok()) {
              ++counts.archived;
              sink.archived(std::move(token->record->value()));
            } else {
              ++counts.failed;
              sink.failed(std::move(token->record->failure()));
            }
            const std::lock_guard<std::mutex> hold(in_flight_lock);
            auto waiting = in_flight.find(sha);
            if (waiting != in_flight.end()) {
              if (waiting->second > 0) settled[sha] = Settled{std::move(failure), waiting->second};
              in_flight.erase(waiting);
            }
          }));
  counts.passed_over = discovery.passed_over();
  return counts;
}

}  // namespace papers
