// Exports: JSON Lines and CSV tables read back by a small reader here match the archive (round
// trip), fields with commas, quotes and line breaks survive, filters select papers, and the
// columns are the documented ones.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
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

// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  const std::string text = papers::test::read_whole_file(path);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // RFC 4180's CRLF: the \n ends the row
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  (void)any;
  return rows;
}

void fill(Archive& archive, const fs::path& dir) {
  const std::vector<std::pair<std::string, std::string>> papers = {
      {"a.txt",
       "To: Police and Crime Panel\nDate of meeting: 3 February 2021\nSubject: Precept, \"Band D\" and Reserves\n\n"
       "1. Recommendation\n\n1.1 The Panel is recommended to support the precept, subject to \"the reserves\" review.\n\n"
       "1.2 The Panel is recommended to note the Police Reform and Social Responsibility Act 2011.\n\n"
       "Contact Officer: Jane Smith, Head of Finance, 0300 333 3456, jane.smith@example.gov.uk\n"},
      {"b.txt", "To: Cabinet\nDate of meeting: 4 March 2015\nSubject: Libraries\n\n1. Recommendation\n\n"
                "1.1 Cabinet is asked to approve the strategy from 1 April 2015.\n"},
  };
  papers::test::archive_text_papers(archive, dir, papers);
}

}  // namespace

TEST_CASE("export: CSV tables read back match the archive's records", "[export][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("export-csv");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  const ExportCounts n = write_csv_tables(archive, RecordFilter{}, dir / "out");
  CHECK(n.papers == 2);
  std::map<std::string, json> records;
  archive.each_record([&](const json& r) { records[r["id"]] = r; });
  for (const auto& [name, columns] : csv_tables()) {
    INFO(name);
    const auto rows = read_csv(dir / "out" / name);
    REQUIRE(!rows.empty());
    CHECK(rows[0] == columns);  // the documented header
  }
  const auto papers_rows = read_csv(dir / "out" / "papers.csv");
  REQUIRE(papers_rows.size() == 3);
  for (std::size_t i = 1; i < papers_rows.size(); ++i) {
    const auto& row = papers_rows[i];
    REQUIRE(records.count(row[0]));
    const json& r = records[row[0]];
    CHECK(row[6] == r["title"].get<std::string>());  // commas and quotes survive
    CHECK(row[7] == r["body"].get<std::string>());
    CHECK(row[9] == r["meeting_date"].get<std::string>());
    CHECK(row[11] == "");  // unknown agenda item: empty
  }
  const auto recs = read_csv(dir / "out" / "recommendations.csv");
  REQUIRE(recs.size() == 4);  // header + 3
  std::size_t matched = 0;
  for (std::size_t i = 1; i < recs.size(); ++i) {
    const json& r = records[recs[i][0]];
    const json& x = r["recommendations"][std::stoi(recs[i][1]) - 1];
    CHECK(recs[i][3] == x["text"].get<std::string>());
    CHECK(recs[i][5] == (x["action"].is_null() ? "" : x["action"].get<std::string>()));
    ++matched;
  }
  CHECK(matched == 3);
  const auto contacts = read_csv(dir / "out" / "contacts.csv");
  REQUIRE(contacts.size() == 2);
  CHECK(contacts[1][5] == "+443003333456");
  const auto legal = read_csv(dir / "out" / "legal_references.csv");
  REQUIRE(legal.size() == 2);
  CHECK(legal[1][4] == "police-reform-and-social-responsibility-act-2011");
  // Each item's row ends with its paper's title, body and date.
  const json& paper = records[legal[1][0]];
  CHECK(legal[1][7] == paper["title"].get<std::string>());
  CHECK(legal[1][8] == paper["body"].get<std::string>());
  CHECK(legal[1][9] == paper["meeting_date"].get<std::string>());
  // RFC 4180 line ends; no byte order mark unless asked for (Excel).
  const std::string text = papers::test::read_whole_file(dir / "out" / "papers.csv");
  CHECK(text.rfind("id,path,", 0) == 0);
  CHECK(text.find("ingested_at,pack_id,pack_first_page,pack_last_page,places\r\n") != std::string::npos);
  CHECK(text.size() >= 2);
  CHECK(text.substr(text.size() - 2) == "\r\n");
  write_csv_tables(archive, RecordFilter{}, dir / "excel", CsvOptions{true});
  CHECK(papers::test::read_whole_file(dir / "excel" / "contacts.csv").rfind("\xEF\xBB\xBFpaper_id,", 0) == 0);
  // A file where the folder should be is refused, not written over.
  std::ofstream(dir / "taken.csv") << "mine";
  CHECK_THROWS_AS(write_csv_tables(archive, RecordFilter{}, dir / "taken.csv"), std::invalid_argument);
  CHECK(papers::test::read_whole_file(dir / "taken.csv") == "mine");
  fs::remove_all(dir);
}

