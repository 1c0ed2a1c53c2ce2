// Pattern: RE2 compiled once, and its prefilter (see pattern.h). Must not change what a pattern
// matches: where the prefilter cannot be trusted to be exact, there is none.
#include "extractors/pattern.h"

#include <re2/filtered_re2.h>

#include <algorithm>

namespace papers {

namespace {

// RE2's prefilter compares lower-cased strings with the lower-cased text. Its strings are lowered
// by Unicode's rules, so one with a non-ASCII character is only compared when the text is lowered
// the same way; this lowers ASCII only, and a pattern with such a string gets no prefilter.
bool ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// text lower-cased for the prefilter's strings: ASCII letters, and the two non-ASCII letters RE2's
// (?i) folds onto ASCII ones, the Kelvin sign (U+212A, onto k) and the long s (U+017F, onto s),
// so that "minuteſ", which (?i)minutes matches, still holds "minutes".
void lower_for_prefilter(std::string_view text, std::string& out) {
  out.resize(text.size());
  char* o = out.data();
  for (std::size_t i = 0; i < text.size(); ++i) {  // ASCII letters, branch-free
    const auto c = static_cast<unsigned char>(text[i]);
    o[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 'a' - 'A' : 0));
  }
  if (text.find('\xE2') == std::string_view::npos && text.find('\xC5') == std::string_view::npos) return;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "\xE2\x84\xAA") {
      o[n++] = 'k';
      i += 2;
    } else if (text.substr(i, 2) == "\xC5\xBF") {
      o[n++] = 's';
      i += 1;
    } else {
      o[n++] = out[i];
    }
  }
  out.resize(n);
}

}  // namespace

Pattern::Pattern(const char* pattern) : RE2(pattern, RE2::Quiet) {
  if (!ok()) {
    std::fprintf(stderr, "papers: pattern does not compile: %s\n  %s\n", pattern, error().c_str());
    std::abort();
  }
}

// The prefilter is a tree of ANDs and ORs over strings, monotone: a text holding more of them can
// only pass more. A set of strings is required (every match holds one of them) when the tree
// rejects a text holding every other string. Starting from all strings, each is dropped from the
// set while the rest stays required, white space first, then the shortest (single characters),
// so that what stays is the rarest: ":" rather than " " for "Key : value", "resolved" rather than
// "d". The result is a required set no string can leave.
const Pattern::Required& Pattern::required() const {
  std::call_once(required_once_, [this] {
    re2::FilteredRE2 filter(1);
    int id = 0;
    if (filter.Add(pattern(), options(), &id) != RE2::NoError) return;
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    std::vector<int> order(atoms.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    const auto blank = [&](int a) { return atoms[a].find_first_not_of(" \t\n\v\f\r") == std::string::npos; };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      if (blank(a) != blank(b)) return blank(a);
      return atoms[a].size() < atoms[b].size();
    });
    std::vector<bool> in_set(atoms.size(), true);
    std::vector<int> others, potential;
    const auto rejects_without_set = [&] {
      others.clear();
      for (std::size_t i = 0; i < atoms.size(); ++i)
        if (!in_set[i]) others.push_back(static_cast<int>(i));
      filter.AllPotentials(others, &potential);
      return potential.empty();
    };
    if (!rejects_without_set()) return;  // a text holding none of the strings may match
    for (int a : order) {
      in_set[a] = false;
      if (!rejects_without_set()) in_set[a] = true;
    }
    Required r;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
      if (!in_set[i]) continue;
      if (!ascii(atoms[i]) || atoms[i].empty()) return;
      for (char c : atoms[i]) r.letters = r.letters || (c >= 'a' && c <= 'z');
      r.strings.push_back(atoms[i]);
    }
    required_ = std::move(r);
  });
  return required_;
}

const std::vector<std::string>& Pattern::required_strings() const { return required().strings; }

bool Pattern::may_match(std::string_view text) const {
  const Required& r = required();
  if (r.strings.empty()) return true;
  thread_local std::string lowered;
  std::string_view searched = text;
  if (r.letters) {
    lower_for_prefilter(text, lowered);
    searched = lowered;
  }
  for (const std::string& s : r.strings)
    if (searched.find(s) != std::string_view::npos) return true;
  return false;
}

}  // namespace papers
