// Stage 3, text: Poppler text per page, OCR where a page needs it, or decoded text files.
// See text_extract.h.
#include "pipeline/text_extract.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <re2/re2.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <limits>
#include <memory>

#include "extractors/pattern.h"
#include "pipeline/page_image.h"
#include "pipeline/page_slots.h"
#include "pipeline/pdf_text.h"
#include "pipeline/text_quality.h"
#include "pipeline/utf8.h"

namespace papers {
namespace {

void drop_poppler_message(const std::string&, void*) {}

// Pages whose typography is kept (titles and banners are on the first, sometimes the second).
constexpr int kStyledPages = 2;
// How far to look for a page of body text (kBodyTextChars) when the first pages hold display
// lines only (normalise.cpp takes the body's size from such a page).
constexpr int kBodyPagesLookedAt = 4;

SourceInfo source_info(const SourceFile& file) {
  return SourceInfo{file.path, file.sha256, file.bytes.size(), file.media_type, 0, file.warning};
}

std::size_t non_space_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c > ' ');
  return n;
}

// ICU's best guess at a non-UTF-8 text's charset, for the error message.
std::string guess_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return "";
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 16)), &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  std::string name = (U_SUCCESS(status) && match) ? ucsdet_getName(match, &status) : "";
  ucsdet_close(detector);
  return U_SUCCESS(status) ? name : "";
}

}  // namespace

// The lines of a page as set, from Poppler's text boxes (words) with their fonts: words whose
// vertical extents overlap by half form a line, read left to right; a gap wider than two
// characters' height splits a line into runs (columns of a table, a banner's two ends). Each run
// carries the size and weight most of its characters have. body_size: the size most of the
// page's characters are set in.
std::vector<StyledLine> styled_lines(std::vector<PdfWord> page_words, double page_width, int number, double* body_size) {
  struct Word {
    std::string text;
    poppler::rectf box;
    double size;
    bool bold;
    bool space_after;
  };
  std::vector<Word> words;
  for (PdfWord& b : page_words) {
    if (b.text.find_first_not_of(" \t") == std::string::npos || b.rotation != 0) continue;
    std::string& font = b.font;
    for (char& c : font) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool bold = font.find("bold") != std::string::npos || font.find("black") != std::string::npos ||
                      font.find("heavy") != std::string::npos || font.find("semibold") != std::string::npos ||
                      font.find("demi") != std::string::npos;
    words.push_back(Word{std::move(b.text), b.box, b.size, bold, b.space_after});
  }
  std::map<long, std::size_t> chars_by_size;  // size in tenths of a point -> characters
  for (const Word& w : words) chars_by_size[std::lround(w.size * 10)] += w.text.size();
  std::size_t most = 0;
  *body_size = 0;
  for (const auto& [tenths, n] : chars_by_size)
    if (n > most) {
      most = n;
      *body_size = static_cast<double>(tenths) / 10;
    }
  // Words into lines: sorted by top, then joined while they overlap the line vertically.
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.box.top() < b.box.top(); });
  std::vector<std::vector<const Word*>> lines;
  for (const Word& w : words) {
    bool placed = false;
    if (!lines.empty()) {
      const poppler::rectf& last = lines.back().front()->box;
      const double overlap = std::min(last.bottom(), w.box.bottom()) - std::max(last.top(), w.box.top());
      if (overlap >= 0.5 * std::min(last.height(), w.box.height())) {
        lines.back().push_back(&w);
        placed = true;
      }
    }
    if (!placed) lines.push_back({&w});
  }
  std::vector<StyledLine> out;
  for (auto& line : lines) {
    std::stable_sort(line.begin(), line.end(), [](const Word* a, const Word* b) { return a->box.left() < b->box.left(); });
    std::vector<std::vector<const Word*>> runs{{}};
    for (const Word* w : line) {
      if (!runs.back().empty()) {
        const Word* prev = runs.back().back();
        if (w->box.left() - prev->box.right() > 2 * std::max(prev->box.height(), w->box.height())) runs.emplace_back();
      }
      runs.back().push_back(w);
    }
    for (const auto& run : runs) {
      StyledLine l;
      l.page = number;
      l.top = run.front()->box.top();
      l.left = run.front()->box.left();
      l.right = run.back()->box.right();
      l.page_width = page_width;
      std::map<long, std::size_t> sizes;
      std::size_t bold_chars = 0, chars = 0;
      const Word* prev = nullptr;
      for (const Word* w : run) {
        // A space where Poppler saw one or the words stand apart; none inside "21st" set with a
        // raised "st".
        if (prev && (prev->space_after || w->box.left() - prev->box.right() > 0.15 * std::min(prev->size, w->size))) l.text += ' ';
        prev = w;
        l.text += w->text;
        sizes[std::lround(w->size * 10)] += w->text.size();
        chars += w->text.size();
        if (w->bold) bold_chars += w->text.size();
        l.top = std::min(l.top, w->box.top());
      }
      std::size_t best = 0;
      for (const auto& [tenths, n] : sizes)
        if (n > best) {
          best = n;
          l.size = static_cast<double>(tenths) / 10;
        }
      l.bold = bold_chars * 2 > chars;
      out.push_back(std::move(l));
    }
  }
  return out;
}

