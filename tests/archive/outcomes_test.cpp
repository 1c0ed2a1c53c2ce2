// Outcome links (archive/outcomes.h) on small records made here, and in the archive: links made
// whichever of report and minutes arrives first, shown in records, searched by outcome, exported,
// dropped with their minutes; an archive of the version before outcomes migrated.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/archive.h"
#include "archive/export.h"
#include "archive/outcomes.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace papers;

namespace {

json report_record(const std::string& id, const std::string& title, const std::vector<std::pair<std::string, std::string>>& recs,
                   const std::string& date = "2025-01-30", const std::string& opening = "") {
  json r = {{"id", id}, {"source", {{"path", id + ".pdf"}}}, {"title", title}, {"body", "Cabinet"},
            {"organisation", "Kent County Council"}, {"meeting_date", date.empty() ? json() : json(date)}, {"agenda_item", nullptr},
            {"text", opening.empty() ? title : opening}, {"extraction", {{"pages", json::array()}}}};
  json list = json::array();
  for (const auto& [number, text] : recs) list.push_back({{"number", number}, {"text", text}, {"page", 1}});
  r["recommendations"] = list;
  r["decisions"] = json::array();
  r["items"] = json::array();
  return r;
}

struct Minute {
  std::string number, heading, item;
  std::vector<std::pair<std::string, std::string>> decisions;
  std::string text;  // words of the minute besides its decisions
};

json minutes_record(const std::string& id, const std::vector<Minute>& minutes, const std::string& date = "2025-01-30") {
  json r = {{"id", id}, {"source", {{"path", id + ".pdf"}}}, {"title", "Minutes"}, {"body", "Cabinet"},
            {"organisation", "Kent County Council"}, {"meeting_date", date}, {"agenda_item", nullptr},
            {"recommendations", json::array()}, {"extraction", {{"pages", json::array()}}}};
  std::string text;
  json items = json::array(), decisions = json::array();
  for (const Minute& m : minutes) {
    items.push_back({{"number", m.number}, {"heading", m.heading}, {"agenda_item", m.item.empty() ? json() : json(m.item)},
                     {"page", 2}, {"span", json::array({text.size(), text.size() + m.heading.size()})}});
    text += m.number + ". " + m.heading + "\n" + m.text + "\n";
    for (const auto& [number, words] : m.decisions) {
      decisions.push_back({{"number", number}, {"text", words}, {"minute", m.number}, {"vote", nullptr}, {"page", 3}});
      text += words + "\n";
    }
  }
  r["items"] = items;
  r["decisions"] = decisions;
  r["text"] = text;
  return r;
}

std::vector<OutcomeLink> link(const json& report, const std::vector<json>& minutes) {
  std::vector<LinkPaper> papers;
  for (const json& m : minutes) papers.push_back(link_paper_from_record(m));
  std::vector<const LinkPaper*> pointers;
  for (const LinkPaper& p : papers) pointers.push_back(&p);
  return link_outcomes(link_paper_from_record(report), pointers);
}

const std::vector<Minute> kMeeting = {
    {"87", "Cabinet Member Updates", "4", {}, ""},
    {"88", "24/00108 - Revenue and Capital Budget Monitoring Report - November 2024-25", "5",
     {{"a", "Note the forecast revenue overspend of £23.3m."}, {"b", "Agree the Capital budget changes."}}, ""},
    {"89", "Commissioning Plan for Education Provision in Kent 2025-29", "6",
     {{"4", "Cabinet agree the Commissioning Plan for Education Provision in Kent 2025-29"}}, ""},
    {"90", "Highways Term Maintenance Contract", "7", {{"1", "That the award of the contract be deferred to the next meeting."}}, ""},
};

}  // namespace

