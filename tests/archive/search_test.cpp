// Full-text search of the archive: ranking, filters, snippets, recommendations and decisions as
// hits, malformed queries, an archive made before search (schema 2) indexed on opening, one made
// before decisions (schema 3) migrated on opening, and the command's exit status and JSON.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/archive.h"
#include "extractors/legal_references.h"
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

// The filters are applied as a set of admitted rows before ranking (archive.cpp): whatever the
// filters, the hits must be exactly the unfiltered hits that pass them, in the same order, with
// the same scores, and a page (offset, limit) of them must be that slice; ranked in rowid ranges
// side by side and merged, the same.
TEST_CASE("search: filtered hits are the unfiltered hits that pass the filters, in order", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-filter-equivalence");
  Archive archive((dir / "a.db").string());
  const char* bodies[] = {"Cabinet", "Planning Committee", "Police and Crime Panel"};
  const char* acts[] = {"Localism Act 2011", "Highways Act 1980", ""};
  const char* topics[] = {"highways", "libraries", "precept", "housing"};
  std::vector<std::pair<std::string, std::string>> papers;
  for (int i = 0; i < 36; ++i) {
    const std::string topic = topics[i % 4], other = topics[(i / 4) % 4];
    std::string text = std::string("To: ") + bodies[i % 3] + "\nDate of meeting: " + std::to_string(1 + i % 27) + " March " +
                       std::to_string(2005 + i % 17) + "\nSubject: " + topic + " report " + std::to_string(i) + "\n\n1. Report\n\n";
    for (int k = 0; k <= i % 5; ++k) text += "1." + std::to_string(k + 1) + " The " + other + " budget and the " + topic + " plan.\n";
    if (*acts[i % 3]) text += "1.9 Under section 1 of the " + std::string(acts[i % 3]) + " the council may act.\n";
    text += "\n2. Recommendation\n\n2.1 The " + std::string(bodies[i % 3]) + " is recommended to approve the " + topic + " plan.\n";
    papers.emplace_back("paper" + std::to_string(i) + ".txt", text);
  }
  papers::test::archive_text_papers(archive, dir, papers);

  auto acts_of = [&](const std::string& id) {
    std::vector<std::string> out;
    const nlohmann::json record = archive.record(id).value();
    for (const auto& l : record["legal_references"]) out.push_back(l["act"].get<std::string>());
    return out;
  };
  struct Filter {
    std::string body, since, until, act;
  };
  const std::vector<Filter> filters = {{"cabinet", "", "", ""},         {"", "2010-01-01", "2015-12-31", ""},
                                       {"", "", "", "Localism Act 2011"}, {"police and crime panel", "2008-01-01", "", ""},
                                       {"", "", "", "highways-act-1980"}, {"Planning Committee", "", "2012-06-30", "Localism Act 2011"}};
  int compared = 0;
  for (const bool recommendations : {false, true}) {
    for (const char* text : {"plan", "highways OR precept", "approve", "housing NOT libraries"}) {
      SearchQuery all;
      all.text = text;
      all.in = recommendations ? SearchIn::recommendations : SearchIn::papers;
      all.limit = 1000;
      const std::vector<SearchHit> everything = archive.search(all);
      REQUIRE(!everything.empty());
      for (const Filter& f : filters) {
        std::vector<const SearchHit*> expected;
        for (const SearchHit& h : everything) {
          const std::vector<std::string> paper_acts = acts_of(h.paper_id);
          const bool act_ok = f.act.empty() || std::any_of(paper_acts.begin(), paper_acts.end(), [&](const std::string& a) {
                                return act_key(a) == act_key(f.act);  // a title or a key: the same key
                              });
          std::string body = h.body, wanted = f.body;
          for (auto* s : {&body, &wanted}) std::transform(s->begin(), s->end(), s->begin(), ::tolower);
          if ((f.body.empty() || body == wanted) && (f.since.empty() || h.date >= f.since) && (f.until.empty() || h.date <= f.until) &&
              act_ok)
            expected.push_back(&h);
        }
        SearchQuery q = all;
        q.body = f.body;
        q.since = f.since;
        q.until = f.until;
        q.act = f.act;
        const std::vector<SearchHit> got = archive.search(q);
        INFO((recommendations ? "recommendations: " : "papers: ") << text << " / " << f.body << " " << f.since << " " << f.until << " " << f.act);
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
          CHECK(got[i].paper_id == expected[i]->paper_id);
          CHECK(got[i].text == expected[i]->text);
          CHECK(got[i].score == expected[i]->score);
        }
        // Ranked in parts side by side (as an index of 20,000 rows or more is), the same hits.
        for (const int parts : {2, 3, 7}) {
          SearchQuery in_parts = q;
          in_parts.parts = parts;
          const std::vector<SearchHit> merged = archive.search(in_parts);
          REQUIRE(merged.size() == got.size());
          for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(merged[i].paper_id == got[i].paper_id);
            CHECK(merged[i].text == got[i].text);
            CHECK(merged[i].score == got[i].score);
          }
        }
        // A page of the filtered hits is their slice, ranked in one part or in three.
        q.offset = 1;
        q.limit = 2;
        for (const int parts : {1, 3}) {
          q.parts = parts;
          const std::vector<SearchHit> page = archive.search(q);
          REQUIRE(page.size() == std::min<std::size_t>(2, expected.size() > 1 ? expected.size() - 1 : 0));
          for (std::size_t i = 0; i < page.size(); ++i) CHECK(page[i].paper_id == expected[i + 1]->paper_id);
        }
        compared += expected.empty() ? 0 : 1;
      }
    }
  }
  CHECK(compared >= 40);  // the filters above do admit hits: the comparison is not of empty lists
  fs::remove_all(dir);
}

