// Meeting items and votes. See meeting_items.h.
#include "extractors/meeting_items.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "extractors/lexicon.h"
#include "extractors/pattern.h"

namespace papers {
namespace {

struct Patterns {
  // "88. 24/00108 - Revenue and Capital Budget ...", "283\tApologies for Absence", "16/45 Planning",
  // "12) Finance": a numbered line; group 1 the number, group 2 the rest.
  Pattern numbered{R"re(^((?:\d{2,4}/)?\d{1,4})(?:[.)]|\t|\s)\s*(\S.*)$)re"};
  // "(Item 5)", "Agenda Item 5", "(Agenda item 12a)", "Item No. 3": a stamp alone on its line.
  Pattern stamp_line{R"re((?i)^\(?\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(\d{1,3}[a-z]?)\s*\)?[.:]?$)re"};
  // "... Treasury Management Strategy (Item 6)": a stamp closing a heading line.
  Pattern stamp_end{R"re((?i)^(.*?)\s*\(\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(\d{1,3}[a-z]?)\s*\)$)re"};
  // A decision opening a line ("RESOLVED that ...") is no heading.
  Pattern decision_opening{(R"re((?i)^(?:)re" + lexicon_alternation("decision_markers") + R"re()\b)re").c_str()};
  // "For (39)", "For: 5", "In favour - 12", "Against (19)", "Abstain (1)", "Abstentions: 2": a count
  // alone on its line; group 1 the side, group 2 the count.
  Pattern count_line{R"re((?i)^(for|in\s+favour|ayes?|against|noes?|opposed|abstain(?:ed|ing|ions?)?|abstentions?)\s*[:(–—-]?\s*(\d{1,3})\s*\)?\.?$)re"};
  // "For: 5, Against: 2, Abstentions: 1", "(For 7; Against 1; Abstain 0)": counts on one line.
  Pattern counts_inline{R"re((?i)\bfor\s*[:(–-]?\s*(\d{1,3})\)?\s*[,;]?\s*against\s*[:(–-]?\s*(\d{1,3})\)?(?:\s*[,;]?\s*(?:and\s+)?abst\w*\s*[:(–-]?\s*(\d{1,3})\)?)?)re"};
  // "5 for, 2 against, 1 abstention", "7 in favour, 1 against"
  Pattern counts_after{R"re((?i)\b(\d{1,3})\s+(?:for|in\s+favour)\s*[,;]?\s*(?:and\s+)?(\d{1,3})\s+against(?:\s*[,;]?\s*(?:and\s+)?(\d{1,3})\s+abst\w*)?)re"};
  // "Substantive Motion carried.", "Amendment lost", "The motion was defeated": a vote's result.
  Pattern carried{R"re((?i)\b(?:carried|agreed|passed|approved)\b)re"};
  Pattern lost{R"re((?i)\b(?:lost|fell|defeated|failed|not\s+carried|rejected)\b)re"};
  // "... Monitoring Report (Pages 11 - 84)", "(Page 5)", "(Pages 461 - 610)": an agenda item's pages
  Pattern item_pages{R"re((?i)^(.*?)\s*\(\s*pages?\s+(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*\)$)re"};
  // "AGENDA", "Agenda for a meeting of ...", "Summons to and Agenda for an Extraordinary Meeting",
  // "Supplementary Agenda": the paper names itself an agenda (not "Agenda Item 5", a report's stamp).
  Pattern agenda{R"re((?i)\bagenda\b(?:\s+(?:for|of|pack|and|papers?|front\s*sheet)\b|\s+&|\s*$))re"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\t') c = ' ';
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::size_t words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// The number's last part as an integer ("16/45" -> 45), for runs of consecutive minutes.
long last_number(const std::string& number) {
  const std::size_t slash = number.rfind('/');
  return std::strtol(number.c_str() + (slash == std::string::npos ? 0 : slash + 1), nullptr, 10);
}

struct Candidate {
  std::size_t line = 0;
  std::string number, heading;
  std::optional<std::string> item;
  std::size_t last_line = 0;  // the heading's last line (with its stamp)
};

// Whether the rest of a numbered line reads as a minute's heading: short, opening with a capital
// or a reference number, not a sentence that runs on (a colon or comma at its end, or a long one
// with its full stop), no decision.
bool heading_like(const std::string& rest) {
  // Up to 40 words ("24/00109 - Transfer the 18-25 section of the Strengthening Independence
  // Service from ... (Pages 277 - 326)"); a long one that ends as a sentence does is a paragraph.
  const std::size_t n = words(rest);
  if (rest.empty() || n > 40 || (n > 12 && rest.back() == '.')) return false;
  const unsigned char first = static_cast<unsigned char>(rest[0]);
  if (!(std::isupper(first) || std::isdigit(first) || first >= 0x80)) return false;
  const char last = rest.back();
  if (last == ':' || last == ',' || last == ';') return false;
  return !RE2::PartialMatch(rest, patterns().decision_opening);
}

}  // namespace

std::vector<MeetingItem> extract_meeting_items(const Segments& segments) {
  const Patterns& p = patterns();
  const std::vector<Line>& lines = segments.lines;
  std::vector<Candidate> stamped, plain;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string number, rest;
    if (!RE2::FullMatch(lines[i].text, p.numbered, &number, &rest)) continue;
    rest = one_line(rest);
    Candidate c{i, number, rest, std::nullopt, i};
    std::string head, item;
    if (p.stamp_end.may_match(rest) && RE2::FullMatch(rest, p.stamp_end, &head, &item)) {
      c.heading = head;
      c.item = item;
      stamped.push_back(c);
      continue;
    }
    // The stamp on one of the next lines, the heading's wrapped words before it.
    std::string heading = rest;
    for (std::size_t j = i + 1; j < lines.size() && j <= i + 3; ++j) {
      const std::string next = one_line(lines[j].text);
      if (p.stamp_line.may_match(next) && RE2::FullMatch(next, p.stamp_line, &item)) {
        c.heading = heading;
        c.item = item;
        c.last_line = j;
        break;
      }
      if (RE2::FullMatch(next, p.numbered) || words(next) > 12) break;
      if (p.stamp_end.may_match(next) && RE2::FullMatch(next, p.stamp_end, &head, &item)) {
        c.heading = heading + " " + head;
        c.item = item;
        c.last_line = j;
        break;
      }
      heading += " " + next;
    }
    if (c.item) stamped.push_back(c);
    else if (heading_like(rest)) plain.push_back(c);
  }
  std::vector<Candidate> chosen;
  if (stamped.size() >= 2) {
    chosen = stamped;
  } else {
    // The longest run of consecutive numbers (each one more than the last, in text order).
    std::vector<std::size_t> length(plain.size(), 1), previous(plain.size(), plain.size());
    std::size_t best = plain.size();
    for (std::size_t i = 0; i < plain.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j)
        if (last_number(plain[i].number) == last_number(plain[j].number) + 1 && length[j] + 1 > length[i]) {
          length[i] = length[j] + 1;
          previous[i] = j;
        }
      if (best == plain.size() || length[i] > length[best]) best = i;
    }
    if (best == plain.size() || length[best] < 3) return {};
    for (std::size_t i = best; i != plain.size(); i = previous[i]) chosen.push_back(plain[i]);
    std::reverse(chosen.begin(), chosen.end());
  }
  std::vector<MeetingItem> items;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const Candidate& c = chosen[k];
    MeetingItem m;
    m.number = c.number;
    m.heading = c.heading;
    m.agenda_item = c.item;
    const Span heading{lines[c.line].span.begin, lines[c.last_line].span.end};
    m.at = Provenance{segments.text.page_of(heading.begin), heading};
    m.extent = Span{heading.begin, k + 1 < chosen.size() ? lines[chosen[k + 1].line].span.begin : segments.text.text.size()};
    items.push_back(std::move(m));
  }
  return items;
}

