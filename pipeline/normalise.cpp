// Stage 4, normalise. See normalise.h for what it does and must not do.
#include "pipeline/normalise.h"

#include <re2/re2.h>

#include "extractors/header_fields.h"
#include "extractors/lexicon.h"
#include "extractors/pattern.h"
#include "pipeline/column_flow.h"
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace papers {
namespace {

// One line of a page after character normalisation.
struct PageLine {
  std::string text;
  int page = 0;
  bool blank = false;
  std::size_t indent = 0;  // leading spaces before normalisation (physical layout keeps columns)
  std::size_t value_column = std::string::npos;  // where the text after a column gap starts, if any
  std::string margin;      // right-margin notes lifted out of the lines joined here ("AM", "All", "(DB)")
  std::size_t right = 0;   // where the line ends as set: its indent and its code points
  std::size_t last_right = std::string::npos;  // where the last physical line joined in ends (npos: text is one line)
  std::size_t last_indent = 0, last_points = 0;  // that line's indent and code points
};

UChar32 one_form(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x0060: case 0x00B4:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE58:
    case 0xFE63: case 0xFF0D:
      return '-';
    case 0x2022: case 0x25AA: case 0x25CF: case 0x25E6: case 0x2023: case 0x2043: case 0x00B7: case 0xF0B7:
      return 0x2022;  // one bullet
    default:
      break;
  }
  if (c == '\t' || c == '\n') return c;
  if (u_isUWhiteSpace(c)) return ' ';
  return c;
}

bool drop_character(UChar32 c) {
  if (c == '\t' || c == '\n') return false;
  if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) return true;
  const int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR || type == U_SURROGATE;
}

// The column (in code points) of the text after the first gap of three or more spaces that
// follows some text: "Subject:      Decision 23/00412" gives 14. npos when there is no gap.
std::size_t value_column(const std::string& raw) {
  std::size_t column = 0, run = 0;
  bool seen_text = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: same code point
    if (c == ' ') {
      ++run;
    } else {
      if (seen_text && run >= 3) return column;
      seen_text = true;
      run = 0;
    }
    ++column;
  }
  return std::string::npos;
}

// "A G E N D A" -> "AGENDA": a word set letter-spaced (four or more capitals, one space apart).
std::string unspaced_letters(std::string line) {
  static const Pattern kSpaced(R"re(\b([A-Z](?: [A-Z]){3,})\b)re");
  // The pattern needs a capital, a space and a capital: a line without one is left as it is.
  bool spaced = false;
  for (std::size_t i = 0; i + 2 < line.size() && !spaced; ++i)
    spaced = line[i] >= 'A' && line[i] <= 'Z' && line[i + 1] == ' ' && line[i + 2] >= 'A' && line[i + 2] <= 'Z';
  if (!spaced) return line;
  re2::StringPiece input(line), run;
  std::string out;
  std::size_t done = 0;
  while (RE2::FindAndConsume(&input, kSpaced, &run)) {
    const std::size_t at = static_cast<std::size_t>(run.data() - line.data());
    out += line.substr(done, at - done);
    for (char c : run) if (c != ' ') out += c;
    done = at + run.size();
  }
  out += line.substr(done);
  return out;
}

std::string collapse_spaces(const std::string& line) {
  // Runs of spaces become one; a gap of three or more spaces inside a line (a column gap in
  // physical layout) becomes a tab, and a tab (a column gap in text dumps) absorbs spaces.
  std::string out;
  out.reserve(line.size());
  std::size_t run = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    run = c == ' ' ? run + 1 : 0;
    if (c == ' ' && run >= 3 && !out.empty() && out.back() == ' ' && i + 1 < line.size() && line[i + 1] != ' ') {
      out.back() = '\t';
      continue;
    }
    if (c == ' ') {
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) continue;
      out.push_back(' ');
    } else if (c == '\t') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && out.back() == '\t') continue;
      out.push_back('\t');
    } else {
      out.push_back(c);
    }
  }
  std::size_t b = 0, e = out.size();
  while (b < e && (out[b] == ' ' || out[b] == '\t')) ++b;
  while (e > b && (out[e - 1] == ' ' || out[e - 1] == '\t')) --e;
  return out.substr(b, e - b);
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// "Page 3 of 12", "- 3 -", "3", "3/12": a line that is only a page number.
const RE2& page_number_line() {
  static const Pattern re(R"re((?i)^(?:page\s*)?-?\s*\d{1,4}\s*-?(?:\s*(?:of|/)\s*\d{1,4})?$)re");
  return re;
}

