// Recommendations. See recommendations.h.
#include "extractors/recommendations.h"

#include <re2/re2.h>

#include "extractors/header_fields.h"
#include "extractors/lexicon.h"
#include "extractors/pattern.h"

#include <algorithm>
#include <iterator>
#include <cctype>
#include <cstring>
#include <set>
#include <utility>

namespace papers {
namespace {

struct Patterns {
  // "Recommendation", "RECOMMENDATIONS", "Recommendation(s)", "The Recommendations", "Recommendations to Cabinet"
  Pattern heading{R"re((?i)^(?:the\s+)?recommendations?(?:\(s\))?(?:\s+(?:to|for)\b.*)?:?$)re"};
  // "Recommendation(s)" header keys
  Pattern key{R"re((?i)^recommendations?(?:\(s\))?$)re"};
  // "It is recommended that the Committee approves ..." -- the sentence, to its full stop (not the
  // point of "231.78 pounds")
  Pattern it_is_recommended{R"re((?i)\b(it\s+is\s+(?:therefore\s+)?recommended\s+that\b(?:[^.]|\.\d)*(?:\.|$)))re"};
  // "1) NOTE the outcome", "(a) approve", "a. approve", "ii. approve", "A) the Commissioning Plan" -- a list item
  // in the header
  Pattern list_item{R"re(^(\(?[a-zA-Z]\)|[a-zA-Z]\.|\(?\d{1,2}\)|\(?[ivx]{1,5}\)|[ivx]{2,5}\.)\s+(.+)$)re"};
  // "Decision: Cabinet agree to:", "Proposed decision: The Cabinet Member is asked to:" -- a record
  // of decision's lead-in; the items below it are what the decision maker is asked to decide
  Pattern decision_lead_in{R"re((?i)^(?:proposed\s+)?decision\s*:\s*(.*:)$)re"};
  // "Cabinet is asked to", "The Committee is recommended to", "THE BOARD IS INVITED TO": who is asked
  Pattern asked{R"re((?i)^(?:that\s+)?(?:the\s+)?(\w[\w&'() -]{0,60}?)\s+(?:is|are)\s+(?:(?:therefore|hereby|now|also|further)\s+)?(?:asked|recommended|requested|invited|advised)\s+to\b)re"};
  // "That Cabinet:", "It is recommended that Members:" -- a lead-in naming the body alone
  Pattern that_body{R"re((?i)\bthat\s+(?:the\s+)?(\w[\w&' -]{0,60}?)\s*:$)re"};
  // "that " -- where a clause naming the body and its verb may start
  Pattern that{R"re((?i)\bthat\s+)re"};
  // "... is asked to agree the Plan", "... recommended to: ", "Cabinet agree to:": the verb after "to"
  Pattern verb_after_to{R"re((?i)\b(?:asked|recommended|requested|invited|advised)\s+to\s+(\w+))re"};
  Pattern verb_before_to{R"re((?i)\b(\w+)\s+to\s*:$)re"};
  // "... be approved", "be recommended to Cabinet", "BE SET AT": a passive resolution's verb
  Pattern passive{R"re((?i)\bbe\s+(\w+)\b)re"};
  // "RECOMMENDATION: THAT THE SUB-COMMITTEE APPROVES ...": a paragraph labelled as one
  Pattern labelled{R"re((?i)^recommendations?\s*:\s*(.{8,})$)re"};
  // "Decision", "Proposed decision" header keys (with a lead-in ending in ':' as the value)
  Pattern decision_key{R"re((?i)^(?:proposed\s+)?decision$)re"};
  // "The Council is recommended to reduce the rent ...": a paragraph that opens by saying who is
  // recommended to do what (present tense: "was recommended to" reports another body's advice)
  Pattern opens_recommended{R"re((?i)^(?:that\s+)?(?:the\s+)?\w[\w&' -]{0,60}?\s+(?:is|are)\s+(?:therefore\s+|also\s+)?recommended\s+to\b)re"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

// The form compared to find repeats: lower case, letters and digits only.
std::string fold(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

// The verbs a recommendation asks for, in their base form (lexicons/action_verbs.txt).
const std::set<std::string>& action_verbs() {
  static const std::set<std::string> verbs(lexicon("action_verbs").begin(), lexicon("action_verbs").end());
  return verbs;
}

// "approves" -> "approve", "authorised" -> "authorise", "NOTE" -> "note", "authorize" -> "authorise";
// nullopt when the word is none of the verbs.
std::optional<std::string> base_verb(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word.size() > 3 && word.compare(word.size() - 3, 3, "ize") == 0) word.replace(word.size() - 3, 3, "ise");
  if (word.size() > 4 && word.compare(word.size() - 4, 4, "ized") == 0) word.replace(word.size() - 4, 4, "ised");
  const auto& verbs = action_verbs();
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {  // approve, approves/approved, notes -> note; agreed -> agree
    if (word.size() <= cut + 2) break;
    const std::string stem = word.substr(0, word.size() - cut);
    if (verbs.count(stem)) return stem;
  }
  return std::nullopt;
}

std::string first_word(const std::string& s) {
  std::size_t b = 0;
  while (b < s.size() && !std::isalpha(static_cast<unsigned char>(s[b]))) ++b;
  std::size_t e = b;
  while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
  return s.substr(b, e - b);
}

// "the Panel supports ...", "Cabinet agree to:", "THE COUNCIL ACCEPTS": the capitalised words of
// a body, then a verb, at the start of s ("that" and "the" skipped). Both empty unless both found.
std::pair<std::optional<std::string>, std::optional<std::string>> body_then_verb(std::string_view s) {
  const bool all_caps = std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c); });
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size() && words.size() < 10) {
    while (i < s.size() && !std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t e = i;
    while (e < s.size() && (std::isalpha(static_cast<unsigned char>(s[e])) || s[e] == '-' || s[e] == '\'')) ++e;
    if (e > i) words.emplace_back(s.substr(i, e - i));
    i = e;
  }
  std::size_t w = 0;
  const auto is = [&](std::size_t k, const char* word) {
    return k < words.size() && std::equal(words[k].begin(), words[k].end(), word, word + std::strlen(word),
                                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  };
  if (is(w, "that")) ++w;
  if (is(w, "the")) ++w;
  // Words no body's name holds: the clause has gone past where a body would be.
  static const std::set<std::string> stops = {"that", "be", "is", "are", "it", "resolved", "was", "were", "will",
                                              "shall", "should", "to", "has", "have", "had"};
  std::string body;
  for (std::size_t k = w; k < words.size() && k < w + 6; ++k) {
    const std::string& word = words[k];
    std::string low = word;
    for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (stops.count(low)) break;
    if (!body.empty()) {
      if (auto verb = base_verb(word)) return {body, verb};
    }
    const bool capital = std::isupper(static_cast<unsigned char>(word[0]));
    const bool joining = !body.empty() && (word == "and" || word == "of" || word == "for");
    if (!(capital || all_caps || joining)) break;
    body += (body.empty() ? "" : " ") + word;
  }
  return {std::nullopt, std::nullopt};
}

// Fills in who is asked and the verb asked for, from the item and the lead-in it sits under
// ("Cabinet is asked to:" + "1) NOTE the outcome"). Leaves either empty when the words do not say.
void describe(Recommendation& r, const std::string& lead_in) {
  const Patterns& p = patterns();
  std::string body, verb;
  for (const std::string* source : std::initializer_list<const std::string*>{&lead_in, &r.text}) {
    if (source->empty()) continue;
    if (!r.body && (RE2::PartialMatch(*source, p.asked, &body) || RE2::PartialMatch(*source, p.that_body, &body))) r.body = body;
    if (!r.action && RE2::PartialMatch(*source, p.verb_after_to, &verb)) r.action = base_verb(verb);
  }
  // "Cabinet agree to:", "That the Committee authorises ...", "It is recommended that the Panel
  // supports ...": the body and its verb.
  for (const std::string* source : std::initializer_list<const std::string*>{&lead_in, &r.text}) {
    if (r.body && r.action) break;
    std::vector<std::string_view> starts{*source};
    re2::StringPiece input(*source);
    if (RE2::FindAndConsume(&input, p.that)) starts.emplace_back(input.data(), input.size());
    for (std::string_view start : starts) {
      auto [who, what] = body_then_verb(start);
      if (!who) continue;
      if (!r.body) r.body = who;
      if (!r.action) r.action = what;
      break;
    }
  }
  if (!r.action && RE2::PartialMatch(r.text, p.passive, &verb)) r.action = base_verb(verb);
  if (!r.action) r.action = base_verb(first_word(r.text));  // "NOTE the outcome", "approves the Scheme"
  if (!r.action && RE2::PartialMatch(lead_in, p.verb_before_to, &verb)) r.action = base_verb(verb);
  if (r.body) {
    static const std::set<std::string> not_bodies = {"it", "we", "you", "this", "resolved"};
    std::string low = *r.body;
    for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (not_bodies.count(low)) r.body.reset();
  }
}

// A list item's text split where the next labels run on in it: ("a", "To ADOPT the Plan b) To
// DELEGATE ...") -> (a, "To ADOPT the Plan"), (b, "To DELEGATE ..."), with each text's offset.
struct RunOnItem {
  std::string label, text;
  std::size_t offset;
};
std::vector<RunOnItem> run_on_items(const std::string& label, const std::string& text) {
  std::vector<RunOnItem> out{{label, text, 0}};
  if (label.size() != 1 || !std::isalnum(static_cast<unsigned char>(label[0]))) return out;
  char next = static_cast<char>(label[0] + 1);
  while (true) {
    RunOnItem& last = out.back();
    std::size_t cut = std::string::npos;
    for (const std::string& mark : {std::string(" ") + next + ") ", std::string(" (") + next + ") "}) {
      const std::size_t at = last.text.find(mark);
      if (at != std::string::npos && at < cut) cut = at;
    }
    // "...(Attachment A); B. ADOPT the Guidelines; and C. AUTHORIZE ...": a capital's stop after
    // an item's closing ";", "." or "and" (not an initial inside a name: "John B. Smith").
    if (std::isupper(static_cast<unsigned char>(next))) {
      const std::string mark = std::string(" ") + next + ". ";
      for (std::size_t at = last.text.find(mark); at != std::string::npos; at = last.text.find(mark, at + 1)) {
        const std::string before = last.text.substr(0, at);
        const bool closes = !before.empty() && (before.back() == ';' || before.back() == '.' ||
                                                (before.size() >= 4 && (before.compare(before.size() - 4, 4, " and") == 0 ||
                                                                        before.compare(before.size() - 3, 3, " or") == 0)));
        if (closes && at < cut) cut = at;
        if (closes) break;
      }
    }
    if (cut == std::string::npos) break;
    const std::size_t close = last.text.find_first_of(").", cut + 1);
    const std::size_t start = last.text.find(' ', close) + 1;
    RunOnItem item{std::string(1, next), last.text.substr(start), last.offset + start};
    last.text.resize(cut);
    out.push_back(std::move(item));
    ++next;
  }
  return out;
}

// "AUTHORIZE the Chief Executive Officer to ...", "RECEIVE AND FILE report from ...": an item that
// opens with the action asked for, in capitals (US agendas' recommended action), then plain words.
bool opens_with_capital_action(const std::string& text) {
  static const Pattern kFirst(R"re(^([A-Z]{4,})\b)re");
  std::string word;
  if (!RE2::PartialMatch(text, kFirst, &word) || !base_verb(word)) return false;
  // Plain words follow soon ("AMEND Section 6.6 (Board Travel Expenses), Board Rules and ..."); a
  // heading all in capitals ("APPROVE MINUTES OF THE LAST MEETING") is no action.
  const std::string_view rest = std::string_view(text).substr(word.size(), 80);
  return std::any_of(rest.begin(), rest.end(), [](unsigned char c) { return std::islower(c); });
}

}  // namespace

std::vector<Recommendation> extract_recommendations(const Segments& segments) {
  const Patterns& p = patterns();
  const NormalisedText& t = segments.text;
  std::vector<Recommendation> out;
  std::set<std::string> seen;
  std::string lead_in;  // the words the current list hangs from: "Cabinet is asked to:"
  auto add = [&](std::optional<std::string> number, std::string text, Span span) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    // A right-hand column after a layout gap ("... of £23.3m\tPlease refer to Section 3") is not
    // the recommendation's; any other gap is a space.
    // (Short, or a cross-reference however long: "Please refer to Section 7, 8, and Appendix 3".)
    static const Pattern kCrossReference(R"re((?i)^\s*(?:please\s+)?(?:refer\s+to|see)\b)re");
    if (const std::size_t tab = text.rfind('\t');
        tab != std::string::npos && (text.size() - tab <= 41 || RE2::PartialMatch(text.substr(tab + 1), kCrossReference)))
      text.resize(tab);
    std::replace(text.begin(), text.end(), '\t', ' ');
    // "... of the Chief Communications Officer ." : a layout gap before the stop is no space.
    static const Pattern kSpaceBeforeStop(R"re( +([.,;:])$)re");
    RE2::Replace(&text, kSpaceBeforeStop, "\\1");
    if (text.size() < 8) return;
    if (!seen.insert(fold(text)).second) return;
    Recommendation r{std::move(number), std::move(text), std::nullopt, std::nullopt, Provenance{t.page_of(span.begin), span}};
    describe(r, lead_in);
    out.push_back(std::move(r));
  };