TEST_CASE("search: inside a write transaction, papers not yet committed are found, even asked to rank in parts", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-in-transaction");
  Archive archive((dir / "a.db").string());
  std::ofstream(dir / "p.txt") << papers::test::search_papers()[0].second;
  auto r = extract_file((dir / "p.txt").string());
  REQUIRE(r.ok());
  archive.begin();
  archive.put(r.value(), record_to_json(r.value()));
  SearchQuery q;
  q.text = "precept";
  q.parts = 3;  // other connections would not see the uncommitted paper: one part is used
  CHECK(archive.search(q).size() == 1);
  archive.commit();
  CHECK(archive.search(q).size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("search: a hit can be one recommendation with its paper", "[search][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-recs");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  SearchQuery q;
  q.text = "police AND crime AND plan";
  q.in = SearchIn::recommendations;
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
  for (const char* bad : {"precept AND", "(police", "NOT", "   "}) {
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

TEST_CASE("search: plain words never hit query syntax - apostrophes, hyphens, full stops, colons / operators only in capitals", "[search][archive]") {
  CHECK(fts_query("O'Hara") == "\"O'Hara\"");
  CHECK(fts_query("e-mail data-sets") == "\"e-mail\" \"data-sets\"");
  CHECK(fts_query("e-mai*") == "\"e-mai\"*");
  CHECK(fts_query("precept AND (increase OR rise)") == "precept AND (increase OR rise)");
  CHECK(fts_query("\"police and crime\" s.39") == "\"police and crime\" \"s.39\"");
  CHECK(fts_query("\"unclosed") == "\"unclosed\"");
  const fs::path dir = papers::test::fresh_temp_dir("search-plain");
  Archive archive((dir / "a.db").string());
  auto papers = papers::test::search_papers();
  papers.emplace_back("ohara.txt",
                      "To: Audit Committee\nDate of meeting: 5 May 2010\nSubject: Data Sets\n\n1. Report\n\n"
                      "1.1 Mr O'Hara sent the data-sets by e-mail under s.39 of the Act.\n");
  papers::test::archive_text_papers(archive, dir, papers);
  for (const char* words : {"O'Hara", "e-mail", "data-sets", "s.39", "o'hara e-mail"}) {
    INFO(words);
    SearchQuery q;
    q.text = words;
    const auto hits = archive.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].title == "Data Sets");
  }
  // A year or a month as a date filter: its first day for --since, its last for --until.
  CHECK(filter_day("2010", false) == std::optional<std::string>("2010-01-01"));
  CHECK(filter_day("2010", true) == std::optional<std::string>("2010-12-31"));
  CHECK(filter_day("2024-02", true) == std::optional<std::string>("2024-02-29"));
  CHECK(filter_day("2023-02", true) == std::optional<std::string>("2023-02-28"));
  CHECK(filter_day("2010-13", false) == std::nullopt);
  CHECK(filter_day("10", false) == std::nullopt);
  const std::string base = std::string(PAPERS_BINARY) + " --archive '" + (dir / "a.db").string() + "' search ";
  const fs::path out = dir / "out.txt";
  CHECK(WEXITSTATUS(std::system((base + "\"O'Hara\" --since 2010 --until 2010-05 --json > '" + out.string() + "'").c_str())) == 0);
  REQUIRE(nlohmann::json::parse(papers::test::read_whole_file(out))["hits"].size() == 1);
  CHECK(WEXITSTATUS(std::system((base + "precept --since 2022 --json > '" + out.string() + "'").c_str())) == 0);
  CHECK(nlohmann::json::parse(papers::test::read_whole_file(out))["hits"].size() == 1);  // the 2025 paper only
  fs::remove_all(dir);
}

TEST_CASE("search: a query costlier than one search may be is refused with why, on the command line as on the web", "[search][archive][reliability]") {
  // Prefix terms expand to every indexed word they begin: "t*" to nearly all of them.
  CHECK(query_cost_error("winter serv*") == "");
  CHECK(query_cost_error("\"winter service\" AND road*") == "");
  CHECK(query_cost_error("t* t*").find("too short") != std::string::npos);
  CHECK(query_cost_error("rec* pre* pol* bud* cou*").find("5 prefix terms") != std::string::npos);
  std::string many;
  for (int i = 0; i < 40; ++i) many += "word" + std::to_string(i) + " ";
  CHECK(query_cost_error(many).find("40 terms") != std::string::npos);
  CHECK(query_cost_error(std::string(600, 'a')).find("at most 500") != std::string::npos);
  CHECK(query_cost_error("precept AND police OR NOT budget") == "");  // operators are no terms
  const fs::path dir = papers::test::fresh_temp_dir("search-cost");
  Archive archive((dir / "a.db").string());
  fill(archive, dir);
  SearchQuery q;
  q.text = "p* precept";
  CHECK_THROWS_AS(archive.search(q), SearchError);
  q.text = "prec* police";
  CHECK_FALSE(archive.search(q).empty());
  // The command line says why and exits 2, as for any query it cannot run.
  const std::string cmd = std::string(PAPERS_BINARY) + " --archive '" + (dir / "a.db").string() + "' search 't* t*' 2> '" +
                          (dir / "err.txt").string() + "'";
  const int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 2);
  std::ifstream err(dir / "err.txt");
  const std::string said((std::istreambuf_iterator<char>(err)), {});
  CHECK(said.find("too short") != std::string::npos);
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
  q.in = SearchIn::recommendations;
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
  // The web API's shape (GET /api/search): the hits, whether there are more, snippets in parts.
  const auto reply = nlohmann::json::parse(papers::test::read_whole_file(dir / "out.json"));
  CHECK(reply["more"] == false);
  CHECK(reply["query"] == "precept");
  const auto& hits = reply["hits"];
  REQUIRE(hits.size() == 2);
  CHECK(hits[0]["snippet"].is_array());
  CHECK(hits[0]["title"] == "Proposed Precept 2021/22");
  CHECK(hits[0]["id"].get<std::string>().size() == 64);
  status = std::system((base + "'precept AND' 2> '" + (dir / "err.txt").string() + "'").c_str());
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(papers::test::read_whole_file(dir / "err.txt").find("cannot read the query") != std::string::npos);
  status = std::system((base + "precept --since 2021-13-01 2> /dev/null").c_str());
  CHECK(WEXITSTATUS(status) == 2);
  fs::remove_all(dir);
}