// What a header or footer line looks like once its numbers are ignored.
std::string line_signature(std::string_view line) {
  std::string sig;
  for (char c : line) {
    if (c >= '0' && c <= '9') {
      if (sig.empty() || sig.back() != '#') sig.push_back('#');
    } else if (c != ' ' && c != '\t') {
      sig.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return sig;
}

// Lines at the top and at the bottom of a page that may be running heads: peeled from the edge
// inwards while each repeats, so a footer of three lines ("2013-05-29 Board Minutes ... 1" over
// a two-line "Registered Office: ...") goes whole, and a line that does not repeat stops it. At
// the top only two: deeper, the lines every page repeats are a notice's or a form's own banner
// (its organisation, election and date), which the first page needs.
constexpr std::size_t kEdgeLines = 5, kTopLines = 2;

void remove_running_heads(std::vector<std::vector<PageLine>>& pages) {
  const int n = static_cast<int>(pages.size());
  std::map<std::string, std::set<int>> top, bottom;
  auto edge_indexes = [](const std::vector<PageLine>& page, bool from_top) {
    std::vector<std::size_t> idx;
    if (from_top) {
      for (std::size_t i = 0; i < page.size() && idx.size() < kTopLines; ++i) if (!page[i].blank) idx.push_back(i);
    } else {
      for (std::size_t i = page.size(); i-- > 0 && idx.size() < kEdgeLines;) if (!page[i].blank) idx.push_back(i);
    }
    return idx;
  };
  for (int p = 0; p < n; ++p) {
    for (std::size_t i : edge_indexes(pages[p], true)) top[line_signature(pages[p][i].text)].insert(p);
    for (std::size_t i : edge_indexes(pages[p], false)) bottom[line_signature(pages[p][i].text)].insert(p);
  }
  // A running head repeats on at least half the pages, and on at least two.
  const std::size_t needed = std::max<std::size_t>(2, static_cast<std::size_t>((n + 1) / 2));
  // A footer every page repeats is kept once, on the last page it is on, where the paper ends:
  // what it says is the paper's own ("Dated Wednesday 24 April 2019" / "David Parr" / "Returning
  // Officer"; "Parish Clerk : Cathy Fleet" / ... / "Tel: 01869 347000"), and there it breaks no
  // sentence running over a page. Running heads at the top, and page numbers, go everywhere.
  for (int p = 0; p < n; ++p) {
    for (bool from_top : {true, false}) {
      auto& seen = from_top ? top : bottom;
      for (std::size_t i : edge_indexes(pages[p], from_top)) {
        PageLine& line = pages[p][i];
        const std::string sig = line_signature(line.text);
        const bool repeats = n >= 2 && sig.size() >= 1 && seen[sig].size() >= needed;
        const bool page_number = RE2::FullMatch(line.text, page_number_line());
        if (!repeats && !page_number) break;  // the page's own text starts here
        // (A line that counts the pages, "https://www.cherwell.gov.uk/news/... 4/4", "Page 3 of 4",
        // is the printer's, not the paper's.)
        static const Pattern kPageCount(R"re((?i)(?:\bpage\s*\d+\s*(?:of|/)\s*\d+|\b\d{1,3}\s*/\s*\d{1,3})\s*$)re");
        const bool last_copy = !from_top && repeats && !page_number && *seen[sig].rbegin() == p && !RE2::PartialMatch(line.text, kPageCount);
        if (!last_copy) {
          line.text.clear();
          line.blank = true;
        }
      }
    }
  }
}

bool ends_sentence(std::string_view s) {
  if (s.empty()) return true;
  const char c = s.back();
  return c == '.' || c == ':' || c == ';' || c == '?' || c == '!';
}

bool starts_lower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

// "1.", "1.1", "2.3.4", "(a)", "a)", "(iv)", "3)": a numbering label on its own line.
const RE2& label_only() {
  static const Pattern re(R"re(^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|\(?[a-z]\)|\(?[ivxlc]{1,5}\)|\(\d{1,2}\)|\d{1,2}\)|•)$)re");
  return re;
}

// "From:", "Date of meeting:", "Recommendation(s):": a header key with its value on later lines.
const RE2& key_only() {
  static const Pattern re(R"re(^[A-Z][A-Za-z()' /&-]{0,40}:$)re");
  return re;
}

// "a) approve", "(b) note", "1) NOTE", "2. agree": an item of a list (never joined to its lead-in)
const RE2& list_start() {
  static const Pattern re(R"re(^(?:\(?[a-z]\)|[a-z]\.|\(?[ivx]{1,5}\)|\(?\d{1,2}\)|\d{1,2}\.|•)\s)re");
  return re;
}

// A line that starts a new block: numbered or lettered paragraph ("ii. " too), bullet, "Key: value", table row.
const RE2& block_start() {
  static const Pattern re(
      R"(^(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?\s|\d{1,2}\.\s|\d{1,2}\s+[A-Z]|\(?[a-z]\)\s|[a-z]\.\s|\(?[ivxlc]{1,5}\)\s|[ivx]{2,5}\.\s|\(\d{1,2}\)\s|\d{1,2}\)\s|•|[A-Z][A-Za-z()' /&-]{0,40}:(?:\s|$)|.*\t))");
  return re;
}

// Letters, all of them capitals, however long the line.
bool all_capitals(std::string_view s) {
  int upper = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 3;
}

bool is_all_caps_heading(std::string_view s) {
  int upper = 0, lower = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= 'a' && c <= 'z') ++lower;
  }
  return upper >= 3 && lower == 0 && s.size() <= 100;
}

