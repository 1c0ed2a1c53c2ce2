// Decisions. See decisions.h.
#include "extractors/decisions.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <string_view>

#include "extractors/lexicon.h"
#include "extractors/pattern.h"

namespace papers {
namespace {

// Pattern text with the lexicon alternations put in: "{MARKER}" for decision markers, "{PASSIVE}"
// for the past participles of decisions.
std::string with_lexicons(std::string pattern) {
  const auto put = [&](const std::string& key, const std::string& lexicon_name) {
    for (std::size_t at; (at = pattern.find(key)) != std::string::npos;) pattern.replace(at, key.size(), lexicon_alternation(lexicon_name));
  };
  put("{MARKER}", "decision_markers");
  put("{PASSIVE}", "decision_passives");
  put("{BODY}", "body_kinds");
  return pattern;
}

struct Patterns {
  // "RESOLVED that the minutes be approved.", "Resolved: to accept the quote", "AGREED - that ...",
  // "RESOLVED unanimously that ...": a marker opening the paragraph; group 1 is the decision.
  // "And Resolved: \"That, pursuant to ...": a further resolution, its words quoted.
  Pattern opens{with_lexicons(R"re((?i)^(?:and\s+)?{MARKER}\b(?:\s+(?:unanimously|accordingly|further|also))?\s*(?:[:.,;–—-]+\s*)?["“]?(?:that\b\s*[:,]?\s*)?(.*)$)re").c_str()};
  // "The Sub-Committee RESOLVED that ...", "The Board resolved to approve ...", "Cabinet RESOLVED:"
  // -- a body in capitals, then the marker (lower-case "agreed" after a subject is reported speech).
  Pattern body_resolved{R"re(^(?:The\s+)?[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|and|of|for))*?\s+(?:(?:unanimously|therefore|accordingly|then)\s+)?(?:RESOLVED|resolved|AGREED|DECIDED|decided)\b\s*(?:[:,–—-]+\s*)?(?:that\b\s*[:,]?\s*)?(.*)$)re"};
  // "It was resolved that ...", "it was unanimously agreed to ...", "It was also RESOLVED:": group 1
  // is the words up to where the decision starts.
  Pattern it_was{with_lexicons(R"re((?i)(\bit\s+was\s+(?:(?:also|further|then|therefore|unanimously|duly|subsequently|finally)\s+)*{MARKER}\b(?:\s+(?:unanimously|by\s+all(?:\s+present)?|by\s+(?:the\s+)?(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})|nem\.?\s*con\.?))?\s*(?:[:,–—-]+\s*)?(?:that\b\s*)?))re").c_str()};
  // In minutes, a sentence or clause whose subject is the body or its members: "The Board agreed
  // with this approach.", "The Board discussed and agreed some minor changes ...", "Members agreed
  // that ...", "The Board have agreed the employment of ...", "Following discussion the Board
  // agreed that ...", "... and the Board agreed to proceed with ..."; group 1 is the words up to
  // where the decision starts.
  Pattern body_agreed{with_lexicons(R"re((?i)((?:^|[.!?]\s+|^[*•·-]\s+|,?\s+and\s+|(?:^|[.!?]\s+)(?:following|after)\s+(?:a\s+|some\s+|further\s+|the\s+)?discussions?,?\s+)(?:The\s+)?(?:(?-i:[A-Z][\w'&-]*)\s+){0,3}(?:{BODY}|members|councillors|trustees|directors|governors)\s+(?:(?:also|then|therefore|unanimously|formally|discussed\s+and|considered\s+and|noted\s+and|have|has|had)\s+)*(?:agreed|decided|resolved)\b\s*(?:[:,–—-]+\s*)?(?:that\b\s*[:,]?\s*)?))re").c_str()};
  // A US or Canadian resolution's formula: "NOW, THEREFORE, BE IT RESOLVED that ...", "BE IT FURTHER
  // RESOLVED by the City Council of Rivergrove that ..."; group 1 is the words up to the decision.
  Pattern be_it_resolved{R"re((?i)((?:\bnow,?\s+)?(?:\btherefore,?\s+)?\bbe\s+it\s+(?:(?:further|also|finally)\s+)?(?:resolved|ordained)\b(?:\s+(?:by|that)\s+(?:the\s+)?[A-Z][^,;:.]{0,120}?\s+(?:that\b|as\s+follows\s*:))?\s*(?:[:,]\s*)?(?:that\b\s*[:,]?\s*)?))re"};
  // "The minutes ... were approved and signed.", "this application has been accepted by the Board"
  // "... were checked for accuracy and content, agreed as a true record": the participle may follow
  // another in the same clause. "All were in agreement for the additional £25 to be paid": a
  // meeting's consensus, recorded so.
  Pattern passive{with_lexicons(R"re((?i)\b(?:(?:was|were|(?:has|have)\s+been)\s+(?:(?:duly|unanimously|formally|then|also|all|subsequently)\s+)*(?:[a-z]+ed\s+(?:[a-z]+,?\s+){0,5}?)?{PASSIVE}|(?:was|were)\s+(?:all\s+)?in\s+(?:full\s+)?agreement)\b)re").c_str()};
  // "Moved by: Cllr X", "Seconded by Y", "Proposed by ..." -- a motion's mover
  Pattern moved{R"re((?i)^(?:moved|seconded|proposed)(?:\s+by)?\b)re"};
  // "That Council approves the agenda as presented." -- a motion's words; quoted as it was put,
  // "\u201cThat, Councillor Michael Collins be appointed Cathaoirleach ...\u201d" (group 1: the words
  // after "That"; where a quoted one ends, the caller cuts)
  Pattern that_motion{R"re(^(?:["\x{201C}]\s*)?(?:That|THAT)\b,?\s+(.+)$)re"};
  // "R2023-169 D. Yemm, T. Butler:", "Resolution No. 2024-189", "Motion 23/45": a resolution's number
  // (A heading may run into it: "Items from Correspondence: R2026-65 S. Kirkey, J. Scott:".)
  Pattern resolution_number{R"re(^(?:[A-Z][^:]{0,50}:\s+)?(?:(?i:resolution|motion)\s+(?:(?i:no)\.?\s*)?)?([A-Z]{0,2}\d{2,4}[-/]\d{1,4})\b)re"};
  // "Carried", "CARRIED.", "Carried unanimously", "Motion carried" -- a motion's end
  Pattern carried{R"re((?i)^(?:motion\s+)?carried\b.{0,20}$)re"};
  // "... be approved. Carried." / "... CARRIED" at a paragraph's end
  Pattern trailing_carried{R"re((?i)\s*(?:motion\s+)?carried(?:\s+unanimously)?\.?\s*$)re"};
  // "(a) Note the forecast ...", "A) Adopt ...", "1. Endorses ...", "i) ..." -- an item of a list
  Pattern item{R"re(^(?:\(?([a-zA-Z]|\d{1,2}|[ivx]{1,5})[).]|[•·▪‣◦-])\s+(.+)$)re"};
  // Minutes proper (a meeting's record), where passive sentences are decisions.
  Pattern minutes_proper{R"re((?i)\b(?:minutes|notes\s+(?:of|from)\s+(?:the\s+)?(?:\w+\s+){0,3}meeting)\b)re"};
  // Heading or first lines of minutes, records of decision and notices of determination.
  Pattern minutes{R"re((?i)\b(?:minutes|notes\s+(?:of|from)\s+(?:the\s+)?(?:\w+\s+){0,3}meeting|record\s+of\s+(?:the\s+)?decisions?|decision\s+notice|notice\s+of\s+(?:determination|decision)|appeal\s+decision|resolution|ordinance)\b)re"};
};

