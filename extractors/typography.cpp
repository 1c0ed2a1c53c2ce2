// Display lines grouped into headings. See typography.h.
#include "extractors/typography.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "extractors/dates.h"
#include "extractors/pattern.h"

namespace papers {

namespace {

// Words that join a heading's line to the next: "... HELD IN THE VILLAGE HALL" / "ON 21 July",
// "... Extraordinary Meeting on" / "Thursday, 9th January".
bool joining_word(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string> joining = {"held", "on", "at", "in", "of", "for", "and", "to", "the", "from",
                                                "with", "by", "&", "-", "–", "—"};
  return joining.count(word) > 0;
}

// Whether a line stops on a joining word ("held" and dashes aside): "... Meeting on", "... of the".
bool ends_open(const std::string& line) {
  const std::size_t end = line.find_last_not_of(' ');
  if (end == std::string::npos) return false;
  const std::size_t space = line.find_last_of(' ', end);
  const std::size_t start = space == std::string::npos ? 0 : space + 1;
  const std::string last = line.substr(start, end + 1 - start);
  return joining_word(last) && last != "held" && last != "-" && last != "–" && last != "—";
}

}  // namespace

bool opens_with_section_number(const std::string& line) {
  static const Pattern kNumbered(R"re(^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.|\(?[a-z]\)|[IVX]{1,4}\.)\s+\S)re");
  if (!RE2::PartialMatch(line, kNumbered)) return false;
  const auto d = first_date(line);  // (asked last: finding dates costs most)
  return !(d && line.rfind(d->text, 0) == 0);  // "8 DECEMBER 2016" is a date, not section 8
}

bool goes_on_from_above(const std::string& line) {
  if (line.empty()) return false;
  if (std::islower(static_cast<unsigned char>(line[0]))) return true;
  return joining_word(line.substr(0, line.find(' ')));
}

namespace {

// Larger than the body text by this much is display type; on an OCR'd page, whose sizes are
// measured row heights (one font's rows differ by up to a fifth), by more.
constexpr double kLarger = 1.12;
constexpr double kLargerMeasured = 1.3;

}  // namespace

std::vector<DisplayGroup> display_groups(const NormalisedText& text, int page) {
  std::vector<const StyledLine*> lines;
  for (const StyledLine& l : text.styled)
    if (l.page == page) lines.push_back(&l);
  if (lines.empty() || text.body_size <= 0) return {};
  // Headings are near the top: the first lines of the page are enough (and keep a page of
  // thousands of runs from costing their square below).
  constexpr std::size_t kLinesLookedAt = 400;
  std::stable_sort(lines.begin(), lines.end(), [](const StyledLine* a, const StyledLine* b) { return a->top < b->top; });
  if (lines.size() > kLinesLookedAt) lines.resize(kLinesLookedAt);
  // Alone on its row: no other run of text of its size or larger beside it ("Present:" beside "Also
  // in attendance:" is a table's heading row, not a title; a front sheet's address in small print
  // beside its title, "DEMOCRATIC SERVICES" at the left of "Summons to and", leaves it alone).
  const auto alone = [&](const StyledLine* l) {
    return std::none_of(lines.begin(), lines.end(), [&](const StyledLine* o) {
      return o != l && o->size >= 0.75 * l->size && std::abs(o->top - l->top) < 0.5 * std::max(o->size, l->size);
    });
  };
  // Centred on the page and set in capitals, as a heading in a plain face is:
  // "MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL".
  const auto centred_capitals = [](const StyledLine* l) {
    // (Not a line across the page, which is centred by filling it.)
    if (l->page_width <= 0 || l->right - l->left > 0.8 * l->page_width) return false;
    const double centre = (l->left + l->right) / 2;
    const bool centred = std::abs(centre - l->page_width / 2) < 0.06 * l->page_width;
    const bool lower = std::any_of(l->text.begin(), l->text.end(), [](unsigned char c) { return std::islower(c); });
    const auto letters = std::count_if(l->text.begin(), l->text.end(), [](unsigned char c) { return std::isalpha(c); });
    return centred && !lower && letters >= 4;
  };
  const auto display = [&](const StyledLine* l) {
    const double ratio = l->size / text.body_size;
    return ratio >= (l->ocr ? kLargerMeasured : kLarger) || (ratio >= 0.9 && alone(l) && (l->bold || centred_capitals(l)));
  };
  std::vector<DisplayGroup> out;
  const StyledLine* last = nullptr;
  for (const StyledLine* l : lines) {
    // A line in the heading's own face that plainly goes on from it belongs to it, even set in
    // lower case: "... SOULDERN PARISH COUNCIL" / "HELD IN THE VILLAGE HALL" / "ON 27th November 2025".
    // (Sizes within 0.6 point are one type; measured rows of one type differ by up to a fifth.)
    const auto same_size = [](const StyledLine* a, const StyledLine* b) {
      return std::abs(a->size - b->size) <= (a->ocr ? 0.2 * std::max(a->size, b->size) : 0.6);
    };
    const bool carries_on = last && goes_on_from_above(l->text) && alone(l) && same_size(l, last) &&
                            l->bold == last->bold && l->top - last->top <= 3 * std::max(l->size, last->size);
    if (!display(l) && !carries_on) {
      // Small print in a column of its own beside the heading (a front sheet's address at the left
      // of its title) does not end it.
      const bool beside = last && l->size < 0.75 * last->size && (l->left >= last->right || l->right <= last->left);
      if (!beside) last = nullptr;
      continue;
    }
    // One heading: the same style, alone on their rows, one under the other -- closely, or further
    // apart where the next line plainly goes on ("HELD IN THE VILLAGE HALL", "on 21 July", "and ...").
    const double gap = last ? l->top - last->top : 0;
    const double size = last ? std::max(l->size, last->size) : 0;
    // (A line left open, "Summons to and Agenda for an Extraordinary Meeting on", goes on in the
    // next of its size whatever its weight: "Thursday, 9th January, 2025", set bold.)
    const bool open = last && ends_open(last->text);
    const bool same = last && alone(l) && alone(last) && same_size(l, last) && (l->bold == last->bold || open);
    // (A line that opens a numbered section starts one, whatever its size: an OCR'd title and the
    // first section heading under it, both in capitals, can measure within a pixel of each other.)
    const bool continues = same && !opens_with_section_number(l->text) &&
                           (gap <= 1.9 * size || (gap <= 3 * size && (goes_on_from_above(l->text) || open)));
    if (continues) {
      DisplayGroup& g = out.back();
      g.text += (g.text.back() == '-' ? "" : " ") + l->text;  // "Cherwell Valley-" / "Bicester area"
      g.parts.push_back(l->text);
      ++g.lines;
    } else {
      out.push_back(DisplayGroup{l->text, {l->text}, l->size / text.body_size, l->bold, l->page, l->top, 1});
    }
    last = l;
  }
  return out;
}

}  // namespace papers
