// Stage 5, segment. See segment.h.
#include "pipeline/segment.h"

#include <re2/re2.h>

#include "extractors/dates.h"
#include "extractors/header_fields.h"
#include "extractors/lexicon.h"
#include "extractors/pattern.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace papers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Header labels: every label of lexicons/header_labels.txt ("label = kind"), in lower case.
const std::vector<std::string>& known_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& [label, kind] : lexicon_kinds("header_labels")) out.push_back(label);
    return out;
  }();
  return keys;
}

// Labels that end the sections: the rows clerks put after the last numbered section
// (lexicons/trailer_labels.txt), in lower case.
const std::vector<std::string>& trailer_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const std::string& entry : lexicon("trailer_labels")) out.push_back(lower(entry));
    return out;
  }();
  return keys;
}

bool in(std::string_view key, const auto& list) {
  const std::string k = lower(key);
  return std::find(list.begin(), list.end(), k) != list.end();
}

// "1. Purpose", "2 RECOMMENDATIONS", "6 Background documents", "2 | Recommendations": a numbered
// section heading.
const RE2& numbered_heading() {
  static const Pattern re(R"re(^(\d{1,2})\.?\s+(?:\|\s+)?([A-Z][^\t]{1,90})$)re");
  return re;
}

// "P/18/21 Apologies", "C/23/45 Revenue Budget 2023/24" -- a minute reference and its heading.
const RE2& minute_heading() {
  static const Pattern re(R"re(^([A-Z]{1,4}/\d{2,4}/\d{1,4})\s+([A-Z][^\t]{1,90})$)re");
  return re;
}

// "1.1 The purpose ...", "2.3.1 ..." -- a numbered paragraph.
const RE2& numbered_paragraph() {
  static const Pattern re(R"re(^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(.+)$)re");
  return re;
}

// "(a) note ...", "a) note", "a. note", "(iv) agree", "ii. agree", "1) NOTE", "(2) approve", "• item" -- a list item.
const RE2& list_item() {
  static const Pattern re(R"re(^(\([a-z]\)|[a-z]\)|[a-z]\.|\([ivx]{1,5}\)|[ivx]{1,5}\)|[ivx]{2,5}\.|\(\d{1,2}\)|\d{1,2}\)|\d{1,2}\.|•)\s+(.+)$)re");
  return re;
}

// Words that open a section even without a number ("Recommendations", "Background").
const RE2& unnumbered_heading() {
  static const Pattern re(
      R"((?i)^(?:purpose(?: of (?:the )?report)?|introduction|summary|executive summary|background|recommendations?|recommendation\(s\)|the recommendations?|issues?|proposals?|options(?: considered)?|financial implications|legal implications|risk(?:s| management)?|equalit(?:y|ies)(?: implications)?|conclusions?|next steps|appendices|background (?:papers|documents)|consultation|implications|decision|resolved|minutes|reasons? for (?:the )?recommendations?|alternatives? considered)\s*:?$)");
  return re;
}

bool is_heading_text(std::string_view text) {
  if (text.size() > 90 || text.empty()) return false;
  // "2 Marsham Street": a number and a street's name is an address line.
  if (is_street_line("1 " + std::string(text))) return false;
  // "28 January 2021" is a date line, not section 28.
  static const Pattern kMonthFirst(R"re((?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b)re");
  if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kMonthFirst)) return false;
  const char last = text.back();
  if (last == '.' || last == ',' || last == ';') return false;
  int words = 1;
  for (char c : text) words += (c == ' ');
  return words <= 12;
}

bool all_caps(std::string_view s) {
  int upper = 0, lower_count = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= 'a' && c <= 'z') ++lower_count;
  }
  return upper >= 4 && lower_count == 0;
}

// An unlisted key ending in a word keys end in: "Electoral Division", "Past Pathway of report".
// A heading with a colon ("LAND AT MILL STREET: PROPOSED ACQUISITION") is not a key.
bool looks_like_key(std::string_view key) {
  static const Pattern kKeyWord(
      R"re((?i)^[A-Z][A-Za-z()' /&-]{0,40}\b(?:date|officer|officers|author|item|title|status|division|wards?|decision|pathway(?: of report)?|number|no|ref|reference|meeting|contact|tel|email|lead|director|member|portfolio|body|venue|time|attendees|present|apologies|summary|purpose)$)re");
  return std::count(key.begin(), key.end(), ' ') < 4 && RE2::FullMatch(re2::StringPiece(key.data(), key.size()), kKeyWord);
}

}  // namespace

bool is_known_header_key(std::string_view key) {
  key = trim(key);
  if (!key.empty() && key.back() == ':') key.remove_suffix(1);
  return in(trim(key), known_keys());
}