TEST_CASE("outcomes: a minute found by reference number, by title, by agenda item, each decision by its words", "[outcomes]") {
  const json minutes = minutes_record("m1", kMeeting);
  // By the reference number on the report's first page (a proposed record of decision has no
  // meeting date: the reference alone links it).
  json prod = report_record("r1", "Revenue and Capital Budget Monitoring Report - September 2024-2025",
                            {{"a", "note the forecast revenue overspend of £23.3m (excluding Schools)"}, {"b", "Note and agree the Capital budget changes"}},
                            "", "PROPOSED RECORD OF DECISION DECISION NUMBER: 24/00108");
  std::vector<OutcomeLink> links = link(prod, {minutes});
  REQUIRE(links.size() == 2);
  CHECK(links[0].cue == "reference");
  CHECK(links[0].minute == "88");
  CHECK(links[0].outcome == "noted");
  CHECK(links[0].decisions == std::vector<int>{1});
  CHECK(links[1].outcome == "agreed");  // the decision's verb: "Agree the Capital budget changes"
  CHECK(links[1].page == 3);

  // By the title in the minute's heading.
  links = link(report_record("r2", "Commissioning Plan for Education Provision in Kent 2025-29",
                             {{"", "Cabinet is asked to agree the Commissioning Plan for Education Provision in Kent 2025-29."}}),
               {minutes});
  REQUIRE(links.size() == 1);
  CHECK(links[0].cue == "title");
  CHECK(links[0].minute == "89");
  CHECK(links[0].outcome == "agreed");

  // By agenda item, and a decision that defers.
  json highways = report_record("r3", "Term contract for highway works", {{"1", "Award the highways term maintenance contract to the preferred bidder"}});
  highways["agenda_item"] = "7";
  links = link(highways, {minutes});
  REQUIRE(links.size() == 1);
  CHECK(links[0].cue == "agenda item");
  CHECK(links[0].outcome == "deferred");
}

TEST_CASE("outcomes: nothing linked on a guess", "[outcomes]") {
  const json minutes = minutes_record("m1", kMeeting);
  // Another meeting's date: no minute.
  CHECK(link(report_record("r2", "Commissioning Plan for Education Provision in Kent 2025-29",
                           {{"", "agree the Commissioning Plan for Education Provision in Kent 2025-29"}}, "2025-03-04"),
             {minutes})
            .empty());
  // Another body's minutes: none.
  json other = minutes;
  other["body"] = "Governance and Audit Committee";
  CHECK(link(report_record("r2", "Commissioning Plan for Education Provision in Kent 2025-29",
                           {{"", "agree the Commissioning Plan for Education Provision in Kent 2025-29"}}),
             {other})
            .empty());
  // Two minutes papers of the meeting with the same heading: which one is a guess.
  CHECK(link(report_record("r2", "Commissioning Plan for Education Provision in Kent 2025-29",
                           {{"", "agree the Commissioning Plan for Education Provision in Kent 2025-29"}}),
             {minutes, minutes_record("m2", kMeeting)})
            .empty());
  // The minute is found, but no decision holds the recommendation's words: that one has none.
  const std::vector<OutcomeLink> links =
      link(report_record("r4", "Revenue and Capital Budget Monitoring Report - November 2024-25",
                         {{"a", "Note the forecast revenue overspend of £23.3m"}, {"c", "Approve the transfer of reserves to the waste budget"}}),
           {minutes});
  REQUIRE(links.size() == 1);
  CHECK(links[0].recommendation == 1);
}

TEST_CASE("outcomes: a recommendation to agree the proposed decision takes the whole resolution, an amendment carried makes it amended", "[outcomes]") {
  const json minutes = minutes_record(
      "m1", {{"91", "24/00115 - Integrated Care Strategy Delivery Plan", "8",
              {{"a", "Adopt the Integrated Care Strategy Delivery Plan"}, {"b", "Delegate authority to the Director of Public Health to revise it"}}, ""},
             {"92", "English Devolution White Paper", "9",
              {{"1", "Endorses the joint work with Medway Council on the White Paper and asks for quarterly reports to Members"}},
              "Mr Streatfeild proposed an amendment to the motion. Amendment carried."}});
  std::vector<OutcomeLink> links =
      link(report_record("r1", "Integrated Care Strategy Delivery Plan", {{"", "Cabinet is asked to agree the proposed decision, as detailed in the attached PROD."}},
                         "2025-01-30", "Decision No: 24/00115"),
           {minutes});
  REQUIRE(links.size() == 1);
  CHECK(links[0].match == "whole resolution");
  CHECK(links[0].decisions == std::vector<int>{1, 2});
  CHECK(links[0].outcome == "agreed");
  CHECK(links[0].decision_text == "(a) Adopt the Integrated Care Strategy Delivery Plan (b) Delegate authority to the Director of Public Health to revise it");

  links = link(report_record("r2", "English Devolution White Paper", {{"1", "Endorse the joint work with Medway Council on the White Paper"}}), {minutes});
  REQUIRE(links.size() == 1);
  CHECK(links[0].outcome == "amended");
  CHECK(links[0].decision_text.find("quarterly reports") != std::string::npos);
}

