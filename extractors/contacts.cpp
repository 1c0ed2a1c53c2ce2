// Contacts with name, role, e-mail and E.164 phone. See contacts.h.
#include "extractors/contacts.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include "extractors/header_fields.h"
#include "extractors/lexicon.h"
#include "extractors/pattern.h"

#include <algorithm>
#include <set>

namespace papers {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

struct Patterns {
  // "cambs-pcc@cambs.police.uk"
  Pattern email{R"re(([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}))re"};
  // "Contact Officer", "Contact Officers", "Report Author", "Ask for", "Lead Officer", "Officer contact",
  // "For further information contact"
  Pattern name_key{R"re((?i)^(?:contact\s+officer(?:s|\(s\))?|report\s+authors?|authors?|ask\s+for|lead\s+officers?|officer\s+contact|contact\s+name|(?:for\s+(?:further|more)\s+information\s+(?:please\s+)?)?contact|relevant\s+director|responsible\s+officer|prepared\s+by)$)re"};
  // "Licensing Officer", "Democratic Services Officer", "Case Manager": a key that is the role of
  // the officer named in its value
  Pattern role_key{R"re(^[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\s+(?:Officer|Manager|Clerk|Adviser|Advisor)$)re"};
  // "Contact Details", "Telephone", "Telephone number", "Tel", "Email", "E-mail", "Phone",
  // "Direct Dial/Ext"
  Pattern detail_key{R"re((?i)^(?:contact\s+details|telephone(?:\s+number)?|tel\.?|phone(?:\s+number)?|direct\s+line|direct\s+dial(?:\s*/\s*ext\.?)?|mobile|e-?mail(?:\s+address)?)$)re"};
  // "Catherine Kimberly", "Dr Jane O'Neil", "Christine McInnes": two to four capitalised words
  Pattern person{R"re(^((?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Cllr|Councillor)\.?\s+)?[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){1,3}))re"};
  // "Name (Role)" -- "Christine McInnes (Director of Education)"
  Pattern name_with_role_in_brackets{R"re(^([^()]+?)\s*\(([^()]+)\)\s*$)re"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c) && c != ',' && c != ';'; };
  while (s.size() > 1 && (s.back() == '-' || s.back() == ':') && s[s.size() - 2] == ' ') s.pop_back();  // "Parish Clerk -"
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

struct Found {
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> unallocated;  // of phones, those no operator is allocated today
  std::string rest;  // the value with e-mails and phone numbers taken out
  std::string before;  // the value up to its first e-mail or phone number
};

// Whether text has a run of seven digits or more, set apart by spaces, brackets, dots, dashes or
// slashes only: only such a value can hold a number either plan makes possible. Most values have
// none, and the matcher's regular expressions are the costliest part of reading a paper's fields.
bool may_hold_phone_number(std::string_view text) {
  int run = 0;
  for (unsigned char c : text) {
    if (std::isdigit(c)) {
      if (++run >= 7) return true;
    } else if (!(c == ' ' || c == '(' || c == ')' || c == '.' || c == '-' || c == '/' || c == '\t' || c == 0xC2 || c == 0xA0)) {
      run = 0;
    }
  }
  return false;
}

Found find_details(const std::string& value) {
  Found f;
  std::string rest = value;
  re2::StringPiece input(value), email;
  while (value.find('@') != std::string::npos && RE2::FindAndConsume(&input, patterns().email, &email)) {
    f.emails.push_back(email.ToString());
    const std::size_t at = rest.find(email.ToString());
    if (at != std::string::npos) rest.erase(at, email.size());
  }
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // UK numbers by default. A number today's plan would not allocate but of a possible length,
  // written as a UK number ("0632 123456" in a 1988 memo), is kept and flagged, not dropped.
  // Then numbers written the North American way ("(408) 252-3000", "213.922.4880", "1-800-252-9040").
  static const Pattern kWrittenUk(R"re(^(?:\+44|\(?0)\d)re");
  static const Pattern kWrittenNanp(R"re(^(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}(?:\D|$))re");
  const bool digits_enough = may_hold_phone_number(rest);
  for (const char* region : {"GB", "US"}) {
    if (!digits_enough) break;
    const std::string scanned = rest;
    PhoneNumberMatcher matcher(util, scanned, region, PhoneNumberMatcher::POSSIBLE, 10);
    while (matcher.HasNext()) {
      PhoneNumberMatch match;
      if (!matcher.Next(&match)) break;
      const bool valid = util.IsValidNumber(match.number());
      const std::string& raw = match.raw_string();
      const bool international = !raw.empty() && raw[0] == '+';
      const auto digits = std::count_if(raw.begin(), raw.end(), [](unsigned char c) { return std::isdigit(c); });
      const bool nanp = RE2::PartialMatch(raw, kWrittenNanp) && raw[0] != '0';
      if (std::string(region) == "GB") {
        // Not "1-800-252-9040" (North American), not a minute's "05.16"; an unallocated number
        // only when written in full as a UK one.
        if (nanp && !international) continue;
        if (!valid && !(RE2::PartialMatch(raw, kWrittenUk) && !international && digits >= 10)) continue;
      } else if (!(valid && (international || nanp))) {
        continue;
      }
      // "Fax 705-724-5385", "F: 01223 555 124": a fax number reaches no one to ask.
      static const Pattern kFaxBefore(R"re((?i)(?:\bfax|\bfacsimile|\bF)\s*(?:no\.?|number)?\s*[:.]?\s*$)re");
      const std::string before = scanned.substr(0, match.start());
      if (RE2::PartialMatch(before.size() > 20 ? before.substr(before.size() - 20) : before, kFaxBefore)) {
        if (const std::size_t at = rest.find(raw); at != std::string::npos) rest.erase(at, raw.size());
        continue;
      }
      std::string e164;
      util.Format(match.number(), PhoneNumberUtil::E164, &e164);
      f.phones.push_back(e164);
      if (!valid) f.unallocated.push_back(e164);
      if (const std::size_t at = rest.find(raw); at != std::string::npos) rest.erase(at, raw.size());
    }
  }
  static const Pattern kLabels(R"re((?i)\b(?:tel(?:ephone)?|phone|e-?mail|mobile|direct line)\s*[:.]?)re");
  // Where the first detail starts: the words before it are whose details they are.
  std::size_t first = value.size();
  for (const std::string& e : f.emails) first = std::min(first, value.find(e));
  {
    static const Pattern kDigits(R"re(([+(]?\d[\d ()-]{7,}\d))re");
    re2::StringPiece d;
    if (!f.phones.empty() && RE2::PartialMatch(value, kDigits, &d)) first = std::min(first, static_cast<std::size_t>(d.data() - value.data()));
  }
  f.before = value.substr(0, std::min(first, value.size()));
  RE2::GlobalReplace(&f.before, kLabels, "");
  static const Pattern kTrailingDash(R"re([\s,;:–—-]+$)re");
  RE2::Replace(&f.before, kTrailingDash, "");
  f.before = trim(f.before);
  RE2::GlobalReplace(&rest, kLabels, "");
  f.rest = trim(rest);
  return f;
}

// "Catherine Kimberly, Communications and Engagement Manager" -> name, role
bool reads_as_role(const std::string& text);

void set_name_and_role(Contact& c, const std::string& text) {
  std::string name, role;
  if (RE2::FullMatch(text, patterns().name_with_role_in_brackets, &name, &role)) {
    c.name = trim(name);
    c.role = trim(role);
    return;
  }
  const std::size_t comma = text.find(',');
  const std::size_t dash = text.find(" - ");
  const std::size_t cut = std::min(comma, dash);
  std::string head = trim(text.substr(0, cut));
  // "Station Manager Gareth Lewis", "Chief Inspector Ann Bell": a rank before the name is the role.
  static const Pattern kRank(R"re(^((?:Station|Watch|Crew|Group|Area)\s+Manager|(?:Chief\s+|Detective\s+)?(?:Inspector|Superintendent|Sergeant|Constable)|Chief\s+Superintendent)\s+(.+)$)re");
  std::string rank, rest;
  if (RE2::FullMatch(head, kRank, &rank, &rest) && RE2::FullMatch(rest, patterns().person)) {
    c.name = rest;
    c.role = rank;
    return;
  }
  // "Parish Clerk Cathy Fleet": a role set before the name with no comma between: the words after
  // its last role word (lexicons/role_words.txt) are a name of two or three words ("Assistant
  // Director Thanet South Kent Coastal" is a post and its area; "Head of Finance Operations" one post).
  {
    static const Pattern kRoleWord("(?i)^" + lexicon_alternation("role_words") + "s?$");
    std::vector<std::string> words;
    for (std::size_t i = 0; i < head.size();) {
      const std::size_t j = std::min(head.find(' ', i), head.size());
      if (j > i) words.push_back(head.substr(i, j - i));
      i = j + 1;
    }
    std::size_t last_role = words.size();
    for (std::size_t w = 0; w < words.size(); ++w)
      if (RE2::FullMatch(words[w], kRoleWord)) last_role = w;
    if (last_role < words.size() && words.size() - last_role - 1 >= 2 && words.size() - last_role - 1 <= 3) {
      std::string before, after;
      for (std::size_t w = 0; w < words.size(); ++w) (w <= last_role ? before : after) += (w <= last_role ? (before.empty() ? "" : " ") : (after.empty() ? "" : " ")) + words[w];
      if (reads_as_role(before) && RE2::FullMatch(after, patterns().person) && !reads_as_role(after)) {
        c.name = after;
        c.role = before;
        return;
      }
    }
  }
  if (RE2::FullMatch(head, patterns().person)) {
    c.name = head;
    if (cut != std::string::npos) {
      std::string tail = trim(text.substr(cut + (cut == dash ? 3 : 1)));
      // The role ends at the next separator where what follows is no part of it: "Cathy Fleet -
      // Parish Clerk - 01869 347000 Public & Press welcome" is the Parish Clerk.
      if (const std::size_t next = tail.find(" - "); next != std::string::npos && reads_as_role(trim(tail.substr(0, next))))
        tail = trim(tail.substr(0, next));
      if (!tail.empty()) c.role = tail;
    }
  }
}

bool has_name(const Contact& c) { return c.name.has_value(); }

// The cells of a line: its tab-separated parts, trimmed, empty ones dropped.
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t at = 0;
  while (at <= line.size()) {
    std::size_t tab = line.find('\t', at);
    if (tab == std::string::npos) tab = line.size();
    std::string cell = trim(line.substr(at, tab - at));
    if (!cell.empty()) cells.push_back(std::move(cell));
    at = tab + 1;
  }
  return cells;
}