  const bool minutes = minutes_paper(segments);
  // "CONSIDER: A. RECEIVE AND FILE report ...;" / "B. ADOPT the Guidelines; and" / "C. ...": an
  // action in capitals leads a lettered list, whose items are what is asked for. True when text
  // was taken as such a list's lead-in or item; `in_list` says whether a list is open.
  const auto action_list = [&](const std::string& text, Span span, const std::optional<std::string>& number, bool& in_list) {
    static const Pattern kActionLeadsList(R"re(^([A-Z]{4,}[^:]{0,60}):\s+\(?([A-Z1-9])[.)]\s+(.+)$)re");
    static const Pattern kListItem(R"re(^\(?([A-Z1-9])[.)]\s+(.+)$)re");
    std::string lead, label, item;
    if (RE2::FullMatch(text, kActionLeadsList, &lead, &label, &item) && base_verb(first_word(lead))) {
      lead_in = lead + ":";
      const std::size_t at = span.begin + text.rfind(item);
      for (auto& [each, words, offset] : run_on_items(label, item)) add(each, words, Span{at + offset, span.end});
      in_list = true;
      return true;
    }
    if (in_list && (number || RE2::FullMatch(text, kListItem, &label, &item))) {
      if (number) add(number, text, span);
      else add(label, item, Span{span.begin + text.rfind(item), span.end});
      return true;
    }
    if (in_list) lead_in.clear();
    in_list = false;
    return false;
  };
  // "Recommendation(s): Cabinet is asked to:" then "1) NOTE ...", "2) APPROVE ..." in the header.
  bool in_header_list = false;
  bool in_header_action_list = false;
  for (const HeaderField& f : segments.header) {
    if (!f.key.empty() && RE2::FullMatch(f.key, p.key)) {
      in_header_list = true;
      lead_in.clear();
      if (!f.value.empty() && f.value.back() != ':') add(std::nullopt, f.value, f.value_span);
      else lead_in = f.value;
      continue;
    }
    if ((f.key.empty() && RE2::FullMatch(f.value, p.decision_lead_in)) ||
        (!f.key.empty() && RE2::FullMatch(f.key, p.decision_key) && !f.value.empty() && f.value.back() == ':')) {
      in_header_list = true;
      lead_in = f.key.empty() ? f.value.substr(f.value.find(':') + 1) : f.value;
      continue;
    }
    if (!in_header_list) {
      // "AUTHORIZE the Chief Executive Officer to ...": an agenda item's action, in the header of a
      // paper without numbered sections.
      if (f.key.empty() && !minutes && action_list(f.value, f.value_span, std::nullopt, in_header_action_list)) continue;
      if (f.key.empty() && !minutes && opens_with_capital_action(f.value)) add(std::nullopt, f.value, f.value_span);
      continue;
    }
    std::string number, item;
    if (f.key.empty() && RE2::FullMatch(f.value, p.list_item, &number, &item)) {
      while (!number.empty() && (number.back() == ')' || number.back() == '.')) number.pop_back();
      if (!number.empty() && number.front() == '(') number.erase(0, 1);
      const std::size_t at = f.value.rfind(item);
      // Items run together on one line: "a) To ADOPT the Plan b) To DELEGATE authority ...".
      for (auto& [label, words, offset] : run_on_items(number, item))
        add(label, words, Span{f.span.begin + at + offset, f.span.end});
    } else if (f.key.empty() && !f.value.empty() && f.value.back() == ':') {
      lead_in = f.value;  // "Cabinet is asked to:" on its own line
    } else {
      in_header_list = false;  // the list ended
      lead_in.clear();
    }
  }
  lead_in.clear();