// True when a ends inside a web address broken at one of the characters a line break may follow
// in an address ("https://www.kent.gov.uk/schools/education-" + "provision/plan"), or inside an
// e-mail address broken before its domain's dot: the two halves are one address, hyphen kept.
bool ends_in_broken_url(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || std::isspace(static_cast<unsigned char>(b.front()))) return false;
  // An e-mail address wrapped before its domain's dot: "georgina.little@kent" / ".gov.uk".
  if (b.size() >= 3 && b[0] == '.' && std::isalpha(static_cast<unsigned char>(b[1]))) {
    const std::size_t space = a.find_last_of(" \t");
    const std::string_view token = std::string_view(a).substr(space == std::string::npos ? 0 : space + 1);
    const std::size_t at = token.find('@');
    if (at != std::string_view::npos && at > 0 && at + 1 < token.size() && token.find('.', at) == std::string_view::npos) return true;
  }
  const char last = a.back();
  if (last != '-' && last != '/' && last != '_' && last != '=' && last != '&' && last != '?') return false;
  const std::size_t start = a.find_last_of(" \t") == std::string::npos ? 0 : a.find_last_of(" \t") + 1;
  const std::string_view token(a.data() + start, a.size() - start);
  return token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.");
}

// Joins b onto a: a web address broken at a line end is rejoined as it was, a hyphenated word is
// rejoined without its hyphen, otherwise one space.
void join_into(std::string& a, const std::string& b) {
  if (ends_in_broken_url(a, b)) {
    a += b;
    return;
  }
  if (a.size() >= 2 && a.back() == '-' && std::isalpha(static_cast<unsigned char>(a[a.size() - 2])) &&
      std::islower(static_cast<unsigned char>(a[a.size() - 2])) && starts_lower(b)) {
    a.pop_back();
    a += b;
  } else {
    a += ' ';
    a += b;
  }
}

// The width of a full line on this page: lines wrapped at this width continue on the next line.
// Where a page's lines typically end as set (indent included), for whether a line ran to the
// right margin: an indented block's full lines end there too, though they hold fewer letters.
std::size_t typical_right(const std::vector<PageLine>& page) {
  std::vector<std::size_t> rights;
  for (const auto& l : page) if (!l.blank && l.text.size() >= 20) rights.push_back(l.right);
  if (rights.empty()) return 80;
  std::sort(rights.begin(), rights.end());
  return rights[rights.size() * 9 / 10 == rights.size() ? rights.size() - 1 : rights.size() * 9 / 10];
}

std::size_t typical_width(const std::vector<PageLine>& page) {
  std::vector<std::size_t> widths;
  for (const auto& l : page) if (!l.blank && l.text.size() >= 20) widths.push_back(code_points(l.text));
  if (widths.empty()) return 80;
  std::sort(widths.begin(), widths.end());
  return widths[widths.size() * 9 / 10 == widths.size() ? widths.size() - 1 : widths.size() * 9 / 10];
}

}  // namespace

namespace {

bool is_speck_char(char c) {
  switch (c) {
    case '.': case ',': case '\'': case '"': case '|': case '_': case '*': case '~': case '^': case '`':
    case ';': case ':': case '-':
      return true;
    default:
      return false;
  }
}

// A token made only of digits and the letters OCR confuses with them, with at least one digit:
// "2O19", "l5", "0ll3", "3l/03/2O19". Letters on their own ("lO", "I") are left alone.
bool confusable_number(std::string_view token) {
  bool digit = false;
  for (char c : token) {
    if (c >= '0' && c <= '9') digit = true;
    else if (!(c == 'O' || c == 'o' || c == 'l' || c == 'I' || c == '|' || c == '.' || c == ',' || c == '/' ||
               c == ':' || c == '-'))
      return false;
  }
  return digit;
}

}  // namespace

