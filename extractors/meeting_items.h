// The items of a meeting as a minutes paper numbers them, and the votes it prints, so that each
// decision can say which minute it was taken under and on what vote:
//  - a minute is a line opening with its number ("88. 24/00108 - Revenue and Capital Budget
//    Monitoring Report", "283<tab>Apologies for Absence", "16/45 Planning") that an agenda item
//    stamp follows within its heading ("(Item 5)", "Agenda Item 5", "Item 5:"): where two or more
//    such stamps are printed, they are the anchor; where none is, the minutes are the longest run
//    of consecutively numbered heading-like lines (three or more: short, not ending in a colon,
//    not a decision), so that a minute's numbered paragraphs (1, 2, 3 under each) are not minutes;
//  - a vote is a block of counts, each with the members' names listed under it where given
//    ("For (39)" / names / "Against (19)" / names / "Abstain (1)" / names / "Substantive Motion
//    carried."), or counts on one line ("For: 5, Against: 2, Abstentions: 1", "5 for, 2 against").
// Pure functions over segmented text; patterns compiled once. Must not decide what a decision is
// (decisions.h) nor link anything to a report (archive/outcomes.h).
#pragma once

#include <vector>

#include "pipeline/model.h"

namespace papers {

// The minutes' items in text order (empty when the paper numbers none), each with its extent.
std::vector<MeetingItem> extract_meeting_items(const Segments& segments);

// An agenda's items: its longest run of consecutively numbered headings (as minutes without
// stamps), each its own agenda item, with the pages of the pack it gives ("(Pages 11 - 84)",
// "(Page 5)") taken off its heading. Empty for a paper that does not name itself an agenda in its
// first lines ("AGENDA", "Agenda for a meeting", "Summons to and Agenda"; an "Agenda Item 5" stamp
// is not one).
std::vector<MeetingItem> extract_agenda_items(const Segments& segments);

// Whether a paper names itself an agenda in its first lines ("AGENDA", "Agenda & Summons to
// Councillors", "Summons to and Agenda for an Extraordinary Meeting"; not "Agenda Item 5").
bool names_itself_agenda(const Segments& segments);

// The votes printed in the text, in text order.
std::vector<Vote> extract_votes(const Segments& segments);

// Sets each decision's minute (the item whose extent holds it) and its vote: the last vote printed
// in the same minute before the decision that was not lost (a lost amendment's vote is not the
// motion's).
void assign_minutes(std::vector<Decision>& decisions, const std::vector<MeetingItem>& items, const std::vector<Vote>& votes);

}  // namespace papers
