// make-scans: makes scanned twins of text-layer PDFs, as a scanner and an old archive would:
// pages rendered (Poppler) at 200 or 300 dpi, lit unevenly, speckled, blurred, skewed by a
// degree or two, turned 90 or 180 degrees, JPEG-compressed (Leptonica), then wrapped as
// image-only PDFs (Cairo), single PNG pages, or multi-page TIFFs; and the awkward cases: a PDF
// whose pages are part text layer, part scan; a scan with a garbage text layer under its image;
// a scan with a few words of text layer over it. Output is deterministic (seeded noise, fixed
// PDF dates). Must not be used by the pipeline; it only makes test and benchmark material.
//
// make-scans MANIFEST TWINS_DIR OUT_DIR
// MANIFEST, one scan a line ('#' starts a comment):
//   OUTPUT TWIN [dpi=300] [skew=DEG] [light=0..1] [speckle=N] [blur=1] [jpeg=QUALITY] [rotate=90|180|270]
//               [layer=none|garbage|thin|mixed]
//   OUTPUT's extension chooses the wrapper: .pdf (every page), .png (page 1), .tiff (every page,
//   bilevel G4).
//   layer=mixed keeps the twin's text layer on odd pages and scans the even ones (needs qpdf).
#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Scan {
  std::string output, twin;
  int dpi = 300;
  double skew = 0, light = 0;
  int speckle = 0, jpeg = 75, rotate = 0;
  bool blur = false;
  std::string layer = "none";
};

struct PixFree {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// A small deterministic generator (xorshift), seeded by the output's name.
struct Noise {
  std::uint64_t state;
  explicit Noise(const std::string& seed) : state(1469598103934665603ull) {
    for (unsigned char c : seed) state = (state ^ c) * 1099511628211ull;
    if (state == 0) state = 1;
  }
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

PixPtr render(const poppler::document& doc, int index, int dpi) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  PixPtr pix(pixCreate(image.width(), image.height(), 8));
  for (int y = 0; y < image.height(); ++y) {
    l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
    const auto* row = reinterpret_cast<const unsigned char*>(image.const_data() + y * image.bytes_per_row());
    for (int x = 0; x < image.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// Uneven lighting: the page darkens towards its right edge and bottom, as under a scanner lid
// that did not close, by up to `strength` of full brightness; the paper turns slightly yellow-grey.
void light_unevenly(Pix* pix, double strength) {
  const int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(pix) + y * wpl;
    for (int x = 0; x < w; ++x) {
      const double shade = 1.0 - strength * (0.7 * x / w + 0.3 * y / h);
      const int v = static_cast<int>(GET_DATA_BYTE(line, x) * shade * 0.94);
      SET_DATA_BYTE(line, x, std::clamp(v, 0, 255));
    }
  }
}

void speckle(Pix* pix, int count, Noise& noise) {
  const int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
  for (int i = 0; i < count; ++i) {
    const int cx = noise.below(w), cy = noise.below(h), size = 1 + noise.below(2);
    for (int y = cy; y < std::min(h, cy + size); ++y)
      for (int x = cx; x < std::min(w, cx + size); ++x) SET_DATA_BYTE(pixGetData(pix) + y * wpl, x, 30);
  }
}

PixPtr degrade(PixPtr pix, const Scan& scan, Noise& noise) {
  if (scan.light > 0) light_unevenly(pix.get(), scan.light);
  if (scan.speckle > 0) speckle(pix.get(), scan.speckle, noise);
  if (scan.blur) pix.reset(pixBlockconvGray(pix.get(), nullptr, 1, 1));
  if (scan.skew != 0)
    pix.reset(pixRotate(pix.get(), static_cast<float>(scan.skew * M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (scan.rotate != 0) pix.reset(pixRotateOrth(pix.get(), scan.rotate / 90));
  pixSetResolution(pix.get(), scan.dpi, scan.dpi);
  return pix;
}

// JPEG bytes of a page, and the page as a JPEG reader sees it.
struct Jpeg {
  std::vector<unsigned char> bytes;
  PixPtr decoded;
};

Jpeg compress(Pix* pix, int quality) {
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemJpeg(&data, &size, pix, quality, 0);
  Jpeg out;
  out.bytes.assign(data, data + size);
  lept_free(data);
  out.decoded.reset(pixReadMemJpeg(out.bytes.data(), out.bytes.size(), 0, 1, nullptr, 0));
  return out;
}

// Draws a JPEG page image over the whole current page, Cairo embedding the JPEG bytes as they are.
void paint_jpeg(cairo_t* cr, const Jpeg& jpeg, int dpi) {
  Pix* pix = jpeg.decoded.get();
  const int w = pixGetWidth(pix), h = pixGetHeight(pix);
  cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_surface_flush(image);
  unsigned char* data = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = pixGetData(pix) + y * pixGetWpl(pix);
    auto* row = reinterpret_cast<std::uint32_t*>(data + y * stride);
    for (int x = 0; x < w; ++x) {
      const std::uint32_t v = GET_DATA_BYTE(line, x);
      row[x] = (v << 16) | (v << 8) | v;
    }
  }
  cairo_surface_mark_dirty(image);
  auto* copy = static_cast<unsigned char*>(std::malloc(jpeg.bytes.size()));
  std::memcpy(copy, jpeg.bytes.data(), jpeg.bytes.size());
  cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_JPEG, copy, jpeg.bytes.size(), std::free, copy);
  cairo_save(cr);
  cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

// The twin page's text with every letter and digit shifted by three, as a font with a wrong
// encoding gives it ("The Council" becomes "Wkh FrxqfLo"-like strings).
std::string garbage_of(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>('!' + (c - 'a') % 30);
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>('a' + (c - 'A' + 7) % 26);
    else if (c >= '0' && c <= '9') c = static_cast<char>('#' + (c - '0'));
  }
  return out;
}

std::string page_text(const poppler::document& doc, int index) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

void draw_lines(cairo_t* cr, const std::string& text, double x, double y, double size) {
  cairo_select_font_face(cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_set_source_rgb(cr, 0, 0, 0);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    // Cairo wants UTF-8; keep ASCII only, which is all the garbage and stamps hold.
    line.erase(std::remove_if(line.begin(), line.end(), [](unsigned char c) { return c >= 0x80; }), line.end());
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, line.c_str());
    y += size * 1.3;
  }
}

bool make_pdf(const std::string& path, const poppler::document& twin, const std::vector<Jpeg>& pages, const Scan& scan) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), 595, 842);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "2024-01-01T00:00:00Z");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "papers make-scans");
  cairo_t* cr = cairo_create(surface);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    Pix* pix = pages[i].decoded.get();
    cairo_pdf_surface_set_size(surface, pixGetWidth(pix) * 72.0 / scan.dpi, pixGetHeight(pix) * 72.0 / scan.dpi);
    // A garbage layer lies under the image, where a bad OCR tool or a broken font left it.
    if (scan.layer == "garbage") draw_lines(cr, garbage_of(page_text(twin, static_cast<int>(i))), 60, 80, 9);
    paint_jpeg(cr, pages[i], scan.dpi);
    // A thin layer: a scanning bureau's stamp over the image, the page's only text.
    if (scan.layer == "thin") draw_lines(cr, "Scanned by the county record office", 300, 825, 7);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(surface);
  return ok;
}

