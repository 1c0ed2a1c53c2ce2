// Header fields. See header_fields.h.
#include "extractors/header_fields.h"

#include <re2/re2.h>

#include "extractors/pattern.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "extractors/dates.h"
#include "extractors/lexicon.h"
#include "extractors/typography.h"

namespace papers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string trim(std::string_view s) {
  const auto junk = [](char c) { return c == ' ' || c == '\t' || c == ',' || c == '-' || c == ':' || c == ';'; };
  while (!s.empty() && junk(s.front())) s.remove_prefix(1);
  while (!s.empty() && junk(s.back())) s.remove_suffix(1);
  return std::string(s);
}

struct Patterns {
  // "Benjamin Watts", "Dr Jane O'Neil": a person's name alone on a line
  // "Benjamin Watts", "Dr Jane O'Neil", "J E Tempest" (initials before the surname)
  Pattern person_name{R"re(^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr)\.?\s+)?(?:[A-Z][a-z'-]+(?:\s+[A-Z][a-zA-Z'-]+){1,2}|(?:[A-Z]\.?\s+){1,3}[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?)$)re"};
  // "Simon Jones, Corporate Director": a person's name, then a comma
  Pattern person_then_comma{R"re(^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-zA-Z'-]+){1,2},\s)re"};
  // "Agenda Item 8", "Agenda Item: 5(a)", "Item No. 12", "Item 4.2"
  Pattern agenda{R"re((?i)^(?:agenda\s+)?item(?:\s+no\.?|\s+number)?\s*:?\s*(\d{1,3}(?:\.\d{1,2})?(?:\s?\([a-z]\)|[a-z]\b)?))re"};
  // "Report of the Police and Crime Commissioner for Cambridgeshire and Peterborough", "Report by the Chief Executive"
  Pattern report_of{R"re((?i)^report\s+(?:of|by|from)\s+(?:the\s+)?(.+)$)re"};
  // "MINUTES OF THE LICENSING COMMITTEE", "Minutes of the meeting of the Pensions Panel held on 4 April 2018"
  Pattern minutes_of{R"re((?i)^minutes\s+of\s+(?:the\s+)?(?:(?:meeting|proceedings)\s+of\s+(?:the\s+)?)?(.+)$)re"};
  // "Held on Tuesday 5 March 2015 at 7.00 pm at the Town Hall"
  Pattern held_on{R"re((?i)^(?:meeting\s+)?held\s+(?:on|at)\b)re"};
  // "REPORT TO THE PARISH COUNCIL", "Report to the Audit Committee"
  Pattern report_to{R"re((?i)^report\s+to\s+(?:the\s+)?(.+)$)re"};
  // "Report to the Parish Council meeting of 12th September 2005": the body, then its meeting's date
  Pattern report_to_meeting{R"re((?i)^report\s+to\s+(?:the\s+)?(.+?)\s+meeting\s+(?:of|on|held\s+on)\s+(.+)$)re"};
  // "Cabinet", "Business Coordination Board", "Police and Crime Panel", "Audit and Governance Committee"
  Pattern body_word{"(?i)\\b" + lexicon_alternation("body_kinds") + "\\b"};
  // "Kent County Council", "Avonshire Fire and Rescue Authority", "Wessex NHS Foundation Trust",
  // "Office of the Police and Crime Commissioner for Wealdshire", "London Borough of Eastwick"
  // The words before the kind are the name's own, capitalised ("Kent", "North Vale"; "KENT" in a
  // banner), joined by and / of / &; the kind in any case. "Shaping the future of our fire and
  // rescue service" is no organisation.
  Pattern organisation{"^(?:(?i:the)\\s+)?((?:[A-Z][\\w'&.-]*\\s+)+(?:(?i:and|of|&)\\s+(?:[A-Z][\\w'&.-]*\\s+)*)*(?i:" +
                       lexicon_alternation("organisation_kinds") + ")|(?i:" + lexicon_alternation("organisation_prefixes") +
                       ")\\s+[A-Z][\\w'-]+(?:\\s+(?:(?i:and)\\s+)?[A-Z][\\w'-]+)*)$"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

// Words kept in capitals when a heading in capitals is set in title case.
const std::set<std::string>& acronyms() {
  static const std::set<std::string> a = {"NHS", "PCC", "OPCC", "UK", "ICB", "CCG", "KCC", "HR", "ICT", "IT", "CYPE",
                                          "SEND", "LGA", "GLA", "TfL", "CIC", "AGM", "II", "III", "IV"};
  return a;
}

}  // namespace

std::string body_name(std::string_view written) {
  std::string s = trim(written);
  bool has_lower = std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c); });
  if (has_lower) return s;
  static const std::set<std::string> small = {"and", "of", "the", "for", "to", "in", "on", "at", "by", "with"};
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    std::string word = s.substr(i, j - i);
    std::string low = lower(word);
    if (!acronyms().count(word)) {
      if (!first && small.count(low)) word = low;
      else {
        word = low;
        if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
        for (std::size_t k = 1; k < word.size(); ++k)
          if (word[k - 1] == '-' || word[k - 1] == '(') word[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[k])));
      }
    }
    if (!out.empty()) out += ' ';
    out += word;
    first = false;
    i = j + 1;
  }
  return out;
}

// What a header label's value gives (lexicons/header_labels.txt: "label = kind"), or "" for a
// label the lexicon does not know. label in lower case.
std::string_view label_kind(const std::string& label) {
  const std::map<std::string, std::string>& kinds = lexicon_kinds("header_labels");
  auto it = kinds.find(label);
  return it == kinds.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string> classification_of(std::string_view marking) {
  // What a marking says in brackets qualifies or instructs ("For publication [Do not include
  // information which is exempt from publication under schedule 12a ...]", a form's note); the
  // words outside them decide, unless there are none.
  static const Pattern kBracketed(R"re(\[[^\]]*\]|\([^)]*\))re");
  std::string unbracketed(marking);
  RE2::GlobalReplace(&unbracketed, kBracketed, "");
  const std::string m = lower(trim(trim(unbracketed).empty() ? std::string(marking) : unbracketed));
  // "Exempt", "NOT FOR PUBLICATION", "Part 2", "exempt under Schedule 12A"
  static const Pattern kExempt(R"re((?i)^(?:exempt\b.*|not for publication.*|part (?:2|ii|b)\b.*|private.*|restricted.*schedule 12a.*|.*schedule 12a.*)$)re");
  // "Confidential", "OFFICIAL-SENSITIVE", "Strictly confidential"
  static const Pattern kConfidential(R"re((?i)^(?:strictly\s+)?(?:confidential|official[- ]sensitive|secret|restricted)\b.*$)re");
  // "Public", "Public Report", "Unrestricted", "UNRESTRICTED ITEMS" (an agenda's), "Open", "Part 1",
  // "Part 1 - Public",
  // "For publication"
  static const Pattern kPublic(R"re((?i)^(?:public(?:\s+(?:report|paper|item|document))?|unrestricted(?:\s+items)?|open(?:\s+report)?|part (?:1|i|a)(?:\s*-\s*public)?|for publication|not exempt)$)re");
  if (RE2::FullMatch(m, kPublic)) return "public";
  if (RE2::FullMatch(m, kExempt)) return "exempt";
  if (RE2::FullMatch(m, kConfidential)) return "confidential";
  return std::nullopt;
}

// "Jim McMahon OBE MP" -> "Jim McMahon": the words before the letters after a name
// (lexicons/post_nominals.txt), or nullopt when the line ends in none.
static std::optional<std::string> name_before_post_nominals(std::string_view line) {
  static const Pattern kPostNominals("^(.+?)(?:,?\\s+(?:" + lexicon_alternation("post_nominals") + ")\\b\\.?)+$");
  std::string before;
  if (!kPostNominals.may_match(line) || !RE2::FullMatch(re2::StringPiece(line.data(), line.size()), kPostNominals, &before))
    return std::nullopt;
  return before;
}

bool is_person_name(std::string_view line) {
  if (RE2::FullMatch(re2::StringPiece(line.data(), line.size()), patterns().person_name)) return true;
  // "Jim McMahon OBE MP", "JIM MCMAHON OBE MP": letters after the name (lexicons/post_nominals.txt)
  // are no part of it, and a name may be set in capitals.
  // (A line in capitals is a name only with such letters after it: "BOARD MEETING MINUTES" is none.)
  std::optional<std::string> before = name_before_post_nominals(line);
  if (!before) return false;
  std::string name = *before;
  const bool capitals = std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c); });
  if (capitals) {
    bool start = true;
    for (char& c : name) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalpha(u)) {
        c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
        start = false;
      } else {
        start = c == ' ' || c == '-' || c == '\'';
      }
    }
  }
  return RE2::FullMatch(name, patterns().person_name);
}

bool opens_with_person(std::string_view line) {
  return RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), patterns().person_then_comma);
}

bool is_street_line(std::string_view line) {
  static const Pattern kStreet("^\\d{1,4}[a-z]?,?\\s+(?:[A-Z][\\w'-]*\\s+){1,3}(?i:" + lexicon_alternation("street_kinds") + ")$");
  return RE2::FullMatch(re2::StringPiece(line.data(), line.size()), kStreet);
}

bool is_address_line(std::string_view line) {
  // UK ("SW1P 4DF", "OX25 4SS", and "OX25 46JR" with a slip in its inward part), Canada ("P0H
  // 1W0"), a US state and ZIP ("OR 97034", "Ohio 44115"), Ireland ("V94 PR9K").
  static const Pattern kEndsInPostcode(
      R"re((?:^|[\s,])(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d{1,2}[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|(?:[A-Z]{2}|[A-Z][a-z]+)\.?\s+\d{5}(?:-\d{4})?|[A-Z]\d{2}\s?[A-Z\d]{4})\.?$)re");
  // "Westfield Farm Cottage", "Sessions House": a house's or building's name (lexicons/place_words.txt).
  static const Pattern kPlaceName("^(?:[A-Z][\\w'&-]*\\s+){1,4}(?i:" + lexicon_alternation("place_words") + ")$");
  return is_street_line(line) || RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kEndsInPostcode) ||
         RE2::FullMatch(re2::StringPiece(line.data(), line.size()), kPlaceName);
}

bool ends_with_person(std::string_view line) {
  const std::size_t comma = line.rfind(", ");
  if (comma == std::string_view::npos || comma == 0) return false;
  // A person after the comma, a role before it: "Resident Services" and "Board Secretary" read as
  // names by their shape, but their words are a post's (lexicons/role_words.txt).
  static const Pattern kRoleWord("(?i)\\b(?:" + lexicon_alternation("role_words") + ")s?\\b");
  const std::string tail = trim(line.substr(comma + 2)), head = trim(line.substr(0, comma));
  return is_person_name(tail) && !RE2::PartialMatch(tail, kRoleWord) && !is_person_name(head) && RE2::PartialMatch(head, kRoleWord);
}

std::optional<ClosingBlock> find_closing_block(const std::vector<std::string_view>& lines) {
  // "03000 416814", "Tel: 01223 555 123": a phone number and nothing else.
  static const Pattern kPhone(R"re((?i)^(?:tel(?:ephone)?\s*:?\s*)?\+?[\d ()]{10,16}$)re");
  // "General Counsel", "Town Clerk": a short line of words, no figures or stops.
  static const Pattern kRole(R"re(^[A-Z][A-Za-z&' -]{2,58}$)re");
  const auto loose = [](std::string_view l) { return l.size() <= 60 && l.find('\t') == std::string_view::npos; };
  ClosingBlock out;
  std::size_t end = lines.size();
  if (end > 0 && loose(lines[end - 1])) {
    const std::optional<DateValue> d = first_date(lines[end - 1]);
    if (d && lines[end - 1].size() <= d->text.size() + 12) {
      out.date = true;
      --end;
    }
  }
  if (end > 0 && loose(lines[end - 1]) && RE2::FullMatch(re2::StringPiece(lines[end - 1].data(), lines[end - 1].size()), kPhone)) {
    out.phone = true;
    --end;
  }
  if (!out.phone && !out.date) return std::nullopt;  // two short lines alone say too little
  if (end < 2 || !loose(lines[end - 1]) || !loose(lines[end - 2]) || !is_person_name(lines[end - 2]) ||
      std::count(lines[end - 1].begin(), lines[end - 1].end(), ' ') > 6 ||
      !RE2::FullMatch(re2::StringPiece(lines[end - 1].data(), lines[end - 1].size()), kRole))
    return std::nullopt;
  out.name = end - 2;
  return out;
}

std::optional<SignOff> closing_sign_off(const Segments& segments) {
  const std::vector<Line>& lines = segments.lines;
  const NormalisedText& t = segments.text;
  const std::size_t first = lines.size() > 4 ? lines.size() - 4 : 0;
  std::vector<std::string_view> last;
  for (std::size_t i = first; i < lines.size(); ++i) last.push_back(lines[i].text);
  const std::optional<ClosingBlock> block = find_closing_block(last);
  if (!block) return std::nullopt;
  auto at = [&](const Line& l) { return TextField{l.text, Provenance{t.page_of(l.span.begin), l.span}}; };
  const std::size_t name = first + block->name;
  SignOff out;
  out.name = at(lines[name]);
  out.role = at(lines[name + 1]);
  if (block->phone) {
    const Line& l = lines[name + 2];
    out.phone = at(l);
    static const Pattern kLabel(R"re((?i)^tel(?:ephone)?\s*:?\s*)re");
    RE2::Replace(&out.phone->value, kLabel, "");
  }
  if (block->date) {
    const Line& l = lines.back();
    if (auto d = first_date(l.text)) {
      DateValue v = *d;
      v.at.span = Span{l.span.begin + d->at.span.begin, l.span.begin + d->at.span.end};
      v.at.page = t.page_of(v.at.span.begin);
      out.date = v;
    }
  }
  return out;
}

