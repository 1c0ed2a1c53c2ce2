// Decisions: what minutes, records of decision and notices say was decided, each from the words
// after its marker, apart from what reports recommend; and the other way round, prose that only
// mentions resolving or agreeing, and reports of other meetings' agreements, are none.
#include <catch2/catch.hpp>

#include "extractors/decisions.h"
#include "extractors/lexicon.h"
#include "extractors/recommendations.h"
#include "tests/text_fixture.h"

using namespace papers;
using papers::test::segment_text;

namespace {

std::vector<std::string> texts(const std::vector<Decision>& d) {
  std::vector<std::string> out;
  for (const Decision& x : d) out.push_back(x.text);
  return out;
}

}  // namespace

TEST_CASE("decisions: markers open a decision in any case, the words after them are its text", "[decisions]") {
  auto s = segment_text("MINUTES OF THE PARISH COUNCIL\n\n4. Payments\n\nResolved: to accept the quote from A. Smith.\n\n"
                        "5. Hall\n\nAGREED - that the hall hire be renewed.\n\n6. Trees\n\nDECIDED to defer the matter to June.\n\n"
                        "7. Minutes\n\nRESOLVED unanimously that the minutes be signed.\n");
  const auto d = extract_decisions(s);
  CHECK(texts(d) == std::vector<std::string>{"to accept the quote from A. Smith.", "the hall hire be renewed.",
                                             "to defer the matter to June.", "the minutes be signed."});
  CHECK(d[0].number == std::optional<std::string>("4"));
  CHECK(d[3].number == std::optional<std::string>("7"));
  CHECK(d[1].at.page == 1);
  CHECK(s.text.text.substr(d[1].at.span.begin, 10) == "the hall h");
  CHECK(extract_recommendations(s).empty());
}

TEST_CASE("decisions: a lead-in's listed items, one each, while their labels run on", "[decisions]") {
  auto s = segment_text("MINUTES\n\n88. Budget Monitoring\n\n3. RESOLVED that Cabinet agree to:\n\nA) Note the forecast overspend.\n"
                        "b) Agree the Capital budget changes.\nc) Note the Reserves Monitoring.\n\n"
                        "89. Draft Revenue Budget (Item 6)\n\nThe Leader introduced the report.\n");
  CHECK(texts(extract_decisions(s)) ==
        std::vector<std::string>{"Note the forecast overspend.", "Agree the Capital budget changes.", "Note the Reserves Monitoring."});
  auto c = segment_text("Minutes of the County Council\n\n285. Devolution\n\n26. RESOLVED that the County Council:\n\n"
                        "(1) Endorses the joint work;\n\n(2) Notes the timetable.\n\n27. The meeting closed at 1 pm.\n");
  CHECK(texts(extract_decisions(c)) == std::vector<std::string>{"Endorses the joint work;", "Notes the timetable."});
}

TEST_CASE("decisions: 'it was resolved' anywhere in a paragraph / two in one paragraph / a sentence wrapped around a margin note", "[decisions]") {
  auto s = segment_text(
      "MINUTES OF THE SOULDERN PARISH COUNCIL MEETING\n\n"
      "7. Planning Matters\n\n"
      "The concerns of the Council remain. It was resolved to monitor the bridleway so that it stays open\t\tAll\n"
      "to visitors to the wood\nIt was also resolved to establish the legality of the right of way by vehicular\n"
      "access. Discussions with OCC to be sought.\t\tRJ\n\n"
      "8. Any Other Business\n\nThe current village map is now out of date and it was unanimously agreed that Jenny Mander\t\tAM\n"
      "would be asked to update it.\n");
  CHECK(texts(extract_decisions(s)) ==
        std::vector<std::string>{"to monitor the bridleway so that it stays open to visitors to the wood",
                                 "to establish the legality of the right of way by vehicular access.",
                                 "Jenny Mander would be asked to update it."});
  // The margin notes stay in the text, after their paragraph.
  CHECK(s.text.text.find("access. Discussions with OCC to be sought.\tAll\tRJ") != std::string::npos);
}

