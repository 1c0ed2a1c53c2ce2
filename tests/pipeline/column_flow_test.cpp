// Contact cards set side by side, read a column at a time (pipeline/column_flow.h).
#include <catch2/catch.hpp>

#include "extractors/contacts.h"
#include "extractors/recommendations.h"
#include "pipeline/column_flow.h"
#include "pipeline/normalise.h"
#include "pipeline/segment.h"

using namespace papers;

namespace {

// Lines as Poppler's physical layout gives a Kent report's two contact cards (column 36).
const std::vector<std::string> kCards = {
    "13. Contact details",
    "",
    "Report Authors:                     Lead Directors",
    "Sharon Howard                       Kevin Kasaven, Director of Children's",
    "Assistant Director Strengthening    Countywide Services",
    "Independence Service \xE2\x80\x93 For Disabled +443000416334",  // an en dash: columns count characters
    "Children and Young People 0-25      kevin.kasaven@kent.gov.uk",
    "+443000412070",
    "sharon.howard@kent.gov.uk           Mark Albiston, Director of Adult Social Care",
    "                                    and Health",
};

}  // namespace

TEST_CASE("column flow: two contact cards side by side read a column at a time, over a page break", "[normalise][contacts]") {
  std::vector<std::vector<std::string>> pages = {
      kCards,
      {"Alyson Wagget                        +443000417578",
       "Assistant Director Thanet South Kent mark.albiston@kent.gov.uk",
       "Coastal",
       "+443000412483                        Corporate Directors",
       "alyson.wagget@kent.gov.uk            Richard Smith",
       "",
       "",
       "14. Appendices"}};
  reflow_contact_columns(pages, {true, true});
  const std::vector<std::string> want = {
      "13. Contact details",
      "",
      "Report Authors:",
      "Sharon Howard",
      "Assistant Director Strengthening",
      "Independence Service \xE2\x80\x93 For Disabled",
      "Children and Young People 0-25",
      "+443000412070",
      "sharon.howard@kent.gov.uk",
      "Alyson Wagget",
      "Assistant Director Thanet South Kent",
      "Coastal",
      "+443000412483",
      "alyson.wagget@kent.gov.uk",
      "",
      "Lead Directors",
      "Kevin Kasaven, Director of Children's",
      "Countywide Services",
      "+443000416334",
      "kevin.kasaven@kent.gov.uk",
      "Mark Albiston, Director of Adult Social Care",
      "and Health",
      "+443000417578",
      "mark.albiston@kent.gov.uk",
      "Corporate Directors",
      "Richard Smith",
  };
  CHECK(pages[0] == want);
  // The next page keeps what followed the cards.
  CHECK(pages[1] == std::vector<std::string>{"", "", "14. Appendices"});
}

TEST_CASE("column flow: a page's stamped number does not stop the cards going on over the page break", "[normalise][contacts][packs]") {
  // An agenda pack's pages carry their number under the text ("Page 8"): the same cards, read the same.
  std::vector<std::string> first(kCards.begin(), kCards.end() - 1);  // "and Health" goes over to the next page
  first.insert(first.end(), {"", "                                        Page 8"});
  std::vector<std::vector<std::string>> pages = {
      first, {"                                       and Health", "Alyson Wagget                          +443000417578",
              "Assistant Director Thanet South Kent   mark.albiston@kent.gov.uk", "Coastal", "", "", "",
              "                                       Page 9"}};
  reflow_contact_columns(pages, {true, true});
  CHECK(pages[0] == std::vector<std::string>{"13. Contact details", "", "Report Authors:", "Sharon Howard", "Assistant Director Strengthening",
                                             "Independence Service \xE2\x80\x93 For Disabled", "Children and Young People 0-25",
                                             "+443000412070", "sharon.howard@kent.gov.uk", "Alyson Wagget",
                                             "Assistant Director Thanet South Kent", "Coastal", "", "Lead Directors",
                                             "Kevin Kasaven, Director of Children's", "Countywide Services", "+443000416334",
                                             "kevin.kasaven@kent.gov.uk", "Mark Albiston, Director of Adult Social Care", "and Health",
                                             "+443000417578", "mark.albiston@kent.gov.uk", "", "                                        Page 8"});
  CHECK(pages[1] == std::vector<std::string>{"", "", "", "                                       Page 9"});
}

TEST_CASE("column flow: a table of labels and values, more columns, OCR'd pages and other headings are left alone", "[normalise][contacts]") {
  // Labels on the left, each person's details on the right: rows, not two cards.
  const std::vector<std::string> labels = {"Contact Officers",
                                           "Report Author              Naomi Fisher, SEND Strategy Manager,",
                                           "                           naomi.fisher@ashdown.gov.uk, 0113 496 0803",
                                           "Relevant Director          Mark Ellis, Corporate Director,",
                                           "                           0113 496 0800"};
  // Role, name, phone and e-mail in four columns.
  const std::vector<std::string> table = {"Contact Details",
                                          "Head of Finance Operations    Cath Head    03000 416 934    cath.head@kent.gov.uk",
                                          "Acting Chief Accountant       Joe McKay    03000 419 601    joe.mckay@kent.gov.uk",
                                          "Capital Finance Manager       Jo Lee",
                                          "                              Jo Smith     03000 416 939    jo.smith@kent.gov.uk"};
  // The same cards under a heading that is no contact label.
  std::vector<std::string> other = kCards;
  other[0] = "13. Background";
  for (const auto& lines : {labels, table, other}) {
    std::vector<std::vector<std::string>> pages = {lines};
    reflow_contact_columns(pages, {true});
    CHECK(pages[0] == lines);
  }
  std::vector<std::vector<std::string>> ocr = {kCards};
  reflow_contact_columns(ocr, {false});
  CHECK(ocr[0] == kCards);
}

