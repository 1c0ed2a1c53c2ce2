// OCR with Tesseract. See ocr.h.
#include "pipeline/ocr.h"

#include <leptonica/allheaders.h>
#include <tbb/enumerable_thread_specific.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>

#include "pipeline/scan_prep.h"

namespace papers {
namespace {

Failure page_failure(std::string reason) { return Failure{"", "text", std::move(reason), ""}; }

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Row {
  int top = 0, bottom = 0;
  std::vector<const OcrWord*> words;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

}  // namespace

// A word Tesseract doubts that holds no letter or digit: a speck read as punctuation.
bool is_speck(const OcrWord& w) {
  if (w.confidence >= 60) return false;
  for (unsigned char c : w.text)
    if (std::isalnum(c) || c >= 0x80) return false;
  return true;
}

std::string layout_text(const std::vector<OcrWord>& all_words) {
  std::vector<OcrWord> words;
  for (const OcrWord& w : all_words)
    if (!is_speck(w)) words.push_back(w);
  if (words.empty()) return "";
  // Lines: the union of their words' boxes.
  struct LineBox {
    int top = 0, bottom = 0, left = 0;
    std::vector<const OcrWord*> words;
  };
  std::vector<LineBox> lines;
  std::vector<double> char_widths, heights;
  for (const OcrWord& w : words) {
    if (lines.empty() || lines.back().words.front()->line != w.line) lines.push_back(LineBox{w.top, w.bottom, w.left, {}});
    LineBox& l = lines.back();
    l.top = std::min(l.top, w.top);
    l.bottom = std::max(l.bottom, w.bottom);
    l.left = std::min(l.left, w.left);
    l.words.push_back(&w);
    const std::size_t n = code_points(w.text);
    if (n > 0 && w.right > w.left) char_widths.push_back(static_cast<double>(w.right - w.left) / static_cast<double>(n));
  }
  for (const LineBox& l : lines) heights.push_back(l.bottom - l.top);
  const double char_width = std::max(1.0, median(char_widths));
  const double line_height = std::max(1.0, median(heights));

  // Rows: lines sorted by their middle; a line whose middle falls within the row being built and
  // which does not overlap its words joins it (a header table's key and value, read by Tesseract
  // as two blocks, become one row again).
  std::sort(lines.begin(), lines.end(), [](const LineBox& a, const LineBox& b) { return a.top + a.bottom < b.top + b.bottom; });
  std::vector<Row> rows;
  for (const LineBox& l : lines) {
    const int middle = (l.top + l.bottom) / 2;
    bool joined = false;
    if (!rows.empty()) {
      Row& r = rows.back();
      const bool same_height = middle >= r.top && middle <= r.bottom;
      bool overlaps = false;
      for (const OcrWord* a : r.words)
        for (const OcrWord* b : l.words) overlaps |= a->left < b->right && b->left < a->right;
      if (same_height && !overlaps) {
        r.top = std::min(r.top, l.top);
        r.bottom = std::max(r.bottom, l.bottom);
        r.words.insert(r.words.end(), l.words.begin(), l.words.end());
        joined = true;
      }
    }
    if (!joined) rows.push_back(Row{l.top, l.bottom, l.words});
  }
  int margin = rows.front().words.front()->left;
  for (const Row& r : rows)
    for (const OcrWord* w : r.words) margin = std::min(margin, w->left);

  // Row pitch: the distance between the tops of consecutive rows within a paragraph (the lower
  // quartile of all pitches, as papers of short paragraphs have as many paragraph gaps as line
  // steps); a blank line marks a pitch well above it (a paragraph break). Double-spaced
  // typescript has one pitch throughout, and no blank lines.
  std::vector<double> pitches;
  for (std::size_t i = 1; i < rows.size(); ++i) pitches.push_back(rows[i].top - rows[i - 1].top);
  double pitch = line_height * 1.4;
  if (!pitches.empty()) {
    std::sort(pitches.begin(), pitches.end());
    pitch = std::max(line_height, pitches[pitches.size() / 4]);
  }

  // When even the closest rows stand well apart (every paragraph one line, blank lines between;
  // or double-spaced typescript), the pitch cannot tell a paragraph break from a line step: a
  // row that ends a sentence ends its paragraph.
  const bool wide = pitch > 1.7 * line_height;
  bool sentence_ended = false;
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    if (i > 0 && (rows[i].top - rows[i - 1].top > pitch * 1.4 || (wide && sentence_ended))) out += '\n';
    std::sort(r.words.begin(), r.words.end(), [](const OcrWord* a, const OcrWord* b) { return a->left < b->left; });
    std::string line;
    std::size_t column = 0;  // code points written so far
    int previous_right = 0;
    for (std::size_t k = 0; k < r.words.size(); ++k) {
      const OcrWord* w = r.words[k];
      const auto at = static_cast<std::size_t>(std::lround((w->left - margin) / char_width));
      std::size_t pad = 0;
      if (k == 0) {
        pad = at;
      } else if (w->left - previous_right > 2.5 * char_width) {
        pad = std::max<std::size_t>(at > column ? at - column : 0, 3);  // a column gap
      } else {
        pad = 1;
      }
      line.append(pad, ' ');
      line += w->text;
      column += pad + code_points(w->text);
      previous_right = w->right;
    }
    out += line;
    out += '\n';
    sentence_ended = !line.empty() && (line.back() == '.' || line.back() == ':' || line.back() == ';');
  }
  return out;
}

void limit_openmp_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  // The binary's own path, not /proc/self/exe: the process keeps its name ("papers" in ps, not "exe").
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    ::execv(self, argv);
  }
  ::execv("/proc/self/exe", argv);
  // exec failed (no /proc): go on; OCR is correct, only slower.
}