namespace {

// Parish minutes that RESOLVED two things, and the Panel papers of search_papers().
void fill_with_minutes(Archive& archive, const fs::path& dir) {
  auto papers = papers::test::search_papers();
  papers.emplace_back("minutes.txt",
                      "MINUTES OF THE MEETING OF ASHCOMBE PARISH COUNCIL HELD ON 14 MARCH 1994\n\n"
                      "1. Precept\n\nRESOLVED that the precept for 1994/95 be set at 4,250 pounds.\n\n"
                      "2. Footpaths\n\nRESOLVED that the clerk writes to the County Council about the footpath.\n");
  papers::test::archive_text_papers(archive, dir, papers);
}

std::int64_t count_of(const std::string& db, const char* sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, sql, -1, &s, nullptr) == SQLITE_OK);
  const std::int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(raw);
  return n;
}

}  // namespace

TEST_CASE("search: a hit can be one decision with its paper, apart from recommendations", "[search][archive][decisions]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-decisions");
  Archive archive((dir / "a.db").string());
  fill_with_minutes(archive, dir);
  SearchQuery q;
  q.text = "precept";
  q.in = SearchIn::decisions;
  auto hits = archive.search(q);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].text == "the precept for 1994/95 be set at 4,250 pounds.");
  CHECK(hits[0].number == "1");
  CHECK(hits[0].page == 1);
  CHECK(hits[0].snippet.find("[precept]") != std::string::npos);
  // The Panel's precept papers recommend; they decide nothing.
  q.in = SearchIn::recommendations;
  for (const SearchHit& h : archive.search(q)) CHECK(h.text.find("4,250") == std::string::npos);
  q.in = SearchIn::decisions;
  q.text = "footpath";
  q.body = "Police and Crime Panel";
  CHECK(archive.search(q).empty());  // filters apply to decisions too
  q.body = "";
  CHECK(archive.search(q).size() == 1);
  CHECK(archive.count_decisions() == 2);
  CHECK(archive.stats().decisions == 2);
  // The command: --in decisions, one hit a decision.
  const std::string out = (dir / "out.json").string();
  const int status = std::system((std::string(PAPERS_BINARY) + " --archive '" + (dir / "a.db").string() +
                                  "' search precept --in decisions --json > '" + out + "'").c_str());
  CHECK(WEXITSTATUS(status) == 0);
  const auto cli = nlohmann::json::parse(papers::test::read_whole_file(out))["hits"];
  REQUIRE(cli.size() == 1);
  CHECK(cli[0]["text"] == "the precept for 1994/95 be set at 4,250 pounds.");
  fs::remove_all(dir);
}

