// Titles by how a paper is set: display groups from styled lines (larger, or bold or centred
// capitals alone on their row; a heading on several lines one group, further apart only where the
// next line goes on), and the title chosen from them over banners, dates, stamps, markings and
// body headings.
#include <catch2/catch.hpp>

#include "extractors/header_fields.h"
#include "extractors/typography.h"
#include "tests/text_fixture.h"

using namespace papers;

namespace {

StyledLine line(const std::string& text, double size, bool bold, double top, double left = 72, double right = 400) {
  return StyledLine{text, size, bold, top, left, right, 595, 1};
}

// A one-page paper whose text is the styled lines' words, one a line, with that typography.
Segments set_as(const std::vector<StyledLine>& lines, double body_size) {
  std::string text;
  for (const StyledLine& l : lines) text += l.text + "\n";
  Segments s = papers::test::segment_text(text);
  s.text.styled = lines;
  s.text.body_size = body_size;
  return s;
}

}  // namespace

TEST_CASE("typography: a heading on three lines is one group / a row of cells is not display type", "[typography]") {
  const auto s = set_as({line("276", 11, false, 37, 507, 525), line("MINUTES OF THE SOULDERN PARISH COUNCIL MEETING", 11, true, 78, 182, 420),
                         line("HELD IN THE VILLAGE HALL", 11, true, 91, 249, 350), line("ON 21st July 2016", 11, true, 103, 271, 330),
                         line("Present:", 11, true, 132, 128, 170), line("Also in attendance:", 11, true, 132, 265, 360),
                         line("N Oakhill (NO)", 11, false, 145)},
                        11);
  const auto g = display_groups(s.text);
  REQUIRE(g.size() == 1);
  CHECK(g[0].text == "MINUTES OF THE SOULDERN PARISH COUNCIL MEETING HELD IN THE VILLAGE HALL ON 21st July 2016");
  CHECK(g[0].lines == 3);
  CHECK(typographic_title(s)->value == g[0].text);
}

TEST_CASE("typography: the largest heading that could be a title, over a brand, a banner and a date", "[typography]") {
  const auto s = set_as({line("Metro", 17.9, true, 86, 281, 330), line("Los Angeles County Metropolitan Transportation Authority", 9.9, false, 115),
                         line("Agenda - Final", 16.1, true, 284, 250, 340), line("Thursday, June 15, 2017", 12.3, true, 318, 235, 360),
                         line("Executive Management Committee", 16.1, true, 440, 173, 420)},
                        9.7);
  CHECK(typographic_title(s)->value == "Agenda - Final");
  // A body's name, an organisation's, a date line and a stamp are banners, not titles; the title
  // under them is set no larger.
  const auto k = set_as({line("Souldern Parish Council", 11, true, 24, 241, 360), line("14th September 2017 at 7.30pm in the Village Hall", 11, true, 36, 174, 420),
                         line("Agenda & Summons to Councillors and Invitation to Members of the Public", 11, true, 62, 108, 490),
                         line("1.", 11, true, 100, 72, 80), line("To receive apologies for absence", 11, true, 100, 108, 300)},
                        12);
  CHECK(typographic_title(k)->value == "Agenda & Summons to Councillors and Invitation to Members of the Public");
}

TEST_CASE("typography: no title below the body's first heading / none from a marking or furniture", "[typography]") {
  const auto s = set_as({line("To:", 11, true, 74, 64, 80), line("Highways and Transport Committee", 11, false, 74, 264, 400),
                         line("WINTER SERVICE REVIEW 2018/19", 11, true, 129, 64, 300), line("1. Purpose", 13, true, 152, 64, 140),
                         line("1.1 This report reviews the delivery of the winter gritting service between 1", 11, false, 179, 64, 520)},
                        11);
  CHECK(typographic_title(s)->value == "WINTER SERVICE REVIEW 2018/19");
  const auto m = set_as({line("NOT FOR PUBLICATION", 11, true, 60, 64, 200), line("by virtue of paragraph 3 of Part 1 of Schedule 12A", 11, true, 74, 64, 400),
                         line("Draft", 14, true, 100, 64, 100), line("(Pages 1 - 4)", 11, true, 120, 64, 150)},
                        11);
  CHECK_FALSE(typographic_title(m));
  // A status under the heading is not part of it.
  const auto d = set_as({line("UNCLASSIFIED", 11, false, 38, 266, 340), line("Transparency Board Minutes", 12, true, 75, 215, 380),
                         line("19.11.10", 12, true, 90, 274, 320), line("Draft", 12, true, 106, 284, 310)},
                        12);
  CHECK(typographic_title(d)->value == "Transparency Board Minutes 19.11.10");
  // No typography (OCR, text files): no typographic title.
  CHECK_FALSE(typographic_title(papers::test::segment_text("WINTER SERVICE REVIEW\n\n1. Purpose\n")));
}

