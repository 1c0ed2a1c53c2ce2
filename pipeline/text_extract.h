// Stage 3, text: the text of each page of a paper, in reading order, page boundaries kept.
// PDFs go through Poppler's C++ API, page by page: a page whose text layer is missing, too thin
// for its ink, or garbage is rendered and OCR'd (ocr.h), the others keep their text layer; pages
// of one paper are OCR'd in parallel. Text-layer pages among the first two also keep their lines
// as set (font size and weight per run: StyledLine), for titles and banners. Page images (PNG,
// JPEG, TIFF of any number of pages) are OCR'd. Text files (plain, Markdown- or HTML-ish dumps)
// are decoded as UTF-8 and stripped of markup (a Markdown site's front matter gives its title as
// the first line). Must not normalise (that is stage 4) and must not throw on bad input:
// failures are values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extractors/dates.h"
#include "pipeline/model.h"
#include "pipeline/ocr.h"

namespace papers {

struct TextOptions {
  // A paper with fewer non-space characters than this in all pages has no usable text.
  std::size_t min_text_chars = 20;
  OcrOptions ocr;
  // How numeric dates that read both ways are read (`--date-order`); unset: by each paper's signals.
  // (Carried here to the fields stage, which process_file runs after the text.)
  std::optional<DateOrder> date_order;
  // A paper's budget (`--max-pages`, `--paper-timeout`): a file of more pages is refused unread,
  // and one whose OCR runs past the seconds fails with what was left (the batch goes on).
  int max_pages = 5000;
  double paper_seconds = 1800;
  // The memory a paper's reading may take (`--paper-memory`): the data ceiling of the reader
  // process that reads it (reader_process.h); 0: none. Not enforced for text read in-process.
  std::uint64_t paper_memory_bytes = 2048ull << 20;
};

// Installs a Poppler error handler that keeps Poppler's messages off stderr.
// Call once before any worker starts.
void quiet_poppler();

// Markup leftovers in text dumps: <b>..</b>, **bold**, ## headings, [label](url), &amp;.
// [label](mailto:x) keeps the label; [label](http://x) keeps "label (http://x)".
std::string strip_markup(std::string_view text);

class TextStage {
 public:
  // engines: where pages are OCR'd; null when OCR is off (pages that need it are reported).
  explicit TextStage(TextOptions options = {}, OcrEngines* engines = nullptr) : options_(options), engines_(engines) {}
  Outcome<PageTexts> operator()(SourceFile file) const;

 private:
  Outcome<PageTexts> from_pdf(const SourceFile& file) const;
  Outcome<PageTexts> from_image(const SourceFile& file) const;
  Outcome<PageTexts> from_text(const SourceFile& file) const;
  // Why OCR cannot run now ("" when it can).
  std::string ocr_unavailable() const;
  TextOptions options_;
  OcrEngines* engines_;
};

}  // namespace papers