std::string without_colon(std::string s) {
  while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.pop_back();
  return s;
}

// Contact blocks laid out as a table, one officer a column, labels on a line of their own:
//   Report Author:                      Relevant Director:
//   Nick Abrahams                       Christine McInnes
//   Assistant Director Education        Director of Education
//   Telephone number                    Telephone number
//   03000 410058                        03000 418913
//   Email address                       Email address
//   nicholas.abrahams@kent.gov.uk       christine.mcinnes@kent.gov.uk
// (one column is the same block for one officer). The block ends at a blank line, at a line with
// another number of cells, or after twelve lines.
std::vector<Contact> contact_tables(const Segments& segments) {
  const Patterns& p = patterns();
  std::vector<Contact> out;
  const std::vector<Line>& lines = segments.lines;
  const std::string& text = segments.text.text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::vector<std::string> heads = cells_of(lines[i].text);
    if (heads.empty()) continue;
    bool all_keys = true;
    // A row of two labels or more needs no colons ("Report Author<TAB>Relevant Director"): cells
    // that are all labels are a table's heads.
    const bool row_of_labels = heads.size() >= 2;
    for (const std::string& h : heads)
      all_keys = all_keys && (h.back() == ':' || row_of_labels) && RE2::FullMatch(without_colon(h), p.name_key);
    // A single "Report Author:" line with nothing after it opens a one-column block; with a value
    // on the same line it is a key and value, read elsewhere.
    if (!all_keys) continue;
    std::vector<std::vector<std::string>> columns(heads.size());
    std::size_t end = lines[i].span.end, j = i + 1;
    for (; j < lines.size() && j <= i + 12; ++j) {
      if (text.substr(lines[j - 1].span.end, lines[j].span.begin - lines[j - 1].span.end).find("\n\n") != std::string::npos) break;
      const std::vector<std::string> cells = cells_of(lines[j].text);
      if (cells.size() != heads.size()) break;
      bool keys_again = true;
      for (const std::string& c : cells) keys_again = keys_again && c.back() == ':' && RE2::FullMatch(without_colon(c), p.name_key);
      if (keys_again) break;
      for (std::size_t k = 0; k < cells.size(); ++k) columns[k].push_back(cells[k]);
      end = lines[j].span.end;
    }
    for (const std::vector<std::string>& column : columns) {
      Contact c;
      c.at = Provenance{segments.text.page_of(lines[i].span.begin), Span{lines[i].span.begin, end}};
      for (const std::string& cell : column) {
        if (RE2::FullMatch(without_colon(cell), p.detail_key)) continue;  // "Telephone number"
        Found d = find_details(cell);
        if (!d.emails.empty() && !c.email) c.email = d.emails.front();
        if (!d.phones.empty() && !c.phone) c.phone = d.phones.front();
        if (!d.emails.empty() || !d.phones.empty() || d.rest.empty()) continue;
        if (!c.name) {
          set_name_and_role(c, d.rest);
        } else if (!c.role && !c.email && !c.phone) {
          c.role = d.rest;  // the line under the name, before the details
        }
      }
      if (c.name && (c.email || c.phone)) out.push_back(std::move(c));
    }
    i = j - 1;
  }
  return out;
}