TEST_CASE("column flow: the cards' contacts each get their whole role, and the name their e-mail spells", "[normalise][contacts]") {
  // A text layer's page as Poppler lays it out: a paragraph at the text width, then the cards.
  std::string page = "12. Background\n\n12.1 The service moves to the Adult Social Care and Health Directorate from\n"
                     "April, with its staff, budgets and the contracts that the two directorates hold.\n\n";
  for (const std::string& l : kCards) page += l + "\n";
  page += "Alyson Wagget\nAssistant Director Thanet South Kent\nCoastal\n+443000412483\nalyson.wagget@kent.gov.uk\n"
          "                                    +443000417578\n                                    mark.albiston@kent.gov.uk\n";
  PageTexts in;
  in.method = "pdf-text";
  in.pages.push_back(PageText{1, page, "text", std::nullopt, "", 0, "", {}, 0});
  const Segments s = SegmentStage()(NormaliseStage()(std::move(in)).value()).value();
  const auto c = extract_contacts(s);
  REQUIRE(c.size() == 4);
  CHECK(c[0].name == std::optional<std::string>("Sharon Howard"));
  CHECK(c[0].role == std::optional<std::string>("Assistant Director Strengthening Independence Service - For Disabled Children and Young People 0-25"));
  CHECK(c[0].email == std::optional<std::string>("sharon.howard@kent.gov.uk"));
  CHECK(c[1].name == std::optional<std::string>("Alyson Wagget"));
  CHECK(c[1].role == std::optional<std::string>("Assistant Director Thanet South Kent Coastal"));
  CHECK(c[1].phone == std::optional<std::string>("+443000412483"));
  CHECK(c[2].name == std::optional<std::string>("Kevin Kasaven"));
  CHECK(c[2].role == std::optional<std::string>("Director of Children's Countywide Services"));
  CHECK(c[2].phone == std::optional<std::string>("+443000416334"));
  CHECK(c[3].name == std::optional<std::string>("Mark Albiston"));
  CHECK(c[3].role == std::optional<std::string>("Director of Adult Social Care and Health"));
  CHECK(c[3].email == std::optional<std::string>("mark.albiston@kent.gov.uk"));
}

TEST_CASE("column flow: a table row numbered on its middle line is made one row, its right-hand cell kept apart", "[normalise][recommendations]") {
  std::vector<std::vector<std::string>> pages = {{
      "2.5   Note and agree the Capital budget changes                             Please refer to Section 7",
      "      Note the Reserves Monitoring, Treasury Management and Prudential",
      "2.6                                                                         Please refer to Section 7, 8, and Appendix 3",
      "      Indicators Monitoring",
      "",
      "3 | Revenue Budget Forecast"}};
  mend_centred_row_numbers(pages, {true});
  REQUIRE(pages[0].size() == 4);
  CHECK(pages[0][1].rfind("2.6   Note the Reserves Monitoring, Treasury Management and Prudential Indicators Monitoring   ", 0) == 0);
  CHECK(pages[0][1].find("  Please refer to Section 7, 8, and Appendix 3") != std::string::npos);
  CHECK(pages[0][2].empty());
  // Through normalise and the recommendations extractor, the row reads as its neighbours do.
  std::string page = "2. Recommendations\n\n";
  for (const std::string& l : std::vector<std::string>{
           "2.5   Note and agree the Capital budget changes                             Please refer to Section 7",
           "      Note the Reserves Monitoring, Treasury Management and Prudential",
           "2.6                                                                         Please refer to Section 7, 8, and Appendix 3",
           "      Indicators Monitoring", "", "3. Revenue Budget Forecast", "", "3.1 The forecast outturn is an overspend."})
    page += l + "\n";
  PageTexts in;
  in.method = "pdf-text";
  in.pages.push_back(PageText{1, page, "text", std::nullopt, "", 0, "", {}, 0});
  const auto r = extract_recommendations(SegmentStage()(NormaliseStage()(std::move(in)).value()).value());
  REQUIRE(r.size() == 2);
  CHECK(r[0].text == "Note and agree the Capital budget changes");
  CHECK(r[1].number == std::optional<std::string>("2.6"));
  CHECK(r[1].text == "Note the Reserves Monitoring, Treasury Management and Prudential Indicators Monitoring");
  // A number alone between a paragraph's lines, nothing beside it, is no such row.
  std::vector<std::vector<std::string>> plain = {{"      The total was", "12", "      pounds."}};
  mend_centred_row_numbers(plain, {true});
  CHECK(plain[0].size() == 3);
}
