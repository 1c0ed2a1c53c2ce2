// Text layer quality. See text_quality.h.
#include "pipeline/text_quality.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace papers {
namespace {

constexpr std::size_t kMissingBelow = 10;     // non-space characters: a page with fewer has no text layer
constexpr std::size_t kThinBelow = 200;       // a page with fewer characters has its ink measured
// Characters per unit of dark-pixel share at 36 dpi on text-layer pages: measured 10,500 to
// 31,000 (mean 23,600) over the development set and the Kent papers; the lowest is used.
constexpr double kCharsPerInkShare = 10'000;

// ICU's character properties, answered without a library call for ASCII, the bulk of a text
// layer (the same answers u_isalnum, u_isalpha, ... give below 0x80; measured per character of
// every page, ICU's calls were 4% of an ingest's perf samples).
bool ascii_letter(UChar32 c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }
bool is_alnum(UChar32 c) { return c < 0x80 ? ascii_letter(c) || ascii_digit(c) : u_isalnum(c); }
bool is_alpha(UChar32 c) { return c < 0x80 ? ascii_letter(c) : u_isalpha(c); }
bool is_upper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c); }
bool is_lower(UChar32 c) { return c < 0x80 ? c >= 'a' && c <= 'z' : u_islower(c); }
bool is_digit(UChar32 c) { return c < 0x80 ? ascii_digit(c) : u_isdigit(c); }
bool is_white_space(UChar32 c) { return c < 0x80 ? (c >= 0x09 && c <= 0x0D) || c == ' ' : u_isUWhiteSpace(c); }
// Private use, control or unassigned: below 0x80 only the controls (0x00-0x1F, 0x7F).
bool is_odd_char(UChar32 c) {
  if (c < 0x80) return c < 0x20 || c == 0x7F;
  const int8_t type = u_charType(c);
  return c == 0xFFFD || type == U_PRIVATE_USE_CHAR || type == U_CONTROL_CHAR || type == U_UNASSIGNED;
}

bool is_vowel(UChar32 c) {
  switch (c < 0x80 ? (is_upper(c) ? c + 32 : c) : u_tolower(c)) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

// A token shaped like a word ("Council", "PCC", "don't", "Sub-Committee") or a number or date
// ("2017/18", "£9.4m", "1st", "01223"), after its leading and trailing punctuation is dropped.
bool word_shaped(const std::vector<UChar32>& token) {
  std::size_t b = 0, e = token.size();
  while (b < e && !is_alnum(token[b])) ++b;
  while (e > b && !is_alnum(token[e - 1])) --e;
  int letters = 0, digits = 0, vowels = 0, upper = 0, lower_then_upper = 0, other = 0;
  bool previous_lower = false;
  for (std::size_t i = b; i < e; ++i) {
    const UChar32 c = token[i];
    if (is_alpha(c)) {
      ++letters;
      vowels += is_vowel(c);
      if (is_upper(c)) {
        ++upper;
        lower_then_upper += previous_lower;
      }
      previous_lower = is_lower(c);
    } else if (is_digit(c)) {
      ++digits;
      previous_lower = false;
    } else if (c == '\'' || c == '-' || c == '.' || c == '/' || c == ',' || c == ':' || c == '&' || c == '%') {
      previous_lower = false;
    } else {
      ++other;
    }
  }
  if (other > 0) return false;
  if (letters == 0) return true;                       // 2017/18, 10.00
  if (digits > 0) return letters <= 3;                 // 1st, 30th, 100A, 9.4m; not "7KH"
  if (lower_then_upper > 1) return false;              // "fOrMaT"; "McDonald" passes
  if (letters >= 2 && vowels == 0) return upper == letters && letters <= 6;  // "PCC", "NHS"
  return true;
}

}  // namespace

TextLayerFigures measure_text_layer(std::string_view s) {
  TextLayerFigures f;
  std::size_t odd = 0, good = 0, points = 0;
  std::vector<UChar32> token;
  std::size_t symbols = 0;
  auto end_token = [&] {
    // Punctuation on its own (a dash, a bullet) is neither word nor non-word.
    const bool has_alnum = std::any_of(token.begin(), token.end(), [](UChar32 c) { return is_alnum(c); });
    if (has_alnum) {
      ++f.tokens;
      good += word_shaped(token);
    }
    token.clear();
  };
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    if (c < 0) c = 0xFFFD;
    if (is_white_space(c)) {
      end_token();
      continue;
    }
    ++points;
    if (is_odd_char(c)) ++odd;
    // Symbols prose seldom uses, which a wrong font encoding scatters: % $ # ! & * + = < > ~ ^ | \ { } [ ] @ `
    if (c > 0 && c < 0x80 && std::strchr("%$#!&*+=<>~^|\\{}[]@`", static_cast<int>(c)) != nullptr) ++symbols;
    token.push_back(c);
  }
  end_token();
  f.chars = points;
  f.word_share = f.tokens ? static_cast<double>(good) / static_cast<double>(f.tokens) : 1.0;
  f.odd_share = points ? static_cast<double>(odd) / static_cast<double>(points) : 0.0;
  f.symbol_share = points ? static_cast<double>(symbols) / static_cast<double>(points) : 0.0;
  return f;
}

bool needs_ink_check(const TextLayerFigures& f) { return f.chars >= kMissingBelow && f.chars < kThinBelow; }

std::optional<std::string> text_layer_problem(const TextLayerFigures& f, double ink) {
  if (f.chars < kMissingBelow) return "no text layer";
  if (f.odd_share > 0.10) return "garbage text layer (characters with no Unicode meaning)";
  if (f.chars >= 40 && f.symbol_share > 0.12) return "garbage text layer (symbols where words should be)";
  if (f.tokens >= 20 && f.word_share < 0.5) return "garbage text layer (mostly non-words)";
  // Text that accounts for under a quarter of the ink the sparsest text page would need: a scan
  // with a stamp or a page number on it.
  if (needs_ink_check(f) && ink > 0.01 && static_cast<double>(f.chars) < ink * kCharsPerInkShare / 4)
    return "text layer too thin for the ink on the page";
  return std::nullopt;
}

}  // namespace papers