void quiet_poppler() { poppler::set_debug_error_function(drop_poppler_message, nullptr); }

std::string strip_markup(std::string_view input) {
  // [label](url) -- e.g. [cambs-pcc@cambs.police.uk](mailto:cambs-pcc@cambs.police.uk)
  static const Pattern kMarkdownLink(R"re(\[([^\]\n]*)\]\(([^)\s]*)\))re");
  // <b>, </b>, <br/>, <span class="x"> -- any HTML tag
  static const Pattern kHtmlTag(R"re(<[/!]?[A-Za-z][^<>\n]*>)re");
  // ## **5. Next Steps** -- Markdown heading markers at a line start
  static const Pattern kHeadingMarker(R"re((?m)^[ \t]*#{1,6}[ \t]+)re");
  // **bold** and __bold__ markers
  static const Pattern kBoldMarker(R"re(\*\*|__)re");

  std::string text(input);
  // Front matter (a Markdown site's "---" / "title: \"Minutes\"" / "---"): its title is the
  // paper's heading, its other keys "Key: value" rows.
  static const Pattern kFrontMatter(R"re(^---[ \t]*\n((?:[A-Za-z_][\w-]*:[^\n]*\n){1,30})---[ \t]*\n)re");
  if (re2::StringPiece block; RE2::PartialMatch(text, kFrontMatter, &block)) {
    static const Pattern kKey(R"re(^([A-Za-z_][\w-]*):[ \t]*"?([^"\n]*)"?[ \t]*$)re");
    std::string rows;
    re2::StringPiece lines = block;
    while (!lines.empty()) {
      const std::size_t nl = lines.find('\n');
      const std::string line(lines.substr(0, nl));
      lines.remove_prefix(nl == re2::StringPiece::npos ? lines.size() : nl + 1);
      std::string key, value;
      if (!RE2::FullMatch(line, kKey, &key, &value) || value.empty()) continue;
      if (key == "title") rows = value + "\n\n" + rows;
      else rows += std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])))) + key.substr(1) + ": " + value + "\n";
    }
    const std::size_t end = static_cast<std::size_t>(block.data() - text.data()) + block.size() + text.substr(block.data() - text.data() + block.size()).find('\n') + 1;
    text = rows + "\n" + text.substr(end);
  }
  // Links first, keeping web addresses so the links extractor still sees them.
  std::string out;
  re2::StringPiece rest(text);
  re2::StringPiece label, url;
  const char* last = text.data();
  while (RE2::FindAndConsume(&rest, kMarkdownLink, &label, &url)) {
    const char* match_begin = rest.data() - (label.size() + url.size() + 4);
    out.append(last, match_begin - last);
    out.append(label.data(), label.size());
    const std::string target(url.data(), url.size());
    if ((target.starts_with("http://") || target.starts_with("https://")) && target != std::string(label.data(), label.size()))
      out += " (" + target + ")";
    last = rest.data();
  }
  out.append(last, text.data() + text.size() - last);
  RE2::GlobalReplace(&out, kHtmlTag, "");
  // "---", "***", "___" on a line of their own: a rule between blocks, not text. In a dump of a
  // PDF whose rules are followed by the page's number ("---" / "**2**"), each rule is where a page
  // ends: a form feed, as pdftotext writes. Otherwise a paragraph break (an empty line kept, so
  // that a double-spaced page still breaks there).
  static const Pattern kRule(R"re((?m)^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$)re");
  // "---" / "" / "**3**": a rule, then a page number alone
  static const Pattern kRuleThenNumber(R"re((?m)^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:\*\*)?\d{1,4}(?:\*\*)?[ \t]*$)re");
  re2::StringPiece counting(out);
  int rules = 0, numbered_rules = 0;
  while (RE2::FindAndConsume(&counting, kRule)) ++rules;
  counting = re2::StringPiece(out);
  while (RE2::FindAndConsume(&counting, kRuleThenNumber)) ++numbered_rules;
  RE2::GlobalReplace(&out, kRule, rules >= 2 && numbered_rules * 2 >= rules ? "\f" : "\n");
  RE2::GlobalReplace(&out, kHeadingMarker, "");
  RE2::GlobalReplace(&out, kBoldMarker, "");
  // "Signed: \_\_\_", "1\. Apologies", "\*": Markdown's escapes of its own signs
  static const Pattern kEscape(R"re(\\([\\`*_{}\[\]()#+.!|-]))re");
  RE2::GlobalReplace(&out, kEscape, "\\1");
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, replacement] : kEntities) {
    for (std::size_t pos = out.find(entity); pos != std::string::npos; pos = out.find(entity, pos + 1))
      out.replace(pos, std::strlen(entity), replacement);
  }
  return out;
}

