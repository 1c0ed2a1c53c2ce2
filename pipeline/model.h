// Value types that flow through the ingestion pipeline, stage by stage:
//   Document -> SourceFile -> PageTexts -> NormalisedText -> Segments -> Record
// and the Failure that replaces any of them when a file cannot be ingested.
// Plain data only: no I/O, no library handles, no behaviour beyond small accessors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace papers {

// A byte range [begin, end) in NormalisedText::text (UTF-8).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Why one file was not ingested. Travels as a value to the archive stage, which records it.
struct Failure {
  std::string path;
  std::string stage;   // "discover", "read", "text", "normalise", "segment", "fields", "archive"
  std::string reason;  // one line a person can act on, e.g. "encrypted PDF: needs a password"
  std::string sha256;  // empty when the bytes were never read
};

// Either a value or the Failure that stopped its file.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}
  Outcome(Failure failure) : v_(std::move(failure)) {}
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  Failure& failure() { return std::get<1>(v_); }
  const Failure& failure() const { return std::get<1>(v_); }

 private:
  std::variant<T, Failure> v_;
};

// 1. discover: a file to ingest, in the order it was found.
struct Document {
  std::string path;
  std::uint64_t sequence = 0;
  std::string skip_reason;  // set when discovery already knows it cannot be read
};

enum class MediaKind { pdf, text, image, unsupported };

// 2. read: the file's bytes and identity.
struct SourceFile {
  std::string path;
  std::string bytes;
  std::string sha256;      // lower-case hex; the paper's id
  std::string media_type;  // by content, e.g. "application/pdf", "text/plain"
  MediaKind kind = MediaKind::unsupported;
  std::string warning;     // e.g. name says .pdf but content is text
};

// Metadata that rides along from read to record.
struct SourceInfo {
  std::string path;
  std::string sha256;
  std::uint64_t bytes = 0;
  std::string media_type;
  int pages = 0;
  std::string warning;
};

// A line of a text-layer page as it is set: its words, their font size and weight, and where it
// stands. Lines are split at wide gaps (columns), so a line is one run of text. For titles,
// banners and headings, which are the large or bold lines near the top whatever words they use.
struct StyledLine {
  std::string text;
  double size = 0;    // font size in points (the size most of its characters are set in)
  bool bold = false;  // most of its characters are in a bold, black or heavy face
  double top = 0;     // distance of its top from the top of the page, in points
  double left = 0;    // distance of its left edge from the page's left edge, in points
  double right = 0;   // distance of its right edge from the page's left edge, in points
  double page_width = 0;
  int page = 1;
  bool ocr = false;  // measured on an OCR'd page: size is the row's height, noisier than a font's size
};

// 3. text: text per page, in reading order.
// A page whose lines as set hold this many characters has a body of text (not display lines
// alone, as a front sheet's title page may): its body size is the paper's (text_extract.cpp looks
// that far for one, normalise.cpp takes its size).
constexpr std::size_t kBodyTextChars = 300;

struct PageText {
  int number = 0;              // 1-based
  std::string text;            // UTF-8
  std::string method = "text"; // "text" or "ocr"
  std::optional<double> confidence;  // mean word confidence for OCR pages, 0..100
  std::string ocr_reason;      // why the page was OCR'd ("no text layer", ...); "" for text pages
  int rotation = 0;            // degrees an OCR'd page was turned clockwise to read it upright
  std::string error;           // why the page has no text (it failed to render or OCR); "" when fine
  // The first pages' lines as set (text-layer pages only; empty for OCR'd pages and text files),
  // and the size most of the page's characters are set in.
  std::vector<StyledLine> styled;
  double body_size = 0;
  // The page's size in points (a PDF's media box; 0 for text files and images): a bound pack's
  // papers come from files whose pages differ in size, however slightly.
  double width = 0, height = 0;
  int ocr_dpi = 0;  // the resolution an OCR'd page was read at (lower than asked for a page too large)
};

struct PageTexts {
  SourceInfo source;
  std::string method;  // how the paper's text was got: "pdf-text", "pdf-ocr", "pdf-mixed", "image-ocr", "text-file"
  std::vector<PageText> pages;
};

// Per-page facts kept after normalisation, for the record's extraction block.
struct PageInfo {
  int number = 0;
  std::string method = "text";
  std::size_t chars = 0;  // characters (code points) of the page's normalised text
  std::optional<double> confidence;
  std::string ocr_reason;
  int rotation = 0;
  std::string error;
  int ocr_dpi = 0;
};

// 4. normalise: one NFKC, unwrapped text, page boundaries kept as offsets.
struct NormalisedText {
  SourceInfo source;
  std::string method;
  std::string text;                       // paragraphs one a line, blank lines between blocks
  std::vector<std::size_t> page_starts;   // byte offset where each page begins
  std::vector<PageInfo> pages;
  // The first pages' lines as set (see StyledLine), their characters normalised as the text's
  // are, and the size most of the first page's characters are set in (0: no typography known).
  std::vector<StyledLine> styled;
  double body_size = 0;

  // 1-based page number of a byte offset into text.
  int page_of(std::size_t offset) const {
    int page = 1;
    for (std::size_t i = 0; i < page_starts.size(); ++i) {
      if (page_starts[i] <= offset) page = static_cast<int>(i) + 1;
      else break;
    }
    return page;
  }
};

// 5. segment: header block, numbered sections and paragraphs.
struct Line {
  std::string text;
  Span span;
};

struct HeaderField {
  std::string key;    // as written, without the colon ("Date of meeting"); empty for a free line
  std::string value;  // the rest of the line, or the whole line when key is empty
  Span span;          // the whole line
  Span value_span;
};

