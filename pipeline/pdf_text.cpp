// One Poppler pass per page for text and words. See pdf_text.h.
#include "pipeline/pdf_text.h"

#include <poppler-global.h>
// Poppler's core (libpoppler-private-dev): the TextOutputDev behind poppler-cpp's page::text and
// page::text_list, driven once for both.
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include "pipeline/utf8.h"

namespace papers {
namespace {

void drop_message(ErrorCategory, Goffset, const char*) {}

void append_text(void* out, const char* text, int length) { static_cast<std::string*>(out)->append(text, static_cast<std::size_t>(length)); }

// Text as poppler-cpp hands it over: it passes UTF-8 through its UTF-16 ustring, which stops at a
// NUL and at the first sequence iconv cannot convert (a surrogate a ToUnicode map wrote, say).
// Plain valid UTF-8 comes through unchanged, so only other text takes the round trip.
std::string as_poppler_cpp_gives(std::string text) {
  if (text.find('\0') == std::string::npos && valid_utf8(text)) return text;
  const poppler::byte_array utf8 = poppler::ustring::from_utf8(text.c_str()).to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

// A TextOutputDev that says whether a marked-content span of replacement text (/ActualText) is
// still open when its page ends, as on a page whose content stream stops inside one: the device
// would hold that span's text over into the next page.
class PageTextDevice : public TextOutputDev {
 public:
  explicit PageTextDevice(std::string* out)
      // As page::text(rectf(), physical_layout): physical layout, no fixed pitch, reading order,
      // diagonal text kept.
      : TextOutputDev(&append_text, out, /*physLayoutA=*/true, /*fixedPitchA=*/0, /*rawOrderA=*/false, /*discardDiagA=*/false) {}
  void beginActualText(GfxState* state, const GooString* text) override {
    span_open_ = true;
    TextOutputDev::beginActualText(state, text);
  }
  void endActualText(GfxState* state) override {
    span_open_ = false;
    TextOutputDev::endActualText(state);
  }
  bool span_open() const { return span_open_; }

 private:
  bool span_open_ = false;
};

}  // namespace

struct PdfText::Core {
  // Holds Poppler's global parameters while this document lives (made here only if nothing else
  // in the process holds them: pipeline/page_image.h).
  GlobalParamsIniter globals{drop_message};
  std::unique_ptr<PDFDoc> doc;
  // One device for the document's pages, as pdftotext keeps one: an output device keeps the
  // colour transforms it made for a document's ICC profiles (Little CMS tables, about 4% of
  // Poppler's work on the real papers when each page had a device of its own). The device starts
  // each page afresh (TextPage::startPage); one left inside a replacement-text span is dropped.
  std::string text;
  std::unique_ptr<PageTextDevice> device;
};

PdfText::PdfText(std::string_view bytes) : core_(std::make_unique<Core>()) {
  // As poppler::document::load_from_raw_data: a memory stream, empty passwords.
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  core_->doc = std::make_unique<PDFDoc>(stream, GooString(""), GooString(""));
  if (core_->doc->isOk()) state_ = State::ok;
  else state_ = core_->doc->getErrorCode() == errEncrypted ? State::locked : State::damaged;
}

PdfText::~PdfText() = default;

int PdfText::pages() const { return state_ == State::ok ? core_->doc->getNumPages() : 0; }

PdfPageText PdfText::page(int index, bool with_words) const {
  PdfPageText out;
  if (state_ != State::ok || index < 0 || index >= pages()) return out;
  Page* page = core_->doc->getPage(index + 1);
  if (!page) return out;
  out.ok = true;
  const PDFRectangle* media = page->getMediaBox();
  const PDFRectangle* crop = page->getCropBox();
  out.media_width = media->x2 - media->x1;
  out.media_height = media->y2 - media->y1;
  out.crop_width = crop->x2 - crop->x1;
  if (!core_->device || core_->device->span_open()) core_->device = std::make_unique<PageTextDevice>(&core_->text);
  PageTextDevice& dev = *core_->device;
  core_->text.clear();
  // As page::text(rectf(), physical_layout): 72 dpi, upright, crop box, not printing.
  core_->doc->displayPage(&dev, index + 1, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/true, /*printing=*/false);
  out.text = as_poppler_cpp_gives(std::move(core_->text));
  core_->text.clear();
  if (!with_words) return out;
  // The words of the same layout, as page::text_list(text_list_include_font) gives them (its own
  // pass differs only in not cropping, which left every word of the corpora where it was).
  const std::unique_ptr<TextWordList> list = dev.makeWordList();
  if (!list) return out;
  out.words.reserve(static_cast<std::size_t>(list->getLength()));
  for (int i = 0; i < list->getLength(); ++i) {
    const TextWord* word = list->get(i);
    const std::unique_ptr<GooString> utf8(word->getText());
    double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    word->getBBox(&x_min, &y_min, &x_max, &y_max);
    PdfWord w;
    w.text = as_poppler_cpp_gives(utf8 ? utf8->toStr() : std::string());
    w.box = poppler::rectf(x_min, y_min, x_max - x_min, y_max - y_min);  // as text_box keeps it
    w.rotation = word->getRotation();
    w.size = word->getFontSize();
    const TextFontInfo* font = word->getLength() > 0 ? word->getFontInfo(0) : nullptr;
    if (font && font->getFontName()) w.font = font->getFontName()->toStr();
    w.space_after = word->hasSpaceAfter();
    out.words.push_back(std::move(w));
  }
  return out;
}

}  // namespace papers