HeaderField split_header_line(std::string_view line, std::size_t offset) {
  HeaderField field;
  field.span = Span{offset, offset + line.size()};
  // "Key: value" (short key)
  static const Pattern kColonKey(R"re(^([A-Z][A-Za-z()' /&.-]{0,40}?)\s*:\s*(.*)$)re");
  // "Key - value" for known keys only: "Contact Officers - Jack Hudson"
  static const Pattern kDashKey(R"re(^([A-Z][A-Za-z()' /&]{0,40}?)\s+-\s+(.+)$)re");
  std::string key, value;
  const std::size_t tab = line.find('\t');
  const bool capital = !line.empty() && line[0] >= 'A' && line[0] <= 'Z';  // both patterns open with one
  if (tab != std::string_view::npos && (is_known_header_key(line.substr(0, tab)) || trim(line.substr(0, tab)).ends_with(':'))) {
    key = std::string(trim(line.substr(0, tab)));
    if (key.ends_with(':')) key.pop_back();
    value = std::string(trim(line.substr(tab + 1)));
  } else if (capital && kColonKey.may_match(line) && RE2::FullMatch(line, kColonKey, &key, &value) &&
             (is_known_header_key(key) || looks_like_key(key))) {
  } else if (capital && kDashKey.may_match(line) && RE2::FullMatch(line, kDashKey, &key, &value) && is_known_header_key(key)) {
  } else {
    key.clear();
    value = std::string(line);
  }
  field.key = key;
  field.value = value;
  const std::size_t at = value.empty() ? line.size() : line.rfind(value);
  field.value_span = Span{offset + (at == std::string_view::npos ? 0 : at), offset + line.size()};
  return field;
}

