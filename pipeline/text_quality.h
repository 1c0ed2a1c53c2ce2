// Whether a page's text layer can be trusted or the page must be OCR'd: missing (a scan), too
// thin for the ink on the page (a scan with a few words of text over it), or garbage (fonts
// without a Unicode mapping, mostly non-words). Pure functions of the page's text and figures,
// so each rule is tested alone. Must not render or OCR anything.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace papers {

struct TextLayerFigures {
  std::size_t chars = 0;    // non-space code points
  std::size_t tokens = 0;   // whitespace-separated tokens with a letter or digit
  double word_share = 1;    // share of tokens shaped like words or numbers
  double odd_share = 0;     // share of code points that are controls, U+FFFD or private use
  double symbol_share = 0;  // share of code points that are symbols prose seldom uses (% $ # ! & * ...)
};

TextLayerFigures measure_text_layer(std::string_view utf8);

// Why the page needs OCR, or nullopt when its text layer is good. ink is the page's dark-pixel
// share at a low resolution (page_image's ink_fraction), or a negative number when not measured;
// it is only consulted for pages with little text (see needs_ink_check).
std::optional<std::string> text_layer_problem(const TextLayerFigures& figures, double ink);

// True when a page has so little text that its ink should be measured before trusting it.
bool needs_ink_check(const TextLayerFigures& figures);

}  // namespace papers
