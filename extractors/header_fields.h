// The header fields of a paper: title, body (the committee, board or panel it goes to),
// organisation, meeting date, report date, agenda item, author and classification.
// Read from the header block in every style the segmenter finds:
//   memo:      "To: Business Coordination Board / From: Chief Executive / Date: 19 July 2018"
//   banner:    "CAMBRIDGESHIRE POLICE AND CRIME PANEL  Agenda Item 8 / 31 July 2024  Public Report"
//   ModernGov: "From: ... / To: Cabinet - 30 January 2025 / Subject: ... / Classification: Unrestricted"
//   table:     "Report to: ... / Date of meeting: ... / Report of: ..."
// and from how the first page is set (typography.h): the most prominent heading is the title
// unless the words label one, a body's name set as a banner is the body. Vocabularies (body and
// organisation kinds, sign-offs, section headings, document kinds, role words) are lexicons.
// The author may also come from the paper's signature ("Signed ...", "Respectfully submitted,", a
// name over its role in the last lines, "Signed on behalf of ORG"). The meeting's day may come from
// a summons' words ("will be held ... on ...") or a lone date under an agenda's heading. A paper
// for no meeting (lexicons/unmeeting_kinds.txt: election notices, appeal decisions) gets no body
// and keeps its dates as its own; an archive's stamp ("DECLASSIFIED ...") gives nothing.
// A field the header does not state stays empty (unknown is null, never a guess).
// Pure function; patterns compiled once.
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model.h"

namespace papers {

struct HeaderFields {
  std::optional<TextField> title, body, organisation, agenda_item, author, classification;
  std::optional<DateValue> meeting_date, report_date;
};

HeaderFields extract_header_fields(const Segments& segments);

// The title by how the first page is set: its most prominent display group (typography.h) that
// could be a title (not an organisation's or body's name alone, a date, a stamp or a marking).
// nullopt when the page's typography is unknown or no such group stands out.
std::optional<TextField> typographic_title(const Segments& segments);

// The block an agenda or letter closes with, over its last lines:
//   "Benjamin Watts" / "General Counsel" / "03000 416814" / "Wednesday, 22 January 2025"
// a person's name, their role, then a phone number and a date, each optional. nullopt when the
// last lines are not such a block.
struct SignOff {
  TextField name, role;
  std::optional<TextField> phone;  // as written
  std::optional<DateValue> date;
};
std::optional<SignOff> closing_sign_off(const Segments& segments);

// A writer's compact date stamp among the paper's last two lines ("GE 270126", "Updated
// 181225"): the day, and the initials before it or on the line above when there are any. nullopt
// when there is none, or the paper's own years do not bear out the stamp's century.
struct DateStamp {
  DateValue date;
  std::optional<TextField> initials;
};
std::optional<DateStamp> closing_date_stamp(const Segments& segments);

// The same block found among a paper's last lines, given in order: where it starts (the name's
// index; the role is the next line) and which of phone and date follow, in that order. nullopt
// unless a name and a role are followed by a phone number, a date or both. Shared by the segmenter,
// which keeps such a block out of the last section, and by closing_sign_off.
struct ClosingBlock {
  std::size_t name = 0;
  bool phone = false, date = false;
};
std::optional<ClosingBlock> find_closing_block(const std::vector<std::string_view>& last_lines);

// Whether the paper is minutes: its first lines say so ("MINUTES", "Minutes of the meeting ...").
// What minutes record is decided, not asked.
bool minutes_paper(const Segments& segments);

// The day a summons or notice says its meeting is ("A meeting of the County Council will be held
// ... on Thursday, 9th January, 2025"; "... to be held ... on Thursday 19th October", the year
// from the paper's own date before it), within its first 4000 bytes; nullopt when none.
std::optional<DateValue> announced_meeting_date(const Segments& segments);
// Where, in head, the words after such a summons' "on" begin and end (the day and time: "Thursday,
// 9th January, 2025 at 10.00 am"): the first "meeting" followed within 250 characters by "will be
// held", "to be held", "is to be held", "will take place", "is scheduled" or "shall be held", and
// within 250 more by "on"; then up to 60 characters that do not end a sentence. A full stop is
// passed over only before a capital (after at most one space) before "on", only in "3.00" or
// "p.m." after it. Letters in any case. nullopt when none.
std::optional<std::pair<std::size_t, std::size_t>> announced_words(std::string_view head);

// "Benjamin Watts", "Dr Jane O'Neil": a person's name and nothing else.
bool is_person_name(std::string_view line);
// "2 Marsham Street", "45 Beatty Street": a number and a street's name (its last word one of
// lexicons/street_kinds.txt), an address line.
bool is_street_line(std::string_view line);
// An address's line: a street line, or a line that ends in a postcode ("London SW1P 4DF",
// "Nipissing ON P0H 1W0", "Lake Oswego, OR 97034", "Limerick V94 PR9K").
bool is_address_line(std::string_view line);
// "Simon Jones, Corporate Director Growth": a line that opens with a person's name and a comma.
bool opens_with_person(std::string_view line);
// "Interim Corporate Director Finance, John Betts": a line of a role, a comma, then a person's
// name (how some papers order "From:" rows).
bool ends_with_person(std::string_view line);

// "public", "exempt", "confidential" for a marking such as "Unrestricted", "NOT FOR PUBLICATION",
// "Exempt - Schedule 12A paragraph 3", "Public Report"; nullopt when the words are no marking.
std::optional<std::string> classification_of(std::string_view marking);

// "CAMBRIDGESHIRE POLICE AND CRIME PANEL" -> "Cambridgeshire Police and Crime Panel"; mixed case stays.
std::string body_name(std::string_view written);

}  // namespace papers
