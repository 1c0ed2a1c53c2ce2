// The archive on PostgreSQL (archive/postgres/) against the same archive on SQLite: the same
// papers put into both give the same records, counts, listings, exports and search hits; the
// commands work on a PostgreSQL URL. A real server (tests/archive/postgres_server.h), never a mock.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "archive/archive.h"
#include "archive/export.h"
#include "archive/postgres/postgres_store.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "tests/archive/postgres_server.h"
#include "tests/text_fixture.h"
#include "web/server.h"

namespace fs = std::filesystem;
using papers::Archive;

namespace {

// Puts every paper the pipeline reads into each archive alike, in the same order, a batch each.
class TwoArchives : public papers::PipelineSink {
 public:
  TwoArchives(Archive& a, Archive& b) : archives_{&a, &b} {}
  // (already_archived comes from another stage than the rest: one archive call at a time.)
  bool already_archived(const std::string& sha, const std::string&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return archives_[0]->contains(sha);
  }
  void archived(papers::Record r) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const nlohmann::json json = papers::record_to_json(r);
    for (Archive* a : archives_) a->put(r, json);
  }
  void skipped(const std::string& path, const std::string& sha) override {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Archive* a : archives_) a->add_path(sha, path);
  }
  void failed(papers::Failure f) override {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Archive* a : archives_) a->put_failure(f);
  }

 private:
  Archive* archives_[2];
  std::mutex mutex_;
};

// An export's lines without when each paper was archived (the two archives were written apart).
std::string without_times(const std::string& text) {
  static const std::regex at("\"ingested_at\":\"[^\"]*\"|,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  return std::regex_replace(text, at, "");
}

std::vector<std::string> ids_of(const std::vector<papers::SearchHit>& hits, bool items) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.paper_id + (items ? "#" + h.text : ""));
  std::sort(out.begin(), out.end());
  return out;
}

using Ran = papers::test::PapersRun;

Ran papers_cli(const fs::path& dir, const std::string& args) { return papers::test::run_papers(dir, args); }

}  // namespace

TEST_CASE("postgres: FTS5's query syntax as a tsquery", "[postgres]") {
  using papers::tsquery_of;
  CHECK(tsquery_of("precept") == "'precept'");
  CHECK(tsquery_of("police crime") == "'police' & 'crime'");
  CHECK(tsquery_of("\"police and crime plan\"") == "('police' <-> 'and' <-> 'crime' <-> 'plan')");
  CHECK(tsquery_of("librar*") == "'librar':*");
  CHECK(tsquery_of("precept AND (increase OR rise)") == "'precept' & ( 'increase' | 'rise' )");
  CHECK(tsquery_of("budget NOT capital") == "'budget' & ! 'capital'");
  CHECK(tsquery_of("O'Hara s.39") == "'O''Hara' & 's.39'");
  CHECK(tsquery_of("back\\slash") == "'back\\\\slash'");
  CHECK(tsquery_of("  ").empty());
}

