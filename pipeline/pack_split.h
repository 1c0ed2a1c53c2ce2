// Agenda packs: a PDF that binds several papers (ModernGov's "PACK - ..." files: the agenda or a
// supplement's cover sheet, each report, appendix and record of decision, blank pages between)
// split into its parts by cues that hold across publishers, page by page:
//  - a blank page ("This page is intentionally left blank", or nothing but a page number) is a
//    part of its own, and the page after it starts a new part;
//  - an "Agenda Item N" stamp on a page's first lines starts a new part (the item's first paper);
//  - a page of another size than the page before (each bound paper keeps its own file's page
//    size, 595.32 x 841.92 beside 595.3 x 841.9) starts a new part, unless the page is the same
//    size turned (a landscape table inside a report) or an odd page inside its paper (the page
//    after it is back at the size before it: an A3 plan in an A4 report; or it comes back to the
//    size of its part's first page).
// A paper is a pack only when it shows a pack's signs (a stamp; a page between papers that says
// it is left blank; empty pages between three or more papers: an agenda's cover and its empty
// back are one paper) and splits into two or more parts that are not blank; otherwise it has no
// parts. Parts' kinds:
// the first part, before any stamp, is the agenda (or cover sheet); a part whose first lines say
// "record of decision" is one, "minutes" minutes; a stamped part is a report; later unstamped
// parts are appendices.
// Pure function over a paper's page texts (before normalising); patterns compiled once. Must not
// extract fields: each part's record is made by the stages that make any paper's (pipeline.h).
#pragma once

#include <vector>

#include "pipeline/model.h"

namespace papers {

std::vector<PackPart> split_pack(const PageTexts& pages);

// The pages of one part as a paper of their own, numbered from 1.
PageTexts part_pages(const PageTexts& pack, const PackPart& part);

}  // namespace papers
