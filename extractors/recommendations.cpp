// Recommendations. See recommendations.h.
#include "extractors/recommendations.h"

#include <re2/re2.h>

#include "extractors/pattern.h"

#include <set>

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
  // "1) NOTE the outcome", "(a) approve", "a. approve", "A) the Commissioning Plan" -- a list item
  // in the header
  Pattern list_item{R"re(^(\(?[a-zA-Z]\)|[a-z]\.|\(?\d{1,2}\)|\(?[ivx]{1,5}\))\s+(.+)$)re"};
  // "Decision: Cabinet agree to:", "Proposed decision: The Cabinet Member is asked to:" -- a record
  // of decision's lead-in; the items below it are what the decision maker is asked to decide
  Pattern decision_lead_in{R"re((?i)^(?:proposed\s+)?decision\s*:\s*(.*:)$)re"};
  // "Decision", "Proposed decision" header keys (with a lead-in ending in ':' as the value)
  Pattern decision_key{R"re((?i)^(?:proposed\s+)?decision$)re"};
  // "RESOLVED that ...", "RESOLVED: (a) ...", "Resolved - that ..."
  Pattern resolved{R"re(^(?:RESOLVED|Resolved)\b\s*[:,-]?\s*(.+)$)re"};
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

}  // namespace

std::vector<Recommendation> extract_recommendations(const Segments& segments) {
  const Patterns& p = patterns();
  const NormalisedText& t = segments.text;
  std::vector<Recommendation> out;
  std::set<std::string> seen;
  auto add = [&](std::optional<std::string> number, std::string text, Span span) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    if (text.size() < 8) return;
    if (!seen.insert(fold(text)).second) return;
    out.push_back(Recommendation{std::move(number), std::move(text), Provenance{t.page_of(span.begin), span}});
  };

  // "Recommendation(s): Cabinet is asked to:" then "1) NOTE ...", "2) APPROVE ..." in the header.
  bool in_header_list = false;
  for (const HeaderField& f : segments.header) {
    if (!f.key.empty() && RE2::FullMatch(f.key, p.key)) {
      in_header_list = true;
      if (!f.value.empty() && f.value.back() != ':') add(std::nullopt, f.value, f.value_span);
      continue;
    }
    if ((f.key.empty() && RE2::FullMatch(f.value, p.decision_lead_in)) ||
        (!f.key.empty() && RE2::FullMatch(f.key, p.decision_key) && !f.value.empty() && f.value.back() == ':')) {
      in_header_list = true;
      continue;
    }
    if (!in_header_list) continue;
    std::string number, item;
    if (f.key.empty() && RE2::FullMatch(f.value, p.list_item, &number, &item)) {
      while (!number.empty() && (number.back() == ')' || number.back() == '.')) number.pop_back();
      if (!number.empty() && number.front() == '(') number.erase(0, 1);
      const std::size_t at = f.value.rfind(item);
      add(number, item, Span{f.span.begin + at, f.span.end});
    } else if (!(f.key.empty() && !f.value.empty() && f.value.back() == ':')) {
      in_header_list = false;  // the list ended
    }
  }

  for (const Section& s : segments.sections) {
    const bool recommendation_section = RE2::FullMatch(s.heading, p.heading);
    for (const Paragraph& para : s.paragraphs) {
      if (recommendation_section) {
        if (!para.text.empty() && para.text.back() == ':') continue;  // the lead-in of a list
        add(para.number, para.text, para.span);
        continue;
      }
      std::string resolved;
      if (RE2::FullMatch(para.text, p.resolved, &resolved)) {
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
  return out;
}

}  // namespace papers