TEST_CASE("decisions: in minutes a sentence that something was approved is one, whole / in a report it is not", "[decisions]") {
  auto m = segment_text("MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL\n\n2. Minutes\n\n"
                        "The minutes of the meeting held on 19th May 2016 were approved and signed.\n\n"
                        "8. Finance\n\nMembers discussed the accounts. The following accounts were approved for payment:\n");
  CHECK(texts(extract_decisions(m)) ==
        std::vector<std::string>{"The minutes of the meeting held on 19th May 2016 were approved and signed.",
                                 "The following accounts were approved for payment:"});
  auto r = segment_text("To: Cabinet\nSubject: Local Plan\n\n1. Background\n\n1.1 The Local Plan was adopted in 2015 and "
                        "the Design Guide was approved by Cabinet in 2019.\n");
  CHECK(extract_decisions(r).empty());
}

TEST_CASE("decisions: in minutes a consensus or a thing decided is one, whole / a condition is none", "[decisions]") {
  auto m = segment_text("MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL\n\n6. Playing field\n\n"
                        "All were in agreement for the additional fee to be paid. A team asked to use the pitch but it has "
                        "been decided not to pursue this. Funds are in place for the next phase once it has been decided "
                        "where our priorities lie. The fence would be mended if the quote were approved by Members.\n");
  CHECK(texts(extract_decisions(m)) ==
        std::vector<std::string>{"All were in agreement for the additional fee to be paid.",
                                 "A team asked to use the pitch but it has been decided not to pursue this."});
}

TEST_CASE("decisions: one that leads in to a list ends at its colon", "[decisions]") {
  auto m = segment_text("MINUTES OF THE BOARD MEETING\n\n2. Minutes of the last meeting\n\n"
                        "The minutes were agreed for accuracy subject to the following changes: Item 4 - Redacted Item 6.2 - "
                        "Spelling error. Item 9 - Minutes of the H&S meeting are not draft.\n");
  CHECK(texts(extract_decisions(m)) == std::vector<std::string>{"The minutes were agreed for accuracy subject to the following changes:"});
}

TEST_CASE("decisions: 'it was unanimously supported to ...' is decided", "[decisions]") {
  auto m = segment_text("MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL\n\n8 Administration\n\n"
                        "After discussion and consideration, it was unanimously supported to adopt the new Code of Conduct "
                        "recommended by CDC and previously circulated. Proposed CR; Seconded SB\n");
  CHECK(texts(extract_decisions(m)) == std::vector<std::string>{"to adopt the new Code of Conduct recommended by CDC and previously circulated."});
}

TEST_CASE("decisions: a motion moved, seconded and carried / 'Carried' is no part of it", "[decisions]") {
  auto s = segment_text("MINUTES\n\n5. Resolution No. 2023-140\n\nMoved by: Councillor Smith\nSeconded by: Councillor Jones\n\n"
                        "That Council approves the agenda as presented. Carried.\n");
  const auto d = extract_decisions(s);
  REQUIRE(d.size() == 1);
  CHECK(d[0].text == "Council approves the agenda as presented.");
  // A line opening "That ..." with no motion before it is no decision.
  CHECK(extract_decisions(segment_text("To: Board\n\n1. Purpose\n\nThat the Board notes the report.\n")).empty());
}

TEST_CASE("decisions: a motion quoted as it was put ends at its closing quote / its opening That is no part of it", "[decisions]") {
  // Irish and UK minutes quote the motion under its proposer and seconder, and go on in the same
  // paragraph with what followed it.
  auto s = segment_text("MINUTES OF THE ANNUAL MEETING\n\n1. Election of Chair\n\nProposed by Councillor Foley;\nSeconded by "
                        "Councillor Scanlan;\n\n\u201cThat, Councillor Mary Collins be appointed Chair of the District to hold office "
                        "to the next Annual Meeting.\u201d As there were no other nominations, the Chair was declared elected.\n");
  const auto d = extract_decisions(s);
  REQUIRE(d.size() == 1);
  CHECK(d[0].text == "Councillor Mary Collins be appointed Chair of the District to hold office to the next Annual Meeting.");
}

TEST_CASE("decisions: prose resolving or agreeing is none / another meeting's agreement reported is none", "[decisions]") {
  auto s = segment_text("MINUTES\n\n87. Cabinet Member Updates\n\n(a) At the Scrutiny Committee held on 29th January, Members agreed to "
                        "refer the decision to full Council.\n\n(b) The matter was resolved by agreement between the parties.\n\n"
                        "(c) The Leader agreed with the comments made.\n");
  CHECK(extract_decisions(s).empty());
}

