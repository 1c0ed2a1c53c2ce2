// OCR of one page image with Tesseract's LSTM engine through its C++ API: one engine per worker
// thread, made on first use and reused for every page that thread reads; pages upright first
// (Tesseract's orientation detection, osd.traineddata); text laid out as Poppler's physical
// layout lays out a text layer (rows, indents, column gaps) so the same normalise and segment
// stages read both, with its lines' row heights and places (OcrPage::styled) so the same
// typography reads both. Must not decide which pages need OCR (text_extract does), and must not let
// Tesseract start its own OpenMP threads inside the pipeline's (see limit_openmp_threads).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/model.h"
#include "pipeline/page_image.h"

namespace papers {

struct OcrOptions {
  enum class Mode { automatic, always, never };
  Mode mode = Mode::automatic;  // automatic: OCR only pages whose text layer is missing, thin or garbage
  int dpi = 300;                // resolution PDF pages are rendered at for OCR
  std::string lang = "eng";     // Tesseract language codes, "eng+fra" for more than one
  double page_seconds = 120;    // per-page time limit for recognition
  bool preprocess = true;       // Leptonica binarisation, deskew, despeckle before Tesseract
  bool orientation = true;      // turn pages upright with Tesseract's orientation detection
  ImageLimits limits;
};

// One recognised word: its text and box in pixels, and which text line it belongs to.
struct OcrWord {
  std::string text;
  int left = 0, top = 0, right = 0, bottom = 0;
  int line = 0;  // words with the same number share a Tesseract text line
  float confidence = 100;  // Tesseract's confidence in the word, 0..100
};

struct OcrPage {
  std::string text;         // laid out in rows, like Poppler's physical layout
  // Tesseract's text lines as set on the page, in points (page 1 for now; the caller numbers
  // them): size is the row's height (x-height plus ascenders, the same for a line in capitals and
  // one in lower case), so a typewritten heading reads as the body's size, a printed one as larger;
  // bold is unknown (Tesseract's LSTM engine gives no font attributes).
  std::vector<StyledLine> styled;
  double body_size = 0;     // the row height most of the page's characters are set in
  double confidence = 0;    // Tesseract's mean word confidence, 0..100
  int rotation = 0;         // degrees the page was turned clockwise to read it upright
  bool orientation_detected = false;  // Tesseract's orientation detection was asked (see ocr.cpp)
  double skew_degrees = 0;  // skew removed by preprocessing
};

// Rows of text from word boxes: words whose lines share a height form one row, in left-to-right
// order; doubtful words without a letter or digit (specks read as ".", "'" or "©") are dropped;
// order; a wide horizontal gap becomes three or more spaces (a column gap), the row's indent is
// kept in character widths, and a taller than usual gap between rows becomes a blank line.
std::string layout_text(const std::vector<OcrWord>& words);

// Caps OpenMP at one thread for this process, before any OpenMP runtime starts: Tesseract's
// OpenMP teams inside the pipeline's threads made one page 6x slower. libgomp reads
// OMP_THREAD_LIMIT only when it loads, so when it is unset this sets it and re-executes the
// program (argv as given); it returns only when the variable was already set or exec failed.
void limit_openmp_threads(char** argv);

// Tesseract engines, one per thread that asks, destroyed with this object (before main returns:
// Tesseract's dictionary cache must outlive every engine). read() may be called from any number
// of threads at once.
class OcrEngines {
 public:
  // check_language: load one engine now, so that error() says at once whether the language
  // loads; else every engine is loaded at its thread's first page.
  explicit OcrEngines(OcrOptions options, bool check_language = true);
  ~OcrEngines();
  OcrEngines(const OcrEngines&) = delete;
  OcrEngines& operator=(const OcrEngines&) = delete;

  // Non-empty when the language data cannot be loaded (e.g. "eng+xyz": no xyz.traineddata).
  const std::string& error() const { return error_; }
  const OcrOptions& options() const { return options_; }

  // OCRs one 8-bit grey page image at dpi: preprocessing, orientation, recognition.
  Outcome<OcrPage> read(Pix* grey, int dpi);

 private:
  struct Engine;
  struct Pool;
  Engine& local();
  OcrOptions options_;
  std::string error_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace papers