Outcome<PageTexts> TextStage::operator()(SourceFile file) const {
  switch (file.kind) {
    case MediaKind::pdf: return from_pdf(file);
    case MediaKind::text: return from_text(file);
    case MediaKind::image: return from_image(file);
    case MediaKind::unsupported: break;
  }
  return Failure{file.path, "text", "unsupported content: " + file.media_type, file.sha256};
}

std::string TextStage::ocr_unavailable() const {
  if (options_.ocr.mode == OcrOptions::Mode::never || !engines_) return "OCR is off (--ocr never)";
  return engines_->error();
}

namespace {

// The pages of one paper that are to be OCR'd, and what came of each.
struct OcrJob {
  int index = 0;           // 0-based page
  std::string reason;      // why it is OCR'd
  bool keep_text_layer_if_thin = false;  // a thin text layer stays unless OCR finds much more
  std::optional<Outcome<OcrPage>> result;
  int dpi = 0;             // the resolution its image was read at
  bool over_budget = false;  // not read: the paper's time budget was spent
};

// Why a paper's OCR stopped, when it ran past its budget; "" when it did not.
std::string budget_reason(const std::vector<OcrJob>& jobs, double seconds) {
  std::size_t left = 0;
  for (const OcrJob& job : jobs) left += job.over_budget;
  if (left == 0) return "";
  char line[200];
  std::snprintf(line, sizeof line, "OCR ran past the paper's time budget of %g s (--paper-timeout) with %zu of its %zu pages to read",
                seconds, left, jobs.size());
  return line;
}

std::string join_page_errors(const std::vector<PageText>& pages) {
  std::string out;
  for (const PageText& p : pages) {
    if (p.error.empty()) continue;
    if (!out.empty()) out += "; ";
    out += "page " + std::to_string(p.number) + ": " + p.error;
  }
  return out;
}

void add_warning(SourceInfo& source, const std::string& warning) {
  if (warning.empty()) return;
  source.warning += source.warning.empty() ? "" : "; ";
  source.warning += warning;
}

// Runs the jobs in parallel (oneTBB; pages of one paper at once), each through page_image (a
// page image) and OCR. page_image is called on the thread that runs the job.
template <typename PageImageOf>
void run_ocr_jobs(std::vector<OcrJob>& jobs, OcrEngines& engines, PageImageOf page_image,
                  std::chrono::steady_clock::time_point deadline) {
  tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t k) {
    OcrJob& job = jobs[k];
    // A page not begun when the paper's budget is spent is not begun at all.
    if (std::chrono::steady_clock::now() > deadline) {
      job.over_budget = true;
      job.result = Failure{"", "text", "not read: the paper's time budget was spent", ""};
      return;
    }
    // The page's image is in memory from here to the end of its OCR: it holds a slot.
    const PageSlot slot(deadline);
    if (!slot.held()) {
      job.over_budget = true;
      job.result = Failure{"", "text", "not read: the paper's time budget was spent", ""};
      return;
    }
    try {
      Outcome<PageImage> image = page_image(job.index);
      if (!image.ok()) {
        job.result = image.failure();
        return;
      }
      job.dpi = image.value().dpi;
      job.result = engines.read(image.value().pix.get(), image.value().dpi);
    } catch (const std::exception& e) {
      job.result = Failure{"", "text", std::string("internal error: ") + e.what(), ""};
    } catch (...) {
      job.result = Failure{"", "text", "internal error: unknown exception", ""};
    }
  });
}

