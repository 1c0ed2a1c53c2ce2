// Whether two archived papers are the same paper: an agenda pack's part and the original it binds
// (the pack adds "Agenda Item N" stamps, "Page N" footers and blank pages, nothing else). Judged
// by their words, page furniture left out: a sketch of each text (the smallest hashes of its
// four-word runs under 16 hash functions, kept in the archive so that candidates are found by
// index), then the share of four-word runs the two have in common (Jaccard), which must be at
// least kSamePaper. A revised re-issue that changes two paragraphs of nine pages resembles its
// first issue at about 0.97: another paper.
// Pure functions; must not read or write the archive.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace papers {

constexpr double kSamePaper = 0.985;
constexpr int kSketchSlots = 16;
// Sketches that agree in at least this many slots are compared word by word.
constexpr int kSketchCandidate = 10;

using Sketch = std::array<std::int64_t, kSketchSlots>;

// The hashes of a text's four-word runs (lower case letters and digits; "Agenda Item 3",
// "Page 12", "Page 3 of 20" and "This page is intentionally left blank" left out), sorted, once each.
std::vector<std::uint64_t> word_runs(std::string_view text);

// The sketch of a text's runs (all zero for a text of fewer than four words).
Sketch sketch_of(const std::vector<std::uint64_t>& runs);

// The share of runs two texts have in common: |a and b| / |a or b| (0 when either has none).
double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

}  // namespace papers