// A compact date stamp among a paper's last lines, as a writer signs off a note: "GE 270126",
// "Updated 181225", "JS/ab 120319". Six figures, day month year (month day year on a paper that
// writes numeric dates month first), the century the one the paper's own four-figure years say
// (a year it names within one of the stamp's): a stamp whose century the text does not bear out
// is no date. Initials before the figures, or alone on the line above, are who signed it.
std::optional<DateStamp> closing_date_stamp(const Segments& segments) {
  // "GE 270126", "Updated 181225", "JS/ab 120319", "Revised: 010224"
  static const Pattern kStamp(R"re(^(?:([A-Z]{2,3})(?:/[a-z]{2,3})?\s+)?(?:(?i:updated|revised|amended|issued|dated)\s*:?\s*)?(\d{2})(\d{2})(\d{2})$)re");
  static const Pattern kInitials(R"re(^[A-Z]{2,3}$)re");  // "GE"
  static const Pattern kYear(R"re(\b((?:19|20)\d\d)\b)re");  // "2025"
  const std::vector<Line>& lines = segments.lines;
  const NormalisedText& t = segments.text;
  for (std::size_t back = 1; back <= 2 && back <= lines.size(); ++back) {
    const Line& l = lines[lines.size() - back];
    std::string initials, a, b, yy;
    if (!RE2::FullMatch(l.text, kStamp, &initials, &a, &b, &yy)) continue;
    const bool month_first = numeric_date_order(t.text) == DateOrder::month_first;
    const int day = std::stoi(month_first ? b : a), month = std::stoi(month_first ? a : b), two = std::stoi(yy);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return std::nullopt;
    std::optional<int> year;
    re2::StringPiece rest(t.text), y;
    while (RE2::FindAndConsume(&rest, kYear, &y)) {
      const int named = std::stoi(std::string(y.data(), y.size()));
      for (const int century : {1900, 2000})
        if (std::abs(named - (century + two)) <= 1) year = century + two;
    }
    if (!year || (month == 2 && day == 29 && !(*year % 4 == 0 && (*year % 100 != 0 || *year % 400 == 0)))) return std::nullopt;
    char iso[40];  // (room for any ints, though these are a year, a month and a day)
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", *year, month, day);
    DateStamp out;
    const std::size_t figures = l.text.size() - 6;
    out.date = DateValue{l.text.substr(figures), "day", iso, iso, Provenance{t.page_of(l.span.begin), Span{l.span.begin + figures, l.span.end}}};
    if (!initials.empty()) {
      out.initials = TextField{initials, Provenance{t.page_of(l.span.begin), Span{l.span.begin, l.span.begin + initials.size()}}};
    } else if (lines.size() > back) {
      const Line& above = lines[lines.size() - back - 1];
      if (RE2::FullMatch(above.text, kInitials)) out.initials = TextField{above.text, Provenance{t.page_of(above.span.begin), above.span}};
    }
    return out;
  }
  return std::nullopt;
}

namespace {

// "Page 3 of 12", "7", "Draft", "UNCLASSIFIED": page furniture and status words, never a title.
const Pattern& furniture() {
  static const Pattern p(R"re((?i)^(?:page\s*\|?\s*\d+(?:\s+of\s+\d+)?|\d+|draft|final\s+draft|unclassified|official(?:[\s-]+sensitive)?|(?:agenda\s+)?item(?:\s+no\.?)?|\(?pages?\s+\d+\s*[-–]\s*\d+\)?)$)re");
  return p;
}

// "NOT FOR PUBLICATION ...", "EXEMPT", "Part 2": a classification marking opening a line.
const Pattern& marking() {
  static const Pattern p(R"re((?i)^(?:not\s+for\s+publication|exempt\b|confidential|restricted|private\s+and\s+confidential|part\s+(?:1|2|i|ii)\b))re");
  return p;
}

// Patterns once used inline (compiled on every call); each named here, compiled once.
const Pattern kPaperKindWord(R"((?i)\b(?:report|record|notice|decision|minutes|agenda)\b)");   // "Report to Cabinet"
const Pattern kMeetingWord(R"((?i)\b(?:meeting|summons|attend|minutes|agenda|report)\b)");   // "Summons to attend"
const Pattern kBodyKindWord(R"((?i)\b(?:board|panel|committee|cabinet)\b)");                 // "Transparency Board"
const Pattern kIntegratedCareBoard(R"((?i)integrated care board$)");                         // "Kent and Medway Integrated Care Board"
const Pattern kCouncilOfKind(R"re((?i)^(?:the\s+)?(?:county|district|borough|city|parish|town)\s+council$)re");  // "The County Council"
const Pattern kDecorationOpens(R"re(^[\s*=~_#-]*[*=~_#])re");                                 // "*** AGENDA ***"

// "Parish Council", "Town Council": councils whose meetings are the council itself.
const Pattern kMeetsAsItself(R"re((?i)^(?:the\s+)?[a-z][\w'&.-]*(?:\s+[\w'&.-]+)*\s+(?:parish|town|community|city|district|county|borough)\s+council$)re");

// "Minutes", "Agenda", "Notice", "Statement", "meeting": words saying what a paper or a line is,
// which no body's or organisation's name alone holds.
const Pattern& paper_words() {
  static const Pattern p(R"re((?i)\b(?:meeting|minutes|agenda|notice|report|summons|statement|order|decision)\b)re");
  return p;
}

// "CABINET", "Transparency Board", "Executive Management Committee": a body's name alone (a few
// words ending in a body's kind, no words saying what a paper is).
bool banner_body(const std::string& v) {
  static const Pattern kEndsWithKind("(?i)\\b" + lexicon_alternation("body_kinds") + "$");

  const int words = 1 + static_cast<int>(std::count(v.begin(), v.end(), ' '));
  return words <= 6 && RE2::PartialMatch(v, kEndsWithKind) && !RE2::PartialMatch(v, paper_words()) &&
         !RE2::FullMatch(v, patterns().organisation) &&  // "Northshire Council" is who, not which body
         std::none_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Whether the paper is for or of a meeting: its first lines call it an agenda, minutes, a summons
// or a notice of a meeting.
bool meeting_paper(const Segments& segments) {
  static const Pattern kMeeting(R"re((?i)\b(?:agenda|minutes|summons|notice\s+of\s+(?:a\s+)?meeting|meeting\s+will\s+be\s+held)\b)re");
  static const Pattern kItemStamp(R"re((?i)\bagenda\s+item\b)re");  // a report's stamp, not an agenda
  for (std::size_t i = 0; i < segments.lines.size() && i < 8; ++i)
    if (RE2::PartialMatch(segments.lines[i].text, kMeeting) && !RE2::PartialMatch(segments.lines[i].text, kItemStamp)) return true;
  return false;
}

// A body as the paper names it, without the words around the name: "a meeting of the Cabinet" ->
// "Cabinet"; "Souldern Parish Council Meeting" -> "Souldern Parish Council"; "Transparency Board
// Minutes" -> "Transparency Board"; "Suffolk Libraries IPS - Board Meeting" -> "Board";
// "Suffolk's Libraries IPS Ltd. - AGM" -> "Suffolk's Libraries IPS Ltd."; "4th Meeting" -> none.
std::optional<std::string> clean_body(std::string v) {
  const Patterns& p = patterns();
  static const Pattern kMeetingOf(R"re((?i)^(?:proceedings\s+(?:at|of)\s+)?(?:(?:an?|the)\s+)?(?:(?:special|annual|extraordinary|ordinary|regular|adjourned|monthly|inaugural|general)\s+)*(?:meeting|proceedings)\s+of\s+(?:the\s+)?)re");
  RE2::Replace(&v, kMeetingOf, "");
  // "... Parish Meeting held in the Village Hall": where it met is not its name.
  static const Pattern kHeldWhere(R"re((?i)\s+held\s+(?:in|at|on)\b.*$)re");
  RE2::Replace(&v, kHeldWhere, "");
  static const Pattern kTrailing(R"re((?i)(?:\s+(?:meeting|minutes|agenda))+$)re");
  static const Pattern kKeepsMeeting(R"re((?i)\b(?:parish|town)\s+meeting$)re");
  const auto strip_trailing = [&](std::string s) {
    if (!RE2::PartialMatch(s, kKeepsMeeting)) RE2::Replace(&s, kTrailing, "");
    return trim(s);
  };
  static const Pattern kDash(R"re(^(.+?)\s+[-–—]\s+(.+)$)re");
  static const Pattern kMeetingKind(R"re((?i)^(?:agm|annual\s+general\s+meeting|meeting|minutes|agenda)$)re");
  // "The Cathaoirleach and Each Member of the Municipal District of ...", "To the Chair and Members
  // of the Planning Committee": a summons' addressees are the body's members.
  static const Pattern kMembersOf(R"re((?i)^(?:to\s+)?(?:(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?\s+and\s+)?(?:all\s+|each\s+|the\s+)?members?\s+of\s+(?:the\s+)?)re");
  RE2::Replace(&v, kMembersOf, "");
  std::string left, right;
  if (RE2::FullMatch(v, kDash, &left, &right)) {
    const std::string r = strip_trailing(right);
    if (RE2::PartialMatch(r, p.body_word)) v = r;
    else if (RE2::FullMatch(trim(right), kMeetingKind)) v = left;
  }
  v = strip_trailing(v);
  // "Souldern Parish Council Planning" (its planning meeting): the council is the body, the word
  // after it the meeting's business.
  static const Pattern kCouncilThenTopic(R"re((?i)^((?:the\s+)?[a-z][\w'&.-]*(?:\s+[\w'&.-]+)*?\s+(?:parish|town|community|city|district|county|borough)\s+council)\s+(?:planning|finance|annual|extraordinary|special|ordinary)$)re");
  if (std::string council; RE2::FullMatch(v, kCouncilThenTopic, &council)) v = council;
  if (v.empty() || !RE2::PartialMatch(v, p.body_word)) {
    // No body's kind left ("4th Meeting"), unless a named body of no listed kind ("Ashdown Schools Forum" has one).
    return std::nullopt;
  }
  return v;
}

// Whether a display group's words can be a paper's title: not a banner's organisation or body
// alone, a date, an agenda item stamp, a marking, page furniture or an address line.
bool could_be_title(const std::string& text) {
  const Patterns& p = patterns();
  const std::string v = trim(text);
  if (v.size() < 3 || v.size() > 250) return false;
  if (std::count_if(v.begin(), v.end(), [](unsigned char c) { return std::isalpha(c); }) < 3) return false;

  static const Pattern kAddress(R"re((?i)@|https?://|www\.|\b(?:tel|telephone|fax|phone)\b|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s*\d[A-Z]{2}\b|\(\d{3}\)\s*\d{3}-\d{4})re");
  if (RE2::FullMatch(v, furniture()) || RE2::PartialMatch(v, kAddress)) return false;
  // A header row: "Contact Officer - Anita Desai, ...", "From: ...", "Date of meeting: ...".
  static const Pattern kHeaderRow(R"re((?i)^(?:contact(?:\s+officers?)?|report\s+authors?|authors?|from|to|date(?:\s+of\s+\w+)?|ask\s+for|lead\s+officer|venue|time|chair(?:man)?|present|attendees?)\s*(?::|\s-\s))re");
  if (RE2::PartialMatch(v, kHeaderRow)) return false;
  // "NUMBER: R2024-184", "DATE: September 17, 2024": a form's label in capitals and its value.
  static const Pattern kFormLabel(R"re(^[A-Z]{2,}(?:\s[A-Z]{2,})?\s*:\s*\S)re");
  if (RE2::PartialMatch(v, kFormLabel)) return false;
  // "Agenda Item 5"; "Unrestricted"; "NOT FOR PUBLICATION by virtue of paragraph 3 ...".
  if (RE2::PartialMatch(v, p.agenda) || RE2::PartialMatch(v, marking()) ||
      (classification_of(v) && std::count(v.begin(), v.end(), ' ') <= 3))
    return false;
  // A date alone, or a line led by one ("14th September 2017 at 7.30pm in the Village Hall").
  if (const auto d = first_date(v); d && (d->text.size() * 10 >= v.size() * 6 || v.rfind(d->text, 0) == 0)) return false;
  if (RE2::FullMatch(v, p.organisation) && !RE2::PartialMatch(v, paper_words())) return false;
  const int words = 1 + static_cast<int>(std::count(v.begin(), v.end(), ' '));
  if (words == 1) return in_lexicon("document_kinds", v);
  // "CABINET", "Transparency Board", "Police and Crime Panel": a body's name alone is a banner.
  return !banner_body(v);
}

// "Clerk to the Council", "Meetings Administrator", "Returning Officer": a role (a word of
// lexicons/role_words.txt in a short phrase).
bool role_phrase(const std::string& text) {
  static const Pattern kRoleWord("(?i)\\b" + lexicon_alternation("role_words") + "s?\\b");
  const std::string v = trim(text);
  return !v.empty() && v.size() <= 90 && std::count(v.begin(), v.end(), ' ') <= 10 && RE2::PartialMatch(v, kRoleWord) &&
         std::none_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "Barbara McGarry, Clerk to the Council." -> "Barbara McGarry, Clerk to the Council"; a name alone
// with the role on the next line; nullopt when the words are no person and role.
// "Cathy Fleet - Parish Clerk - 01869 347000", "Cathy Fleet – Parish Clerk 07989 398 838": a dash
// may part them too, and a phone number after the role is the clerk's, not the role's words;
// "David Parr Returning Officer": nothing may.
std::optional<std::string> person_and_role(std::string text, const std::string& next_line) {
  static const Pattern kTrailingPhone(R"re(\s*(?:[-–—,]\s*)?(?:(?:tel(?:ephone)?|t)\s*[.:]?\s*)?\+?\(?\d[\d ()]{8,16}\d\s*$)re");
  static const Pattern kDashOrComma(R"re(^(.+?)(?:\s*,\s*|\s+[-–—]\s+)(.+)$)re");
  text = trim(text);
  RE2::Replace(&text, kTrailingPhone, "");
  while (!text.empty() && (text.back() == '.' || text.back() == ',')) text.pop_back();
  std::string name = text, role;
  if (std::string left, right; RE2::FullMatch(text, kDashOrComma, &left, &right)) {
    name = trim(left);
    role = trim(right);
  } else if (!is_person_name(name) && name.find(':') == std::string::npos) {
    // "David Parr Returning Officer": the name, then the role, nothing between them.
    for (std::size_t sp = name.find(' '); sp != std::string::npos; sp = name.find(' ', sp + 1)) {
      const std::string head = name.substr(0, sp), tail = trim(name.substr(sp + 1));
      if (is_person_name(head) && !role_phrase(head) && !tail.empty() && std::isupper(static_cast<unsigned char>(tail[0])) &&
          role_phrase(tail)) {
        role = tail;
        name = head;
        break;
      }
    }
  }
  if (!is_person_name(name) || role_phrase(name)) return std::nullopt;  // "Deputy Returning Officer" is no one's name
  if (role.empty()) {
    std::string below = trim(next_line);
    while (!below.empty() && (below.back() == '.' || below.back() == ',')) below.pop_back();
    if (role_phrase(below)) role = below;
  }
  while (!role.empty() && (role.back() == '.' || role.back() == ',')) role.pop_back();
  if (role.empty() || !role_phrase(role)) return std::nullopt;
  return name + ", " + role;
}

// "Is mise. le meas,": a line with the stops OCR put between its words taken out.
std::string undotted(const std::string& line) {
  static const Pattern kStrayStop(R"re((\w)\.(\s+[a-z]))re");
  std::string out = line;
  RE2::GlobalReplace(&out, kStrayStop, "\\1\\2");
  return out;
}

// "_Z", "~~", "J.": a scanned signature's marks, read by OCR as a line of a letter or two.
bool scribble(const std::string& line) {
  const std::string v = trim(line);
  const auto letters = std::count_if(v.begin(), v.end(), [](unsigned char c) { return std::isalpha(c); });
  return !v.empty() && v.size() <= 6 && letters <= 2;
}

// Who signed the paper: after "Signed", after a sign-off ("Respectfully submitted", "Is mise le
// meas"), or a name in the last cell of one of the last lines with its role below.
std::optional<TextField> signatory(const Segments& segments) {
  const std::vector<Line>& lines = segments.lines;
  const NormalisedText& t = segments.text;
  static const Pattern kSigned(R"re((?i)^(?:signed|sgd)\b[\s.:_…]*(.{4,})$)re");
  // A sign-off opens its line, or follows a sentence in a dump that lost its line breaks ("... set
  // out on the appended Agenda. Is mise le meas, Eugene Griffin, Meetings Administrator.").
  static const Pattern kSignOff("(?i)^(?:.*[.!?]\\s+)?" + lexicon_alternation("sign_offs") + "\\s*,?\\s*(.*)$");
  const auto at = [&](std::size_t i, const std::string& value) {
    return TextField{value, Provenance{t.page_of(lines[i].span.begin), lines[i].span}};
  };
  static const std::string kNoLine;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i].text;
    // (Most lines hold neither: "signed" opens its line with an s, and a sign-off's words are
    // looked for before either pattern runs.)
    const bool may_sign = !l.empty() && (l[0] == 's' || l[0] == 'S');
    if (!may_sign && !may_hold_entry("sign_offs", l)) continue;
    const std::string& next = i + 1 < lines.size() ? lines[i + 1].text : kNoLine;
    const std::string& after = i + 2 < lines.size() ? lines[i + 2].text : kNoLine;
    std::string rest;
    if (may_sign && RE2::FullMatch(l, kSigned, &rest)) {
      if (auto who = person_and_role(rest, next)) return at(i, *who);
    } else if (RE2::FullMatch(l, kSignOff, &rest) || RE2::FullMatch(undotted(l), kSignOff, &rest)) {
      if (!trim(rest).empty()) {
        if (auto who = person_and_role(rest, next)) return at(i, *who);
      } else if (auto who = person_and_role(next, after)) {
        return at(i + 1, *who);
      } else {
        // A scan's signature between the sign-off and the name ("Is mise. le meas," / "_Z" /
        // "Laura Flannery, ----" / "Senior Executive Officer" / "Corporate Services, ..."): the
        // scribble passed over, the rule after the name dropped, a role set on two lines kept whole.
        std::size_t k = i + 1;
        while (k < lines.size() && k <= i + 3 && scribble(lines[k].text)) ++k;
        if (k + 1 >= lines.size()) continue;
        std::string name = lines[k].text;
        static const Pattern kRuleAfter(R"re([\s,]*[-_~=]{2,}\s*$)re");
        RE2::Replace(&name, kRuleAfter, "");
        std::string role = trim(lines[k + 1].text);
        if (k + 2 < lines.size()) {
          const std::string more = trim(lines[k + 2].text);
          if (role_phrase(more) && role_phrase(role + ", " + more)) role += ", " + more;
        }
        if (auto found = person_and_role(name, role)) return at(k, *found);
      }
    }
  }
  // The last lines: a name in a line's last cell ("Dated ...\tDawn Carter-McDonald"), its role below.
  for (std::size_t i = lines.size() > 8 ? lines.size() - 8 : 0; i + 1 < lines.size(); ++i) {
    const std::string& l = lines[i].text;
    const std::size_t tab = l.rfind('\t');
    if (tab == std::string::npos) continue;
    const std::string cell = trim(l.substr(tab + 1));
    // (Or a name with its role after it in the cell, "David Parr Returning Officer", no other marks.)
    const bool name_then_role = cell.find_first_of(",:;") == std::string::npos && person_and_role(cell, "").has_value();
    if ((is_person_name(cell) || name_then_role) && lines[i + 1].text.find('\t') == std::string::npos)
      if (auto who = person_and_role(cell, lines[i + 1].text)) return at(i, *who);
  }
  // A name over a line whose last cell is the role ("Rae Kirk" / "Dated: Tuesday 12 April 2016
  // \tDeputy Returning Officer"), or over the role alone as the paper's last lines ("J E Tempest" /
  // "INSPECTOR").
  for (std::size_t i = lines.size() > 8 ? lines.size() - 8 : 0; i + 1 < lines.size(); ++i) {
    const std::string name = trim(lines[i].text);
    if (!is_person_name(name)) continue;
    const std::string& below = lines[i + 1].text;
    const std::size_t tab = below.rfind('\t');
    const std::string cell = trim(tab == std::string::npos ? below : below.substr(tab + 1));
    if ((tab != std::string::npos || i + 2 >= lines.size()) && role_phrase(cell)) return at(i, name + ", " + cell);
  }
  // A report that ends with its writer's name over their organisation, the paper's last two lines:
  // "Cllr David Rogers" / "Cherwell District Council" (a councillor's report to a parish).
  if (lines.size() >= 2 && !minutes_paper(segments)) {
    const std::string name = trim(lines[lines.size() - 2].text), below = trim(lines.back().text);
    if (is_person_name(name) && !role_phrase(name) && RE2::FullMatch(below, patterns().organisation))
      return at(lines.size() - 2, name);
  }
  // The clerk who closes an agenda or notice on a line of their own: "Cathy Fleet - Parish Clerk -
  // 01869 347000" among the last lines. Minutes close with who signed them as true, not who wrote them.
  if (!minutes_paper(segments))
    for (std::size_t i = lines.size() > 6 ? lines.size() - 6 : 0; i < lines.size(); ++i) {
      const std::string& l = lines[i].text;
      if (l.find('\t') != std::string::npos || l.size() > 120) continue;
      if (auto who = person_and_role(l, "")) return at(i, *who);
    }
  return std::nullopt;
}

}  // namespace

