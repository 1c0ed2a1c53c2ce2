// lexicon: may_hold_entry, the cheap test run before a lexicon's pattern, never passes over a line
// the pattern would match: every entry of every lexicon, in capitals, spread over runs of white
// space and inside other words, is seen; a line with none of them is not.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <cctype>
#include <string>

#include "extractors/lexicon.h"
#include "extractors/pattern.h"

using namespace papers;

TEST_CASE("lexicon: may_hold_entry sees every entry of every lexicon that its alternation matches", "[lexicon]") {
  std::size_t entries = 0;
  for (const LexiconFile& f : lexicon_files()) {
    const std::string name(f.name);
    const Pattern alternation("(?i)" + lexicon_alternation(name));
    for (const std::string& entry : lexicon(name)) {
      std::string shouted = "Item 4.  ";
      for (char c : entry) shouted += c == ' ' ? std::string("  \t ") : std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      shouted += ", as agreed";
      INFO(name << ": " << shouted);
      REQUIRE(RE2::PartialMatch(shouted, alternation));
      CHECK(may_hold_entry(name, shouted));
      ++entries;
    }
  }
  CHECK(entries > 500);
}

TEST_CASE("lexicon: may_hold_entry passes over a line with none of the entries", "[lexicon]") {
  CHECK_FALSE(may_hold_entry("sign_offs", "The minutes of the meeting held on 4 June were approved."));
  CHECK(may_hold_entry("sign_offs", "YOURS SINCERELY,"));
  CHECK(may_hold_entry("sign_offs", "Is mise. le meas,"));  // a scan's stray stop: undotted before the pattern
}