// Whether a phrase reads as a role or an office: "Head of Finance Operations", "Parish Clerk",
// "Records Management Department" (a word of lexicons/role_words.txt), short, no sentence.
bool reads_as_role(const std::string& text) {
  const std::string v = trim(text);
  if (v.empty() || v.size() > 120 || std::count(v.begin(), v.end(), ' ') > 14) return false;
  if (v.back() == '.' || RE2::PartialMatch(v, patterns().email)) return false;
  // A role is a name for a post, mostly capitalised words ("Head of Finance Operations", "TDD
  // line"); a sentence about one ("A diary sheet can be obtained from the ... Officer") is not.
  static const std::set<std::string> small = {"of", "and", "the", "for", "to", "in", "on", "at", "with", "&", "-", "–", "/"};
  int lower_words = 0;
  for (std::size_t i = 0; i < v.size();) {
    while (i < v.size() && v[i] == ' ') ++i;
    std::size_t j = i;
    while (j < v.size() && v[j] != ' ') ++j;
    const std::string w = v.substr(i, j - i);
    if (!w.empty() && std::islower(static_cast<unsigned char>(w[0])) && !small.count(w)) ++lower_words;
    i = j;
  }
  if (lower_words > 2) return false;
  static const Pattern kRoleWord("(?i)\\b" + lexicon_alternation("role_words") + "s?\\b");
  return RE2::PartialMatch(v, kRoleWord);
}

// "Cathy Fleet", "Dr Mike Gogarty", "Cllr David Rogers": a person's name and nothing else.
bool reads_as_person(const std::string& text) {
  const std::string v = trim(text);
  // "Westfield Farm Cottage": a house's name (an address line: lexicons/place_words.txt), not a person's.
  return RE2::FullMatch(v, patterns().person) && !reads_as_role(v) && !is_address_line(v);
}

