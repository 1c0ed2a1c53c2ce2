// pdf_text: one Poppler pass a page gives what poppler-cpp's two calls give (page::text in
// physical layout, page::text_list with fonts), byte for byte and box for box, on every PDF of the
// development set and of the real corpora: every page's text, read in order through the one device a
// document's pages share, and the first four pages' words (those papers' typography reads).
#include <catch2/catch.hpp>

#include <poppler-document.h>
#include <poppler-page.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/pdf_text.h"
#include "pipeline/pipeline.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using namespace papers;

namespace {

const fs::path kSource(PAPERS_SOURCE_DIR);

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string utf8_of(const poppler::ustring& s) {
  const poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

// Every .pdf under the folders; how many pages were compared. Fails on the first difference.
std::size_t compare_folders(const std::vector<fs::path>& folders) {
  prepare_libraries();
  std::size_t pages = 0;
  for (const fs::path& folder : folders)
    for (const auto& e : fs::recursive_directory_iterator(folder)) {
      if (e.path().extension() != ".pdf") continue;
      const std::string bytes = read_all(e.path());
      std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
      const PdfText pdf(bytes);
      INFO(e.path().string());
      if (!doc) {
        CHECK(pdf.state() == PdfText::State::damaged);
        continue;
      }
      if (doc->is_locked()) {
        CHECK(pdf.state() == PdfText::State::locked);
        continue;
      }
      REQUIRE(pdf.state() == PdfText::State::ok);
      REQUIRE(pdf.pages() == doc->pages());
      // Every page's text, in order (the pages share one device), and the first four pages' words.
      for (int i = 0; i < doc->pages(); ++i) {
        INFO("page " << i + 1);
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        const bool with_words = i < 4;
        const PdfPageText one = pdf.page(i, with_words);
        REQUIRE(one.ok == (page != nullptr));
        if (!page) continue;
        ++pages;
        CHECK(one.media_width == page->page_rect(poppler::media_box).width());
        CHECK(one.media_height == page->page_rect(poppler::media_box).height());
        CHECK(one.crop_width == page->page_rect().width());
        REQUIRE(one.text == utf8_of(page->text(poppler::rectf(), poppler::page::physical_layout)));
        if (!with_words) {
          CHECK(one.words.empty());
          continue;
        }
        const std::vector<poppler::text_box> boxes = page->text_list(poppler::page::text_list_include_font);
        REQUIRE(one.words.size() == boxes.size());
        // The same words; text_list orders them by reading flow, the one pass (physical layout)
        // by position, so each box is looked for among the words.
        std::vector<bool> used(boxes.size(), false);
        for (const poppler::text_box& b : boxes) {
          bool found = false;
          for (std::size_t k = 0; k < one.words.size() && !found; ++k) {
            const PdfWord& w = one.words[k];
            if (used[k] || w.box.left() != b.bbox().left() || w.box.top() != b.bbox().top()) continue;
            found = w.text == utf8_of(b.text()) && w.box.right() == b.bbox().right() && w.box.bottom() == b.bbox().bottom() &&
                    w.rotation == b.rotation() && w.size == b.get_font_size() && w.font == b.get_font_name() &&
                    w.space_after == b.has_space_after();
            used[k] = found;
          }
          INFO("word '" << utf8_of(b.text()) << "' at " << b.bbox().left() << "," << b.bbox().top());
          REQUIRE(found);
        }
      }
    }
  return pages;
}

}  // namespace

TEST_CASE("pdf text: one pass a page gives poppler-cpp's text and words / the development set", "[pipeline][pdf-text]") {
  CHECK(compare_folders({kSource / "corpus"}) >= 25);
}

TEST_CASE("pdf text: one pass a page gives poppler-cpp's text and words / the real corpora", "[pipeline][pdf-text][corpus]") {
  const fs::path real = kSource / "../shared/realcorpus", real2 = kSource / "../shared/realcorpus2";
  if (!test::have_folder(real) || !test::have_folder(real2)) return;
  CHECK(compare_folders({real, real2}) >= 300);
}
