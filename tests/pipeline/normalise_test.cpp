// Normalisation: one form for characters, unwrapped paragraphs, running heads removed.
#include <catch2/catch.hpp>

#include "pipeline/normalise.h"
#include "pipeline/text_extract.h"

using namespace papers;

namespace {
NormalisedText normalise(std::vector<std::string> pages) {
  PageTexts in;
  int n = 0;
  for (auto& p : pages) in.pages.push_back(PageText{++n, p, "text", std::nullopt, "", 0, "", {}, 0});
  return NormaliseStage()(std::move(in)).value();
}
}  // namespace

TEST_CASE("normalise: quotes / dashes / spaces and ligatures take one form", "[normalise]") {
  CHECK(normalise_characters("\xE2\x80\x9C" "Act" "\xE2\x80\x9D") == "\"Act\"");
  CHECK(normalise_characters("year\xE2\x80\x99s") == "year's");
  CHECK(normalise_characters("Cabinet \xE2\x80\x93 4 March") == "Cabinet - 4 March");
  CHECK(normalise_characters("of\xEF\xAC\x81" "ce") == "office");
  CHECK(normalise_characters("a\xC2\xA0" "b") == "a b");
}

TEST_CASE("normalise: hyphenated words and a paragraph broken by a page break are joined", "[normalise]") {
  auto t = normalise({"1.1 The Commissioner must produce an annual report on the exer-\ncise of functions in the budget year\n",
                      "and the progress made.\n"});
  CHECK(t.text.find("exercise of functions in the budget year and the progress made.") != std::string::npos);
  CHECK(t.page_starts.size() == 2);
}

TEST_CASE("normalise: a web address broken at a line end is one address, its hyphen kept", "[normalise]") {
  auto t = normalise({"10.1 Commissioning Plan for Education Provision in Kent 2024-28\n"
                      "     https://www.kent.gov.uk/education-and-children/schools/education-\n"
                      "     provision/education-provision-plan\n\n"
                      "10.2 Strategy https://www.kent.gov.uk/__data/assets/pdf_file/0012/13323/\n"
                      "     Strategy-for-children.pdf\n"});
  CHECK(t.text.find("https://www.kent.gov.uk/education-and-children/schools/education-provision/education-provision-plan") !=
        std::string::npos);
  CHECK(t.text.find("13323/Strategy-for-children.pdf") != std::string::npos);
  // An e-mail address wrapped before its domain's dot.
  auto e = normalise({"Ask for:             Georgina Little\nEmail:               georgina.little@kent\n"
                      "                     .gov.uk\n"});
  CHECK(e.text.find("georgina.little@kent.gov.uk") != std::string::npos);
  // An ordinary word broken at a line end still loses its hyphen.
  auto w = normalise({"1.1 The Commissioner must produce an annual report on the exer-\ncise of functions.\n"});
  CHECK(w.text.find("exercise of functions") != std::string::npos);
}

TEST_CASE("normalise: a wrapped line that starts with a number goes on its paragraph / a numbered one does not", "[normalise]") {
  auto t = normalise({"2.1 The Commissioner proposes a Band D precept of 231.78 pounds, an increase of\n"
                      "15 pounds on 2020/21.\n\n"
                      "14 The Council's accounts were approved\n"});
  CHECK(t.text.find("an increase of 15 pounds on 2020/21.") != std::string::npos);
  CHECK(t.text.find("\n14 The Council's accounts") != std::string::npos);
}

TEST_CASE("normalise: running headers / footers and page numbers are removed", "[normalise]") {
  std::vector<std::string> pages;
  for (int i = 1; i <= 3; ++i)
    pages.push_back("Audit Committee - 3 May 2019\n\n" + std::to_string(i) + ".1 " + std::string(i == 1 ? "Opening words" : i == 2 ? "Paragraph on page" : "Closing words") + " " + std::to_string(i) + ".\n\nPage " + std::to_string(i) + " of 3\n");
  auto t = normalise(pages);
  CHECK(t.text.find("Audit Committee - 3 May") == std::string::npos);
  CHECK(t.text.find("Page 2 of 3") == std::string::npos);
  CHECK(t.text.find("2.1 Paragraph on page 2.") != std::string::npos);
}

