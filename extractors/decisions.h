// Decisions recorded by minutes, records of decision, resolutions and notices of determination,
// one item each, with provenance:
//  - a paragraph or line opening with a decision marker (lexicons/decision_markers.txt: "RESOLVED
//    that ...", "Agreed: ...", "DECIDED - ..."), the text being what follows the marker and a
//    following "that", colon or dash; "RESOLVED that the County Council:" then the items listed
//    under it, one each;
//  - "The Sub-Committee RESOLVED that ...", "The Council resolved to ..." (a body, then the marker);
//  - "It was (unanimously) resolved/agreed/decided (that|to) ..." sentences anywhere in a paragraph;
//  - in minutes only, sentences saying something "was/were approved" (lexicons/decision_passives.txt:
//    "The minutes of the meeting held on 19th May 2016 were approved and signed."), whole;
//  - in minutes, a sentence whose subject is the body or its members ("The Board agreed that ...",
//    "Members discussed and agreed ..."), not one that goes on from the block before ("At that
//    meeting," / "Members agreed to refer ...": another meeting's news);
//  - a motion "Moved by X / Seconded by Y / That ... / Carried", the text after "That"; a numbered
//    resolution "R2023-169 ... That ... Carried."; "WHEREAS ... NOW THEREFORE BE IT RESOLVED ..."
//    whole;
//  - a resolution's or ordinance's "BE IT (FURTHER) RESOLVED (by ...) that ...", the points
//    numbered under the formula alone, and what it does "hereby" ("is hereby adopted");
//  - a decision paper's "Decision" section: "The appeal is dismissed."
// The number is the decision's paragraph's own ("2.2"), else its minute's (its section's); a
// listed item's is its label ("a"). Things noted, reported or proposed are not decisions, nor is
// an appeal decision's "the Local Plan was adopted in 2015" (passives count in minutes proper
// only). What a report asks a body to decide is a recommendation (recommendations.h), never a
// decision.
// Pure function; patterns compiled once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/model.h"

namespace papers {

std::vector<Decision> extract_decisions(const Segments& segments);

// Whether a paper names itself minutes in its first lines ("MINUTES of a meeting of the Cabinet",
// "Notes of the Board meeting"): a meeting's record, whose numbered items are its minutes.
bool names_itself_minutes(const Segments& segments);

// The body the decisions are made by, where they name it as their subject: "THAT Council changes
// the date of ...", "The Board approves ..." (a kind of body, lexicons/body_kinds.txt, capitalised
// and alone, then a verb of the present: "changes", "approves"). For a resolution or minutes that
// name their body nowhere else. nullopt when no decision names one or two name different ones.
std::optional<TextField> body_of_decisions(const std::vector<Decision>& decisions);

// For archives made before decisions, whose recommendations held the RESOLVED items of minutes:
// the decision in such an item's text ("RESOLVED that the minutes be approved." -> "the minutes
// be approved.", "The Sub-Committee RESOLVED to grant ..." -> "to grant ..."), nullopt for an item
// that is no resolution.
std::optional<std::string> decision_from_resolution(const std::string& text);

}  // namespace papers
