// Legal references with Act, section and defined short names. See legal_references.h.
#include "extractors/legal_references.h"

#include <re2/re2.h>

#include "extractors/lexicon.h"
#include "extractors/pattern.h"

#include <algorithm>
#include <map>
#include <set>

namespace papers {
namespace {

struct Patterns {
  // "Police Reform and Social Responsibility Act 2011", "Local Government (Access to Information) Act 1985",
  // "Freedom of Information Act 2000", "Town and Country Planning (General Permitted Development) Order 2015"
  // "Copyright, Designs and Patents Act 1988", "Police, Crime, Sentencing and Courts Act 2022": a
  // list of words closed by "and" may hold commas; "ROAD TRAFFIC REGULATION ACT, 1984": a comma
  // may stand before the year; "California Global Warming Solutions Act of 2006": US papers write
  // "of" before it; "Municipal Act, S.O. 2001": a Canadian statute citation stands before it;
  // "President John F. Kennedy Assassination Records Act of 1992": a name's initial is a word.
  Pattern title{R"re(\b((?:[A-Z][A-Za-z'-]*(?:,[ \t]+[A-Z][A-Za-z'-]*)+[ \t]+and|[A-Z][A-Za-z'-]*|\((?:[A-Z][A-Za-z'-]*,?[ \t]?)+(?:(?:and|of|to|for|the|in|on)[ \t]+(?:[A-Z][A-Za-z'-]*,?[ \t]?)+)*\)|and|of|the|for|to|in|on|with|from)(?:[ \t]+(?:[A-Z][A-Za-z'-]*|[A-Z]\.|\((?:[A-Z][A-Za-z'-]*,?[ \t]?|(?:and|of|to|for|the|in|on) )+\)|and|of|the|for|to|in|on|with|from))*?[ \t]+(?:Act|Regulations|Order|Rules|Measure)),?[ \t]+(of[ \t]+)?(?:(?:R\.)?S\.[A-Z]\.[ \t]+)?((?:1[6-9]|20)\d{2})\b)re"};
  // (the "Act"), (the "2011 Act"), ("the 1972 Act"), (the Act)
  Pattern definition{R"re(^\s*,?\s*\((?:hereafter\s+|hereinafter\s+)?(?:the\s+)?"?(?:the\s+)?((?:\d{4}\s+)?(?:Act|Regulations|Order|Rules))"?\))re"};
  // "section 12 of", "Section 100A of", "s.151 of", "s151 of", "sections 100A to 100D of", "paragraph 3 of Schedule 12A to",
  // "Section 228 (1)(a) of", "section 54954.3[b] of", "Section 239(3.1) of", "s191 " (straight before the title),
  // "Section 5.080, " (a heading's section, then its code)
  Pattern section_before{R"re((?i)\b((?:sections?|ss?\.?|§)\s*(\d+[A-Z]{0,2}(?:\.\d+)*)(?:\s?[(\[][\w.]{1,5}[)\]])*(?:\s*(?:to|-|and)\s*\d+[A-Z]{0,2})?|(?:paragraphs?|paras?\.?)\s+\d+[A-Z]?(?:\s*(?:,|and|&|to|-)\s*\d+[A-Z]?)*\s+of\s+(?:part\s+[0-9IVX]+\s+of\s+)?(schedule\s+\d+[A-Z]{0,2})|(schedule\s+\d+[A-Z]{0,2})|(?:regulation|reg\.?)\s+(\d+[A-Z]?)|(?:article)\s+(\d+[A-Z]?)|(part\s+[0-9IVX]+[A-Z]?))(?:\s+(?:of|to|under)\s+(?:the\s+)?|,[ \t]+(?:the\s+)?|\s+)$)re"};
  // ", section 1", " (section 12)", " s.12", " Schedule 12A", " says in section 214(6)", " at section 5"
  Pattern section_after{R"re(^\s*,?\s*\(?\s*(?:(?:(?:says|states|provides|requires)\s+)?(?:in|at|under)\s+)?(?:(?:sections?|ss?\.)\s*(\d+[A-Z]{0,2})|(Schedule\s+\d+[A-Z]{0,2}))\b)re"};
  // "the Act", "the 2011 Act", "the Regulations", "the 1972 Act" -- a short name in prose
  // "that Act": the Act just named; "the Act of 1988": the 1988 Act.
  Pattern short_name{R"re(\b(the|that)\s+"?((?:\d{4}\s+)?(?:Act|Regulations|Order|Rules)(?:\s+of\s+\d{4})?)"?\b)re"};
  // "the Brown Act", "a Care Act assessment", "the FOI Act", "Government Code Section 84308",
  // "Rivergrove Land Development Ordinances": a named instrument printed without its year (US and
  // Irish papers often do; UK papers once the year has been given), and codes of law.
  Pattern yearless{R"re(\b((?:[A-Z][A-Za-z'-]*[ \t]+(?:(?:and|of|the|for|to|in|on)[ \t]+)*)+?)(Act|Code|Ordinances?)\b)re"};
  // What follows a yearless title that shows it is not one: its year (" 2014", ", 2001", " of 2006")
  // or a further capitalised word ("Think Local Act Personal"), or words joined on to it ("the
  // Local Authority Accounting Code of Practice": a code of practice, no code of law).
  Pattern year_follows{R"re(^[ \t]*,?[ \t]*(?:of[ \t]+)?(?:1[6-9]|20)\d{2}\b)re"};
  Pattern name_goes_on{R"re(^[ \t]+(?:(?:of|for|on)[ \t]+)?[A-Z][a-z])re"};
  // After a code: "Section 84308", " Sec. 130051.20", " § 54957", " 54954.2" (a bare number of 3+ digits)
  Pattern code_section_after{R"re(^\s*,?\s*(?:(?:Section|Sec|§)[ \t]*\.?[ \t]*(\d+(?:\.\d+)*[A-Za-z]?)|(\d{3,}(?:\.\d+)*))\b)re"};
  // "Ordinance #80-2011", "Ordinance No. 123", "Ordinance Number 5-2019"
  Pattern numbered_ordinance{R"re(\bOrdinance[ \t]*(?:No\.?|Number|#)[ \t]*\d[\w-]*)re"};
  // "ORDINANCE NO. 61-98" opening one of a paper's first lines: the paper's own number, no citation.
  Pattern own_number{R"re((?i)^\s*(?:an\s+)?ordinance\s*(?:no\.?|number|#)\s*(\d[\w-]*))re"};
  // "1972 Local Government Act": the year before the title
  Pattern year_before{R"re(((?:1[6-9]|20)\d{2})[ \t]+$)re"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

// Leading words that start a sentence or a citation, not an Act's title.
const std::set<std::string>& leading_noise() {
  static const std::set<std::string> words = {
      "the", "The", "Under", "under", "In", "in", "By", "by", "With", "with", "From", "from", "As", "as", "Of", "of",
      "And", "and", "For", "for", "To", "to", "On", "on", "At", "Following", "See", "Per", "Section", "Sections",
      "Part", "Schedule", "Regulation", "Paragraph", "This", "That", "These", "Our", "Its", "New", "Whereas",
      "Pursuant", "Whilst", "While", "Where", "When", "If", "Since", "Both", "Also", "Note", "Cabinet", "Council", "Act", "that", "That", "State", "Citing", "A", "An"};
  return words;
}

std::string strip_leading_noise(const std::string& title) {
  std::string t = title;
  while (true) {
    const std::size_t sp = t.find(' ');
    if (sp == std::string::npos) break;
    const std::string first = t.substr(0, sp);
    if (!leading_noise().count(first)) break;
    // "Council Tax Reduction Schemes ... Regulations 2013": "Council" begins the title here.
    if (first == "Council" && t.compare(sp + 1, 4, "Tax ") == 0) break;
    t = t.substr(sp + 1);
  }
  return t;
}

// The words of out[begin, end) in title case ("ROAD TRAFFIC REGULATION ACT" -> "Road Traffic
// Regulation Act"; "of", "and", "the", ... after the first word in lower case). ASCII letters only,
// so byte offsets stay the same.
void title_case_words(std::string& out, std::size_t begin, std::size_t end) {
  static const std::set<std::string> small = {"of", "and", "the", "for", "to", "in", "on", "at", "by", "with", "under"};
  bool first_word = true;
  for (std::size_t i = begin; i < end;) {
    while (i < end && !std::isalpha(static_cast<unsigned char>(out[i]))) ++i;
    std::size_t j = i;
    while (j < end && std::isalpha(static_cast<unsigned char>(out[j]))) ++j;
    if (j > i) {
      std::string word = out.substr(i, j - i);
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (first_word || !small.count(word)) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      out.replace(i, j - i, word);
      first_word = false;
    }
    i = j;
  }
}

// Every line with letters and no lower-case letter, in title case ("LOCAL GOVERNMENT ACT 1992" ->
// "Local Government Act 1992"), and a title in capitals inside a line of mixed case ("Notice under
// the ROAD TRAFFIC REGULATION ACT, 1984"); other text as it is. Byte offsets stay the same.
std::string title_case_capital_lines(const std::string& text) {
  std::string out = text;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    bool upper = false, lower = false;
    for (std::size_t i = start; i < end; ++i) {
      upper |= std::isupper(static_cast<unsigned char>(out[i])) != 0;
      lower |= std::islower(static_cast<unsigned char>(out[i])) != 0;
    }
    if (upper && !lower) title_case_words(out, start, end);
    start = end + 1;
  }
  static const Pattern kCapitalTitle(R"re(\b((?:[A-Z]{2,}[ \t,]+){2,}(?:ACT|REGULATIONS|ORDER|RULES))\b)re");
  re2::StringPiece input(out), run;
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  while (RE2::FindAndConsume(&input, kCapitalTitle, &run)) runs.emplace_back(run.data() - out.data(), run.size());
  for (const auto& [at, size] : runs) title_case_words(out, at, at + size);
  return out;
}

std::string section_from(const std::string& s_num, const std::string& para_sched, const std::string& sched,
                         const std::string& reg, const std::string& article, const std::string& part) {
  auto cap = [](std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    // "schedule 12a" -> "Schedule 12A"
    for (std::size_t i = 1; i < s.size(); ++i)
      if (std::isdigit(static_cast<unsigned char>(s[i - 1])) && std::isalpha(static_cast<unsigned char>(s[i])))
        s[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
    return s;
  };
  if (!s_num.empty()) return s_num;
  if (!para_sched.empty()) return cap(para_sched);
  if (!sched.empty()) return cap(sched);
  if (!reg.empty()) return reg;
  if (!article.empty()) return "Article " + article;  // as "Part 3" and "Schedule 12A" are
  if (!part.empty()) return cap(part);
  return "";
}

struct Mention {
  std::size_t begin, end;  // span of the whole reference
  std::string act;
  std::string section;
};

// The title without its year: "Freedom of Information Act 2000" -> "Freedom of Information Act";
// "... Act of 2006" -> "... Act".
std::string without_year(const std::string& act) {
  std::string t = act;
  if (t.size() > 5 && std::isdigit(static_cast<unsigned char>(t.back()))) {
    t = t.substr(0, t.size() - 5);
    if (t.size() > 3 && t.compare(t.size() - 3, 3, " of") == 0) t = t.substr(0, t.size() - 3);
  }
  return t;
}

// "FOI" for "Freedom of Information Act 2000" (every word's initial, and the capitalised words' only: "FI").
std::pair<std::string, std::string> initials(const std::string& title) {
  std::string all, capitals;
  bool start = true;
  for (char c : title) {
    if (c == ' ' || c == ',' || c == '(' || c == ')') { start = true; continue; }
    if (start) {
      all.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      if (std::isupper(static_cast<unsigned char>(c))) capitals.push_back(c);
    }
    start = false;
  }
  return {all, capitals};
}

// A title printed without its year names the Act the paper gives in full with a year, when
// exactly one matches by its title or its initials ("the FOI Act", "the Care Act"); otherwise it
// stands as printed.
std::string resolve_yearless(const std::string& title, const std::vector<Mention>& full) {
  std::set<std::string> found;
  const std::string kind = title.substr(title.rfind(' ') + 1);
  const std::string stem = title.substr(0, title.rfind(' '));
  const bool acronym = stem.size() >= 2 && stem.size() <= 6 &&
                       std::all_of(stem.begin(), stem.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
  for (const Mention& m : full) {
    if (!std::isdigit(static_cast<unsigned char>(m.act.back()))) continue;
    const std::string bare = without_year(m.act);
    if (bare == title) { found.insert(m.act); continue; }
    if (!acronym || bare.size() <= kind.size() || bare.compare(bare.size() - kind.size(), kind.size(), kind) != 0) continue;
    const auto [all, capitals] = initials(bare.substr(0, bare.size() - kind.size()));
    if (stem == all || stem == capitals) found.insert(m.act);
  }
  return found.size() == 1 ? *found.begin() : title;
}

template <typename SectionBefore>
void yearless_mentions(const std::string& text, const SectionBefore& section_before, std::vector<Mention>& mentions) {
  const Patterns& p = patterns();
  const std::vector<Mention> full = mentions;
  auto overlaps = [&](std::size_t b, std::size_t e) {
    for (const Mention& m : mentions)
      if (b < m.end && m.begin < e) return true;
    return false;
  };
  const re2::StringPiece input(text);
  // Numbered ordinances, as printed; not the paper's own number ("ORDINANCE # 57-93" over its title).
  std::set<std::string> own;
  {
    std::size_t line_start = 0;
    for (int line = 0; line < 8 && line_start < text.size(); ++line) {
      const std::size_t end = std::min(text.find('\n', line_start), text.size());
      std::string number;
      if (RE2::PartialMatch(re2::StringPiece(text.data() + line_start, end - line_start), p.own_number, &number)) own.insert(number);
      line_start = end + 1;
    }
  }
  {
    re2::StringPiece g;
    std::size_t pos = 0;
    while (pos < text.size() && p.numbered_ordinance.Match(input, pos, text.size(), RE2::UNANCHORED, &g, 1)) {
      const std::size_t b = g.data() - text.data(), e = b + g.size();
      pos = e;
      if (overlaps(b, e)) continue;
      std::string act;
      for (char c : g) if (!(c == ' ' && !act.empty() && act.back() == ' ')) act.push_back(c == '\t' ? ' ' : c);
      static const Pattern kNumber(R"re((\d[\w-]*)$)re");
      std::string number;
      if (RE2::PartialMatch(act, kNumber, &number) && own.count(number)) {
        mentions.push_back(Mention{b, e, "", ""});  // held so that no other rule takes it; dropped below
        continue;
      }
      mentions.push_back(Mention{b, e, act, ""});
    }
  }
  // Instruments known by a name without a kind word ("UK GDPR"): lexicons/named_instruments.txt.
  {
    static const Pattern kNamed("(?i)\\b(" + lexicon_alternation("named_instruments") + ")\\b");
    re2::StringPiece g;
    std::size_t pos = 0;
    while (pos < text.size() && kNamed.Match(input, pos, text.size(), RE2::UNANCHORED, &g, 1)) {
      const std::size_t b = g.data() - text.data(), e = b + g.size();
      pos = e;
      if (overlaps(b, e)) continue;
      std::size_t ref_begin = b;
      const std::string section = section_before(b, &ref_begin);
      mentions.push_back(Mention{ref_begin, e, g.ToString(), section});
    }
  }
  // "OSA 1906: s 10", "LGA 1972 s.111", "Ed. Code 35145.5", "PUC Code Sec. 130051.20": a statute
  // or code cited by a short form (lexicons/cited_short_forms.txt gives the title), then its
  // section, or with the section before it ("s137 LGA 1972").
  {
    static const std::string kForms = [] {
      std::vector<std::string> forms;
      for (const auto& [form, title] : lexicon_kinds("cited_short_forms")) forms.push_back(form);
      return quoted_alternation(std::move(forms));
    }();
    // (A section after an Act's short form needs its mark, "s", "sec", "section", "§"; after a
    // code a number of three digits or more is one without.)
    static const Pattern kShortForm("(?i)(?:^|[^\\w.])(" + kForms +
                                    ")(?:\\s*[:,]?\\s*(?:(?:ss?\\.?|sec(?:tion)?\\s*\\.?|§+)\\s*(\\d+[A-Za-z]?(?:\\.\\d+)*)|(\\d{3,}(?:\\.\\d+)*)))?\\b");
    std::size_t at = 0;
    re2::StringPiece m[4];
    while (at < text.size() && kShortForm.Match(input, at, text.size(), RE2::UNANCHORED, m, 4)) {
      const std::size_t b = m[1].data() - text.data(), e = m[0].data() - text.data() + m[0].size();
      at = e;
      if (overlaps(b, e)) continue;
      std::string form;
      for (char c : m[1]) {
        if (std::isspace(static_cast<unsigned char>(c))) {
          if (!form.empty() && form.back() != ' ') form.push_back(' ');
        } else {
          form.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
      }
      const auto& titles = lexicon_kinds("cited_short_forms");
      const auto title = titles.find(form);
      if (title == titles.end()) continue;
      std::string section = !m[2].empty() ? m[2].ToString() : m[3].ToString();
      const bool act = title->second.find(" Code") == std::string::npos;
      if (act && !m[3].empty()) section.clear();  // "LGA 1972 2019": no section
      std::size_t ref_begin = b;
      if (section.empty()) section = section_before(b, &ref_begin);
      mentions.push_back(Mention{ref_begin, section.empty() && act && !m[3].empty() ? b + m[1].size() : e, title->second, section});
    }
  }
  // "ORS 221.760", "RCW 42.30.110", "50 U.S.C. 104": a statute book known by its abbreviation
  // (lexicons/statute_abbreviations.txt), then the section.
  {
    static const Pattern kStatute("\\b(?:(\\d{1,3})\\s+)?(" + lexicon_alternation("statute_abbreviations") +
                                  ")\\s*(?:§+\\s*|(?i:sec(?:tion)?\\.?)\\s*)?(\\d+[A-Za-z]?(?:\\.\\d+[A-Za-z]?)*)");
    std::size_t at = 0;
    re2::StringPiece m[4];
    while (at < text.size() && kStatute.Match(input, at, text.size(), RE2::UNANCHORED, m, 4)) {
      const std::size_t b = m[0].data() - text.data(), e = b + m[0].size();
      at = e;
      if (overlaps(b, e)) continue;
      mentions.push_back(Mention{b, e, m[2].ToString(), m[3].ToString()});
      // "ORS 323.455, 366.785 to 366.820 and 471.805": the sections listed after it cite the same
      // book, each once (a range by its first section).
      static const Pattern kListed(R"re(^(?:\s*(?:to|through|-|–)\s*\d+(?:\.\d+)+)?\s*(?:,|and|&|,\s*and)\s*(\d+(?:\.\d+)+[A-Za-z]?))re");
      static const Pattern kRangeEnd(R"re(^\s*(?:to|through|-|–)\s*\d+(?:\.\d+)+)re");
      re2::StringPiece rest(text.data() + at, text.size() - at), number;
      while (RE2::Consume(&rest, kListed, &number)) {
        const std::size_t nb = number.data() - text.data(), ne = nb + number.size();
        mentions.push_back(Mention{nb, ne, m[2].ToString(), number.ToString()});
        at = ne;
      }
      if (RE2::Consume(&rest, kRangeEnd)) at = rest.data() - text.data();
    }
  }
  re2::StringPiece g[3];
  std::size_t pos = 0;
  while (pos < text.size() && p.yearless.Match(input, pos, text.size(), RE2::UNANCHORED, g, 3)) {
    const std::size_t match_begin = g[0].data() - text.data();
    const std::size_t match_end = match_begin + g[0].size();
    pos = match_end;
    const re2::StringPiece rest(text.data() + match_end, std::min<std::size_t>(text.size() - match_end, 40));
    if (RE2::PartialMatch(rest, p.year_follows)) continue;  // a full title (found above, or not a title)
    const std::string kind = g[2].ToString();
    const bool code = kind == "Code";
    re2::StringPiece after1, after2, consumed = rest;
    const bool section_after = code && RE2::Consume(&consumed, p.code_section_after, &after1, &after2);
    if (!section_after && RE2::PartialMatch(rest, p.name_goes_on)) continue;  // "Think Local Act Personal"
    std::string title = strip_leading_noise(g[1].ToString() + kind);
    // "the State Building Code": a code's "State" is its name's ("The State Political Reform Act":
    // an Act's is the speaker's).
    if (code && g[1].starts_with("State ") && title.rfind("State ", 0) != 0) title = "State " + title;
    // A possessive ends what goes before the title: "KCC's Care Act" -> "Care Act".
    for (std::size_t at; (at = title.find("'s ")) != std::string::npos;) title = title.substr(at + 3);
    // "Post Legislative Scrutiny of the Freedom of Information Act": the title the paper gives in
    // full ends the words.
    for (const Mention& m : full) {
      const std::string bare = without_year(m.act);
      if (title.size() > bare.size() + 1 && title.compare(title.size() - bare.size(), bare.size(), bare) == 0 &&
          title[title.size() - bare.size() - 1] == ' ')
        title = bare;
    }
    // "Other Relevant Standards of the Rivergrove Development Code", "Requirements of This Code": a
    // title printed without its year starts after the words' last "of the" / "of this".
    for (const char* of : {" of the ", " of The ", " of this ", " of This ", " OF THE "})
      if (const std::size_t at = title.rfind(of); at != std::string::npos) title = strip_leading_noise(title.substr(at + 4));
    if (title.rfind("This ", 0) == 0 || title.rfind("this ", 0) == 0) continue;  // "this Code": the paper itself
    if (title.find(' ') == std::string::npos) continue;  // a bare "Act" or "Code"
    const std::size_t title_begin = match_end - title.size();
    if (overlaps(title_begin, match_end)) continue;
    // "Freedom of Information Act 2000 (FOI Act)": a short name defined beside the title, not a citation.
    bool defines = false;
    for (const Mention& m : full)
      if (title_begin > m.end && title_begin <= m.end + 4) {
        const std::string gap = text.substr(m.end, title_begin - m.end);
        defines |= gap == "(" || gap == " (" || gap == " (the " || gap == "(\"" || gap == " (\"";
      }
    if (defines) continue;
    std::size_t ref_begin = title_begin, ref_end = match_end;
    std::string section = section_before(title_begin, &ref_begin);
    if (section_after && section.empty()) {
      section = after1.empty() ? after2.ToString() : after1.ToString();
      ref_end = consumed.data() - text.data();
    }
    // "Code" alone is a code of practice or of conduct, not a citation, unless its name is a
    // statute book's ("State Building Code", "Rivergrove Development Code": two words or more).
    if (code && section.empty() && (std::count(title.begin(), title.end(), ' ') < 2 || title.find(" and ") != std::string::npos))
      continue;  // (nor a list of things ending in one: "Integrity Commissioner and Council Code")
    std::string act = resolve_yearless(title, full);
    // "the 1972 Local Government Act"
    const std::size_t window = std::min<std::size_t>(title_begin, 6);
    re2::StringPiece year;
    if (act == title && !code &&
        RE2::PartialMatch(re2::StringPiece(text.data() + title_begin - window, window), p.year_before, &year)) {
      act = title + " " + year.ToString();
      ref_begin = std::min(ref_begin, static_cast<std::size_t>(year.data() - text.data()));
    }
    mentions.push_back(Mention{ref_begin, ref_end, act, section});
  }
}

}  // namespace

std::string act_key(std::string_view act) {
  std::string key;
  for (char c : act) {
    if (std::isalnum(static_cast<unsigned char>(c))) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else if (!key.empty() && key.back() != '-') key.push_back('-');
  }
  while (!key.empty() && key.back() == '-') key.pop_back();
  return key;
}

std::vector<LegalReference> extract_legal_references(const Segments& segments) {
  const Patterns& p = patterns();
  // Lines in capitals (typewritten papers: "UNDER SECTION 40 OF THE LOCAL GOVERNMENT FINANCE ACT
  // 1992") are matched in title case, so that an Act's title reads as one; offsets are unchanged
  // and the cited text is taken from the paper as written.
  const std::string& original = segments.text.text;
  const std::string text = title_case_capital_lines(original);
  const re2::StringPiece input(text);
  std::vector<Mention> mentions;
  std::map<std::string, std::string> defined;  // short name ("Act", "2011 Act") -> act

  auto section_before = [&](std::size_t begin, std::size_t* ref_begin) -> std::string {
    const std::size_t window = std::min<std::size_t>(begin, 80);
    const std::string_view before(text.data() + begin - window, window);
    re2::StringPiece whole, s1, s2, s3, s4, s5, s6;
    if (RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), p.section_before, &whole, &s1, &s2, &s3, &s4, &s5, &s6)) {
      *ref_begin = whole.data() - text.data();
      return section_from(s1.ToString(), s2.ToString(), s3.ToString(), s4.ToString(), s5.ToString(), s6.ToString());
    }
    return "";
  };

  // Full titles.
  {
    re2::StringPiece g[4];
    std::size_t pos = 0;
    while (pos < text.size() && p.title.Match(input, pos, text.size(), RE2::UNANCHORED, g, 4)) {
      const std::size_t match_begin = g[0].data() - text.data();
      const std::size_t match_end = match_begin + g[0].size();
      pos = match_end;
      std::string title = strip_leading_noise(g[1].ToString());
      // A bare kind ("Act 2011") is a short name, not an Act's title.
      if (title == "Act" || title == "Regulations" || title == "Order" || title == "Rules" || title == "Measure") continue;
      // "Act of 2006" keeps its "of", as the title is printed; "Act, 1984" loses the comma.
      const std::string act = title + (g[2].empty() ? " " : " of ") + g[3].ToString();
      const std::size_t title_begin = match_begin + (g[1].size() - title.size());
      std::size_t ref_begin = title_begin;
      std::string section = section_before(title_begin, &ref_begin);
      std::size_t ref_end = match_end;
      re2::StringPiece rest(text.data() + match_end, std::min<std::size_t>(text.size() - match_end, 60));
      re2::StringPiece def;
      if (RE2::PartialMatch(rest, p.definition, &def)) {
        defined[def.ToString()] = act;
      } else if (section.empty()) {
        re2::StringPiece a1, a2;
        re2::StringPiece consumed = rest;
        if (RE2::Consume(&consumed, p.section_after, &a1, &a2)) {
          section = a1.empty() ? section_from("", "", a2.ToString(), "", "", "") : a1.ToString();
          ref_end = consumed.data() - text.data();
        }
      }
      // "the 2011 Act" names this Act even without a definition, when only one Act has that year.
      mentions.push_back(Mention{ref_begin, ref_end, act, section});
    }
  }
  // Titles printed without their year, codes, numbered ordinances and instruments known by name.
  yearless_mentions(text, section_before, mentions);

  // "Rivergrove Land Development Ordinance (RLDO)" then "Section 3.090 of the RLDO": a short form
  // the paper defines in brackets after a title names that title where a section is cited with it
  // (alone, "the RLDO" is prose, as "the Act" is).
  {
    static const Pattern kBracketedForm(R"re(^\s*\(\s*(?:the\s+)?["\x{201C}]?([A-Z][A-Z0-9&]{1,7})["\x{201D}]?\s*\))re");
    std::map<std::string, std::string> forms;
    for (const Mention& m : mentions) {
      if (m.act.empty()) continue;
      re2::StringPiece after(text.data() + m.end, std::min<std::size_t>(text.size() - m.end, 24)), form;
      if (RE2::PartialMatch(after, kBracketedForm, &form)) forms.emplace(form.ToString(), m.act);
    }
    const auto word_char = [&](std::size_t i) { return std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'; };
    for (const auto& [form, act] : forms) {
      // (The form as a whole word: found by plain search, no pattern compiled per paper.)
      for (std::size_t b = text.find(form); b != std::string::npos; b = text.find(form, b + 1)) {
        const std::size_t e = b + form.size();
        if ((b > 0 && word_char(b - 1)) || (e < text.size() && word_char(e))) continue;
        bool inside = false;
        for (const Mention& m : mentions) inside |= b < m.end + 4 && m.begin < e;
        if (inside) continue;
        std::size_t ref_begin = b;
        const std::string section = section_before(b, &ref_begin);
        if (!section.empty()) mentions.push_back(Mention{ref_begin, e, act, section});
      }
    }
  }

  // Years of the Acts named in full, for "the 2011 Act".
  std::map<std::string, std::set<std::string>> acts_by_year;
  for (const Mention& m : mentions)
    if (m.act.size() > 4 && std::isdigit(static_cast<unsigned char>(m.act.back()))) acts_by_year[m.act.substr(m.act.size() - 4)].insert(m.act);

  // Short names with a section: "Section 12 of the Act".
  {
    re2::StringPiece g[3];
    std::size_t pos = 0;
    while (pos < text.size() && p.short_name.Match(input, pos, text.size(), RE2::UNANCHORED, g, 3)) {
      const std::size_t begin = g[0].data() - text.data();
      const std::size_t end = begin + g[0].size();
      pos = end;
      std::string name = g[2].ToString();
      // "Act of 1988" is the 1988 Act.
      if (name.size() > 8 && name.compare(name.size() - 8, 4, " of ") == 0 && name.compare(0, 3, "Act") == 0)
        name = name.substr(name.size() - 4) + " Act";
      std::string act;
      if (g[1] == "that") {
        // The Act named in full last before it, of that kind.
        std::size_t last = 0;
        for (const Mention& m : mentions)
          if (m.begin < begin && m.begin >= last && m.act.find(name) != std::string::npos) act = m.act, last = m.begin;
      } else if (auto it = defined.find(name); it != defined.end()) act = it->second;
      else if (name.size() > 5 && std::isdigit(static_cast<unsigned char>(name[0]))) {
        const auto& same_year = acts_by_year[name.substr(0, 4)];
        if (same_year.size() == 1) act = *same_year.begin();
      }
      if (act.empty()) continue;
      // Inside a definition: '(the "Act")' belongs to the full title before it.
      bool inside_full = false;
      for (const Mention& m : mentions) if (begin >= m.begin && begin < m.end + 20 && begin <= m.end + 12) inside_full = true;
      if (inside_full) continue;
      std::size_t ref_begin = begin;
      const std::string section = section_before(begin, &ref_begin);
      if (section.empty()) continue;  // "the Act" alone is prose, not a citation
      mentions.push_back(Mention{ref_begin, end, act, section});
    }
  }
  std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  std::vector<LegalReference> out;
  for (const Mention& m : mentions) {
    if (m.act.empty()) continue;  // the paper's own number
    LegalReference r;
    r.text = original.substr(m.begin, m.end - m.begin);
    // Trim quotes/brackets of a trailing definition from the cited text.
    r.act = m.act;
    r.act_key = act_key(m.act);
    if (!m.section.empty()) r.section = m.section;
    r.at = Provenance{segments.text.page_of(m.begin), Span{m.begin, m.end}};
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<TextField> schedule_12a_paragraphs(const std::vector<LegalReference>& references) {
  // "paragraph 3", "paragraphs 1 and 2", "paras 1, 2 & 7": the numbers cited
  static const Pattern kParagraphs(R"re((?i)\bpara(?:graph)?s?\.?\s+(\d(?:\s*(?:,|and|&)\s*\d)*)\b)re");
  static const Pattern kDigit(R"re((\d))re");
  for (const LegalReference& r : references) {
    if (!r.section || *r.section != "Schedule 12A") continue;
    std::string numbers;
    if (!RE2::PartialMatch(r.text, kParagraphs, &numbers)) continue;
    std::string out;
    re2::StringPiece input(numbers);
    std::string digit;
    while (RE2::FindAndConsume(&input, kDigit, &digit)) out += (out.empty() ? "" : ", ") + digit;
    return TextField{out, r.at};
  }
  return std::nullopt;
}

}  // namespace papers