bool parse_line(const std::string& line, Scan& scan) {
  std::istringstream in(line);
  if (!(in >> scan.output >> scan.twin)) return false;
  std::string option;
  while (in >> option) {
    const std::size_t eq = option.find('=');
    const std::string key = option.substr(0, eq), value = eq == std::string::npos ? "1" : option.substr(eq + 1);
    if (key == "dpi") scan.dpi = std::stoi(value);
    else if (key == "skew") scan.skew = std::stod(value);
    else if (key == "light") scan.light = std::stod(value);
    else if (key == "speckle") scan.speckle = std::stoi(value);
    else if (key == "blur") scan.blur = value != "0";
    else if (key == "jpeg") scan.jpeg = std::stoi(value);
    else if (key == "rotate") scan.rotate = std::stoi(value);
    else if (key == "layer") scan.layer = value;
    else return false;
  }
  return true;
}

bool make(const Scan& scan, const fs::path& twins, const fs::path& out) {
  const fs::path twin_path = twins / scan.twin;
  std::unique_ptr<poppler::document> twin(poppler::document::load_from_file(twin_path.string()));
  if (!twin) {
    std::cerr << "make-scans: cannot open " << twin_path << "\n";
    return false;
  }
  Noise noise(scan.output);
  const fs::path target = out / scan.output;
  const std::string ext = target.extension().string();
  const int count = ext == ".png" ? 1 : twin->pages();
  std::vector<Jpeg> pages;
  for (int i = 0; i < count; ++i) {
    PixPtr page = degrade(render(*twin, i, scan.dpi), scan, noise);
    pages.push_back(compress(page.get(), scan.jpeg));
    pixSetResolution(pages.back().decoded.get(), scan.dpi, scan.dpi);
  }
  if (ext == ".png") return pixWrite(target.string().c_str(), pages[0].decoded.get(), IFF_PNG) == 0;
  if (ext == ".tiff" || ext == ".tif") {
    // Archive TIFFs are usually bilevel, CCITT G4 compressed, as a document scanner writes them.
    for (std::size_t i = 0; i < pages.size(); ++i) {
      PixPtr bilevel(pixConvertTo1(pages[i].decoded.get(), 150));
      pixSetResolution(bilevel.get(), scan.dpi, scan.dpi);
      if (pixWriteTiff(target.string().c_str(), bilevel.get(), IFF_TIFF_G4, i == 0 ? "w" : "a") != 0) return false;
    }
    return true;
  }
  if (scan.layer != "mixed") return make_pdf(target.string(), *twin, pages, scan);
  // Mixed: odd pages from the twin (text layer), even pages from the scan, put together by qpdf.
  const fs::path scanned = out / (scan.output + ".scan.tmp");
  Scan plain = scan;
  plain.layer = "none";
  if (!make_pdf(scanned.string(), *twin, pages, plain)) return false;
  std::string command = "qpdf --empty --pages";
  for (int i = 1; i <= count; ++i)
    command += " '" + (i % 2 ? twin_path.string() : scanned.string()) + "' " + std::to_string(i);
  command += " -- '" + target.string() + "'";
  const int status = std::system(command.c_str());
  fs::remove(scanned);
  return status == 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: make-scans MANIFEST TWINS_DIR OUT_DIR\n";
    return 2;
  }
  setMsgSeverity(L_SEVERITY_NONE);
  std::ifstream manifest(argv[1]);
  if (!manifest) {
    std::cerr << "make-scans: cannot read " << argv[1] << "\n";
    return 1;
  }
  fs::create_directories(argv[3]);
  std::string line;
  int made = 0, number = 0;
  while (std::getline(manifest, line)) {
    ++number;
    if (const std::size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Scan scan;
    if (!parse_line(line, scan)) {
      std::cerr << "make-scans: " << argv[1] << ":" << number << ": cannot read this line\n";
      return 1;
    }
    if (!make(scan, argv[2], argv[3])) {
      std::cerr << "make-scans: failed to make " << scan.output << "\n";
      return 1;
    }
    ++made;
  }
  std::cout << "make-scans: " << made << " scans in " << argv[3] << "\n";
  return 0;
}