// "Report Author", "Contact Officers", "Ask for": a label of lexicons/header_labels.txt that says a
// contact follows (in the singular or plural).
bool contact_label(const std::string& key) {
  std::string k;
  for (char ch : trim(key)) k += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto& labels = lexicon_kinds("header_labels");
  const auto is_contact = [&](const std::string& v) {
    const auto at = labels.find(v);
    return at != labels.end() && at->second == "contact";
  };
  return is_contact(k) || (k.size() > 1 && k.back() == 's' && is_contact(k.substr(0, k.size() - 1)));
}

// The words of a phrase, split at spaces.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

// Whether an e-mail address's own words spell a person's name: "nikki.sturmey", "nikkisturmey",
// "n.sturmey", "nsturmey" for "Nikki Sturmey"; "edward.howlin" for "Ed Howlin" (first and last
// words of the name; any title before them aside).
bool email_spells(const std::string& email, const std::string& name) {
  std::string local = email.substr(0, email.find('@'));
  std::transform(local.begin(), local.end(), local.begin(), ::tolower);
  std::vector<std::string> words = words_of(name);
  static const std::set<std::string> titles = {"Dr", "Mr", "Mrs", "Ms", "Miss", "Cllr", "Prof"};
  if (!words.empty() && titles.count(words.front())) words.erase(words.begin());
  if (words.size() < 2) return false;
  std::string f = words.front(), l = words.back();
  std::transform(f.begin(), f.end(), f.begin(), ::tolower);
  std::transform(l.begin(), l.end(), l.begin(), ::tolower);
  const std::size_t dot = local.find_first_of("._");
  const std::string given = dot == std::string::npos ? "" : local.substr(0, dot), family = dot == std::string::npos ? "" : local.substr(dot + 1);
  return local == f + l || local == f.substr(0, 1) + l ||
         (family == l && !given.empty() && (given.rfind(f, 0) == 0 || f.rfind(given, 0) == 0));
}

// A contact's name and role from the text beside its details: "Jane Smith (Head of Finance)",
// "Jane Smith, Research Officer", "Head of Finance Operations | Cath Head", a name alone, a role
// alone. Labels ("Contact:", "Clerk:") go; a label that is a role ("Clerk") is the role.
void name_and_role_from(Contact& c, const std::vector<std::string>& cells) {
  static const Pattern kLabel(R"re((?i)^(?:contact(?:\s+(?:details|officer|name))?|enquiries|for\s+(?:further|more)\s+information(?:\s+(?:please\s+)?contact)?|e-?mail|tel(?:ephone)?|phone|mobile)\s*[:.-]?\s*)re");
  for (std::string cell : cells) {
    RE2::Replace(&cell, kLabel, "");
    cell = trim(cell);
    // "Clerk: Cathy Fleet": the label is the role.
    if (const std::size_t colon = cell.find(':'); colon != std::string::npos && colon > 0) {
      const std::string key = trim(cell.substr(0, colon)), value = trim(cell.substr(colon + 1));
      // ("Report Authors: Sharon Howard", "Contact Officer: ...": a contact label is no role.)
      if (reads_as_role(key) && reads_as_person(value)) {
        if (!c.name) c.name = value;
        if (!c.role && !contact_label(key)) c.role = key;
        continue;
      }
      // "Relevant Corporate Director: John Betts (Interim)": the label is the role, the words in
      // brackets only qualify the name's holding of it.
      if (reads_as_role(key) && !contact_label(key)) {
        Contact named;
        set_name_and_role(named, value);
        if (named.name && reads_as_person(*named.name) && !(named.role && reads_as_role(*named.role))) {
          if (!c.name) c.name = named.name;
          if (!c.role) c.role = key;
          continue;
        }
      }
      cell = value;
    }
    if (cell.empty()) continue;
    Contact parsed;
    set_name_and_role(parsed, cell);
    if (parsed.name && reads_as_person(*parsed.name)) {
      if (!c.name) c.name = parsed.name;
      if (!c.role && parsed.role && reads_as_role(*parsed.role)) c.role = parsed.role;
    } else if (!c.role && reads_as_role(cell)) {
      c.role = cell;
    }
  }
}