TEST_CASE("postgres: the development corpus in SQLite and in PostgreSQL gives the same records, counts, listings, exports and searches", "[postgres][corpus]") {
  const fs::path dir = papers::test::fresh_temp_dir("pg-same");
  const std::string url = papers::test::PostgresServer::shared().fresh_database();
  {
    Archive lite((dir / "papers.db").string());
    Archive pg(url);
    TwoArchives sink(lite, pg);
    lite.begin();
    pg.begin();
    const papers::PipelineCounts counts =
        papers::run_pipeline({(fs::path(PAPERS_SOURCE_DIR) / "corpus").string()}, papers::PipelineOptions{2, 0, {}, {}, {}, false, {}, {}}, sink);
    CHECK(counts.archived >= 60);
    lite.link_touched_outcomes();
    pg.link_touched_outcomes();
    lite.commit();
    pg.commit();
  }
  Archive lite((dir / "papers.db").string(), true);
  Archive pg(url, true);
  std::vector<std::string> records[2];
  lite.each_record([&](const nlohmann::json& r) { records[0].push_back(r.dump()); });
  pg.each_record([&](const nlohmann::json& r) { records[1].push_back(r.dump()); });
  REQUIRE(records[0].size() >= 60);
  CHECK(records[0] == records[1]);

  CHECK(lite.count_papers() == pg.count_papers());
  CHECK(lite.count_recommendations() == pg.count_recommendations());
  CHECK(lite.count_decisions() == pg.count_decisions());
  CHECK(lite.count_recommendations() > 0);
  const papers::ArchiveStats a = lite.stats(), b = pg.stats();
  CHECK(a.papers == b.papers);
  CHECK(a.pages == b.pages);
  CHECK(a.contacts == b.contacts);
  CHECK(a.legal_references == b.legal_references);
  CHECK(a.dates == b.dates);
  CHECK(a.by_page_method == b.by_page_method);
  CHECK(a.by_media_type == b.by_media_type);
  CHECK(a.by_body == b.by_body);
  CHECK(a.by_classification == b.by_classification);
  CHECK(a.field_coverage == b.field_coverage);
  CHECK(a.low_confidence.size() == b.low_confidence.size());
  CHECK(lite.bodies() == pg.bodies());
  const auto years_a = lite.recommendations_by_year(), years_b = pg.recommendations_by_year();
  REQUIRE(years_a.size() == years_b.size());
  for (std::size_t i = 0; i < years_a.size(); ++i) {
    CHECK(years_a[i].year == years_b[i].year);
    CHECK(years_a[i].body == years_b[i].body);
    CHECK(years_a[i].recommendations == years_b[i].recommendations);
  }

  for (const char* sort : {"date", "archived"}) {
    papers::PaperListQuery q;
    q.sort = sort;
    q.limit = 1000;
    const auto x = lite.list_papers(q), y = pg.list_papers(q);
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(x[i].id == y[i].id);
  }

  std::ostringstream jsonl[2];
  papers::write_jsonl(lite, {}, jsonl[0]);
  papers::write_jsonl(pg, {}, jsonl[1]);
  CHECK(without_times(jsonl[0].str()) == without_times(jsonl[1].str()));
  papers::write_csv_tables(lite, {}, dir / "csv-lite");
  papers::write_csv_tables(pg, {}, dir / "csv-pg");
  for (const auto& [table, columns] : papers::csv_tables()) {
    INFO(table);
    const std::string x = papers::test::read_whole_file(dir / "csv-lite" / table);
    CHECK(!x.empty());
    CHECK(without_times(x) == without_times(papers::test::read_whole_file(dir / "csv-pg" / table)));
  }

  // The same papers for the same queries (the ranking's scores differ: BM25 and ts_rank).
  for (const char* words : {"recommend", "council", "budget AND consultation", "\"police and crime\"", "librar*", "highways OR fire",
                            "report NOT budget"}) {
    for (papers::SearchIn in : {papers::SearchIn::papers, papers::SearchIn::recommendations, papers::SearchIn::decisions}) {
      papers::SearchQuery q;
      q.text = words;
      q.in = in;
      q.limit = 1000;
      INFO(words << " in " << static_cast<int>(in));
      CHECK(ids_of(lite.search(q), in != papers::SearchIn::papers) == ids_of(pg.search(q), in != papers::SearchIn::papers));
    }
  }
  papers::SearchQuery filtered;
  filtered.text = "recommend*";
  filtered.since = "2019-01-01";
  filtered.limit = 1000;
  CHECK(ids_of(lite.search(filtered), false) == ids_of(pg.search(filtered), false));
  CHECK(lite.undated_left_out(filtered) == pg.undated_left_out(filtered));
  CHECK(!pg.search(filtered).empty());
  fs::remove_all(dir);
}