bool minutes_paper(const Segments& segments) {
  static const Pattern kMinutes(R"re((?i)\bminutes\b)re");
  // "3. To receive the minutes of the last meeting": an agenda's item, not what the paper is.
  static const Pattern kAgendaItem(R"re((?i)^(?:\d{1,2}[.)]?\s+)?to\s+(?:receive|approve|confirm|agree|sign|note|adopt)\b)re");
  for (std::size_t i = 0; i < segments.lines.size() && i < 8; ++i)
    if (RE2::PartialMatch(segments.lines[i].text, kMinutes) && !RE2::PartialMatch(segments.lines[i].text, kAgendaItem))
      return true;
  return false;
}

// "1. Purpose", "2.1 Background", "A. Summary", "Purpose of Report", "Recommendations:": a heading
// of the paper's body, under which no title stands.
bool section_heading(const std::string& line) {
  std::string v = trim(line);
  while (!v.empty() && v.back() == ':') v.pop_back();
  return in_lexicon("section_headings", v) || opens_with_section_number(v);
}

namespace {

// Whether a value holds nothing but the date and a time or two: "10:00-11:30, 14 February 2014",
// "Thursday 5 March 2015 7.30pm".
bool only_times_beside(const std::string& value, const DateValue& d) {
  std::string rest = value;
  if (const std::size_t at = rest.find(d.text); at != std::string::npos) rest.erase(at, d.text.size());
  static const Pattern kTimes(R"re((?i)^[\s,;]*(?:(?:at|from|to|-|–)?\s*\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?[\s,;]*)+$)re");
  return RE2::FullMatch(rest, kTimes) && std::any_of(rest.begin(), rest.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

// The day a summons or notice says its meeting is: "A meeting of the County Council will be held
// in the Council Chamber ... on Thursday, 9th January, 2025"; "You are requested to attend a
// Meeting ... to be held in Áras Mainchín Seoighe ... on Thursday 19th October at 3.00 p.m."
// (no year: the year of the paper's own date before it, when the day falls within a few months of
// that date). Within the paper's first 4000 bytes; nullopt when no such words.
namespace {

// Bytes of the UTF-8 sequence that starts at s[i], 0 when none does (a stray continuation byte,
// a sequence cut short): RE2 matches no character there.
std::size_t code_point_length(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// Bytes of a letter that (?i)[A-Z] matches at s[i]: an ASCII letter, the Kelvin sign or the long s
// (the two non-ASCII letters RE2's case folding maps onto ASCII ones); 0 when none.
std::size_t folded_capital_length(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return 1;
  if (s.substr(i, 3) == "\xE2\x84\xAA") return 3;  // K, the Kelvin sign
  if (s.substr(i, 2) == "\xC5\xBF") return 2;       // long s
  return 0;
}

bool re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// One step of (?:[^.]|\.\s?[A-Z]) under (?i) from i: where it ends, or 0 when nothing matches there.
std::size_t step_before_on(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] != '.') {
    const std::size_t n = code_point_length(s, i);
    return n ? i + n : 0;
  }
  if (i + 1 < s.size() && re2_space(s[i + 1]))
    if (const std::size_t n = folded_capital_length(s, i + 2)) return i + 2 + n;
  if (const std::size_t n = folded_capital_length(s, i + 1)) return i + 1 + n;
  return 0;
}

// One step of (?:[^.]|\.\d|\.m\.) under (?i) from i: where it ends, or 0 when nothing matches there.
std::size_t step_after_on(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] != '.') {
    const std::size_t n = code_point_length(s, i);
    return n ? i + n : 0;
  }
  if (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') return i + 2;
  if (i + 2 < s.size() && (s[i + 1] == 'm' || s[i + 1] == 'M') && s[i + 2] == '.') return i + 3;
  return 0;
}

}  // namespace

// The one pattern (?i)\bmeeting\b(?:[^.]|\.\s?[A-Z]){0,250}?\b(?:will\s+be\s+held|...)\b((?:[^.]|
// \.\s?[A-Z]){0,250}?\bon\s+)((?:[^.]|\.\d|\.m\.){0,60}), walked as a backtracking matcher tries
// it (each "meeting" in turn; the fewest steps to the announcing words, then to "on"; then as many
// as may follow): its bounded repeats made RE2's program thousands of states, 7.5 M instructions a
// search. The small patterns are tried only where the walk stands (anchored, the text around
// them in view for \b). tests/extractors/header_fields_test.cpp holds it to the pattern's matches.
std::optional<std::pair<std::size_t, std::size_t>> announced_words(std::string_view head) {
  static const Pattern kMeeting(R"re((?i)\bmeeting\b)re");
  // "will be held", "is to be held": anchored where the walk stands.
  static const Pattern kAnnouncing(
      R"re((?i)\b(?:will\s+be\s+held|to\s+be\s+held|is\s+to\s+be\s+held|will\s+take\s+place|is\s+scheduled|shall\s+be\s+held)\b)re");
  static const Pattern kOn(R"re((?i)\bon\s+)re");  // "on " before the day
  const re2::StringPiece text(head.data(), head.size());
  if (!RE2::PartialMatch(text, kAnnouncing)) return std::nullopt;  // most papers have none of the words
  const auto at = [&](const RE2& re, std::size_t i) -> std::optional<std::size_t> {
    re2::StringPiece m;
    if (!re.Match(text, i, text.size(), RE2::ANCHOR_START, &m, 1)) return std::nullopt;
    return static_cast<std::size_t>(m.data() - text.data()) + m.size();
  };
  const auto may_announce = [&](std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(head[i]) | 0x20;
    return c == 'w' || c == 't' || c == 'i' || c == 's' || static_cast<unsigned char>(head[i]) == 0xC5;
  };
  for (std::size_t from = 0; from < head.size();) {
    re2::StringPiece word;
    if (!kMeeting.Match(text, from, text.size(), RE2::UNANCHORED, &word, 1)) return std::nullopt;
    const std::size_t meeting_end = static_cast<std::size_t>(word.data() - text.data()) + word.size();
    std::size_t p = meeting_end;
    for (int k = 0; k <= 250 && p <= head.size(); ++k) {
      if (p < head.size() && may_announce(p))
        if (const auto q = at(kAnnouncing, p)) {
          std::size_t r = *q;
          for (int k2 = 0; k2 <= 250 && r <= head.size(); ++k2) {
            if (r < head.size() && (head[r] | 0x20) == 'o')
              if (const auto s = at(kOn, r)) {
                std::size_t e = *s;
                for (int n = 0; n < 60; ++n) {
                  const std::size_t next = step_after_on(head, e);
                  if (!next) break;
                  e = next;
                }
                return std::make_pair(*s, e);
              }
            const std::size_t next = step_before_on(head, r);
            if (!next) break;
            r = next;
          }
        }
      const std::size_t next = step_before_on(head, p);
      if (!next) break;
      p = next;
    }
    from = meeting_end;
  }
  return std::nullopt;
}

std::optional<DateValue> announced_meeting_date(const Segments& segments) {
  const std::string& text = segments.text.text;
  const std::string_view head(text.data(), std::min<std::size_t>(text.size(), 4000));
  const auto words = announced_words(head);
  if (!words) return std::nullopt;
  const re2::StringPiece when(text.data() + words->first, words->second - words->first);
  const std::size_t base = static_cast<std::size_t>(when.data() - text.data());
  if (auto d = first_date(when.ToString()); d && d->at.span.begin <= 14 && d->kind == "day") {
    d->at.span = Span{base + d->at.span.begin, base + d->at.span.end};
    d->at.page = segments.text.page_of(d->at.span.begin);
    return d;
  }
  // "Thursday 19th October" without its year: the year of the paper's date before the words.
  static const Pattern kDayMonth(R"re((?i)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\b)re");
  std::string day, month;
  if (!RE2::PartialMatch(when.ToString(), kDayMonth, &day, &month)) return std::nullopt;
  std::optional<DateValue> dated_before;
  for (const DateValue& d : find_dates(std::string_view(text).substr(0, base)))
    if (d.kind == "day") dated_before = d;
  if (!dated_before) return std::nullopt;
  static const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
  int m = 0;
  for (int k = 0; k < 12; ++k)
    if (lower(month) == kMonths[k]) m = k + 1;
  const int year = std::stoi(dated_before->start.substr(0, 4)), issued_month = std::stoi(dated_before->start.substr(5, 2));
  int y = year;
  if (m < issued_month - 6) ++y;  // issued in December for a meeting in January
  if (m > issued_month + 6) --y;
  char iso[40];  // (room for any ints, though these are a year, a month and a day)
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, std::stoi(day));
  // The day must be a real one ("31st February" is none): a full date's parse says so.
  const auto check = first_date(day + " " + month + " " + std::to_string(y));
  if (!check || check->start != iso) return std::nullopt;
  DateValue v;
  v.text = when.ToString().substr(0, when.ToString().find(month) + month.size());
  v.kind = "day";
  v.start = v.end = iso;
  v.at = Provenance{segments.text.page_of(base), Span{base, base + v.text.size()}};
  return v;
}

