// Contact blocks in two columns read a column at a time; rows numbered in their middle line made
// whole. See column_flow.h.
#include "pipeline/column_flow.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "extractors/lexicon.h"
#include "extractors/pattern.h"

namespace papers {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\f") == std::string::npos; }

// Where each code point of a UTF-8 line starts, and the line's size after the last.
std::vector<std::size_t> code_point_starts(const std::string& s) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  at.push_back(s.size());
  return at;
}

// "13. Contact details", "Contact Officer:", "Report Authors:": a heading whose words are a contact
// label of lexicons/header_labels.txt, alone on its line.
bool contact_heading(const std::string& line) {
  static const std::set<std::string> labels = [] {
    std::set<std::string> out;
    for (const auto& [label, kind] : lexicon_kinds("header_labels"))
      if (kind == "contact") out.insert(label);
    return out;
  }();
  // "13. Contact details:", "  Contact Officers"
  static const Pattern kHeading(R"re(^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?([A-Za-z][A-Za-z ]{2,40}?)\s*:?\s*$)re");
  // (Only letters, digits, dots, colons and white space can match: most lines hold something else,
  // and are passed over without running the pattern.)
  const auto can_be_in_heading = [](unsigned char c) {
    return std::isalnum(c) || c == ' ' || c == '.' || c == ':' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  };
  if (!std::all_of(line.begin(), line.end(), can_be_in_heading)) return false;
  // (Nor one whose words, past a number and before a colon, run over the 41 letters a label may have.)
  const std::string_view spaces = " \t\n\f\r";
  std::string_view core(line);
  const auto trim_front = [&](std::string_view set) { core.remove_prefix(std::min(core.find_first_not_of(set), core.size())); };
  const auto trim_back = [&](std::string_view set) {
    const std::size_t last = core.find_last_not_of(set);
    core = last == std::string_view::npos ? std::string_view() : core.substr(0, last + 1);
  };
  trim_front(spaces);
  trim_front("0123456789.");
  trim_front(spaces);
  trim_back(spaces);
  if (!core.empty() && core.back() == ':') core.remove_suffix(1);
  trim_back(spaces);
  if (core.size() > 41) return false;
  std::string words;
  if (!RE2::FullMatch(line, kHeading, &words)) return false;
  std::string key;
  for (char c : words) {
    if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (labels.count(key)) return true;
  return key.size() > 1 && key.back() == 's' && labels.count(key.substr(0, key.size() - 1));  // "report authors"
}

// "14. Appendices", "15 Background Documents": a numbered heading, where the block ends.
bool numbered_heading(const std::string& line) {
  static const Pattern kNumbered(R"re(^\s{0,8}\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z])re");
  return RE2::PartialMatch(line, kNumbered);
}

// "Page 8", "8", "Page 3 of 12": a page's number, stamped apart from the text.
bool page_number(const std::string& line) {
  static const Pattern kPageNumber(R"re((?i)^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$)re");
  return RE2::FullMatch(line, kPageNumber);
}

// The lines [begin, end) of a page that a block spans: from begin, up to a numbered heading, two
// blank lines running or the page's end (its number, if stamped there, aside). reached_end:
// whether it ran to the page's end.
std::size_t block_end(const std::vector<std::string>& lines, std::size_t begin, bool* reached_end) {
  std::size_t blanks = 0;
  for (std::size_t i = begin; i < lines.size(); ++i) {
    if (page_number(lines[i])) {
      *reached_end = std::all_of(lines.begin() + static_cast<std::ptrdiff_t>(i), lines.end(),
                                 [](const std::string& l) { return blank(l) || page_number(l); });
      std::size_t e = i;
      while (e > begin && blank(lines[e - 1])) --e;
      return e;
    }
    if (blank(lines[i])) {
      if (++blanks == 2) {
        *reached_end = false;
        return i - 1;
      }
      continue;
    }
    blanks = 0;
    if (numbered_heading(lines[i])) {
      *reached_end = false;
      return i;
    }
  }
  *reached_end = true;
  return lines.size();
}

struct Columns {
  std::vector<std::string> left, right;
};

// The two columns of lines [begin, end), when every word keeps to one side of one character
// column, at least two lines hold both sides and one line only one, and (unless the block goes on
// from a page before, whose columns said so) each column holds a contact's details; nullopt otherwise.
std::optional<Columns> split_columns(const std::vector<std::string>& lines, std::size_t begin, std::size_t end, bool goes_on) {
  // The column: where the text goes on after a gap of two spaces or more, or where a line that
  // holds the right side only starts; the column most lines say.
  std::map<std::size_t, int> votes;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& l = lines[i];
    if (blank(l)) continue;
    const std::vector<std::size_t> at = code_point_starts(l);
    const std::size_t n = at.size() - 1;
    std::size_t first = 0;
    while (first < n && l[at[first]] == ' ') ++first;
    if (first >= 12) ++votes[first];
    for (std::size_t k = first + 2; k < n; ++k)
      if (l[at[k]] != ' ' && l[at[k - 1]] == ' ' && l[at[k - 2]] == ' ') ++votes[k];
  }
  std::size_t column = 0;
  int best = 0;
  for (const auto& [k, n] : votes)
    if (n > best) best = n, column = k;
  if (best < 2 || column < 12) return std::nullopt;
  Columns out;
  std::size_t both = 0, one_side = 0, left_indent = std::string::npos;
  // (A gap of two spaces inside a side is a third column: a table of rows, not two cards.)
  const auto has_gap = [](const std::string& s) { return s.find("  ") != std::string::npos; };
  const auto trim = [](std::string s) {
    const std::size_t b = s.find_first_not_of(' ');
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(' ') - b + 1);
  };
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& l = lines[i];
    if (blank(l)) continue;
    const std::vector<std::size_t> at = code_point_starts(l);
    std::size_t n = at.size() - 1;
    while (n > 0 && l[at[n - 1]] == ' ') --n;
    std::size_t first = 0;
    while (first < n && l[at[first]] == ' ') ++first;
    std::string left, right;
    if (first + 1 >= column) {
      if (first > column + 2) return std::nullopt;  // set further right than the column: another layout
      right = trim(l.substr(at[first], at[n] - at[first]));
    } else if (n <= column) {
      left = l.substr(0, at[n]);
    } else {
      if (l[at[column - 1]] != ' ') return std::nullopt;  // a word crosses the column
      left = l.substr(0, at[column]);
      right = trim(l.substr(at[column], at[n] - at[column]));
    }
    const std::string left_words = trim(left);
    if (has_gap(left_words) || has_gap(right)) return std::nullopt;
    if (!left_words.empty()) {
      left_indent = std::min(left_indent, first);
      while (!left.empty() && left.back() == ' ') left.pop_back();
      out.left.push_back(left);
    }
    if (!right.empty()) out.right.push_back(right);
    (!left_words.empty() && !right.empty() ? both : one_side) += 1;
  }
  // Two people's cards: each column holds a contact's details (an e-mail address or a phone
  // number), which a table of labels and values ("Report Author   Naomi Fisher, ...") does not.
  const auto details = [](const std::vector<std::string>& side) {
    static const Pattern kDetail(R"re(@|\d(?:[ ()-]?\d){6})re");  // "jo@x.gov.uk", "03000 416838"
    return std::any_of(side.begin(), side.end(), [](const std::string& l) { return RE2::PartialMatch(l, kDetail); });
  };
  if (both < 2 || one_side < 1 || out.left.empty() || out.right.size() < 2 || (!goes_on && (!details(out.left) || !details(out.right))))
    return std::nullopt;
  for (std::string& r : out.right) r.insert(0, left_indent == std::string::npos ? 0 : left_indent, ' ');
  return out;
}