TEST_CASE("export: JSON Lines read back are the archived records / filters select papers", "[export][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("export-jsonl");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  std::stringstream out;
  CHECK(write_jsonl(archive, RecordFilter{}, out).papers == 2);
  std::string line;
  int lines = 0;
  while (std::getline(out, line)) {
    const json r = json::parse(line);
    const auto stored = archive.record(r["id"].get<std::string>());
    REQUIRE(stored);
    CHECK(*stored == r);
    ++lines;
  }
  CHECK(lines == 2);
  RecordFilter f;
  f.body = "police and crime panel";
  std::stringstream panel;
  CHECK(write_jsonl(archive, f, panel).papers == 1);
  f = RecordFilter{};
  f.until = "2016-01-01";
  std::stringstream old;
  CHECK(write_jsonl(archive, f, old).papers == 1);
  CHECK(old.str().find("Libraries") != std::string::npos);
  CHECK(write_csv_tables(archive, f, dir / "old").recommendations == 1);
  fs::remove_all(dir);
}

TEST_CASE("export: decisions.csv holds each paper's decisions as its record does", "[export][archive][decisions]") {
  const fs::path dir = papers::test::fresh_temp_dir("export-decisions");
  Archive archive((dir / "a.db").string());
  papers::test::archive_text_papers(
      archive, dir,
      {{"minutes.txt", "MINUTES OF THE LICENSING COMMITTEE\n\n3. Policy\n\nRESOLVED that the draft policy, as amended, be "
                       "approved for consultation.\n\n4. Fees\n\nRESOLVED: (a) That the fees be set at 50 pounds.\n\n"
                       "(b) That they be reviewed in 2026.\n"}});
  const ExportCounts n = write_csv_tables(archive, RecordFilter{}, dir / "out");
  CHECK(n.decisions == 3);
  json record;
  archive.each_record([&](const json& r) { record = r; });
  const auto rows = read_csv(dir / "out" / "decisions.csv");
  REQUIRE(rows.size() == 4);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const json& x = record["decisions"][i - 1];
    CHECK(rows[i][0] == record["id"].get<std::string>());
    CHECK(rows[i][1] == std::to_string(i));
    CHECK(rows[i][2] == x["number"].get<std::string>());
    CHECK(rows[i][3] == x["text"].get<std::string>());
    CHECK(rows[i][4] == "1");
  }
  CHECK(rows[1][3] == "the draft policy, as amended, be approved for consultation.");  // a comma survives quoting
  CHECK(rows[2][2] == "a");
  CHECK(read_csv(dir / "out" / "recommendations.csv").size() == 1);  // header only: minutes recommend nothing
  fs::remove_all(dir);
}

TEST_CASE("export: csv_field quotes what needs quoting", "[export]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a, b") == "\"a, b\"");
  CHECK(csv_field("say \"yes\"") == "\"say \"\"yes\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}
