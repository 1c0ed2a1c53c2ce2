// OCR's pure parts: words laid out as rows, OCR slips mended, text layers judged; and OCR's bad
// inputs: image bombs, corrupt images, pages too large to render, pages over the time limit,
// a language that is not installed, OCR turned off.
#include <catch2/catch.hpp>
#include <leptonica/allheaders.h>
#include <poppler-document.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pipeline/normalise.h"
#include "pipeline/ocr.h"
#include "pipeline/page_image.h"
#include "pipeline/pipeline.h"
#include "pipeline/read.h"
#include "pipeline/text_extract.h"
#include "pipeline/text_quality.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using namespace papers;

namespace {

OcrWord word(std::string text, int left, int top, int line, float confidence = 95) {
  const int width = static_cast<int>(text.size()) * 20;
  return OcrWord{std::move(text), left, top, left + width, top + 40, line, confidence};
}

fs::path write_temp(const std::string& name, const std::string& bytes) {
  const fs::path p = fs::temp_directory_path() / ("papers-ocr-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string big_endian(std::uint32_t v) {
  return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
  const std::string body = type + data;
  std::uint32_t crc = 0xFFFFFFFFu;  // CRC-32 over type and data, as PNG wants it
  for (unsigned char c : body) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return big_endian(static_cast<std::uint32_t>(data.size())) + body + big_endian(~crc);
}

// A PNG whose header claims width x height, with a token of pixel data: a bomb needs no more.
std::string png_header(std::uint32_t width, std::uint32_t height) {
  return std::string("\x89PNG\r\n\x1a\n", 8) +
         png_chunk("IHDR", big_endian(width) + big_endian(height) + std::string("\x08\x00\x00\x00\x00", 5)) +
         png_chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) + png_chunk("IEND", "");
}

// A one-page PDF without text, of the given size in points.
std::string blank_pdf(int width, int height) {
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width) + " " + std::to_string(height) + "] >>"};
  std::string pdf = "%PDF-1.4\n", xref = "xref\n0 4\n0000000000 65535 f \n";
  for (int i = 0; i < 3; ++i) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", pdf.size());
    xref += entry;
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t start = pdf.size();
  return pdf + xref + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(start) + "\n%%EOF\n";
}

const fs::path kScans = fs::path(PAPERS_SOURCE_DIR) / "corpus/scans";

}  // namespace

TEST_CASE("ocr layout: a header table read as two blocks becomes rows with a column gap", "[ocr]") {
  // Tesseract reads the keys and the values as separate blocks, so separate lines.
  const std::vector<OcrWord> words = {word("Meeting", 100, 100, 1), word("date", 260, 100, 1),
                                      word("Agenda", 100, 160, 2), word("item", 240, 160, 2),
                                      word("28", 700, 102, 3), word("September", 760, 102, 3), word("2023", 960, 102, 3),
                                      word("5.2", 700, 162, 4)};
  const std::string text = layout_text(words);
  CHECK(text.find("Meeting date") == 0);
  CHECK(text.find("   28 September 2023\n") != std::string::npos);
  CHECK(text.find("Agenda item") != std::string::npos);
  CHECK(text.find("   5.2\n") != std::string::npos);
  // Both values start in the same column.
  const std::size_t first = text.find('\n');
  CHECK(text.find("28") == text.find("5.2") - first - 1);
}

TEST_CASE("ocr layout: a paragraph gap is a blank line / specks are dropped / indents kept", "[ocr]") {
  std::vector<OcrWord> words;
  int line = 0;
  for (int row = 0; row < 6; ++row) {
    const int top = 100 + row * 60 + (row >= 3 ? 60 : 0);  // a paragraph break before row 3
    words.push_back(word("line", row == 5 ? 180 : 100, top, ++line));
    words.push_back(word("text", 220 + (row == 5 ? 80 : 0), top, line));
  }
  words.push_back(word("'", 40, 220, ++line, 20));  // a speck Tesseract doubts
  const std::string text = layout_text(words);
  CHECK(text == "line text\nline text\nline text\n\nline text\nline text\n    line text\n");
}

TEST_CASE("ocr layout: rows all far apart break after a sentence's end, not within a sentence", "[ocr]") {
  // Words 40 high, rows 90 apart throughout: one-line paragraphs with blank lines between, or
  // double spacing; the pitch alone cannot tell.
  const std::vector<OcrWord> words = {
      word("RESOLVED:", 100, 100, 1), word("approved.", 320, 100, 1),
      word("The", 100, 190, 2), word("meeting", 180, 190, 2), word("closed", 340, 190, 2), word("at", 480, 190, 2),
      word("3.40", 540, 190, 2), word("pm", 640, 190, 2), word("when", 700, 190, 2),
      word("members", 100, 280, 3), word("left.", 260, 280, 3)};
  const std::string text = layout_text(words);
  CHECK(text.find("approved.\n\nThe meeting") != std::string::npos);
  CHECK(text.find("when\nmembers") != std::string::npos);  // a sentence going on stays in its paragraph
}

