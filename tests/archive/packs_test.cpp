// Agenda packs in the archive: a pack's parts are papers of their own, and a part that is an
// original archived beside it is that paper, counted once in search, stats and exports, whichever
// of pack and original is ingested first.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/archive.h"
#include "archive/export.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace papers;

namespace {

const std::string kReport =
    "KENT COUNTY COUNCIL\n\nFrom: Peter Oakford, Cabinet Member for Finance\n\nTo: Cabinet - 30 January 2025\n\n"
    "Subject: Libraries Opening Hours Review\n\nClassification: Unrestricted\n\n"
    "Recommendation(s):\n\nCabinet is asked to:\n\na) NOTE the responses to the consultation on opening hours.\n\n"
    "b) AGREE the new opening hours of the county's libraries from April 2025.\n\n"
    "1. Introduction\n\n1.1 This report sets out the review of the opening hours of the county's libraries, the\n"
    "responses of the public to the consultation held in the autumn and the hours now proposed.\n";

const std::string kAppendix =
    "Appendix A: Consultation responses\n\n"
    "The consultation ran for twelve weeks and drew responses from readers, staff and parish\n"
    "councils across the county, most of them asking that the libraries open later on weekdays.\n\n"
    "Readers in the rural districts asked most often for Saturday hours to be kept as they are.\n";

const std::string kPack =
    "CABINET - THURSDAY, 30 JANUARY 2025\n\nSupplementary agenda\n\nDear Member, please find below the papers of\n"
    "the meeting that were not ready when the agenda was sent.\n"
    "\fThis page is intentionally left blank\n"
    "\fAgenda Item 5\n\n" + kReport +
    "\fThis page is intentionally left blank\n"
    "\f" + kAppendix;

std::string id_of(Archive& archive, const fs::path& path) {
  const auto ids = archive.ids_of_path(path.string());
  return ids.size() == 1 ? ids[0] : std::string();
}

}  // namespace

TEST_CASE("archive packs: a pack and its originals in either order leave each paper once", "[packs]") {
  for (const bool pack_first : {true, false}) {
    const fs::path dir = test::fresh_temp_dir(pack_first ? "packs-pack-first" : "packs-originals-first");
    Archive archive((dir / "a.db").string());
    const std::vector<std::pair<std::string, std::string>> pack = {{"pack.txt", kPack}},
                                                           originals = {{"report.txt", kReport}, {"appendix.txt", kAppendix}};
    test::archive_text_papers(archive, dir, pack_first ? pack : originals);
    test::archive_text_papers(archive, dir, pack_first ? originals : pack);
    INFO((pack_first ? "pack first" : "originals first"));
    // The cover sheet (a part with no original), the report and the appendix; the pack is no paper.
    CHECK(archive.count_papers() == 3);
    CHECK(archive.stats().packs == 1);
    // Pages once each: the cover letter's, the report's and the appendix's, not the pack's again.
    const ArchiveStats st = archive.stats();
    CHECK(st.pages == 3);
    std::int64_t by_method = 0;
    for (const auto& [method, n] : st.by_page_method) by_method += n;
    CHECK(by_method == 3);
    CHECK(archive.count_recommendations() == 2);

    const std::string report = id_of(archive, dir / "report.txt");
    REQUIRE_FALSE(report.empty());
    const auto pack_record = archive.record(id_of(archive, dir / "pack.txt"));
    REQUIRE(pack_record);
    REQUIRE((*pack_record)["parts"].size() == 5);
    CHECK((*pack_record)["parts"][2]["first"] == 3);
    CHECK((*pack_record)["parts"][2]["kind"] == "report");
    CHECK((*pack_record)["parts"][2]["paper"] == report);
    CHECK((*pack_record)["parts"][4]["paper"] == id_of(archive, dir / "appendix.txt"));
    CHECK((*pack_record)["recommendations"].empty());  // the report's, counted there
    // The report names both files it was found in.
    const auto report_record = archive.record(report);
    REQUIRE(report_record);
    const json places = (*report_record)["places"];
    CHECK(std::find(places.begin(), places.end(), json((dir / "pack.txt").string() + "#pages=3-3")) != places.end());
    CHECK(std::find(places.begin(), places.end(), json((dir / "report.txt").string())) != places.end());

    SearchQuery q;
    q.text = "\"autumn and the hours now proposed\"";
    const std::vector<SearchHit> hits = archive.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].paper_id == report);
    q.in = SearchIn::recommendations;
    q.text = "libraries";
    CHECK(archive.search(q).size() == 1);

    const ExportCounts n = write_csv_tables(archive, RecordFilter{}, dir / "tables");
    CHECK(n.recommendations == 2);
    // papers.csv: the pack's cover letter says its pack and pages; the report, both files it is in.
    std::ifstream csv(dir / "tables" / "papers.csv");
    std::stringstream all;
    all << csv.rdbuf();
    CHECK(all.str().find(",1,1," + (dir / "pack.txt").string() + "#pages=1-1\r\n") != std::string::npos);
    CHECK(all.str().find((dir / "pack.txt").string() + "#pages=3-3") != std::string::npos);
    fs::remove_all(dir);
  }
}