TEST_CASE("normalise: a header value wrapped under its column is one value / a list of values is not", "[normalise]") {
  auto t = normalise({"From:                 Jane Porter, Cabinet Member for Highways\n"
                      "To:                   Cabinet Committee - 17 January 2024\n"
                      "Subject:              Decision 23/00412 - Bus Service Improvement\n"
                      "                      Plan Funding 2024/25\n"
                      "Key decision:         Yes\n"
                      "Attachments:          Attachment A - Site Map\n"
                      "                      Attachment B - Director's Determination\n"});
  CHECK(t.text.find("Subject:\tDecision 23/00412 - Bus Service Improvement Plan Funding 2024/25\n") != std::string::npos);
  CHECK(t.text.find("Key decision:\tYes\n") != std::string::npos);
  CHECK(t.text.find("Attachments:\tAttachment A - Site Map\nAttachment B") != std::string::npos);
  // A line indented elsewhere is not part of the value.
  auto u = normalise({"Subject:              Decision 23/00412 - Bus Service Improvement\n"
                      "          Plan Funding 2024/25\n\n"
                      "The Department for Transport has confirmed a further 9.4 million pounds of Bus Service\n"
                      "Improvement Plan funding for 2024/25. This report sets out how it is proposed to spend\n"});
  CHECK(u.text.find("Bus Service Improvement\nPlan Funding") != std::string::npos);
}

TEST_CASE("normalise: a capitals title wrapped at the text width is one line / stacked banners are not", "[normalise]") {
  const std::string body = "An application has been made for a premises licence under section 17 of the\n"
                           "Licensing Act 2003 to sell alcohol from 10.00 to 23.00 daily. Six representations\n";
  auto t = normalise({"NORTHSHIRE COUNCIL\nLICENSING SUB-COMMITTEE\n\n"
                      "APPLICATION FOR A PREMISES LICENCE: THE OLD BAKERY, 12 HIGH\nSTREET\n\n" + body});
  CHECK(t.text.find("THE OLD BAKERY, 12 HIGH STREET\n") != std::string::npos);
  CHECK(t.text.find("NORTHSHIRE COUNCIL\nLICENSING SUB-COMMITTEE\n") != std::string::npos);
}

TEST_CASE("normalise: a capitals heading of long lines is one paragraph / its day in another case goes on across a blank line", "[normalise]") {
  auto t = normalise({"MINUTES OF PROCEEDINGS AT MEETING OF THE ENVIRONMENTAL\n"
                      "PROTECTION, TRANSPORT AND INFRASTRUCTURE STRATEGIC POLICY\n"
                      "COMMITTEE HELD IN THE COUNCIL CHAMBER ON MONDAY 3RD MAY 2021.\n\n"
                      "PRESENT IN THE CHAIR: Councillor A. Byrne\n\n"
                      "The minutes of the meeting held on 1st March were agreed and signed by the Chair of the committee.\n"});
  CHECK(t.text.rfind("MINUTES OF PROCEEDINGS AT MEETING OF THE ENVIRONMENTAL PROTECTION, TRANSPORT AND INFRASTRUCTURE "
                     "STRATEGIC POLICY COMMITTEE HELD IN", 0) == 0);
  auto u = normalise({"MINUTES OF THE WESTLEY PARISH COUNCIL MEETING HELD IN THE VILLAGE HALL\n\nON 14th March 2022\n\n"
                      "Present: Ann Dale (AD) CHAIR\n"});
  CHECK(u.text.rfind("MINUTES OF THE WESTLEY PARISH COUNCIL MEETING HELD IN THE VILLAGE HALL ON 14th March 2022\n", 0) == 0);
  // Banners stacked one under the other stay apart.
  auto v = normalise({"WESTSHIRE COUNTY COUNCIL\nCABINET\n\nOn 14 March 2022 the Cabinet met in the Council Chamber at County Hall to\n"
                      "consider the reports of the Leader and of the Cabinet Member for Highways and Transport.\n"});
  CHECK(v.text.rfind("WESTSHIRE COUNTY COUNCIL\nCABINET\n", 0) == 0);
}