void apply_ocr(PageText& page, const OcrJob& job) {
  if (!job.result || !job.result->ok()) {
    page.error = job.result ? job.result->failure().reason : "not OCR'd";
    if (!job.keep_text_layer_if_thin) page.text.clear();
    return;
  }
  const OcrPage& ocr = job.result->value();
  // A thin text layer (a caption over a picture) is kept when OCR finds little more than it.
  if (job.keep_text_layer_if_thin && non_space_chars(ocr.text) < 2 * non_space_chars(page.text) + 50) return;
  page.text = ocr.text;
  // The OCR'd lines' own typography (row heights, positions) replaces the text layer's, on the
  // pages whose typography is kept.
  page.styled.clear();
  page.body_size = 0;
  if (page.number <= kStyledPages) {
    page.styled = ocr.styled;
    for (StyledLine& l : page.styled) l.page = page.number;
    page.body_size = ocr.body_size;
  }
  page.method = "ocr";
  page.ocr_dpi = job.dpi;
  page.confidence = ocr.confidence;
  page.ocr_reason = job.reason;
  page.rotation = ocr.rotation;
}

}  // namespace

Outcome<PageTexts> TextStage::from_pdf(const SourceFile& file) const {
  const auto fail = [&](std::string reason) { return Failure{file.path, "text", std::move(reason), file.sha256}; };
  if (file.bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return fail("PDF too large for Poppler");
  const auto load = [&file] {
    return std::unique_ptr<poppler::document>(
        poppler::document::load_from_raw_data(file.bytes.data(), static_cast<int>(file.bytes.size())));
  };
  // The text, in one pass a page (pdf_text.h); poppler-cpp's document only for rendering (the ink
  // checks of thin pages, OCR), opened when first needed.
  const PdfText pdf(file.bytes);
  if (pdf.state() == PdfText::State::damaged) return fail("damaged PDF: Poppler cannot open it (truncated or corrupt)");
  if (pdf.state() == PdfText::State::locked) return fail("encrypted PDF: needs a password");
  std::unique_ptr<poppler::document> doc;
  const int count = pdf.pages();
  if (count <= 0) return fail("damaged PDF: no pages");
  if (count > options_.max_pages)
    return fail(std::to_string(count) + " pages: more than a paper may have (--max-pages " + std::to_string(options_.max_pages) +
                "); nothing of it was read");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                             std::chrono::duration<double>(options_.paper_seconds));

  PageTexts out;
  out.source = source_info(file);
  out.source.pages = count;
  const OcrOptions::Mode mode = engines_ ? options_.ocr.mode : OcrOptions::Mode::never;
  std::vector<OcrJob> jobs;
  std::size_t text_layer_chars = 0;
  bool body_found = false;  // a styled page so far has a body of text
  for (int i = 0; i < count; ++i) {
    PageText page;
    page.number = i + 1;
    // The first pages' typography, where titles and banners are (kept for text-layer pages only),
    // and past them the first page with a body of text, whose size is the body's where the first
    // pages hold display lines only (a front sheet's title alone, its other pages blank or scanned).
    const bool styled = i < kStyledPages || (i < kBodyPagesLookedAt && !body_found);
    // Physical layout keeps a header table's rows together ("Date of meeting   26 June 2020")
    // and a hanging paragraph number on its paragraph's first line; committee papers are
    // single-column, so its weakness (interleaving newspaper columns) costs little here.
    PdfPageText p = pdf.page(i, styled);
    if (p.ok) {
      page.width = std::abs(p.media_width);
      page.height = std::abs(p.media_height);
      page.text = std::move(p.text);
      if (styled) page.styled = styled_lines(std::move(p.words), p.crop_width, i + 1, &page.body_size);
      std::size_t page_chars = 0;
      for (const StyledLine& l : page.styled) page_chars += l.text.size();
      body_found = body_found || page_chars >= kBodyTextChars;
    }
    text_layer_chars += non_space_chars(page.text);
    if (mode == OcrOptions::Mode::always) {
      jobs.push_back(OcrJob{i, "--ocr always", false, std::nullopt});
    } else if (mode == OcrOptions::Mode::automatic) {
      const TextLayerFigures figures = measure_text_layer(page.text);
      double ink = -1;
      if (needs_ink_check(figures)) {
        if (!doc) doc = load();
        ink = doc ? ink_fraction(*doc, i) : -1;
      }
      if (auto problem = text_layer_problem(figures, ink))
        jobs.push_back(OcrJob{i, *problem, problem->starts_with("text layer too thin"), std::nullopt});
    }
    out.pages.push_back(std::move(page));
  }

  if (mode == OcrOptions::Mode::never || (!jobs.empty() && !engines_->error().empty())) {
    if (text_layer_chars < options_.min_text_chars)
      return fail("needs OCR: no text layer on its " + std::to_string(count) + " page" + (count == 1 ? "" : "s") +
                  " (a scanned paper), and " + ocr_unavailable());
    jobs.clear();
  }
  if (!jobs.empty()) {
    // One Poppler document per thread: a document must not be used by two threads at once.
    tbb::enumerable_thread_specific<std::unique_ptr<poppler::document>> docs(load);
    const int dpi = options_.ocr.dpi;
    const ImageLimits limits = options_.ocr.limits;
    run_ocr_jobs(jobs, *engines_, [&](int index) -> Outcome<PageImage> {
      std::unique_ptr<poppler::document>& local = docs.local();
      if (!local) return Failure{"", "text", "PDF cannot be reopened for rendering", ""};
      return render_pdf_page(*local, index, dpi, limits);
    }, deadline);
    if (std::string why = budget_reason(jobs, options_.paper_seconds); !why.empty()) return fail(why);
    for (const OcrJob& job : jobs) apply_ocr(out.pages[static_cast<std::size_t>(job.index)], job);
  }

  std::size_t total = 0, ocr_pages = 0;
  for (const PageText& p : out.pages) {
    total += non_space_chars(p.text);
    ocr_pages += p.method == "ocr";
  }
  const std::string page_errors = join_page_errors(out.pages);
  if (total < options_.min_text_chars)
    return fail(page_errors.empty() ? "no text: its " + std::to_string(count) + " page" + (count == 1 ? "" : "s") +
                                          " hold no readable text, by text layer or OCR"
                                    : "no text could be read: " + page_errors);
  out.method = ocr_pages == 0 ? "pdf-text" : ocr_pages == out.pages.size() ? "pdf-ocr" : "pdf-mixed";
  add_warning(out.source, page_errors);
  // A PDF that ends without %%EOF near its end was cut short; Poppler may still read its pages.
  const std::size_t eof = file.bytes.rfind("%%EOF");
  if (eof == std::string::npos || eof + 1024 < file.bytes.size())
    add_warning(out.source, "truncated PDF (no %%EOF at its end): kept the text Poppler could read");
  return out;
}