TEST_CASE("postgres: every command takes a PostgreSQL URL for --archive / a second ingest of the same folder adds nothing", "[postgres][cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("pg-cli");
  const std::string url = "'" + papers::test::PostgresServer::shared().fresh_database() + "'";
  fs::create_directories(dir / "in");
  std::ofstream(dir / "in" / "precept.txt")
      << "To: Police and Crime Panel\nDate of meeting: 3 February 2021\nSubject: Proposed Precept 2021/22\n\n"
         "1. Recommendation\n\n1.1 The Panel is recommended to support the proposed precept.\n";
  std::ofstream(dir / "in" / "minutes.txt")
      << "Minutes of the Police and Crime Panel held on 3 February 2021\n\n"
         "5. Proposed Precept 2021/22\n\nRESOLVED that the proposed precept be supported.\n";
  Ran first = papers_cli(dir, "--archive " + url + " ingest in --progress none");
  INFO(first.output);
  REQUIRE(first.status == 0);
  CHECK(first.output.find("2 archived") != std::string::npos);
  Ran again = papers_cli(dir, "ingest in --progress none --archive " + url);
  CHECK(again.status == 0);
  CHECK(again.output.find("0 archived, 2 already in the archive") != std::string::npos);

  Ran stats = papers_cli(dir, "--archive " + url + " stats");
  CHECK(stats.status == 0);
  CHECK(stats.output.find("papers            2") != std::string::npos);
  Ran list = papers_cli(dir, "--archive " + url + " list --json");
  REQUIRE(list.status == 0);
  const nlohmann::json listed = nlohmann::json::parse(list.output);
  REQUIRE(listed.size() == 2);
  Ran search = papers_cli(dir, "--archive " + url + " search precept --in recommendations --json");
  INFO(search.output);
  REQUIRE(search.status == 0);
  const nlohmann::json hits = nlohmann::json::parse(search.output);
  CHECK(hits.dump().find("support the proposed precept") != std::string::npos);
  Ran decided = papers_cli(dir, "--archive " + url + " search supported --in decisions --json");
  CHECK(decided.status == 0);
  CHECK(decided.output.find("the proposed precept be supported") != std::string::npos);
  const std::string id = listed[0]["id"].get<std::string>();
  Ran show = papers_cli(dir, "--archive " + url + " show " + id.substr(0, 8));
  CHECK(show.status == 0);
  CHECK(show.output.find(id) != std::string::npos);
  Ran exported = papers_cli(dir, "--archive " + url + " export");
  CHECK(exported.status == 0);
  CHECK(std::count(exported.output.begin(), exported.output.end(), '\n') == 2);
  Ran removed = papers_cli(dir, "--archive " + url + " delete " + id);
  CHECK(removed.status == 0);
  CHECK(nlohmann::json::parse(papers_cli(dir, "--archive " + url + " list --json").output).size() == 1);
  Ran redo = papers_cli(dir, "--archive " + url + " reextract --outdated");
  CHECK(redo.status == 0);
  // A database that holds no archive, read: said so, with how to make one.
  const std::string empty = "'" + papers::test::PostgresServer::shared().fresh_database() + "'";
  Ran none = papers_cli(dir, "--archive " + empty + " list");
  CHECK(none.status == 1);
  CHECK(none.output.find("ingest FOLDER") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("postgres: copy moves an archive from SQLite to PostgreSQL and back unchanged, and the copy takes new papers after the copied ones", "[postgres][copy]") {
  const fs::path dir = papers::test::fresh_temp_dir("pg-copy");
  const std::string url = papers::test::PostgresServer::shared().fresh_database();
  const fs::path dev = fs::path(PAPERS_SOURCE_DIR) / "corpus" / "dev";
  REQUIRE(papers_cli(dir, "--archive one.db ingest '" + dev.string() + "' --progress none").status == 0);
  Ran there = papers_cli(dir, "copy --from one.db --to '" + url + "'");
  INFO(there.output);
  REQUIRE(there.status == 0);
  Ran back = papers_cli(dir, "copy --from '" + url + "' --to two.db");
  INFO(back.output);
  REQUIRE(back.status == 0);
  // Into an archive that holds papers: refused, nothing changed.
  Ran again = papers_cli(dir, "copy --from one.db --to two.db");
  CHECK(again.status == 1);
  CHECK(again.output.find("holds papers already") != std::string::npos);
  {
    Archive one((dir / "one.db").string(), true), pg(url, true), two((dir / "two.db").string(), true);
    std::ostringstream a, b, c;
    papers::write_jsonl(one, {}, a);
    papers::write_jsonl(pg, {}, b);
    papers::write_jsonl(two, {}, c);
    CHECK(a.str().size() > 1000);
    CHECK(a.str() == b.str());  // ingestion times too: copied as they are
    CHECK(a.str() == c.str());
    papers::write_csv_tables(one, {}, dir / "csv-one");
    papers::write_csv_tables(two, {}, dir / "csv-two");
    for (const auto& [table, columns] : papers::csv_tables())
      CHECK(papers::test::read_whole_file(dir / "csv-one" / table) == papers::test::read_whole_file(dir / "csv-two" / table));
    for (const char* words : {"recommend*", "\"the committee\"", "budget OR highways"}) {
      papers::SearchQuery q;
      q.text = words;
      q.limit = 1000;
      CHECK(ids_of(one.search(q), false) == ids_of(pg.search(q), false));
      CHECK(ids_of(one.search(q), false) == ids_of(two.search(q), false));
      q.in = papers::SearchIn::recommendations;
      CHECK(ids_of(one.search(q), true) == ids_of(two.search(q), true));
    }
  }
  // New papers go after the copied ones (the copy's key sequence follows its keys).
  fs::create_directories(dir / "more");
  std::ofstream(dir / "more" / "new.txt") << "To: Cabinet\nSubject: A new paper\n\nThe Cabinet is recommended to agree the plan.\n";
  REQUIRE(papers_cli(dir, "--archive '" + url + "' ingest more --progress none").status == 0);
  Archive pg(url, true), one((dir / "one.db").string(), true);
  CHECK(pg.count_papers() == one.count_papers() + 1);
  papers::PaperListQuery latest;
  latest.sort = "archived";
  latest.limit = 1;
  CHECK(pg.list_papers(latest).at(0).path == "more/new.txt");
  fs::remove_all(dir);
}

TEST_CASE("postgres: two ingests writing the same papers in opposite orders into one archive both end well, their summaries adding up", "[postgres][concurrency]") {
  // Each writes its batch in one transaction; in opposite orders the server finds them waiting on
  // each other ("deadlock detected") and ends one, which writes its batch again a paper at a time.
  const fs::path dir = papers::test::fresh_temp_dir("pg-two-writers");
  const std::string url = papers::test::PostgresServer::shared().fresh_database();
  std::vector<fs::path> pdfs;
  for (const auto& e : fs::directory_iterator(fs::path(PAPERS_SOURCE_DIR) / "corpus" / "dev"))
    if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
  std::sort(pdfs.begin(), pdfs.end());
  REQUIRE(pdfs.size() >= 40);
  fs::create_directories(dir / "one");
  fs::create_directories(dir / "two");
  for (std::size_t i = 0; i < pdfs.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%03zu.pdf", i);
    fs::copy_file(pdfs[i], dir / "one" / name);
    fs::copy_file(pdfs[pdfs.size() - 1 - i], dir / "two" / name);
  }
  const std::string run = std::string(PAPERS_BINARY) + " --archive '" + url + "' ingest --progress none ";
  const std::string both = "cd '" + dir.string() + "' && (" + run + "one 2> one.log & " + run + "two 2> two.log & wait)";
  REQUIRE(std::system(both.c_str()) == 0);
  std::size_t archived = 0, already = 0;
  for (const char* log : {"one.log", "two.log"}) {
    const std::string said = papers::test::read_whole_file(dir / log);
    INFO(log << " said: " << said);
    std::size_t a = 0, b = 0;
    const std::size_t at = said.find(" files: ");
    REQUIRE(at != std::string::npos);
    REQUIRE(std::sscanf(said.c_str() + at, " files: %zu archived, %zu already", &a, &b) == 2);
    archived += a;
    already += b;
  }
  Archive archive(url, true);
  const auto papers = static_cast<std::size_t>(archive.count_papers());
  CHECK(papers >= 40);
  CHECK(archived == papers);
  CHECK(archived + already == 2 * pdfs.size());
  CHECK(archive.stats().failures == 0);
  fs::remove_all(dir);
}

TEST_CASE("postgres: serve answers the web page's API from a PostgreSQL archive as from a file", "[postgres][serve]") {
  const fs::path dir = papers::test::fresh_temp_dir("pg-serve");
  const std::string url = papers::test::PostgresServer::shared().fresh_database();
  {
    Archive lite((dir / "a.db").string()), pg(url);
    papers::test::archive_text_papers(lite, dir, papers::test::search_papers());
    papers::test::archive_text_papers(pg, dir, papers::test::search_papers());
  }
  std::string answers[2];
  int i = 0;
  for (const std::string& location : {(dir / "a.db").string(), url}) {
    papers::web::ServeOptions o;
    o.archive_path = location;
    o.port = 0;
    o.log_requests = false;
    papers::web::WebServer server(o);
    const int port = server.bind();
    std::thread thread([&] { server.run(); });
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    auto res = c.Get("/api/search", httplib::Params{{"q", "precept"}, {"in", "recommendations"}}, httplib::Headers{});
    auto listed = c.Get("/api/papers", httplib::Params{}, httplib::Headers{});
    server.stop();
    thread.join();
    REQUIRE(res);
    REQUIRE(listed);
    CHECK(res->status == 200);
    CHECK(listed->status == 200);
    INFO(res->body);
    const nlohmann::json hits = nlohmann::json::parse(res->body)["hits"];
    REQUIRE(hits.size() >= 1);
    std::string ids;
    for (const auto& h : hits) ids += h["id"].get<std::string>() + " " + h["text"].get<std::string>() + "\n";
    answers[i++] = ids + std::to_string(nlohmann::json::parse(listed->body)["papers"].size());
  }
  CHECK(answers[0] == answers[1]);
  fs::remove_all(dir);
}
