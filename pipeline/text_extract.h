// Stage 3, text: the text of each page of a paper, in reading order, page boundaries kept.
// PDFs go through Poppler's C++ API; text files (plain, Markdown- or HTML-ish dumps) are
// decoded as UTF-8 and stripped of markup. Pages whose text layer is missing are kept empty.
// Must not normalise (that is stage 4) and must not throw on bad input: failures are values.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/model.h"

namespace papers {

struct TextOptions {
  // A PDF with fewer non-space characters than this in all pages has no usable text layer.
  std::size_t min_text_chars = 20;
};

// Installs a Poppler error handler that keeps Poppler's messages off stderr.
// Call once before any worker starts.
void quiet_poppler();

// Markup leftovers in text dumps: <b>..</b>, **bold**, ## headings, [label](url), &amp;.
// [label](mailto:x) keeps the label; [label](http://x) keeps "label (http://x)".
std::string strip_markup(std::string_view text);

// True when text is valid UTF-8; otherwise sets *bad_offset to the first bad byte.
bool valid_utf8(std::string_view text, std::size_t* bad_offset);

class TextStage {
 public:
  explicit TextStage(TextOptions options = {}) : options_(options) {}
  Outcome<PageTexts> operator()(SourceFile file) const;

 private:
  Outcome<PageTexts> from_pdf(const SourceFile& file) const;
  Outcome<PageTexts> from_text(const SourceFile& file) const;
  TextOptions options_;
};

}  // namespace papers
