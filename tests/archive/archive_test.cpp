// The archive keeps how each page was read, and lists OCR'd papers whose pages read poorly.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "archive/archive.h"
#include "pipeline/record_json.h"

namespace fs = std::filesystem;
using namespace papers;

TEST_CASE("archive: per-page methods and low OCR confidence in stats", "[archive][ocr]") {
  const fs::path db = fs::temp_directory_path() / ("papers-archive-test-" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  {
    Archive archive(db.string());
    Record scan;
    scan.source = SourceInfo{"scan.pdf", std::string(64, 'a'), 100, "application/pdf", 3, ""};
    scan.method = "pdf-mixed";
    scan.pages = {PageInfo{1, "text", 900, std::nullopt, "", 0, ""},
                  PageInfo{2, "ocr", 800, 41.0, "no text layer", 90, ""},
                  PageInfo{3, "ocr", 0, std::nullopt, "no text layer", 0, "OCR took longer than the page time limit (1 s)"}};
    Record clean = scan;
    clean.source.sha256 = std::string(64, 'b');
    clean.source.path = "clean.pdf";
    clean.pages = {PageInfo{1, "ocr", 900, 93.0, "page image", 0, ""}};
    archive.begin();
    archive.put(scan, record_to_json(scan));
    archive.put(clean, record_to_json(clean));
    archive.commit();
    const ArchiveStats st = archive.stats();
    REQUIRE(st.low_confidence.size() == 1);
    CHECK(st.low_confidence[0].path == "scan.pdf");
    CHECK(st.low_confidence[0].pages == "2 (41)");
    CHECK(st.page_errors == 1);
    CHECK(st.by_page_method == std::vector<std::pair<std::string, std::int64_t>>{{"ocr", 3}, {"text", 1}});
  }
  fs::remove(db);
}