TEST_CASE("ocr slips: specks / confused digits / split e-mail addresses", "[ocr][normalise]") {
  CHECK(clean_ocr_line("'Meeting date      'Thursday 28 September 2023") == " Meeting date      'Thursday 28 September 2023");
  CHECK(clean_ocr_line("Classification    Public      .") == "Classification    Public       ");
  CHECK(clean_ocr_line("held on 3l March 2O19 at l0.30") == "held on 31 March 2019 at 10.30");
  CHECK(clean_ocr_line("Tel. 0ll3 496 O541") == "Tel. 0113 496 0541");
  CHECK(clean_ocr_line("claire. mears@westkent.gov.uk") == "claire.mears@westkent.gov.uk");
  CHECK(clean_ocr_line("jo @fenbridge.gov.uk") == "jo@fenbridge.gov.uk");
  // Words are left alone: "lO" and "I" hold no digit; "Council." is a word.
  CHECK(clean_ocr_line("I said lO times to the Council.") == "I said lO times to the Council.");
  CHECK(clean_ocr_line("Cabinet - 4 March") == "Cabinet - 4 March");
  // A raised ordinal read as a quote mark: "3"" for "3rd".
  CHECK(clean_ocr_line("ON 3\" November 2022") == "ON 3rd November 2022");
  CHECK(clean_ocr_line("held on 25' July and 11\" June") == "held on 25th July and 11th June");
  CHECK(clean_ocr_line("a 6' fence in May") == "a 6' fence in May");
}

TEST_CASE("text layer: missing / garbage / thin for its ink / good", "[ocr]") {
  const std::string prose =
      "The Committee is recommended to note the performance of the winter service in 2018/19 and to "
      "approve the revised precautionary salting network shown at Appendix A (0113 496 0418).";
  CHECK_FALSE(text_layer_problem(measure_text_layer(prose), -1));
  CHECK(text_layer_problem(measure_text_layer("  \n 3 \n"), -1) == std::optional<std::string>("no text layer"));
  // A font without a Unicode map, letters shifted: symbols where words should be.
  const std::string shifted = "m%.\"2)$'% j)49 j/5.#), y%0/24 4/: h5$)4 !.$ n/6%2.!.#% j/--)44%% k!4%: %& q5,9 %#%# "
                              "y%0/24 /&: j()%& m).!.#% v&&)#%2 (3$($ v&&)#%2) a)4,%: h..5!, n/6%2.!.#% z4!4%-%.4";
  CHECK(text_layer_problem(measure_text_layer(shifted), -1).value_or("").rfind("garbage text layer", 0) == 0);
  // Private-use code points: glyphs with no Unicode meaning.
  std::string private_use;
  for (int i = 0; i < 30; ++i) private_use += "\xEE\x80\x81 ";
  CHECK(text_layer_problem(measure_text_layer(private_use), -1).value_or("").rfind("garbage text layer", 0) == 0);
  // Tokens that are not word-shaped: lower case after capitals inside a word, no vowels.
  CHECK(measure_text_layer("wKh fRxqfLo zLoo frqvLghu wkh uhsruw bxqgv rq wkh hvwlpdwhv iru wkh bhdu").word_share < 0.5);
  // A stamp over a scanned page: little text, much ink.
  const auto stamp = measure_text_layer("Scanned by the county record office");
  CHECK(needs_ink_check(stamp));
  CHECK(text_layer_problem(stamp, 0.06) == std::optional<std::string>("text layer too thin for the ink on the page"));
  CHECK_FALSE(text_layer_problem(stamp, 0.002));  // a short page of text: little ink either
}

TEST_CASE("ocr bad input: image bomb / corrupt image / page too large / over time / no language / OCR off", "[ocr][bad-input]") {
  // An image whose header claims 100,000 x 100,000 pixels is refused before any pixel is decoded.
  auto bomb = extract_file(write_temp("bomb.png", png_header(100000, 100000)).string());
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.failure().reason.find("too large: 100000x100000 pixels") != std::string::npos);

  // A PNG cut short after its header.
  const std::string png = read_all(kScans / "09_minutes_resolved.s300.png");
  auto cut = extract_file(write_temp("cut.png", png.substr(0, png.size() / 3)).string());
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.failure().reason.find("corrupt image") != std::string::npos);

  // A page of 3,000 x 3,000 inches would need 810,000 x 810,000 pixels at 300 dpi.
  auto huge = extract_file(write_temp("huge.pdf", blank_pdf(216000, 216000)).string());
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.failure().reason.find("page 1: page 1 at 300 dpi too large") != std::string::npos);

  // Over the per-page time limit: the page fails with the limit in its reason.
  PipelineOptions hurried;
  hurried.text.ocr.page_seconds = 0.001;
  auto slow = extract_file((kScans / "01_memo_county_highways.s300.pdf").string(), hurried);
  REQUIRE_FALSE(slow.ok());
  CHECK(slow.failure().reason.find("OCR took longer than the page time limit (0.001 s)") != std::string::npos);

  // A language with no model installed: one clear error, nothing read.
  PipelineOptions klingon;
  klingon.text.ocr.lang = "tlh";
  auto no_model = extract_file((kScans / "01_memo_county_highways.s300.pdf").string(), klingon);
  REQUIRE_FALSE(no_model.ok());
  CHECK(no_model.failure().stage == "ocr");
  CHECK(no_model.failure().reason.find("OCR language 'tlh' cannot be loaded") != std::string::npos);

  // OCR off: a scan says it needs OCR; a text-layer paper reads as before.
  PipelineOptions off;
  off.text.ocr.mode = OcrOptions::Mode::never;
  auto scan = extract_file((kScans / "01_memo_county_highways.s300.pdf").string(), off);
  REQUIRE_FALSE(scan.ok());
  CHECK(scan.failure().reason.rfind("needs OCR", 0) == 0);
  auto image = extract_file((kScans / "09_minutes_resolved.s300.png").string(), off);
  REQUIRE_FALSE(image.ok());
  CHECK(image.failure().reason.rfind("needs OCR", 0) == 0);
  auto text = extract_file((fs::path(PAPERS_SOURCE_DIR) / "corpus/dev/01_memo_county_highways.pdf").string(), off);
  CHECK(text.ok());
}