struct OcrEngines::Engine {
  tesseract::TessBaseAPI ocr;
  tesseract::TessBaseAPI osd;
  bool ocr_ready = false;
  bool osd_tried = false, osd_ready = false;
  ~Engine() {
    ocr.End();
    osd.End();
  }
};

struct OcrEngines::Pool {
  tbb::enumerable_thread_specific<std::unique_ptr<Engine>> engines;
};

OcrEngines::OcrEngines(OcrOptions options, bool check_language) : options_(std::move(options)), pool_(std::make_unique<Pool>()) {
  if (options_.mode == OcrOptions::Mode::never) return;
  // Set process-wide parameters once, here, before any worker starts: Tesseract's messages
  // ("Estimating resolution", "Empty page!!") go to /dev/null instead of our stderr.
  static std::once_flag quiet;
  std::call_once(quiet, [] {
    tesseract::TessBaseAPI probe;
    probe.SetVariable("debug_file", "/dev/null");
  });
  // Try the language now, on this thread, so a missing model is one clear error, not one per page.
  if (!check_language) return;
  Engine& first = local();
  if (!first.ocr_ready)
    error_ = "OCR language '" + options_.lang + "' cannot be loaded: install its model (Debian: tesseract-ocr-" +
             options_.lang.substr(0, options_.lang.find('+')) + ") or choose another with --lang";
}

OcrEngines::~OcrEngines() = default;

OcrEngines::Engine& OcrEngines::local() {
  std::unique_ptr<Engine>& engine = pool_->engines.local();
  if (!engine) {
    engine = std::make_unique<Engine>();
    engine->ocr_ready = engine->ocr.Init(nullptr, options_.lang.c_str(), tesseract::OEM_LSTM_ONLY) == 0;
    if (engine->ocr_ready) {
      engine->ocr.SetPageSegMode(tesseract::PSM_AUTO);
      // The legacy fixed-pitch test (a dynamic-programming search for typewriter character cells,
      // for the legacy classifier) is 3% of a page's time and the LSTM recogniser does not use its
      // cells: off, the benchmark's pages read the same and the real corpus's typescripts differed
      // only inside stamps and smudges.
      engine->ocr.SetVariable("textord_disable_pitch_test", "1");
    }
  }
  return *engine;
}