Outcome<PageTexts> TextStage::from_image(const SourceFile& file) const {
  const auto fail = [&](std::string reason) { return Failure{file.path, "text", std::move(reason), file.sha256}; };
  const std::string unavailable = ocr_unavailable();
  if (!unavailable.empty()) return fail("needs OCR: a page image (" + file.media_type + "), and " + unavailable);
  Outcome<int> count = image_page_count(file.bytes, file.media_type);
  if (!count.ok()) return fail(count.failure().reason);

  PageTexts out;
  out.source = source_info(file);
  out.source.pages = count.value();
  out.method = "image-ocr";
  std::vector<OcrJob> jobs;
  for (int i = 0; i < count.value(); ++i) {
    PageText page;
    page.number = i + 1;
    out.pages.push_back(std::move(page));
    jobs.push_back(OcrJob{i, "page image", false, std::nullopt});
  }
  if (count.value() > options_.max_pages)
    return fail(std::to_string(count.value()) + " pages: more than a paper may have (--max-pages " + std::to_string(options_.max_pages) +
                "); nothing of it was read");
  const ImageLimits limits = options_.ocr.limits;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                             std::chrono::duration<double>(options_.paper_seconds));
  run_ocr_jobs(jobs, *engines_, [&](int index) { return decode_image_page(file.bytes, file.media_type, index, limits); }, deadline);
  if (std::string why = budget_reason(jobs, options_.paper_seconds); !why.empty()) return fail(why);
  for (const OcrJob& job : jobs) apply_ocr(out.pages[static_cast<std::size_t>(job.index)], job);
  // A page image is all OCR, even where OCR found nothing.
  for (PageText& p : out.pages) {
    p.method = "ocr";
    if (p.ocr_reason.empty()) p.ocr_reason = "page image";
  }
  const std::string page_errors = join_page_errors(out.pages);
  std::size_t total = 0;
  for (const PageText& p : out.pages) total += non_space_chars(p.text);
  if (total < options_.min_text_chars)
    return fail(page_errors.empty() ? "no text: OCR found no words in the image" : "no text could be read: " + page_errors);
  add_warning(out.source, page_errors);
  return out;
}