TEST_CASE("ocr always: a text-layer paper is OCR'd page by page and reads the same fields", "[ocr]") {
  PipelineOptions always;
  always.text.ocr.mode = OcrOptions::Mode::always;
  auto record = extract_file((fs::path(PAPERS_SOURCE_DIR) / "corpus/dev/10_multipage_scrutiny.pdf").string(), always);
  REQUIRE(record.ok());
  CHECK(record.value().method == "pdf-ocr");
  REQUIRE(record.value().pages.size() == 2);
  for (const PageInfo& p : record.value().pages) {
    CHECK(p.method == "ocr");
    CHECK(p.ocr_reason == "--ocr always");
    CHECK(p.confidence.value_or(0) > 80);
  }
  auto as_text = extract_file((fs::path(PAPERS_SOURCE_DIR) / "corpus/dev/10_multipage_scrutiny.pdf").string());
  REQUIRE(as_text.ok());
  CHECK(as_text.value().method == "pdf-text");
  REQUIRE(record.value().title);
  CHECK(record.value().title->value == as_text.value().title->value);
  CHECK(record.value().recommendations.size() == as_text.value().recommendations.size());
}

TEST_CASE("ocr typography: an OCR'd page keeps its lines' row heights and places, runs split at wide gaps", "[ocr][typography]") {
  OcrEngines engines{OcrOptions{}};
  REQUIRE(engines.error().empty());
  TextStage text{TextOptions{}, &engines};
  auto file = ReadStage()(Document{(kScans / "02_moderngov_cabinet.s300.pdf").string(), 0, ""});
  REQUIRE(file.ok());
  auto pages = text(std::move(file.value()));
  REQUIRE(pages.ok());
  auto normalised = NormaliseStage()(std::move(pages.value()));
  REQUIRE(normalised.ok());
  const NormalisedText& t = normalised.value();
  CHECK(t.body_size > 8);
  CHECK(t.body_size < 14);
  REQUIRE_FALSE(t.styled.empty());
  bool label_alone = false;
  for (const StyledLine& l : t.styled) {
    CHECK(l.ocr);
    CHECK(l.page == 1);
    CHECK(l.right > l.left);
    CHECK(l.page_width > l.right);
    // "From:" and the name in the next column are two runs, as the text layer's lines are.
    if (l.text == "From:") label_alone = true;
  }
  CHECK(label_alone);
}

// A worn typescript (a 1961 CIA memorandum of the real corpus, page 2) reads below the 70
// confidence that marks a page upright by itself, but most of its longer words are dictionary
// words: it is read as upright without orientation detection (0.35 s a page). Turned round, its
// words are nobody's: detection is asked, and the page is read upright again.
TEST_CASE("ocr orientation: a worn upright typescript is judged upright by its dictionary words / turned round it is detected", "[ocr][realcorpus]") {
  const fs::path real = fs::path(PAPERS_SOURCE_DIR) / "../shared/realcorpus";
  if (!papers::test::have_folder(real)) return;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file((real / "jfk_176-10011-10152.pdf").string()));
  REQUIRE(doc);
  auto page = render_pdf_page(*doc, 1, 300, ImageLimits{});
  REQUIRE(page.ok());
  OcrEngines engines{OcrOptions{}};
  REQUIRE(engines.error().empty());

  auto upright = engines.read(page.value().pix.get(), 300);
  REQUIRE(upright.ok());
  CHECK(upright.value().confidence < 70);
  CHECK(upright.value().rotation == 0);
  CHECK_FALSE(upright.value().orientation_detected);
  CHECK(upright.value().text.find("Special Group") != std::string::npos);

  PixPtr turned(pixRotateOrth(page.value().pix.get(), 2));
  REQUIRE(turned);
  auto read = engines.read(turned.get(), 300);
  REQUIRE(read.ok());
  CHECK(read.value().orientation_detected);
  CHECK(read.value().rotation == 180);
  CHECK(read.value().text.find("Special Group") != std::string::npos);
}
