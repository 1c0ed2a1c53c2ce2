// Page images for OCR. See page_image.h.
#include "pipeline/page_image.h"

#include <leptonica/allheaders.h>
#include <malloc.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace papers {
namespace {

Failure page_failure(std::string reason) { return Failure{"", "text", std::move(reason), ""}; }

// A one-page PDF with one line of text, its cross-reference offsets computed, for the warm-up.
std::string tiny_pdf() {
  const char* objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length 34 >>\nstream\nBT /F1 12 Tf 8 30 Td (warm) Tj ET\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 6\n0000000000 65535 f \n";
  for (int i = 0; i < 5; ++i) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    xref += entry;
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t start = pdf.size();
  pdf += xref + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(start) + "\n%%EOF\n";
  return pdf;
}

PixPtr grey_from_poppler(const poppler::image& image) {
  const int w = image.width(), h = image.height();
  PixPtr pix(pixCreate(w, h, 8));
  if (!pix) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  const char* src = image.const_data();
  const int stride = image.bytes_per_row();
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      unsigned value = 255;
      switch (image.format()) {
        case poppler::image::format_gray8: value = row[x]; break;
        case poppler::image::format_argb32:  // little-endian B, G, R, A
          value = (row[4 * x] * 29u + row[4 * x + 1] * 150u + row[4 * x + 2] * 77u) >> 8;
          break;
        case poppler::image::format_rgb24:
        case poppler::image::format_bgr24:
          value = (row[3 * x] + row[3 * x + 1] + row[3 * x + 2]) / 3u;
          break;
        case poppler::image::format_mono: value = (row[x / 8] >> (7 - x % 8)) & 1 ? 255 : 0; break;
        default: break;
      }
      SET_DATA_BYTE(line, x, value);
    }
  }
  return pix;
}

Outcome<bool> check_size(std::int64_t w, std::int64_t h, const ImageLimits& limits, const std::string& what) {
  if (w <= 0 || h <= 0) return page_failure(what + " has no size (corrupt image)");
  if (w > limits.max_side || h > limits.max_side || w * h > limits.max_pixels)
    return page_failure(what + " too large: " + std::to_string(w) + "x" + std::to_string(h) + " pixels (limit " +
                        std::to_string(limits.max_pixels / 1'000'000) + " million pixels, " +
                        std::to_string(limits.max_side) + " a side)");
  return true;
}

// The file's resolution when it states a plausible one; else a guess from the width, as if
// the page were A4 or Letter (8.3 inches), kept within what Tesseract reads well.
int resolution_of(Pix* pix) {
  const int stated = pixGetXRes(pix);
  if (stated >= 70 && stated <= 1200) return stated;
  const int guessed = static_cast<int>(std::lround(pixGetWidth(pix) / 8.3));
  return std::clamp(guessed, 70, 600);
}

PixPtr to_grey(Pix* pix) {
  if (!pix) return nullptr;
  PixPtr grey(pixGetDepth(pix) == 8 && !pixGetColormap(pix) ? pixClone(pix) : pixConvertTo8(pix, 0));
  return grey;
}

}  // namespace

void PixDeleter::operator()(Pix* pix) const {
  if (pix) pixDestroy(&pix);
}

void quiet_leptonica() { setMsgSeverity(L_SEVERITY_NONE); }

void keep_page_buffers_in_heap() {
  // Blocks up to 32 MiB (glibc's upper bound for this setting; an A4 page at 600 dpi is larger
  // and is still mapped on its own) come from the heap, and up to 512 MiB of free heap is kept
  // for the next page rather than trimmed. The heap stays at the peak of the pages in flight.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
}

void warm_up_poppler_renderer() {
  // Never closed (see the header): the document, and with it Poppler's global parameters, live
  // until the process ends. Its bytes must outlive it too (load_from_raw_data does not copy them).
  static const std::string pdf = tiny_pdf();
  static poppler::document* const doc = poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size()));
  if (!doc) return;
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  if (!page) return;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  (void)renderer.render_page(page.get(), 36, 36);
}