namespace {

const char* kReport =
    "KENT COUNTY COUNCIL\n\nFrom: Peter Oakford, Cabinet Member for Finance\n\nTo: Cabinet - 30 January 2025\n\n"
    "Subject: Libraries Opening Hours Review\n\nClassification: Unrestricted\n\n"
    "Recommendation(s):\n\nCabinet is asked to:\n\na) NOTE the responses to the consultation on opening hours.\n\n"
    "b) AGREE the new opening hours of the county's libraries from April 2025.\n\n"
    "c) AGREE the closure of the mobile library service in the rural districts.\n\n"
    "1. Introduction\n\n1.1 This report sets out the review.\n";

const char* kMinutes =
    "KENT COUNTY COUNCIL\n\nCABINET\n\nMINUTES of a meeting of the Cabinet held on Thursday, 30 January 2025.\n\n"
    "84. Apologies\n(Item 1)\n\nApologies were received from Mrs C Bell.\n\n"
    "85. Libraries Opening Hours Review\n(Item 5)\n\n"
    "1. Mrs Bell introduced the report.\n\n"
    "2. RESOLVED that Cabinet agree to:\n\n(a) Note the responses to the consultation on opening hours.\n\n"
    "(b) Agree the new opening hours of the county's libraries from April 2025.\n\n"
    "86. Date of the next meeting\n(Item 6)\n\nThe next meeting will be on 4 March 2025.\n";

const char* kAgenda =
    "AGENDA\n\nCABINET\n\nThursday, 30th January, 2025, at 10.00 am, in the Council Chamber of Sessions House,\n"
    "County Hall, Maidstone\n\n4. Cabinet Member Updates\n\n5. Libraries Opening Hours Review (Pages 1 - 10)\n\n"
    "6. Date of the next meeting\n";

std::string only_link_outcome(Archive& archive, const std::string& report_path, int rec) {
  const auto ids = archive.ids_of_path(report_path);
  REQUIRE(ids.size() == 1);
  const auto record = archive.record(ids[0]);
  REQUIRE(record);
  const json& o = (*record)["recommendations"][static_cast<std::size_t>(rec - 1)]["outcome"];
  return o.is_object() ? o["outcome"].get<std::string>() + " " + o["minute"].get<std::string>() : "none";
}

}  // namespace