TEST_CASE("normalise: a text dump set double spaced / a capitals heading over several lines / letter-spaced words / Markdown rules", "[normalise]") {
  // Every line followed by a blank one, as PDF-to-Markdown dumps are: the blank lines are spacing.
  std::string dump = "---\nMINUTES OF PROCEEDINGS AT SPECIAL MEETING OF LIMERICK CITY AND\n\nCOUNTY COUNCIL HELD IN THE COUNCIL CHAMBER, DOORADOYLE,\n\n"
                     "LIMERICK, ON TUESDAY, 25TH FEBRUARY, 2020, AT 3PM.\n\nPRESENT IN THE CHAIR: Councillor M. Sheahan, Mayor.\n\n";
  for (int i = 0; i < 6; ++i)
    dump += "It was agreed that Councillor Saša Novak would be appointed to replace Councillor\n\nBrian Leddin on the Travel Committee.\n\n";
  dump += "\n\nA G E N D A\n\n";
  PageTexts in;
  in.method = "text-file";
  in.pages.push_back(PageText{1, papers::strip_markup(dump), "text", std::nullopt, "", 0, "", {}, 0});
  const std::string text = NormaliseStage()(std::move(in)).value().text;
  CHECK(text.rfind("MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF LIMERICK CITY AND COUNTY COUNCIL HELD IN THE COUNCIL CHAMBER, "
                   "DOORADOYLE, LIMERICK, ON TUESDAY, 25TH FEBRUARY, 2020, AT 3PM.\n", 0) == 0);
  CHECK(text.find("replace Councillor Brian Leddin on the Travel Committee.") != std::string::npos);
  CHECK(text.find("AGENDA") != std::string::npos);
  CHECK(text.find("---") == std::string::npos);
  // A PDF's banners over a memo's rows stay apart.
  const std::string memo = normalise({"NORTHFIELD AND DALE FIRE AUTHORITY\n\nMEMORANDUM\n\nTO:\tALL MEMBERS OF THE FIRE AUTHORITY\n"
                                       "FROM:\tCLERK TO THE AUTHORITY\n"}).text;
  CHECK(memo.find("MEMORANDUM\n") != std::string::npos);
}

TEST_CASE("normalise: a double-spaced dump's paragraphs stay apart once a line ends short / rules before page numbers are page breaks / Markdown escapes", "[normalise]") {
  // A long line wraps into the next; a short one ending a sentence ends its paragraph, however
  // long the paragraph already is (it used to swallow the rest of the paper).
  std::string dump = "[Original file](https://www.limerick.ie/minutes.pdf)\n\n---\n";
  for (int i = 0; i < 5; ++i)
    dump += "On the proposal of Councillor Sheahan (J) seconded by Councillor Collins (M), it was\n\n"
            "agreed that Councillor Novak would be appointed to replace Councillor Leddin on the\n\n"
            "Travel Committee.\n\n";
  dump += "Accordingly, the following resolution was adopted by the same voting:\n---\n**2**\n\n"
          "Proposed by Councillor O\u2019Donoghue;\n\nSigned: \\_\\_\\_\\_ Mayor\n---\n**3**\n\nDate: 2 May 2024\n\n";
  const std::string marked = papers::strip_markup(dump);
  CHECK(std::count(marked.begin(), marked.end(), '\f') == 3);
  CHECK(marked.find("Signed: ____ Mayor") != std::string::npos);
  PageTexts in;
  in.method = "text-file";
  std::size_t from = 0;
  for (int n = 1; from <= marked.size(); ++n) {
    const std::size_t ff = std::min(marked.find('\f', from), marked.size());
    in.pages.push_back(PageText{n, marked.substr(from, ff - from), "text", std::nullopt, "", 0, "", {}, 0});
    from = ff + 1;
  }
  const std::string text = NormaliseStage()(std::move(in)).value().text;
  CHECK(text.find("Travel Committee.\nOn the proposal") != std::string::npos);
  CHECK(text.find("same voting:\n") != std::string::npos);  // the page's number after the rule is no part of it
  CHECK(text.find("Mayor\n") != std::string::npos);
  // Markdown rules among prose, no page numbers after them: paragraph breaks.
  const std::string prose = papers::strip_markup("# Notes\n\nFirst part.\n\n---\n\nSecond part.\n");
  CHECK(prose.find('\f') == std::string::npos);
  CHECK(prose.find("---") == std::string::npos);
}

