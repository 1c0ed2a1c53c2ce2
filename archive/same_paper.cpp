// Same paper by its words. See same_paper.h.
#include "archive/same_paper.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "extractors/pattern.h"

namespace papers {
namespace {

// splitmix64: one well-mixed 64-bit hash of another.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::vector<std::uint64_t> word_runs(std::string_view text) {
  // "Agenda Item 3", "Page 12", "Page 3 of 20", "This page is intentionally left blank": a pack's stamps and footers
  static const Pattern kFurniture(R"re((?i)\bagenda\s+item\s+\d{1,3}[a-z]?\b|\bpage\s+\d{1,4}(?:\s+of\s+\d{1,4})?\b|\bthis\s+page\s+(?:is|has\s+been)\s+intentionally\s+left\s+blank\b)re");
  std::string t(text);
  RE2::GlobalReplace(&t, kFurniture, " ");
  std::vector<std::uint64_t> words;
  std::uint64_t h = 0;
  bool in = false;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    const unsigned char c = i < t.size() ? static_cast<unsigned char>(t[i]) : ' ';
    if (std::isalnum(c) || c >= 0x80) {
      if (!in) h = 0xcbf29ce484222325ULL;
      h = (h ^ static_cast<unsigned char>(std::tolower(c))) * 0x100000001b3ULL;  // FNV-1a
      in = true;
    } else if (in) {
      words.push_back(h);
      in = false;
    }
  }
  std::vector<std::uint64_t> runs;
  for (std::size_t i = 0; i + 4 <= words.size(); ++i)
    runs.push_back(mix(words[i] ^ mix(words[i + 1] ^ mix(words[i + 2] ^ mix(words[i + 3])))));
  std::sort(runs.begin(), runs.end());
  runs.erase(std::unique(runs.begin(), runs.end()), runs.end());
  return runs;
}

Sketch sketch_of(const std::vector<std::uint64_t>& runs) {
  Sketch s{};
  if (runs.empty()) return s;
  for (int slot = 0; slot < kSketchSlots; ++slot) {
    std::uint64_t least = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t seed = mix(static_cast<std::uint64_t>(slot) + 1);
    for (std::uint64_t r : runs) least = std::min(least, mix(r ^ seed));
    s[static_cast<std::size_t>(slot)] = static_cast<std::int64_t>(least >> 1);  // fits SQLite's signed integers
  }
  return s;
}

double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace papers
