// stage-times: where papers' time goes on text-layer PDFs, stage by stage, on one thread: reading
// (bytes, SHA-256, type), text (Poppler, typography, the text-layer checks), normalise, segment,
// fields, the record's JSON and the archive's insert (SQLite with its search indexes, in batches
// of 64 as ingest writes them by default), beside Poppler alone taking each page's text (the floor of
// bench/ingest_bench.sh). For finding what to make faster (issue: speed floor); prints seconds
// per stage and each as a share of the whole. Must not be a test.
// STAGE_TIMES_EXTRACTORS=1 also times each extractor alone, run before the fields stage: the stage
// then runs warm (RE2's automata built for that text) and reads lower than it does in an ingest.
//   stage-times DIR [ARCHIVE]
#include <poppler-document.h>
#include <poppler-page.h>

#include "archive/archive.h"
#include "pipeline/fields.h"
#include "pipeline/normalise.h"
#include "pipeline/pipeline.h"
#include "pipeline/read.h"
#include "pipeline/record_json.h"
#include "pipeline/segment.h"
#include "pipeline/text_extract.h"
#include "extractors/contacts.h"
#include "extractors/dates.h"
#include "extractors/decisions.h"
#include "extractors/header_fields.h"
#include "extractors/legal_references.h"
#include "extractors/links.h"
#include "extractors/recommendations.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace papers;

namespace {

struct Clock {
  std::chrono::steady_clock::time_point at = std::chrono::steady_clock::now();
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - at).count();
    at = now;
    return s;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: stage-times DIR [ARCHIVE]\n");
    return 2;
  }
  prepare_libraries();  // as ingest does: Poppler quiet, its globals held (pipeline/page_image.h)
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".pdf") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  const std::string archive_path = argc > 2 ? argv[2] : (fs::temp_directory_path() / "stage-times.db").string();
  fs::remove(archive_path);
  fs::remove(archive_path + "-wal");
  fs::remove(archive_path + "-shm");
  Archive archive(archive_path);
  const char* names[] = {"floor (Poppler text alone)", "read (bytes, SHA-256, type)", "text (Poppler, typography, checks)",
                         "normalise", "segment", "fields", "record JSON", "archive insert"};
  double t[8] = {};
  double x[7] = {};  // STAGE_TIMES_EXTRACTORS=1: header, recommendations, decisions, contacts, legal, dates, links
  TextOptions options;
  options.ocr.mode = OcrOptions::Mode::never;
  long n = 0;
  Clock c;
  archive.begin();
  for (const std::string& f : files) {
    c.lap();
    {
      std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(f));
      for (int i = 0; doc && i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> p(doc->create_page(i));
        if (p) (void)p->text(poppler::rectf(), poppler::page::physical_layout);
      }
    }
    t[0] += c.lap();
    Outcome<SourceFile> file = ReadStage()(Document{f, static_cast<std::uint64_t>(n), ""});
    t[1] += c.lap();
    if (!file.ok()) continue;
    Outcome<PageTexts> pages = TextStage(options)(std::move(file.value()));
    t[2] += c.lap();
    if (!pages.ok()) continue;
    Outcome<NormalisedText> normal = NormaliseStage()(std::move(pages.value()));
    t[3] += c.lap();
    if (!normal.ok()) continue;
    Outcome<Segments> segments = SegmentStage()(std::move(normal.value()));
    t[4] += c.lap();
    if (!segments.ok()) continue;
    if (std::getenv("STAGE_TIMES_EXTRACTORS")) {  // each extractor alone, before the stage as a whole
      const Segments& sg = segments.value();
      (void)extract_header_fields(sg); x[0] += c.lap();
      (void)extract_recommendations(sg); x[1] += c.lap();
      (void)extract_decisions(sg); x[2] += c.lap();
      (void)extract_contacts(sg); x[3] += c.lap();
      (void)extract_legal_references(sg); x[4] += c.lap();
      (void)extract_dates(sg); x[5] += c.lap();
      (void)extract_links(sg); x[6] += c.lap();
    }
    Outcome<Record> record = FieldsStage()(std::move(segments.value()));
    t[5] += c.lap();
    if (!record.ok()) continue;
    const nlohmann::json json = record_to_json(record.value());
    t[6] += c.lap();
    archive.put(record.value(), json);
    if (++n % 64 == 0) {
      archive.commit();
      archive.begin();
    }
    t[7] += c.lap();
  }
  archive.commit();
  t[7] += c.lap();
  double ours = 0;
  for (int i = 1; i < 8; ++i) ours += t[i];
  std::printf("%ld papers of %zu files, one thread\n", n, files.size());
  for (int i = 0; i < 8; ++i)
    std::printf("%-36s %8.3f s  %5.1f%%%s\n", names[i], t[i], 100 * t[i] / ours, i == 0 ? " (not counted in the whole)" : "");
  std::printf("%-36s %8.3f s  papers' stages are %.2f of the floor's rate\n", "whole (stages above)", ours, t[0] / ours);
  if (std::getenv("STAGE_TIMES_EXTRACTORS")) {
    const char* extractors[] = {"header fields", "recommendations", "decisions", "contacts", "legal references", "dates", "links"};
    for (int i = 0; i < 7; ++i) std::printf("  extractor %-25s %8.3f s\n", extractors[i], x[i]);
  }
  return 0;
}