std::optional<TextField> typographic_title(const Segments& segments) {
  const Patterns& p = patterns();
  const NormalisedText& t = segments.text;
  // Only above the first heading of the paper's body.
  double body_starts = 1e9;
  for (const StyledLine& l : t.styled)
    if (l.page == 1 && section_heading(l.text)) body_starts = std::min(body_starts, l.top);
  std::optional<DisplayGroup> best;
  for (DisplayGroup g : display_groups(t, 1)) {
    if (g.top >= body_starts) continue;
    // A banner's organisation or body on the heading's first line stands apart from the title:
    // "Souldern Parish Council" over "Agenda & Summons to ...".
    if (RE2::PartialMatch(g.text, marking())) continue;  // "NOT FOR PUBLICATION by virtue of ..."
    while (g.parts.size() > 1 && !could_be_title(g.parts.front())) g.parts.erase(g.parts.begin());
    // The heading ends where the organisation's name is set under it in the same type, with the
    // banner's details after ("Regular Meeting of the Board of Trustees" / "Cuyahoga Community
    // College District" / "Thursday, September 26, 2019" / "1:30 p.m."); a date in the heading
    // stays ("Rivergrove City Council Meeting Minutes" / "August 13, 2018").
    for (std::size_t k = 1; k < g.parts.size(); ++k) {
      const std::string part = trim(g.parts[k]);
      if (!goes_on_from_above(part) && RE2::FullMatch(part, p.organisation)) {
        g.parts.resize(k);
        break;
      }
    }
    // A status set under the heading is not part of it: "Transparency Board Minutes" / "19.11.10" / "Draft".
    while (g.parts.size() > 1 && RE2::FullMatch(trim(g.parts.back()), furniture())) g.parts.pop_back();
    g.text.clear();
    for (const std::string& part : g.parts) g.text += (g.text.empty() || g.text.back() == '-' ? "" : " ") + part;
    // "REPORT OF THE CHIEF FIRE OFFICER", "Report to the Audit Committee": who and to whom, not what.
    if (RE2::FullMatch(g.text, p.report_of) || RE2::FullMatch(g.text, p.report_to)) continue;
    if (!could_be_title(g.text)) continue;
    const double weight = g.ratio + (g.bold ? 0.05 : 0);
    if (!best || weight > best->ratio + (best->bold ? 0.05 : 0) + 1e-6) best = g;
  }
  if (!best) return std::nullopt;
  // Where the heading's first words are in the text, for its provenance.
  const std::string head = best->text.substr(0, std::min<std::size_t>(best->text.size(), 24));
  std::size_t at = t.text.find(head);
  if (at == std::string::npos) at = 0;
  std::string value = trim(best->text);
  return TextField{value, Provenance{t.page_of(at), Span{at, std::min(t.text.size(), at + value.size())}}};
}