// Longer than this, a "paragraph" is a text dump's run-on block, not a minute: no passive
// sentences are looked for in it.
constexpr std::size_t kLongestParagraph = 20000;

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

// One paragraph or header line, in reading order.
struct Block {
  std::string_view text;
  Span span;
  std::optional<std::string> number;          // the paragraph's own number or letter
  const std::optional<std::string>* section;  // its section's number
};

// The text of a decision as it may be shown: a right-hand column after a layout gap (minutes'
// action owners, "\tAM", "\tAll", "\t(DB)") cut off, other tabs made spaces, trailing "Carried" and
// space removed.
std::string cleaned(std::string_view text) {
  std::string out(text);
  if (const std::size_t tab = out.find('\t'); tab != std::string::npos && out.size() - tab <= 40) out.resize(tab);
  for (char& c : out)
    if (c == '\t') c = ' ';
  // "the City of _RIVERGROVE": a form's blank, filled in; the rule under the words is no part of them.
  static const Pattern kFormBlank(R"re((^|\s)_+(\w))re");
  RE2::GlobalReplace(&out, kFormBlank, "\\1\\2");
  if (const Patterns& p = patterns(); RE2::PartialMatch(out, p.trailing_carried)) RE2::Replace(&out, p.trailing_carried, "");
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::size_t b = 0;
  while (b < out.size() && out[b] == ' ') ++b;
  return out.substr(b);
}