// The office a sentence names just before a number: "contact the Superintendent's Office at (408)
// 252-3000", "Our TDD line is (800) 252-9040", "General Information/Rules of the Board - (213)
// 922-4600". Only a capitalised phrase that reads as an office or role; nullopt otherwise.
// So does an e-mail address: "obtained from the Environmental Protection Officer (amrik.bilkhu@...)".
std::optional<std::string> office_before_number(const std::string& line) {
  static const Pattern kNumber(R"re((\(?\+?\d[\d ().-]{6,}\d))re");
  re2::StringPiece number, email;
  std::size_t anchor = std::string::npos;
  if (RE2::PartialMatch(line, kNumber, &number)) anchor = static_cast<std::size_t>(number.data() - line.data());
  if (RE2::PartialMatch(line, patterns().email, &email))
    anchor = std::min(anchor, static_cast<std::size_t>(email.data() - line.data()));
  if (anchor == std::string::npos) return std::nullopt;
  std::string before = line.substr(0, anchor);
  while (!before.empty() && (before.back() == ' ' || before.back() == '(')) before.pop_back();
  if (const std::size_t end = before.find_last_of(".;!?\t("); end != std::string::npos) before = before.substr(end + 1);
  std::vector<std::string> words = words_of(before);
  const auto lower = [](std::string w) {
    std::transform(w.begin(), w.end(), w.begin(), ::tolower);
    return w;
  };
  static const std::set<std::string> trailing = {"at", "on", "is", "are", "-", "–", ":", "via", "number", "no."};
  while (!words.empty() && trailing.count(lower(words.back()))) words.pop_back();
  if (words.size() > 6) words.erase(words.begin(), words.end() - 6);
  // Up to where the office's name starts: "... contact the Superintendent's Office" -> "Superintendent's Office".
  static const std::set<std::string> leading = {"the", "our", "please", "contact", "call", "telephone", "ring", "phone", "or"};
  for (std::size_t k = words.size(); k-- > 0;)
    if (leading.count(lower(words[k]))) {
      words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      break;
    }
  if (words.empty() || !std::isupper(static_cast<unsigned char>(words.front()[0]))) return std::nullopt;
  std::string office;
  for (const std::string& w : words) office += (office.empty() ? "" : " ") + w;
  if (!reads_as_role(office) || reads_as_person(office)) return std::nullopt;
  return office;
}