Outcome<Segments> SegmentStage::operator()(NormalisedText input) const {
  Segments out;
  const std::string& text = input.text;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    if (nl > start) out.lines.push_back(Line{text.substr(start, nl - start), Span{start, nl}});
    start = nl + 1;
  }

  // The header ends at the first section heading or numbered paragraph.
  std::size_t first_body = out.lines.size();
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    const std::string& l = out.lines[i].text;
    std::string number, rest;
    // "1. The allotment site at Mill Field has 24 plots, of which 6 are vacant.": a short paper
    // numbered in one level, paragraph by paragraph, with no headings.
    // "P/18/21 Apologies", "C/23/45 Revenue Budget": a minute reference and its heading.
    if (RE2::FullMatch(l, minute_heading())) {
      first_body = i;
      break;
    }
    static const Pattern kNumberedSentence(R"re(^\d{1,2}\.\s+([A-Z](?:[^\t]*?\s){5,}[^\t]*[.:])$)re");
    if ((RE2::FullMatch(l, numbered_heading(), &number, &rest) && is_heading_text(rest)) ||
        RE2::FullMatch(l, numbered_paragraph()) || RE2::FullMatch(l, unnumbered_heading()) ||
        RE2::FullMatch(l, kNumberedSentence)) {
      first_body = i;
      break;
    }
  }

  auto add_header_line = [](std::vector<HeaderField>& into, const Line& line) {
    const std::size_t tab = line.text.find('\t');
    // Two columns of a header run together by the layout: "Thursday, 30th January, 2025, at
    // 10.00 am Ask for:" / "Georgina Little": a free cell, then a known key and its value.
    if (tab != std::string::npos) {
      std::string_view first = trim(std::string_view(line.text).substr(0, tab));
      if (first.ends_with(':') && !is_known_header_key(first)) {
        first.remove_suffix(1);
        const std::string lowered = lower(first);
        // The longest known key the cell ends with: "... am Ask for:" is "Ask for", not "for".
        std::string_view longest;
        for (std::string_view known : known_keys()) {
          if (known.size() < 3 || lowered.size() <= known.size() + 1 || !lowered.ends_with(known) ||
              lowered[lowered.size() - known.size() - 1] != ' ' || known.size() <= longest.size())
            continue;
          longest = known;
        }
        if (!longest.empty()) {
          const std::string_view known = longest;
          const std::size_t split = static_cast<std::size_t>(first.data() - line.text.data()) + first.size() - known.size();
          into.push_back(split_header_line(trim(std::string_view(line.text).substr(0, split)), line.span.begin));
          into.push_back(split_header_line(std::string_view(line.text).substr(split), line.span.begin + split));
          return;
        }
      }
    }
    // A tab-separated line whose first cell is not a key holds several header cells.
    if (tab != std::string::npos && !is_known_header_key(line.text.substr(0, tab)) &&
        !std::string_view(line.text).substr(0, tab).ends_with(':')) {
      std::size_t cell_start = 0;
      while (cell_start <= line.text.size()) {
        std::size_t cell_end = line.text.find('\t', cell_start);
        if (cell_end == std::string::npos) cell_end = line.text.size();
        if (cell_end > cell_start)
          into.push_back(split_header_line(std::string_view(line.text).substr(cell_start, cell_end - cell_start),
                                           line.span.begin + cell_start));
        cell_start = cell_end + 1;
      }
      return;
    }
    into.push_back(split_header_line(line.text, line.span.begin));
  };

  for (std::size_t i = 0; i < first_body; ++i) add_header_line(out.header, out.lines[i]);

  bool in_trailer = false;
  Section* current = nullptr;
  Paragraph* paragraph = nullptr;
  for (std::size_t i = first_body; i < out.lines.size(); ++i) {
    const Line& line = out.lines[i];
    std::string number, rest;
    if ((RE2::FullMatch(line.text, numbered_heading(), &number, &rest) && is_heading_text(rest) &&
         !RE2::FullMatch(line.text, numbered_paragraph())) ||
        RE2::FullMatch(line.text, minute_heading(), &number, &rest)) {
      out.sections.push_back(Section{number, rest, line.span, {}});
      current = &out.sections.back();
      paragraph = nullptr;
      in_trailer = false;
      continue;
    }
    const HeaderField as_field = split_header_line(line.text, line.span.begin);
    // "For further information contact: ...", "Licensing Officer: Dean Walsh, 01473 ...": a
    // contact row after the sections, like the listed trailer keys.
    static const Pattern kContactRow(R"re((?i)^(?:for\s+(?:further|more)\s+information\s+(?:please\s+)?contact|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\s+(?:officer|manager|clerk))\s*:.*(?:@|\d{4}\s?\d{3}))re");
    if ((!as_field.key.empty() && in(as_field.key, trailer_keys())) || in(trim(line.text), trailer_keys()) ||
        (!as_field.key.empty() && RE2::PartialMatch(line.text, kContactRow))) {
      in_trailer = true;
      out.trailer.push_back(as_field);
      continue;
    }
    if (in_trailer) {
      out.trailer.push_back(as_field);
      continue;
    }
    // (A number, a lower-case letter, a bracket or a bullet opens either; most lines open otherwise.)
    const unsigned char opener = line.text.empty() ? 0 : static_cast<unsigned char>(line.text[0]);
    const bool may_be_numbered = std::isdigit(opener) || std::islower(opener) || opener == '(' || opener == 0xE2;
    const bool numbered = may_be_numbered && (RE2::FullMatch(line.text, numbered_paragraph(), &number, &rest) ||
                                              RE2::FullMatch(line.text, list_item(), &number, &rest));
    if (!numbered && (RE2::FullMatch(line.text, unnumbered_heading()) || (all_caps(line.text) && is_heading_text(line.text) && line.text.find('\t') == std::string::npos))) {
      std::string heading(trim(line.text));
      if (!heading.empty() && heading.back() == ':') heading.pop_back();
      out.sections.push_back(Section{std::nullopt, heading, line.span, {}});
      current = &out.sections.back();
      paragraph = nullptr;
      continue;
    }
    if (!current) {
      out.sections.push_back(Section{std::nullopt, "", Span{line.span.begin, line.span.begin}, {}});
      current = &out.sections.back();
    }
    if (numbered) {
      // "(a)", "a)", "a.", "1)", "1." are all item "a" / "1"; "1.1" stays "1.1"; a bullet has none.
      while (!number.empty() && (number.back() == ')' || number.back() == '.')) number.pop_back();
      if (!number.empty() && number.front() == '(') number.erase(0, 1);
      const std::size_t at = line.text.rfind(rest);
      std::optional<std::string> label;
      if (number != "\xE2\x80\xA2") label = number;
      current->paragraphs.push_back(Paragraph{label, rest, Span{line.span.begin + at, line.span.end}});
      paragraph = &current->paragraphs.back();
      continue;
    }
    (void)paragraph;
    current->paragraphs.push_back(Paragraph{std::nullopt, line.text, line.span});
    paragraph = &current->paragraphs.back();
  }
  // A closing block ("Sarah Moss" / "Town Clerk" / "0117 496 0312" / "2 January 2020": a name, a
  // role, then a phone number or a date) is no paragraph of the last section: it goes to the
  // trailer.
  if (!out.sections.empty()) {
    std::vector<Paragraph>& ps = out.sections.back().paragraphs;
    std::size_t first = ps.size();  // the trailing run of unnumbered paragraphs, four at most
    while (first > 0 && ps.size() - first < 4 && !ps[first - 1].number) --first;
    std::vector<std::string_view> last;
    for (std::size_t k = first; k < ps.size(); ++k) last.push_back(ps[k].text);
    if (const std::optional<ClosingBlock> block = find_closing_block(last)) {
      const std::size_t from = first + block->name;
      for (std::size_t k = from; k < ps.size(); ++k) out.trailer.push_back(split_header_line(ps[k].text, ps[k].span.begin));
      ps.erase(ps.begin() + static_cast<std::ptrdiff_t>(from), ps.end());
    }
  }
  out.text = std::move(input);
  return out;
}

}  // namespace papers
