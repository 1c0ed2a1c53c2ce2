// Meeting items and votes (extractors/meeting_items.h) on minutes written as their publishers set
// them: ModernGov's "88. Heading" over "(Item 5)", a parish's numbered minutes without stamps, a
// recorded vote with names, counts on one line.
#include <catch2/catch.hpp>

#include "extractors/decisions.h"
#include "extractors/meeting_items.h"
#include "tests/text_fixture.h"

using namespace papers;

namespace {

// Set as a PDF's text layer gives it: paragraphs that wrap, blank lines between blocks.
const char* kModernGovMinutes =
    "KENT COUNTY COUNCIL\n"
    "\n"
    "CABINET\n"
    "\n"
    "MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions House,\n"
    "County Hall, Maidstone on Thursday, 30 January 2025.\n"
    "\n"
    "84. Apologies\n"
    "(Item 1)\n"
    "\n"
    "Apologies were received from Mrs C Bell and from Mr Hills, who was\n"
    "attending another meeting of the council that day.\n"
    "\n"
    "85. 24/00108 - Revenue and Capital Budget Monitoring Report - November\n"
    "2024-25\n"
    "(Item 5)\n"
    "\n"
    "1. Mr Oakford introduced the report which set out the revenue and capital\n"
    "budget monitoring position as at November 2024-25.\n"
    "\n"
    "2. RESOLVED that Cabinet agree to:\n"
    "\n"
    "(a) Note the forecast revenue overspend.\n"
    "\n"
    "(b) Agree the Capital budget changes.\n"
    "\n"
    "86. Draft Revenue Budget 2025-26 (Item 6)\n"
    "\n"
    "1. Mr Streatfeild proposed and Mr Sole seconded the following amendment to\n"
    "the motion set out in the report.\n"
    "\n"
    "For (14)\n"
    "\n"
    "Mr Baldock, Mr Brady, Ms Constantine\n"
    "\n"
    "Against (45)\n"
    "\n"
    "Mr Baker, Mr Bartlett, Mrs Bell\n"
    "\n"
    "Abstain (4)\n"
    "\n"
    "Mrs Bruneau, Mr Chittenden\n"
    "\n"
    "Amendment lost.\n"
    "\n"
    "2. The Chairman put the substantive motion to the vote and the voting was\n"
    "as follows:\n"
    "\n"
    "For (39)\n"
    "\n"
    "Mr Baker, Mr Bartlett, Mrs Bell\n"
    "\n"
    "Against (19)\n"
    "\n"
    "Mr Baldock, Mr Brady\n"
    "\n"
    "Abstain (1)\n"
    "\n"
    "Ms Constantine\n"
    "\n"
    "Substantive Motion carried.\n"
    "\n"
    "3. RESOLVED that the County Council endorses the draft budget.\n";

}  // namespace

TEST_CASE("meeting items: minutes numbered over agenda item stamps, headings that wrap", "[meeting_items]") {
  const Segments s = test::segment_text(kModernGovMinutes);
  const std::vector<MeetingItem> items = extract_meeting_items(s);
  REQUIRE(items.size() == 3);
  CHECK(items[0].number == "84");
  CHECK(items[0].heading == "Apologies");
  CHECK(items[0].agenda_item == "1");
  CHECK(items[1].number == "85");
  // The heading's wrapped words join it; the numbered paragraphs under it are no minutes.
  CHECK(items[1].heading == "24/00108 - Revenue and Capital Budget Monitoring Report - November 2024-25");
  CHECK(items[1].agenda_item == "5");
  CHECK(items[2].heading == "Draft Revenue Budget 2025-26");
  CHECK(items[2].agenda_item == "6");
  CHECK(items[1].extent.end == items[2].extent.begin);
}

TEST_CASE("meeting items: without stamps, the longest run of consecutive numbered headings", "[meeting_items]") {
  const Segments s = test::segment_text(
      "SOULDERN PARISH COUNCIL\n\nMinutes of the meeting of the parish council held in the village hall\non 21 July 2016 at 7.30pm.\n\n"
      "16/41 Apologies for absence\nCllr Smith sent her apologies, as she was away on the\nday of the meeting.\n\n"
      "16/42 Planning\n1. Application 16/01234/F for an extension at Manor Farm was\nconsidered by the council.\n"
      "2. The council had no objection to it, and the clerk was asked to\nsay so to the district council.\n\n"
      "16/43 Finance\nIt was resolved that the accounts for the quarter be approved and\nsigned by the chairman.\n\n"
      "16/44 Date of next meeting\nThe next meeting will be held on 15 September in the\nvillage hall.\n");
  const std::vector<MeetingItem> items = extract_meeting_items(s);
  REQUIRE(items.size() == 4);
  CHECK(items[0].number == "16/41");
  CHECK(items[2].heading == "Finance");
  CHECK_FALSE(items[2].agenda_item);
  // Two numbered lines are no run: a report's numbered paragraphs do not become minutes.
  CHECK(extract_meeting_items(test::segment_text("Report\n\n1. Introduction\n\n2. Background\n")).empty());
}