  for (const Section& s : segments.sections) {
    const bool recommendation_section = RE2::FullMatch(s.heading, p.heading);
    lead_in.clear();
    bool in_action_list = false;  // under "CONSIDER: A. ..."
    bool under_named_list = false;  // under "Five specific recommendations were seen as crucial:"
    for (const Paragraph& para : s.paragraphs) {
      // "Five specific recommendations were seen as particularly crucial:", "The review makes the
      // following recommendations:": a lead-in that says its list is recommendations.
      static const Pattern kNamesRecommendations(R"re((?i)^(?:[•·*-]\s*)?[^.:]{0,80}\brecommendations\b[^.:]{0,80}:$)re");
      if (!recommendation_section && kNamesRecommendations.may_match(para.text) && RE2::FullMatch(para.text, kNamesRecommendations)) {
        under_named_list = true;
        lead_in = para.text;
        continue;
      }
      if (under_named_list) {
        std::string label, item;
        if (RE2::FullMatch(para.text, p.list_item, &label, &item)) {
          while (!label.empty() && (label.back() == ')' || label.back() == '.')) label.pop_back();
          if (!label.empty() && label.front() == '(') label.erase(0, 1);
          add(label, item, Span{para.span.begin + para.text.rfind(item), para.span.end});
          continue;
        }
        if (para.number) {
          add(para.number, para.text, para.span);
          continue;
        }
        under_named_list = false;
        lead_in.clear();
      }
      if (recommendation_section) {
        if (!para.text.empty() && para.text.back() == ':') {  // the lead-in of a list
          lead_in = para.text;
          continue;
        }
        add(para.number, para.text, para.span);
        continue;
      }
      std::string item;
      if (p.opens_recommended.may_match(para.text) && RE2::PartialMatch(para.text, p.opens_recommended)) {
        add(para.number, para.text, para.span);
        continue;
      }
      if (RE2::FullMatch(para.text, p.labelled, &item)) {  // "2. RECOMMENDATION: THAT THE ..."
        const std::size_t at = para.span.begin + para.text.rfind(item);
        add(para.number, item, Span{at, para.span.end});
        continue;
      }
      if (!minutes && action_list(para.text, para.span, para.number, in_action_list)) continue;
      if (!minutes && opens_with_capital_action(para.text)) {  // "AUTHORIZE the Chief Executive Officer to ..."
        add(para.number, para.text, para.span);
        continue;
      }
      re2::StringPiece input(para.text), sentence;
      while (RE2::FindAndConsume(&input, p.it_is_recommended, &sentence)) {
        const std::size_t at = para.span.begin + (sentence.data() - para.text.data());
        add(para.number, sentence.ToString(), Span{at, at + sentence.size()});
      }
    }
  }
  // A recommendation printed twice, in a summary and in full ("NOTE the forecast revenue overspend
  // of £23.3m (excluding Schools)." and "... (excluding Schools) and the actions being taken to
  // mitigate ..."), is one: the shorter words, which open the longer, go.
  std::vector<std::string> folded;
  for (const Recommendation& r : out) folded.push_back(fold(r.text));
  std::vector<Recommendation> kept;
  for (std::size_t i = 0; i < out.size(); ++i) {
    bool opens_another = false;
    for (std::size_t j = 0; j < out.size() && !opens_another; ++j)
      opens_another = j != i && folded[i].size() >= 30 && folded[j].size() > folded[i].size() && folded[j].rfind(folded[i], 0) == 0;
    if (!opens_another) kept.push_back(std::move(out[i]));
  }
  // And one printed again under the same number with a few words changed ("... by the Leader of
  // the Council [Cabinet] to submit ..." on the front sheet, "... by the Leader of the Council to
  // submit ..." in the report): the later, the report's own, stays.
  const auto words = [](const std::string& text) {
    std::multiset<std::string> out;
    std::string w;
    for (const char c : text + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      else if (!w.empty()) out.insert(std::exchange(w, std::string()));
    }
    return out;
  };
  std::vector<std::multiset<std::string>> bags;
  for (const Recommendation& r : kept) bags.push_back(words(r.text));
  std::vector<Recommendation> last;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    bool again_later = false;
    for (std::size_t j = i + 1; j < kept.size() && !again_later; ++j) {
      if (!kept[i].number || kept[i].number != kept[j].number || bags[i].size() < 8) continue;
      std::vector<std::string> common;
      std::set_intersection(bags[i].begin(), bags[i].end(), bags[j].begin(), bags[j].end(), std::back_inserter(common));
      again_later = common.size() * 10 >= std::max(bags[i].size(), bags[j].size()) * 9;
    }
    if (!again_later) last.push_back(std::move(kept[i]));
  }
  return last;
}

}  // namespace papers