// "ON 3" November 2022", "25' July", "13" FEBRUARY": a raised ordinal's letters read as a quote
// mark by OCR (the paper's own, or one run before the text layer or dump was made); the number
// says which letters they were ("3rd", "25th"). Only before a month's name: "12" wide" stays.
namespace {

// "st", "nd", "rd" or "th", as English writes the ordinal of n: 1st, 12th, 22nd.
const char* ordinal_suffix(int n) {
  return (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

}  // namespace

std::string restore_raised_ordinals(std::string_view input) {
  std::string line(input);
  static const Pattern kRaisedOrdinal(R"re(\b(\d{1,2})(?:["'`]|\xe2\x80[\x98\x99\x9c\x9d]) ?((?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b))re");
  // (Only a line with a quote mark can hold one: ASCII quotes, or the UTF-8 lead byte of curly ones.)
  if (line.find_first_of("\"'`\xe2") == std::string::npos) return line;
  std::string fixed;
  re2::StringPiece scanned(line), day, month;
  const char* copied = line.data();
  while (RE2::FindAndConsume(&scanned, kRaisedOrdinal, &day, &month)) {
    const int n = std::stoi(day.ToString());
    const char* suffix = ordinal_suffix(n);
    fixed.append(copied, static_cast<std::size_t>(day.data() - copied));
    fixed += day.ToString() + suffix + " " + month.ToString();
    copied = month.data() + month.size();
  }
  if (copied != line.data()) {
    fixed.append(copied, static_cast<std::size_t>(line.data() + line.size() - copied));
    line = std::move(fixed);
  }
  // Month first, as US papers write it: "the October 15\" meeting" is "October 15th" (a straight
  // double quote with no quotation open before it on the line: "until October 15\" closes one).
  static const Pattern kRaisedAfterMonth(R"re(\b((?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\s+)(\d{1,2})" ([a-z]))re");
  for (std::size_t from = 0; line.find("\" ") != std::string::npos;) {  // (the pattern needs a quote and a space)
    re2::StringPiece rest(line.data() + from, line.size() - from), month, day, next;
    if (!RE2::FindAndConsume(&rest, kRaisedAfterMonth, &month, &day, &next)) break;
    const std::size_t quote = static_cast<std::size_t>(day.data() - line.data()) + day.size();
    from = static_cast<std::size_t>(rest.data() - line.data());
    if (std::count(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(quote), '"') % 2 != 0) continue;
    const int n = std::stoi(day.ToString());
    const char* suffix = ordinal_suffix(n);
    line.replace(quote, 1, suffix);
    from += std::strlen(suffix) - 1;
  }
  return line;
}

std::string clean_ocr_line(std::string_view input) {
  std::string line(input);
  // Tokens: runs of non-space characters, with where they start.
  std::vector<std::pair<std::size_t, std::size_t>> tokens;  // [begin, end)
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) tokens.emplace_back(b, i);
  }
  const auto gap_before = [&](std::size_t k) {
    if (k == 0) return true;
    const std::size_t between = tokens[k].first - tokens[k - 1].second;
    return between >= 3 || line.find('\t', tokens[k - 1].second) < tokens[k].first;
  };
  const auto gap_after = [&](std::size_t k) { return k + 1 == tokens.size() || gap_before(k + 1); };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    auto [b, e] = tokens[k];
    const std::string_view token(line.data() + b, e - b);
    // A speck: one or two punctuation marks standing alone at a line's end or beside a column gap.
    if (token.size() <= 2 && std::all_of(token.begin(), token.end(), is_speck_char) && (gap_before(k) || gap_after(k))) {
      std::fill(line.begin() + static_cast<std::ptrdiff_t>(b), line.begin() + static_cast<std::ptrdiff_t>(e), ' ');
      continue;
    }
    // A stray mark stuck to the start of a line's first word: "'Meeting date", "‘Agenda".
    if (k == 0 && token.size() > 2 && (token[0] == '\'' || token[0] == '|' || token[0] == '_' || token[0] == '`') &&
        std::isalpha(static_cast<unsigned char>(token[1])))
      line[b] = ' ';
    // Numbers and dates: trim the token's outer punctuation, then mend confused letters.
    std::size_t nb = b, ne = e;
    while (nb < ne && (line[nb] == '(' || line[nb] == '[')) ++nb;
    while (ne > nb && (line[ne - 1] == ')' || line[ne - 1] == ']' || line[ne - 1] == ',' || line[ne - 1] == '.' ||
                       line[ne - 1] == ';' || line[ne - 1] == ':'))
      --ne;
    if (ne > nb && confusable_number(std::string_view(line.data() + nb, ne - nb))) {
      for (std::size_t i = nb; i < ne; ++i) {
        char& c = line[i];
        if (c == 'O' || c == 'o') c = '0';
        else if (c == 'l' || c == 'I' || c == '|') c = '1';
      }
    }
  }
  // "MINUTES OF THE PARISH COU NCIL MEETING": a word of the papers' own vocabulary (the kinds of
  // body, organisation and paper, lexicons/) that OCR broke with a space is joined again, when
  // neither piece is a word of it alone.
  {
    static const std::set<std::string> kVocabulary = [] {
      std::set<std::string> words;
      for (const char* name : {"body_kinds", "organisation_kinds", "document_kinds"})
        for (const std::string& entry : lexicon(name)) {
          std::string word;
          for (const char c : entry + " ") {
            if (std::isalpha(static_cast<unsigned char>(c))) {
              word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            } else {
              if (word.size() >= 6) words.insert(word);
              word.clear();
            }
          }
        }
      return words;
    }();
    const auto lower = [](std::string_view v) {
      std::string out(v);
      for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return out;
    };
    const auto letters = [](std::string_view v) {
      return !v.empty() && std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isalpha(c); });
    };
    std::string joined;
    std::size_t i = 0;
    while (i < line.size()) {
      const std::size_t b = i;
      while (i < line.size() && std::isalpha(static_cast<unsigned char>(line[i]))) ++i;
      if (i > b && i + 1 < line.size() && line[i] == ' ' && std::isalpha(static_cast<unsigned char>(line[i + 1])) &&
          (b == 0 || !std::isalnum(static_cast<unsigned char>(line[b - 1])))) {
        std::size_t e = i + 1;
        while (e < line.size() && std::isalpha(static_cast<unsigned char>(line[e]))) ++e;
        const std::string_view first(line.data() + b, i - b), second(line.data() + i + 1, e - i - 1);
        if (letters(first) && letters(second) && kVocabulary.count(lower(std::string(first) + std::string(second))) &&
            !kVocabulary.count(lower(first)) && !kVocabulary.count(lower(second))) {
          joined.append(first).append(second);
          i = e;
          continue;
        }
      }
      joined.append(line, b, std::max(i, b + 1) - b);
      i = std::max(i, b + 1);
    }
    line = std::move(joined);
  }
  // "claire. mears@westkent.gov.uk": OCR put a space after a dot inside an e-mail address.
  static const Pattern kSplitEmail(R"re(([A-Za-z0-9_%+-])\. ([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.))re");
  if (line.find('@') != std::string::npos) RE2::GlobalReplace(&line, kSplitEmail, "\\1.\\2");
  // "name @westkent.gov.uk", "name@ westkent.gov.uk"
  static const Pattern kSpacedAt(R"re(([A-Za-z0-9._%+-]) ?@ ?([A-Za-z0-9-]+\.[A-Za-z]))re");
  RE2::GlobalReplace(&line, kSpacedAt, "\\1@\\2");
  return restore_raised_ordinals(line);
}