TEST_CASE("archive: one made before decisions (schema 3) moves its RESOLVED recommendations to decisions when opened", "[archive][decisions]") {
  const fs::path dir = papers::test::fresh_temp_dir("migrate-decisions");
  const std::string db = (dir / "a.db").string();
  {
    Archive archive(db);
    fill_with_minutes(archive, dir);
  }
  {  // make it what version 3 wrote: resolutions among the recommendations, no decisions anywhere
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    const char* sql =
        "INSERT INTO recommendations(paper_id, seq, number, text, page, span_begin, span_end)"
        "  SELECT paper_id, 100 + seq, number, 'RESOLVED that ' || text, page, span_begin, span_end FROM decisions;"
        "INSERT INTO recommendations_fts(rowid, text) SELECT rowid, text FROM recommendations WHERE seq >= 100;"
        "UPDATE papers SET record = json_remove(json_set(record, '$.recommendations',"
        "  (SELECT json_group_array(json_object('number', number, 'text', text, 'page', page, 'span', json_array(span_begin, span_end)))"
        "   FROM recommendations r WHERE r.paper_id = papers.id)), '$.decisions')"
        "  WHERE id IN (SELECT paper_id FROM decisions);"
        "UPDATE papers SET record = json_remove(record, '$.decisions');"
        "DROP TABLE decisions; DROP TABLE decisions_fts; UPDATE meta SET value='3' WHERE key='schema_version';";
    char* error = nullptr;
    INFO((error ? error : ""));
    REQUIRE(sqlite3_exec(raw, sql, nullptr, nullptr, &error) == SQLITE_OK);
    sqlite3_close(raw);
  }
  CHECK(count_of(db, "SELECT count(*) FROM recommendations WHERE text LIKE 'RESOLVED%'") == 2);
  {
    Archive archive(db);  // migrates
    SearchQuery q;
    q.text = "precept";
    q.in = SearchIn::decisions;
    auto hits = archive.search(q);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].text == "the precept for 1994/95 be set at 4,250 pounds.");
    q.in = SearchIn::recommendations;
    for (const SearchHit& h : archive.search(q)) CHECK(h.text.find("RESOLVED") == std::string::npos);
    // The stored records say the same as the tables; the Panel's recommendations stayed.
    int with_decisions = 0;
    archive.each_record([&](const nlohmann::json& r) {
      REQUIRE(r.contains("decisions"));
      for (const auto& x : r["recommendations"]) CHECK(x["text"].get<std::string>().rfind("RESOLVED", 0) == std::string::npos);
      if (!r["decisions"].empty()) {
        ++with_decisions;
        CHECK(r["decisions"].size() == 2);
        CHECK(r["decisions"][1]["text"] == "the clerk writes to the County Council about the footpath.");
      }
    });
    CHECK(with_decisions == 1);
    CHECK(archive.count_recommendations() == 3);
  }
  CHECK(count_of(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'") == 6);
  CHECK(count_of(db, "SELECT count(*) FROM decisions_fts WHERE decisions_fts MATCH 'footpath'") == 1);
  fs::remove_all(dir);
}

TEST_CASE("search: date filters say how many undated papers they left out / --include-undated keeps them", "[search][archive][cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("search-undated");
  {
    Archive archive((dir / "a.db").string());
    auto papers = papers::test::search_papers();
    papers.emplace_back("undated.txt", "NOTES ON THE PRECEPT\n\n1. Notes\n\n1.1 The precept was discussed at length, no date was written.\n");
    papers::test::archive_text_papers(archive, dir, papers);
    SearchQuery q;
    q.text = "precept";
    q.since = "2021-01-01";
    const auto dated = archive.search(q);
    CHECK(dated.size() == 2);  // the 2021 and 2025 papers
    CHECK(archive.undated_left_out(q) == 1);
    q.include_undated = true;
    CHECK(archive.search(q).size() == 3);
    CHECK(archive.undated_left_out(q) == 0);
    q.include_undated = false;
    q.since.clear();
    CHECK(archive.undated_left_out(q) == 0);  // no date filter: nothing left out
  }
  const std::string base = std::string(PAPERS_BINARY) + " --archive '" + (dir / "a.db").string() + "' search precept --since 2021 ";
  const fs::path out = dir / "out.txt", err = dir / "err.txt";
  CHECK(WEXITSTATUS(std::system((base + "> '" + out.string() + "' 2> '" + err.string() + "'").c_str())) == 0);
  CHECK(papers::test::read_whole_file(err).find("1 more match of undated papers left out by --since/--until (--include-undated keeps them)") !=
        std::string::npos);
  CHECK(WEXITSTATUS(std::system((base + "--include-undated > '" + out.string() + "' 2> '" + err.string() + "'").c_str())) == 0);
  CHECK(papers::test::read_whole_file(out).find("3 hits") != std::string::npos);
  CHECK(papers::test::read_whole_file(err).empty());
  CHECK(WEXITSTATUS(std::system((base + "--json > '" + out.string() + "'").c_str())) == 0);
  CHECK(nlohmann::json::parse(papers::test::read_whole_file(out))["undated_left_out"] == 1);
  fs::remove_all(dir);
}

TEST_CASE("search: a transaction's index entries / found before it commits / gone with its rollback / none left by a paper removed in it", "[search][archive]") {
  // (The SQLite store writes a batch's full-text entries just before it commits; anything that
  // reads or removes entries first writes them.)
  const fs::path dir = papers::test::fresh_temp_dir("search-pending");
  Archive archive((dir / "a.db").string());
  const auto& papers_to_put = papers::test::search_papers();
  std::vector<Record> records;
  for (const auto& [name, text] : papers_to_put) {
    std::ofstream(dir / name) << text;
    auto r = extract_file((dir / name).string());
    REQUIRE(r.ok());
    records.push_back(r.value());
  }
  SearchQuery q;
  q.text = "precept";
  archive.begin();
  for (const Record& r : records) archive.put(r, record_to_json(r));
  CHECK(archive.search(q).size() == 2);  // before the commit
  SearchQuery recs = q;
  recs.in = SearchIn::recommendations;
  CHECK(archive.search(recs).size() == 1);
  archive.rollback();
  CHECK(archive.search(q).empty());
  archive.begin();
  for (const Record& r : records) archive.put(r, record_to_json(r));
  REQUIRE(archive.remove(records[0].source.sha256));  // "Proposed Precept 2021/22"
  archive.commit();
  const auto hits = archive.search(q);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].title == papers::test::kLibrariesTitle);
  CHECK(archive.search(recs).empty());
  fs::remove_all(dir);
}