bool names_itself_agenda(const Segments& segments) {
  const Patterns& p = patterns();
  for (std::size_t i = 0; i < segments.lines.size() && i < 6; ++i)
    if (RE2::PartialMatch(segments.lines[i].text, p.agenda)) return true;
  return false;
}

std::vector<MeetingItem> extract_agenda_items(const Segments& segments) {
  const Patterns& p = patterns();
  if (!names_itself_agenda(segments)) return {};
  std::vector<MeetingItem> items = extract_meeting_items(segments);
  for (MeetingItem& m : items) {
    std::string heading, first, last;
    if (RE2::FullMatch(m.heading, p.item_pages, &heading, &first, &last)) {
      m.heading = heading;
      m.first_page = std::atoi(first.c_str());
      m.last_page = last.empty() ? *m.first_page : std::atoi(last.c_str());
    }
    if (!m.agenda_item) m.agenda_item = m.number;
  }
  return items;
}

std::vector<Vote> extract_votes(const Segments& segments) {
  const Patterns& p = patterns();
  const std::vector<Line>& lines = segments.lines;
  std::vector<Vote> votes;
  const auto side_of = [](std::string side) {
    std::transform(side.begin(), side.end(), side.begin(), [](unsigned char c) { return std::tolower(c); });
    if (side.rfind("for", 0) == 0 || side.rfind("in", 0) == 0 || side.rfind("aye", 0) == 0) return 0;
    if (side.rfind("abst", 0) == 0) return 2;
    return 1;
  };
  const auto result_of = [&](const std::string& text) -> std::string {
    if (RE2::PartialMatch(text, p.lost)) return "lost";
    if (RE2::PartialMatch(text, p.carried)) return "carried";
    return "";
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string side, count;
    const std::string line = one_line(lines[i].text);
    if (RE2::FullMatch(line, p.count_line, &side, &count)) {
      // A block: counts, each with the names listed under it, then what became of the motion.
      Vote v;
      std::size_t j = i;
      int current = -1;
      for (; j < lines.size(); ++j) {
        const std::string l = one_line(lines[j].text);
        if (RE2::FullMatch(l, p.count_line, &side, &count)) {
          current = side_of(side);
          std::optional<int>* slot[] = {&v.in_favour, &v.against, &v.abstain};
          if (*slot[current]) break;  // the next block's counts
          *slot[current] = std::atoi(count.c_str());
          continue;
        }
        // Names: "Mr Baker, Mr Bartlett, Mrs Bell", several to a line, under their count.
        if (current >= 0 && l.find(',') != std::string::npos && words(l) >= 3 && result_of(l).empty()) {
          std::vector<std::string>* names[] = {&v.names_in_favour, &v.names_against, &v.names_abstain};
          std::size_t start = 0;
          while (start <= l.size()) {
            std::size_t comma = l.find(',', start);
            if (comma == std::string::npos) comma = l.size();
            std::string name = one_line(l.substr(start, comma - start));
            while (!name.empty() && name.front() == ' ') name.erase(name.begin());
            if (name.rfind("and ", 0) == 0) name.erase(0, 4);
            if (!name.empty()) names[current]->push_back(name);
            start = comma + 1;
          }
          continue;
        }
        // A single name under a count ("Ms Constantine"), short and capitalised.
        if (current >= 0 && words(l) <= 4 && !l.empty() && std::isupper(static_cast<unsigned char>(l[0])) && result_of(l).empty()) {
          std::vector<std::string>* names[] = {&v.names_in_favour, &v.names_against, &v.names_abstain};
          names[current]->push_back(l);
          continue;
        }
        break;
      }
      if (!v.in_favour && !v.against) continue;
      if (j < lines.size()) {
        // The result line ("Amendment lost."), one sentence, just after the block.
        const std::string l = one_line(lines[j].text);
        if (words(l) <= 8) v.result = result_of(l);
      }
      const std::size_t last = j > i ? j - 1 : i;
      v.at = Provenance{segments.text.page_of(lines[i].span.begin), Span{lines[i].span.begin, lines[last].span.end}};
      votes.push_back(std::move(v));
      i = last;
      continue;
    }
    std::string a, b, c;
    if (RE2::PartialMatch(line, p.counts_inline, &a, &b, &c) || RE2::PartialMatch(line, p.counts_after, &a, &b, &c)) {
      Vote v;
      v.in_favour = std::atoi(a.c_str());
      v.against = std::atoi(b.c_str());
      if (!c.empty()) v.abstain = std::atoi(c.c_str());
      v.result = result_of(line);
      v.at = Provenance{segments.text.page_of(lines[i].span.begin), lines[i].span};
      votes.push_back(std::move(v));
    }
  }
  return votes;
}

void assign_minutes(std::vector<Decision>& decisions, const std::vector<MeetingItem>& items, const std::vector<Vote>& votes) {
  for (Decision& d : decisions) {
    const MeetingItem* in = nullptr;
    for (const MeetingItem& m : items)
      if (m.extent.begin <= d.at.span.begin && d.at.span.begin < m.extent.end) in = &m;
    if (!in) continue;
    d.minute = in->number;
    for (const Vote& v : votes)
      if (v.at.span.begin >= in->extent.begin && v.at.span.begin < d.at.span.end && v.result != "lost") d.vote = v;
  }
}

}  // namespace papers
