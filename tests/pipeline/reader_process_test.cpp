// The reader process's encoding of PageTexts (pipeline/reader_process.h): a round trip keeps every
// field of a text-layer paper's pages (with their typography) and of an OCR'd scan's, and a cut or
// corrupt reply is refused rather than read as pages. Isolation itself (a crash, a hang, a memory
// blow-up costing one file) is tested through the binary in tests/reliability/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "pipeline/ocr.h"
#include "pipeline/read.h"
#include "pipeline/reader_process.h"
#include "pipeline/text_extract.h"

namespace fs = std::filesystem;
using namespace papers;

namespace {

PageTexts pages_of(const fs::path& path, OcrEngines* engines) {
  Outcome<SourceFile> file = ReadStage()(Document{path.string(), 0, ""});
  REQUIRE(file.ok());
  TextOptions options;
  if (!engines) options.ocr.mode = OcrOptions::Mode::never;
  Outcome<PageTexts> pages = TextStage(options, engines)(std::move(file.value()));
  REQUIRE(pages.ok());
  return pages.value();
}

}  // namespace

TEST_CASE("reader process encoding: a round trip keeps every field of text-layer and OCR'd pages", "[pipeline][isolation]") {
  const fs::path source(PAPERS_SOURCE_DIR);
  OcrEngines engines(OcrOptions{});
  REQUIRE(engines.error().empty());
  for (const PageTexts& pages : {pages_of(source / "corpus/dev/01_memo_county_highways.pdf", nullptr),
                                 pages_of(source / "corpus/scans/09_minutes_resolved.s300.png", &engines)}) {
    const std::string bytes = encode_page_texts(pages);
    PageTexts back;
    REQUIRE(decode_page_texts(bytes, &back));
    CHECK(encode_page_texts(back) == bytes);
    CHECK(back.source.path == pages.source.path);
    CHECK(back.method == pages.method);
    REQUIRE(back.pages.size() == pages.pages.size());
    const PageText &a = pages.pages[0], &b = back.pages[0];
    CHECK(b.text == a.text);
    CHECK(b.method == a.method);
    CHECK(b.confidence == a.confidence);
    CHECK(b.styled.size() == a.styled.size());
    CHECK(!b.styled.empty());
    CHECK(b.styled.back().text == a.styled.back().text);
    CHECK(b.styled.back().size == a.styled.back().size);
    CHECK(b.styled.back().ocr == a.styled.back().ocr);
    CHECK(b.width == a.width);
    CHECK(b.ocr_dpi == a.ocr_dpi);

    // Every cut of the reply is refused, and so is one with a length past its end.
    for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 97) {
      PageTexts partial;
      CHECK_FALSE(decode_page_texts(bytes.substr(0, cut), &partial));
    }
    std::string corrupt = bytes;
    corrupt[0] = '\xff';  // the path's length
    PageTexts wrong;
    CHECK_FALSE(decode_page_texts(corrupt, &wrong));
  }
}
