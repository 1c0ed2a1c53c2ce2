// Display lines: the lines of a paper's first page set apart from its text by how they are set
// (from the text layer's fonts, or on an OCR'd page from the row heights Tesseract measured)
// (larger than the body text, or bold and alone on their row), grouped into headings when lines
// of one style stand one under the other ("MINUTES OF THE SOULDERN PARISH COUNCIL MEETING" /
// "HELD IN THE VILLAGE HALL" / "ON 21st July 2016"), whatever words they use. Titles and banners
// are such groups. Pure function of the styled lines the text stage kept; must not judge what the
// words mean (header_fields.h does).
#pragma once

#include <string>
#include <vector>

#include "pipeline/model.h"

namespace papers {

struct DisplayGroup {
  std::string text;    // the lines joined with single spaces (none after a line's closing hyphen)
  std::vector<std::string> parts;  // the lines
  double ratio = 0;    // font size over the body text's
  bool bold = false;
  int page = 1;
  double top = 0;      // of its first line
  std::size_t lines = 0;
};

// Whether a line reads as the rest of the one above: it opens in lower case or with a word that
// joins on ("HELD IN THE VILLAGE HALL", "ON 23rd MAY 2024", "and Invitation to ...").
bool goes_on_from_above(const std::string& line);

// Whether a line opens as a numbered section does: "1. Purpose", "2.1 Background", "A. Summary",
// "(a) ...", "IV. ..."; not a date at the line's start ("8 DECEMBER 2016" is no section 8). Such a
// line never goes on from a heading above it.
bool opens_with_section_number(const std::string& line);

// The display groups of page `page`, top to bottom; empty when the page's typography is unknown
// (text files).
std::vector<DisplayGroup> display_groups(const NormalisedText& text, int page = 1);

}  // namespace papers