namespace {

// Below this mean word confidence an OCR'd run of words carries no typography.
constexpr float kStyledLineConfidence = 40;

// The recognised lines as set (see OcrPage::styled): each Tesseract text line split into runs
// where a gap between words is wider than twice the row's height (a logo beside a banner, the two
// ends of a form's row), as the text layer's lines are. row_heights: each text line's row height
// in pixels, by the words' line number.
std::vector<StyledLine> styled_rows(const std::vector<OcrWord>& words, const std::map<int, float>& row_heights, int page_width,
                                    int dpi, double* body_size) {
  std::vector<StyledLine> out;
  *body_size = 0;
  const double points = 72.0 / std::max(dpi, 1);
  std::map<long, std::size_t> chars_by_size;  // half points -> characters
  std::size_t i = 0;
  while (i < words.size()) {
    // One run: words of one line, left to right as Tesseract gives them, up to a wide gap.
    const int line = words[i].line;
    const auto height_of = row_heights.find(line);
    std::size_t j = i + 1;
    while (j < words.size() && words[j].line == line) {
      const float h = height_of != row_heights.end() && height_of->second > 0 ? height_of->second
                                                                                : static_cast<float>(words[j].bottom - words[j].top);
      if (words[j].left - words[j - 1].right > 2 * h) break;
      ++j;
    }
    StyledLine l;
    float confidence = 0;
    int top = words[i].top, left = words[i].left, right = words[i].right, bottom = words[i].bottom;
    for (std::size_t k = i; k < j; ++k) {
      l.text += (l.text.empty() ? "" : " ") + words[k].text;
      confidence += words[k].confidence;
      top = std::min(top, words[k].top);
      bottom = std::max(bottom, words[k].bottom);
      left = std::min(left, words[k].left);
      right = std::max(right, words[k].right);
    }
    confidence /= static_cast<float>(j - i);
    const float row = height_of != row_heights.end() && height_of->second > 0 ? height_of->second : static_cast<float>(bottom - top);
    i = j;
    // A run read with little confidence (handwriting, a smudge) says nothing of how the paper is
    // set, nor does one in the page's right half only (a received stamp, a file reference, a date
    // at the top right); their words stay in the text.
    if (confidence < kStyledLineConfidence || left > page_width / 2) continue;
    l.size = row * points;
    l.top = top * points;
    l.left = left * points;
    l.right = right * points;
    l.page_width = page_width * points;
    l.ocr = true;
    chars_by_size[std::lround(l.size * 2)] += l.text.size();
    out.push_back(std::move(l));
  }
  std::size_t most = 0;
  for (const auto& [halves, n] : chars_by_size)
    if (n > most) most = n, *body_size = static_cast<double>(halves) / 2;
  return out;
}

// What a reading says of the page's orientation besides its confidence.
struct ReadingSigns {
  // Most words of three or more letters stand taller than wide: lines running up or down the
  // page, which Tesseract reads but cannot lay out as rows (a page turned by 90 degrees).
  bool sideways = false;
  int long_words = 0;        // words of four or more letters
  int dictionary_words = 0;  // ... of them, words of the language's dictionary
};

// Recognises one prepared page: words with boxes, laid out; confidence; *signs.
Outcome<OcrPage> recognise(tesseract::TessBaseAPI& api, Pix* image, int dpi, double page_seconds, ReadingSigns* signs) {
  *signs = ReadingSigns{};
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int32_t>(page_seconds * 1000));
  const int status = api.Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    api.Clear();
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", page_seconds);
    return page_failure(std::string("OCR took longer than the page time limit (") + limit + " s)");
  }
  if (status != 0) {
    api.Clear();
    return page_failure("OCR failed on the page image");
  }
  std::vector<OcrWord> words;
  std::map<int, float> row_heights;  // text line -> its row height in pixels
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  int line = 0;
  if (it) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
        ++line;
        float row_height = 0, descenders = 0, ascenders = 0;
        it->RowAttributes(&row_height, &descenders, &ascenders);
        row_heights[line] = row_height;
      }
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!text || text[0] == 0) continue;
      OcrWord w;
      w.text = text.get();
      it->BoundingBox(tesseract::RIL_WORD, &w.left, &w.top, &w.right, &w.bottom);
      w.line = line;
      w.confidence = it->Confidence(tesseract::RIL_WORD);
      int letters = 0;
      // (A non-ASCII character, counted by its UTF-8 lead byte, counts as a letter: "Gemeinde",
      // "réunion". A word of dashes so counted is in no dictionary, and only sends its page to
      // orientation detection, as before.)
      for (unsigned char c : w.text) letters += std::isalpha(c) != 0 || c >= 0xC0;
      if (letters >= 4) {
        ++signs->long_words;
        signs->dictionary_words += it->WordIsFromDictionary() ? 1 : 0;
      }
      words.push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  }
  int tall = 0, long_words = 0;
  for (const OcrWord& w : words) {
    if (w.text.size() < 3) continue;
    ++long_words;
    tall += (w.bottom - w.top) > 1.5 * (w.right - w.left);
  }
  signs->sideways = long_words >= 10 && tall * 10 > long_words * 6;
  OcrPage page;
  page.confidence = words.empty() ? 0 : api.MeanTextConf();
  page.text = layout_text(words);
  page.styled = styled_rows(words, row_heights, pixGetWidth(image), dpi, &page.body_size);
  api.Clear();
  return page;
}

