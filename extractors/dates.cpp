// Dates with kind, start and end. See dates.h.
#include "extractors/dates.h"

#include <re2/re2.h>

#include "extractors/pattern.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

namespace papers {
namespace {

#define MONTH_NAMES \
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?"
#define WEEKDAY \
  "(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun),?\\s+)?"
#define DAY "(\\d{1,2})(?:st|nd|rd|th)?"
#define YEAR "((?:1[89]|20)\\d{2})"

int month_number(std::string_view name) {
  static constexpr const char* kPrefixes[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  char p[4] = {static_cast<char>(std::tolower(name[0])), static_cast<char>(std::tolower(name[1])),
               static_cast<char>(std::tolower(name[2])), 0};
  for (int i = 0; i < 12; ++i)
    if (std::string_view(kPrefixes[i]) == p) return i + 1;
  return 0;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}
bool valid(int y, int m, int d) { return y >= 1800 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m); }

std::string iso(int y, int m, int d) {
  char buf[40];  // (room for any int, so the compiler sees no truncation)
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Candidate {
  std::size_t begin = 0, end = 0;
  DateValue value;
  int priority = 0;  // among equal spans, lower wins
};

// Patterns, each with an example it matches. All compiled once.
struct Patterns {
  // "1-3 May 2019", "1st to 3rd May 2019"
  Pattern day_range{"(?i)\\b" DAY "\\s*(?:-|to|and)\\s*" DAY "\\s+" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "1 May to 3 June 2019", "28 February - 2 March 2020"
  Pattern day_month_range{"(?i)\\b" DAY "\\s+" MONTH_NAMES "\\s*(?:-|to|until)\\s*" DAY "\\s+" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "19 July 2018 to 3 August 2018"
  Pattern full_range{"(?i)\\b" DAY "\\s+" MONTH_NAMES ",?\\s+" YEAR "\\s*(?:-|to|until)\\s*" DAY "\\s+" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "April 2017 to March 2018", "April 2017 - March 2018"
  Pattern month_range{"(?i)\\b" MONTH_NAMES "\\s+" YEAR "\\s*(?:-|to|until)\\s*" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "April to June 2019"
  Pattern month_range_one_year{"(?i)\\b" MONTH_NAMES "\\s*(?:-|to|until)\\s*" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "Thursday 5 March 2015", "30th July 2018", "19th July, 2018", "5th of March 2015", "the 13th day
  // of December 1993" (a resolution's or deed's form)
  Pattern day_month_year{"(?i)\\b" WEEKDAY DAY "\\s+(?:day\\s+of\\s+|of\\s+)?" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "July 19, 2018", "Thursday, March 5th 2015"
  Pattern month_day_year{"(?i)\\b" WEEKDAY MONTH_NAMES "\\s+" DAY ",?\\s+" YEAR "\\b"};
  // "19/07/2018", "19.07.2018", "19-07-2018", "11.01.11"
  Pattern numeric{"\\b(\\d{1,2})([/.-])(\\d{1,2})([/.-])(\\d{4}|\\d{2})\\b"};
  // "2018-07-19"
  Pattern iso{"\\b" YEAR "-(\\d{2})-(\\d{2})\\b"};
  // "July 2018", "Sept. 2019"
  Pattern month_year{"(?i)\\b" MONTH_NAMES ",?\\s+" YEAR "\\b"};
  // "2019/20 to 2022/23", "2023/24 - 2026/27": from one financial year to another
  Pattern financial_year_range{"\\b" YEAR "/(\\d{2}|\\d{4})\\s*(?:-|to|until)\\s*" YEAR "/(\\d{2}|\\d{4})\\b"};
  // "2017/18", "2017-18", "2017/2018", "2017 -2020", "2015 to 2020"
  Pattern year_pair{"\\b" YEAR "(\\s*(?:/|-|to)\\s*)((?:1[89]|20)\\d{2}|\\d{2})\\b"};
  // "in 2005", "since 2010", "during 2019"
  Pattern bare_year{"(?i)\\b(?:in|since|during|until|till|by|before|after|from)\\s+" YEAR "\\b"};

  // Zones where digits are not dates.
  // "https://example.org/2016/09/18-plan.pdf", "www.kent.gov.uk/2024"
  Pattern url{"(?i)(?:https?://|www\\.)[^\\s<>\"]+"};
  // "name@kent.gov.uk"
  Pattern email{"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"};
  // "0300 333 3456", "+44 (0)1234 567890", "03000 419418"
  Pattern phone{"(?:\\+44\\s?(?:\\(0\\)\\s?)?|\\b0)\\d{2,4}[\\s-]?\\d{3,4}[\\s-]?\\d{3,4}\\b"};
  // "Act 2011", "Regulations 2018", "Order 2012", "S.I. 2012/1020", "ukpga/2011/13"
  Pattern legislation{"(?:\\b(?:Act|Acts|Regulations|Order|Rules|Measure|Bill)\\s+(?:1[89]|20)\\d{2}\\b(?:\\s*[/-]\\s*\\d{2,4}\\b)?|\\bS\\.?\\s?I\\.?\\s+\\d{4}/\\d+|\\b(?:ukpga|uksi|asp|anaw)/\\d{4}/\\d+)"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

using Args = std::vector<std::string>;

// Runs re over text, calling make(groups, match) for each match.
template <typename Make>
void scan(const RE2& re, std::string_view text, std::vector<Candidate>& out, int priority, Make make) {
  const int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(n + 1);
  std::size_t pos = 0;
  while (pos <= text.size() &&
         re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED, groups.data(), n + 1)) {
    const std::size_t begin = groups[0].data() - text.data();
    const std::size_t end = begin + groups[0].size();
    Args args;
    for (int i = 1; i <= n; ++i) args.emplace_back(groups[i].data() ? std::string(groups[i].data(), groups[i].size()) : "");
    DateValue v;
    v.text = std::string(groups[0].data(), groups[0].size());
    if (make(args, v)) out.push_back(Candidate{begin, end, std::move(v), priority});
    pos = end > begin ? end : begin + 1;
  }
}

void zones(const RE2& re, std::string_view text, std::vector<std::pair<std::size_t, std::size_t>>& out) {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  std::size_t pos = 0;
  while (pos < text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    const std::size_t begin = match.data() - text.data();
    out.emplace_back(begin, begin + match.size());
    pos = begin + std::max<std::size_t>(match.size(), 1);
  }
}

bool set_day(DateValue& v, int y, int m, int d) {
  if (!valid(y, m, d)) return false;
  v.kind = "day";
  v.start = v.end = iso(y, m, d);
  return true;
}

bool set_range(DateValue& v, int y1, int m1, int d1, int y2, int m2, int d2) {
  if (!valid(y1, m1, d1) || !valid(y2, m2, d2)) return false;
  v.kind = "range";
  v.start = iso(y1, m1, d1);
  v.end = iso(y2, m2, d2);
  return v.start <= v.end;
}

int to_int(const std::string& s) { return s.empty() ? 0 : std::atoi(s.c_str()); }

}  // namespace

std::vector<DateValue> find_dates(std::string_view text) {
  const Patterns& p = patterns();
  // (Every pattern below needs a digit: a value without one, most header values and headings,
  // holds no date and is passed over unscanned.)
  if (std::none_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return {};
  std::vector<Candidate> c;
  scan(p.full_range, text, c, 0, [](const Args& a, DateValue& v) {
    return set_range(v, to_int(a[2]), month_number(a[1]), to_int(a[0]), to_int(a[5]), month_number(a[4]), to_int(a[3]));
  });
  scan(p.day_month_range, text, c, 1, [](const Args& a, DateValue& v) {
    const int y = to_int(a[4]);
    return set_range(v, y, month_number(a[1]), to_int(a[0]), y, month_number(a[3]), to_int(a[2]));
  });
  scan(p.day_range, text, c, 2, [](const Args& a, DateValue& v) {
    const int y = to_int(a[3]), m = month_number(a[2]);
    return to_int(a[0]) < to_int(a[1]) && set_range(v, y, m, to_int(a[0]), y, m, to_int(a[1]));
  });
  scan(p.month_range, text, c, 3, [](const Args& a, DateValue& v) {
    const int y1 = to_int(a[1]), m1 = month_number(a[0]), y2 = to_int(a[3]), m2 = month_number(a[2]);
    return m1 && m2 && set_range(v, y1, m1, 1, y2, m2, days_in(y2, m2));
  });
  scan(p.month_range_one_year, text, c, 4, [](const Args& a, DateValue& v) {
    const int y = to_int(a[2]), m1 = month_number(a[0]), m2 = month_number(a[1]);
    return m1 && m2 && m1 < m2 && set_range(v, y, m1, 1, y, m2, days_in(y, m2));
  });
  scan(p.day_month_year, text, c, 5, [](const Args& a, DateValue& v) {
    return set_day(v, to_int(a[2]), month_number(a[1]), to_int(a[0]));
  });
  scan(p.month_day_year, text, c, 6, [](const Args& a, DateValue& v) {
    return set_day(v, to_int(a[2]), month_number(a[0]), to_int(a[1]));
  });
  scan(p.iso, text, c, 7, [](const Args& a, DateValue& v) {
    return set_day(v, to_int(a[0]), to_int(a[1]), to_int(a[2]));
  });
  scan(p.numeric, text, c, 8, [](const Args& a, DateValue& v) {
    if (a[1] != a[3]) return false;  // one separator throughout: "19/07/2018", not "19/07-2018"
    int y = to_int(a[4]);
    if (a[4].size() == 2) {
      if (a[0].size() != 2 || a[2].size() != 2) return false;  // "11.01.11", never "1.2.3"
      y += y < 50 ? 2000 : 1900;
    }
    // Day first, as in British papers; a date with its year in full that can only be month first
    // ("06/18/1961") is ("11.20.01" is a minute's number, not 20 November 2001).
    return set_day(v, y, to_int(a[2]), to_int(a[0])) || (a[4].size() == 4 && set_day(v, y, to_int(a[0]), to_int(a[2])));
  });
  scan(p.month_year, text, c, 9, [](const Args& a, DateValue& v) {
    const int m = month_number(a[0]), y = to_int(a[1]);
    if (!m || !valid(y, m, 1)) return false;
    v.kind = "month";
    v.start = iso(y, m, 1);
    v.end = iso(y, m, days_in(y, m));
    return true;
  });
  scan(p.financial_year_range, text, c, 3, [](const Args& a, DateValue& v) {
    // Each side a financial year ("2019/20": its second part the next year); from the first's
    // 1 April to the last's 31 March.
    const auto second = [](int first, const std::string& s) {
      int y = to_int(s);
      if (s.size() == 2) y += (first / 100) * 100 + (y < first % 100 ? 100 : 0);
      return y;
    };
    const int a1 = to_int(a[0]), b1 = second(a1, a[1]), a2 = to_int(a[2]), b2 = second(a2, a[3]);
    if (b1 != a1 + 1 || b2 != a2 + 1 || a2 < a1 || a2 - a1 > 20) return false;
    return set_range(v, a1, 4, 1, b2, 3, 31);
  });
  scan(p.year_pair, text, c, 10, [](const Args& a, DateValue& v) {
    const int y1 = to_int(a[0]);
    int y2 = to_int(a[2]);
    const bool slash = a[1].find('/') != std::string::npos;
    const bool word_to = a[1].find("to") != std::string::npos;
    if (a[2].size() == 2) {
      y2 += (y1 / 100) * 100;
      if (y2 <= y1) y2 += 100;
    }
    if (y2 <= y1 || y2 - y1 > 10) return false;
    if (!word_to && (y2 == y1 + 1 || slash || a[2].size() == 2)) {
      v.kind = "financial_year";  // 1 April to 31 March
      v.start = iso(y1, 4, 1);
      v.end = iso(y2, 3, 31);
      return true;
    }
    v.kind = "range";
    v.start = iso(y1, 1, 1);
    v.end = iso(y2, 12, 31);
    return true;
  });
  // "in 2005": only the year is the date.
  {
    const int n = p.bare_year.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(n + 1);
    std::size_t pos = 0;
    while (pos < text.size() && p.bare_year.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED, g.data(), n + 1)) {
      const std::size_t begin = g[1].data() - text.data();
      DateValue v;
      v.text = std::string(g[1].data(), g[1].size());
      const int y = std::atoi(v.text.c_str());
      v.kind = "year";
      v.start = iso(y, 1, 1);
      v.end = iso(y, 12, 31);
      c.push_back(Candidate{begin, begin + g[1].size(), std::move(v), 11});
      pos = begin + g[1].size();
    }
  }

  if (c.empty()) return {};  // (no zone can block what was not found)
  std::vector<std::pair<std::size_t, std::size_t>> blocked;
  zones(p.url, text, blocked);
  if (text.find('@') != std::string_view::npos) zones(p.email, text, blocked);  // (an address needs its @)
  zones(p.phone, text, blocked);
  zones(p.legislation, text, blocked);

  // Longest first at each start; then keep those that overlap nothing kept and no blocked zone.
  std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    const std::size_t la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.begin < b.begin;
  });
  std::vector<Candidate> kept;
  for (Candidate& cand : c) {
    const auto overlaps = [&](std::size_t b, std::size_t e) { return cand.begin < e && b < cand.end; };
    bool clash = false;
    for (const auto& [b, e] : blocked) if (overlaps(b, e)) { clash = true; break; }
    if (!clash)
      for (const Candidate& k : kept) if (overlaps(k.begin, k.end)) { clash = true; break; }
    if (!clash) kept.push_back(std::move(cand));
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  std::vector<DateValue> out;
  out.reserve(kept.size());
  for (Candidate& k : kept) {
    k.value.at.span = Span{k.begin, k.end};
    out.push_back(std::move(k.value));
  }
  return out;
}

std::optional<DateValue> first_date(std::string_view text) {
  auto all = find_dates(text);
  if (all.empty()) return std::nullopt;
  return all.front();
}

namespace {

// A numeric date's two leading numbers and its year ("06/08/1961" -> 6, 8, 1961), or false.
bool numeric_parts(const std::string& text, int* first, int* second, int* year) {
  std::string a, sep1, b, sep2, y;
  if (!RE2::FullMatch(text, patterns().numeric, &a, &sep1, &b, &sep2, &y) || sep1 != sep2) return false;
  *first = to_int(a);
  *second = to_int(b);
  *year = to_int(y);
  if (y.size() == 2) *year += *year < 50 ? 2000 : 1900;
  return true;
}

}  // namespace

DateOrder numeric_date_order(std::string_view text) {
  // The paper's own numeric dates that can be read one way only: "18/06/1961" is day first,
  // "06/18/1961" month first.
  int day_first = 0, month_first = 0;
  re2::StringPiece input(text.data(), text.size());
  std::string a, sep1, b, sep2, y;
  while (RE2::FindAndConsume(&input, patterns().numeric, &a, &sep1, &b, &sep2, &y)) {
    if (sep1 != sep2 || y.size() != 4) continue;
    const int first = to_int(a), second = to_int(b);
    if (first > 12 && second >= 1 && second <= 12) ++day_first;
    if (second > 12 && second <= 31 && first >= 1 && first <= 12) ++month_first;
  }
  if (day_first != month_first) return month_first > day_first ? DateOrder::month_first : DateOrder::day_first;
  // None say: a paper of a US body writes the month first. Its signs: a state and ZIP code
  // ("Lake Oswego, OR 97034", "Cleveland, Ohio 44115"), or the United States named.
  static const Pattern kUnitedStates(
      R"re(\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|Ohio|Oregon|Illinois|California|Texas|Washington|Michigan|Nevada)\.?,?\s+\d{5}(?:-\d{4})?\b|(?i:\bunited\s+states\b)|\bU\.\s?S\.(?:\s?A\.)?\s)re");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kUnitedStates) ? DateOrder::month_first : DateOrder::day_first;
}

void read_month_first(DateValue& d) {
  int first = 0, second = 0, year = 0;
  if (d.kind != "day" || !numeric_parts(d.text, &first, &second, &year)) return;
  if (first > 12 || second > 12) return;  // one way only, read so already
  DateValue v = d;
  if (set_day(v, year, first, second)) d = v;
}

std::vector<DateValue> extract_dates(const Segments& segments) {
  const NormalisedText& t = segments.text;
  std::vector<DateValue> out = find_dates(t.text);
  for (DateValue& d : out) d.at.page = t.page_of(d.at.span.begin);
  return out;
}

std::optional<DateValue> meeting_date_of_body(const std::vector<DateValue>& dates, std::string_view text, std::string_view body) {
  if (body.empty()) return std::nullopt;
  // What comes between the body's name and its day: " on ", " meeting of ", " held on the ".
  static const Pattern kBetween(R"re((?i)^\s+(?:meeting\s+)?(?:(?:held|meeting|to\s+be\s+held)\s+)?(?:on|of)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$)re");
  const auto lower = [](std::string_view v) {
    std::string s(v);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string name = lower(body);
  std::optional<DateValue> out;
  for (const DateValue& d : dates) {
    if (d.kind != "day" || d.at.span.begin > text.size()) continue;
    const std::size_t from = d.at.span.begin > 80 ? d.at.span.begin - 80 : 0;
    const std::string before = lower(text.substr(from, d.at.span.begin - from));
    const std::size_t at = before.rfind(name);
    if (at == std::string::npos) continue;
    // The name whole: "Cabinet", not "Cabinet Committee" nor "Shadow Cabinet"'s tail of another word.
    if (at > 0 && std::isalpha(static_cast<unsigned char>(before[at - 1]))) continue;
    if (!RE2::FullMatch(before.substr(at + name.size()), kBetween)) continue;
    if (out && out->start != d.start) return std::nullopt;
    if (!out) out = d;
  }
  return out;
}

}  // namespace papers
