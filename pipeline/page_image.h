// Page images for OCR: a PDF page rendered by Poppler, or a page of an image file (PNG, JPEG,
// TIFF, multi-page TIFF) decoded by Leptonica, as an 8-bit grey Leptonica Pix with its resolution.
// Guards against image bombs: sizes are checked before any pixel is decoded or rendered.
// Must not preprocess or OCR (scan_prep and ocr do that), and must not throw on bad input.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/model.h"

struct Pix;

namespace poppler {
class document;
}

namespace papers {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct PageImage {
  PixPtr pix;   // 8-bit grey
  int dpi = 0;  // pixels per inch, as rendered or as the file says (estimated when it does not)
};

// The lowest resolution a page too large for the limits is rendered at for OCR, instead of the
// one asked for; below it the page is refused.
constexpr int kLowestOcrDpi = 50;

struct ImageLimits {
  // A page image larger than this is refused (an A4 page at 600 dpi is 35 million pixels).
  std::int64_t max_pixels = 150'000'000;
  int max_side = 40'000;
  // What a page may hold while it is OCR'd: a page rendered at more pixels than this (a poster, an
  // A0 plan at 300 dpi) is rendered at the highest resolution that fits, and a decoded image
  // larger than this is scaled down to fit, its record saying the resolution read. A page's
  // OCR takes about three bytes a pixel (the image, its cleaned copy, Tesseract's own), so this
  // bounds a page at about 110 MB whatever the file: A4 at 600 dpi, A3 at 424, A0 at 150 fit.
  std::int64_t ocr_pixels = 36'000'000;
};

// Quietens Leptonica's messages on stderr (call once, before workers start).
void quiet_leptonica();

// Keeps page-sized buffers in the heap once freed, instead of glibc's default of handing every
// block over 128 KiB back to the kernel (munmap) as it is freed. Page images (8.7 MB for A4 at
// 300 dpi) and Tesseract's working images are allocated and freed many times a page; each munmap
// in a process with several threads makes the kernel interrupt every other core to flush its TLB.
// Measured with 2 workers on 66 OCR'd pages: 40.2 s without, 30.1 s with; perf put 14% of CPU
// samples in those interrupts. Call once, before workers start.
void keep_page_buffers_in_heap();

// Renders one throwaway page from the calling thread. Poppler builds its colour-management state
// lazily on the first render, without a lock, and parallel first renders have crashed programs
// that start many render workers at once: call this once, before any worker renders.
// It also keeps that throwaway document open for the life of the process: poppler-cpp builds its
// global parameters (unicode maps, font tables) when the first document opens and destroys them
// when the last one closes, so a reader that holds one paper at a time built them anew for every
// paper (perf put the time in GlobalParams' constructor and destructor; Poppler alone over 500
// one-page PDFs on one thread, bench/poppler-floor: 0.44 s building them for each, 0.19 s held).
void warm_up_poppler_renderer();

// Renders page `index` (0-based) of doc at dpi as grey. Fails (with a reason) when the page is
// missing, would exceed the limits at that resolution, or renders to nothing.
Outcome<PageImage> render_pdf_page(const poppler::document& doc, int index, int dpi, const ImageLimits& limits);

// Pages in an image file: the TIFF page count, 1 for PNG and JPEG; a failure for anything else.
Outcome<int> image_page_count(std::string_view bytes, const std::string& media_type);

// Decodes page `index` (0-based) of an image file as grey, after checking its header's size.
Outcome<PageImage> decode_image_page(std::string_view bytes, const std::string& media_type, int index,
                                     const ImageLimits& limits);

// Dark-pixel share of a page rendered at a low resolution (0..1): how much ink a page carries,
// to tell whether its text layer is too thin for what is printed on it. -1 if it cannot render.
double ink_fraction(const poppler::document& doc, int index);

}  // namespace papers
