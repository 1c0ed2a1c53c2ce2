// Agenda packs split into their papers. See pack_split.h.
#include "pipeline/pack_split.h"

#include <re2/re2.h>

#include <cmath>
#include <string_view>

#include "extractors/pattern.h"
#include "pipeline/read.h"

namespace papers {
namespace {

struct Patterns {
  // "Agenda Item 3", "AGENDA ITEM 12a", "Agenda item No. 4": a stamp alone on its line.
  Pattern stamp{R"re((?i)^\s*agenda\s+item\s+(?:no\.?\s*)?(\d{1,3}[a-z]?)\s*$)re"};
  // "This page is intentionally left blank", "This page has been left blank intentionally"
  Pattern blank_words{R"re((?i)\b(?:intentionally\s+(?:been\s+)?left\s+blank|left\s+blank\s+intentionally)\b)re"};
  // Page furniture: "Page 3", "3", "- 3 -", "Page 3 of 20"
  Pattern furniture{R"re((?i)^\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s+of\s+\d{1,4})?\s*$)re"};
  Pattern record_of_decision{R"re((?i)\brecord\s+of\s+(?:the\s+)?decision\b)re"};
  Pattern minutes{R"re((?i)^\s*minutes\b)re"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(start, nl - start);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t' || l.front() == '\f' || l.front() == '\r')) l.remove_prefix(1);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\f' || l.back() == '\r')) l.remove_suffix(1);
    if (!l.empty()) out.push_back(l);
    start = nl + 1;
  }
  return out;
}

re2::StringPiece piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

struct PageSigns {
  bool blank = false;
  bool says_blank = false;  // "This page is intentionally left blank"
  std::optional<std::string> stamp;
  std::string first_line;  // the first line that is neither furniture nor the stamp
  std::string opening;     // its first few such lines, for the part's kind
};

PageSigns signs_of(const PageText& page) {
  const Patterns& p = patterns();
  PageSigns s;
  std::size_t content = 0;
  bool blank_words = false;
  const std::vector<std::string_view> lines = lines_of(page.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    std::string item;
    if (i < 3 && !s.stamp && RE2::FullMatch(piece(l), p.stamp, &item)) {
      s.stamp = item;
      continue;
    }
    if (RE2::FullMatch(piece(l), p.furniture)) continue;
    if (p.blank_words.may_match(l) && RE2::PartialMatch(piece(l), p.blank_words)) {
      blank_words = true;
      continue;
    }
    ++content;
    if (s.first_line.empty()) s.first_line = std::string(l);
    if (content <= 4) s.opening += std::string(l) + "\n";
  }
  // A page that failed to render or read is not blank: nothing is known of it.
  s.blank = page.error.empty() && (content == 0 || (blank_words && content <= 1));
  s.says_blank = s.blank && blank_words;
  return s;
}

bool same_size(const PageText& a, const PageText& b) {
  return std::abs(a.width - b.width) < 0.005 && std::abs(a.height - b.height) < 0.005;
}

bool turned(const PageText& a, const PageText& b) { return std::abs(a.width - b.height) < 0.5 && std::abs(a.height - b.width) < 0.5; }

// A title from a part's first line: its words, the column gaps made single spaces.
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    const char d = c == '\t' ? ' ' : c;
    if (d == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(d);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::vector<PackPart> split_pack(const PageTexts& pages) {
  if (pages.pages.size() < 2) return {};
  std::vector<PageSigns> signs;
  for (const PageText& page : pages.pages) signs.push_back(signs_of(page));
  std::vector<PackPart> parts;
  bool stamped = false, blank_between = false;
  const auto other_size = [&](std::size_t a, std::size_t b) {
    const PageText& x = pages.pages[a];
    const PageText& y = pages.pages[b];
    return x.width > 0 && y.width > 0 && !same_size(x, y) && !turned(x, y);
  };
  for (std::size_t i = 0; i < signs.size(); ++i) {
    bool starts = i == 0;
    if (i > 0) {
      // A size change starts a paper unless it is an odd page inside one: a page whose next page
      // is back at the size of the page before it (an A3 plan in an A4 report), or the page that
      // comes back to the size of its part's first page.
      const std::size_t part_first = parts.empty() ? 0 : static_cast<std::size_t>(parts.back().first - 1);
      const bool odd_page = i + 1 < signs.size() && !signs[i + 1].blank && !other_size(i + 1, i - 1);
      const bool back = !other_size(i, part_first);
      starts = signs[i].blank != signs[i - 1].blank || signs[i].stamp.has_value() ||
               (!signs[i].blank && other_size(i, i - 1) && !odd_page && !back);
    }
    if (starts) {
      PackPart part;
      part.first = part.last = static_cast<int>(i) + 1;
      part.kind = signs[i].blank ? "blank" : "";
      part.title = one_line(signs[i].first_line);
      part.agenda_item = signs[i].stamp;
      if (signs[i].stamp) stamped = true;
      if (signs[i].blank && signs[i].says_blank && i > 0 && i + 1 < signs.size()) blank_between = true;
      parts.push_back(std::move(part));
    } else {
      parts.back().last = static_cast<int>(i) + 1;
    }
  }
  std::size_t papers = 0;
  for (const PackPart& part : parts)
    if (part.kind != "blank") ++papers;
  // An empty page between two papers is a cover's blank back as often as a pack's divider.
  const bool dividers = blank_between || (papers >= 3 && parts.size() > papers);
  if (papers < 2 || !(stamped || dividers)) return {};
  // Kinds, by where a part stands and what its first lines say.
  const Patterns& p = patterns();
  bool seen_stamp = false, seen_paper = false;
  for (PackPart& part : parts) {
    if (part.kind == "blank") continue;
    const std::string& opening = signs[static_cast<std::size_t>(part.first - 1)].opening;
    if (RE2::PartialMatch(opening, p.record_of_decision)) part.kind = "record_of_decision";
    else if (RE2::PartialMatch(opening, p.minutes)) part.kind = "minutes";
    else if (part.agenda_item) part.kind = "report";
    else if (!seen_stamp && !seen_paper) part.kind = "agenda";
    else part.kind = seen_stamp ? "appendix" : "other";
    if (part.agenda_item) seen_stamp = true;
    seen_paper = true;
  }
  return parts;
}

PageTexts part_pages(const PageTexts& pack, const PackPart& part) {
  PageTexts out;
  const std::string where = "#pages=" + std::to_string(part.first) + "-" + std::to_string(part.last);
  out.source = pack.source;
  out.source.path = pack.source.path + where;
  out.source.sha256 = sha256_hex(pack.source.sha256 + where);
  out.source.pages = part.last - part.first + 1;
  out.source.warning.clear();
  out.method = pack.method;
  for (int n = part.first; n <= part.last && n <= static_cast<int>(pack.pages.size()); ++n) {
    PageText page = pack.pages[static_cast<std::size_t>(n - 1)];
    page.number = n - part.first + 1;
    for (StyledLine& l : page.styled) l.page = page.number;
    out.pages.push_back(std::move(page));
  }
  return out;
}

}  // namespace papers
