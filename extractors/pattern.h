// Pattern: an RE2 that must compile. A pattern that does not compile is a programming error,
// so it stops the program at once with the pattern and RE2's message, instead of silently
// never matching (RE2::Quiet alone would hide it). Thread-safe once built, like RE2.
#pragma once

#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace papers {

class Pattern : public RE2 {
 public:
  explicit Pattern(const char* pattern) : RE2(pattern, RE2::Quiet) {
    if (!ok()) {
      std::fprintf(stderr, "papers: pattern does not compile: %s\n  %s\n", pattern, error().c_str());
      std::abort();
    }
  }
  // A pattern built at run time (around a lexicon's alternation); RE2 keeps its own copy.
  explicit Pattern(const std::string& pattern) : Pattern(pattern.c_str()) {}
};

}  // namespace papers