TEST_CASE("archive packs: an original deleted is no longer named by its pack, and comes back as a part when the pack is made again", "[packs]") {
  const fs::path dir = test::fresh_temp_dir("packs-delete-original");
  Archive archive((dir / "a.db").string());
  test::archive_text_papers(archive, dir, {{"report.txt", kReport}, {"pack.txt", kPack}});
  const std::string pack = id_of(archive, dir / "pack.txt");
  archive.begin();
  REQUIRE(archive.remove(id_of(archive, dir / "report.txt")));
  archive.commit();
  CHECK((*archive.record(pack))["parts"][2]["paper"].is_null());
  // `papers reextract` of the pack: its record made again, the report a part of its own.
  archive.begin();
  const Outcome<Record> again = extract_file((dir / "pack.txt").string());
  REQUIRE(again.ok());
  REQUIRE(archive.replace(again.value(), record_to_json(again.value())));
  archive.commit();
  const json part = (*archive.record(pack))["parts"][2]["paper"];
  REQUIRE(part.is_string());
  const auto report = archive.record(part.get<std::string>());
  REQUIRE(report);
  CHECK((*report)["part_of"]["first"] == 3);
  CHECK(archive.count_papers() == 3);
  fs::remove_all(dir);
}

TEST_CASE("archive packs: one original bound in two packs is one paper, packs first or original first", "[packs]") {
  const std::string second = "CABINET - THURSDAY, 30 JANUARY 2025\n\nSecond supplementary agenda\n\nDear Member, the report below is sent again\n"
                             "with the papers of the item that were late.\n"
                             "\fThis page is intentionally left blank\n"
                             "\fAgenda Item 5\n\n" + kReport;
  for (const bool packs_first : {true, false}) {
    const fs::path dir = test::fresh_temp_dir(packs_first ? "packs-two-first" : "packs-two-last");
    Archive archive((dir / "a.db").string());
    const std::vector<std::pair<std::string, std::string>> packs = {{"pack.txt", kPack}, {"second.txt", second}},
                                                           original = {{"report.txt", kReport}};
    test::archive_text_papers(archive, dir, packs_first ? packs : original);
    test::archive_text_papers(archive, dir, packs_first ? original : packs);
    INFO((packs_first ? "packs first" : "original first"));
    // Two cover letters, the appendix (a part: no original of it) and the report, once.
    CHECK(archive.count_papers() == 4);
    CHECK(archive.count_recommendations() == 2);
    const std::string report = id_of(archive, dir / "report.txt");
    CHECK((*archive.record(id_of(archive, dir / "pack.txt")))["parts"][2]["paper"] == report);
    CHECK((*archive.record(id_of(archive, dir / "second.txt")))["parts"][2]["paper"] == report);
    fs::remove_all(dir);
  }
}

TEST_CASE("archive packs: a pack deleted takes its parts, its originals stay", "[packs]") {
  const fs::path dir = test::fresh_temp_dir("packs-delete");
  Archive archive((dir / "a.db").string());
  test::archive_text_papers(archive, dir, {{"pack.txt", kPack}, {"report.txt", kReport}});
  CHECK(archive.count_papers() == 3);  // cover, report, appendix (a part: no original of it)
  archive.begin();
  REQUIRE(archive.remove(id_of(archive, dir / "pack.txt")));
  archive.commit();
  CHECK(archive.count_papers() == 1);
  const auto report_record = archive.record(id_of(archive, dir / "report.txt"));
  REQUIRE(report_record);
  CHECK((*report_record)["places"] == json::array({(dir / "report.txt").string()}));
  fs::remove_all(dir);
}