namespace {

// normalise_characters for one ASCII character: what NFKC (which leaves ASCII as it is),
// drop_character and one_form make of it, without the round trip through UTF-16.
void append_ascii_normalised(std::string& out, char ch) {
  const auto c = static_cast<unsigned char>(ch);
  if (c == '\r') out += '\n';
  else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return;  // a control character
  else out += c == '`' ? '\'' : ch;
}

std::string normalise_run(std::string_view utf8);

}  // namespace

// A page is mostly ASCII: its ASCII runs are mapped a byte at a time, and only the stretches with
// other characters go through ICU, each with the ASCII character before it (a base letter a
// combining mark after it may compose with) and up to an ASCII character that is followed by
// another or ends the text (NFKC composes nothing onto an ASCII character, so a stretch may end
// before one). The same text as normalise_run over the whole (tests: golden, every corpus).
std::string normalise_characters(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  const auto ascii = [&](std::size_t i) { return static_cast<unsigned char>(utf8[i]) < 0x80; };
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t j = i;
    while (j < utf8.size() && ascii(j)) ++j;  // [i, j): ASCII
    if (j == utf8.size()) {
      for (std::size_t k = i; k < j; ++k) append_ascii_normalised(out, utf8[k]);
      break;
    }
    const std::size_t from = j > i ? j - 1 : j;  // the ASCII character before the stretch goes with it
    for (std::size_t k = i; k < from; ++k) append_ascii_normalised(out, utf8[k]);
    std::size_t to = j;
    while (to < utf8.size() && !(ascii(to) && (to + 1 == utf8.size() || ascii(to + 1)))) ++to;
    out += normalise_run(utf8.substr(from, to - from));
    i = to;
  }
  return out;
}

namespace {

std::string normalise_run(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString normal = U_SUCCESS(status) ? nfkc->normalize(source, status) : source;
  if (U_FAILURE(status)) normal = source;
  icu::UnicodeString mapped;
  for (int32_t i = 0; i < normal.length();) {
    const UChar32 c = normal.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\r') { mapped.append(static_cast<UChar32>('\n')); continue; }
    if (drop_character(c)) continue;
    mapped.append(one_form(c));
  }
  std::string out;
  mapped.toUTF8String(out);
  return out;
}

// Whether capitals line b plainly goes on from a: a ends with a joining word or a comma, or b opens
// with one ("... MEETING OF LIMERICK CITY AND" / "COUNTY COUNCIL HELD IN THE COUNCIL CHAMBER,", "...
// OF THE MUNICIPAL" / "DISTRICT OF ... HELD IN"), and a is no sentence's end. Two banners set one
// under the other ("KENT COUNTY COUNCIL" / "CABINET") do not.
bool caps_heading_goes_on(const std::string& a, const std::string& b) {
  static const Pattern kEndsJoining(R"re((?i)(?:\b(?:and|of|the|at|on|in|for|to|held|&)|,)$)re");
  static const Pattern kOpensJoining(R"re((?i)^(?:held|on|at|in|of|and|for|to)\b)re");
  static const Pattern kHeldInside(R"re((?i)\b(?:held|on)\b)re");
  if (ends_sentence(a)) return false;
  return RE2::PartialMatch(a, kEndsJoining) || RE2::PartialMatch(b, kOpensJoining) ||
         (a.size() >= 40 && RE2::PartialMatch(b, kHeldInside));
}

// A paper set double spaced, as text dumps of PDFs often are (every line followed by a blank one):
// the single blank lines are spacing, not paragraph breaks, and go, so that wrapped sentences and
// headings join as they would on the page; a run of two or more blank lines stays one break.
// Nothing changes unless nearly every line of the paper is so spaced (counted over all its pages,
// so that a short last page is judged with the rest).
void drop_double_spacing(std::vector<std::vector<PageLine>>& pages) {
  std::size_t text_lines = 0, spaced = 0;
  for (const auto& lines : pages)
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].blank) continue;
      ++text_lines;
      if (i + 2 < lines.size() && lines[i + 1].blank && !lines[i + 2].blank) ++spaced;
    }
  if (text_lines < 12 || spaced * 10 < text_lines * 8) return;
  for (auto& lines : pages) {
    std::vector<PageLine> kept;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const bool single_blank = lines[i].blank && i > 0 && !lines[i - 1].blank && i + 1 < lines.size() && !lines[i + 1].blank;
      if (!single_blank) kept.push_back(std::move(lines[i]));
    }
    lines = std::move(kept);
  }
}

}  // namespace