Outcome<OcrPage> finish(Outcome<OcrPage> result, double skew) {
  if (result.ok()) result.value().skew_degrees = skew;
  return result;
}

// A page read as given at this mean word confidence or better, with its lines lying flat, is taken
// as upright without orientation detection.
constexpr int kUprightConfidence = 70;

// ... or when at least half of its words of four or more letters, and at least this many, are
// dictionary words. Measured on the real corpus's scans and the development scans, each read
// upright and turned round: upright pages read below 70 (60 to 69, worn typescripts) had 57% to
// 85% of such words in the dictionary; upside down, no page had more than 28%. A language whose
// model carries no word list has no dictionary words, and its pages go to detection as before.
constexpr int kDictionaryWordsToJudge = 20;

bool reads_as_words(const ReadingSigns& signs) {
  return signs.long_words >= kDictionaryWordsToJudge && 2 * signs.dictionary_words >= signs.long_words;
}

// Below this, a page read as given may be upside down (measured: upside-down pages read at 26 to
// 46, upright scans of the real corpus at 61 and above).
constexpr int kUpsideDownSuspect = 55;

}  // namespace

Outcome<OcrPage> OcrEngines::read(Pix* grey, int dpi) {
  Engine& engine = local();
  if (!engine.ocr_ready) return page_failure(error_.empty() ? "OCR engine cannot start" : error_);
  PixPtr image;
  double skew = 0;
  if (options_.preprocess) {
    PreparedScan prepared = prepare_scan(grey, dpi);
    if (!prepared.pix) return page_failure("out of memory preparing the page image");
    image = std::move(prepared.pix);
    skew = prepared.skew_degrees;
  } else {
    image.reset(pixClone(grey));
  }

  // Reads the page turned by q clockwise quarters.
  ReadingSigns signs;
  const auto read_turned = [&](int q) -> Outcome<OcrPage> {
    PixPtr turned(q == 0 ? pixClone(image.get()) : pixRotateOrth(image.get(), q));
    if (!turned) return page_failure("out of memory turning the page image");
    Outcome<OcrPage> r = recognise(engine.ocr, turned.get(), dpi, options_.page_seconds, &signs);
    if (r.ok()) r.value().rotation = q * 90;
    return r;
  };
  const auto better = [](const Outcome<OcrPage>& a, const Outcome<OcrPage>& b) {
    return a.ok() && (!b.ok() || a.value().confidence > b.value().confidence);
  };

  // The page as given first: nearly every page is upright, and one that reads well with its lines
  // lying flat is upright (measured on the real corpus's scans: upright pages read at 61 to 95,
  // the same pages upside down at 26 to 41), as is one whose words are mostly the dictionary's (a
  // worn typescript read at 60). Orientation detection (the legacy osd model, about 0.35 s a page
  // at 300 dpi, about 40% of the time of reading it) runs only for a page that reads poorly or
  // whose lines stand on end; run on every page it made the batch 1.3 times slower, and on good
  // upright pages it only ever said "turned" with low confidence (180 degrees for a 1940s
  // typescript).
  Outcome<OcrPage> result = read_turned(0);
  if (!result.ok() || !options_.orientation) return finish(std::move(result), skew);
  const bool first_sideways = signs.sideways;
  if (!first_sideways && (result.value().confidence >= kUprightConfidence || reads_as_words(signs)))
    return finish(std::move(result), skew);

  int osd_quads = 0;
  float osd_confidence = 0;
  if (!engine.osd_tried) {
    engine.osd_tried = true;
    engine.osd_ready = engine.osd.Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY) == 0;
    if (engine.osd_ready) engine.osd.SetPageSegMode(tesseract::PSM_OSD_ONLY);
  }
  if (engine.osd_ready) {
    engine.osd.SetImage(image.get());
    engine.osd.SetSourceResolution(dpi);
    int degrees = 0;
    // degrees: how far the page is turned anticlockwise (a page scanned turned 90 degrees
    // clockwise gives 270); pixRotateOrth turns clockwise by quarters.
    if (engine.osd.DetectOrientationScript(&degrees, &osd_confidence, nullptr, nullptr)) osd_quads = (degrees / 90) % 4;
    engine.osd.Clear();
  }

  if (!first_sideways) {
    // Reads poorly as given: turn the page as orientation detection says when it is sure enough,
    // and keep whichever reading has the better confidence (detection is wrong now and then on
    // old print).
    if (osd_quads != 0 && osd_confidence >= 1.5f) {
      Outcome<OcrPage> turned = read_turned(osd_quads);
      if (better(turned, result)) result = std::move(turned);
    } else if (result.value().confidence < kUpsideDownSuspect) {
      // Detection unsure (typewritten capitals defeat it: "0 degrees, confidence 0.13" for a page
      // upside down) and the page reads as badly as upside-down pages do: try it turned round.
      Outcome<OcrPage> turned = read_turned(2);
      if (better(turned, result)) result = std::move(turned);
    }
  } else {
    // Lines run up or down the page (Tesseract reads them, but they cannot be laid out as rows).
    // Orientation detection is often unsure here, and now and then wrong (monospaced capitals
    // defeat it on a page turned by 90 degrees): turn the way it leaned first, and the other way
    // too unless that reads well; keep the reading whose lines lie flat with the better confidence.
    const int lean = (osd_quads == 1 || osd_quads == 3) ? osd_quads : 3;
    Outcome<OcrPage> best = page_failure("not read");
    for (int q : {lean, 4 - lean}) {
      Outcome<OcrPage> turned = read_turned(q);
      if (turned.ok() && !signs.sideways && better(turned, best)) best = std::move(turned);
      if (best.ok() && best.value().confidence >= kUprightConfidence) break;
    }
    if (best.ok()) result = std::move(best);
  }
  if (result.ok()) result.value().orientation_detected = engine.osd_ready;
  return finish(std::move(result), skew);
}

}  // namespace papers