namespace {

// Whether the text at `at` is a cell of a row that opens with a person's name ("Lee Coates (LC)
// <tab> - <tab> Cardiff City Council"): someone's affiliation, not who the paper is from.
bool affiliation_of_person(const Segments& segments, std::size_t at) {
  for (const Line& l : segments.lines) {
    if (at < l.span.begin || at >= l.span.end) continue;
    std::string first = l.text.substr(0, l.text.find('\t'));
    static const Pattern kBracketed(R"re(\s*\([^()]*\))re");  // "(LC)", "(Chair)"
    RE2::GlobalReplace(&first, kBracketed, "");
    return at > l.span.begin && is_person_name(trim(first));
  }
  return false;
}

// A line's words with its layout gaps (tabs, runs of spaces) made single spaces.
std::string spaced(const std::string& line) {
  std::string out;
  for (char c : line) {
    const bool gap = c == '\t' || c == ' ';
    if (gap && (out.empty() || out.back() == ' ')) continue;
    out += gap ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Whether a line is an instrument's kind and number alone: "EXECUTIVE ORDER", "RESOLUTION NO. 22",
// "ORDINANCE # 57-93" (lexicons/instrument_kinds.txt).
bool instrument_line(const std::string& line) {
  static const Pattern kInstrument("(?i)^(?:" + lexicon_alternation("instrument_kinds") +
                                   R"re()(?:\s+(?:no\.?|number|#)\s*\d[\w./-]*)?\.?$)re");
  return RE2::FullMatch(spaced(line), kInstrument);
}

// Whether a line reads as an instrument's subject set in capitals: mostly capital letters, no
// sentence's full stop, not what a meeting resolved.
bool capitals_subject(const std::string& line) {
  const std::string v = spaced(line);
  if (v.size() < 8 || v.size() > 240 || v.back() == '.' || v.rfind("RESOLVED", 0) == 0) return false;
  int upper = 0, letters = 0;
  for (unsigned char c : v) {
    if (!std::isalpha(c)) continue;
    ++letters;
    upper += std::isupper(c) != 0;
  }
  return letters >= 6 && upper * 10 >= letters * 9;
}

// An instrument's heading is its kind over its subject, one title: "EXECUTIVE ORDER" over
// "ESTABLISHING THE PRESIDENT'S COMMITTEE ...", whichever of the two lines was found as the title.
std::optional<TextField> instrument_title(const Segments& segments, const TextField& title) {
  if (title.at.page > 1) return std::nullopt;
  const std::vector<Line>& lines = segments.lines;
  std::size_t k = 0;
  while (k < lines.size() && !(title.at.span.begin >= lines[k].span.begin && title.at.span.begin < lines[k].span.end)) ++k;
  if (k >= lines.size() || title.at.span.end > lines[k].span.end) return std::nullopt;  // the title is one line
  std::size_t kind = k, subject = k + 1;
  if (!instrument_line(lines[k].text)) {
    if (k == 0) return std::nullopt;
    kind = k - 1;
    subject = k;
  }
  if (subject >= lines.size() || !instrument_line(lines[kind].text) || !capitals_subject(lines[subject].text)) return std::nullopt;
  return TextField{spaced(lines[kind].text) + " " + spaced(lines[subject].text), {title.at.page, {lines[kind].span.begin, lines[subject].span.end}}};
}

}  // namespace

HeaderFields extract_header_fields(const Segments& segments) {
  const Patterns& p = patterns();
  const NormalisedText& t = segments.text;
  HeaderFields out;
  auto field = [&](const std::string& value, Span span) {
    return TextField{value, Provenance{t.page_of(span.begin), span}};
  };
  auto dated = [&](const DateValue& d, std::size_t base) {
    DateValue v = d;
    v.at.span = Span{base + d.at.span.begin, base + d.at.span.end};
    v.at.page = t.page_of(v.at.span.begin);
    return v;
  };
  // Where the value of a field starts in the normalised text.
  auto value_base = [&](const HeaderField& f) { return f.value_span.begin; };

  // Labels laid out as a table, values on the row below ("DECISION TO BE TAKEN BY:  DECISION NO:"
  // over "Cabinet  24/00096") come out of segmentation as a key whose value is the next label,
  // then the values as free cells: each label gets its value back.
  std::vector<HeaderField> header = segments.header;
  // A paper whose first lines the segmenter read as unnumbered headings ("MINUTES" / "TOWNSHIP OF
  // NIPISSING" / its opening paragraphs): those lines are its header, up to the first numbered
  // section.
  if (header.size() < 2) {
    for (const Section& s : segments.sections) {
      if (s.number || header.size() >= 12) break;
      header.push_back(HeaderField{"", s.heading, s.span, s.span});
      for (std::size_t k = 0; k < s.paragraphs.size() && k < 4 && header.size() < 12; ++k)
        header.push_back(HeaderField{"", s.paragraphs[k].text, s.paragraphs[k].span, s.paragraphs[k].span});
    }
  }
  for (std::size_t i = 0; i + 2 < header.size(); ++i) {
    HeaderField& f = header[i];
    const std::string& v = f.value;
    const bool label_as_value = !f.key.empty() && v.size() >= 3 && v.back() == ':' && std::count(v.begin(), v.end(), ' ') <= 5 &&
                                std::none_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!label_as_value || !header[i + 1].key.empty() || !header[i + 2].key.empty()) continue;
    const std::string second = trim(v);
    f.value = header[i + 1].value;
    f.value_span = header[i + 1].span;
    f.span.end = header[i + 1].span.end;
    header[i + 1].value.clear();
    header[i + 2].key = second;
    header[i + 2].value_span = header[i + 2].span;
  }
  // A form's label alone on its line, its value on the next ("EQIA Title" / "Commissioning Plan
  // for ...", "Responsible Officer" / "Paul Wilson"): a known label, or one naming a title
  // ("Project Title", "Policy title"), is that value's key.
  for (std::size_t i = 0; i + 1 < header.size(); ++i) {
    HeaderField& f = header[i];
    HeaderField& next = header[i + 1];
    const std::string label = trim(f.value);
    if (!f.key.empty() || !next.key.empty() || trim(next.value).empty() || label.size() > 40) continue;
    static const Pattern kNamesTitle(R"re((?i)^[A-Z][\w/&-]*(?:\s+[\w/&-]+){0,2}\s+title$)re");
    const std::string_view kind = label_kind(lower(label));
    // (Two words or more: "Board" alone over a line is a banner, not a label.)
    if (!(((kind == "title" || kind == "author") && label.find(' ') != std::string::npos) || RE2::FullMatch(label, kNamesTitle)))
      continue;
    if (kind.empty()) f.key = "title";
    else f.key = label;
    f.value = next.value;
    f.value_span = next.span;
    f.span.end = next.span.end;
    next.value.clear();
    ++i;
  }

  std::vector<bool> used(header.size(), false);
  bool body_labelled = false;  // "Report to: Audit Committee": a label names the body
  bool title_labelled = false;  // "Subject: X", "Title of Decision" over X: the paper labels its title
  std::vector<std::size_t> free_dates;
  std::optional<std::size_t> minutes_line;  // "MINUTES OF THE LICENSING COMMITTEE": the title of minutes
  std::optional<std::size_t> banner_title;  // "LICENSING SUB-COMMITTEE - NOTICE OF DETERMINATION"
  std::optional<TextField> agenda_title;    // "AGENDA"
  // "Report to: Audit Committee" or "Meeting: Education Committee" with no date of its own: a
  // plain "Date:" below is the meeting's.
  // So does a banner that is a body's name alone ("Cabinet" over "Date: Monday 13 November 2023").
  // So is minutes' "Date:" (an agenda's or summons' may be the day it was sent).
  // A resolution's form ("RESOLUTION" / "DATE: September 17, 2024" / "Moved by ...") is dated the day
  // of the meeting that passed it.
  static const Pattern kResolutionForm(R"re((?:^|\t)(?:RESOLUTION|Resolution)\s*$)re");
  const bool resolution_form = [&] {
    for (std::size_t i = 0; i < segments.lines.size() && i < 8; ++i)
      if (RE2::PartialMatch(segments.lines[i].text, kResolutionForm)) return true;
    return false;
  }();
  const bool plain_date_is_meetings = minutes_paper(segments) || resolution_form || std::any_of(header.begin(), header.end(), [&](const HeaderField& f) {
    const std::string k = lower(f.key);
    if (label_kind(k) == "meeting" && !first_date(f.value)) return true;
    const std::string v = trim(f.value);
    return k.empty() && !v.empty() && std::count(v.begin(), v.end(), ' ') <= 4 && RE2::PartialMatch(v, p.body_word) &&
           !RE2::FullMatch(v, p.organisation) && !first_date(v) && !RE2::PartialMatch(v, kPaperKindWord);
  });  // free cells that are only a date

  // An archive's or a declassifier's stamp ("DECLASSIFIED BY ... ON 08-12-2023", "Released under
  // the John F. Kennedy Assassination Records Collection Act", "DocId: 32274879 Page 2"), on its
  // line or the line before: its dates and words are the archive's, not the paper's.
  const auto in_stamp = [&](Span span) {
    static const Pattern kStamp(R"re((?i)\b(?:declassif\w*|released\s+under|docid|date\s+of\s+release|foia\b|sanitized\s+copy|approved\s+for\s+release))re");
    const std::vector<Line>& lines = segments.lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (span.begin < lines[k].span.begin || span.begin > lines[k].span.end) continue;
      return RE2::PartialMatch(lines[k].text, kStamp) || (k > 0 && RE2::PartialMatch(lines[k - 1].text, kStamp));
    }
    return false;
  };
  for (std::size_t i = 0; i < header.size(); ++i) {
    const HeaderField& f = header[i];
    const std::string key = lower(f.key);
    const std::string& value = f.value;
    if (key.empty() || value.empty()) continue;
    used[i] = true;
    if (in_stamp(f.span)) continue;
    const std::string_view kind = label_kind(key);
    if (kind == "meeting" || kind == "addressee" || kind == "decision_maker") {
      std::string body = value;
      if (auto d = first_date(value)) {
        if (!out.meeting_date) out.meeting_date = dated(*d, value_base(f));
        body = value.substr(0, d->at.span.begin);
        // "To: Cabinet - 30 January 2025 Unrestricted": a marking set beside the row, run into it.
        if (auto c = classification_of(value.substr(d->at.span.end)); c && !out.classification)
          out.classification = field(*c, Span{value_base(f) + d->at.span.end, value_base(f) + value.size()});
        static const Pattern kTail(R"re((?i)\s*(?:-|,|on|meeting on|meeting of|at its meeting on|held on)\s*$)re");
        RE2::Replace(&body, kTail, "");
      }
      body = trim(body);
      // "ALL MEMBERS OF THE FIRE AUTHORITY": the body, not its members.
      static const Pattern kMembersOf(R"re((?i)^(?:all\s+)?members\s+of\s+(?:the\s+)?)re");
      RE2::Replace(&body, kMembersOf, "");
      // "Board of Directors (Public)", "Trust Board (Part 1)": the session, not the body's name.
      static const Pattern kSession(R"re((?i)\s*\((?:public|private|open|closed|part\s+(?:1|2|i|ii|a|b)|part\s+(?:one|two))\)$)re");
      RE2::Replace(&body, kSession, "");
      // A decision maker who is a person ("Director of Housing", "Cabinet Member for Finance")
      // is no meeting body.
      static const Pattern kPersonRole(R"re((?i)\b(?:cabinet\s+member|portfolio\s+holder|leader|director|officer|head\s+of|manager|chief\s+executive|mayor)\b)re");
      const bool person = kind == "decision_maker" &&
                          (RE2::PartialMatch(body, kPersonRole) || !RE2::PartialMatch(body, p.body_word));
      if (!body.empty() && !person && !out.body) {
        out.body = field(body_name(body), Span{value_base(f), value_base(f) + body.size()});
        body_labelled = true;
      }
    } else if (kind == "author") {
      if (!out.author) {
        // Further people on the lines below, each "Name, Role": "From: Rory Love, Cabinet Member
        // for Education and Skills" / "Sarah Hammond, Corporate Director of ..." -> joined by "; ".
        std::string authors = trim(value);
        Span span = f.value_span;
        // Unlabelled lines up to the next label belong to it: a role run on to a second line
        // ("Sarah Hammond, Corporate Director, Children, Young" / "People and Education" / "To:").
        std::size_t labelled_next = i + 1;
        while (labelled_next < header.size() && labelled_next <= i + 8 && header[labelled_next].key.empty()) ++labelled_next;
        const bool runs_to_label = labelled_next < header.size() && labelled_next <= i + 8 && labelled_next > i + 1;
        const bool role_first = ends_with_person(authors);
        // (A role alone after role-first rows is an entry of its own: "... John Betts" / "Corporate Directors".)
        const auto next_person = [&](const std::string& v) {
          const std::string w = trim(v);
          const bool short_role = !w.empty() && w.find(',') == std::string::npos && std::count(w.begin(), w.end(), ' ') <= 4 && role_phrase(w);
          return opens_with_person(v) || (role_first && (ends_with_person(v) || short_role));
        };
        while (i + 1 < header.size() && header[i + 1].key.empty() &&
               (next_person(header[i + 1].value) || (runs_to_label && i + 1 < labelled_next))) {
          ++i;
          used[i] = true;
          const bool person = next_person(header[i].value);
          if (!person && !authors.empty() && trim(header[i].value).empty()) continue;
          authors += (person ? "; " : " ") + trim(header[i].value);
          span.end = header[i].span.end;
        }
        // Each person "Name, Role", whatever the order printed: "Interim Corporate Director
        // Finance, John Betts" -> "John Betts, Interim Corporate Director Finance".
        if (role_first) {
          std::string ordered;
          for (std::size_t from = 0; from <= authors.size();) {
            std::size_t to = authors.find("; ", from);
            if (to == std::string::npos) to = authors.size();
            std::string person = authors.substr(from, to - from);
            if (ends_with_person(person)) {
              const std::size_t comma = person.rfind(", ");
              person = trim(person.substr(comma + 2)) + ", " + trim(person.substr(0, comma));
            }
            ordered += (ordered.empty() ? "" : "; ") + person;
            from = to + 2;
          }
          authors = ordered;
        }
        // "Paul Wilson - CY EPA": a team's code in capitals after the name is no role.
        static const Pattern kNameThenCode(R"re(^(.+?)\s+[-–]\s+([A-Z]{2,6}(?:\s+[A-Z]{2,6})?)$)re");
        if (std::string name, code; RE2::FullMatch(authors, kNameThenCode, &name, &code) && is_person_name(trim(name)) && !role_phrase(code))
          authors = trim(name);
        out.author = field(authors, span);
      }
    } else if (kind == "date" && plain_date_is_meetings) {
      // "Report to: Audit Committee / Date: 23 July 2020": the date of the meeting it goes to (a
      // memo's "To: / From: / Date:" is the memo's own date).
      if (auto d = first_date(value); d && !out.meeting_date) out.meeting_date = dated(*d, value_base(f));
    } else if (kind == "date" || kind == "report_date") {
      if (auto d = first_date(value); d && !out.report_date) out.report_date = dated(*d, value_base(f));
    } else if (kind == "meeting_date") {
      if (auto d = first_date(value); d && !out.meeting_date) out.meeting_date = dated(*d, value_base(f));
    } else if (kind == "title" && !trim(value).empty()) {
      if (!out.title) {
        out.title = field(trim(value), f.value_span);
        title_labelled = true;
      }
    } else if (kind == "title" && i + 1 < header.size() && header[i + 1].key.empty() && !trim(header[i + 1].value).empty()) {
      // "Title of Decision:" on a line of its own, the title on the next.
      if (!out.title) {
        out.title = field(trim(header[i + 1].value), header[i + 1].span);
        title_labelled = true;
      }
    } else if (kind == "agenda_item") {
      std::string number;
      if (!out.agenda_item && RE2::PartialMatch("Item " + value, p.agenda, &number)) out.agenda_item = field(number, f.value_span);
    } else if (kind == "classification" || kind == "exempt" || kind == "for_publication") {
      // "Exempt: No", "For publication: Yes - but not Appendix B": a yes or a no says which.
      static const Pattern kYesNo(R"re((?i)^\s*(yes|no)\b.*$)re");
      std::string answer;
      std::optional<std::string> c;
      if (kind == "classification") c = classification_of(value);
      else if (RE2::FullMatch(value, kYesNo, &answer)) c = (lower(answer) == "yes") == (kind == "exempt") ? "exempt" : "public";
      else if (kind == "exempt") c = "exempt";  // "Exempt: paragraph 3 of Schedule 12A"
      if (c && !out.classification) out.classification = field(*c, f.value_span);
    } else if (kind == "organisation") {
      if (!out.organisation) out.organisation = field(trim(value), f.value_span);
    } else {
      used[i] = false;
    }
  }