TEST_CASE("decisions: an old archive's resolution stored as a recommendation gives its decision", "[decisions]") {
  CHECK(decision_from_resolution("RESOLVED that the minutes be approved.") == std::optional<std::string>("the minutes be approved."));
  CHECK(decision_from_resolution("The Sub-Committee RESOLVED that the application be granted.") ==
        std::optional<std::string>("the application be granted."));
  CHECK(decision_from_resolution("RESOLVED: (a) That the revenue budget be approved.") ==
        std::optional<std::string>("the revenue budget be approved."));
  CHECK_FALSE(decision_from_resolution("The Cabinet is asked to approve the plan."));
  CHECK_FALSE(decision_from_resolution("RESOLVED that"));
}

TEST_CASE("lexicons: entries read from the data files, alternation longest first, membership in any case", "[lexicon]") {
  const auto& markers = lexicon("decision_markers");
  CHECK(std::find(markers.begin(), markers.end(), "resolved") != markers.end());
  for (const std::string& m : markers) CHECK(m.find('#') == std::string::npos);  // comments dropped
  CHECK(in_lexicon("decision_markers", "RESOLVED"));
  CHECK_FALSE(in_lexicon("decision_markers", "noted"));
  const std::string alt = lexicon_alternation("decision_passives");
  CHECK(alt.rfind("(?:", 0) == 0);
  CHECK(alt.find("approved") != std::string::npos);
}

TEST_CASE("decisions: a motion recorded as carried under its resolution's number, 'That' or 'WHEREAS'", "[decisions]") {
  auto s = segment_text("MINUTES\n\nTOWNSHIP OF NIPISSING\n\nTuesday, September 5, 2023\n\n"
                        "R2023-169 D. Yemm, T. Butler:\nThat the minutes of the Council meeting held August 15, 2023, be adopted as published. Carried.\n\n"
                        "Council received a Staff Report on signage.\n\n"
                        "R2023-174 S. Foote, T. Butler:\nWHEREAS the Township needs veterinary services; NOW THEREFORE the Council supports the request. Carried.\n\n"
                        "R2023-175 S. Foote, T. Butler:\nThat the motion be deferred. Defeated.\n");
  const auto d = extract_decisions(s);
  REQUIRE(d.size() == 2);
  CHECK(d[0].text == "the minutes of the Council meeting held August 15, 2023, be adopted as published.");
  CHECK(d[0].number == std::optional<std::string>("R2023-169"));
  CHECK(d[1].text == "WHEREAS the Township needs veterinary services; NOW THEREFORE the Council supports the request.");
  // "It was agreed by the Board that ...": who agreed is no part of what was.
  auto b = segment_text("Minutes of the meeting\n\nIt was agreed by the Board that the letter be sent.\n");
  REQUIRE(extract_decisions(b).size() == 1);
  CHECK(extract_decisions(b)[0].text == "the letter be sent.");
}

TEST_CASE("decisions: a motion under its number runs over its paragraphs to its 'Carried'", "[decisions]") {
  // As Nipissing's minutes set it: each clause a line of its own, the number behind a heading.
  auto s = segment_text("MINUTES\n\nTOWNSHIP OF NIPISSING\n\nTuesday, March 17, 2026\n\n"
                        "Items from Correspondence: R2026-66 S. Foote, J. Scott:\n"
                        "WHEREAS Council has received a request to waive tipping fees;\n"
                        "NOW THEREFORE Council waives the Landfill Tipping Fees for the clean up;\n"
                        "AND THAT the group request the collection of recycling materials. Carried.\n\n"
                        "R2026-68 L. Chalapenko, S. Foote:\n"
                        "THAT we pass By-Law No. 2026-12, being a By-Law to confirm the proceedings of Council.\n"
                        "Read the first, second and third time passed this 17th day of March, 2026. Carried.\n\n"
                        "R2026-69 S. Kirkey, J. Scott:\nThat the motion be deferred.\nDefeated.\n");
  const auto d = extract_decisions(s);
  CHECK(texts(d) == std::vector<std::string>{
                        "WHEREAS Council has received a request to waive tipping fees; NOW THEREFORE Council waives the Landfill "
                        "Tipping Fees for the clean up; AND THAT the group request the collection of recycling materials.",
                        "we pass By-Law No. 2026-12, being a By-Law to confirm the proceedings of Council. Read the first, second "
                        "and third time passed this 17th day of March, 2026."});
  REQUIRE(d.size() == 2);
  CHECK(d[0].number == std::optional<std::string>("R2026-66"));
  CHECK(d[1].number == std::optional<std::string>("R2026-68"));
}

