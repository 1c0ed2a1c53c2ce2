// cer: character error rate of OCR text against a reference text, for bench/ocr_bench.sh.
//   cer REFERENCE_FILE HYPOTHESIS_FILE  ->  prints "errors reference_chars cer"
// Both texts go through the pipeline's character normalisation (NFKC, one form for quotes,
// dashes and spaces) and have every run of white space made one space, so layout differences
// do not count; what counts is the edit distance (insertions, deletions, substitutions) over
// code points, divided by the reference's length. Must not be used by the pipeline.
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/normalise.h"

namespace {

std::vector<UChar32> code_points(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string normal = papers::normalise_characters(buffer.str());
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(normal);
  std::vector<UChar32> out;
  bool space = true;  // drops leading white space
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    const bool white = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (white) {
      if (!space) out.push_back(' ');
      space = true;
    } else {
      out.push_back(c);
      space = false;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::size_t edit_distance(const std::vector<UChar32>& a, const std::vector<UChar32>& b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: cer REFERENCE HYPOTHESIS\n";
    return 2;
  }
  const auto reference = code_points(argv[1]), hypothesis = code_points(argv[2]);
  const std::size_t errors = edit_distance(reference, hypothesis);
  std::printf("%zu %zu %.4f\n", errors, reference.size(),
              reference.empty() ? 0.0 : static_cast<double>(errors) / static_cast<double>(reference.size()));
  return 0;
}
