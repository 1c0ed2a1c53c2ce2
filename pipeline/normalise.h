// Stage 4, normalise: one Unicode form and one line structure for every paper.
//  - ICU NFKC (ligatures become letters), one form for quotes ('), double quotes ("),
//    dashes (-) and spaces; control and zero-width characters dropped; soft hyphens dropped.
//  - Running page headers, footers and bare page numbers removed (lines that repeat at the top
//    or bottom of most pages).
//  - Lines unwrapped into paragraphs: words hyphenated at line ends joined, wrapped lines joined,
//    dangling labels ("1.1", "From:") joined to the text they label, and a paragraph broken by a
//    page break (or a stray blank line) joined again when it resumes in lower case.
//  - On OCR'd pages, OCR's usual slips mended first (clean_ocr_line); on every page, a raised
//    ordinal read as a quote mark before a month ("13\" FEBRUARY") restored.
//  - Text dumps set double spaced lose the spacing blanks; capitals headings wrapped over lines
//    join where a line plainly goes on; letter-spaced words ("A G E N D A") close up.
//  - A right-margin note after a column gap (minutes' action owners: "AM", "All") is lifted out
//    of its line so the sentence around it joins, and kept at its paragraph's end behind a tab.
//  - Two contact cards set side by side under a contact heading are read a column at a time, and
//    a table row whose number stands on the middle line of its cell is made one row
//    (column_flow.h), as a person reads them. These are the only moves of words this stage makes.
//  - Under "Background Documents" / "Background Papers" each line stays an item of its own unless
//    it plainly goes on.
// Must not drop words or otherwise reorder text; must not decide what any line means (that is segment).
#pragma once

#include <string>
#include <string_view>

#include "pipeline/model.h"

namespace papers {

// NFKC plus the one-form mapping for quotes, dashes and spaces, on one piece of UTF-8 text.
std::string normalise_characters(std::string_view utf8);

// One line of an OCR'd page with OCR's usual slips mended, columns kept (what is removed becomes
// spaces): specks read as punctuation at either end of the line or beside a column gap dropped;
// O/o and l/I/| read for 0 and 1 inside numbers and dates ("2O19", "3l March", "0ll3") put
// right; an e-mail address split after a dot ("claire. mears@kent.gov.uk") joined; a raised
// ordinal read as a quote mark ("3" November") restored from its number ("3rd November"); a word
// of the papers' vocabulary (kinds of body, organisation and paper) broken by one space ("COU
// NCIL") joined, which moves what follows it on the line one column left.
std::string clean_ocr_line(std::string_view line);

// A raised ordinal read as a quote mark before a month's name, on any page: "13" FEBRUARY 2017"
// becomes "13th FEBRUARY 2017" (OCR run before a text layer or a dump was made leaves these).
std::string restore_raised_ordinals(std::string_view line);

class NormaliseStage {
 public:
  Outcome<NormalisedText> operator()(PageTexts pages) const;
};

}  // namespace papers