// Contacts found by what is unambiguous about them, an e-mail address or a phone number, anywhere
// in the paper, and grown to the name and role beside them: the other cells of the line
// ("Head of Finance Operations   Cath Head   03000 416 934   cath.head@kent.gov.uk"), else the
// lines just above ("Jane Smith, Research Officer" / "jane.smith@county.gov.uk 03000 123456"),
// else a name the e-mail's own words spell ("nikki.sturmey@..." and "Nikki Sturmey" nearby).
// Details already in `known` are not found again.
std::vector<Contact> anchored_contacts(const Segments& segments, const std::vector<Contact>& known) {
  const std::vector<Line>& lines = segments.lines;
  std::vector<Contact> out;
  std::size_t last_line = std::string::npos;  // the line the last contact came from
  const auto seen = [&](const std::vector<Contact>& list, const std::optional<std::string>& email, const std::optional<std::string>& phone) {
    return std::any_of(list.begin(), list.end(), [&](const Contact& c) {
      const auto same = [](const std::optional<std::string>& a, const std::optional<std::string>& b) {
        if (!a || !b) return false;
        std::string x = *a, y = *b;
        std::transform(x.begin(), x.end(), x.begin(), ::tolower);
        std::transform(y.begin(), y.end(), y.begin(), ::tolower);
        return x == y;
      };
      return same(c.email, email) || same(c.phone, phone);
    });
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // (A line with neither an @ nor a phone number's run of digits has no anchor: passed over
    // before it is split into cells and each is searched.)
    if (lines[i].text.find('@') == std::string::npos && !may_hold_phone_number(lines[i].text)) continue;
    const std::vector<std::string> cells = cells_of(lines[i].text);
    std::vector<Found> found;
    for (const std::string& cell : cells) found.push_back(find_details(cell));
    std::vector<std::string> emails, phones, unallocated, rest;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      emails.insert(emails.end(), found[k].emails.begin(), found[k].emails.end());
      phones.insert(phones.end(), found[k].phones.begin(), found[k].phones.end());
      unallocated.insert(unallocated.end(), found[k].unallocated.begin(), found[k].unallocated.end());
      if (!found[k].rest.empty()) rest.push_back(found[k].rest);
    }
    if (emails.empty() && phones.empty()) continue;
    // Several numbers on a line and no one named beside them ("calling (213) 922-4600 or (323)
    // 466-3876"): each number is a contact of its own.
    // But numbers each labelled with its kind ("Tel 01869 347000 Mobile 07989 398 838") are one
    // person's: the contact is sought as for one number, and keeps the first.
    {
      static const Pattern kLabelledNumber(R"re((?i)\b(?:tel(?:ephone)?|phone|mobile|mob|fax|direct(?:\s+(?:line|dial))?|home|work|office)\b\.?\s*:?\s*\(?\+?\d)re");
      re2::StringPiece scan(lines[i].text);
      std::size_t labelled = 0;
      while (RE2::FindAndConsume(&scan, kLabelledNumber)) ++labelled;
      const bool one_persons = labelled >= phones.size();
      Contact probe;
      name_and_role_from(probe, rest);
      if (!probe.name && emails.empty() && phones.size() > 1 && !one_persons) {
        for (const std::string& phone : phones) {
          if (seen(known, std::nullopt, phone) || seen(out, std::nullopt, phone)) continue;
          Contact each;
          each.phone = phone;
          each.phone_allocated = std::find(unallocated.begin(), unallocated.end(), phone) == unallocated.end();
          each.at = Provenance{segments.text.page_of(lines[i].span.begin), lines[i].span};
          out.push_back(std::move(each));
        }
        continue;
      }
    }
    // Else one contact a line: its first e-mail and first phone (a line of two officers is a table
    // read elsewhere).
    Contact c;
    if (!emails.empty()) c.email = emails.front();
    if (!phones.empty()) {
      c.phone = phones.front();
      c.phone_allocated = std::find(unallocated.begin(), unallocated.end(), phones.front()) == unallocated.end();
    }
    // The office a line names for details met before without one: "Please telephone (213)
    // 922-4600" and later "General Information/Rules of the Board - (213) 922-4600".
    const auto office_here = [&]() -> std::optional<std::string> {
      if (auto office = office_before_number(lines[i].text)) return office;
      // "(213) 922-4880 (Records Management Department)", the brackets maybe closed on the next line.
      static const Pattern kOfficeAfter(R"re(\d\s*\(([A-Z][^()\d@]{2,60})\))re");
      std::string here = lines[i].text + (i + 1 < lines.size() ? " " + lines[i + 1].text : std::string());
      std::replace(here.begin(), here.end(), '\t', ' ');
      std::string office;
      if (RE2::PartialMatch(here, kOfficeAfter, &office)) {
        office = trim(office);
        if (reads_as_role(office) && !reads_as_person(office)) return office;
      }
      return std::nullopt;
    };
    if (seen(known, c.email, c.phone)) continue;
    // "Tel: 01869 347000" / "Mobile: 07989 398838": a second number under a contact's first, with
    // no one named beside it, is the same person's; a contact keeps its first number.
    {
      Contact named_here;
      name_and_role_from(named_here, rest);
      static const Pattern kOnlyLabels(R"re((?i)^(?:\s|[:.,;()-]|tel(?:ephone)?|phone|mobile|mob|direct(?:\s+line)?|e-?mail|fax)*$)re");
      bool only_labels = true;
      for (const std::string& r : rest) only_labels = only_labels && RE2::FullMatch(r, kOnlyLabels);
      if (!out.empty() && last_line != std::string::npos && i == last_line + 1 && !named_here.name && !named_here.role && only_labels) {
        Contact& previous = out.back();
        if (!previous.email && c.email) previous.email = c.email;
        if (!previous.phone && c.phone) previous.phone = c.phone, previous.phone_allocated = c.phone_allocated;
        last_line = i;
        continue;
      }
    }
    const bool again = seen(out, c.email, c.phone);
    c.at = Provenance{segments.text.page_of(lines[i].span.begin), lines[i].span};
    // "Cathy Fleet - Parish Clerk - 01869 347000 Public & Press welcome" (a line run on into the
    // next): the person is who stands before the number.
    if (cells.size() == 1 && !found[0].before.empty()) {
      Contact first;
      name_and_role_from(first, {found[0].before});
      if (first.name) c.name = first.name, c.role = first.role;
    }
    name_and_role_from(c, rest);
    if (!c.name && !c.role) c.role = office_here();
    // Details on the next line of the same block: "jane.smith@..." / "03000 123456".
    if (i + 1 < lines.size()) {
      const std::vector<std::string> next = cells_of(lines[i + 1].text);
      if (next.size() == 1) {
        Found more = find_details(next.front());
        if (more.rest.empty()) {
          if (!c.email && !more.emails.empty() && !seen(known, more.emails.front(), std::nullopt)) c.email = more.emails.front();
          if (!c.phone && !more.phones.empty() && !seen(known, std::nullopt, more.phones.front())) c.phone = more.phones.front();
        }
      }
    }
    // Else the name and role on the lines just above, up to a line with details of its own; not
    // for a number in a paragraph of prose, whose lines above are headings and sentences.
    // A role wrapped over the lines between the name and the details is read whole: "Sharon Howard"
    // / "Assistant Director Strengthening" / "Independence Service - For Disabled" / "Children and
    // Young People 0-25" / "+44 3000 412070 sharon.howard@..."; "Kevin Kasaven, Director of
    // Children's" / "Countywide Services".
    const bool prose = lines[i].text.size() > 120;
    std::vector<std::string> between;  // the lines passed, nearest first
    std::optional<std::string> nearest_role;
    for (std::size_t up = 1; up <= 4 && up <= i && !c.name && !prose; ++up) {
      const std::vector<std::string> above = cells_of(lines[i - up].text);
      Found d = above.size() == 1 ? find_details(above.front()) : Found{};
      if (above.size() != 1 || !d.emails.empty() || !d.phones.empty()) break;
      // A postal address between the name and the number ("Parish Clerk : Cathy Fleet" /
      // "Westfield Farm Cottage, ..., OX25 4SS" / "Tel: 01869 347000") is passed over: a place, not a person.
      if (is_address_line(trim(above.front()))) continue;
      Contact parsed;
      name_and_role_from(parsed, above);
      const std::string line = trim(above.front());
      // "Alyson Wagget" / "Assistant Director Thanet South Kent" / "Coastal" / "alyson.wagget@...":
      // a role's place read as a name is passed over when the e-mail spells the name just above.
      if (parsed.name && c.email && !email_spells(*c.email, *parsed.name) && up < i) {
        Contact higher;
        name_and_role_from(higher, cells_of(lines[i - up - 1].text));
        if (higher.name && email_spells(*c.email, *higher.name)) {
          between.push_back(line);
          continue;
        }
      }
      if (parsed.name) {
        c.name = parsed.name;
        std::string wrapped;
        for (auto it = between.rbegin(); it != between.rend(); ++it) wrapped += (wrapped.empty() ? "" : " ") + *it;
        if (!c.role) {
          if (parsed.role && !wrapped.empty() && reads_as_role(*parsed.role + " " + wrapped)) c.role = *parsed.role + " " + wrapped;
          else if (!parsed.role && between.size() > 1 && reads_as_role(wrapped)) c.role = wrapped;
          else c.role = parsed.role ? parsed.role : nearest_role;
        }
        c.at.span.begin = lines[i - up].span.begin;
      } else if (parsed.role || (!line.empty() && line.size() <= 60 && line.back() != '.' && line.back() != ':')) {
        // A role's line, or another line of one (none a sentence); a role alone counts as before
        // only when no other line came between it and the details.
        if (parsed.role && between.empty()) nearest_role = parsed.role;
        between.push_back(line);
      } else {
        break;
      }
    }
    if (!c.name && !c.role && nearest_role) c.role = nearest_role;
    // Else the person the e-mail's own words name, within a few lines.
    if (!c.name && c.email) {
      for (std::size_t k = i >= 5 ? i - 5 : 0; k < lines.size() && k <= i + 5 && !c.name; ++k) {
        re2::StringPiece input(lines[k].text);
        static const Pattern kPerson(R"re(\b((?:Dr|Mr|Mrs|Ms|Cllr)\.?\s+)?([A-Z][a-z'-]+)\s+([A-Z][a-zA-Z'-]+)\b)re");
        std::string title, first, last;
        while (RE2::FindAndConsume(&input, kPerson, &title, &first, &last)) {
          if (email_spells(*c.email, first + " " + last)) {
            c.name = title + first + " " + last;
            break;
          }
        }
      }
    }
    // A person named with no role here may be named with one elsewhere in the paper: "Claire
    // Smith (CS) claire.smith@..." and, in the list of those present, "Claire Smith (Secretariat)".
    if (c.name && !c.role) {
      const std::string bracket = *c.name + " (";
      for (const Line& l : lines) {
        const std::size_t at = l.text.find(bracket);
        if (at == std::string::npos) continue;
        const std::size_t close = l.text.find(')', at + bracket.size());
        if (close == std::string::npos) continue;
        const std::string role = trim(l.text.substr(at + bracket.size(), close - at - bracket.size()));
        if (reads_as_role(role) && !reads_as_person(role)) {
          c.role = role;
          break;
        }
      }
    }
    // Details met before: what this place says of them fills in what the first one left out
    // ("Please telephone (213) 922-4600", later "General Information/Rules of the Board - (213)
    // 922-4600"; a letterhead's e-mail, later "Parish Clerk: Mrs Lesley Childs" over it).
    if (again) {
      for (Contact& before : out) {
        if (!((c.phone && before.phone == c.phone) || (c.email && before.email == c.email))) continue;
        if (before.name || before.role) break;
        before.name = c.name;
        before.role = c.role;
        if (!before.phone && c.phone) before.phone = c.phone, before.phone_allocated = c.phone_allocated;
        if (!before.email && c.email) before.email = c.email;
        break;
      }
      continue;
    }
    out.push_back(std::move(c));
    last_line = i;
  }
  return out;
}

}  // namespace