Outcome<PageImage> render_pdf_page(const poppler::document& doc, int index, int dpi, const ImageLimits& limits) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) return page_failure("page " + std::to_string(index + 1) + " cannot be read");
  const poppler::rectf box = page->page_rect(poppler::media_box);
  // Page size in points (1/72 inch); a rotated page swaps them, which does not change the product.
  double w = std::abs(box.width()) * dpi / 72.0, h = std::abs(box.height()) * dpi / 72.0;
  if (!std::isfinite(w) || !std::isfinite(h) || w <= 0 || h <= 0)
    return page_failure("page " + std::to_string(index + 1) + " has no usable size");
  // A page too large at this resolution (a poster, a plan) is read at the highest one that fits
  // the limits, down to kLowestOcrDpi; the page's record says which.
  const double fit = std::min({1.0, std::sqrt(static_cast<double>(std::min(limits.max_pixels, limits.ocr_pixels)) / (w * h)),
                               static_cast<double>(limits.max_side) / std::max(w, h)});
  if (fit < 1.0) {
    const int lower = static_cast<int>(std::floor(dpi * fit));
    if (lower >= kLowestOcrDpi) {
      dpi = lower;
      w = std::abs(box.width()) * dpi / 72.0;
      h = std::abs(box.height()) * dpi / 72.0;
    }
  }
  if (auto ok = check_size(static_cast<std::int64_t>(w), static_cast<std::int64_t>(h), limits,
                           "page " + std::to_string(index + 1) + " at " + std::to_string(dpi) + " dpi");
      !ok.ok())
    return ok.failure();
  poppler::page_renderer renderer;  // one per call: renderers are not shared between threads
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
    return page_failure("page " + std::to_string(index + 1) + " failed to render");
  PageImage out;
  out.pix = grey_from_poppler(image);
  if (!out.pix) return page_failure("page " + std::to_string(index + 1) + ": out of memory for its image");
  pixSetResolution(out.pix.get(), dpi, dpi);
  out.dpi = dpi;
  return out;
}

Outcome<int> image_page_count(std::string_view bytes, const std::string& media_type) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  if (media_type == "image/png" || media_type == "image/jpeg") return 1;
  if (media_type != "image/tiff") return page_failure("unsupported image type: " + media_type);
  // tiffGetCount wants a FILE*; fmemopen gives one over the bytes without a copy.
  FILE* fp = fmemopen(const_cast<l_uint8*>(data), bytes.size(), "rb");
  if (!fp) return page_failure("cannot open the TIFF in memory");
  l_int32 n = 0;
  const bool ok = tiffGetCount(fp, &n) == 0;
  std::fclose(fp);
  if (!ok || n <= 0) return page_failure("corrupt TIFF: no readable pages");
  return static_cast<int>(n);
}

Outcome<PageImage> decode_image_page(std::string_view bytes, const std::string& media_type, int index,
                                     const ImageLimits& limits) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  const std::string what = "page " + std::to_string(index + 1) + " image";
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0;
  const bool header_ok = media_type == "image/tiff"
                             ? readHeaderMemTiff(data, bytes.size(), index, &w, &h, &bps, &spp, &res, &cmap, &format) == 0
                             : pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) == 0;
  if (!header_ok) return page_failure("corrupt image: " + what + " has no readable header");
  if (auto ok = check_size(w, h, limits, what); !ok.ok()) return ok.failure();
  PixPtr decoded(media_type == "image/tiff" ? pixReadMemTiff(data, bytes.size(), index) : pixReadMem(data, bytes.size()));
  if (!decoded) return page_failure("corrupt image: " + what + " cannot be decoded (truncated or damaged)");
  PageImage out;
  out.dpi = resolution_of(decoded.get());
  out.pix = to_grey(decoded.get());
  decoded.reset();
  if (!out.pix) return page_failure("corrupt image: " + what + " cannot be converted to grey");
  // An image larger than a page may hold while it is OCR'd is read scaled down to fit.
  const double pixels = static_cast<double>(w) * h;
  if (pixels > static_cast<double>(limits.ocr_pixels)) {
    const double scale = std::sqrt(static_cast<double>(limits.ocr_pixels) / pixels);
    PixPtr smaller(pixScaleAreaMap(out.pix.get(), static_cast<l_float32>(scale), static_cast<l_float32>(scale)));
    if (!smaller) return page_failure(what + ": out of memory scaling it down");
    out.pix = std::move(smaller);
    out.dpi = std::max(1, static_cast<int>(std::floor(out.dpi * scale)));
  }
  pixSetResolution(out.pix.get(), out.dpi, out.dpi);
  return out;
}

double ink_fraction(const poppler::document& doc, int index) {
  constexpr int kDpi = 36;
  auto page = render_pdf_page(doc, index, kDpi, ImageLimits{});
  if (!page.ok()) return -1;
  Pix* pix = page.value().pix.get();
  const int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
  const l_uint32* data = pixGetData(pix);
  std::int64_t dark = 0;
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; ++x) dark += GET_DATA_BYTE(line, x) < 160;
  }
  return static_cast<double>(dark) / (static_cast<double>(w) * h);
}

}  // namespace papers
