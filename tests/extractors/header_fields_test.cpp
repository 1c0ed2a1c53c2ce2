// header_fields: announced_words, the walk that finds a summons' "meeting ... will be held ... on
// <day>", gives what the one pattern it replaced gives (kept here as the reference, RE2's own
// matcher): the same span on random texts built from the pieces that pattern needs, in any case,
// with full stops before capitals and digits, "p.m.", non-ASCII letters (the Kelvin sign and the
// long s that RE2's (?i) folds onto k and s), stray bytes, and runs long enough to pass its
// bounds; and nothing where the pattern finds nothing.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "extractors/header_fields.h"

using namespace papers;

namespace {

// The pattern announced_words walks, as header_fields.cpp held it before (group 2: the words after "on").
const RE2& reference_pattern() {
  static const RE2 re(
      R"re((?i)\bmeeting\b(?:[^.]|\.\s?[A-Z]){0,250}?\b(?:will\s+be\s+held|to\s+be\s+held|is\s+to\s+be\s+held|will\s+take\s+place|is\s+scheduled|shall\s+be\s+held)\b((?:[^.]|\.\s?[A-Z]){0,250}?\bon\s+)((?:[^.]|\.\d|\.m\.){0,60}))re");
  return re;
}

std::optional<std::pair<std::size_t, std::size_t>> reference(const std::string& head) {
  re2::StringPiece input(head), before_on, when;
  if (!RE2::FindAndConsume(&input, reference_pattern(), &before_on, &when)) return std::nullopt;
  const std::size_t begin = static_cast<std::size_t>(when.data() - head.data());
  return std::make_pair(begin, begin + when.size());
}

std::string random_text(std::mt19937& rng, bool long_runs) {
  static const std::vector<std::string> pieces = {
      "meeting", "Meeting", "MEETING", "meetings", "xmeeting", "meeting\xC5\xBF", "will be held", "Will  Be\tHeld", "to be held",
      "is to be held", "IS TO BE HELD", "will take place", "is scheduled", "shall be held", "\xC5\xBFhall be held", "i\xC5\xBF scheduled",
      "held", "will", "be", "on", "On", "ON", "on\n", "only", "upon", " on ", "one", " ", "  ", "\t", "\n", ".", ". ", ".A", ". B",
      ".\n", ". \xE2\x84\xAA", ".\xC5\xBF", "..", ". 3", ".5", ".m.", ".M.", "p.m.", "a.m.", "3.00", "10.30", "Thursday", "19th",
      "October", "2025", ",", "at", "in", "the", "Council", "Chamber", "\xC3\xA1", "\xE2\x80\x94", "\xE2\x84\xAA", "\x80", "\xC3",
      "_", "5", "x"};
  static const std::vector<std::string> meeting = {"meeting ", "Meeting", "MEETING\n", " meeting,"};
  static const std::vector<std::string> announcing = {" will be held ", " to be held", " is to be held ", " Will take place",
                                                       " is scheduled ", " shall be held\n", " \xC5\xBFhall be held "};
  static const std::vector<std::string> on = {" on ", " On\t", "on  ", " ON"};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 12);
  std::string out;
  const auto some = [&] {
    for (int i = count(rng); i > 0; --i) {
      out += pieces[pick(rng)];
      // A run of letters or of spaces that takes a bound (250, 60 steps) to either side of its end.
      if (long_runs && rng() % 8 == 0) out += std::string(225 + rng() % 50, rng() % 2 ? 'a' : ' ');
    }
  };
  // Most texts in the order the pattern reads ("meeting", the announcing words, "on"), the words
  // themselves written in one of several ways; the pieces around them may spoil the match.
  const bool ordered = rng() % 4 != 0;
  some();
  if (ordered) out += meeting[rng() % meeting.size()];
  some();
  if (ordered) out += announcing[rng() % announcing.size()];
  some();
  if (ordered) out += on[rng() % on.size()];
  some();
  return out;
}

}  // namespace

TEST_CASE("header: announced_words finds what the announcing pattern it replaced finds", "[header][pattern]") {
  std::mt19937 rng(20261203);
  int found = 0;
  for (int i = 0; i < 30000; ++i) {
    const std::string head = random_text(rng, i % 3 == 0);
    const auto want = reference(head);
    const auto got = announced_words(head);
    INFO(head);
    REQUIRE(got.has_value() == want.has_value());
    if (want) {
      REQUIRE(got->first == want->first);
      REQUIRE(got->second == want->second);
      ++found;
    }
  }
  // Each bound, to either side: 250 steps before the announcing words, 250 before "on", 60 after.
  for (int n = 235; n <= 265; ++n) {
    for (const std::string& head : {"meeting" + std::string(n, ' ') + "will be held on Monday",
                                    "meeting" + std::string(n, '.') + "will be held on Monday",
                                    "meeting" + std::string(n / 2, 'x') + std::string(n - n / 2, ' ') + ". Will be held on Monday",
                                    "meeting will be held" + std::string(n, ' ') + "on Monday",
                                    "meeting will be held" + std::string(n / 3, ' ') + std::string(n - n / 3, 'b') + " on Monday",
                                    "meeting will be held on " + std::string(n - 200, 'x') + ".",
                                    "meeting will be held on " + std::string((n - 200) / 2, 'x') + std::string(n - 200, '.') + "3"}) {
      INFO(head);
      const auto want = reference(head);
      const auto got = announced_words(head);
      REQUIRE(got.has_value() == want.has_value());
      if (want) REQUIRE(*got == *want);
    }
  }
  // The random texts hold announcements often enough for the spans to be compared.
  CHECK(found > 1000);
}

TEST_CASE("header: announced_words on a summons and a paper without one", "[header]") {
  const std::string summons =
      "A meeting of the County Council will be held in the Council Chamber, Sessions House, County Hall, "
      "Maidstone on Thursday, 9th January, 2025 at 10.00 am. Ask for: Andrew Tait";
  const auto w = announced_words(summons);
  REQUIRE(w);
  CHECK(summons.substr(w->first, w->second - w->first) == "Thursday, 9th January, 2025 at 10.00 am");
  CHECK_FALSE(announced_words("The meeting was held on 9 January 2025. Minutes follow."));
  CHECK_FALSE(announced_words("The meeting. Will be held on Thursday."));  // "Will" is inside a step past the full stop
}