TEST_CASE("archive outcomes: linked in either order, shown, searched, exported, gone with their minutes", "[outcomes]") {
  for (const bool minutes_first : {false, true}) {
    const fs::path dir = test::fresh_temp_dir(minutes_first ? "outcomes-minutes-first" : "outcomes-report-first");
    Archive archive((dir / "a.db").string());
    const std::pair<std::string, std::string> report{"report.txt", kReport}, minutes{"minutes.txt", kMinutes};
    test::archive_text_papers(archive, dir, {minutes_first ? minutes : report});
    archive.link_touched_outcomes();
    test::archive_text_papers(archive, dir, {minutes_first ? report : minutes});
    CHECK(archive.link_touched_outcomes() == 2);
    const std::string report_path = (dir / "report.txt").string();
    CHECK(only_link_outcome(archive, report_path, 1) == "noted 85");
    CHECK(only_link_outcome(archive, report_path, 2) == "agreed 85");
    CHECK(only_link_outcome(archive, report_path, 3) == "none");  // the minutes say nothing of the mobile libraries

    // An agenda of the same meeting: each item with the minute that took it and its papers.
    test::archive_text_papers(archive, dir, {{"agenda.txt", kAgenda}});
    const auto agenda = archive.record(archive.ids_of_path((dir / "agenda.txt").string()).at(0));
    REQUIRE(agenda);
    REQUIRE((*agenda)["items"].size() == 3);
    CHECK((*agenda)["items"][1]["pages"] == json::array({1, 10}));
    CHECK((*agenda)["items"][1]["minute"]["minute"] == "85");
    REQUIRE((*agenda)["items"][1]["papers"].size() == 1);
    CHECK((*agenda)["items"][1]["papers"][0]["paper"] == archive.ids_of_path(report_path).at(0));
    CHECK((*agenda)["items"][2]["minute"]["minute"] == "86");
    CHECK((*agenda)["items"][0]["minute"].is_null());  // the minutes record no item 4
    CHECK((*agenda)["items"][0]["papers"].empty());

    // The minutes' decisions say which recommendations they answered.
    const auto minutes_record = archive.record(archive.ids_of_path((dir / "minutes.txt").string()).at(0));
    REQUIRE(minutes_record);
    const json& answers = (*minutes_record)["decisions"][1]["answers"];
    REQUIRE(answers.size() == 1);
    CHECK(answers[0]["recommendation"] == 2);

    SearchQuery q;
    q.text = "libraries OR consultation OR mobile";
    q.in = SearchIn::recommendations;
    q.outcome = "agreed";
    std::vector<SearchHit> hits = archive.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].number == "b");
    CHECK(hits[0].outcome == "agreed");
    q.outcome = "none";
    hits = archive.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].number == "c");

    const fs::path tables = dir / "tables";
    const ExportCounts n = write_csv_tables(archive, RecordFilter{}, tables);
    CHECK(n.outcomes == 2);
    std::ifstream in(tables / "outcomes.csv");
    std::stringstream csv;
    csv << in.rdbuf();
    CHECK(csv.str().rfind("paper_id,recommendation_seq,recommendation_number,recommendation,outcome,minutes_id", 0) == 0);
    CHECK(csv.str().find(",noted,") != std::string::npos);

    // The minutes deleted: their links go with them.
    archive.begin();
    CHECK(archive.remove(archive.ids_of_path((dir / "minutes.txt").string()).at(0)));
    archive.commit();
    archive.link_touched_outcomes();
    CHECK(only_link_outcome(archive, report_path, 2) == "none");
    fs::remove_all(dir);
  }
}

TEST_CASE("archive outcomes: an archive of version 4 (before outcomes) gains the table, and then packs' columns and sketches", "[outcomes]") {
  const fs::path dir = test::fresh_temp_dir("outcomes-migrate");
  const std::string path = (dir / "old.db").string();
  {
    Archive archive(path);
    test::archive_text_papers(archive, dir, {{"report.txt", kReport}, {"minutes.txt", kMinutes}});
  }
  {
    // Back to how version 4 left it: no outcomes table.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "DROP TABLE outcomes; DROP TABLE sketches; DROP INDEX papers_pack_of; ALTER TABLE papers DROP COLUMN pack_of;"
                             " ALTER TABLE papers DROP COLUMN parts; UPDATE meta SET value='4' WHERE key='schema_version'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  // Read-only (list, stats, serve) it says what to do, not "no such column".
  try {
    Archive reading(path, /*read_only=*/true);
    FAIL("an archive of schema 4 opened read-only");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("was made by an older papers (schema 4): open it for writing once") != std::string::npos);
  }
  Archive archive(path);
  CHECK(only_link_outcome(archive, (dir / "report.txt").string(), 2) == "agreed 85");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='schema_version'", -1, &s, nullptr);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "6");
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "SELECT count(DISTINCT paper_id) FROM sketches", -1, &s, nullptr);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(sqlite3_column_int(s, 0) == 2);  // each paper's sketch, made from its archived text
  sqlite3_finalize(s);
  sqlite3_close(db);
  fs::remove_all(dir);
}
