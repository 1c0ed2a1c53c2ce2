// Pattern: an RE2 that must compile, with the literal strings every match must hold (RE2's own
// prefilter) for a cheap test before it runs. A pattern that does not compile is a programming
// error, so it stops the program at once with the pattern and RE2's message, instead of silently
// never matching (RE2::Quiet alone would hide it). Thread-safe once built, like RE2.
// Must not change what any pattern matches: may_match only says where it cannot.
#pragma once

#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace papers {

class Pattern : public RE2 {
 public:
  explicit Pattern(const char* pattern);
  // A pattern built at run time (around a lexicon's alternation); RE2 keeps its own copy.
  explicit Pattern(const std::string& pattern) : Pattern(pattern.c_str()) {}

  // False only when text cannot match: it holds none of a set of strings one of which every
  // match holds, drawn from RE2's prefilter (re2::FilteredRE2): "resolved", "decided" or "agreed"
  // for "The Board RESOLVED ..."; ":" for "Key: value". True when it may match, and always for a
  // pattern with no such set. Costs a search for each string (in a lower-cased copy of text when
  // they hold letters): for lines and paragraphs before a pattern that is dear to run over each,
  // not for whole texts, which hold the strings anyway. The set is worked out at the first call.
  bool may_match(std::string_view text) const;

  // The set, lower case (for tests and for reading what a guard needs); empty when none.
  const std::vector<std::string>& required_strings() const;

 private:
  struct Required {
    std::vector<std::string> strings;  // empty: none (every text may match)
    bool letters = false;              // some string has a letter: search a lower-cased copy
  };
  const Required& required() const;

  mutable std::once_flag required_once_;
  mutable Required required_;
};

}  // namespace papers