struct Paragraph {
  std::optional<std::string> number;  // "1.1", "a", "(iv)", "3)"; nullopt when unnumbered
  std::string text;                   // lines joined with single spaces, number removed
  Span span;
};

struct Section {
  std::optional<std::string> number;  // "1"; nullopt when the heading has no number
  std::string heading;
  Span span;                          // the heading line
  std::vector<Paragraph> paragraphs;
};

struct Segments {
  NormalisedText text;
  std::vector<HeaderField> header;  // lines before the first section
  std::vector<Section> sections;
  std::vector<HeaderField> trailer; // "Contact Officer", "Source Documents" rows after the sections
  std::vector<Line> lines;          // every non-blank line, for extractors that scan lines
};

// 6. fields: the values a clerk needs, each with provenance.
struct Provenance {
  int page = 0;
  Span span;
};

struct TextField {
  std::string value;
  Provenance at;
};

struct DateValue {
  std::string text;   // as written
  std::string kind;   // "day", "month", "year", "range", "financial_year"
  std::string start;  // ISO 8601
  std::string end;
  Provenance at;
};

struct Recommendation {
  std::optional<std::string> number;
  std::string text;
  std::optional<std::string> body;    // who is asked, as the lead-in words it: "Cabinet", "Committee"
  std::optional<std::string> action;  // the verb asked for, base form: "note", "approve", "delegate"
  Provenance at;
};

// What minutes, a record of decision or a notice say was decided (RESOLVED, AGREED, DECIDED,
// "it was agreed that ...", "The minutes were approved"): the decision's own words after its
// marker. Distinct from a Recommendation, which a report puts to a body to decide.
// A recorded vote as minutes print it: "For (39) ... Against (19) ... Abstain (1)", "For: 5,
// Against: 2, Abstentions: 1", with the members' names when they are listed under each count.
struct Vote {
  std::optional<int> in_favour, against, abstain;
  std::vector<std::string> names_in_favour, names_against, names_abstain;
  std::string result;  // "carried", "lost" or "" when the minutes do not say
  Provenance at;
};

struct Decision {
  std::optional<std::string> number;  // the minute or resolution number, else the item's letter
  std::string text;
  Provenance at;
  std::optional<std::string> minute;  // the minute it is recorded under ("88"; see MeetingItem)
  std::optional<Vote> vote;           // the vote on the motion it carried, where the minute prints one
};

// One item of a meeting as its minutes (or agenda) number it: "88. 24/00108 - Revenue and Capital
// Budget Monitoring Report (Item 5)" is minute 88, on agenda item 5; an agenda's "5. 24/00108 -
// Revenue and Capital Budget Monitoring Report (Pages 11 - 84)" is item 5, its papers on pages
// 11 to 84 of its pack. at is the heading; extent runs from the heading to the next item's (or the
// end of the text).
struct MeetingItem {
  std::string number;
  std::string heading;
  std::optional<std::string> agenda_item;
  // An agenda's item: the pages of the pack it gives for the item's papers ("(Pages 11 - 84)").
  std::optional<int> first_page, last_page;
  Provenance at;
  Span extent;
};

struct Contact {
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::optional<std::string> email;
  std::optional<std::string> phone;  // E.164
  // false for a number of a possible length that today's numbering plan would not allocate (an
  // old paper's exchange): kept as written, in E.164, and flagged.
  bool phone_allocated = true;
  Provenance at;
};

struct LegalReference {
  std::string text;                    // as written, e.g. "Section 12 of the Act"
  std::string act;                     // resolved short title with year
  std::optional<std::string> section;  // "12", "100A", "Schedule 12A"
  std::string act_key;                 // the Act's canonical key: "local-government-act-1972"
  Provenance at;
};

struct Link {
  std::string url;
  Provenance at;
};

// One paper bound into an agenda pack, as pack_split.h finds it: its pages in the pack.
struct PackPart {
  int first = 0, last = 0;  // 1-based, inclusive
  std::string kind;         // agenda, report, appendix, record_of_decision, minutes, blank, other
  std::string title;        // its first line that is not page furniture ("" for a blank part)
  std::optional<std::string> agenda_item;  // the "Agenda Item N" stamp on its first page
};

// Where a part's record sits in its pack.
struct PartOf {
  std::string pack_id, pack_path;
  int first = 0, last = 0;
};

struct Record {
  SourceInfo source;
  std::string method;
  std::vector<PageInfo> pages;
  std::optional<TextField> title, body, organisation, agenda_item, author, classification;
  // For an exempt paper, the paragraphs of Schedule 12A to the Local Government Act 1972 it is
  // exempt under, as cited: "3", "1, 2".
  std::optional<TextField> exempt_paragraphs;
  std::optional<DateValue> meeting_date, report_date;
  std::vector<Section> sections;
  std::vector<Recommendation> recommendations;
  std::vector<Decision> decisions;
  std::vector<MeetingItem> items;  // a minutes paper's minutes (numbers, headings, agenda items), an agenda's items
  std::vector<Contact> contacts;
  std::vector<LegalReference> legal_references;
  std::vector<DateValue> dates;
  std::vector<Link> links;
  std::string text;
  // A pack: the papers it binds, and a record of each part that is not blank, in order (their
  // fields, recommendations and decisions are the parts', not the pack's).
  std::vector<PackPart> parts;
  std::vector<Record> part_records;
  std::optional<PartOf> part_of;  // a part: its pack and pages there
};

}  // namespace papers