TEST_CASE("typography: centred capitals in a plain face are a heading / the line that goes on joins it", "[typography]") {
  const auto s = set_as({line("MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL", 11, false, 64, 141, 454),
                         line("HELD IN THE VILAGE HALL", 11, false, 88, 233, 362), line("ON 27th November 2025", 11, false, 113, 243, 352),
                         line("Present:", 11, false, 138, 72, 110), line("Members of the Public:", 11, false, 138, 324, 430)},
                        11);
  CHECK(typographic_title(s)->value == "MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL HELD IN THE VILAGE HALL ON 27th November 2025");
  // Left-aligned capitals in a plain face are text, not a heading.
  const auto t = set_as({line("THE COUNCIL NOTED THE REPORT", 11, false, 64, 72, 300)}, 11);
  CHECK(display_groups(t.text).empty());
}

TEST_CASE("header: the words' title wins over typography, which may only lengthen it", "[typography][header]") {
  // A labelled title beats a larger line.
  auto s = set_as({line("KENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION", 16, true, 67, 54, 540),
                   line("Title of Decision: Adoption of the Integrated Care Strategy Delivery Plan", 12, true, 239, 29, 500)},
                  12);
  CHECK(extract_header_fields(s).title->value == "Adoption of the Integrated Care Strategy Delivery Plan");
}

TEST_CASE("header: a body's banner on the first page / the words around a body's name go / a parish council meets as itself", "[typography][header]") {
  // "TRANSPARENCY BOARD" set as a banner over an agenda; "4th Meeting" is no body.
  auto s = set_as({line("TRANSPARENCY BOARD", 12, true, 129, 224, 370), line("4th Meeting", 12, false, 149, 266, 330),
                   line("11th January 2011, 14:45 - 16:15", 12, false, 160, 209, 390), line("AGENDA", 12, true, 232, 272, 320)},
                  12);
  auto h = extract_header_fields(s);
  CHECK(h.body->value == "Transparency Board");
  CHECK(h.meeting_date->start == "2011-01-11");
  CHECK(h.title->value == "AGENDA");
  // Minutes of "a meeting of the Cabinet": the Cabinet.
  auto k = extract_header_fields(papers::test::segment_text(
      "KENT COUNTY COUNCIL\n\nCABINET\n\nMINUTES of a meeting of the Cabinet held in the Council Chamber on Thursday, 30 January 2025.\n\n"
      "84. Apologies\n\nApologies were received.\n"));
  CHECK(k.body->value == "Cabinet");
  CHECK(k.meeting_date->start == "2025-01-30");
  // A parish council's minutes: the council is the body and the organisation.
  auto m = extract_header_fields(papers::test::segment_text(
      "MINUTES OF THE SOULDERN PARISH COUNCIL MEETING HELD IN THE VILLAGE HALL ON 21st July 2016\n\n1. Apologies\n\nNone.\n"));
  CHECK(m.body->value == "Souldern Parish Council");
  CHECK(m.organisation->value == "Souldern Parish Council");
  CHECK(m.meeting_date->start == "2016-07-21");
  // Minutes' "Date" row is the meeting's; an organisation's name in a tagline is none (the
  // organisation is the banner's, named by its legal form: an industrial and provident society).
  auto t = extract_header_fields(papers::test::segment_text(
      "Suffolk Libraries IPS - Board Meeting Minutes\n\nTitle of Meeting\tSuffolk Libraries IPS - Board Meeting\nDate\t29th May 2013\n"
      "Shaping the future of our fire and rescue service\n\n1. Apologies\n\nNone.\n"));
  CHECK(t.meeting_date->start == "2013-05-29");
  CHECK_FALSE(t.report_date);
  CHECK(t.body->value == "Board");
  REQUIRE(t.organisation);
  CHECK(t.organisation->value == "Suffolk Libraries IPS");
}

TEST_CASE("header: a paper opening with unnumbered headings reads them as its header / the meeting's date in a banner is no report date", "[header]") {
  auto h = extract_header_fields(papers::test::segment_text(
      "MINUTES\n\nTOWNSHIP OF NIPISSING\n\nTuesday, September 5, 2023\n\nA regular meeting of the Township of Nipissing Council "
      "was held on Tuesday, September 5, 2023 starting at 6:30 p.m.\n\nPresent: Mayor Tom Piper.\n"));
  CHECK(h.body->value == "Township of Nipissing Council");
  CHECK(h.organisation->value == "Township of Nipissing");
  CHECK(h.meeting_date->start == "2023-09-05");
  CHECK_FALSE(h.report_date);
  CHECK((h.title->value == "MINUTES" || h.title->value == "Minutes"));
}