// The end of the sentence that starts at from: the first ". ", "! " or "? " after it whose next
// word starts with a capital (not "Mr. Smith" or "5.30 pm") or is a list item's number ("... the
// plan. 3. The Support ..."), or the end of text.
std::size_t sentence_end(std::string_view text, std::size_t from) {
  static const std::set<std::string_view> abbreviations = {"Mr", "Mrs", "Ms", "Dr", "Cllr", "No", "St", "Prof", "Rev", "Co"};
  const auto item_number = [&](std::size_t k) {
    std::size_t d = k;
    while (d < text.size() && d < k + 2 && std::isdigit(static_cast<unsigned char>(text[d]))) ++d;
    return d > k && d + 1 < text.size() && (text[d] == '.' || text[d] == ')') && text[d + 1] == ' ';
  };
  for (std::size_t i = from; i + 2 < text.size(); ++i) {
    const char c = text[i];
    if ((c != '.' && c != '!' && c != '?') || text[i + 1] != ' ') continue;
    if (!std::isupper(static_cast<unsigned char>(text[i + 2])) && !item_number(i + 2)) continue;
    std::size_t w = i;
    while (w > from && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
    if (abbreviations.count(text.substr(w, i - w))) continue;
    return i + 1;
  }
  return text.size();
}

// Where the sentence holding offset at begins.
std::size_t sentence_start(std::string_view text, std::size_t at) {
  std::size_t start = 0;
  for (std::size_t s = 0; s < at;) {
    const std::size_t e = sentence_end(text, s);
    if (e >= at || e >= text.size()) break;
    s = e;
    while (s < text.size() && text[s] == ' ') ++s;
    start = s;
  }
  return start;
}

// "That the revenue budget be approved." -> "the revenue budget be approved."
std::string without_that(std::string s) {
  if (s.size() > 5 && (s.compare(0, 5, "That ") == 0 || s.compare(0, 5, "THAT ") == 0 || s.compare(0, 5, "that ") == 0)) s.erase(0, 5);
  return s;
}

// Whether label comes next after previous in one list: "b" after "a" (any case), "2" after "1",
// "ii" after "i".
bool follows(const std::string& previous, const std::string& label) {
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string a = lower(previous), b = lower(label);
  static const std::vector<std::string> roman = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
  for (std::size_t r = 0; r + 1 < roman.size(); ++r)
    if (a == roman[r] && b == roman[r + 1]) return true;
  if (a.size() == 1 && b.size() == 1 && std::isalpha(static_cast<unsigned char>(a[0]))) return b[0] == a[0] + 1;
  if (!a.empty() && !b.empty() && std::all_of(a.begin(), a.end(), ::isdigit) && std::all_of(b.begin(), b.end(), ::isdigit))
    return std::stoi(b) == std::stoi(a) + 1;
  return false;
}

bool opens_with_lower(std::string_view s) { return !s.empty() && std::islower(static_cast<unsigned char>(s.front())); }

}  // namespace

bool names_itself_minutes(const Segments& segments) {
  for (std::size_t i = 0; i < segments.lines.size() && i < 6; ++i)
    if (RE2::PartialMatch(segments.lines[i].text, patterns().minutes_proper)) return true;
  return false;
}

std::optional<std::string> decision_from_resolution(const std::string& text) {
  const Patterns& p = patterns();
  std::string rest;
  if (!(p.opens.may_match(text) && RE2::FullMatch(text, p.opens, &rest)) &&
      !(p.body_resolved.may_match(text) && RE2::FullMatch(text, p.body_resolved, &rest)))
    return std::nullopt;
  std::string label, item;
  if (RE2::FullMatch(rest, p.item, &label, &item)) rest = item;
  rest = cleaned(without_that(rest));
  if (rest.empty()) return std::nullopt;
  return rest;
}