Outcome<NormalisedText> NormaliseStage::operator()(PageTexts input) const {
  // Each page's lines as set, characters normalised; contact cards set side by side read a column
  // at a time, and table rows numbered on their middle line made whole (column_flow.h).
  std::vector<std::vector<std::string>> raw_pages;
  std::vector<bool> text_layer;
  raw_pages.reserve(input.pages.size());
  for (const PageText& page : input.pages) {
    std::string chars = restore_raised_ordinals(normalise_characters(page.text));
    if (page.method == "ocr") {
      std::string mended;
      std::size_t from = 0;
      while (from <= chars.size()) {
        std::size_t nl = chars.find('\n', from);
        if (nl == std::string::npos) nl = chars.size();
        mended += clean_ocr_line(std::string_view(chars).substr(from, nl - from));
        if (nl < chars.size()) mended += '\n';
        from = nl + 1;
      }
      chars = std::move(mended);
    }
    std::vector<std::string> raws;
    std::size_t start = 0;
    while (start <= chars.size()) {
      std::size_t nl = chars.find('\n', start);
      if (nl == std::string::npos) nl = chars.size();
      raws.push_back(chars.substr(start, nl - start));
      start = nl + 1;
    }
    raw_pages.push_back(std::move(raws));
    text_layer.push_back(page.method == "text" && input.method != "text-file");
  }
  reflow_contact_columns(raw_pages, text_layer);
  mend_centred_row_numbers(raw_pages, text_layer);
  std::vector<std::vector<PageLine>> pages;
  pages.reserve(input.pages.size());
  for (std::size_t pi = 0; pi < input.pages.size(); ++pi) {
    const PageText& page = input.pages[pi];
    std::vector<PageLine> lines;
    for (const std::string& raw : raw_pages[pi]) {
      const std::size_t indent = std::min(raw.find_first_not_of(' '), raw.size());
      std::string text = unspaced_letters(collapse_spaces(raw));
      // "1.1<gap>The County Council ...", "B.<gap>DELEGATE authority ..." -- a hanging number or
      // letter is a label, not a column.
      static const Pattern kHangingLabel(R"re(^(\d{1,2}(?:\.\d{1,2}){0,3}\.?|\(?[a-z]\)|\(?[A-Z]\)|[A-Z]\.|\(?[ivx]{1,5}\)|\d{1,2}\)|•)\t)re");
      // (Its label is at most 12 bytes: "10.11.12.13." before the tab.)
      if (const std::size_t tab = text.find('\t'); tab != std::string::npos && tab <= 12) RE2::Replace(&text, kHangingLabel, "\\1 ");
      const bool blank = text.empty();
      const std::size_t right = indent + code_points(text);
      lines.push_back(PageLine{std::move(text), page.number, blank, indent, value_column(raw), "", right});
    }
    pages.push_back(std::move(lines));
  }
  if (input.method == "text-file") drop_double_spacing(pages);
  remove_running_heads(pages);

  // Unwrap: walk every line of every page, merging continuations into the paragraph before.
  std::vector<PageLine> out;   // paragraphs; blank entries separate them
  std::vector<std::size_t> widths;
  std::vector<std::size_t> rights;
  for (const auto& page : pages) widths.push_back(typical_width(page)), rights.push_back(typical_right(page));
  bool gap = false;        // a blank line since the last paragraph line
  bool page_break = false; // a page break since the last paragraph line
  // Under "Background Documents" or "Background Papers", up to the next numbered heading: a list
  // of documents, a line each ("The Care Act 2014 and related adult social care legislation" /
  // "ADASS Roadmap" / "Mental Capacity Act 2005: DoLS Safeguards"), joined only where a line
  // plainly goes on (in lower case, or a word broken over the line end).
  static const Pattern kDocumentList(R"re((?i)^(?:\d{1,2}\.?\s+)?background\s+(?:documents|papers)\s*:?$)re");
  static const Pattern kNumberedHeading(R"re(^\d{1,2}\.?\s+[A-Z])re");
  bool in_document_list = false;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) page_break = true;
    const std::size_t width = widths[p], right_margin = rights[p];
    for (PageLine line : pages[p]) {
      if (line.blank) { gap = true; continue; }
      if (RE2::FullMatch(line.text, kDocumentList)) in_document_list = true;
      else if (in_document_list && RE2::PartialMatch(line.text, kNumberedHeading)) in_document_list = false;
      // A note in the right margin after a column gap ("... if he        AM", minutes' action
      // owners: initials, "All", "(DB)", "SG/ST") is lifted out of the line, so that a sentence
      // wrapped around it joins up, and kept after its paragraph behind a column gap.
      static const Pattern kMarginNote(
          R"re(^([^\t]{30,}\S)\t(\(?(?:[A-Z]{1,4}|All|ALL|Clerk|Chair)\)?(?:\s*[/,&]\s*\(?(?:[A-Z]{1,4}|All|Clerk|Chair)\)?){0,3})$)re");
      if (std::string before, note; line.text.find('\t') != std::string::npos && RE2::FullMatch(line.text, kMarginNote, &before, &note)) {
        line.text = before;
        line.margin = "\t" + note;
      }
      bool next_person = false;
      if (!out.empty() && !out.back().blank) {
        std::string& a = out.back().text;
        const std::string& b = line.text;
        const bool a_label = RE2::FullMatch(a, label_only()) || RE2::FullMatch(a, key_only());
        // (Whether the last line as set ran to the text width; a paragraph of lines already joined is
        // long however short its last line was, so that counts only while its sentence goes on:
        // "... so that it stays open" / "to visitors to the wood" / "It was also resolved ...", a full
        // stop never printed, but not "... on the" / "Travel Committee." / "On the proposal of ...".)
        // (An indented block's full lines hold fewer letters than the page's: its last line ran to
        // the margin when it ends where the page's lines end and starts where its first line did:
        // "... at a later date (Ed." / "Code 35145.5). The comments ...".)
        const bool joined = out.back().last_right != std::string::npos;
        const bool a_long = (joined ? out.back().last_points : code_points(a)) * 10 >= width * 7 ||
                            (joined && code_points(a) * 10 >= width * 7 && !ends_sentence(a)) ||
                            (joined && out.back().indent > 0 && out.back().last_indent == out.back().indent &&
                             out.back().last_right * 10 >= right_margin * 7);
        // "10.30 am." wrapped from "... held on Friday 15 March 2019 at" is a time, not paragraph 10.30.
        static const Pattern kTime(R"re((?i)^\d{1,2}[.:]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)(?:\W|$))re");
        const bool b_block = (RE2::PartialMatch(b, block_start()) && !RE2::PartialMatch(b, kTime)) ||
                             (is_all_caps_heading(b) && code_points(b) * 10 < width * 6);
        const bool a_heading = is_all_caps_heading(a) && !a_long;
        bool join = false;
        // A row's value that wraps onto an indented line: "From: Derek Holt, ... for Community and"
        static const Pattern kOpenEnd(R"re((?i)(?:\b(?:and|of|for|the|to|in|on|with)|[,&])$)re");
        // A line that starts exactly under the row's value column continues that value:
        // "Subject:      Decision 23/00412 - Bus Service Improvement" / "              Plan Funding".
        // Not a list of values that each start alike: "Attachments:  Attachment A - Site Map" /
        // "              Attachment B - ...".
        const std::size_t tab = a.find('\t');
        const std::string_view value = tab == std::string::npos ? std::string_view() : std::string_view(a).substr(tab + 1);
        const std::string_view first_word = value.substr(0, std::min(value.find(' '), value.size()));
        const bool under_value = out.back().value_column != std::string::npos &&
                                 line.indent + 1 >= out.back().value_column && line.indent <= out.back().value_column + 1 &&
                                 !(first_word.size() >= 3 && b.rfind(first_word, 0) == 0);
        // The next person of a "From:" row is a line of their own, not a wrap:
        // "From:  Derek Holt, Cabinet Member for ... Services" / "       Simon Jones, Corporate Director".
        // (The labels whose value is who a paper is from: lexicons/header_labels.txt, "= author".)
        static const Pattern kAuthorRow([] {
          std::string alternation;
          for (const auto& [label, kind] : lexicon_kinds("header_labels"))
            if (kind == "author") alternation += (alternation.empty() ? "" : "|") + RE2::QuoteMeta(label);
          return "(?i)^(?:" + alternation + "|report\\s+authors?)\\s*:?\\t";
        }());
        // So is the next of a block of them ("\tPeter Oakford, Deputy Leader ... Traded Services" /
        // "John Betts, Interim ..."), and a role-first row's next ("From: Deputy Leader ..., Peter
        // Oakford" / "Interim Corporate Director Finance, John Betts").
        const bool author_block = RE2::PartialMatch(a, kAuthorRow) || (a.rfind('\t', 0) == 0 && opens_with_person(a.substr(1)));
        // (After a role-first row, a role alone is the next entry too: "... Finance, John Betts" /
        // "Corporate Directors".)
        const bool short_role = b.find(',') == std::string::npos && std::count(b.begin(), b.end(), ' ') <= 4 && !b.empty() &&
                                std::isupper(static_cast<unsigned char>(b[0]));
        next_person = author_block && !RE2::PartialMatch(a, kOpenEnd) &&
                      (opens_with_person(b) || (ends_with_person(a) && (ends_with_person(b) || short_role)));
        const bool value_wraps = !gap && !page_break && a.find('\t') != std::string::npos && line.indent >= 8 &&
                                 b.find('\t') == std::string::npos && !next_person &&
                                 (RE2::PartialMatch(a, kOpenEnd) || !std::isupper(static_cast<unsigned char>(b[0])) || a_long || under_value);
        // A word broken over the line end, as typescripts and OCR'd pages have them: "... the govern-"
        // / "ment's view", "lacka-" / "" / "mas", whatever the columns or a blank line between
        // (join_into mends the word), so that search finds "government".
        static const Pattern kBrokenWordEnd(R"re([a-z]{2}-$)re");
        static const Pattern kWordGoesOn(R"re(^[a-z]{2,}\b)re");
        const bool broken_word = !page_break && RE2::PartialMatch(a, kBrokenWordEnd) && RE2::PartialMatch(b, kWordGoesOn);
        if (broken_word || value_wraps) {
          join = true;
        } else if (a_label && !RE2::FullMatch(b, label_only()) &&
                   !(RE2::FullMatch(a, key_only()) && RE2::PartialMatch(b, list_start()))) {
          // ("Cabinet is asked to:" keeps its list items "1) NOTE ..." on their own lines.)
          join = true;  // "1.1" / "From:" on a line of its own, its text on the next
        } else if (a.find('\t') != std::string::npos) {
          join = false;  // a table row continues only through value_wraps
        } else if (!gap && !page_break && (is_all_caps_heading(b) || RE2::PartialMatch(b, kTime)) &&
                   !(RE2::PartialMatch(b, block_start()) && !RE2::PartialMatch(b, kTime)) &&
                   ((a_long && is_all_caps_heading(a)) || (caps_heading_goes_on(a, b) && all_capitals(a) && a.size() <= 300) ||
                    (all_capitals(a) && code_points(a) >= 40 && code_points(b) >= 40 && !ends_sentence(a)))) {
          // A capitals title wrapped at the text width: "... THE OLD BAKERY, 12 HIGH" / "STREET", or
          // plainly going on: "... OF LIMERICK CITY AND" / "COUNTY COUNCIL HELD IN ...,", "... 2016, AT"
          // / "9.30 A.M.", or two long lines of one paragraph ("MINUTES OF PROCEEDINGS AT MEETING OF
          // THE ECONOMIC" / "DEVELOPMENT, ENTERPRISE AND PLANNING STRATEGIC POLICY": banners stacked
          // one under the other, "KENT COUNTY COUNCIL" / "CABINET", are short).
          join = true;
        } else if (!gap && !page_break) {
          join = (starts_lower(b) && !b_block && !a_heading && a.find('\t') == std::string::npos) ||
                 (a_long && !b_block && !a_heading && !in_document_list);
        } else {
          // Across a blank line or a page break: only a sentence that plainly goes on, or a
          // heading in capitals ("... ON TUESDAY 23RD JUNE," / "2015, AT 10.00 A.M.", "... HELD IN
          // THE VILLAGE HALL" / "ON 25th July 2019": its day set in another case).
          static const Pattern kOnTheDay(
              R"re((?i)(?:held\s+)?on\s+(?:[a-z]+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9},?\s+\d{4}\.?)re");
          join = (!ends_sentence(a) && starts_lower(b) && code_points(a) >= 40 && !a_heading) ||
                 (!page_break && !RE2::PartialMatch(b, block_start()) && b.find('\t') == std::string::npos &&
                  all_capitals(a) && a.size() <= 300 &&
                  caps_heading_goes_on(a, b) && code_points(b) <= 80 &&
                  (is_all_caps_heading(b) || std::isdigit(static_cast<unsigned char>(b[0])) || RE2::FullMatch(b, kOnTheDay)));
          if (!join && page_break && !gap) join = a_long && !ends_sentence(a) && !b_block;
        }
        if (join) {
          join_into(a, b);
          out.back().last_right = line.right;
          out.back().last_indent = line.indent;
          out.back().last_points = code_points(b);
          out.back().margin += line.margin;
          gap = page_break = false;
          continue;
        }
      }
      if (!out.empty() && (gap || page_break) && !out.back().blank) out.push_back(PageLine{"", line.page, true});
      out.push_back(line);
      // The next person of a "From:" row stays a cell of the header table, so that their role
      // wrapped onto the line below joins them as any wrapped value does.
      if (next_person) out.back().text.insert(0, "\t");
      gap = page_break = false;
    }
  }

  NormalisedText result;
  // The body's size is the first page's, unless that page's lines as set are a few display lines
  // only (a front sheet whose title alone is text, the rest a scanned image read by OCR): then the
  // size of the next page with a body of text (kBodyTextChars).
  std::size_t body_chars = 0;
  for (const PageText& page : input.pages) {
    std::size_t chars = 0;
    for (const StyledLine& l : page.styled) {
      StyledLine n = l;
      n.text = normalise_characters(l.text);
      chars += n.text.size();
      if (n.text.find_first_not_of(" \t") != std::string::npos) result.styled.push_back(std::move(n));
    }
    if (page.body_size > 0 && (result.body_size <= 0 || (body_chars < kBodyTextChars && chars >= kBodyTextChars))) {
      result.body_size = page.body_size;
      body_chars = chars;
    }
  }
  result.source = std::move(input.source);
  result.method = std::move(input.method);
  result.page_starts.assign(input.pages.size(), std::string::npos);
  std::vector<std::size_t> chars_per_page(input.pages.size(), 0);
  for (const PageLine& line : out) {
    if (line.blank) {
      if (!result.text.empty()) result.text += '\n';
      continue;
    }
    const std::size_t index = static_cast<std::size_t>(line.page - 1);
    if (index < result.page_starts.size() && result.page_starts[index] == std::string::npos)
      result.page_starts[index] = result.text.size();
    chars_per_page[index] += code_points(line.text) + code_points(line.margin);
    result.text += line.text;
    result.text += line.margin;
    result.text += '\n';
  }
  // A page whose lines all joined the page before starts where the next text starts.
  std::size_t next = result.text.size();
  for (std::size_t i = result.page_starts.size(); i-- > 0;) {
    if (result.page_starts[i] == std::string::npos) result.page_starts[i] = next;
    next = result.page_starts[i];
  }
  if (!result.page_starts.empty()) result.page_starts[0] = 0;
  for (std::size_t i = 0; i < input.pages.size(); ++i) {
    const PageText& page = input.pages[i];
    result.pages.push_back(PageInfo{page.number, page.method, chars_per_page[i], page.confidence, page.ocr_reason,
                                    page.rotation, page.error, page.ocr_dpi});
  }
  return result;
}

}  // namespace papers