Outcome<PageTexts> TextStage::from_text(const SourceFile& file) const {
  std::string_view bytes(file.bytes);
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::size_t bad = 0;
  if (!valid_utf8(bytes, &bad)) {
    std::string reason = "not UTF-8 text (invalid byte at offset " + std::to_string(bad) + ")";
    const std::string charset = guess_charset(bytes);
    if (!charset.empty()) reason += "; it looks like " + charset + ": convert it to UTF-8 (iconv -f " + charset + " -t UTF-8)";
    return Failure{file.path, "text", reason, file.sha256};
  }
  if (bytes.find('\0') != std::string_view::npos)
    return Failure{file.path, "text", "binary content: NUL bytes in a text file", file.sha256};

  std::string text;
  text.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r') {
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
      text.push_back('\n');
    } else {
      text.push_back(bytes[i]);
    }
  }
  const bool looks_marked_up = file.media_type == "text/html" || text.find("**") != std::string::npos ||
                               text.find("</") != std::string::npos || text.find("](") != std::string::npos ||
                               text.find("\n#") != std::string::npos || text.starts_with("---\n");
  if (looks_marked_up) text = strip_markup(text);

  PageTexts out;
  out.source = source_info(file);
  out.method = "text-file";
  // Form feeds separate pages in text dumps (pdftotext writes them).
  std::size_t start = 0;
  while (true) {
    const std::size_t ff = text.find('\f', start);
    PageText page;
    page.number = static_cast<int>(out.pages.size()) + 1;
    page.text = text.substr(start, ff == std::string::npos ? std::string::npos : ff - start);
    out.pages.push_back(std::move(page));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  // A trailing form feed ends the last page; it does not start an empty one.
  if (out.pages.size() > 1 && non_space_chars(out.pages.back().text) == 0) out.pages.pop_back();
  // Before a dump's first page, one line alone ("[Original file](https://.../minutes.pdf)" / "---")
  // says where the dump came from: it opens the first page, it is not a page of its own.
  if (out.pages.size() > 1) {
    const std::string& first = out.pages.front().text;
    const std::size_t b = first.find_first_not_of(" \t\n"), e = first.find_last_not_of(" \t\n");
    if (b != std::string::npos && first.substr(b, e - b + 1).find('\n') == std::string::npos) {
      out.pages[1].text = first + "\n\n" + out.pages[1].text;
      out.pages.erase(out.pages.begin());
      for (std::size_t i = 0; i < out.pages.size(); ++i) out.pages[i].number = static_cast<int>(i) + 1;
    }
  }
  out.source.pages = static_cast<int>(out.pages.size());
  if (non_space_chars(text) == 0) return Failure{file.path, "text", "no text: the file holds only white space", file.sha256};
  return out;
}

}  // namespace papers