TEST_CASE("decisions: in minutes, a sentence whose subject is the body or its members agreeing", "[decisions]") {
  auto d = extract_decisions(papers::test::segment_text(
      "Minutes\n\nMW welcomed members.\n\nMC suggested a time to agree minutes. The Board agreed with this approach.\n\n"
      "The Board discussed and agreed some minor changes to the letter. RJ said NIMB could help.\n\nDecisions\n\n"
      "* The Board agreed that a website would be created.\n\nMW said that the Board agreed last year to wait.\n"));
  std::vector<std::string> got;
  for (const auto& x : d) got.push_back(x.text);
  const std::vector<std::string> want = {"with this approach.", "some minor changes to the letter.", "a website would be created."};
  CHECK(got == want);
  // Not in a report: what a board agreed there is history, not this paper's decision.
  CHECK(extract_decisions(papers::test::segment_text("To: Cabinet\n\n1. Background\n\n1.1 The Board agreed the plan in 2019.\n")).empty());
}

TEST_CASE("decisions: a resolution's 'BE IT RESOLVED' formula, and WHEREAS recitals kept whole", "[decisions]") {
  auto d = extract_decisions(papers::test::segment_text(
      "RESOLUTION NO. 22\n\nA RESOLUTION ADOPTING A BUDGET\n\nThe Council met on 5 May.\n\nNOW, THEREFORE, BE IT RESOLVED by the "
      "City Council of Rivergrove that the budget for 1976 is adopted.\n\nBE IT FURTHER RESOLVED that the Recorder files it.\n\n"
      "WHEREAS the town needs a hall; NOW THEREFORE BE IT RESOLVED THAT the Council supports the hall.\n"));
  std::vector<std::string> got;
  for (const auto& x : d) got.push_back(x.text);
  const std::vector<std::string> want = {"the budget for 1976 is adopted.", "the Recorder files it.",
                                         "WHEREAS the town needs a hall; NOW THEREFORE BE IT RESOLVED THAT the Council supports the hall."};
  CHECK(got == want);
  // In a report, the formula quoted is no decision of this paper.
  CHECK(extract_decisions(papers::test::segment_text("To: Cabinet\n\n1. Background\n\n1.1 The draft says: be it resolved that the fee rises.\n")).empty());
}

TEST_CASE("decisions: a resolution's points under BE IT RESOLVED alone, what it does 'hereby', a quoted resolution's end", "[decisions]") {
  auto d = extract_decisions(papers::test::segment_text(
      "RESOLUTION NO. 22\n\nWHEREAS, the City desires to adopt it,\n\nNOW THEREFORE, BE IT RESOLVED\n\n1. The Planning Commission "
      "shall serve as the Committee.\n\n2. All meetings shall be open.\n\nThe attached Mechanism is hereby adopted.\n\nNotice is hereby "
      "given that copies are available.\n"));
  std::vector<std::string> got;
  for (const auto& x : d) got.push_back(x.text);
  const std::vector<std::string> want = {"The Planning Commission shall serve as the Committee.", "All meetings shall be open.",
                                         "The attached Mechanism is hereby adopted."};
  CHECK(got == want);
  auto q = extract_decisions(papers::test::segment_text(
      "Minutes\n\n1. Planning\n\nAnd Resolved: \"That, pursuant to Section 34(6) of the Act, the Council approves the plan.\" This "
      "concluded the Meeting.\n"));
  REQUIRE(q.size() == 1);
  CHECK(q[0].text == "pursuant to Section 34(6) of the Act, the Council approves the plan.");
  // "it was agreed." alone is no lead-in of the numbered points after it.
  auto m = extract_decisions(papers::test::segment_text(
      "Minutes\n\n16) The Chairman put the amendment to the vote and it was agreed.\n\n17) Mr Hood proposed the following amendment:\n"));
  CHECK(m.empty());
}

