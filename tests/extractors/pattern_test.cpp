// pattern: Pattern::may_match, the test run before a dear pattern, never passes over a text the
// pattern matches (random texts built from the pieces the patterns need, in any case, with the
// Kelvin sign and the long s that RE2's (?i) folds onto k and s), and does pass over texts that
// hold none of its required strings; the required strings are the rare words, not white space.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "extractors/pattern.h"

using namespace papers;

namespace {

// Patterns of the kinds the extractors guard: case-sensitive and (?i), anchored and not, with
// lexicon-like alternations, one with a required string in each of two clauses.
const std::vector<std::string>& guarded_patterns() {
  static const std::vector<std::string> p = {
      R"re(^(?:The\s+)?[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|and|of|for))*?\s+(?:(?:unanimously|therefore)\s+)?(?:RESOLVED|resolved|AGREED|DECIDED|decided)\b\s*(.*)$)re",
      R"re((?i)^(.*?)\s*\(\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(\d{1,3}[a-z]?)\s*\)$)re",
      R"re((?i)^(.+?)\s+minutes\s*(?:-|,|:)\s*(.+)$)re",
      R"re(^([A-Z][A-Za-z()' /&.-]{0,40}?)\s*:\s*(.*)$)re",
      R"re((?i)((?:^|[.!?]\s+|,?\s+and\s+)(?:The\s+)?(?:board|council|members)\s+(?:(?:also|then)\s+)*(?:agreed|decided|resolved)\b))re",
      R"re((?i)^(?:that\s+)?(?:the\s+)?\w[\w&' -]{0,60}?\s+(?:is|are)\s+recommended\s+to\b)re",
      R"re(^(.+?)(?:,?\s+(?:MRTPI|OBE|MBE|PhD|KC)\b\.?)+$)re",
      R"re((?i)keys?\s+decisions?)re",
  };
  return p;
}

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "The", "Board", "board", "BOARD", "Council", "members", " ", "  ", "\t", "\n", ":", " - ", "-", ",", ".", "(", ")",
      "RESOLVED", "resolved", "Resolved", "AGREED", "agreed", "decided", "DECIDED", "that", "unanimously", "and",
      "Item", "ITEM", "item", "agenda", "No.", "7", "12", "3a", "minutes", "MINUTES", "Minute\xC5\xBF", "minute",
      "is", "are", "recommended", "RECOMMENDED", "to", "Jim", "McMahon", "OBE", "MRTPI", "PhD", "KC",
      "\xE2\x84\xAA" "ey", "key", "KEY", "decision", "Decision\xC5\xBF", "Planning", "Committee", "Licensing", "Key Decision",
      "(Item 7)", "(agenda item no. 3a)", "( ITEM 12 )", "It is recommended to", "the Board are recommended to",
  };
  std::uniform_int_distribution<std::size_t> count(1, 12), pick(0, pieces.size() - 1), space(0, 2);
  std::string t;
  for (std::size_t n = count(rng); n > 0; --n) {
    t += pieces[pick(rng)];
    if (space(rng) == 0 && n > 1) t += ' ';
  }
  return t;
}

}  // namespace

TEST_CASE("pattern: may_match never passes over a text the pattern matches", "[pattern]") {
  std::mt19937 rng(20261203);
  for (const std::string& source : guarded_patterns()) {
    const Pattern p(source);
    INFO(source);
    std::size_t matched = 0, passed_over = 0;
    for (int k = 0; k < 40000; ++k) {
      const std::string t = random_text(rng);
      const bool may = p.may_match(t);
      if (RE2::PartialMatch(t, p)) {
        INFO(t);
        REQUIRE(may);
        ++matched;
      }
      if (!may) ++passed_over;
    }
    CHECK(matched > 0);      // the texts exercise the pattern
    CHECK(passed_over > 0);  // and the test passes over some of them
  }
}

TEST_CASE("pattern: the required strings are the rare words every match holds", "[pattern]") {
  const Pattern resolved(guarded_patterns()[0]);
  CHECK(resolved.required_strings() == std::vector<std::string>{"resolved", "decided", "agreed"});
  CHECK_FALSE(resolved.may_match("The Board noted the report"));
  CHECK(resolved.may_match("The Board RESOLVED that the report be noted"));
  CHECK(resolved.may_match("the board resolved nothing"));  // may: the pattern itself says no

  const Pattern key(guarded_patterns()[3]);
  CHECK(key.required_strings() == std::vector<std::string>{":"});
  CHECK_FALSE(key.may_match("Contact Officer Jack Hudson"));
  CHECK(key.may_match("Contact Officer: Jack Hudson"));

  // The " - " banners need the hyphen (white space, which every line holds, is not kept).
  const Pattern banner(R"re(^(.+?)\s+-\s+.+$)re");
  CHECK(banner.required_strings() == std::vector<std::string>{"-"});
  const Pattern minutes(guarded_patterns()[2]);
  CHECK(minutes.required_strings() == std::vector<std::string>{"minutes"});
}

TEST_CASE("pattern: the letters RE2 folds onto ASCII ones are seen as those letters", "[pattern]") {
  // (?i)minutes matches "minuteſ" (U+017F) and (?i)key "\u212Aey" (the Kelvin sign).
  const Pattern minutes(guarded_patterns()[2]);
  const std::string long_s = "Planning Committee minute\xC5\xBF - 3 May 2018";
  REQUIRE(RE2::FullMatch(long_s, minutes));
  CHECK(minutes.may_match(long_s));
  const Pattern key(guarded_patterns()[7]);
  const std::string kelvin = "a \xE2\x84\xAA" "ey decision";
  REQUIRE(RE2::PartialMatch(kelvin, key));
  CHECK(key.may_match(kelvin));
}

TEST_CASE("pattern: a pattern without a required string or with a non-ASCII one is never passed over", "[pattern]") {
  const Pattern any_word(R"re((?i)^\w+$)re");
  CHECK(any_word.required_strings().empty());
  CHECK(any_word.may_match("x"));
  // Non-ASCII strings are lowered by Unicode's rules in RE2's prefilter, not by may_match's.
  const Pattern accented(R"re((?i)café)re");
  CHECK(accented.required_strings().empty());
  CHECK(accented.may_match("CAFÉ"));
  CHECK(RE2::PartialMatch("CAFÉ", accented));
}