TEST_CASE("normalise: a capitals heading broken by a stray blank line after a comma joins / a raised ordinal read as a quote is restored on any page", "[normalise]") {
  // An OCR'd minutes' heading dumped to text, a blank line inside it: "... ON TUESDAY 23RD JUNE," / "" / "2015, AT 10.00 A.M."
  const std::string text = normalise({"MINUTES OF PROCEEDINGS AT ANNUAL MEETING OF THE MUNICIPAL DISTRICT OF NEWCASTLE WEST, ON TUESDAY 23RD JUNE,\n\n"
                                      "2015, AT 10.00 A.M.\n\nPRESENT IN THE CHAIR: Councillor J. Scanlan\n\n"
                                      "HELD ON MONDAY 13\u201D FEBRUARY 2017 at 2 PM; the 12\" gauge pipe.\n"}).text;
  CHECK(text.find("ON TUESDAY 23RD JUNE, 2015, AT 10.00 A.M.\n") != std::string::npos);
  CHECK(text.find("MONDAY 13th FEBRUARY 2017") != std::string::npos);
  CHECK(text.find("the 12\" gauge pipe") != std::string::npos);  // no month after it: a measure, kept
  CHECK(restore_raised_ordinals("on 1' May and 22\" june") == "on 1st May and 22nd june");
  // Month first, as US papers write it; a quotation closed after the day is left alone.
  CHECK(restore_raised_ordinals("cancelling the October 15\" meeting and the May 2\" one") ==
        "cancelling the October 15th meeting and the May 2nd one");
  CHECK(restore_raised_ordinals("held \"until October 15\" by the Board") == "held \"until October 15\" by the Board");
}

TEST_CASE("normalise: under Background Documents each line is a document of its own / a line in lower case goes on", "[normalise]") {
  const std::string text =
      normalise({"10. Recommendations\n\n10.1 The Cabinet is asked to agree the transfer of the functions.\n\n"
                 "11. Background Documents\n\n      The Care Act 2014 and related adult social care legislation\n"
                 "      ADASS Roadmap\n      Mental Capacity Act 2005: DoLS Safeguards\n      Think Local Act Personal strategic priorities and\n"
                 "      their delivery plan\n\n12. Appendices\n\n12.1 None.\n"}).text;
  CHECK(text.find("legislation\nADASS Roadmap\nMental Capacity Act 2005: DoLS Safeguards\n") != std::string::npos);
  CHECK(text.find("strategic priorities and their delivery plan") != std::string::npos);
}