std::vector<Decision> extract_decisions(const Segments& segments) {
  const Patterns& p = patterns();
  const NormalisedText& t = segments.text;
  static const std::optional<std::string> kNone;

  std::vector<Block> blocks;
  for (const HeaderField& f : segments.header)
    if (f.key.empty()) blocks.push_back({f.value, f.value_span, std::nullopt, &kNone});
  for (const Section& s : segments.sections) {
    // A heading can be a decision's lead-in ("3. RESOLVED that Cabinet agree to:" read as a
    // heading over its lettered items).
    if (!s.heading.empty()) blocks.push_back({s.heading, s.span, std::nullopt, &s.number});
    for (const Paragraph& para : s.paragraphs) blocks.push_back({para.text, para.span, para.number, &s.number});
  }

  // Minutes (and records of decision, resolutions, ordinances, decision notices): named so in the
  // first lines of the paper. Passive sentences ("The minutes ... were approved") are decisions in
  // minutes proper only: an appeal decision's "The Local Plan was adopted in 2015" is history.
  bool minutes = false, meeting_minutes = false;
  for (std::size_t i = 0; i < segments.lines.size() && i < 6; ++i) {
    minutes = minutes || RE2::PartialMatch(segments.lines[i].text, p.minutes);
    meeting_minutes = meeting_minutes || RE2::PartialMatch(segments.lines[i].text, p.minutes_proper);
  }
  // "RESOLUTION NO. 72", "ORDINANCE # 57-93" heading the page under a filing stamp, a return
  // address or an OCR'd letterhead: a numbered instrument, whatever stands above it.
  static const Pattern kNumberedInstrument(R"re((?i)^\s*(?:resolution|ordinance)[.,]?\s*(?:no\b\.?|number\b|#)\s*\S)re");
  for (std::size_t i = 0; i < segments.lines.size() && i < 20 && !minutes; ++i)
    minutes = RE2::PartialMatch(segments.lines[i].text, kNumberedInstrument) && segments.text.page_of(segments.lines[i].span.begin) == 1;

  std::vector<Decision> out;
  std::set<std::size_t> taken;  // span begins already decided, so that two rules never add one twice
  // A decision's number: its paragraph's own ("2.2 RESOLVED - that ..."), else its minute's.
  const auto number_of = [](const Block& b) -> std::optional<std::string> {
    if (b.number) return b.number;
    return *b.section;
  };
  // label: a listed item's own letter or number, which is its number.
  std::set<std::string> said;  // decisions' words already taken: the same words twice are one decision
  auto add = [&](const Block& b, std::size_t begin, std::string text, std::optional<std::string> label = std::nullopt) {
    text = cleaned(text);
    if (text.size() < 4) return;
    // "Accordingly, the following resolution was adopted by the same voting:", "... agreed to the
    // following amendment (as set out ...):": words that lead in to a resolution, which is the
    // decision, set out after them.
    static const Pattern kLeadIn(R"re((?i)\bthe\s+following\s+(?:resolutions?|motions?|amendments?)\b.*:$)re");
    if (RE2::PartialMatch(text, kLeadIn)) return;
    const std::size_t at = b.span.begin + begin;
    if (!taken.insert(at).second || !said.insert(text).second) return;
    out.push_back(Decision{label ? label : number_of(b), std::move(text), Provenance{t.page_of(at), Span{at, b.span.end}}});
  };
  // The decision's words from offset `from` of block i to its sentence's end; a sentence that runs
  // on into the next block (a line the segmenter did not join: "... it was resolved" / "to ask ...")
  // takes that block's words too.
  auto sentence_from = [&](std::size_t i, std::size_t from, bool whole_paragraph) {
    const Block& b = blocks[i];
    const std::size_t end = whole_paragraph ? b.text.size() : sentence_end(b.text, from);
    std::string text(b.text.substr(from, end - from));
    const std::string trimmed = cleaned(text);
    const bool open = trimmed.empty() || (trimmed.back() != '.' && trimmed.back() != '!' && trimmed.back() != '?' && trimmed.back() != ':');
    if (open && end == b.text.size() && i + 1 < blocks.size() && !blocks[i + 1].number && opens_with_lower(blocks[i + 1].text)) {
      const Block& next = blocks[i + 1];
      text = trimmed + " " + std::string(next.text.substr(0, sentence_end(next.text, 0)));
    }
    return text;
  };

  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    const std::string text(b.text);
    std::string rest;
    // "RESOLVED that ...", "The Board RESOLVED to ..."
    if ((p.opens.may_match(text) && RE2::FullMatch(text, p.opens, &rest)) ||
        (p.body_resolved.may_match(text) && RE2::FullMatch(text, p.body_resolved, &rest))) {
      // A resolution quoted ("And Resolved: \"That, ... refers.\" This concluded the Meeting.") ends
      // at its closing quote.
      const std::string before = text.substr(0, text.size() - rest.size());
      const bool quoted = before.find('"') != std::string::npos || before.find("\u201c") != std::string::npos;
      const auto unquoted = [&](std::string words) {
        if (!quoted) return words;
        std::size_t close = words.find('"');
        if (const std::size_t curly = words.find("\u201d"); curly < close) close = curly;
        if (close != std::string::npos && close > 0) words.resize(close);
        return words;
      };
      const std::string body = cleaned(rest);
      std::string label, first;
      const bool first_item = RE2::FullMatch(body, p.item, &label, &first);  // "RESOLVED: (a) That ..."
      if (first_item) add(b, text.size() - first.size(), without_that(first), label);
      if (first_item || body.empty() || body.back() == ':') {
        // "RESOLVED that the County Council:" -- the items listed under it.
        std::size_t k = i + 1;
        std::optional<std::string> previous = first_item ? std::optional<std::string>(label) : std::nullopt;
        for (; k < blocks.size(); ++k) {
          std::string item;
          // Items go on while their labels go on: "a", "b", "c" or "1", "2" -- not "89." after "f)".
          const std::optional<std::string>& number = blocks[k].number;
          if (number && previous && !follows(*previous, *number)) break;
          if (number) previous = number;
          if (number && blocks[k].section == b.section) {
            add(blocks[k], 0, without_that(std::string(blocks[k].text)));
          } else if (RE2::FullMatch(std::string(blocks[k].text), p.item, &label, &item)) {
            add(blocks[k], blocks[k].text.size() - item.size(), without_that(item), label.empty() ? std::nullopt : std::optional<std::string>(label));
          } else {
            break;
          }
        }
        // "BE IT RESOLVED, that the City ... provides the following services:" over lines with no
        // mark ("Police protection;" / "Storm sewers; and" / "Planning ... control."): the list
        // closes the decision's sentence, and is part of it.
        if (k == i + 1 && !first_item && !body.empty()) {
          static const Pattern kListLine(R"re(^[^.;:]{2,120}(?:;(?:\s+(?:and|or))?|,(?:\s+(?:and|or))?)$)re");
          static const Pattern kLastLine(R"re(^[^.;:]{2,120}\.$)re");
          std::string words = body;
          std::size_t m = i + 1;
          for (; m < blocks.size() && m <= i + 12 && !blocks[m].number; ++m) {
            const std::string line = cleaned(blocks[m].text);
            if (RE2::FullMatch(line, kLastLine)) {
              words += " " + line;
              break;
            }
            if (!RE2::FullMatch(line, kListLine)) break;
            words += " " + line;
          }
          if (m > i + 1 && m < blocks.size() && m <= i + 12 && !blocks[m].number && RE2::FullMatch(cleaned(blocks[m].text), kLastLine)) {
            add(b, text.size() - rest.size(), words);
            i = m;
            continue;
          }
        }
        i = k - 1;
        continue;
      }
      add(b, text.size() - rest.size(), unquoted(sentence_from(i, text.size() - rest.size(), true)));
      continue;
    }
    // A motion with its mover and seconder set under it, then its end: "... motion that the
    // Accounts 2012/13 be accepted:" / "Proposed: Sylvia Knights" / "Seconded: Lynne Walker" /
    // "Carried unanimously.": the motion's last sentence is decided (its "motion that" goes).
    if (minutes && i + 2 < blocks.size() && !RE2::PartialMatch(text, p.moved) && text.size() <= kLongestParagraph &&
        RE2::PartialMatch(std::string(blocks[i + 1].text), p.moved)) {
      std::size_t k = i + 1;
      while (k < blocks.size() && k <= i + 3 && RE2::PartialMatch(std::string(blocks[k].text), p.moved)) ++k;
      if (k < blocks.size() && RE2::FullMatch(std::string(blocks[k].text), p.carried)) {
        std::string trimmed = text;
        while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == ':')) trimmed.pop_back();
        std::size_t from = sentence_start(trimmed, trimmed.empty() ? 0 : trimmed.size() - 1);
        static const Pattern kMotionThat(R"re((?i)(?:^|[,;]\s*)motion\s+that\s+)re");
        re2::StringPiece rest(trimmed.data() + from, trimmed.size() - from);
        if (RE2::FindAndConsume(&rest, kMotionThat)) from = rest.data() - trimmed.data();
        add(b, from, trimmed.substr(from));
        i = k;
        continue;
      }
    }
    // "That Council approves ..." under "Moved by ... Seconded by ...", or any motion "That ..."
    // recorded as carried ("R2023-169 D. Yemm, T. Butler:" / "That the minutes ... be adopted.
    // Carried."); its number is the resolution's on the line before.
    {
      const bool that = RE2::FullMatch(text, p.that_motion, &rest);
      const bool moved = i > 0 && RE2::PartialMatch(std::string(blocks[i - 1].text), p.moved);
      const bool carried = RE2::PartialMatch(text, p.trailing_carried) ||
                           (i + 1 < blocks.size() && RE2::FullMatch(std::string(blocks[i + 1].text), p.carried));
      std::string resolution;
      const bool numbered = i > 0 && blocks[i - 1].text.size() <= 80 &&
                            RE2::PartialMatch(std::string(blocks[i - 1].text), p.resolution_number, &resolution);
      // A motion under its number runs to its "Carried", over the paragraphs it was set in:
      // "R2026-66 S. Foote, J. Scott:" / "WHEREAS ...;" / "NOW THEREFORE ...;" / "AND THAT ...
      // Carried.", "THAT we pass By-Law No. 2026-12 ..." / "Read the first ... time. Carried."
      if (numbered && minutes && !carried && !RE2::PartialMatch(text, p.moved)) {
        std::size_t k = i + 1;
        std::string ignored;
        for (; k < blocks.size() && k < i + 12; ++k) {
          const std::string next(blocks[k].text);
          if ((next.size() <= 80 && RE2::PartialMatch(next, p.resolution_number, &ignored)) || RE2::FullMatch(next, p.carried)) break;
          if (RE2::PartialMatch(next, p.trailing_carried)) break;
        }
        if (k < blocks.size() && k < i + 12 && RE2::PartialMatch(std::string(blocks[k].text), p.trailing_carried) &&
            !RE2::FullMatch(std::string(blocks[k].text), p.carried)) {
          // (The words as printed, list letters and all: "... subject matter: (e) litigation ...".)
          std::string words = t.text.substr(b.span.begin, blocks[k].span.end - b.span.begin);
          for (char& c : words)
            if (c == '\n') c = ' ';
          const Block whole{b.text, Span{b.span.begin, blocks[k].span.end}, b.number, b.section};
          add(whole, 0, that ? without_that(words) : words, resolution);
          i = k;
          continue;
        }
      }
      // "WHEREAS ... NOW THEREFORE ... Carried." under a resolution's number: the whole resolution.
      if ((that && (moved || (carried && minutes))) || (!that && numbered && carried && minutes)) {
        const std::optional<std::string> label = numbered ? std::optional<std::string>(resolution) : std::nullopt;
        if (that) {
          // A motion quoted as it was put ends at its closing quote, though the paragraph goes on
          // ("... to Dáil Éireann." As there were no other nominations, ...").
          const std::size_t begin = text.size() - rest.size();
          // (Double quotes only: a single one is as often an apostrophe, "O'Donoghue".)
          if (text[0] == '"' || text.rfind("\u201c", 0) == 0) {
            const std::size_t close = std::min(rest.find('"'), rest.find("\u201d"));
            if (close != std::string::npos && close > 0) rest.resize(close);
          }
          add(b, begin, rest, label);
        }
        else add(b, 0, text, label);
        continue;
      }
    }
    // "It was resolved that ..." sentences, anywhere in the paragraph.
    // Each runs to its sentence's end, or to where the next one starts ("... to the wood It was
    // also resolved to ..." where a full stop was never printed).
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (where "It was" starts, where the decision starts)
    re2::StringPiece input(text), whole;
    const bool may_say_it_was = p.it_was.may_match(text);
    while (may_say_it_was && RE2::FindAndConsume(&input, p.it_was, &whole))
      found.emplace_back(static_cast<std::size_t>(whole.data() - text.data()), static_cast<std::size_t>(input.data() - text.data()));
    if (minutes) {
      re2::StringPiece formula(text);
      // "WHEREAS ... NOW THEREFORE BE IT RESOLVED THAT ...": the resolution whole, recitals and all.
      static const Pattern kWhereas(R"re((?i)^whereas\b)re");
      if (RE2::PartialMatch(text, kWhereas) && RE2::PartialMatch(text, p.be_it_resolved) && found.empty()) {
        add(b, 0, text);
        continue;
      }
      const std::size_t said_before = found.size();
      while (RE2::FindAndConsume(&formula, p.be_it_resolved, &whole))
        found.emplace_back(static_cast<std::size_t>(whole.data() - text.data()), static_cast<std::size_t>(formula.data() - text.data()));
      const bool formula_alone = said_before == 0 && found.size() == 1 && cleaned(text.substr(found[0].second)).size() < 4;
      std::sort(found.begin(), found.end());
      // "NOW THEREFORE, BE IT RESOLVED" alone, its points numbered below: each point is decided.
      if (formula_alone) {
        std::size_t k = i + 1;
        std::optional<std::string> previous;
        for (; k < blocks.size() && blocks[k].number; ++k) {
          if (previous && !follows(*previous, *blocks[k].number)) break;
          previous = blocks[k].number;
          add(blocks[k], 0, std::string(blocks[k].text));
        }
        if (k > i + 1) {
          i = k - 1;
          continue;
        }
      }
      // "The attached Mechanism ... is hereby adopted.", "The Planning Commission hereby interprets
      // Section 5.080 ...": what a resolution or ordinance does "hereby" is decided.
      static const Pattern kHereby(R"re((?i)\bhereby\s+(?:[a-z]+ed|interprets|certifies|adopts|approves|amends|repeals|declares|orders|ordains|resolves|establishes|authori[sz]es|designates|appoints|grants)\b)re");
      static const Pattern kNotice(R"re((?i)\b(?:notice\s+is\s+hereby|hereby\s+(?:summoned|given|requested|invited|notified)))re");
      re2::StringPiece scan(text);
      // (Paragraphs of a sane length only, as for passives below.)
      while (found.empty() && text.size() <= kLongestParagraph && RE2::FindAndConsume(&scan, kHereby)) {
        const std::size_t at = static_cast<std::size_t>(scan.data() - text.data());
        const std::size_t from = sentence_start(text, at);
        const std::string sentence = sentence_from(i, from, false);
        if (!RE2::PartialMatch(sentence, kNotice)) add(b, from, sentence);
        scan = re2::StringPiece(text.data() + sentence_end(text, at), text.size() - sentence_end(text, at));
      }
    }
    for (std::size_t k = 0; k < found.size(); ++k) {
      std::string words = sentence_from(i, found[k].second, false);
      if (k + 1 < found.size() && found[k + 1].first < found[k].second + words.size())
        words.resize(found[k + 1].first - found[k].second);
      add(b, found[k].second, words);
    }
    // (Paragraphs of a sane length only: finding each sentence's start is linear in the paragraph.)
    if (!minutes || text.size() > kLongestParagraph) continue;
    // In minutes: "The Board agreed that ..." (a sentence not taken above).
    {
      re2::StringPiece scan(text), whole;
      const bool may_say_agreed = p.body_agreed.may_match(text);
      while (may_say_agreed && RE2::FindAndConsume(&scan, p.body_agreed, &whole)) {
        const std::size_t from = static_cast<std::size_t>(scan.data() - text.data());
        const std::size_t begins = static_cast<std::size_t>(whole.data() - text.data());
        if (std::any_of(found.begin(), found.end(), [&](const auto& f) { return begins >= f.first && begins <= sentence_end(text, f.second); }))
          continue;
        // A block that goes on from the one before ("At that meeting," / "Members agreed to ...",
        // another meeting's news) opens no sentence of its own.
        const bool bullet = !whole.empty() && (whole[0] == '*' || whole[0] == '-' || static_cast<unsigned char>(whole[0]) >= 0x80);
        if (begins == 0 && i > 0 && !blocks[i - 1].text.empty() && !b.number && !bullet) {
          const std::string_view before = blocks[i - 1].text;
          const char last = before.back();
          // (A heading above, "Decisions", ends in a letter too: only a sentence's words go on.)
          if (last == ',' || last == ';' || (std::islower(static_cast<unsigned char>(last)) && before.size() > 60)) continue;
        }
        found.emplace_back(begins, from);
        add(b, from, sentence_from(i, from, false));
      }
    }
    // In minutes: "The minutes ... were approved and signed." (not inside a sentence taken above)
    if (!meeting_minutes) continue;
    re2::StringPiece scan(text);
    while (RE2::FindAndConsume(&scan, p.passive)) {
      const std::size_t at = static_cast<std::size_t>(scan.data() - text.data());
      if (std::any_of(found.begin(), found.end(), [&](const auto& f) { return at >= f.first && at <= sentence_end(text, f.second); }))
        continue;
      std::size_t from = sentence_start(text, at);
      // "... once it has been decided where our priorities lie", "if it is agreed": a condition,
      // not a decision.
      static const Pattern kCondition(R"re((?i)\b(?:once|until|unless|if|whether|before)\s+(?:[\w'-]+\s+){0,3}(?:was|were|has|have)\b[^.;]*$)re");
      if (RE2::PartialMatch(re2::StringPiece(text.data() + from, at - from), kCondition)) {
        scan = re2::StringPiece(text.data() + sentence_end(text, at), text.size() - sentence_end(text, at));
        continue;
      }
      // "To receive the minutes of the last meeting The minutes of ... were approved": an agenda
      // item's words run into the minute by a lost line break; the minute starts at its own capital.
      static const Pattern kItemRunIn(R"re(^(?i:to)\s+[a-z]+\b[^.]*?[a-z]\s+((?:The|It|All|An?)\s))re");
      re2::StringPiece run_in;
      if (RE2::PartialMatch(re2::StringPiece(text.data() + from, at - from), kItemRunIn, &run_in))
        from = static_cast<std::size_t>(run_in.data() - text.data());
      // "Finance - The following accounts were approved": the item's heading before a dash is not
      // the decision's.
      static const Pattern kHeadingDash(R"re(^((?:[A-Z][\w&'-]*\s+){0,3}[A-Z][\w&'-]*\s+[-–—]\s+)[A-Z])re");
      re2::StringPiece heading;
      if (RE2::PartialMatch(re2::StringPiece(text.data() + from, text.size() - from), kHeadingDash, &heading)) from += heading.size();
      std::string sentence = sentence_from(i, from, false);
      // "The minutes were agreed for accuracy subject to the following changes: Item 4 - ...": a
      // decision that leads in to a list ends at its colon (the list's items, run on, are its matter).
      static const Pattern kLeadIn(R"re((?i)^(.*?\b(?:the\s+following(?:\s+[\w-]+){0,3}|as\s+follows)\s*:)\s+\S)re");
      if (std::string lead; RE2::PartialMatch(sentence, kLeadIn, &lead)) sentence = lead;
      add(b, from, sentence);
      scan = re2::StringPiece(text.data() + sentence_end(text, at), text.size() - sentence_end(text, at));
    }
  }
  // A decision paper's section headed "Decision": "The appeal is dismissed.", "The appeal is
  // allowed and planning permission is granted ...", "The application is refused." -- what is
  // dismissed, allowed, granted or refused there is decided, marker or none.
  if (minutes) {
    static const Pattern kDecisionHeading(R"re((?i)^(?:the\s+)?(?:formal\s+)?(?:decisions?|determination)\s*:?$)re");
    static const Pattern kDisposed(R"re((?i)^(?:the|this)\s+[\w -]{3,40}?\s+(?:is|are)\s+(?:hereby\s+)?(?:dismissed|allowed|granted|refused|upheld|quashed|withdrawn)\b)re");
    for (const Section& sec : segments.sections) {
      if (!RE2::FullMatch(sec.heading, kDecisionHeading)) continue;
      for (const Paragraph& para : sec.paragraphs) {
        const std::string words = cleaned(para.text);
        if (!RE2::PartialMatch(words, kDisposed)) break;
        const Block b{para.text, para.span, para.number, &sec.number};
        add(b, 0, words);
      }
    }
  }
  return out;
}

std::optional<TextField> body_of_decisions(const std::vector<Decision>& decisions) {
  // "Council changes", "the Board approves", "Cabinet hereby adopts"
  static const Pattern kSubject(with_lexicons(R"re(^(?i:the\s+)?((?i:{BODY}))\s+(?:hereby\s+)?(?-i:[a-z]+s)\b)re"));
  const auto lower_ascii = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::optional<TextField> out;
  for (const Decision& d : decisions) {
    std::string body;
    if (!RE2::PartialMatch(d.text, kSubject, &body) || !std::isupper(static_cast<unsigned char>(body[0]))) continue;
    if (out && lower_ascii(out->value) != lower_ascii(body)) return std::nullopt;
    if (!out) {
      const std::size_t at = d.text.find(body);
      out = TextField{body, Provenance{d.at.page, Span{d.at.span.begin + at, d.at.span.begin + at + body.size()}}};
    }
  }
  return out;
}

}  // namespace papers