// Leading spaces of a line, in code points (a line's indent as laid out).
std::size_t indent_of(const std::string& l) {
  std::size_t i = 0;
  while (i < l.size() && l[i] == ' ') ++i;
  return i;
}

}  // namespace

void mend_centred_row_numbers(std::vector<std::vector<std::string>>& pages, const std::vector<bool>& text_layer) {
  // "2.6   <gap>   Please refer to Section 7": the number and the right-hand cell alone on a row
  static const Pattern kNumberAndCell(R"re(^( {0,3})(\d{1,2}(?:\.\d{1,2}){0,2}\.?)( {2,})(\S.*)$)re");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (!text_layer[p]) continue;
    std::vector<std::string>& lines = pages[p];
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
      // (A digit within the first four columns first: most rows have none there.)
      const std::size_t first = lines[i].find_first_not_of(' ');
      if (first == std::string::npos || first > 3 || !std::isdigit(static_cast<unsigned char>(lines[i][first]))) continue;
      std::string lead, number, gap, cell;
      if (!RE2::FullMatch(lines[i], kNumberAndCell, &lead, &number, &gap, &cell)) continue;
      const std::string& above = lines[i - 1];
      const std::string& below = lines[i + 1];
      if (blank(above) || blank(below)) continue;
      const std::size_t column = indent_of(above), cell_at = lead.size() + number.size() + gap.size();
      // The row's text cell: above and below start at one column right of the number and end
      // before the right-hand cell begins; the number's row holds nothing in it.
      if (column != indent_of(below) || column <= lead.size() + number.size() || column > 12 || cell_at < column + 20) continue;
      if (code_point_starts(above).size() - 1 >= cell_at - 1 || code_point_starts(below).size() - 1 >= cell_at - 1) continue;
      std::string row = lead + number;
      row.append(column > row.size() ? column - row.size() : 1, ' ');
      row += above.substr(column) + " " + below.substr(column);
      // (The right-hand cell after a gap as wide as the others' rows have, so it stays a cell.)
      const std::size_t width = code_point_starts(row).size() - 1;
      row.append(width + 6 < cell_at ? cell_at - width : 6, ' ');
      row += cell;
      lines[i - 1] = row;
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i), lines.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    }
  }
}