TEST_CASE("normalise: a footer of three lines is peeled whole, so a sentence runs on over the page / the last page keeps one copy", "[normalise]") {
  const std::string footer = "\n2013-05-29 Board Minutes 290513 NS v1\t{N}\nRegistered Office: County Library, Northgate Street, Ipswich IP1 3DE\n31542R\n";
  auto page = [&](const std::string& text, int n) {
    std::string f = footer;
    f.replace(f.find("{N}"), 3, std::to_string(n));
    return text + f;
  };
  const std::string text = normalise({page("Minutes\n\n5. Woodbridge - this application has been accepted by the Board subject to", 1),
                                      page("receiving bank account details.\n6. Debenham - accepted.", 2),
                                      page("7. Any other business\nNone.", 3)}).text;
  CHECK(text.find("accepted by the Board subject to receiving bank account details.") != std::string::npos);
  CHECK(text.find("Board Minutes 290513 NS v1\t1") == std::string::npos);
  CHECK(text.find("Registered Office") == text.rfind("Registered Office"));  // once, at the end
  CHECK(text.find("Registered Office") > text.find("None."));
}

TEST_CASE("normalise: a hanging capital letter is a list label, so its item's wrapped line joins", "[normalise]") {
  const std::string text = normalise({"Decision: Cabinet is asked to:\nA. Agree to TRANSFER the functions; and\n\n"
                                      "B.\tDELEGATE authority to the Corporate Director of Adult Social Care and Health in\n"
                                      "consultation with the Corporate Director Children, Young People and Education to take the relevant actions.\n"}).text;
  CHECK(text.find("B. DELEGATE authority to the Corporate Director of Adult Social Care and Health in consultation with") != std::string::npos);
}

TEST_CASE("normalise: a word broken over the line end joins whole, across columns or a blank line, as OCR'd typescripts set it", "[normalise]") {
  PageTexts in;
  in.method = "pdf-ocr";
  in.pages.push_back(PageText{1,
                              "MEMORANDUM FOR THE RECORD\tSECRET\n\nThe Committee noted the govern-\nment's view on the delibera-\n\n"
                              "tions of the Board. Costs rose -\nsee the table.\n",
                              "ocr", 80.0, "", 0, "", {}, 0});
  const std::string text = NormaliseStage()(std::move(in)).value().text;
  CHECK(text.find("government's view") != std::string::npos);
  CHECK(text.find("deliberations of the Board.") != std::string::npos);
  CHECK(text.find("rosesee") == std::string::npos);  // a dash after a space breaks no word
}

TEST_CASE("OCR slips: a word of the papers' vocabulary broken by a space is joined / real words beside each other stay apart", "[normalise][ocr]") {
  CHECK(papers::clean_ocr_line("MINUTES OF THE SOULDERN PARISH COU NCIL MEETING") == "MINUTES OF THE SOULDERN PARISH COUNCIL MEETING");
  CHECK(papers::clean_ocr_line("the Planning Commi ttee met") == "the Planning Committee met");
  CHECK(papers::clean_ocr_line("PARISH COUNCIL and the Cabinet report") == "PARISH COUNCIL and the Cabinet report");
  CHECK(papers::clean_ocr_line("a new sub committee") == "a new sub committee");
}

TEST_CASE("normalise: characters / ASCII mapped a byte at a time, the rest through NFKC, composing across the seam", "[normalise]") {
  // An ASCII letter before a combining mark goes with it to ICU: "e" + U+0301 is one "é".
  CHECK(normalise_characters("cafe\xcc\x81 menu") == "caf\xc3\xa9 menu");
  CHECK(normalise_characters("e\xcc\x81") == "\xc3\xa9");
  // Compatibility forms, quotes and dashes inside ASCII text; controls dropped, CR a line break.
  CHECK(normalise_characters("the \xef\xac\x81le \xe2\x80\x99s \xe2\x80\x93 ok") == "the file 's - ok");
  CHECK(normalise_characters("a`b\x01\x7f\r\nc") == "a'b\n\nc");
  CHECK(normalise_characters("plain ASCII line\twith a tab") == "plain ASCII line\twith a tab");
  // A combining mark after a non-ASCII letter, then ASCII: "s" + U+0323 + U+0307 composes to U+1E69.
  CHECK(normalise_characters("\xc3\xa9s\xcc\xa3\xcc\x87x") == "\xc3\xa9\xe1\xb9\xa9x");
}
