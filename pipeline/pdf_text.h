// A PDF's text read in one Poppler pass per page: the page's text in physical layout and, when
// asked, its words with their boxes and fonts (for typography), from the same TextOutputDev.
// poppler-cpp offers these as two calls (page::text, page::text_list), each laying the page out
// anew; on the first pages, where papers wants both, one pass took the text stage over 160 real
// papers from 1.31 to 0.80 s. Results are those of the two poppler-cpp calls, byte for byte (checked over every PDF of
// the corpora: tests/pipeline/pdf_text_test.cpp).
// Must not render, OCR or judge the text: text_extract.cpp does that. Needs Poppler's global
// parameters, which it holds for as long as a PdfText lives.
#pragma once

#include <poppler-rectangle.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace papers {

// One word as Poppler set it: the fields poppler::text_box gives with text_list_include_font.
struct PdfWord {
  std::string text;   // UTF-8
  poppler::rectf box;  // points, top-left origin, as text_box::bbox()
  int rotation = 0;    // 0-3, quarter turns
  double size = 0;     // font size in points
  std::string font;    // the font's name ("ABCDEF+Arial-BoldMT"), or "" when it has none
  bool space_after = false;
};

struct PdfPageText {
  bool ok = false;            // false when Poppler cannot make the page
  double media_width = 0, media_height = 0;  // the media box, points (as page_rect(media_box))
  double crop_width = 0;      // the crop box's width (as page_rect())
  std::string text;           // physical layout, as page::text(rectf(), physical_layout)
  std::vector<PdfWord> words; // only when asked
};

class PdfText {
 public:
  enum class State { ok, damaged, locked };
  // bytes must outlive this object (Poppler reads them in place).
  explicit PdfText(std::string_view bytes);
  ~PdfText();
  PdfText(const PdfText&) = delete;
  PdfText& operator=(const PdfText&) = delete;

  State state() const { return state_; }
  int pages() const;
  // Page index (0-based); with_words adds the word list from the same pass. One page at a time:
  // the document's pages share one output device.
  PdfPageText page(int index, bool with_words) const;

 private:
  struct Core;
  std::unique_ptr<Core> core_;
  State state_ = State::damaged;
};

}  // namespace papers
