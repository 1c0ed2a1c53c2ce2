// Full-text search of the archive: ranking, filters, snippets, recommendations as hits,
// malformed queries, an archive made before search (schema 2) indexed on opening, and the
// command's exit status and JSON.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/archive.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using namespace papers;

namespace {

void fill(Archive& archive, const fs::path& dir) { papers::test::archive_text_papers(archive, dir, papers::test::search_papers()); }

}  // namespace

TEST_CASE("search: a title match outranks a passing mention / snippets mark the words", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-rank");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  SearchQuery q;
  q.text = "precept";
  auto hits = archive.search(q);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].title == "Proposed Precept 2021/22");
  CHECK(hits[1].title == papers::test::kLibrariesTitle);
  CHECK(hits[0].score < hits[1].score);
  CHECK(hits[1].snippet.find("[precept]") != std::string::npos);
  CHECK(hits[1].snippet.find('\n') == std::string::npos);
  // Porter stemming: "proposing" finds "proposes" and "Proposal"; prefix and phrase queries.
  q.text = "proposing";
  REQUIRE(archive.search(q).size() == 1);
  CHECK(archive.search(q)[0].title == "Proposed Precept 2021/22");
  q.text = "librar*";
  CHECK(archive.search(q).size() == 1);
  q.text = "\"police and crime plan\"";
  REQUIRE(archive.search(q).size() == 1);
  CHECK(archive.search(q)[0].date == "2012-06-14");
  fs::remove_all(dir);
}

TEST_CASE("search: filters by body / dates / Act", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-filters");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  SearchQuery q;
  q.text = "police";
  CHECK(archive.search(q).size() == 3);
  q.body = "police and crime panel";  // case does not matter
  CHECK(archive.search(q).size() == 2);
  q.since = "2015-01-01";
  REQUIRE(archive.search(q).size() == 1);
  CHECK(archive.search(q)[0].date == "2021-02-03");
  q.since.clear();
  q.until = "2015-01-01";
  REQUIRE(archive.search(q).size() == 1);
  CHECK(archive.search(q)[0].date == "2012-06-14");
  q = SearchQuery{};
  q.text = "police";
  q.act = "Police Reform and Social Responsibility Act 2011";
  CHECK(archive.search(q).size() == 1);
  q.act = "police-reform-and-social-responsibility-act-2011";
  CHECK(archive.search(q).size() == 1);
  q.act = "Localism Act 2011";
  CHECK(archive.search(q).empty());
  fs::remove_all(dir);
}

TEST_CASE("search: a hit can be one recommendation with its paper", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-recs");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  SearchQuery q;
  q.text = "police AND crime AND plan";
  q.recommendations = true;
  auto hits = archive.search(q);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].number == "2.1");
  CHECK(hits[0].page == 1);
  CHECK(hits[0].text == "The Panel is recommended to review the Police and Crime Plan.");
  CHECK(hits[0].title == "Police and Crime Plan");
  // A word only in a paper's text, not in any recommendation, finds no recommendation.
  q.text = "published";
  CHECK(archive.search(q).empty());
  fs::remove_all(dir);
}

TEST_CASE("search: a malformed or empty query is a clear error, not an SQL one", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-bad");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  for (const char* bad : {"precept AND", "\"unclosed phrase", "(police", "NOT", "   "}) {
    INFO(bad);
    SearchQuery q;
    q.text = bad;
    CHECK_THROWS_AS(archive.search(q), SearchError);
  }
  SearchQuery q;
  q.text = "precept AND";
  try {
    archive.search(q);
  } catch (const SearchError& e) {
    CHECK(std::string(e.what()).find("cannot read the query 'precept AND'") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("search: an archive made before search is indexed when opened", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-migrate");
  const std::string db = (dir / "a.db").string();
  {
    Archive archive(db);
    fill(archive, dir);
  }
  {  // make it look like schema 2: no search indexes
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "DROP TABLE papers_fts; DROP TABLE recommendations_fts; UPDATE meta SET value='2' WHERE key='schema_version'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  {  // read-only, it cannot be indexed: a clear error, not an SQL one
    Archive read_only(db, /*read_only=*/true);
    SearchQuery q;
    q.text = "precept";
    CHECK_THROWS_AS(read_only.search(q), SearchError);
  }
  Archive archive(db);
  SearchQuery q;
  q.text = "precept";
  CHECK(archive.search(q).size() == 2);
  q.recommendations = true;
  CHECK(archive.search(q).size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("search: the command prints JSON / exits 2 on a malformed query", "[search][cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-cli");
  {
    Archive archive((dir / "a.db").string());
    fill(archive, dir);
  }
  const std::string base = std::string(PAPERS_BINARY) + " --archive '" + (dir / "a.db").string() + "' search ";
  int status = std::system((base + "precept --json > '" + (dir / "out.json").string() + "'").c_str());
  CHECK(WEXITSTATUS(status) == 0);
  const auto hits = nlohmann::json::parse(papers::test::read_whole_file(dir / "out.json"));
  REQUIRE(hits.size() == 2);
  CHECK(hits[0]["title"] == "Proposed Precept 2021/22");
  CHECK(hits[0]["id"].get<std::string>().size() == 64);
  status = std::system((base + "'precept AND' 2> '" + (dir / "err.txt").string() + "'").c_str());
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(papers::test::read_whole_file(dir / "err.txt").find("cannot read the query") != std::string::npos);
  status = std::system((base + "precept --since 2021-13-01 2> /dev/null").c_str());
  CHECK(WEXITSTATUS(status) == 2);
  fs::remove_all(dir);
}