TEST_CASE("votes: a recorded vote's counts and names, its result, counts on one line", "[meeting_items]") {
  const Segments s = test::segment_text(kModernGovMinutes);
  const std::vector<Vote> votes = extract_votes(s);
  REQUIRE(votes.size() == 2);
  CHECK(votes[0].in_favour == 14);
  CHECK(votes[0].against == 45);
  CHECK(votes[0].abstain == 4);
  CHECK(votes[0].result == "lost");
  CHECK(votes[1].in_favour == 39);
  CHECK(votes[1].names_in_favour == std::vector<std::string>{"Mr Baker", "Mr Bartlett", "Mrs Bell"});
  CHECK(votes[1].names_abstain == std::vector<std::string>{"Ms Constantine"});
  CHECK(votes[1].result == "carried");

  const std::vector<Vote> inline_votes =
      extract_votes(test::segment_text("Minutes\n\n5. Precept\n\nThe precept was agreed (For: 7, Against: 2, Abstentions: 1). Carried.\n\n"
                                       "6. Grants\n\nThe motion was put: 5 for, 3 against.\n"));
  REQUIRE(inline_votes.size() == 2);
  CHECK(inline_votes[0].in_favour == 7);
  CHECK(inline_votes[0].against == 2);
  CHECK(inline_votes[0].abstain == 1);
  CHECK(inline_votes[0].result == "carried");
  CHECK(inline_votes[1].in_favour == 5);
  CHECK(inline_votes[1].against == 3);
  CHECK_FALSE(inline_votes[1].abstain);
}

TEST_CASE("assign minutes: each decision its minute, and the vote of the motion it carried, not a lost amendment's", "[meeting_items]") {
  const Segments s = test::segment_text(kModernGovMinutes);
  std::vector<Decision> decisions = extract_decisions(s);
  assign_minutes(decisions, extract_meeting_items(s), extract_votes(s));
  REQUIRE(decisions.size() == 3);
  CHECK(decisions[0].minute == "85");
  CHECK(decisions[0].text.rfind("Note the forecast", 0) == 0);
  CHECK_FALSE(decisions[0].vote);
  CHECK(decisions[2].minute == "86");
  REQUIRE(decisions[2].vote);
  CHECK(decisions[2].vote->in_favour == 39);
  CHECK(decisions[2].vote->result == "carried");
}

TEST_CASE("agenda items: an agenda's numbered items with the pages of their pack, long headings, no items in a report", "[meeting_items]") {
  const Segments agenda = test::segment_text(
      "AGENDA\n\nCABINET\n\nThursday, 30th January, 2025, at 10.00 am, Council Chamber, Sessions House,\nCounty Hall, Maidstone\n\n"
      "UNRESTRICTED ITEMS\n(During these items the meeting is likely to be open to the public)\n\n"
      "1. Apologies\n\n2. Declarations of Interest\n\n3. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)\n\n"
      "4. 24/00109 - Transfer the 18-25 section of the Strengthening Independence Service\nfrom the Children Young People and "
      "Education Directorate to the Adult Social Care\nand Health Directorate (Pages 277 - 326)\n\n"
      "5. Date of the next meeting (Page 327)\n");
  const std::vector<MeetingItem> items = extract_agenda_items(agenda);
  REQUIRE(items.size() == 5);
  CHECK(items[2].heading == "Minutes of the Meeting held on 9th January 2025");
  CHECK(items[2].first_page == 1);
  CHECK(items[2].last_page == 10);
  CHECK(items[3].agenda_item == "4");
  CHECK(items[3].heading.find("Adult Social Care and Health Directorate") != std::string::npos);
  CHECK(items[3].first_page == 277);
  CHECK(items[4].last_page == 327);
  CHECK_FALSE(items[0].first_page);
  // A report stamped "Agenda Item 5" is no agenda: its numbered sections are no items.
  CHECK(extract_agenda_items(test::segment_text("Agenda Item 5\n\nFrom: Peter Oakford\n\nTo: Cabinet\n\n1. Introduction\n\n"
                                                "2. Background\n\n3. Recommendations\n"))
            .empty());
}