std::optional<std::string> phone_e164(std::string_view text) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(text), "GB", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return std::nullopt;
  if (!util.IsValidNumber(number)) return std::nullopt;
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

std::vector<Contact> extract_contacts(const Segments& segments) {
  const Patterns& p = patterns();
  std::vector<Contact> out;
  auto page_of = [&](std::size_t at) { return segments.text.page_of(at); };

  auto visit = [&](const std::vector<HeaderField>& fields) {
    // Index of the field whose details started the nameless contact at out.back(), if any.
    std::size_t nameless_until = std::string::npos;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const HeaderField& f = fields[i];
      if (f.key.empty() || f.value.empty()) continue;
      const bool role_key = !RE2::FullMatch(f.key, p.name_key) && !RE2::FullMatch(f.key, p.detail_key) &&
                            RE2::FullMatch(f.key, p.role_key);
      if (RE2::FullMatch(f.key, p.name_key) || role_key) {
        // "Report Author<TAB>Relevant Director": a value that is another label heads a table
        // (contact_tables), no name.
        if (RE2::FullMatch(without_colon(trim(f.value)), p.name_key)) continue;
        Contact c;
        c.at = Provenance{page_of(f.span.begin), f.span};
        Found d = find_details(f.value);
        set_name_and_role(c, d.rest);
        // "Licensing Officer: Dean Walsh, 01473 432 000": the key is the role; only with a way to
        // reach the person, so that "Proper Officer: None" is no contact.
        if (role_key) {
          // "Parish Clerk: Mrs Lesley Childs" / "E-mail: clerk@...": details labelled on the lines below.
          while (c.name && d.emails.empty() && d.phones.empty() && i + 1 < fields.size() &&
                 RE2::FullMatch(fields[i + 1].key, p.detail_key)) {
            Found below = find_details(fields[i + 1].value);
            if (below.emails.empty() && below.phones.empty()) break;
            d.emails = below.emails;
            d.phones = below.phones;
            ++i;
            c.at.span.end = fields[i].span.end;
          }
          if (!c.name || (d.emails.empty() && d.phones.empty())) continue;
          if (!c.role) c.role = f.key;
        }
        if (!d.emails.empty()) c.email = d.emails.front();
        if (!d.phones.empty()) c.phone = d.phones.front();
        // Details on the lines just above the name ("Direct Dial/Ext: ... / e-mail: ... /
        // Ask for: Georgina Little", a letter's heading) are this officer's.
        if (c.name && nameless_until != std::string::npos && nameless_until + 1 == i && !out.empty() && !out.back().name) {
          Contact& owner = out.back();
          owner.name = c.name;
          owner.role = c.role;
          if (!owner.email) owner.email = c.email;
          if (!owner.phone) owner.phone = c.phone;
          owner.at.span.end = std::max(owner.at.span.end, f.span.end);
          nameless_until = std::string::npos;
          continue;
        }
        nameless_until = std::string::npos;
        // A block under the name: "Report Author: Ruth Okoye" / "Transport Planning Manager" /
        // "01704 533 133" / "ruth.okoye@...": the role, then the details, each on a line.
        for (std::size_t j = i + 1; c.name && !c.email && j < fields.size() && j <= i + 4 && fields[j].key.empty(); ++j) {
          const std::string& line = fields[j].value;
          Found more = find_details(line);
          if (!more.emails.empty() && !c.email) c.email = more.emails.front();
          if (!more.phones.empty() && !c.phone) c.phone = more.phones.front();
          if (more.emails.empty() && more.phones.empty()) {
            // A role only when a line of details follows it, so that a venue or an address in the
            // next cell ("Council Chamber, Sessions House") is not taken for one.
            const bool details_next = j + 1 < fields.size() && fields[j + 1].key.empty() &&
                                      [&] { Found n = find_details(fields[j + 1].value); return !n.emails.empty() || !n.phones.empty(); }();
            if (c.role || c.phone || !details_next || line.size() > 60 || line.find_first_of("0123456789") != std::string::npos) break;
            c.role = trim(line);
          }
          c.at.span.end = fields[j].span.end;
        }
        if (c.name || c.email || c.phone) out.push_back(std::move(c));
      } else if (RE2::FullMatch(f.key, p.detail_key)) {
        Found d = find_details(f.value);
        if (d.emails.empty() && d.phones.empty()) continue;
        // Details belong to the officer named just before, when that officer lacks them.
        Contact* owner = out.empty() ? nullptr : &out.back();
        if (owner && ((d.emails.empty() || !owner->email) && (d.phones.empty() || !owner->phone))) {
          if (!d.emails.empty()) owner->email = d.emails.front();
          if (!d.phones.empty()) owner->phone = d.phones.front();
          owner->at.span.end = std::max(owner->at.span.end, f.span.end);
          if (!owner->name && nameless_until != std::string::npos && nameless_until + 1 == i) nameless_until = i;
        } else {
          Contact c;
          c.at = Provenance{page_of(f.span.begin), f.span};
          if (!d.emails.empty()) c.email = d.emails.front();
          if (!d.phones.empty()) c.phone = d.phones.front();
          // "Contact details: Joy Millett, Tanyard Hall, ... clerk@...; 01483 203431": the person
          // the value names; else "Parish Clerk: Mrs Lesley Childs" on the line above "E-mail: ...".
          if (!d.rest.empty()) name_and_role_from(c, {d.rest});
          if (!c.name && i > 0 && fields[i - 1].key.empty() && !fields[i - 1].value.empty())
            name_and_role_from(c, {fields[i - 1].value});
          if (!c.name) c.role.reset();
          const bool named = c.name.has_value();
          out.push_back(std::move(c));
          nameless_until = named ? std::string::npos : i;
        }
      }
    }
  };
  visit(segments.header);
  visit(segments.trailer);
  for (Contact& c : contact_tables(segments)) out.push_back(std::move(c));
  // The officer an agenda closes with, when a phone number says how to reach them.
  if (std::optional<SignOff> s = closing_sign_off(segments); s && s->phone) {
    Contact c;
    c.name = s->name.value;
    c.role = s->role.value;
    c.phone = phone_e164(s->phone->value);
    c.at = Provenance{s->name.at.page, Span{s->name.at.span.begin, s->phone->at.span.end}};
    if (c.phone) out.push_back(std::move(c));
  }
  // Every other e-mail address and phone number, with the name and role beside it.
  for (Contact& c : anchored_contacts(segments, out)) out.push_back(std::move(c));
  // The same officer named twice ("Report author" and "Contact") is one contact.
  std::vector<Contact> merged;
  for (Contact& c : out) {
    auto same = std::find_if(merged.begin(), merged.end(), [&](const Contact& m) { return has_name(m) && m.name == c.name; });
    if (has_name(c) && same != merged.end()) {
      if (!same->role) same->role = c.role;
      if (!same->email) same->email = c.email;
      if (!same->phone) same->phone = c.phone;
      continue;
    }
    merged.push_back(std::move(c));
  }
  return merged;
}

}  // namespace papers