void reflow_contact_columns(std::vector<std::vector<std::string>>& pages, const std::vector<bool>& text_layer) {
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (!text_layer[p]) continue;
    std::vector<std::string>& lines = pages[p];
    for (std::size_t h = 0; h < lines.size(); ++h) {
      if (!contact_heading(lines[h])) continue;
      std::size_t begin = h + 1;
      while (begin < lines.size() && blank(lines[begin])) ++begin;
      bool reached_end = false;
      const std::size_t end = block_end(lines, begin, &reached_end);
      std::optional<Columns> columns = split_columns(lines, begin, end, /*goes_on=*/false);
      if (!columns) continue;
      // The block goes on at the top of the next page in the same two columns: read it whole.
      std::size_t next_begin = 0, next_end = 0;
      if (reached_end && p + 1 < pages.size() && text_layer[p + 1]) {
        const std::vector<std::string>& next = pages[p + 1];
        std::size_t first = 0;
        while (first < next.size() && (blank(next[first]) || page_number(next[first]))) ++first;
        bool next_reached = false;
        const std::size_t e = block_end(next, first, &next_reached);
        if (std::optional<Columns> more = split_columns(next, first, e, /*goes_on=*/true)) {
          columns->left.insert(columns->left.end(), more->left.begin(), more->left.end());
          columns->right.insert(columns->right.end(), more->right.begin(), more->right.end());
          next_begin = first;
          next_end = e;
        }
      }
      std::vector<std::string> read(columns->left);
      read.emplace_back();
      read.insert(read.end(), columns->right.begin(), columns->right.end());
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(begin), lines.begin() + static_cast<std::ptrdiff_t>(end));
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(begin), read.begin(), read.end());
      if (next_end > 0)
        pages[p + 1].erase(pages[p + 1].begin() + static_cast<std::ptrdiff_t>(next_begin),
                           pages[p + 1].begin() + static_cast<std::ptrdiff_t>(next_end));
      h = begin + read.size() - 1;
    }
  }
}

}  // namespace papers
