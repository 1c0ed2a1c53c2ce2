// Header fields, recommendations, contacts, legal references and links on small papers in
// the house styles the extractors claim, and near-misses that must not match.
#include <catch2/catch.hpp>

#include "extractors/contacts.h"
#include "extractors/dates.h"
#include "extractors/decisions.h"
#include "extractors/header_fields.h"
#include "extractors/legal_references.h"
#include "extractors/lexicon.h"
#include "extractors/links.h"
#include "extractors/recommendations.h"
#include "pipeline/fields.h"
#include "pipeline/normalise.h"
#include "pipeline/segment.h"
#include "tests/text_fixture.h"

using namespace papers;
using papers::test::segment_text;

TEST_CASE("header: memo style", "[header]") {
  auto s = segment_text("To: Audit Committee\nFrom: Chief Finance Officer\nDate: 3 May 2019\n\nTREASURY REPORT\n\n1. Purpose\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.body);
  CHECK(h.body->value == "Audit Committee");
  CHECK(h.author->value == "Chief Finance Officer");
  CHECK(h.report_date->start == "2019-05-03");
  CHECK_FALSE(h.meeting_date);
  CHECK(h.title->value == "TREASURY REPORT");
  CHECK_FALSE(h.classification);
}

TEST_CASE("header: ModernGov style with body and meeting date on one line", "[header]") {
  auto s = segment_text("To: Cabinet - 4th March 2025\nSubject: Waste Strategy\nClassification: Unrestricted\n\n1. Introduction\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  CHECK(h.body->value == "Cabinet");
  CHECK(h.meeting_date->start == "2025-03-04");
  CHECK(h.title->value == "Waste Strategy");
  CHECK(h.classification->value == "public");
}

TEST_CASE("header: banner style", "[header]") {
  auto s = segment_text("SOUTHSHIRE POLICE AND CRIME PANEL\tAgenda Item 5(a)\n12 June 2023\tPublic Report\n\nReport of the Chief Executive\n\nANNUAL REPORT\n\n1. PURPOSE\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  CHECK(h.body->value == "Southshire Police and Crime Panel");
  CHECK(h.agenda_item->value == "5(a)");
  CHECK(h.meeting_date->start == "2023-06-12");
  CHECK(h.author->value == "Chief Executive");
  CHECK(h.classification->value == "public");
  CHECK(h.title->value == "ANNUAL REPORT");
}

TEST_CASE("header: a record of decision (Kent) / labels over values / title under its label / letter sign-off", "[header]") {
  auto s = segment_text(
      "Ask for:\tGeorgina Little\nDate:\t27 January 2025\n\nDear Member\n\nYours sincerely\n\nBenjamin Watts\nGeneral Counsel\n\n"
      "Agenda Item 9\n\nKENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION\n\n"
      "DECISION TO BE TAKEN BY:\tDECISION NO:\n\nCabinet\t24/00096\n\n"
      "For publication [Do not include information which is exempt from publication under schedule 12a of the Local "
      "Government Act 1972]\n\nSubject Matter / Title of Decision\nCommissioning Plan for Education Provision in Kent 2025-29\n\n"
      "1. Background\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.body);
  CHECK(h.body->value == "Cabinet");
  REQUIRE(h.organisation);
  CHECK(h.organisation->value == "Kent County Council");
  REQUIRE(h.title);
  CHECK(h.title->value == "Commissioning Plan for Education Provision in Kent 2025-29");
  CHECK(h.agenda_item->value == "9");
  CHECK(h.classification->value == "public");
  REQUIRE(h.author);
  CHECK(h.author->value == "Benjamin Watts, General Counsel");
  CHECK(h.report_date->start == "2025-01-27");
}

TEST_CASE("header: an agenda front sheet is titled Agenda / an organisation's name alone is no title", "[header]") {
  auto s = segment_text("AGENDA\n\nCABINET\n\nUNRESTRICTED ITEMS\n\n1. Apologies\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.title);
  CHECK(h.title->value == "Agenda");
  CHECK(h.body->value == "Cabinet");
  // "- " after something that is not an organisation is not split off.
  auto t = segment_text("Cabinet - 30 January 2025\n\nHIGHWAYS - WINTER SERVICE PLAN\n\n1. Purpose\n\n1.1 Text.\n");
  auto g = extract_header_fields(t);
  CHECK_FALSE(g.organisation);
  CHECK(g.title->value == "HIGHWAYS - WINTER SERVICE PLAN");
}

TEST_CASE("header: an agenda's two header columns run together / the meeting announced with its time", "[header][contacts]") {
  auto s = segment_text("AGENDA\n\nCABINET\n\nThursday, 30th January, 2025, at 10.00 am Ask for:\tGeorgina Little\n"
                        "Council Chamber, Sessions House, Telephone:\tTel: 03000 414043\n"
                        "County Hall, Maidstone\tEmail: georgina.little@kent.gov.uk\n\n1. Apologies\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.meeting_date);
  CHECK(h.meeting_date->start == "2025-01-30");
  CHECK_FALSE(h.report_date);
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Georgina Little"));
  CHECK(c[0].phone == std::optional<std::string>("+443000414043"));
  CHECK(c[0].email == std::optional<std::string>("georgina.little@kent.gov.uk"));
  // A date followed by other words is no announcement.
  auto t = segment_text("Cabinet\n\n3 May 2019 at the latest the plan is due\n\n1. Purpose\n\n1.1 Text.\n");
  CHECK_FALSE(extract_header_fields(t).meeting_date);
}

TEST_CASE("header: the meeting's day from a summons' words, a lone date under an agenda's heading, never a month", "[header]") {
  // "will be held ... on DATE" (the summons' own date is the report's); a banner's "January, 2025"
  // whose day went to the line above is no meeting date.
  auto k = extract_header_fields(segment_text(
      "Summons to and\nAgenda for an\nExtraordinary\nMeeting on\nThursday, 9th\nJanuary, 2025 at 10.00 am\n\nDEMOCRATIC SERVICES\n\n"
      "Tuesday, 31 December 2024\n\nTo:\tAll Members of the County Council\n\nAn extraordinary meeting of the County Council will "
      "be held in the Council Chamber, County Hall, Maidstone on Thursday, 9th January, 2025 at 10.00 am.\n\nAGENDA\n\n1. Apologies\n"));
  REQUIRE(k.meeting_date);
  CHECK(k.meeting_date->start == "2025-01-09");
  // No year in the words: the year of the paper's date before them.
  auto l = extract_header_fields(segment_text(
      "13th October, 2023.\nTo: Each Member of the Municipal District A Chomhairleoir, a chara, You are requested to attend a "
      "Meeting of the Municipal District to be held in Kilmallock, Co. Limerick on Thursday 19th October at 3.00 p.m. The "
      "business is set out on the appended Agenda.\nAGENDA\n1. Minutes\n"));
  REQUIRE(l.meeting_date);
  CHECK(l.meeting_date->start == "2023-10-19");
  // Issued in December for January.
  auto n = extract_header_fields(segment_text(
      "15th December, 2023.\nTo: Each Member. You are requested to attend a Meeting of the Council to be held in the Chamber on "
      "Monday 8th January at 3.00 p.m.\nAGENDA\n1. Minutes\n"));
  REQUIRE(n.meeting_date);
  CHECK(n.meeting_date->start == "2024-01-08");
  // A lone date under an agenda's heading, below a letterhead; times beside a minutes' date.
  auto a = extract_header_fields(segment_text(
      "The Corporation of the Township of Nipissing\n45 Beatty Street\nTelephone 705-724-2144\n\n*** AGENDA ***\nTuesday, April 18, "
      "2023\n1. Disclosure of pecuniary interest.\n\n2. Committee Reports.\n"));
  REQUIRE(a.meeting_date);
  CHECK(a.meeting_date->start == "2023-04-18");
  auto m = extract_header_fields(segment_text(
      "Crime and Justice Transparency Sector Panel\n\n10:00-11:30, 14 February 2014\nLower Ground 6, 102 Petty France, London\n\n"
      "Minutes\n\n1. Welcome\n\n1.1 The Chair welcomed members.\n"));
  REQUIRE(m.meeting_date);
  CHECK(m.meeting_date->start == "2014-02-14");
}

TEST_CASE("header: papers for no meeting (election notices, appeal decisions) have no body, their date their own", "[header]") {
  // An election notice: no body (the letterhead's address names the organisation), dated at its end,
  // signed by a name over a line whose last cell is the role.
  auto n = extract_header_fields(segment_text(
      "Electoral Office for Northern Ireland\nElection of Members of the Assembly\n\nSTATEMENT OF PERSONS NOMINATED\nand\n"
      "NOTICE OF POLL\nThe following persons stand validly nominated.\n\nThe poll will be held on Thursday 5 May 2016.\n\nRae Kirk\n"
      "Dated: Tuesday 12 April 2016\tDeputy Returning Officer\n\nBallymena Area Electoral Office\n"));
  CHECK_FALSE(n.body);
  CHECK_FALSE(n.meeting_date);
  REQUIRE(n.report_date);
  CHECK(n.report_date->start == "2016-04-12");
  REQUIRE(n.author);
  CHECK(n.author->value == "Rae Kirk, Deputy Returning Officer");
  REQUIRE(n.organisation);
  CHECK(n.organisation->value == "Electoral Office for Northern Ireland");
  auto b = extract_header_fields(segment_text(
      "Statement of persons nominated\n\nElection of District Councillors\n\nThe persons above stand validly nominated.\n\n"
      "Dated Wednesday 5 April 2023.\nLynne Ridsdale, Returning Officer.\n\nBury Council, Town Hall, Knowsley Street, Bury, BL9 0SW\n"));
  CHECK_FALSE(b.body);
  CHECK_FALSE(b.meeting_date);
  REQUIRE(b.organisation);
  CHECK(b.organisation->value == "Bury Council");
  // An appeal decision, signed by initials and a surname over the role as its last lines.
  auto a = extract_header_fields(segment_text(
      "Appeal Decision\nSite visit made on 20 December 2016\n\nDecision\n\n1. The appeal is dismissed.\n\nReasons\n\n2. The site "
      "is remote.\n\nJ E Tempest\nINSPECTOR\n"));
  CHECK_FALSE(a.body);
  CHECK_FALSE(a.meeting_date);
  REQUIRE(a.author);
  CHECK(a.author->value == "J E Tempest, INSPECTOR");
  auto d = extract_decisions(segment_text("Appeal Decision\nSite visit made on 20 December 2016\n\nDecision\n\nThe appeal is dismissed.\n\n"
                                          "Preliminary Matters\n\nThe appellant asked for costs.\n"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].text == "The appeal is dismissed.");
  // A report with that kind in its title but addressed to a committee keeps its body.
  auto r = extract_header_fields(segment_text("Report to:\tAudit and Governance Committee\nDate:\t23 July 2020\nTitle:\tAnnual Governance "
                                              "Statement 2019/20\n\n1. Purpose\n\n1.1 To present the statement.\n"));
  REQUIRE(r.body);
  CHECK(r.body->value == "Audit and Governance Committee");
}

TEST_CASE("header: who a response is from and signed on behalf of, a resolution form's date, a title naming its meeting's body", "[header]") {
  auto h = extract_header_fields(segment_text(
      "Application S.17/051/CPE\nLand at Barton End\nResponse from Horsley Parish\nCouncil\n\nIntroduction\n\nThe onus is on the "
      "applicant.\n\nSigned on behalf of Horsley Parish Council\nDated:\n"));
  CHECK_FALSE(h.body);  // "Council" finishes the line above
  REQUIRE(h.organisation);
  CHECK(h.organisation->value == "Horsley Parish Council");
  REQUIRE(h.author);
  CHECK(h.author->value == "Horsley Parish Council");
  // A resolution's form: its DATE is the meeting's.
  auto f = extract_header_fields(segment_text("TOWNSHIP OF NIPISSING\tRESOLUTION\n\nDATE:\tSeptember 17, 2024\n\nMoved by\n\nSeconded by\n\n"
                                              "THAT Council changes the date of the meeting.\n\nCarried\n"));
  REQUIRE(f.meeting_date);
  CHECK(f.meeting_date->start == "2024-09-17");
  // A title that names the meeting names its body.
  auto m = extract_header_fields(segment_text("Regular Meeting of the Board of Trustees\n\n1. Call to order\n\n2. Roll call\n"));
  REQUIRE(m.body);
  CHECK(m.body->value == "Board of Trustees");
}

TEST_CASE("header: two people in From: are both the author, joined by a semicolon", "[header]") {
  // Laid out as a PDF gives it: the second person starts under the first one's value.
  PageTexts in;
  in.pages.push_back(PageText{1,
                              "From:          Derek Holt, Cabinet Member for Community and\n"
                              "               Regulatory Services\n"
                              "               Simon Jones, Corporate Director Growth,\n"
                              "               Environment and Transport\n"
                              "To:            Cabinet - 4th March 2025\n\n1. Introduction\n\n1.1 Text.\n",
                              "text", std::nullopt, "", 0, "", {}, 0});
  auto segments = SegmentStage()(NormaliseStage()(std::move(in)).value()).value();
  auto h = extract_header_fields(segments);
  REQUIRE(h.author);
  CHECK(h.author->value ==
        "Derek Holt, Cabinet Member for Community and Regulatory Services; Simon Jones, Corporate Director Growth, "
        "Environment and Transport");
  // Lines up to the next label belong to the author, also when a role runs on to a line of its own.
  auto k = segment_text(
      "From:\tSue Chandler, Cabinet Member for Integrated Children's Services\n\n\tDan Watkins, Cabinet Member for Adult "
      "Social Care\n\nSarah Hammond, Corporate Director, Children, Young\nPeople and Education\n\nTo:\tCabinet - 30 January "
      "2025\n\nSubject:\tTransfer of a service\n\n1. Introduction\n\n1.1 Text.\n");
  REQUIRE(extract_header_fields(k).author);
  CHECK(extract_header_fields(k).author->value ==
        "Sue Chandler, Cabinet Member for Integrated Children's Services; Dan Watkins, Cabinet Member for Adult Social Care; "
        "Sarah Hammond, Corporate Director, Children, Young People and Education");
  // A wrapped role that starts with a capital is still one person.
  auto s = segment_text("From:\tChief Finance Officer\nTo:\tAudit Committee\n\n1. Purpose\n\n1.1 Text.\n");
  CHECK(extract_header_fields(s).author->value == "Chief Finance Officer");
}

TEST_CASE("header: an agenda's closing block gives its author, issue date and a contact", "[header][contacts]") {
  auto s = segment_text("AGENDA\n\nCABINET\n\nUNRESTRICTED ITEMS\n\n1. Apologies\n\n2. Minutes\n\nEXEMPT ITEMS\n\n"
                        "Benjamin Watts\nGeneral Counsel\n03000 416814\n\nWednesday, 22 January 2025\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.author);
  CHECK(h.author->value == "Benjamin Watts, General Counsel");
  REQUIRE(h.report_date);
  CHECK(h.report_date->start == "2025-01-22");
  CHECK(h.classification->value == "public");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Benjamin Watts"));
  CHECK(c[0].role == std::optional<std::string>("General Counsel"));
  CHECK(c[0].phone == std::optional<std::string>("+443000416814"));
  // A paper that ends with a paragraph, or with a name and a line of prose, has no such block.
  auto t = segment_text("To: Cabinet\n\n1. Purpose\n\n1.1 The plan was agreed.\n\nJane Smith\nThe plan is attached below.\n");
  CHECK_FALSE(closing_sign_off(t));
  auto u = segment_text("To: Cabinet\n\n1. Purpose\n\n1.1 The plan was agreed on 3 May 2019.\n");
  CHECK_FALSE(closing_sign_off(u));
}

TEST_CASE("header: a writer's compact date stamp closing a paper is its date, the initials its author", "[header]") {
  // "GE" over "Updated 181225": 18 December 2025, the century the paper's own years bear out.
  auto s = segment_text("Special report: December 2025 update\n\nAs of 18 December the applications are live.\n\nGE\nUpdated 181225\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.report_date);
  CHECK(h.report_date->start == "2025-12-18");
  CHECK(h.report_date->text == "181225");
  REQUIRE(h.author);
  CHECK(h.author->value == "GE");
  // Initials on the stamp's own line.
  auto t = segment_text("January report\n\nThe budget for 2026/27 was published.\n\nGE 270126\n");
  REQUIRE(closing_date_stamp(t));
  CHECK(closing_date_stamp(t)->date.start == "2026-01-27");
  CHECK(closing_date_stamp(t)->initials->value == "GE");
  // No year in the paper to say which century: no date. Six figures that are no day: none.
  CHECK_FALSE(closing_date_stamp(segment_text("January report\n\nThe enquiries are logged.\n\nGE 270126\n")));
  CHECK_FALSE(closing_date_stamp(segment_text("Report of 2019\n\nThe enquiries are logged.\n\nRef 451319\n")));
  CHECK_FALSE(closing_date_stamp(segment_text("Report of 2019\n\nThe total was\n\n120319 pounds in all.\n")));
}

TEST_CASE("header: an agenda naming the body that meets on its day names its body / another day's meeting does not", "[header]") {
  auto s = segment_text("The Corporation of the Township of Nipissing\n\n*** AGENDA ***\nTuesday, April 18, 2023\n\n"
                        "1. Disclosure of pecuniary interest.\n\n2. By-Law: Confirming Proceedings of Council at its meeting held "
                        "April 18, 2023.\n\n3. Adjournment.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.body);
  CHECK(h.body->value == "Council");
  auto t = segment_text("The Corporation of the Township of Nipissing\n\n*** AGENDA ***\nTuesday, April 18, 2023\n\n"
                        "1. Disclosure of pecuniary interest.\n\n2. Resolution: adopt what Council decided at its meeting held "
                        "April 4, 2023.\n\n3. Adjournment.\n");
  CHECK_FALSE(extract_header_fields(t).body);
}

TEST_CASE("header: a scanned letter's signature between the sign-off and the name is passed over, a role on two lines kept", "[header]") {
  auto s = segment_text("A Chara,\n\nA meeting of the Joint Policing Committee will be held on Friday.\n\nIs mise. le meas,\n\n_Z\n\n"
                        "Laura Flannery, ----\nSenior Executive Officer\nCorporate Services, Governance & Customer Services\n\n"
                        "AGENDA\n1. To confirm the minutes.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.author);
  CHECK(h.author->value == "Laura Flannery, Senior Executive Officer, Corporate Services, Governance & Customer Services");
}

TEST_CASE("header: minutes naming no body in their heading name it as the subject of what the meeting did", "[header]") {
  auto s = segment_text("Minutes\n\nMW welcomed members. The Board agreed with this approach. RJ said the approach should be "
                        "trialled.\n\nThe Board discussed each point of the statement of intent.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.body);
  CHECK(h.body->value == "Board");
  // Once only, or two kinds acting: no body.
  CHECK_FALSE(extract_header_fields(segment_text("Minutes\n\nThe Board agreed with this approach. The plan was noted.\n")).body);
  CHECK_FALSE(extract_header_fields(segment_text("Minutes\n\nThe Board agreed the plan. The Committee noted it. The Board "
                                                 "discussed the costs.\n")).body);
}

TEST_CASE("header: minutes whose heading ends with the day they were held ('ON 25th November 2020 by Zoom') have that meeting date", "[header]") {
  auto s = segment_text("MINUTES OF THE SOULDERN PARISH COUNCIL MEETING HELD IN THE VILLAGE HALL\n\n"
                        "ON 25th November 2020 by Zoom videoconference\n\nPresent:\tNick Oakhill\n\n11.20.01 Apologies\n\nNone.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.meeting_date);
  CHECK(h.meeting_date->start == "2020-11-25");
}

TEST_CASE("header: a person's affiliation in a list of those present is not the paper's organisation", "[header]") {
  auto s = segment_text("Welsh Technical Standards Board\n\nMinutes of the meeting\nThursday 28 March 2019\n\n"
                        "Apologies: Ann Wrightson (AW)\t-\tAneurin Bevan UHB\nLee Coates (LC)\t-\tCardiff City Council\n\n"
                        "1. Welcome\n\nMW welcomed members.\n");
  auto h = extract_header_fields(s);
  CHECK_FALSE(h.organisation);
}

TEST_CASE("header: the session is not the body / a person deciding is no body / Report to + Date is the meeting's", "[header]") {
  auto s = segment_text("Meeting:\tTrust Board (Part 1)\nDate of meeting:\t7 March 2024\n\n1. Purpose\n\n1.1 Text.\n");
  CHECK(extract_header_fields(s).body->value == "Trust Board");
  auto d = segment_text("Decision maker:\tDirector of Housing\nDate of report:\t2 August 2023\n\n1. Decision\n\n1.1 Text.\n");
  CHECK_FALSE(extract_header_fields(d).body);
  auto c = segment_text("Decision maker:\tPlanning Committee\n\n1. Decision\n\n1.1 Text.\n");
  CHECK(extract_header_fields(c).body->value == "Planning Committee");
  auto r = segment_text("Report to:\tAudit and Governance Committee\nDate:\t23 July 2020\nReport of:\tChief Finance Officer\n\n"
                        "1. Purpose\n\n1.1 Text.\n");
  auto h = extract_header_fields(r);
  REQUIRE(h.meeting_date);
  CHECK(h.meeting_date->start == "2020-07-23");
  CHECK_FALSE(h.report_date);
  // A memo's To: / Date: is the memo's own date.
  auto m = segment_text("To:\tAudit Committee\nFrom:\tChief Finance Officer\nDate:\t3 May 2019\n\n1. Purpose\n\n1.1 Text.\n");
  CHECK(extract_header_fields(m).report_date->start == "2019-05-03");
  CHECK_FALSE(extract_header_fields(m).meeting_date);
}

TEST_CASE("header: minutes of 'the meeting' name no body / the banner does / the minutes heading is the title", "[header]") {
  auto s = segment_text("COUNTY OF SEVERN PENSION FUND\n\nPENSIONS PANEL\n\nMINUTES of the meeting held on 4 April 2018\n\n"
                        "1. Declarations of Interest\n\n1.1 None.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.body);
  CHECK(h.body->value == "Pensions Panel");
  CHECK(h.meeting_date->start == "2018-04-04");
  CHECK(h.title->value == "MINUTES of the meeting held on 4 April 2018");
}

TEST_CASE("header: bilingual banner / summons sentence / body then document kind / ICB and PCC office as organisations", "[header]") {
  auto w = segment_text("CYNGOR SIR GLANNAU - GLANNAU COUNTY COUNCIL\n\nReport to:\tCabinet\n\n1. Purpose\n\n1.1 Text.\n");
  CHECK(extract_header_fields(w).organisation->value == "Glannau County Council");
  auto t = segment_text("MARKET HADLEY TOWN COUNCIL\n\nSUMMONS TO ATTEND A MEETING OF THE TOWN COUNCIL\n\n"
                        "You are hereby summoned to attend a meeting of Market Hadley Town Council on Thursday 9 January 2020 at "
                        "7.00 pm in the Council Chamber.\n\nAGENDA\n\n1. Apologies\n\n1.1 None.\n");
  auto h = extract_header_fields(t);
  CHECK(h.body->value == "Market Hadley Town Council");
  CHECK(h.meeting_date->start == "2020-01-09");
  CHECK(h.title->value == "SUMMONS TO ATTEND A MEETING OF THE TOWN COUNCIL");
  CHECK(h.organisation->value == "Market Hadley Town Council");
  auto l = segment_text("Eastbury Borough Council\n\nLICENSING SUB-COMMITTEE - NOTICE OF DETERMINATION\n\n"
                        "Date of hearing:\t1-3 May 2019\n\n1. Determination\n\n1.1 Text.\n");
  auto g = extract_header_fields(l);
  CHECK(g.body->value == "Licensing Sub-Committee");
  CHECK(g.title->value == "LICENSING SUB-COMMITTEE - NOTICE OF DETERMINATION");
  CHECK(g.meeting_date->start == "2019-05-01");
  auto i = segment_text("NHS Riverside Integrated Care Board\n\nMeeting\tICB Board (Public)\nDate\t26 October 2023\n\n"
                        "1. Purpose\n\n1.1 Text.\n");
  auto k = extract_header_fields(i);
  CHECK(k.organisation->value == "NHS Riverside Integrated Care Board");
  CHECK(k.body->value == "ICB Board");
  CHECK(k.meeting_date->start == "2023-10-26");  // "Meeting" with no date of its own: "Date" is the meeting's
  CHECK_FALSE(k.report_date);
  auto o = segment_text("OFFICE OF THE POLICE AND CRIME COMMISSIONER FOR WEALDSHIRE\n\nDECISION NOTICE\n\n1. Summary\n\n1.1 Text.\n");
  CHECK(extract_header_fields(o).organisation->value == "Office of the Police and Crime Commissioner for Wealdshire");
  auto m = segment_text("TO:\tALL MEMBERS OF THE FIRE AUTHORITY\nFROM:\tCLERK TO THE AUTHORITY\n\n1. INTRODUCTION\n\n1.1 TEXT.\n");
  CHECK(extract_header_fields(m).body->value == "Fire Authority");
}

TEST_CASE("header: the Report Author column of a contact table names the author", "[header]") {
  auto s = segment_text("Title:\tBetter Care Fund Plan\n\n1. Summary\n\n1.1 Text.\n\nReport Author:\tRelevant Director:\n"
                        "Tom Becker\tAngela Ruiz\nIntegration Programme Manager\tDirector of Adult Social Care\n"
                        "Telephone number\tTelephone number\n020 8545 3019\t020 8545 4141\n");
  REQUIRE(extract_header_fields(s).author);
  CHECK(extract_header_fields(s).author->value == "Tom Becker, Integration Programme Manager");
}

TEST_CASE("segments: a closing block is no paragraph of the last section", "[header]") {
  auto s = segment_text("AGENDA\n\n3. Budget\n\n3.1 To consider the precept.\n\n4. Lights\n\n4.1 To receive a report.\n\n"
                        "Sarah Moss\nTown Clerk\n0117 496 0312\n\n2 January 2020\n");
  REQUIRE(s.sections.size() == 2);
  REQUIRE(s.sections.back().paragraphs.size() == 1);
  CHECK(s.sections.back().paragraphs[0].number == std::optional<std::string>("4.1"));
  CHECK(s.trailer.size() == 4);
  // A section that ends with an ordinary unnumbered paragraph keeps it.
  auto t = segment_text("To: Board\n\n4. Lights\n\n4.1 To receive a report.\n\nThe meeting closed at 9.05 pm.\n");
  CHECK(t.sections.back().paragraphs.size() == 2);
}

TEST_CASE("header: London borough / a body banner over Date / Part 1 - Public / Item N: title / report to a meeting of / date of decision", "[header]") {
  auto s = segment_text("London Borough of Eastwick\n\nCabinet\n\nDate:\tMonday 13 November 2023\nClassification:\tPart 1 - Public\n\n"
                        "Temporary Accommodation Procurement Strategy\n\n1. Recommendations\n\n1.1 That Cabinet approves it.\n");
  auto h = extract_header_fields(s);
  CHECK(h.organisation->value == "London Borough of Eastwick");
  CHECK(h.body->value == "Cabinet");
  REQUIRE(h.meeting_date);
  CHECK(h.meeting_date->start == "2023-11-13");
  CHECK(h.classification->value == "public");
  CHECK(h.title->value == "Temporary Accommodation Procurement Strategy");
  auto p = segment_text("BRAMPTON ABBOTTS PARISH COUNCIL\n\nReport to the Parish Council meeting of 12th September 2005\n\n"
                        "Item 9: Allotments\n\nReport by the Parish Clerk\n\n1. The allotment site at Mill Field has 24 plots, of which "
                        "6 are vacant.\n\n2. The Council is recommended to reduce the rent from 1 October 2005.\n");
  auto g = extract_header_fields(p);
  CHECK(g.body->value == "Parish Council");
  CHECK(g.meeting_date->start == "2005-09-12");
  CHECK(g.agenda_item->value == "9");
  CHECK(g.title->value == "Allotments");
  CHECK(g.author->value == "Parish Clerk");
  REQUIRE(p.sections.size() == 1);  // numbered one level, no headings: one section of paragraphs 1, 2
  CHECK(p.sections[0].paragraphs.size() == 2);
  auto r = extract_recommendations(p);
  REQUIRE(r.size() == 1);
  CHECK(r[0].number == std::optional<std::string>("2"));
  CHECK(r[0].body == std::optional<std::string>("Council"));
  CHECK_FALSE(r[0].action);  // "reduce" is none of the verbs asked for
  auto d = segment_text("Riverbend Council\n\nRecord of Cabinet Member Decision\n\nDecision maker:\tCabinet Member for Environment\n"
                        "Date of decision:\t21 March 2022\n\n1. Decision\n\n1.1 Text.\n");
  auto k = extract_header_fields(d);
  CHECK_FALSE(k.body);
  CHECK(k.report_date->start == "2022-03-21");
}

TEST_CASE("recommendations: 'X was recommended to' reports another body's advice and is not one", "[recommendations]") {
  auto s = segment_text("To: Cabinet\n\n1. Background\n\n1.1 The Council was recommended to reduce the rent by its auditors.\n");
  CHECK(extract_recommendations(s).empty());
}

TEST_CASE("minutes: a minutes banner with its date / minute references as headings / lettered resolutions / a labelled recommendation", "[header][recommendations]") {
  auto s = segment_text("Kingsford Town Council\n\nPLANNING COMMITTEE MINUTES - 3rd April 2018\n\nPresent: Cllrs Adams (Chair), Begum\n\n"
                        "P/18/21 Apologies\n\nNone.\n\nP/18/22 Application 18/00412/FUL, 14 Mill Road\n\n"
                        "RESOLVED: to object to the application.\n");
  auto h = extract_header_fields(s);
  CHECK(h.body->value == "Planning Committee");
  CHECK(h.meeting_date->start == "2018-04-03");
  CHECK(h.title->value == "PLANNING COMMITTEE MINUTES - 3rd April 2018");
  REQUIRE(s.sections.size() == 2);
  CHECK(s.sections[0].number == std::optional<std::string>("P/18/21"));
  CHECK(s.sections[1].heading == "Application 18/00412/FUL, 14 Mill Road");
  CHECK(extract_recommendations(s).empty());  // minutes decide: what they RESOLVED is a decision
  REQUIRE(extract_decisions(s).size() == 1);
  CHECK(extract_decisions(s)[0].text == "to object to the application.");
  auto c = segment_text("MINUTES OF THE MEETING OF THE COUNTY COUNCIL HELD AT COUNTY HALL ON THURSDAY 23 FEBRUARY 2023\n\n"
                        "2. Budget\n\n2.1 The Council considered the budget.\n\nRESOLVED: (a) That the revenue budget be approved.\n\n"
                        "(b) That the Band D council tax be set at 1,578.06 pounds.\n\n2.2 The Chairman thanked officers.\n\n"
                        "(c) A lettered line after the resolutions ended.\n");
  CHECK(extract_header_fields(c).body->value == "County Council");
  CHECK(extract_recommendations(c).empty());
  auto r = extract_decisions(c);
  REQUIRE(r.size() == 2);
  CHECK(r[0].number == std::optional<std::string>("a"));  // a listed item's own label
  CHECK(r[0].text == "the revenue budget be approved.");
  CHECK(r[1].text == "the Band D council tax be set at 1,578.06 pounds.");
  auto m = segment_text("MEMORANDUM\n\nFROM:\tCOUNTY SURVEYOR\nTO:\tHIGHWAYS SUB-COMMITTEE\n\nWINTER MAINTENANCE PROGRAMME 1988/89\n\n"
                        "1. THE PROGRAMME PROVIDES FOR SALTING OF 1,850 MILES OF ROUTES.\n\n"
                        "2. RECOMMENDATION: THAT THE SUB-COMMITTEE APPROVES THE WINTER MAINTENANCE PROGRAMME.\n");
  CHECK(extract_header_fields(m).title->value == "WINTER MAINTENANCE PROGRAMME 1988/89");
  auto q = extract_recommendations(m);
  REQUIRE(q.size() == 1);
  CHECK(q[0].text == "THAT THE SUB-COMMITTEE APPROVES THE WINTER MAINTENANCE PROGRAMME.");
  CHECK(q[0].action == std::optional<std::string>("approve"));
}

TEST_CASE("header: a meeting that 'will be held on' / a time wrapped to a line start / report of X to the meeting of DATE / a one-column author block", "[header][contacts]") {
  PageTexts in;
  in.pages.push_back(PageText{1,
                              "MIDVALE JOINT WASTE COMMITTEE\n\n"
                              "A meeting of the Midvale Joint Waste Committee will be held on Friday 15 March 2019 at\n"
                              "10.30 am.\n\nReport of:   Joint Waste Manager\nAgenda item: 5\nSubject:     Food Waste Trial\n\n"
                              "1. Recommendation\n\n1.1 The Committee is asked to agree a trial.\n",
                              "text", std::nullopt, "", 0, "", {}, 0});
  auto segments = SegmentStage()(NormaliseStage()(std::move(in)).value()).value();
  auto h = extract_header_fields(segments);
  CHECK(h.body->value == "Midvale Joint Waste Committee");
  CHECK(h.meeting_date->start == "2019-03-15");
  CHECK(h.title->value == "Food Waste Trial");
  CHECK(h.agenda_item->value == "5");
  CHECK(segments.sections.size() == 1);  // "10.30 am." is no paragraph 10.30
  auto p = segment_text("HOLBECK PARISH COUNCIL\n\nAgenda item 6 - Finance\n\nReport of the Clerk to the meeting of 10 May 2012\n\n"
                        "1. The payments listed in the schedule total 1,245.60 pounds.\n");
  auto g = extract_header_fields(p);
  CHECK(g.author->value == "Clerk");
  CHECK(g.meeting_date->start == "2012-05-10");
  CHECK(g.title->value == "Finance");
  auto a = segment_text("Report to:\tCabinet\n\n1. Recommendations\n\n1.1 That Cabinet adopts the Local Cycling and Walking "
                        "Infrastructure Plan and asks officers to report\non its delivery each year.\n\n"
                        "Report Author: Ruth Okoye\nTransport Planning Manager\n01704 533 133\nruth.okoye@southportbay.gov.uk\n");
  CHECK(extract_header_fields(a).author->value == "Ruth Okoye, Transport Planning Manager");
  auto c = extract_contacts(a);
  REQUIRE(c.size() == 1);
  CHECK(c[0].role == std::optional<std::string>("Transport Planning Manager"));
  CHECK(c[0].phone == std::optional<std::string>("+441704533133"));
  CHECK(c[0].email == std::optional<std::string>("ruth.okoye@southportbay.gov.uk"));
}

TEST_CASE("classification markings", "[header]") {
  CHECK(classification_of("Unrestricted") == std::optional<std::string>("public"));
  CHECK(classification_of("NOT FOR PUBLICATION") == std::optional<std::string>("exempt"));
  CHECK(classification_of("Exempt under Schedule 12A") == std::optional<std::string>("exempt"));
  CHECK(classification_of("Confidential") == std::optional<std::string>("confidential"));
  CHECK_FALSE(classification_of("Annual Report"));
  // A form's note in brackets does not make a public paper exempt (Kent's record of decision).
  CHECK(classification_of("For publication [Do not include information which is exempt from publication under "
                          "schedule 12a of the Local Government Act 1972]") == std::optional<std::string>("public"));
  CHECK(classification_of("Exempt (paragraph 3 of Schedule 12A)") == std::optional<std::string>("exempt"));
  CHECK(classification_of("(Schedule 12A)") == std::optional<std::string>("exempt"));
}

TEST_CASE("recommendations: sections / lettered lists / sentences / RESOLVED / repeats once", "[recommendations]") {
  auto s = segment_text(
      "To: Board\n\n1. Recommendations\n\n1.1 The Board is recommended to note the report.\n\n1.2 The Board is asked to:\n(a) approve the plan; and\n(b) delegate its delivery.\n\n"
      "2. Background\n\n2.1 Some history. It is recommended that the Board writes to the Minister.\n\n2.2 RESOLVED that nothing else be done.\n\n"
      "3. Recommendation\n\n3.1 The Board is recommended to note the report.\n");
  auto recs = extract_recommendations(s);
  REQUIRE(recs.size() == 4);
  CHECK(recs[0].number == std::optional<std::string>("1.1"));
  CHECK(recs[1].number == std::optional<std::string>("a"));
  CHECK(recs[1].text == "approve the plan; and");
  CHECK(recs[2].text == "delegate its delivery.");
  CHECK(recs[3].text == "It is recommended that the Board writes to the Minister.");
  // What was RESOLVED is a decision, not a recommendation.
  REQUIRE(extract_decisions(s).size() == 1);
  CHECK(extract_decisions(s)[0].text == "nothing else be done.");
}

TEST_CASE("recommendations: one printed in a summary and again in full is one, the full words kept", "[recommendations]") {
  auto s = segment_text("To: Cabinet\n\nSummary\n\nRecommendation(s):\n\nCabinet is asked to:\n\n"
                        "a) NOTE the forecast revenue overspend of £12.1m (excluding Schools).\n\n"
                        "b) AGREE the Capital budget changes.\n\n1. Introduction\n\n1.1 Text.\n\n"
                        "5. Recommendation(s)\n\nCabinet is asked to:\n\n"
                        "a) NOTE the forecast revenue overspend of £12.1m (excluding Schools) and the actions being taken to reduce it.\n\n"
                        "b) AGREE the Capital budget changes.\n");
  std::vector<std::string> got;
  for (const Recommendation& r : extract_recommendations(s)) got.push_back(r.text);
  CHECK(got == std::vector<std::string>{"AGREE the Capital budget changes.",
                                        "NOTE the forecast revenue overspend of £12.1m (excluding Schools) and the actions being taken to reduce it."});
}

TEST_CASE("recommendations: one printed again under its number with a few words changed is one, the later kept", "[recommendations]") {
  auto s = segment_text("To: County Council\n\nSummary\n\nRecommendation(s):\n\nCounty Council is asked to:\n\n"
                        "(1) Endorse the proposed decision by the Leader of the Council [Cabinet] to submit a request to Government "
                        "for Kent and Medway to be included in the Devolution Priority Programme\n\n1. Introduction\n\n1.1 Text.\n\n"
                        "5. Recommendation(s)\n\nCounty Council is asked to:\n\n"
                        "(1) Endorse the proposed decision by the Leader of the Council to submit a request to Government "
                        "for Kent and Medway to be included in the Devolution Priority Programme\n\n"
                        "(2) Note the timetable for the new authority's elections and reorganisation of the councils\n");
  std::vector<std::string> got;
  for (const Recommendation& r : extract_recommendations(s)) got.push_back(r.text);
  CHECK(got == std::vector<std::string>{"Endorse the proposed decision by the Leader of the Council to submit a request to Government for Kent "
                                        "and Medway to be included in the Devolution Priority Programme",
                                        "Note the timetable for the new authority's elections and reorganisation of the councils"});
}

TEST_CASE("recommendations: a lead-in that says its list is recommendations, items numbered in roman", "[recommendations]") {
  auto s = segment_text("Westshire Data Board Minutes\n\n1. Welcome\n\nThe Chair welcomed members.\n\n2. Progress report\n\n"
                        "In discussion it was noted that:\n\n• Members had contributed to the framework set out in paper DB(2)3.\n"
                        "• Three specific recommendations were seen as crucial:\n"
                        "i. Open by default - data should be published openly unless there is a reason not to.\n"
                        "ii. A register - every dataset should be listed in one register kept by the Board.\n"
                        "iii. Reports - departments to report to the Board twice a year on what they publish.\n\n"
                        "Action: the secretariat to circulate the framework.\n");
  std::vector<std::string> got;
  for (const Recommendation& r : extract_recommendations(s)) got.push_back(r.number.value_or("-") + " " + r.text);
  CHECK(got == std::vector<std::string>{
                   "i Open by default - data should be published openly unless there is a reason not to.",
                   "ii A register - every dataset should be listed in one register kept by the Board.",
                   "iii Reports - departments to report to the Board twice a year on what they publish."});
}

TEST_CASE("recommendations: a US agenda's action in capitals leading a lettered list, AMEND, no gap before the stop", "[recommendations]") {
  auto r = extract_recommendations(segment_text(
      "Regular Board Meeting\n\nAgenda\n\n38. SUBJECT:\tMEASURE M MASTER GUIDELINES\n\nCONSIDER: A. RECEIVE AND FILE report from "
      "the Policy Advisory Council on the Draft Guidelines (Attachment A);\n\nB. ADOPT the Measure M Master Guidelines; and\n\n"
      "C. AUTHORIZE the Chief Executive Officer to enter into Memorandums of Understanding.\nAttachments:\tAttachment A\n\n"
      "43. SUBJECT:\tBOARD RULES\n\nAMEND Section 6.6 (Board Travel Expenses), Board Rules and Procedures, as set forth in "
      "Attachment A.\n\n37. SUBJECT:\tORAL REPORT\n\nRECEIVE oral quarterly report of the Chief Communications Officer .\n\n"
      "APPROVE MINUTES OF THE LAST MEETING\n"));
  std::vector<std::string> got;
  for (const auto& x : r) got.push_back(x.text);
  const std::vector<std::string> want = {
      "RECEIVE AND FILE report from the Policy Advisory Council on the Draft Guidelines (Attachment A);",
      "ADOPT the Measure M Master Guidelines; and",
      "AUTHORIZE the Chief Executive Officer to enter into Memorandums of Understanding.",
      "AMEND Section 6.6 (Board Travel Expenses), Board Rules and Procedures, as set forth in Attachment A.",
      "RECEIVE oral quarterly report of the Chief Communications Officer."};
  CHECK(got == want);
  REQUIRE(r.size() >= 2);
  CHECK(r[1].number == std::optional<std::string>("B"));
}

TEST_CASE("recommendations: a record of decision's proposed decision, lettered in capitals", "[recommendations]") {
  auto s = segment_text("Subject Matter / Title of Decision\nCommissioning Plan 2025-29\n\nDecision: Cabinet agree to:\n\n"
                        "A) the Commissioning Plan for Education Provision in Kent 2025-29\n\nB) delegate its delivery to the Director\n\n"
                        "Reason(s) for decision: Background\n\n1.1 Text.\n");
  auto r = extract_recommendations(s);
  REQUIRE(r.size() == 2);
  CHECK(r[0].number == std::optional<std::string>("A"));
  CHECK(r[0].text == "the Commissioning Plan for Education Provision in Kent 2025-29");
  CHECK(r[1].number == std::optional<std::string>("B"));
  // Capital-lettered lines outside such a lead-in are not recommendations.
  auto t = segment_text("Decision taken by the Leader\n\nA) Site plan attached\n\n1. Purpose\n\n1.1 Text.\n");
  CHECK(extract_recommendations(t).empty());
}

TEST_CASE("recommendations: an 'It is recommended' sentence runs past a decimal point to its full stop", "[recommendations]") {
  auto s = segment_text("To: Panel\n\n2. The proposal\n\n2.2 It is recommended that the Panel supports the proposed precept of "
                        "231.78 pounds for a Band D property. The Panel may ask questions.\n");
  auto r = extract_recommendations(s);
  REQUIRE(r.size() == 1);
  CHECK(r[0].text == "It is recommended that the Panel supports the proposed precept of 231.78 pounds for a Band D property.");
}

TEST_CASE("recommendations: the body asked and the action verb", "[recommendations]") {
  struct Case {
    const char* paper;
    const char* body;  // nullptr: unknown
    const char* action;
  };
  const Case cases[] = {
      {"Recommendation(s): Cabinet is asked to:\n1) NOTE the outcome of the consultation; and\n\n1. Introduction\n\n1.1 T.\n",
       "Cabinet", "note"},
      {"To: Board\n\n2. Recommendations\n\n2.1 That Cabinet:\n\n(1) approves the Local Development Scheme;\n", "Cabinet",
       "approve"},
      {"To: Board\n\n2. Recommendations\n\n2.1 It is recommended that Members:\n\n(a) delegate authority to the Chief "
       "Fire Officer;\n",
       "Members", "delegate"},
      {"To: Panel\n\n2. Proposal\n\n2.2 It is recommended that the Panel supports the proposed precept.\n", "Panel", "support"},
      {"To: Board\n\n2. Recommendation\n\n2.1 The Board is also asked to note the annual report.\n", "Board", "note"},
      {"To: Board\n\n2. Recommendation\n\n2.1 THE COMMITTEE IS RECOMMENDED TO RECOMMEND TO THE COUNTY COUNCIL A BUDGET.\n",
       "COMMITTEE", "recommend"},
      {"To: Director\n\n1. Decision\n\n1.1 It is recommended that the contract be awarded to Brightwell Ltd.\n", nullptr,
       "award"},
      {"Decision: Cabinet agree to:\n\nA) the Commissioning Plan for Education Provision in Kent 2025-29\n\n1. Reasons\n\n1.1 T.\n",
       "Cabinet", "agree"},
      // A verb that is none of those asked for leaves the action unknown.
      {"To: Board\n\n2. Recommendations\n\n2.1 The Board is asked to ponder the options in section 3.\n", "Board", nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.paper);
    auto r = extract_recommendations(segment_text(c.paper));
    REQUIRE(r.size() == 1);
    CHECK(r[0].body == (c.body ? std::optional<std::string>(c.body) : std::nullopt));
    CHECK(r[0].action == (c.action ? std::optional<std::string>(c.action) : std::nullopt));
  }
}

TEST_CASE("recommendations: one quoted from another body's minutes is not one", "[recommendations]") {
  auto s = segment_text("To: Cabinet\n\n3. Background\n\n3.1 At its meeting on 4 May the Scrutiny Committee's minutes record "
                        "that it was recommended that Cabinet approves the plan.\n");
  CHECK(extract_recommendations(s).empty());
}

TEST_CASE("recommendations: bulleted items / a body RESOLVED mid-sentence is a decision / prose 'resolved' is neither", "[recommendations][decisions]") {
  auto b = segment_text("Meeting\tICB Board\n\nRecommendations\n\nThe Board is asked to:\n\xE2\x80\xA2 approve the Primary Care Plan;\n"
                        "\xE2\x80\xA2 delegate oversight of delivery to the Committee.\n\nBackground\n\nText.\n");
  auto r = extract_recommendations(b);
  REQUIRE(r.size() == 2);
  CHECK_FALSE(r[0].number);
  CHECK(r[0].text == "approve the Primary Care Plan;");
  CHECK(r[0].body == std::optional<std::string>("Board"));
  CHECK(r[1].action == std::optional<std::string>("delegate"));
  auto d = segment_text("To: Panel\n\n1. Determination\n\n1.1 The Sub-Committee RESOLVED that the application be granted subject "
                        "to conditions.\n\n1.2 The matter was resolved by agreement between the parties.\n");
  CHECK(extract_recommendations(d).empty());
  auto q = extract_decisions(d);
  REQUIRE(q.size() == 1);
  CHECK(q[0].number == std::optional<std::string>("1.1"));  // its paragraph's number
  CHECK(q[0].text == "the application be granted subject to conditions.");
}

TEST_CASE("recommendations: prose that mentions recommendations is not one", "[recommendations]") {
  auto s = segment_text("To: Board\n\n1. Background\n\n1.1 The Panel may make a report or recommendation on the plan.\n\n1.2 Its recommendations were published in 2019.\n");
  CHECK(extract_recommendations(s).empty());
}

TEST_CASE("contacts: officer rows with e-mail and phone in E.164", "[contacts]") {
  auto s = segment_text("To: Board\n\n1. Purpose\n\n1.1 Text.\n\nContact Officer: Jane Smith, Head of Finance, 0300 333 3456, jane.smith@example.gov.uk\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Jane Smith"));
  CHECK(c[0].role == std::optional<std::string>("Head of Finance"));
  CHECK(c[0].email == std::optional<std::string>("jane.smith@example.gov.uk"));
  CHECK(c[0].phone == std::optional<std::string>("+443003333456"));
}

TEST_CASE("contacts: details on the next row belong to the officer named before", "[contacts]") {
  auto s = segment_text("Contact Officers - Jack Hudson\n\nContact Details - cambs-pcc@cambs.police.uk 0300 333 3456\n\nTITLE\n\n1. Purpose\n\n1.1 Text.\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Jack Hudson"));
  CHECK(c[0].phone == std::optional<std::string>("+443003333456"));
}

TEST_CASE("contacts: a table of officers, one a column (Kent's Contact details)", "[contacts]") {
  auto s = segment_text(
      "To: Cabinet\n\n1. Purpose\n\n1.1 Text.\n\n11. Contact details\n\n"
      "Report Author:\tRelevant Director:\n"
      "Nick Abrahams\tChristine McInnes\n"
      "Assistant Director Education - West Kent\tDirector of Education\n"
      "Telephone number\tTelephone number\n"
      "03000 410058\t03000 418913\n"
      "Email address\tEmail address\n"
      "nicholas.abrahams@kent.gov.uk\tChristine.mcinnes@kent.gov.uk\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 2);
  CHECK(c[0].name == std::optional<std::string>("Nick Abrahams"));
  CHECK(c[0].role == std::optional<std::string>("Assistant Director Education - West Kent"));
  CHECK(c[0].phone == std::optional<std::string>("+443000410058"));
  CHECK(c[0].email == std::optional<std::string>("nicholas.abrahams@kent.gov.uk"));
  CHECK(c[1].name == std::optional<std::string>("Christine McInnes"));
  CHECK(c[1].role == std::optional<std::string>("Director of Education"));
  CHECK(c[1].phone == std::optional<std::string>("+443000418913"));
  // The block's provenance covers the labels and the rows under them.
  CHECK(s.text.text.substr(c[0].at.span.begin, 14) == "Report Author:");
}

TEST_CASE("contacts: a role as the label, the name with a bracketed qualifier after it", "[contacts]") {
  auto s = segment_text("To: Cabinet\n\n1. Purpose\n\n1.1 Text.\n\nContact details\n\n"
                        "Relevant Corporate Director: John Betts (Interim)\n03000 410066 john.betts@kent.gov.uk\n");
  const auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("John Betts"));
  CHECK(c[0].role == std::optional<std::string>("Relevant Corporate Director"));
  CHECK(c[0].phone == std::optional<std::string>("+443000410066"));
}

TEST_CASE("contacts: a table's labels need no colons when two or more stand in a row", "[contacts]") {
  auto s = segment_text(
      "To: Cabinet\n\n1. Purpose\n\n1.1 Text.\n\n5. Contact details\n\n"
      "Report Author\tRelevant Director\n"
      "Priya Nandra\tOwen Gallagher\n"
      "Senior Accountant\tCorporate Director Finance\n"
      "03000 412345\t03000 419876\n"
      "priya.nandra@westshire.gov.uk\towen.gallagher@westshire.gov.uk\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 2);
  CHECK(c[0].name == std::optional<std::string>("Priya Nandra"));
  CHECK(c[0].role == std::optional<std::string>("Senior Accountant"));
  CHECK(c[0].phone == std::optional<std::string>("+443000412345"));
  CHECK(c[1].name == std::optional<std::string>("Owen Gallagher"));
  CHECK(c[1].email == std::optional<std::string>("owen.gallagher@westshire.gov.uk"));
  // (No contact named "Relevant Director": a label beside a label is no officer's name.)
}

TEST_CASE("contacts: a table of labels with no details under them is not a contact", "[contacts]") {
  auto s = segment_text("To: Cabinet\n\n1. Purpose\n\n1.1 Text.\n\nReport Author:\tRelevant Director:\nTo follow\tTo follow\n");
  CHECK(extract_contacts(s).empty());
}

TEST_CASE("contacts: details on the lines above the name are that officer's (a letter's heading)", "[contacts]") {
  auto s = segment_text("Direct Dial/Ext:\t03000414043\ne-mail:\tGeorgina.little@kent.gov.uk\nAsk for:\tGeorgina Little\n"
                        "Date:\t27 January 2025\n\nDear Member\n\n1. Purpose\n\n1.1 Text.\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Georgina Little"));
  CHECK(c[0].email == std::optional<std::string>("Georgina.little@kent.gov.uk"));
  CHECK(c[0].phone == std::optional<std::string>("+443000414043"));
}

TEST_CASE("contacts: 'For further information contact' / a key that is the officer's role", "[contacts]") {
  auto s = segment_text("To: Committee\n\n1. Basis\n\n1.1 Text.\n\nFor further information contact: Fiona MacLeod, Estates "
                        "Manager, 01224 523 417, fiona.macleod@eastglen.gov.uk\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Fiona MacLeod"));
  CHECK(c[0].role == std::optional<std::string>("Estates Manager"));
  auto l = segment_text("To: Sub-Committee\n\n1. Reasons\n\n1.1 Text.\n\nLicensing Officer:\tDean Walsh, 01473 432 000, "
                        "licensing@eastbury.gov.uk\n");
  auto d = extract_contacts(l);
  REQUIRE(d.size() == 1);
  CHECK(d[0].name == std::optional<std::string>("Dean Walsh"));
  CHECK(d[0].role == std::optional<std::string>("Licensing Officer"));
  CHECK(d[0].phone == std::optional<std::string>("+441473432000"));
  // A role key with no way to reach anyone is no contact: "Proper Officer: None".
  auto n = segment_text("To: Cabinet\n\n1. Interests\n\n1.1 Text.\n\nProper Officer:\tNone\n");
  CHECK(extract_contacts(n).empty());
}

TEST_CASE("contacts: an officer's rank before the name is the role / Contact Officer(s)", "[contacts]") {
  auto s = segment_text("To: Committee\n\n1. Purpose\n\n1.1 Text.\n\nOfficer contact: Station Manager Gareth Lewis, 01823 364 900, "
                        "glewis@highmoorfire.gov.uk\n\nContact Officer(s):\tNadia Farah, Head of Housing Supply, "
                        "nadia.farah@eastwick.gov.uk, 020 8937 1234\n");
  auto c = extract_contacts(s);
  REQUIRE(c.size() == 2);
  CHECK(c[0].name == std::optional<std::string>("Gareth Lewis"));
  CHECK(c[0].role == std::optional<std::string>("Station Manager"));
  CHECK(c[1].name == std::optional<std::string>("Nadia Farah"));
  CHECK(c[1].phone == std::optional<std::string>("+442089371234"));
}

TEST_CASE("phone numbers: valid UK numbers only", "[contacts]") {
  CHECK(phone_e164("03000 419418") == std::optional<std::string>("+443000419418"));
  CHECK(phone_e164("+44 (0)20 7946 0123") == std::optional<std::string>("+442079460123"));
  CHECK_FALSE(phone_e164("12345"));
}

TEST_CASE("legal references: the Schedule 12A paragraphs an exempt paper cites", "[legal][header]") {
  auto one = segment_text("NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act "
                          "1972\n\nReport to:\tCommittee\n\n1. Purpose\n\n1.1 Text.\n");
  auto p = schedule_12a_paragraphs(extract_legal_references(one));
  REQUIRE(p);
  CHECK(p->value == "3");
  auto two = segment_text("To: Committee\n\n1. Exemption\n\n1.1 Exempt under paragraphs 1 and 2 of Schedule 12A to the Local "
                          "Government Act 1972.\n");
  REQUIRE(schedule_12a_paragraphs(extract_legal_references(two)));
  CHECK(schedule_12a_paragraphs(extract_legal_references(two))->value == "1, 2");
  // Schedule 12A named without a paragraph says none.
  auto none = segment_text("To: Committee\n\n1. Exemption\n\n1.1 Exempt under Schedule 12A to the Local Government Act 1972.\n");
  CHECK_FALSE(schedule_12a_paragraphs(extract_legal_references(none)));
}

TEST_CASE("legal references: typewritten capitals / Council Tax regulations", "[legal]") {
  auto s = segment_text("TO: COMMITTEE\n\n3. LEGAL\n\n3.1 THE PRECEPT IS ISSUED UNDER SECTION 40 OF THE LOCAL GOVERNMENT FINANCE ACT 1992.\n\n"
                        "3.2 The Council Tax Reduction Schemes and Prescribed Requirements (Wales) Regulations 2013 apply.\n");
  auto refs = extract_legal_references(s);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].act == "Local Government Finance Act 1992");
  CHECK(refs[0].section == std::optional<std::string>("40"));
  CHECK(refs[0].text == "SECTION 40 OF THE LOCAL GOVERNMENT FINANCE ACT 1992");  // as written
  CHECK(refs[1].act == "Council Tax Reduction Schemes and Prescribed Requirements (Wales) Regulations 2013");
}

TEST_CASE("legal references: an Order whose title has a comma in brackets", "[legal]") {
  auto s = segment_text("To: Commissioner\n\n3. Legal\n\n3.1 The Commissioner is the fire and rescue authority under the Fire and Rescue "
                        "Authority (Police, Fire and Crime Commissioner for Eastshire) Order 2017.\n");
  auto refs = extract_legal_references(s);
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].act == "Fire and Rescue Authority (Police, Fire and Crime Commissioner for Eastshire) Order 2017");
}

TEST_CASE("legal references: UK order / s.151 / Schedule 12A / defined short names", "[legal]") {
  auto s = segment_text(
      "To: Board\n\n1. Law\n\n1.1 Under section 12 of the Police Reform and Social Responsibility Act 2011 (the \"Act\") the Panel reviews.\n\n"
      "1.2 Section 28 of the Act applies too. The officer under s.151 of the Local Government Act 1972 agrees.\n\n"
      "1.3 Exempt by virtue of paragraph 3 of Schedule 12A to the Local Government Act 1972.\n\n"
      "1.4 This section of the report explains the Act in ordinary prose.\n");
  auto refs = extract_legal_references(s);
  REQUIRE(refs.size() == 4);
  CHECK(refs[0].act == "Police Reform and Social Responsibility Act 2011");
  // One key per Act however it was cited, for grouping in search.
  CHECK(refs[0].act_key == "police-reform-and-social-responsibility-act-2011");
  CHECK(refs[1].act_key == refs[0].act_key);
  CHECK(refs[2].act_key == "local-government-act-1972");
  CHECK(refs[0].section == std::optional<std::string>("12"));
  CHECK(refs[1].act == "Police Reform and Social Responsibility Act 2011");
  CHECK(refs[1].section == std::optional<std::string>("28"));
  CHECK(refs[2].act == "Local Government Act 1972");
  CHECK(refs[2].section == std::optional<std::string>("151"));
  CHECK(refs[3].section == std::optional<std::string>("Schedule 12A"));
  CHECK(act_key("Police Reform and Social Responsibility Act 2011") == "police-reform-and-social-responsibility-act-2011");
}

TEST_CASE("links: web addresses with trailing punctuation trimmed / e-mail left out", "[links]") {
  auto s = segment_text("To: Board\n\n1. Links\n\n1.1 See https://www.example.gov.uk/plan.pdf. Or www.example.gov.uk/x, or write to a@b.gov.uk.\n");
  auto links = extract_links(s);
  REQUIRE(links.size() == 2);
  CHECK(links[0].url == "https://www.example.gov.uk/plan.pdf");
  CHECK(links[1].url == "www.example.gov.uk/x");
}

TEST_CASE("contacts: found by their e-mail or phone anywhere and grown to the name and role beside them", "[contacts]") {
  // A table row: role, name, phone, e-mail in cells.
  auto t = extract_contacts(segment_text(
      "Finance Monitoring Report\n\n1. Introduction\n\n1.1 Text.\n\nContact Details\n"
      "Head of Finance Operations\tCath Head\t03000 416 934\tcath.head@kent.gov.uk\n"
      "Acting Chief Accountant\tJoe McKay\t03000 419 601\tjoe.mckay@kent.gov.uk\n"));
  REQUIRE(t.size() == 2);
  CHECK(t[0].name == std::optional<std::string>("Cath Head"));
  CHECK(t[0].role == std::optional<std::string>("Head of Finance Operations"));
  CHECK(t[0].phone == std::optional<std::string>("+443000416934"));
  CHECK(t[1].email == std::optional<std::string>("joe.mckay@kent.gov.uk"));
  // The name and role on the line above the details.
  auto a = extract_contacts(segment_text("Cabinet Report\n\n1. Summary\n\n1.1 Text.\n\nJane Smith, Research Officer\n"
                                         "jane.smith@county.gov.uk 03000 123456\n"));
  REQUIRE(a.size() == 1);
  CHECK(a[0].name == std::optional<std::string>("Jane Smith"));
  CHECK(a[0].role == std::optional<std::string>("Research Officer"));
  CHECK(a[0].email == std::optional<std::string>("jane.smith@county.gov.uk"));
  // A name the e-mail's words spell, in prose; a sentence is no name.
  auto p = extract_contacts(segment_text("AGM minutes\n\n1. Welcome\n\nFor a full list of attendees, please contact Nikki "
                                         "Sturmey at nikki.sturmey@suffolklibraries.co.uk.\n"));
  REQUIRE(p.size() == 1);
  CHECK(p[0].name == std::optional<std::string>("Nikki Sturmey"));
  // "Name - Role - phone" on one line.
  auto c = extract_contacts(segment_text("Agenda\n\n1. Apologies\n\nCathy Fleet - Parish Clerk - 07989 398 838\n"));
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Cathy Fleet"));
  CHECK(c[0].role == std::optional<std::string>("Parish Clerk"));
}

TEST_CASE("contacts: North American numbers / several on a line / an old exchange kept and flagged / no minute references", "[contacts]") {
  auto us = extract_contacts(segment_text("Agenda\n\n1. Call to order\n\nPlease contact the Superintendent's Office at "
                                          "(408) 252-3000, ext. 61200.\n\nInterpreters: calling (213) 922-4600 or (323) 466-3876.\n"
                                          "TDD line 1-800-252-9040\n"));
  std::vector<std::string> phones;
  for (const Contact& x : us) phones.push_back(x.phone.value_or(""));
  CHECK(phones == std::vector<std::string>{"+14082523000", "+12139224600", "+13234663876", "+18002529040"});
  // A 1988 number no operator holds today: kept in E.164 and flagged.
  auto old = extract_contacts(segment_text("MEMORANDUM\n\nFrom: County Surveyor\n\n1. Programme\n\n1.1 Text.\n\n"
                                           "Enquiries: John Smith, County Surveyor's Department, 0632 123 4567\n"));
  REQUIRE(old.size() == 1);
  CHECK(old[0].phone == std::optional<std::string>("+446321234567"));
  CHECK_FALSE(old[0].phone_allocated);
  // Minute numbers and dates are no phones.
  CHECK(extract_contacts(segment_text("MINUTES\n\n05.16 Planning\n\nResolved 10.25.12 on 27/11/2025.\n")).empty());
}

TEST_CASE("legal references: titles with commas / a comma before the year / 'that Act' / Part N of", "[legal]") {
  auto r = extract_legal_references(segment_text(
      "To: Board\n\n1. The Clause\n\n1.1 Part 1 of the Copyright, Designs and Patents Act 1988 (see section 163 of that Act) "
      "applies. Notice under the ROAD TRAFFIC REGULATION ACT, 1984 and the Police, Crime, Sentencing and Courts Act 2022.\n"));
  REQUIRE(r.size() == 4);
  CHECK(r[0].act == "Copyright, Designs and Patents Act 1988");
  CHECK(r[0].section == std::optional<std::string>("Part 1"));
  CHECK(r[1].act == "Copyright, Designs and Patents Act 1988");
  CHECK(r[1].section == std::optional<std::string>("163"));
  CHECK(r[2].act == "Road Traffic Regulation Act 1984");
  CHECK(r[3].act == "Police, Crime, Sentencing and Courts Act 2022");
  // A list of things ending in an Act is not its title.
  auto l = extract_legal_references(segment_text("To: Board\n\n1. Duties\n\n1.1 Under the Kent Plan, the Care Act 2014 applies.\n"));
  REQUIRE(l.size() == 1);
  CHECK(l[0].act == "Care Act 2014");
}

TEST_CASE("legal references: titles without a year, US codes, 'Act of 2006', 'the Act of 1988', initials", "[legal]") {
  // A UK paper names the Act in full once, then by initials, by its year, or without the year.
  auto uk = extract_legal_references(segment_text(
      "To: Board\n\n1. Law\n\n1.1 The Freedom of Information Act 2000 (FOI Act) applies; see section 45 of the FOI Act. "
      "Part 1 of the Copyright, Designs and Patents Act 1988 and section 3A of the Act of 1988 apply. We are preparing "
      "for Post Legislative Scrutiny of the Freedom of Information Act. The 1972 Local Government Act made counties.\n"));
  REQUIRE(uk.size() == 6);
  CHECK(uk[0].act == "Freedom of Information Act 2000");
  CHECK(uk[1].act == "Freedom of Information Act 2000");  // "the FOI Act", not the definition beside the title
  CHECK(uk[1].section == std::optional<std::string>("45"));
  CHECK(uk[3].act == "Copyright, Designs and Patents Act 1988");
  CHECK(uk[3].section == std::optional<std::string>("3A"));
  CHECK(uk[4].act == "Freedom of Information Act 2000");
  CHECK(uk[4].text == "Freedom of Information Act");
  CHECK(uk[5].act == "Local Government Act 1972");
  // US papers: Acts without a year (the State noise word dropped), "Act of 2006", codes with their sections.
  auto us = extract_legal_references(segment_text(
      "Agenda\n\n1. Notices\n\nIn accordance with the Brown Act (section 54954.3[b] of the Government Code), the Board may "
      "limit comments. The State Political Reform Act (Government Code Section 84308) applies. A. California Global "
      "Warming Solutions Act of 2006. Pursuant to Government Code\nSection 54957. Think Local Act Personal is a network. "
      "Members keep the Code of Conduct. Council adopted Ordinance #80-2011. The Council will have regard to the "
      "Local Authority Accounting Code of Practice.\n"));
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& r : us) got.emplace_back(r.act, r.section.value_or("-"));
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Brown Act", "-"},           {"Government Code", "54954.3"}, {"Political Reform Act", "-"},
      {"Government Code", "84308"}, {"California Global Warming Solutions Act of 2006", "-"},
      {"Government Code", "54957"}, {"Ordinance #80-2011", "-"}};
  CHECK(got == want);
  // Canadian statute citations; sections with subsections after a space; instruments known by name.
  auto ca = extract_legal_references(segment_text(
      "Minutes\n\n1. Closed session\n\nAs authorized by Section 239(3.1) of the Municipal Act, 2001, c. 25. Minutes prepared "
      "as per Section 228 (1)(a) of the Municipal Act, S.O. 2001, c. 25, in line with the UK GDPR.\n"));
  REQUIRE(ca.size() == 3);
  CHECK(ca[0].act == "Municipal Act 2001");
  CHECK(ca[0].section == std::optional<std::string>("239"));
  CHECK(ca[1].act == "Municipal Act 2001");
  CHECK(ca[1].section == std::optional<std::string>("228"));
  CHECK(ca[2].act == "UK GDPR");
}

TEST_CASE("contacts: fax numbers, an office before an e-mail or after a number, a role named elsewhere, details met again", "[contacts]") {
  // A fax number reaches no one.
  auto fax = extract_contacts(segment_text("The Township of Nipissing\n45 Beatty Street\nTelephone 705-724-2144 Fax 705-724-5385\n\n1. Agenda\n"));
  REQUIRE(fax.size() == 1);
  CHECK(fax[0].phone == std::optional<std::string>("+17057242144"));
  // The office a sentence names before an e-mail in brackets.
  auto office = extract_contacts(segment_text(
      "Minutes\n\n5. Odours\n\nA diary sheet can be obtained from the Environmental Protection Officer (amrik.bilkhu@cherwell-dc.gov.uk )\n"));
  REQUIRE(office.size() == 1);
  CHECK(office[0].role == std::optional<std::string>("Environmental Protection Officer"));
  CHECK_FALSE(office[0].name);
  // A person named with no role beside the address, and with one in the list of those present.
  auto present = extract_contacts(segment_text(
      "Minutes\n\nAttendees\nEd Howlin\tHome Office\nClaire Smith (Secretariat)\tMinistry of Justice\n\n3. Papers\n\n"
      "Action: Panel members to submit comments to Claire Smith (CS) claire.smith@justice.gsi.gov.uk so that they can be shared.\n"));
  REQUIRE(present.size() == 1);
  CHECK(present[0].name == std::optional<std::string>("Claire Smith"));
  CHECK(present[0].role == std::optional<std::string>("Secretariat"));
  // A number met first without an office and later with one; a number in prose takes no heading above as its role.
  auto again = extract_contacts(segment_text(
      "Agenda\n\n1. Notices\n\nPlease telephone (213) 922-4600 between 8 a.m. and 5 p.m.\n\nHELPFUL PHONE NUMBERS\n\n"
      "General Information/Rules of the Board Office - (213) 922-4600\n\nHousehold Waste Recycling Centres\nBookings are free for "
      "domestic users resident in the county and can be made online or by calling 01865 519800 during working hours.\n"));
  REQUIRE(again.size() == 2);
  CHECK(again[0].role == std::optional<std::string>("General Information/Rules of the Board Office"));
  CHECK_FALSE(again[1].role);
  // "Contact details: NAME, address, e-mail; phone": the person the value names.
  auto named = extract_contacts(segment_text(
      "Publication scheme\n\n1. Charges\n\nNone at present.\n\nContact details: Joy Millett, Tanyard Hall, 30 Station Road, Gomshall. "
      "GU5 9LF clerk@shere.gov.uk; 01483 203431\n"));
  REQUIRE(named.size() == 1);
  CHECK(named[0].name == std::optional<std::string>("Joy Millett"));
  CHECK(named[0].phone == std::optional<std::string>("+441483203431"));
}

TEST_CASE("legal references: an abbreviated section straight before the title", "[legal]") {
  auto r = extract_legal_references(segment_text("Response\n\nIntroduction\n\nThis application is made under the provision of s191 Town "
                                                 "and Country Planning Act 1990 as amended by s10 of the Planning and Compensation Act 1991.\n"));
  REQUIRE(r.size() == 2);
  CHECK(r[0].section == std::optional<std::string>("191"));
  CHECK(r[1].section == std::optional<std::string>("10"));
}

TEST_CASE("legal references: statute books by abbreviation, codes by name, a paper's own ordinance number", "[legal]") {
  auto r = extract_legal_references(segment_text(
      "ORDINANCE NO. 61-98\nAN ORDINANCE AMENDING ORDINANCE NO. 54-89\n\nSection 1.\n\nThe City provides services enumerated in "
      "ORS 221.760 and under 50 U.S.C. 104. Homes shall meet the State Building Code and the Other Relevant Standards of the "
      "Rivergrove Development Code, and the requirements of this Code. Ordinance No. 61-98 takes effect at once.\n"));
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& x : r) got.emplace_back(x.act, x.section.value_or("-"));
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Ordinance No. 54-89", "-"}, {"ORS", "221.760"}, {"U.S.C.", "104"}, {"State Building Code", "-"}, {"Rivergrove Development Code", "-"}};
  CHECK(got == want);
}

TEST_CASE("legal references: short forms from the lexicon, a book's listed sections, a form the paper defines, Article N, a heading's section", "[legal]") {
  auto r = extract_legal_references(segment_text(
      "Payments\n\nGrass cutting\t07.06.16\t£528.00\tOSA 1906: s 10\nClerk's salary\t07.06.16\t£310.00\ts.111 LGA 1972\n\n"
      "Comments may be agendized later (Ed. Code 35145.5); PUC Code Sec . 130051.20 limits gifts. Funds under ORS 323.455, "
      "366.785 to 366.820 and 471.805 are paid.\n\n"
      "Section 4.020 of the Elmwood Zoning Ordinance (EZO) sets out the zones. The Commission interprets the EZO (Section 2.010 "
      "of the EZO).\n\nINTERPRETATION\nSection 4.020, Elmwood Zoning Ordinance\n\nTo be filed in Article 4 of the Elmwood Zoning "
      "Ordinance. Released under the President John F. Kennedy Assassination Records Act of 1992.\n"));
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& x : r) got.emplace_back(x.act, x.section.value_or("-"));
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Open Spaces Act 1906", "10"},
      {"Local Government Act 1972", "111"},
      {"Education Code", "35145.5"},
      {"Public Utilities Code", "130051.20"},
      {"ORS", "323.455"},
      {"ORS", "366.785"},
      {"ORS", "471.805"},
      {"Elmwood Zoning Ordinance", "4.020"},
      {"Elmwood Zoning Ordinance", "2.010"},
      {"Elmwood Zoning Ordinance", "4.020"},
      {"Elmwood Zoning Ordinance", "Article 4"},
      {"President John F. Kennedy Assassination Records Act of 1992", "-"}};
  CHECK(got == want);
}

TEST_CASE("header: a parish council's agenda naming no committee is the council's / its date opens a line with the time and venue", "[header]") {
  auto h = extract_header_fields(segment_text("Westley Parish Council\n3rd March 2022 at 7.30pm by Zoom videoconference\n"
                                              "Link to Zoom invite: https://zoom.example/j/123\n\n"
                                              "Agenda & Summons to Councillors and Invitation to Members of the Public\n\n"
                                              "1. To receive apologies for absence\n\n2. Declarations of Interest\n"));
  REQUIRE(h.organisation);
  CHECK(h.organisation->value == "Westley Parish Council");
  REQUIRE(h.body);
  CHECK(h.body->value == "Westley Parish Council");
  REQUIRE(h.meeting_date);
  CHECK(h.meeting_date->start == "2022-03-03");
  // A parish council's report, not an agenda or minutes, is for no meeting of its own.
  CHECK_FALSE(extract_header_fields(segment_text("Westley Parish Council\n\nReview of the Playing Field\n\n"
                                                 "1. Background\n\n1.1 The field was laid out in 1990.\n")).body);
}

TEST_CASE("header: a notice signed in its last cell by a name with the role after it, nothing between", "[header]") {
  auto h = extract_header_fields(segment_text(
      "Borough of Westley\n\nElection of a Borough Councillor for Ashby\n\nNotice is hereby given that a poll will be held on "
      "Thursday 2 May 2030.\n\nAshby Community Centre, Dundalk Road, Ashby\t22\tEC-1 to EC-769\n\n"
      "Dated Wednesday 24 April 2030\tMary Hollis Returning Officer\n\n"
      "Printed and published by the Returning Officer, Municipal Building, Kingsway, Ashby\n"));
  REQUIRE(h.author);
  CHECK(h.author->value == "Mary Hollis, Returning Officer");
  // A closed session's item is no signature: "B. Public Employment: Ethics Officer".
  auto l = extract_header_fields(segment_text("Agenda\n\n1. Roll call\n\n47. CLOSED SESSION:\n\nA. Public Employee Discipline\n\n"
                                              "B. Public Employment: Ethics Officer\n\nAdjournment\n"));
  CHECK_FALSE(l.author);
}

TEST_CASE("header: a report that ends with its writer's name over their organisation is by them", "[header]") {
  auto h = extract_header_fields(segment_text(
      "Westshire District Council - March 2030\n\nPlanning\n\nThe March Planning Committee refused five applications, and the "
      "officers will report back on the warehouses at the next meeting of the committee.\n\nHousing\n\n"
      "The Local Plan consultation closes in April; residents may respond online or at the council offices.\n\n"
      "Cllr Ann Dale\nWestshire District Council\n"));
  REQUIRE(h.author);
  CHECK(h.author->value == "Cllr Ann Dale");
}

TEST_CASE("header: a calendar of a body's meetings has no meeting date and no date of its own", "[header]") {
  auto h = extract_header_fields(segment_text("WESTSHIRE COLLEGE DISTRICT\nBOARD OF TRUSTEES\nBOARD MEETINGS CALENDAR\n"
                                              "Fiscal Year 2031\n\nBOARD MEETINGS\n\nSeptember 25, 2030\n1:30 p.m.\nFord Room\n"
                                              "October 30, 2030\n1:30 p.m.\nWestshore\n\nDates are subject to change\n"));
  CHECK_FALSE(h.meeting_date);
  CHECK_FALSE(h.report_date);
}

TEST_CASE("dates: the day of a resolution's or deed's form", "[dates]") {
  auto d = first_date("PASSED at a regular meeting the 13th day of December 1993.");
  REQUIRE(d);
  CHECK(d->start == "1993-12-13");
}

TEST_CASE("header: no body from a label, a preposition's phrase or a kind of paper, the body after 'An Interpretation of the'", "[header]") {
  CHECK_FALSE(extract_header_fields(segment_text("Return to: Executive Department\n\nRESOLUTION NO. 72\n\nThe city provides services.\n")).body);
  CHECK_FALSE(extract_header_fields(segment_text("Executive Order 9981\n\nBy virtue of the authority vested in me.\n")).body);
  auto i = extract_header_fields(segment_text("An Interpretation of the Planning Commission\n\nSection 5.080 Setbacks\n\nAll setbacks shall be measured.\n"));
  REQUIRE(i.body);
  CHECK(i.body->value == "Planning Commission");
  // The organisation a title says the paper is of.
  auto o = extract_header_fields(segment_text("CITIZEN INVOLVEMENT PROGRAM OF THE CITY OF RIVERGROVE\n\nWHEREAS the City has a program.\n"));
  REQUIRE(o.organisation);
  CHECK(o.organisation->value == "CITY OF RIVERGROVE");
}

TEST_CASE("contacts and body: who stands before a number on a run-on line, a council's planning meeting", "[contacts][header]") {
  auto c = extract_contacts(segment_text("Agenda\n\n1. Apologies\n\nCathy Fleet - Parish Clerk - 01869 347000 Public & Press welcome\n"));
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Cathy Fleet"));
  CHECK(c[0].role == std::optional<std::string>("Parish Clerk"));
  auto h = extract_header_fields(segment_text("MINUTES OF THE SOULDERN PARISH COUNCIL PLANNING MEETING\n\n1. Apologies were received.\n"));
  REQUIRE(h.body);
  CHECK(h.body->value == "Souldern Parish Council");
}

TEST_CASE("header: an archive's declassification stamp gives no body and no date", "[header]") {
  auto h = extract_header_fields(segment_text(
      "DECLASSIFICATION AUTHORITY DERIVED FROM: FBI AUTOMATIC DECLASSIFICATION GUIDE\nDATE 08-12-2023\tBY: NSICG\n\n"
      "Memorandum\n\nTO\tDirector, FBI\n\n1. The subject was interviewed.\n"));
  CHECK_FALSE(h.body);
  CHECK_FALSE(h.report_date);
  CHECK_FALSE(h.meeting_date);
}

TEST_CASE("contacts: the office a sentence names just before a number is its role", "[contacts]") {
  auto c = extract_contacts(segment_text("Agenda\n\n1. Call to order\n\nIndividuals who require special accommodation should "
                                         "contact the Superintendent's Office at (408) 252-3000.\n\nOur TDD line is (800) 252-9040.\n\n"
                                         "Interpreters must be requested 72 hours in advance by calling (213) 922-4600.\n"));
  REQUIRE(c.size() == 3);
  CHECK(c[0].role == std::optional<std::string>("Superintendent's Office"));
  CHECK(c[1].role == std::optional<std::string>("TDD line"));
  CHECK_FALSE(c[2].role);  // no office named
  CHECK_FALSE(c[0].name);
}

TEST_CASE("header: labels are read by what lexicons/header_labels.txt says they give / a marking run into a row after its date", "[header]") {
  // "For publication: Yes" is a marking only because the lexicon says what the label gives.
  auto s = segment_text("KENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION\n\nDECISION TO BE TAKEN BY:\tDECISION NO:\n\nCabinet\t24/00115\n\n"
                        "For publication: Yes\n\nKey decision: Yes\n\nTitle of Decision: Adoption of the Delivery Plan\n\n1. Background\n\n1.1 Text.\n");
  auto h = extract_header_fields(s);
  REQUIRE(h.classification);
  CHECK(h.classification->value == "public");
  CHECK(h.title->value == "Adoption of the Delivery Plan");
  auto no = extract_header_fields(segment_text("Report to: Planning Committee\nFor publication: No\n\nLAND AT MILL LANE\n\n1. Purpose\n\n1.1 Text.\n"));
  REQUIRE(no.classification);
  CHECK(no.classification->value == "exempt");
  // "Unrestricted", set beside the To row, run into it by the layout.
  auto run_in = extract_header_fields(segment_text("Finance Monitoring Report\n\nBy\tDeputy Leader, Peter Oakford\nTo\tCabinet - 30 January 2025 Unrestricted\n\n1. Introduction\n\n1.1 Text.\n"));
  REQUIRE(run_in.classification);
  CHECK(run_in.classification->value == "public");
  CHECK(run_in.body->value == "Cabinet");
  CHECK(run_in.meeting_date->start == "2025-01-30");
  // Every label of the lexicon reads as one "label = kind".
  for (const std::string& entry : papers::lexicon("header_labels")) CHECK(entry.find(" = ") != std::string::npos);
}

TEST_CASE("contacts: a minutes' footer block - the role and name over an address, then two numbers - is one contact, kept from the last page", "[contacts][normalise]") {
  // Each page of a parish's scanned minutes ends with its clerk's block; normalise drops the
  // repeats (running footers) but keeps the last, and the address line is no person.
  const std::string footer = "\n\nParish Clerk : Cathy Fleet\nWestfield Farm Cottage, Fenway, Steeple Aston, Bicester, Oxfordshire. OX25 4SS\n"
                             "Tel: 01869 347000\nMobile : 07989 398 838\n";
  PageTexts in;
  in.pages.push_back(PageText{1, "MINUTES OF THE SOULDERN PARISH COUNCIL MEETING\n\n08.18.01 Apologies\nApologies had been received from Alan Smith" + footer, "text", std::nullopt, "", 0, "", {}, 0});
  in.pages.push_back(PageText{2, "08.18.06 Finance\nThe following invoices were approved for payment" + footer, "text", std::nullopt, "", 0, "", {}, 0});
  in.pages.push_back(PageText{3, "08.18.07 Date of next meeting\nThe next meeting will be on 27th September" + footer, "text", std::nullopt, "", 0, "", {}, 0});
  NormalisedText text = NormaliseStage()(std::move(in)).value();
  std::size_t tel = 0;
  for (std::size_t at = text.text.find("Tel: 01869"); at != std::string::npos; at = text.text.find("Tel: 01869", at + 1)) ++tel;
  CHECK(tel == 1);  // the last page's copy only
  const auto c = extract_contacts(SegmentStage()(std::move(text)).value());
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Cathy Fleet"));
  CHECK(c[0].role == std::optional<std::string>("Parish Clerk"));
  CHECK(c[0].phone == std::optional<std::string>("+441869347000"));
  CHECK(c[0].at.page == 3);
}

TEST_CASE("header: the day a copy was printed is not the paper's date", "[header]") {
  auto h = extract_header_fields(segment_text("Metro\nLos Angeles County Metropolitan Transportation Authority One Gateway Plaza Los Angeles, CA\n\n"
                                              "Agenda - Final\nThursday, June 15, 2017\n\n11:30 AM\n\nOne Gateway Plaza, Los Angeles, CA 90012\n\n"
                                              "Metro\tPage 7\tPrinted on 6/13/2017\n"));
  CHECK_FALSE(h.report_date);
  REQUIRE(h.meeting_date);
  CHECK(h.meeting_date->start == "2017-06-15");
}

TEST_CASE("header: role-first From rows are each person 'Name, Role' / a form's label over its value / a minister's letter: no title, its date, its signature", "[header]") {
  // "From: Deputy Leader ..., Peter Oakford" / "Interim Corporate Director Finance, John Betts"
  auto from = extract_header_fields(segment_text(
      "From:                  Deputy Leader and Cabinet Member for Finance, Corporate and\n"
      "                       Traded Services, Peter Oakford\n"
      "                       Interim Corporate Director Finance, John Betts\n\nTo:                    Cabinet, 30 January 2025\n\n"
      "Subject:               Budget Monitoring Report\n\n1. Summary\n\n1.1 Text.\n"));
  REQUIRE(from.author);
  CHECK(from.author->value ==
        "Peter Oakford, Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services; John Betts, Interim Corporate Director Finance");
  // A name, then its role, is left as printed; a post that only looks like a name is no person.
  auto plain = extract_header_fields(segment_text("From:\tCorporate Director, Resident Services\n\nTo:\tCabinet\n\nSubject:\tParking\n\n1. Summary\n\n1.1 Text.\n"));
  REQUIRE(plain.author);
  CHECK(plain.author->value == "Corporate Director, Resident Services");
  // An equality impact assessment's form: "EQIA Title" over the title.
  auto form = extract_header_fields(segment_text("EQIA Submission Form\nEQIA Submission - ID Number\nSection A\nEQIA Title\n"
                                                 "Commissioning Plan for Education Provision in Kent 2025-29\nResponsible Officer\nPaul Wilson - CY EPA\n\n1. Aims\n\n"
                                                 "1.1 The plan provides an overarching framework for determining when and where education may be needed in the future across the county.\n"));
  REQUIRE(form.title);
  CHECK(form.title->value == "Commissioning Plan for Education Provision in Kent 2025-29");
  REQUIRE(form.author);
  CHECK(form.author->value == "Paul Wilson");  // "CY EPA", a team's code, is no role
  // A letter: its letterhead (a name with letters after it, a post, an address) is no title; the
  // date over "Dear ..." is its date; it is signed under "Yours ever,".
  const std::string letter =
      "Jim McMahon OBE MP\nMinister of State for Local Government and\nEnglish Devolution\n2 Marsham Street\nLondon\nSW1P 4DF\n\n"
      "To: Leaders of all two-tier councils\n\n16 December 2024\n\nDear Leaders\n\nThe English Devolution White Paper published today sets out "
      "how the Government plans to deliver.\n\nYours ever,\n\nJIM MCMAHON OBE MP\nMinister of State for Local Government and English Devolution\n";
  auto l = extract_header_fields(segment_text(letter));
  CHECK_FALSE(l.title);
  REQUIRE(l.report_date);
  CHECK(l.report_date->start == "2024-12-16");
  REQUIRE(l.author);
  CHECK(l.author->value == "JIM MCMAHON OBE MP, Minister of State for Local Government and English Devolution");
  CHECK(is_street_line("2 Marsham Street"));
  CHECK(is_address_line("Nipissing ON P0H 1W0"));
  CHECK_FALSE(is_address_line("Commissioning Plan for Education Provision"));
  // Marks a title is set between are no part of it; a year printed with stars keeps them.
  auto starred = extract_header_fields(segment_text("*** AGENDA ***\n\nTuesday, April 18, 2023\n\n1. Call to order\n\n1.1 Text.\n"));
  REQUIRE(starred.title);
  CHECK(starred.title->value == "AGENDA");
}

TEST_CASE("header: a minutes' heading names a parish meeting, held somewhere on a day / a summons' addressees are its body's members / an author's full stop", "[header]") {
  // "MEETING" is the committee's word after its name, but a parish meeting is the body itself.
  for (const char* heading : {"MINUTES OF SOULDERN ANNUAL PARISH MEETING HELD IN THE VILLAGE HALL ON 15th MAY 2014",
                              "MINUTES OF SOULDERN ANNUAL PARISH MEETING HELD ON 15th MAY 2014"}) {
    auto h = extract_header_fields(segment_text(std::string(heading) + "\n\nPresent: Mr A Smith\n\n1. Apologies\n\nNone.\n"));
    INFO(heading);
    REQUIRE(h.body);
    CHECK(h.body->value == "Souldern Annual Parish Meeting");
    REQUIRE(h.meeting_date);
    CHECK(h.meeting_date->start == "2014-05-15");
  }
  auto licensing = extract_header_fields(segment_text("MINUTES OF THE LICENSING COMMITTEE MEETING HELD ON 4 APRIL 2018\n\n1. Apologies\n\nNone.\n"));
  REQUIRE(licensing.body);
  CHECK(licensing.body->value == "Licensing Committee");
  auto summons = extract_header_fields(segment_text(
      "To: The Cathaoirleach and Each Member of the Municipal District of Cappamore-Kilmallock\n\n"
      "A meeting will be held on Thursday 19th October 2023.\n\nYours sincerely,\n\nDara O'Brien,\nMeetings Administrator.\n\n"
      "AGENDA\n\n1. Minutes\n\nTo adopt the minutes.\n"));
  REQUIRE(summons.body);
  CHECK(summons.body->value == "Municipal District of Cappamore-Kilmallock");
}

TEST_CASE("contacts: a role before the name with no comma / a house's name is no person / numbers each labelled with their kind are one person's", "[contacts]") {
  const auto c = extract_contacts(segment_text(
      "MINUTES OF THE PARISH COUNCIL\n\n1. Apologies\n\nNone.\n\nParish Clerk Cathy Fleet\n"
      "Westfield Farm Cottage, Fenway, Steeple Aston, Bicester, Oxfordshire, OX25 4SS Tel 01869 347000 Mobile 07989 398 838\n"));
  REQUIRE(c.size() == 1);
  CHECK(c[0].name == std::optional<std::string>("Cathy Fleet"));
  CHECK(c[0].role == std::optional<std::string>("Parish Clerk"));
  CHECK(c[0].phone == std::optional<std::string>("+441869347000"));
  // A post and its area are no name: "Assistant Director Thanet South Kent Coastal".
  const auto post = extract_contacts(segment_text("Contact details\n\nAssistant Director Thanet South Kent Coastal\n03000 412483\n"));
  REQUIRE(post.size() == 1);
  CHECK(post[0].phone == std::optional<std::string>("+443000412483"));
  CHECK(post[0].name != std::optional<std::string>("Thanet South Kent Coastal"));
  CHECK(post[0].name != std::optional<std::string>("Thanet South Kent"));
}

TEST_CASE("fields: an agenda is by the officer who signs it at its end / a role ends at the separator after it", "[fields][author]") {
  const std::string agenda =
      "Westbury Parish Council\n\nAgenda & Summons to Councillors and Invitation to Members of the Public\n\n"
      "1. To receive apologies for absence\n\n2. To receive the minutes of the last meeting\n\n3. Planning applications\n\n"
      "Jane Marsh - Parish Clerk - 01869 347000 Public & Press welcome\n";
  auto record = papers::FieldsStage()(papers::test::segment_text(agenda));
  REQUIRE(record.ok());
  REQUIRE(record.value().author);
  CHECK(record.value().author->value == "Jane Marsh, Parish Clerk");
  REQUIRE(record.value().contacts.size() == 1);
  CHECK(record.value().contacts[0].role == std::optional<std::string>("Parish Clerk"));
}

TEST_CASE("header: an agenda's own line naming it is its title / a line that opens with a date is none", "[header]") {
  const auto h = extract_header_fields(papers::test::segment_text(
      "Westbury Parish Council\n28th January 2021 at 7.30pm by Zoom videoconference\n\n"
      "Agenda & Summons to Councillors and Invitation to Members of the Public\n\n1. To receive apologies for absence\n\n"
      "2. To receive the minutes of the last meeting\n"));
  REQUIRE(h.title);
  CHECK(h.title->value == "Agenda & Summons to Councillors and Invitation to Members of the Public");
  const auto d = extract_header_fields(papers::test::segment_text(
      "Westbury Parish Council\n28th January 2021 at 7.30pm by Zoom videoconference\n\nRoad safety in the village\n\n"
      "1. Purpose\n\nThis report sets out the speeds measured.\n"));
  REQUIRE(d.title);
  CHECK(d.title->value == "Road safety in the village");
}

TEST_CASE("fields: the one day minutes give is their meeting's / notes from a meeting are minutes", "[fields][dates]") {
  const std::string notes = "Thursday, 5 March 2020\n\nWestbury Playground Restoration\nNotes from First Open Meeting\n\n"
                            "1. Chair: Nick Oak, Chairman Westbury Parish Council.\n\n2. The slide was removed after the inspection.\n";
  auto r = papers::FieldsStage()(papers::test::segment_text(notes));
  REQUIRE(r.ok());
  REQUIRE(r.value().meeting_date);
  CHECK(r.value().meeting_date->start == "2020-03-05");
  CHECK_FALSE(r.value().report_date);
}

TEST_CASE("header: a statutory notice is given by the organisation its first sentence names / a meeting's notice names a body", "[header]") {
  const auto h = extract_header_fields(papers::test::segment_text(
      "TRAFFIC REGULATION NOTICE\n\nNotice is hereby given pursuant to Section 14(2) of the Road Traffic Regulation Act, 1984, "
      "that the Westshire County Council TEMPORARILY PROHIBITS THE USE OF THE HIGHWAY BY ALL MOTOR VEHICLES\n\n"
      "LOCATION: Mill Lane\n"));
  REQUIRE(h.organisation);
  CHECK(h.organisation->value == "Westshire County Council");
  const auto m = extract_header_fields(papers::test::segment_text(
      "NOTICE OF MEETING\n\nNotice is hereby given that the\nDISTRICT COUNCIL 001\nwill hold a closed meeting\n\n"
      "Thursday, June 1, 2023\n"));
  CHECK_FALSE(m.organisation);
}

TEST_CASE("header: a meeting's notice that says it is open to the public is public / a closed meeting's is not", "[header]") {
  const auto open = extract_header_fields(papers::test::segment_text(
      "DISTRICT COUNCIL MEETING 001\n\nNotice is hereby given that District Council 001 will hold a public meeting.\n\n"
      "MEETING AGENDA\n\n1. Roll Call\n"));
  REQUIRE(open.classification);
  CHECK(open.classification->value == "public");
  const auto schedule = extract_header_fields(papers::test::segment_text(
      "COMMISSION ON HUMAN RELATIONS\n2019 MONTHLY BOARD MEETING SCHEDULE\nTIME: 3:30pm - 5:00pm\nOPEN TO THE PUBLIC\n\nJANUARY 10\n"));
  REQUIRE(schedule.classification);
  CHECK(schedule.classification->value == "public");
  const auto closed = extract_header_fields(papers::test::segment_text(
      "NOTICE OF MEETING\n\nNotice is hereby given that the DISTRICT COUNCIL 001 will hold a closed meeting\n\n1. Appointments\n"));
  CHECK_FALSE(closed.classification);
}

TEST_CASE("header: an instrument's kind on a line over its subject in capitals is one title, whichever line was found", "[header]") {
  // The kind line set apart ("EXECUTIVE<tab>ORDER", as OCR gives a spaced heading): the subject was the title.
  const auto order = extract_header_fields(segment_text(
      "EXECUTIVE\tORDER\n\nESTABLISHING THE PRESIDENT'S COMMITTEE ON EQUALITY OF TREATMENT AND OPPORTUNITY IN THE ARMED SERVICES\n\n"
      "WHEREAS it is essential that there be maintained the highest standards of democracy.\n"));
  REQUIRE(order.title);
  CHECK(order.title->value == "EXECUTIVE ORDER ESTABLISHING THE PRESIDENT'S COMMITTEE ON EQUALITY OF TREATMENT AND OPPORTUNITY IN THE ARMED SERVICES");
  // The kind line was the title: its subject joins it.
  const auto ordinance = extract_header_fields(segment_text(
      "ORDINANCE NO. 61-98\n\nAN ORDINANCE AMENDING ATTACHMENT C TO THE LAND DEVELOPMENT ORDINANCE\n\n"
      "The City Council of the City of Rivergrove ordains as follows.\n"));
  REQUIRE(ordinance.title);
  CHECK(ordinance.title->value == "ORDINANCE NO. 61-98 AN ORDINANCE AMENDING ATTACHMENT C TO THE LAND DEVELOPMENT ORDINANCE");
  // No subject in capitals under it (a meeting's resolution in words): the kind stays alone.
  const auto resolved = extract_header_fields(segment_text("RESOLUTION\n\nRESOLVED that the minutes be approved.\n"));
  if (resolved.title) CHECK(resolved.title->value.find("RESOLVED") == std::string::npos);
  // A heading that is no instrument's kind is left as it is.
  const auto minutes = extract_header_fields(segment_text("MINUTES\n\nPLANNING COMMITTEE - 4TH JUNE 1999\n\nPresent: Cllr Smith.\n"));
  if (minutes.title) CHECK(minutes.title->value.find("MINUTES PLANNING") == std::string::npos);
}

TEST_CASE("header: a signing office with its organisation at the foot names whose paper it is / a person beside the office does not", "[header]") {
  const auto signed_minutes = extract_header_fields(segment_text(
      "MINUTES OF SOULDERN ANNUAL PARISH MEETING HELD IN THE VILLAGE HALL ON 15th MAY 2014\n\nPresent: Mrs A Prescott\n\n"
      "1. Welcome\nThe Chairman welcomed everyone.\n\n"
      "............................ Date............................ Chairman Souldern Parish Council\n"));
  REQUIRE(signed_minutes.organisation);
  CHECK(signed_minutes.organisation->value == "Souldern Parish Council");
  const auto comma = extract_header_fields(segment_text(
      "Notes of the annual meeting\n\n1. Questions\nThere were none.\n\nSigned ..........\tDate ..........\nChair, Horsley Parish Council\n"));
  REQUIRE(comma.organisation);
  CHECK(comma.organisation->value == "Horsley Parish Council");
  const auto person = extract_header_fields(segment_text(
      "Notes of the annual meeting\n\n1. Questions\nThere were none.\n\nChair: Cllr John Smith\n"));
  CHECK(!person.organisation);
}