TEST_CASE("decisions: a participle after another in one clause, an item's heading before a dash left out", "[decisions]") {
  auto d = extract_decisions(papers::test::segment_text(
      "MINUTES OF THE PARISH COUNCIL MEETING\n\n2. Minutes\n\nThe minutes of the meeting held on 23rd May 2019 were checked for "
      "accuracy and content, agreed as a true record of the meetings and signed by the chair.\n\n7. Finance\n\nFinance - The "
      "following accounts were approved for payment.\n"));
  std::vector<std::string> got;
  for (const auto& x : d) got.push_back(x.text);
  const std::vector<std::string> want = {
      "The minutes of the meeting held on 23rd May 2019 were checked for accuracy and content, agreed as a true record of the "
      "meetings and signed by the chair.",
      "The following accounts were approved for payment."};
  CHECK(got == want);
}

TEST_CASE("decisions: words that lead in to a resolution set out below are not it", "[decisions]") {
  auto s = segment_text("MINUTES\n\n3. Croom Local Area Plan\n\nAccordingly, the following resolution was adopted by the same voting:\n\n"
                        "Proposed by Councillor O'Donoghue;\n\nAnd Resolved: \"That the Council approves the material contravention.\"\n");
  CHECK(texts(extract_decisions(s)) == std::vector<std::string>{"the Council approves the material contravention."});
}

TEST_CASE("decisions: the body a resolution names as its subject is the paper's body / two bodies name none", "[decisions]") {
  auto s = segment_text("TOWNSHIP OF NIPISSING\n\nRESOLUTION\n\nNUMBER: R2024-189\n\nMoved by Councillor Foote\nSeconded by Councillor Scott\n\n"
                        "THAT Council changes the date of the October 15, 2024 meeting to October 22, 2024.\n\nCarried\n");
  const auto d = extract_decisions(s);
  REQUIRE(d.size() == 1);
  const auto body = body_of_decisions(d);
  REQUIRE(body);
  CHECK(body->value == "Council");
  CHECK(s.text.text.substr(body->at.span.begin, body->at.span.end - body->at.span.begin) == "Council");
  std::vector<Decision> two = d;
  two.push_back(Decision{std::nullopt, "the Board approves the accounts.", {}, std::nullopt, std::nullopt});
  CHECK_FALSE(body_of_decisions(two));
  CHECK_FALSE(body_of_decisions({Decision{std::nullopt, "the minutes be approved.", {}, std::nullopt, std::nullopt}}));
}

TEST_CASE("decisions: a resolution under a filing stamp / its unmarked list closes the decision / a form's blank is no part of it", "[decisions]") {
  auto s = segment_text("Return to: Executive Department\nIntergovernmental Relations Division\nATTN: Records Office\n\n"
                        "155 Cottage St. NE\nSalem, OR 97310\n\nFiled 12 June 1986\n\nRESOLUTION NO. 41\n\n"
                        "WHEREAS, the county asks each city which services it provides;\n\n"
                        "BE IT RESOLVED, that the City of _ELMWOOD hereby certifies that it provides the following services:\n\n"
                        "Police protection;\n\nStreet lighting; and\n\nStorm sewers.\n\nApproved this 9th day of June 1986.\n");
  const auto d = extract_decisions(s);
  CHECK(texts(d) == std::vector<std::string>{
                        "the City of ELMWOOD hereby certifies that it provides the following services: Police protection; "
                        "Street lighting; and Storm sewers."});
}

TEST_CASE("decisions: a motion with its proposer and seconder set under it, then Carried", "[decisions]") {
  auto s = segment_text("ANNUAL GENERAL MEETING MINUTES\n\n4. Accounts\n\nMembers asked about the grant. Being there were no further "
                        "queries, motion that the Accounts 2022/23 be accepted:\n\nProposed: Ann Dale (Elmwood)\n\n"
                        "Seconded: Tom Reed (Ashby)\n\nCarried unanimously.\n\n5. Auditor\n\n"
                        "The members were asked to consider the appointment of Reed & Co as auditor for the year.\n\n"
                        "Proposed: Tom Reed\n\nSeconded: Ann Dale\n\nCarried.\n\n6. Any other business\n\n"
                        "The Chair thanked the members. Proposed changes to the rules will come next year.\n");
  CHECK(texts(extract_decisions(s)) ==
        std::vector<std::string>{"the Accounts 2022/23 be accepted",
                                 "The members were asked to consider the appointment of Reed & Co as auditor for the year."});
}
