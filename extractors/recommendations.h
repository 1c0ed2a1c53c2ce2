// Recommendations a paper puts to its body:
//  - every paragraph under a "Recommendation(s)" heading ("2.1 The Board is recommended to note ...");
//    a lead-in ending in ':' ("Cabinet is asked to:") is not one itself; the items after it are;
//  - a "Recommendation(s):" header row ("Recommendation(s): Cabinet is asked to agree ...");
//  - "Decision: Cabinet agree to:" lists in a record of decision; bulleted and lettered items;
//  - "It is recommended that ..." sentences and "X is recommended to ..." paragraphs anywhere else,
//    and paragraphs labelled "RECOMMENDATION: ...";
//  - outside minutes, an agenda item's action opening in capitals ("AUTHORIZE the Chief Executive
//    Officer to ..."), or leading a lettered list ("CONSIDER: A. RECEIVE AND FILE ...; B. ADOPT
//    ..."), each item one; lettered items run together on one line are split. The verbs asked
//    for are data (lexicons/action_verbs.txt).
// What minutes record as RESOLVED is a decision (decisions.h), not a recommendation.
// Each carries who is asked (as the lead-in words it) and the verb asked for, when they are said.
// A recommendation repeated later in the paper (seed 000's section 5) appears once, where it
// first appears. Pure function; patterns compiled once.
#pragma once

#include <vector>

#include "pipeline/model.h"

namespace papers {

std::vector<Recommendation> extract_recommendations(const Segments& segments);

}  // namespace papers