  // Free lines and cells: banners, "Report of ...", "Agenda Item 8", "Public Report", a lone date.
  for (std::size_t i = 0; i < header.size(); ++i) {
    const HeaderField& f = header[i];
    if (!f.key.empty()) continue;
    const std::string value = trim(f.value);
    if (value.empty() || in_stamp(f.span)) { used[i] = true; continue; }
    std::string captured;
    // "Subject Matter / Title of Decision" on a line of its own, the title on the next.
    static const Pattern kTitleLabel(R"re((?i)^(?:subject\s+matter\s*/\s*)?(?:title\s+of\s+(?:the\s+)?(?:decision|report|paper)|report\s+title|subject|title)$)re");
    // "KENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION": the organisation, then what the paper is.
    static const Pattern kOrganisationThenKind(R"re(^(.+?)\s+-\s+.+$)re");
    // "Yours sincerely", "Yours faithfully": a letter's sign-off, the writer and role below.
    static const Pattern kSignOff("(?i)^" + lexicon_alternation("sign_offs") + ",?$");
    // "AGENDA", "Supplementary Agenda", "MEMORANDUM": the kind of paper, its title only when it has
    // no heading of its own.
    static const Pattern kAgendaTitle(R"re((?i)^(?:(?:supplementary\s+)?agenda(?:\s+supplement)?|memorandum|memo|minutes)$)re");
    // ", at 10.00 am", " at 7pm", " - 2.00 p.m." after a date: when a meeting starts.
    // ", 14:45 - 16:15", " at 7.30pm in the Village Hall": when (and where) a meeting is.
    static const Pattern kAtTime(R"re((?i)^[\s,]*(?:at|-|from)?\s*\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)?(?:,?\s+(?:in|at)\s+.{3,80})?\s*$)re");
    // "PLANNING COMMITTEE MINUTES - 3rd April 2018", "Licensing Committee minutes, 5 March 2015"
    static const Pattern kMinutesBanner(R"re((?i)^(.+?)\s+minutes\s*(?:-|,|:)\s*(.+)$)re");
    // "... - GLANNAU COUNTY COUNCIL": something, then the organisation
    static const Pattern kKindThenOrganisation(R"re(^.+?\s+-\s+(.+)$)re");
    // "a meeting of Market Hadley Town Council on", "meeting of the Licensing Committee to be held on"
    // "... Meeting of Limerick City and County Council will be held in the Concert Hall, ..., on Friday"
    static const Pattern kMeetingOf(R"re((?i)\bmeeting\s+of\s+(?:the\s+)?([A-Z][\w&' -]{2,80}?)\s+(?:(?:will|is\s+to)\s+be\s+held\s+|to\s+be\s+held\s+|was\s+held\s+|held\s+|will\s+take\s+place\s+|takes\s+place\s+)?(?:(?:in|at)\s+[^.]{3,120}?,?\s+)?on\b)re");
    // "LICENSING SUB-COMMITTEE - NOTICE OF DETERMINATION"
    static const Pattern kBodyThenKind(R"re((?i)^(.+?)\s+-\s+(?:notice|record|decision|report|minutes|summary)\b.*$)re");
    std::string organisation_part;
    if (RE2::FullMatch(value, kTitleLabel) && i + 1 < header.size() && header[i + 1].key.empty() &&
        !trim(header[i + 1].value).empty()) {
      const HeaderField& next = header[i + 1];
      if (!out.title) {
        out.title = field(trim(next.value), next.span);
        title_labelled = true;
      }
      used[i] = used[i + 1] = true;
      ++i;
    } else if (RE2::FullMatch(value, kSignOff) && i + 2 < header.size() && header[i + 1].key.empty() && header[i + 2].key.empty()) {
      const std::string name = trim(header[i + 1].value), role = trim(header[i + 2].value);
      if (!out.author && is_person_name(name) && std::count(role.begin(), role.end(), ' ') <= 6 &&
          std::none_of(role.begin(), role.end(), [](unsigned char c) { return std::isdigit(c); }))
        out.author = field(name + ", " + role, Span{header[i + 1].span.begin, header[i + 2].span.end});
      used[i] = true;
    } else if (RE2::FullMatch(value, kAgendaTitle)) {
      if (!agenda_title) agenda_title = field(body_name(value), f.span);  // unless the sheet has a heading of its own
      used[i] = true;
    } else if (kOrganisationThenKind.may_match(value) && RE2::FullMatch(value, kOrganisationThenKind, &organisation_part) &&
               RE2::FullMatch(organisation_part, p.organisation, &captured)) {
      if (!out.organisation) out.organisation = field(body_name(captured), Span{f.span.begin, f.span.begin + organisation_part.size()});
      used[i] = true;
    } else if (kKindThenOrganisation.may_match(value) && RE2::FullMatch(value, kKindThenOrganisation, &organisation_part) &&
               RE2::FullMatch(organisation_part, p.organisation, &captured)) {
      // A bilingual banner, Welsh first: "CYNGOR SIR GLANNAU - GLANNAU COUNTY COUNCIL".
      const std::size_t at = value.size() - organisation_part.size();
      if (!out.organisation) out.organisation = field(body_name(captured), Span{f.span.begin + at, f.span.end});
      used[i] = true;
    } else if (!RE2::FullMatch(value, p.minutes_of) && RE2::PartialMatch(value, kMeetingOf, &captured) &&
               RE2::PartialMatch(captured, p.body_word)) {
      // "You are hereby summoned to attend a meeting of Market Hadley Town Council on Thursday
      // 9 January 2020 at 7.00 pm": the body and the meeting's date.
      const std::size_t after = value.find(captured) + captured.size();
      if (!out.body) out.body = field(body_name(trim(captured)), Span{f.span.begin + value.find(captured), f.span.begin + after});
      if (auto d = first_date(value.substr(after)); d && !out.meeting_date)
        out.meeting_date = dated(*d, f.span.begin + after);
      used[i] = true;
    } else if (kBodyThenKind.may_match(value) && RE2::FullMatch(value, kBodyThenKind, &captured) && RE2::PartialMatch(captured, p.body_word) &&
               !RE2::FullMatch(captured, p.organisation)) {
      // "LICENSING SUB-COMMITTEE - NOTICE OF DETERMINATION": the body, and the line is the title.
      if (!out.body) out.body = field(body_name(trim(captured)), Span{f.span.begin, f.span.begin + captured.size()});
      if (!banner_title) banner_title = i;
      used[i] = true;
    } else if (RE2::PartialMatch(value, p.agenda, &captured)) {
      if (!out.agenda_item) out.agenda_item = field(captured, f.span);
      // "Item 9: Allotments": the item's title after the number.
      static const Pattern kItemTitle(R"re((?i)^(?:agenda\s+)?item\s*(?:no\.?\s*)?[\w.()]+\s*[:\-]\s*(.{3,120})$)re");
      std::string item_title;
      if (RE2::FullMatch(value, kItemTitle, &item_title) && !out.title) out.title = field(trim(item_title), f.span);
      used[i] = true;
    } else if (std::string when; kMinutesBanner.may_match(value) && RE2::FullMatch(value, kMinutesBanner, &captured, &when) &&
                                 RE2::PartialMatch(captured, p.body_word) && first_date(when)) {
      // "PLANNING COMMITTEE MINUTES - 3rd April 2018": the body, its meeting's date, and the title.
      if (!out.body) out.body = field(body_name(trim(captured)), Span{f.span.begin, f.span.begin + captured.size()});
      if (auto d = first_date(when); d && !out.meeting_date) out.meeting_date = dated(*d, f.span.begin + value.rfind(when));
      if (!minutes_line) minutes_line = i;
      used[i] = true;
    } else if (RE2::FullMatch(value, p.minutes_of, &captured)) {
      // "MINUTES OF THE LICENSING COMMITTEE" names the body; the line stays a title candidate.
      std::string name = captured;
      if (auto d = first_date(name)) {
        if (!out.meeting_date) out.meeting_date = dated(*d, f.span.begin + value.find(name));
        name = name.substr(0, d->at.span.begin);
        static const Pattern kHeld(R"re((?i)\s*(?:held\s+)?(?:in\s+(?:public|private)\s+)?(?:on|at|-|,)?\s*$)re");
        RE2::Replace(&name, kHeld, "");
        // "COUNTY COUNCIL HELD AT COUNTY HALL ON": where it met is not the body's name.
        static const Pattern kHeldWhere(R"re((?i)\s+held\b.*$)re");
        RE2::Replace(&name, kHeldWhere, "");
        // "LICENSING COMMITTEE MEETING" is the committee's; "SOULDERN ANNUAL PARISH MEETING" is a body.
        if (auto cleaned = clean_body(name)) name = *cleaned;
      }
      // "MINUTES of the meeting held on 4 April 2018" names no body: the banner above does.
      const bool names_body = !trim(name).empty() && lower(trim(name)) != "meeting" && RE2::PartialMatch(name, p.body_word);
      if (!out.body && names_body) out.body = field(body_name(trim(name)), f.span);
      if (!minutes_line) minutes_line = i;
    } else if (RE2::PartialMatch(value, p.held_on)) {
      if (auto d = first_date(value); d && !out.meeting_date) out.meeting_date = dated(*d, f.span.begin + (value.find(d->text) - d->at.span.begin));
      used[i] = true;
    } else if (std::string when; RE2::FullMatch(value, p.report_to_meeting, &captured, &when) && first_date(when)) {
      if (!out.body) out.body = field(body_name(trim(captured)), f.span);
      if (auto d = first_date(when); d && !out.meeting_date) out.meeting_date = dated(*d, f.span.begin + value.rfind(when));
      used[i] = true;
    } else if (RE2::FullMatch(value, p.report_to, &captured)) {
      if (!out.body) out.body = field(body_name(trim(captured)), f.span);
      used[i] = true;
    } else if (RE2::FullMatch(value, p.report_of, &captured)) {
      // "Report of the Clerk to the meeting of 10 May 2012": the author, then the meeting's date.
      static const Pattern kToMeeting(R"re((?i)^(.+?)\s+to\s+the\s+meeting\s+(?:of|on|held\s+on)\s+(.+)$)re");
      std::string who, when;
      if (RE2::FullMatch(captured, kToMeeting, &who, &when) && first_date(when)) {
        if (auto d = first_date(when); d && !out.meeting_date) out.meeting_date = dated(*d, f.span.begin + value.rfind(when));
        captured = who;
      }
      if (!out.author) out.author = field(trim(captured), f.span);
      used[i] = true;
    } else if (auto c = classification_of(value)) {
      if (!out.classification) out.classification = field(*c, f.span);
      used[i] = true;
    } else if (auto d = first_date(value); d && d->at.span.begin <= 12 &&
                                           RE2::FullMatch(value.substr(d->at.span.end), kAtTime)) {
      // A meeting's announcement: "Thursday, 30th January, 2025, at 10.00 am".
      if (!out.meeting_date) out.meeting_date = dated(*d, f.span.begin + (value.find(d->text) == std::string::npos ? 0 : value.find(d->text) - d->at.span.begin));
      used[i] = true;
    } else if (auto d = first_date(value); d && (trim(value).size() <= d->text.size() + 12 || only_times_beside(value, *d))) {
      free_dates.push_back(i);  // "Tuesday, April 18, 2023"; "10:00-11:30, 14 February 2014"
      used[i] = true;
    } else if (RE2::FullMatch(value, p.organisation, &captured) &&
               !RE2::PartialMatch(value, kMeetingWord) &&
               (!RE2::PartialMatch(value, kBodyKindWord) ||
                RE2::PartialMatch(value, kIntegratedCareBoard))) {
      // (Not a person's affiliation in a list of those present or apologising: "Lee Coates (LC)
      // - Cardiff City Council".)
      if (!out.organisation && !affiliation_of_person(segments, f.span.begin)) out.organisation = field(body_name(captured), f.span);
      used[i] = true;
    }
  }
  // A body's name set as a banner on the first page: "TRANSPARENCY BOARD", "Executive Management
  // Committee"; a parish's or town's council over an agenda or minutes meets as itself.
  // (Preferred to a body the words found past the first page, or to words that name no body.)
  if (out.body && !clean_body(out.body->value)) out.body.reset();
  if (!out.body || out.body->at.page > 1) {
    for (const DisplayGroup& g : display_groups(segments.text, 1)) {
      for (std::size_t k = 0; k < g.parts.size(); ++k) {
        const std::string v = trim(g.parts[k]);
        // "Response from Horsley Parish" / "Council": a word finishing the line above is no banner.
        if (k > 0 && v.find(' ') == std::string::npos) continue;
        if (banner_body(v) || (meeting_paper(segments) && RE2::FullMatch(v, p.organisation) && RE2::PartialMatch(v, kMeetsAsItself))) {
          std::size_t at = segments.text.text.find(v);
          if (at == std::string::npos) at = 0;
          out.body = TextField{body_name(v), Provenance{segments.text.page_of(at), Span{at, at + v.size()}}};
          break;
        }
      }
      if (out.body && out.body->at.page == 1) break;
    }
  }
  // A banner line naming a body: "CAMBRIDGESHIRE POLICE AND CRIME PANEL", "Cabinet - 30 January 2025".
  if (!out.body) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      const HeaderField& f = header[i];
      if (used[i] || !f.key.empty()) continue;
      std::string value = f.value;
      std::optional<DateValue> d = first_date(value);
      std::string name = d ? trim(value.substr(0, d->at.span.begin)) : trim(value);
      int words = 1 + static_cast<int>(std::count(name.begin(), name.end(), ' '));
      // A body's name is capitalised words ("Cambridgeshire Police and Crime Panel"), not a line
      // of prose about one ("Who's who on the Council and its Committees").
      int plain = 0;
      for (std::size_t at = 0; at < name.size();) {
        const std::size_t end = std::min(name.find(' ', at), name.size());
        const std::string w = name.substr(at, end - at);
        static const std::set<std::string> small = {"of", "and", "the", "for", "on", "&", "-", "–"};
        if (!w.empty() && std::islower(static_cast<unsigned char>(w[0])) && !small.count(w)) ++plain;
        at = end + 1;
      }
      // "Bury Council, Town Hall, Knowsley Street, Bury, BL9 0SW": an address, whose first part may
      // name the organisation, never the body.
      static const Pattern kPostcode(R"re(\b[A-Z]{1,2}\d{1,2}[A-Z]?\s*\d[A-Z]{2}\b)re");
      if (RE2::PartialMatch(name, kPostcode) || std::count(name.begin(), name.end(), ',') >= 2) {
        const std::string first_part = trim(name.substr(0, name.find(',')));
        static const Pattern kPlaceCouncil(R"re(^(?:[A-Z][\w'-]+\s+){1,3}Council$)re");
        if (!out.organisation && (RE2::FullMatch(first_part, p.organisation) || RE2::FullMatch(first_part, kPlaceCouncil)) &&
            !RE2::FullMatch(first_part, kCouncilOfKind))
          out.organisation = field(first_part, Span{f.span.begin, f.span.begin + first_part.size()});
        continue;
      }
      // "Response from Horsley Parish" / "Council": the last word of a name set on two lines.
      if (words == 1 && i > 0 && header[i - 1].key.empty() && RE2::PartialMatch(trim(header[i - 1].value) + " " + name, kMeetsAsItself))
        continue;
      // "An Interpretation of the Planning Commission": what the paper is, then the body.
      static const Pattern kWhatOfBody(R"re((?i)^(?:an?\s+|the\s+)?([a-z]+)\s+of\s+the\s+(.+)$)re");
      if (std::string head, rest; RE2::FullMatch(name, kWhatOfBody, &head, &rest) && !RE2::PartialMatch(head, p.body_word))
        name = trim(rest), words = 1 + static_cast<int>(std::count(name.begin(), name.end(), ' '));
      // A label ("Return to: Executive Department"), a phrase led by a preposition ("For All Matters
      // Relating to House Select Committee"), or what the paper is ("EXECUTIVE ORDER") is no body.
      static const Pattern kNoBody(R"re((?i)(?::|^(?:for|to|from|by|with|return|relating|regarding|re)\b|\b(?:reports?|records?|notices?|decisions?|orders?|ordinances?|resolutions?|charter|memorandum)\b))re");
      if (words > 10 || plain > 1 || !RE2::PartialMatch(name, p.body_word) || RE2::PartialMatch(name, kNoBody))
        continue;
      out.body = field(body_name(name), Span{f.span.begin, f.span.begin + name.size()});
      if (d && !out.meeting_date) out.meeting_date = dated(*d, f.span.begin);
      used[i] = true;
      break;
    }
  }
  // A lone date in a banner is the meeting's when the banner names the body; otherwise the report's.
  const std::optional<DateValue> announced = announced_meeting_date(segments);
  for (std::size_t i : free_dates) {
    const HeaderField& f = header[i];
    auto d = first_date(f.value);
    if (!d) continue;
    DateValue v = dated(*d, f.span.begin + (f.value.find(d->text) == std::string::npos ? 0 : f.value.find(d->text) - d->at.span.begin));
    // An agenda's or minutes' lone date is its meeting's ("*** AGENDA ***" / "Tuesday, April 18,
    // 2023"), unless the words say the meeting is on another day (a summons' date of issue).
    const bool meetings = (out.body || meeting_paper(segments)) && (!announced || announced->start == v.start);
    if (meetings && !out.meeting_date && v.kind == "day") out.meeting_date = v;
    else if (!out.report_date) out.report_date = v;
  }
  // A meeting is on a day (or days: "1-3 May 2019"): "January, 2025 at 10.00 am" (its day lost to
  // the line above) is none.
  if (out.meeting_date && (out.meeting_date->kind == "month" || out.meeting_date->kind == "year" ||
                           out.meeting_date->kind == "financial_year"))
    out.meeting_date.reset();
  // "A meeting of the County Council will be held ... on Thursday, 9th January, 2025": the words
  // of a summons or notice, when nothing above gave the day.
  if (!out.meeting_date && meeting_paper(segments)) out.meeting_date = announced;
  // Else an agenda's or minutes' first line that is a date alone, near the top ("*** AGENDA ***" /
  // "Tuesday, April 18, 2023" under a letterhead the header did not reach).
  if (!out.meeting_date && meeting_paper(segments)) {
    // Only above the first item ("1. Apologies"): an agenda's closing date is the day it was issued.
    static const Pattern kItem(R"re(^\s*\d{1,2}[.)]\s+\S)re");
    for (std::size_t i = 0; i < segments.lines.size() && i < 12 && !RE2::PartialMatch(segments.lines[i].text, kItem); ++i) {
      const Line& l = segments.lines[i];
      const auto d = first_date(l.text);
      // (A date that opens the line with a time after it, a venue after that: "28th January 2021 at
      // 7.30pm by Zoom videoconference", "24th April 2025 at 7.30pm in the Village Hall".)
      static const Pattern kTimeThenVenue(R"re((?i)^\s*,?\s*(?:at|from)?\s*\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)\W)re");
      const bool when_and_where = d && l.text.find_first_not_of(" \t") == d->at.span.begin &&
                                  RE2::PartialMatch(l.text.substr(d->at.span.end), kTimeThenVenue);
      // (Or the line that ends a heading with the day it was held: "MINUTES OF THE ... MEETING HELD
      // IN THE VILLAGE HALL" / "ON 25th November 2020 by Zoom videoconference".)
      static const Pattern kHeldOn(R"re(^(\s*(?i:held\s+)?(?i:on)\s+))re");  // "ON ", "held on "
      re2::StringPiece led_by;
      const bool held_on = d && RE2::PartialMatch(l.text, kHeldOn, &led_by) && led_by.size() == d->at.span.begin;
      if (!d || d->kind != "day" || !(trim(l.text).size() <= d->text.size() + 12 || only_times_beside(l.text, *d) || when_and_where || held_on))
        continue;
      if (out.report_date && out.report_date->start == d->start) break;  // the paper's own date
      DateValue v = *d;
      v.at.span = Span{l.span.begin + d->at.span.begin, l.span.begin + d->at.span.end};
      v.at.page = segments.text.page_of(v.at.span.begin);
      out.meeting_date = v;
      break;
    }
  }
  // The title: the minutes' own heading, else a line in capitals not used above, else the first
  // plain line of a few words.
  if (!out.title && minutes_line) out.title = field(trim(header[*minutes_line].value), header[*minutes_line].span);
  if (!out.title && banner_title) out.title = field(trim(header[*banner_title].value), header[*banner_title].span);
  // "Subject: X", "Title of Decision" over X, "Item 9: X", a minutes heading, a banner: the words say
  // what the title is, and the typography may only lengthen it (a heading set on two lines).
  const bool title_from_words = out.title.has_value();
  // A line that only names the paper's body or organisation ("TRANSPARENCY BOARD" over "AGENDA")
  // is who the paper is for or from, not its title.
  // Nor is a person's name with the letters after it ("Jim McMahon OBE MP" heading a minister's
  // letterhead): who it is from. (A name's shape alone, "Reserves Policy", proves nothing.)
  const auto names_body_or_organisation = [&](const std::string& v) {
    const std::string l = lower(trim(v));
    return (out.body && l == lower(trim(out.body->value))) || (out.organisation && l == lower(trim(out.organisation->value))) ||
           (name_before_post_nominals(trim(v)) && is_person_name(trim(v)));
  };
  if (!out.title) {
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < header.size() && !pick; ++i) {
      const HeaderField& f = header[i];
      if (used[i] || !f.key.empty()) continue;
      const std::string& v = f.value;
      const bool caps = std::none_of(v.begin(), v.end(), [](unsigned char c) { return std::islower(c); }) &&
                        std::count_if(v.begin(), v.end(), [](unsigned char c) { return std::isupper(c); }) >= 4;
      // One word in capitals is a title only when it names a kind of paper ("MINUTES"), not an
      // OCR'd fragment of a form ("TFREISHI").
      const bool one_word = v.find(' ') == std::string::npos;
      // (The line under a person's name in a letterhead is their post: "Jim McMahon OBE MP" /
      // "Minister of State for ...".)
      const bool post = i > 0 && header[i - 1].key.empty() && name_before_post_nominals(trim(header[i - 1].value)) &&
                        is_person_name(trim(header[i - 1].value));
      // (A postcode, "SW1P 4DF", or a code in capitals is no title: most of a title's words are words.)
      int tokens = 0, words = 0;
      for (std::size_t a = 0; a < v.size();) {
        while (a < v.size() && v[a] == ' ') ++a;
        std::size_t b = a;
        while (b < v.size() && v[b] != ' ') ++b;
        const std::string_view tok(v.data() + a, b - a);
        if (b > a && std::any_of(tok.begin(), tok.end(), [](unsigned char c) { return std::isalnum(c); })) {  // not "***"
          ++tokens;
          words += std::count_if(tok.begin(), tok.end(), [](unsigned char c) { return std::isalpha(c); }) >= 2 &&
                   std::none_of(tok.begin(), tok.end(), [](unsigned char c) { return std::isdigit(c); });
        }
        a = b;
      }
      const bool wordy = words * 2 > tokens;
      if (caps && wordy && v.size() >= 8 && (!one_word || in_lexicon("document_kinds", v)) && !names_body_or_organisation(v) && !post &&
          !is_address_line(trim(v)))
        pick = i;
    }
    // An agenda front sheet with no heading of its own is titled by its "AGENDA". A letter ("Dear
    // Leaders") is titled only by a subject line or a heading: its first plain lines are its
    // letterhead, its sender's address and its addressee.
    const bool agenda = !pick && agenda_title;
    static const Pattern kSalutation(R"re(^Dear\s+[A-Z])re");
    bool letter = false;
    for (std::size_t k = 0; k < segments.lines.size() && k < 25 && !letter; ++k) letter = RE2::PartialMatch(segments.lines[k].text, kSalutation);
    // A plain line that names the paper an agenda in words of its own ("Agenda & Summons to
    // Councillors and Invitation to Members of the Public", "Agenda for the Annual Meeting") is
    // its title before any other plain line.
    static const Pattern kAgendaNaming(R"re((?i)^(?:the\s+)?(?:supplementary\s+)?agenda\s+(?:&|and|for|of)\s+\S)re");
    for (std::size_t i = 0; i < header.size() && !pick && !letter; ++i)
      if (!used[i] && header[i].key.empty() && header[i].value.size() <= 200 && RE2::PartialMatch(trim(header[i].value), kAgendaNaming))
        pick = i;
    for (std::size_t i = 0; i < header.size() && !pick && !agenda && !letter; ++i) {
      const HeaderField& f = header[i];
      if (used[i] || !f.key.empty()) continue;
      const std::string& v = f.value;
      const int words = 1 + static_cast<int>(std::count(v.begin(), v.end(), ' '));
      // (A line that opens with a date says when, not what: "28th January 2021 at 7.30pm by Zoom".)
      const std::optional<DateValue> when = first_date(trim(v));
      if (when && when->at.span.begin == 0) continue;
      if (words >= 3 && v.size() <= 200 && v.back() != '.' && !names_body_or_organisation(v) && !is_address_line(trim(v))) pick = i;
    }
    if (pick) {
      const HeaderField& f = header[*pick];
      out.title = field(trim(f.value), f.span);
    }
  }
  if (!out.title && agenda_title) out.title = agenda_title;
  // The heading set largest (or bold alone on its lines) at the top of the first page is the
  // title, whatever its words, unless the paper labels its title ("Subject: ...").
  std::optional<TextField> set = typographic_title(segments);
  if (set && names_body_or_organisation(set->value)) set.reset();
  if (set) {
    // A title the words gave from past the first page (an agenda's later item) is no title, unless
    // labelled as one on the first two (a covering letter before a record of decision).
    const bool labelled_early = title_labelled && out.title->at.page <= 2;
    // A heading set above the words' title that says itself what the paper is ("Transparency
    // Board Minutes 19.11.10" over "Minutes of a meeting held on 19 November ...") is the title.
    static const Pattern kKindWord("(?i)\\b" + lexicon_alternation("document_kinds") + "\\b");
    const bool heading_above = !title_labelled && out.title && set->at.page == out.title->at.page &&
                               set->at.span.begin < out.title->at.span.begin && RE2::PartialMatch(set->value, kKindWord) &&
                               lower(set->value).rfind(lower(out.title->value), 0) != 0;
    if (!title_from_words || heading_above || (!labelled_early && out.title->at.page > set->at.page)) {
      out.title = set;
    } else {
      // The words' title set on more lines than its first: "MINUTES OF THE ... MEETING" / "HELD IN ...".
      const std::string words = lower(out.title->value), heading = lower(set->value);
      if (heading.size() > words.size() && heading.rfind(words, 0) == 0) out.title->value = set->value;
    }
  }
  if (out.title)
    if (std::optional<TextField> joined = instrument_title(segments, *out.title)) out.title = joined;
  // A contact table's "Report Author:" column names the author: "Tom Becker" over "Integration
  // Programme Manager".
  if (!out.author) {
    const std::vector<Line>& lines = segments.lines;
    for (std::size_t i = 0; i + 2 < lines.size() && !out.author; ++i) {
      const std::string& l = lines[i].text;
      const std::size_t tab = l.find('\t');
      const auto first_cell = [](const std::string& line) { return line.substr(0, line.find('\t')); };
      std::string name, role;
      static const Pattern kAuthorThenName(R"re((?i)^report\s+author\s*: *([^\t:]+)$)re");
      if (RE2::FullMatch(l, kAuthorThenName, &name)) {  // "Report Author: Ruth Okoye" over her role
        name = trim(name);
        role = trim(first_cell(lines[i + 1].text));
      } else if (lower(trim(l.substr(0, tab))) == "report author") {
        name = trim(first_cell(lines[i + 1].text));
        role = trim(first_cell(lines[i + 2].text));
      } else {
        continue;
      }
      static const Pattern kDetail(R"re((?i)\d|@|telephone|e-?mail)re");
      if (is_person_name(name) && !role.empty() && !RE2::PartialMatch(role, kDetail))
        out.author = field(name + ", " + role, Span{lines[i].span.begin, lines[i + 2].span.end});
    }
  }
  // A signature: "Respectfully submitted," / "Leanne Moll" / "City Manager/City Recorder";
  // "Signed......... Barbara McGarry, Clerk to the Council."; "Is mise le meas, Eugene Griffin,
  // Meetings Administrator."; "Dated Friday 13 October 2023   Dawn Carter-McDonald" / "Returning Officer".
  if (!out.author) out.author = signatory(segments);
  // An agenda's closing block names who issued it and when, when the header did not.
  if (!out.author || !out.report_date) {
    if (std::optional<SignOff> s = closing_sign_off(segments)) {
      if (!out.author) out.author = field(s->name.value + ", " + s->role.value, Span{s->name.at.span.begin, s->role.at.span.end});
      if (!out.report_date && s->date) out.report_date = s->date;
    }
  }
  // A writer's stamp closing the paper: "GE" / "Updated 181225".
  if (!out.author || !out.report_date) {
    if (std::optional<DateStamp> s = closing_date_stamp(segments)) {
      if (!out.report_date) out.report_date = s->date;
      if (!out.author && s->initials) out.author = s->initials;
    }
  }
  // A parish's or town's council meeting as itself is the organisation too: "MINUTES OF THE
  // SOULDERN PARISH COUNCIL MEETING".
  if (out.body && !out.organisation) {
    std::optional<std::string> name = clean_body(out.body->value);
    if (name && RE2::FullMatch(*name, p.organisation) && RE2::PartialMatch(*name, kMeetsAsItself)) {
      out.organisation = out.body;
      out.organisation->value = *name;
    }
  }
  // And the other way: an agenda or minutes under a parish's or town's council's name, naming no
  // committee, are of the council meeting as itself ("Souldern Parish Council" / "28th January
  // 2021 at 7.30pm by Zoom" / "Agenda & Summons to Councillors").
  if (!out.body && out.organisation && out.organisation->at.page == 1 && meeting_paper(segments) &&
      RE2::PartialMatch(out.organisation->value, kMeetsAsItself))
    out.body = out.organisation;
  // The meeting's date repeated in a banner is no date of the paper's own.
  if (out.report_date && out.meeting_date && out.report_date->start == out.meeting_date->start &&
      out.report_date->end == out.meeting_date->end)
    out.report_date.reset();
  // "Regular Meeting of the Board of Trustees": a title that names the meeting names its body.
  if (!out.body && out.title) {
    static const Pattern kMeetingOfBody(R"re((?i)^(?:[a-z]+\s+){0,3}meeting\s+of\s+(?:the\s+)?(.+)$)re");
    std::string name;
    if (RE2::FullMatch(out.title->value, kMeetingOfBody, &name) && banner_body(trim(name)))
      out.body = field(body_name(trim(name)), out.title->at.span);
  }
  // A meeting paper naming the body that meets on its day: "By-Law: Confirming Proceedings of
  // Council at its meeting held April 18, 2023" in the agenda of 18 April 2023; "... approved by
  // the Planning Committee at its meeting on 4 June 1999" in that meeting's minutes.
  if (!out.body && out.meeting_date && meeting_paper(segments)) {
    static const Pattern kAtItsMeeting("\\b((?:[A-Z][\\w'&-]*\\s+){0,4}(?i:" + lexicon_alternation("body_kinds") +
                                       "))\\s+at\\s+its\\s+(?:[a-z]+\\s+)?meeting\\s+(?:held\\s+)?(?:on\\s+)?([^\\n]{6,40})");
    re2::StringPiece rest(segments.text.text), name, when;
    while (!out.body && RE2::FindAndConsume(&rest, kAtItsMeeting, &name, &when)) {
      const std::optional<DateValue> d = first_date(std::string_view(when.data(), when.size()));
      const std::string body = trim(std::string(name.data(), name.size()));
      if (!d || d->kind != "day" || d->start != out.meeting_date->start || !banner_body(body)) continue;
      const std::size_t at = static_cast<std::size_t>(name.data() - segments.text.text.data());
      out.body = field(body_name(body), Span{at, at + name.size()});
    }
  }
  // Minutes that name no body in their heading name it as the subject of what the meeting did:
  // "The Board agreed with this approach.", "The Board discussed each point ..." (one body kind,
  // twice or more, and no other).
  if (!out.body && minutes_paper(segments)) {
    static const Pattern kBodyActs("(?:^|[.!?]\\s+)The\\s+(?i:(" + lexicon_alternation("body_kinds") +
                                   "))\\s+(?:(?:also|then|unanimously|further)\\s+)?(?:agreed|resolved|decided|discussed|noted|approved|considered)\\b");
    std::map<std::string, std::pair<int, std::size_t>> acting;  // body kind (folded) -> times, first place
    re2::StringPiece rest(segments.text.text), kind;
    while (RE2::FindAndConsume(&rest, kBodyActs, &kind)) {
      auto& [times, at] = acting[lower(std::string(kind.data(), kind.size()))];
      if (times++ == 0) at = static_cast<std::size_t>(kind.data() - segments.text.text.data());
    }
    if (acting.size() == 1 && acting.begin()->second.first >= 2) {
      const std::size_t at = acting.begin()->second.second;
      std::string name = segments.text.text.substr(at, acting.begin()->first.size());
      name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
      out.body = field(name, Span{at, at + name.size()});
    }
  }
  // The last lines: "Dated Wednesday 24 April 2019" is the day a notice was issued; "Signed on
  // behalf of Horsley Parish Council" names who it is from.
  {
    const std::vector<Line>& lines = segments.lines;
    static const Pattern kDated(R"re((?i)^dated\s*:?\s*(.+)$)re");
    static const Pattern kOnBehalfOf(R"re((?i)\bon\s+behalf\s+of\s+(?:the\s+)?(.+?)\.?$)re");
    for (std::size_t i = lines.size() > 10 ? lines.size() - 10 : 0; i < lines.size(); ++i) {
      std::string rest;
      if (!out.report_date && RE2::FullMatch(lines[i].text, kDated, &rest))
        if (auto d = first_date(rest); d && d->kind == "day") out.report_date = dated(*d, lines[i].span.begin + (lines[i].text.size() - rest.size()));
      std::string who;
      if (RE2::PartialMatch(lines[i].text, kOnBehalfOf, &who) && RE2::FullMatch(trim(who), p.organisation)) {
        if (!out.organisation) out.organisation = field(trim(who), lines[i].span);
        if (!out.author) out.author = field(trim(who), lines[i].span);
      }
      // A signing office with its organisation at the foot ("Chair, Souldern Parish Council",
      // "Chairman Souldern Parish Council": lexicons/signing_offices.txt) names whose paper it is.
      // (After the dotted places to sign and date in, on the same line: "Signed ...... Date ...... Chairman ...")
      static const Pattern kOfficeOf(R"re((?i)^(?:.*[.\x{2026}_]{3,})?\s*(?:)re" + lexicon_alternation("signing_offices") +
                                     R"re()\s*[,:\x{2013}-]?\s*(?:(?:of|to|for)\s+)?(?:the\s+)?(.+?)\.?$)re");
      if (!out.organisation && RE2::FullMatch(lines[i].text, kOfficeOf, &who) && RE2::FullMatch(trim(who), p.organisation))
        out.organisation = field(trim(who), lines[i].span);
    }
  }
  // A statutory notice names who gives it in its first sentence: "Notice is hereby given pursuant
  // to Section 14(2) of the Road Traffic Regulation Act, 1984, that the Oxfordshire County Council
  // temporarily prohibits ..." (the capitalised words after "that the", if they name an
  // organisation).
  if (!out.organisation) {
    static const Pattern kNoticeGiven(R"re((?is)\bnotice\s+is\s+hereby\s+given\b[^.]{0,240}?\bthat\s+(?:the\s+)?((?:[A-Z][\w'&-]*\s+)*[A-Z][\w'&-]*))re");
    const std::string& text = segments.text.text;
    const std::string head = text.substr(0, std::min<std::size_t>(text.size(), 1500));
    re2::StringPiece who;
    if (RE2::PartialMatch(head, kNoticeGiven, &who)) {
      // The organisation's name is the longest run of its capitalised words that is one.
      std::string name(who.data(), who.size());
      for (char& c : name)
        if (c == '\n' || c == '\t') c = ' ';
      std::string captured;
      while (!name.empty() && !RE2::FullMatch(name, p.organisation, &captured)) {
        const std::size_t last = name.rfind(' ');
        if (last == std::string::npos) name.clear();
        else name.resize(last);
      }
      const std::size_t at = static_cast<std::size_t>(who.data() - head.data());
      // (A notice of a meeting names a body that meets, not who gives notice: "that the DISTRICT
      // COUNCIL 001 will hold a closed meeting".)
      static const Pattern kMeets(R"re((?i)^\s*(?:\d+\s+)?(?:will|shall|is\s+to|are\s+to)\s+(?:hold|meet|convene)|^\s*\d)re");
      if (!name.empty() && !RE2::PartialMatch(head.substr(at + name.size(), 60), kMeets))
        out.organisation = field(body_name(captured), Span{at, at + name.size()});
    }
  }
  // A meeting's notice or schedule that says it is open to the public is public: "Notice is
  // hereby given that District Council 001 will hold a public meeting.", "OPEN TO THE PUBLIC".
  if (!out.classification) {
    static const Pattern kOpenMeeting(R"re((?i)\b(?:will\s+hold|holds|is\s+holding)\s+an?\s+(?:open|public)\s+meeting\b|^(?:meeting\s+)?open\s+to\s+the\s+public\.?$)re");
    for (std::size_t i = 0; i < segments.lines.size() && i < 40 && !out.classification; ++i)
      if (RE2::PartialMatch(segments.lines[i].text, kOpenMeeting)) out.classification = field("public", segments.lines[i].span);
  }
  // "Response from Horsley Parish Council", "CITIZEN INVOLVEMENT PROGRAM OF THE CITY OF RIVERGROVE":
  // the organisation the title says the paper is from or of.
  if (!out.organisation && out.title) {
    // (a name whose kind comes first, "CITY OF RIVERGROVE": lexicons/organisation_prefixes.txt)
    static const Pattern kFrom("(?i:\\b(?:from|by|of)\\s+(?:the\\s+)?)((?i:" + lexicon_alternation("organisation_prefixes") +
                               ")\\s+[A-Z][\\w'-]+|(?:[A-Z][\\w'&-]*\\s+)*[A-Z][\\w'&-]*)$");
    std::string who;
    if (RE2::PartialMatch(out.title->value, kFrom, &who) && RE2::FullMatch(who, p.organisation))
      out.organisation = field(who, out.title->at.span);
  }
  // A paper for no meeting (an election notice, an appeal decision, a governance statement:
  // lexicons/unmeeting_kinds.txt) has no body, and its date is its own.
  {
    static const Pattern kUnmeeting("(?i)\\b" + lexicon_alternation("unmeeting_kinds") + "\\b");
    bool unmeeting = out.title && RE2::PartialMatch(out.title->value, kUnmeeting);
    for (std::size_t i = 0; i < segments.lines.size() && i < 6 && !unmeeting; ++i)
      unmeeting = RE2::PartialMatch(segments.lines[i].text, kUnmeeting);
    if (unmeeting && !body_labelled) {
      out.body.reset();
      if (out.meeting_date && !out.report_date) out.report_date = out.meeting_date;
      out.meeting_date.reset();
    }
  }
  if (out.body) {
    if (std::optional<std::string> cleaned = clean_body(out.body->value)) out.body->value = *cleaned;
    else out.body.reset();
  }
  // A calendar or schedule of a body's meetings ("BOARD MEETINGS CALENDAR", "2019 MONTHLY BOARD
  // MEETING SCHEDULE") lists many days: none of them is the paper's meeting or its own date.
  {
    static const Pattern kSchedule(R"re((?i)\bmeetings?\s+(?:calendar|schedule)\b|\b(?:calendar|schedule)\s+of\s+(?:\w+\s+)?meetings\b)re");
    bool schedule = false;
    for (std::size_t i = 0; i < segments.lines.size() && i < 6 && !schedule; ++i) schedule = RE2::PartialMatch(segments.lines[i].text, kSchedule);
    if (schedule) {
      out.meeting_date.reset();
      out.report_date.reset();
    }
  }
  // "Dara O'Brien, Meetings Administrator.": a sentence's full stop is no part of who wrote it (an
  // initial's or an abbreviation's is: "A. N. Other, Clerk to the Council Ltd.").
  if (out.author) {
    static const Pattern kEndStop(R"re(^(.*[a-z]{3})\.$)re");
    std::string v;
    if (RE2::FullMatch(out.author->value, kEndStop, &v) && !v.ends_with(" Ltd") && !v.ends_with(" Inc")) out.author->value = v;
  }
  // "*** AGENDA ***", "== MINUTES ==": the marks a title is set between are no part of it.
  if (out.title) {
    // (Only marks on both sides: "ORDER 20**" keeps the stars its year is printed with.)
    static const Pattern kDecorated(R"re(^[\s*=~_#-]*[*=~_#]\s*(.*?)\s*[*=~_#][\s*=~_#-]*$)re");
    std::string v = out.title->value, inside;
    if (RE2::FullMatch(v, kDecorated, &inside) && RE2::PartialMatch(v, kDecorationOpens)) v = inside;
    if (v.empty()) out.title.reset();
    else out.title->value = v;
  }
  // "Printed on 6/13/2017", "Generated: ...", "Downloaded on ...": the day a copy was made, not
  // the paper's or its meeting's.
  for (std::optional<DateValue>* d : {&out.report_date, &out.meeting_date}) {
    if (!*d) continue;
    const std::size_t begin = (*d)->at.span.begin;
    const std::size_t from = begin >= 40 ? begin - 40 : 0;
    static const Pattern kCopyMade(R"re((?i)\b(?:printed|print\s+date|generated|downloaded|retrieved|accessed)(?:\s+(?:on|at))?\s*:?\s*$)re");
    if (begin <= t.text.size() && RE2::PartialMatch(t.text.substr(from, begin - from), kCopyMade)) d->reset();
  }
  return out;
}

}  // namespace papers