TEST_CASE("header: who signed the paper is its author (Signed..., a sign-off, a name in the last lines over a role)", "[header]") {
  auto a = extract_header_fields(papers::test::segment_text(
      "Souldern Parish Council\n\nAGENDA\n\n1. Apologies\n\n11. Date of next meeting\n\n"
      "Signed................................................... Barbara McGarry, Clerk to the Council.\n"));
  CHECK(a.author->value == "Barbara McGarry, Clerk to the Council");
  auto r = extract_header_fields(papers::test::segment_text(
      "Rivergrove City Council Meeting Minutes\n\n1. CALL TO ORDER\n\nThe meeting was adjourned at 9:11 p.m.\n\n"
      "Respectfully submitted,\n\nLeanne Moll\nCity Manager/City Recorder\n"));
  CHECK(r.author->value == "Leanne Moll, City Manager/City Recorder");
  auto n = extract_header_fields(papers::test::segment_text(
      "STATEMENT OF PERSONS NOMINATED\n\n1. Candidates\n\nThe persons above stand validly nominated.\n\n"
      "Dated Friday 13 October 2023\tDawn Carter-McDonald\nReturning Officer\n"));
  CHECK(n.author->value == "Dawn Carter-McDonald, Returning Officer");
  // A name with no role is no signature.
  auto x = extract_header_fields(papers::test::segment_text("AGENDA\n\n1. Apologies\n\nRespectfully submitted,\n\nLeanne Moll\n"));
  CHECK_FALSE(x.author);
  // A sign-off after a sentence, in a dump that lost its line breaks.
  auto l = extract_header_fields(papers::test::segment_text(
      "Limerick City and County Council\n\nNOTICE OF MEETING\n\nThe business is set out on the appended Agenda. Is mise le "
      "meas, Eugene Griffin, Meetings Administrator.\nAGENDA\n1. Apologies\n"));
  CHECK(l.author->value == "Eugene Griffin, Meetings Administrator");
  // The clerk closing an agenda on a line of their own, a dash between name and role, the phone after;
  // the agenda's item "To receive the minutes" does not make it minutes.
  auto c = extract_header_fields(papers::test::segment_text(
      "Souldern Parish Council\n\nAgenda & Summons to Councillors\n\n1. To receive apologies\n\n2. To receive the minutes of "
      "the last meeting\n\n3. Any other business\n\nCathy Fleet - Parish Clerk - 01869 347000\n\nPublic & Press welcome\n"));
  REQUIRE(c.author);
  CHECK(c.author->value == "Cathy Fleet, Parish Clerk");
  // Minutes close with who signed them as a true record, not who wrote them.
  auto m = extract_header_fields(papers::test::segment_text(
      "Souldern Parish Council\n\nMinutes of the meeting\n\n1. Apologies were received.\n\nJohn Smith - Chairman\n"));
  CHECK_FALSE(m.author);
}

TEST_CASE("typography: small print beside a title leaves it alone / a line left open goes on in another weight", "[typography]") {
  const auto s = set_as({line("DEMOCRATIC SERVICES", 9, false, 200, 60, 160), line("Summons to and", 24, false, 197, 289, 470),
                         line("COUNTY HALL", 9, false, 212, 60, 130), line("Agenda for an", 24, false, 224, 289, 440),
                         line("Extraordinary Meeting on", 24, false, 252, 289, 540), line("Thursday, 9th March", 24, true, 285, 289, 500),
                         line("2028 at 10.00 am", 24, true, 313, 289, 480), line("To: All Members of the County Council", 11, false, 420),
                         line("Members are summoned to a meeting of the County Council.", 11, false, 440)},
                        11);
  CHECK(typographic_title(s)->value == "Summons to and Agenda for an Extraordinary Meeting on Thursday, 9th March 2028 at 10.00 am");
}

// Found reading scans at half resolution: an OCR'd title and the first section heading under it,
// rows in capitals measured at one height (OCR gives no weight), were read as one title
// ("WINTER SERVICE REVIEW 2018/19 1. Purpose"). A line opening with a section's number starts a
// section.
TEST_CASE("typography: a numbered section heading never goes on from a title / an unnumbered line still does", "[typography]") {
  const auto measured = [](StyledLine l) {
    l.ocr = true;
    return l;
  };
  const auto s = set_as({measured(line("To: Highways and Transport Committee", 11, false, 60)),
                         measured(line("WINTER SERVICE REVIEW 2018/19", 14.5, false, 110, 72, 330)),
                         measured(line("1. Purpose", 14.5, false, 135, 72, 150)),
                         measured(line("1.1 This report reviews the delivery of the winter gritting service", 11, false, 160))},
                        11);
  const auto g = display_groups(s.text);
  REQUIRE(g.size() == 2);
  CHECK(g[0].text == "WINTER SERVICE REVIEW 2018/19");
  CHECK(g[1].text == "1. Purpose");
  CHECK(typographic_title(s)->value == "WINTER SERVICE REVIEW 2018/19");

  // The same rows with an unnumbered second line: one heading on two lines.
  const auto t = set_as({measured(line("WINTER SERVICE REVIEW", 14.5, false, 110, 72, 330)),
                         measured(line("FOR 2018/19", 14.5, false, 135, 72, 150)),
                         measured(line("This report reviews the delivery of the winter gritting service", 11, false, 160))},
                        11);
  const auto h = display_groups(t.text);
  REQUIRE(h.size() == 1);
  CHECK(h[0].text == "WINTER SERVICE REVIEW FOR 2018/19");
}
