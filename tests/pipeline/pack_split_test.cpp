// Agenda packs split into their papers (pipeline/pack_split.h) on page texts set as ModernGov binds
// them: a cover sheet, blank pages that say so, "Agenda Item N" stamps, papers of slightly other
// page sizes; and papers that are no packs.
#include <catch2/catch.hpp>

#include "pipeline/pack_split.h"

using namespace papers;

namespace {

PageTexts pages_of(const std::vector<std::pair<std::string, std::pair<double, double>>>& pages) {
  PageTexts out;
  out.source.path = "PACK - Cabinet.pdf";
  out.source.sha256 = "ab";
  out.source.pages = static_cast<int>(pages.size());
  int n = 0;
  for (const auto& [text, size] : pages) {
    PageText p;
    p.number = ++n;
    p.text = text;
    p.width = size.first;
    p.height = size.second;
    out.pages.push_back(std::move(p));
  }
  return out;
}

const std::pair<double, double> kA4{595.3, 841.9}, kOtherA4{595.32, 841.92}, kTurned{841.9, 595.3};
const char* kBlank = "\n\n           This page is intentionally left blank\n\n                Page 2\n";

}  // namespace

TEST_CASE("pack split: cover, blank pages, a stamped report, an appendix of another file's page size", "[packs]") {
  const PageTexts pack = pages_of({
      {"CABINET - THURSDAY, 30 JANUARY 2025\nSUPPLEMENTARY AGENDA\nDear Member\n            Page 1\n", kA4},
      {kBlank, {595, 842}},
      {"                                        Agenda Item 7\nFrom: Sue Chandler, Cabinet Member\nTo: Cabinet - 30 January 2025\n   Page 3\n", kA4},
      {"1. Introduction\n1.1 The service transfers on 1 April.\n   Page 4\n", kA4},
      {"A table set wide\n   Page 5\n", kTurned},
      {"2. Recommendations\n   Page 6\n", kA4},
      {"EQIA Submission Form\nInformation about the EQIA\n   Page 7\n", kOtherA4},
      {"Section B\n   Page 8\n", kOtherA4},
      {kBlank, {595, 842}},
  });
  const std::vector<PackPart> parts = split_pack(pack);
  REQUIRE(parts.size() == 5);
  CHECK((parts[0].first == 1 && parts[0].last == 1 && parts[0].kind == "agenda"));
  CHECK(parts[0].title == "CABINET - THURSDAY, 30 JANUARY 2025");
  CHECK((parts[1].first == 2 && parts[1].kind == "blank"));
  // The stamp starts the report; the turned page is inside it.
  CHECK((parts[2].first == 3 && parts[2].last == 6 && parts[2].kind == "report"));
  CHECK(parts[2].agenda_item == "7");
  CHECK(parts[2].title == "From: Sue Chandler, Cabinet Member");
  // Another file's page size, no blank page before it: another paper.
  CHECK((parts[3].first == 7 && parts[3].last == 8 && parts[3].kind == "appendix"));
  CHECK((parts[4].first == 9 && parts[4].kind == "blank"));

  const PageTexts report = part_pages(pack, parts[2]);
  REQUIRE(report.pages.size() == 4);
  CHECK(report.pages[0].number == 1);
  CHECK(report.source.path == "PACK - Cabinet.pdf#pages=3-6");
  CHECK(report.source.pages == 4);
  CHECK(report.source.sha256.size() == 64);
  CHECK(report.source.sha256 != part_pages(pack, parts[3]).source.sha256);
}

TEST_CASE("pack split: a record of decision stamped, parts found by blank pages alone", "[packs]") {
  const std::vector<PackPart> parts = split_pack(pages_of({
      {"COUNTY COUNCIL - THURSDAY, 9 JANUARY 2025\nDear Member\n", kA4},
      {kBlank, kA4},
      {"Agenda Item 9\nKENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION\nDECISION TO BE TAKEN BY: Cabinet\n", kA4},
      {"Reason(s) for decision:\n", kA4},
      {kBlank, kA4},
      {"Appendix A\nCapital programme\n", kA4},
  }));
  REQUIRE(parts.size() == 5);
  CHECK(parts[2].kind == "record_of_decision");
  CHECK(parts[2].last == 4);
  CHECK(parts[4].kind == "appendix");
}

TEST_CASE("pack split: an A3 plan inside an A4 report is a page of the report, not a paper", "[packs]") {
  const std::pair<double, double> kA3{841.9, 1190.6};
  const std::vector<PackPart> parts = split_pack(pages_of({
      {"CABINET - 30 JANUARY 2025\nDear Member\n", kA4},
      {kBlank, kA4},
      {"Agenda Item 5\nFrom: Leader\nSubject: Local Plan\n", kA4},
      {"Site plan\n", kA3},
      {"2. Recommendations\n", kA4},
      {"3. Background\n", kA4},
  }));
  REQUIRE(parts.size() == 3);
  CHECK((parts[2].first == 3 && parts[2].last == 6 && parts[2].kind == "report"));
}

TEST_CASE("pack split: no pack without a pack's signs", "[packs]") {
  // A report whose last page is left blank.
  CHECK(split_pack(pages_of({{"Report\n1. Introduction\n", kA4}, {"2. Background\n", kA4}, {kBlank, kA4}})).empty());
  // An agenda's cover and its empty back, then the agenda: one paper.
  CHECK(split_pack(pages_of({{"Summons to and\nAgenda for a Meeting\n", kA4}, {"\n\n", kA4}, {"DEMOCRATIC SERVICES\nTo: All Members\n", kA4}})).empty());
  // Pages of two sizes, but no stamp and no blank page: a report with an odd appendix page.
  CHECK(split_pack(pages_of({{"Report\n", kA4}, {"Appendix\n", kOtherA4}})).empty());
  // One page.
  CHECK(split_pack(pages_of({{"Agenda Item 3\nReport\n", kA4}})).empty());
}
