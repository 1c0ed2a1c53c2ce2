// The `papers` command line as a user meets it, driving the binary: options before or after the
// command, --version, help and unknown commands, show by any case of prefix or by path, a missing
// archive or path, what a folder walk passes over, CSV export's --out, a port already served.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "tests/text_fixture.h"

namespace fs = std::filesystem;

namespace {

struct Ran {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// Runs `papers ARGS` in dir (a shell command line's arguments), capturing what it prints.
Ran papers_cli(const fs::path& dir, const std::string& args) {
  const fs::path out = dir / "cli-output.txt";
  const std::string command = "cd '" + dir.string() + "' && " + PAPERS_BINARY + " " + args + " > '" + out.string() + "' 2>&1";
  const int raw = std::system(command.c_str());
  return Ran{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, papers::test::read_whole_file(out)};
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const char* const kPaper =
    "To: Police and Crime Panel\nDate of meeting: 3 February 2021\nSubject: Proposed Precept 2021/22\n\n"
    "1. Recommendation\n\n1.1 The Panel is recommended to support the proposed precept.\n";

}  // namespace

TEST_CASE("cli: --archive before or after the command / --version names the libraries / help in plain words / an unknown command lists the commands", "[cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("cli-global");
  write(dir / "papers" / "precept.txt", kPaper);
  Ran r = papers_cli(dir, "ingest papers --archive after.db");
  CHECK(r.status == 0);
  CHECK(fs::exists(dir / "after.db"));
  CHECK_FALSE(fs::exists(dir / "papers.db"));
  CHECK(papers_cli(dir, "--archive before.db ingest papers").status == 0);
  CHECK(fs::exists(dir / "before.db"));
  r = papers_cli(dir, "search precept --archive after.db");
  CHECK(r.status == 0);
  CHECK(r.output.find("Proposed Precept 2021/22") != std::string::npos);

  r = papers_cli(dir, "--version");
  CHECK(r.status == 0);
  CHECK(r.output.rfind("papers 0.", 0) == 0);
  for (const char* library : {"Poppler", "Tesseract", "Leptonica", "ICU", "oneTBB", "SQLite"}) CHECK(r.output.find(library) != std::string::npos);

  // A numeric date that reads both ways: by the paper's signs, or as the user says.
  write(dir / "memo.txt", "To: City Council\nDate: 06/08/1961\nSubject: Water Rates\n\n1. Report\n\n1.1 Rates.\n");
  CHECK(nlohmann::json::parse(papers_cli(dir, "extract memo.txt 2>/dev/null").output)["report_date"] == "1961-08-06");
  CHECK(nlohmann::json::parse(papers_cli(dir, "extract memo.txt --date-order mdy 2>/dev/null").output)["report_date"] == "1961-06-08");
  CHECK(papers_cli(dir, "extract memo.txt --date-order ymd").status == 2);
  r = papers_cli(dir, "foo");
  CHECK(r.status == 2);
  CHECK(r.output.find("no command 'foo'") != std::string::npos);
  CHECK(r.output.find("ingest, extract, show, list, search, export, serve, stats, reextract, retry, delete, enqueue, work, copy, eval") != std::string::npos);
  r = papers_cli(dir, "");
  CHECK(r.status == 2);
  CHECK(r.output.find("give a command") != std::string::npos);
  r = papers_cli(dir, "help search");
  CHECK(r.status == 0);
  CHECK(r.output.find("Usage: papers search") != std::string::npos);
  // Help says what a value is in words, not CLI11's types and mappings.
  for (const char* command : {"ingest --help", "extract --help", "search --help", "export --help", "serve --help", "eval --help", "--help"}) {
    INFO(command);
    r = papers_cli(dir, command);
    CHECK(r.status == 0);
    CHECK(r.output.find("ENUM") == std::string::npos);
    CHECK(r.output.find("->") == std::string::npos);
    CHECK(r.output.find(":INT") == std::string::npos);
    CHECK(r.output.find("{false}") == std::string::npos);
    CHECK(r.output.find("Examples:") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("cli: show takes an id prefix in any case or a path, says when a prefix is too short / a missing archive says how to make one / a path that does not exist is a usage error", "[cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("cli-show");
  write(dir / "papers" / "precept.txt", kPaper);
  REQUIRE(papers_cli(dir, "ingest papers").status == 0);
  Ran r = papers_cli(dir, "show papers/precept.txt");
  REQUIRE(r.status == 0);
  const std::string id = nlohmann::json::parse(r.output)["id"];
  std::string upper = id.substr(0, 8);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r = papers_cli(dir, "show " + upper);
  CHECK(r.status == 0);
  CHECK(nlohmann::json::parse(r.output)["id"] == id);
  r = papers_cli(dir, "show " + id.substr(0, 5));
  CHECK(r.status == 2);
  CHECK(r.output.find("too short") != std::string::npos);
  r = papers_cli(dir, "show ffffff");
  CHECK(r.status == 4);
  r = papers_cli(dir, "search precept --archive none.db");
  CHECK(r.status == 1);
  CHECK(r.output.find("no archive at none.db: make one with `papers --archive none.db ingest FOLDER`") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "none.db"));
  r = papers_cli(dir, "ingest papers mistyped-folder");
  CHECK(r.status == 2);
  CHECK(r.output.find("no such file or folder: mistyped-folder") != std::string::npos);
  r = papers_cli(dir, "stats");
  CHECK(r.output.find("failed files      0") != std::string::npos);  // not recorded as a failure
  fs::remove_all(dir);
}

TEST_CASE("cli: a folder walk passes over what is no paper and says so / --include and --exclude / a file named is always read", "[cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("cli-walk");
  write(dir / "papers" / "precept.txt", kPaper);
  write(dir / "papers" / "README.md", "# These papers\n\nDownloaded from the council's site in 2024.\n");
  write(dir / "papers" / "LICENSE", "Open Government Licence v3.0\n");
  write(dir / "papers" / "precept.expected.json", "{\"title\": \"Proposed Precept 2021/22\"}\n");
  write(dir / "papers" / "index.csv", "file,title\nprecept.txt,Proposed Precept\n");
  write(dir / "papers" / "drafts" / "draft.txt", std::string(kPaper) + "\nDRAFT\n");
  Ran r = papers_cli(dir, "ingest papers");
  CHECK(r.status == 0);
  CHECK(r.output.find("2 files: 2 archived") != std::string::npos);
  CHECK(r.output.find("passed over 4 files") != std::string::npos);
  CHECK(r.output.find("1 .csv, 1 .json, 1 LICENSE, 1 README") != std::string::npos);
  r = papers_cli(dir, "--archive verbose.db ingest papers --verbose --progress none");
  CHECK(r.output.find("archived: papers/precept.txt (1 page, Proposed Precept 2021/22)") != std::string::npos);
  r = papers_cli(dir, "search downloaded");
  CHECK(r.output.find("no hits") != std::string::npos);
  r = papers_cli(dir, "--archive only.db ingest papers --exclude 'drafts/*'");
  CHECK(r.output.find("1 files: 1 archived") != std::string::npos);
  CHECK(r.output.find("1 --exclude") != std::string::npos);
  r = papers_cli(dir, "--archive named.db ingest papers/README.md");
  CHECK(r.output.find("1 files: 1 archived") != std::string::npos);
  r = papers_cli(dir, "--archive inc.db ingest papers --include '*.md'");
  CHECK(r.output.find("1 files: 1 archived") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("cli: CSV export's --out is a folder, never a file's name", "[cli][export]") {
  const fs::path dir = papers::test::fresh_temp_dir("cli-export");
  write(dir / "papers" / "precept.txt", kPaper);
  REQUIRE(papers_cli(dir, "ingest papers").status == 0);
  Ran r = papers_cli(dir, "export --format csv --out out.csv");
  CHECK(r.status == 2);
  CHECK(r.output.find("names a folder") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out.csv"));
  write(dir / "taken", "mine");
  CHECK(papers_cli(dir, "export --format csv --out taken").status == 2);
  r = papers_cli(dir, "export --format csv --out tables --excel");
  CHECK(r.status == 0);
  CHECK(papers::test::read_whole_file(dir / "tables" / "papers.csv").rfind("\xEF\xBB\xBFid,path", 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("cli: serve fails clearly on a port already served / the process keeps its name", "[cli][serve]") {
  const fs::path dir = papers::test::fresh_temp_dir("cli-serve");
  write(dir / "papers" / "precept.txt", kPaper);
  REQUIRE(papers_cli(dir, "ingest papers").status == 0);
  const fs::path first_out = dir / "first.txt";
  const pid_t first = fork();
  REQUIRE(first >= 0);
  if (first == 0) {
    REQUIRE(chdir(dir.c_str()) == 0);
    std::freopen(first_out.c_str(), "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execl(PAPERS_BINARY, PAPERS_BINARY, "serve", "--port", "0", "--quiet", static_cast<char*>(nullptr));
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 100 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string text = papers::test::read_whole_file(first_out);
    if (const std::size_t at = text.find("127.0.0.1:"); at != std::string::npos) port = std::atoi(text.c_str() + at + 10);
  }
  REQUIRE(port > 0);
  // ps shows it as papers, not exe (it re-executes itself once at start).
  CHECK(papers::test::read_whole_file("/proc/" + std::to_string(first) + "/comm") == "papers\n");
  const Ran second = papers_cli(dir, "serve --port " + std::to_string(port) + " --quiet");
  CHECK(second.status == 1);
  CHECK(second.output.find("the port is in use") != std::string::npos);
  kill(first, SIGTERM);
  int status = 0;
  waitpid(first, &status, 0);
  CHECK(WIFEXITED(status));
  fs::remove_all(dir);
}

namespace {

std::int64_t count_rows(const fs::path& db, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  const std::int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(raw);
  return n;
}

void run_sql(const fs::path& db, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  CHECK(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
}

}  // namespace

TEST_CASE("cli: reextract redoes records an older extractor made, from originals that still hash to their id / list / delete leaves nothing of a paper / retry", "[cli][archive]") {
  const fs::path dir = papers::test::fresh_temp_dir("cli-reextract");
  const fs::path db = dir / "papers.db";
  write(dir / "papers" / "precept.txt", kPaper);
  write(dir / "papers" / "plan.txt",
        "To: Cabinet\nDate of meeting: 4 March 2015\nSubject: Libraries Strategy\n\n1. Recommendations\n\n"
        "1.1 Cabinet is asked to approve the Libraries Strategy.\n");
  REQUIRE(papers_cli(dir, "ingest papers").status == 0);
  Ran r = papers_cli(dir, "list --json");
  REQUIRE(r.status == 0);
  auto listed = nlohmann::json::parse(r.output);
  REQUIRE(listed.size() == 2);
  const int version = listed[0]["extractor_version"];
  CHECK(version >= 1);
  // An older build's record of the precept paper: an older version, a title it got wrong.
  run_sql(db, "UPDATE papers SET title = 'WRONG', record = json_set(json_set(record, '$.extraction.extractor_version', " +
                  std::to_string(version - 1) + "), '$.title.value', 'WRONG') WHERE path LIKE '%precept.txt'");
  CHECK(nlohmann::json::parse(papers_cli(dir, "list --json --body cabinet").output).size() == 1);
  CHECK(nlohmann::json::parse(papers_cli(dir, "list --json --since 2020").output).size() == 1);
  CHECK(nlohmann::json::parse(papers_cli(dir, "list --json --organisation nobody").output).empty());
  const std::int64_t precept_seq = count_rows(db, "SELECT seq FROM papers WHERE path LIKE '%precept.txt'");
  r = papers_cli(dir, "reextract");
  CHECK(r.status == 2);  // which papers: ids, --outdated or --all
  r = papers_cli(dir, "reextract --outdated");
  CHECK(r.status == 0);
  CHECK(r.output.find("re-extracted 1 of 1 papers") != std::string::npos);
  CHECK(count_rows(db, "SELECT count(*) FROM papers WHERE title = 'Proposed Precept 2021/22'") == 1);
  CHECK(count_rows(db, "SELECT count(*) FROM papers WHERE json_extract(record, '$.extraction.extractor_version') = " +
                           std::to_string(version)) == 2);
  CHECK(count_rows(db, "SELECT count(*) FROM paper_paths") == 2);
  // In its place among the papers still (list's order, ingestion order): the same number.
  CHECK(count_rows(db, "SELECT seq FROM papers WHERE path LIKE '%precept.txt'") == precept_seq);
  CHECK(count_rows(db, "SELECT count(*) FROM papers_fts WHERE rowid = " + std::to_string(precept_seq)) == 1);
  r = papers_cli(dir, "search precept");
  CHECK(r.output.find("Proposed Precept 2021/22") != std::string::npos);
  CHECK(r.output.find("1 hit") != std::string::npos);  // the index holds the paper once
  // An original changed since: its record stays as it was, and the run says so.
  write(dir / "papers" / "plan.txt", "Something else now.\n");
  r = papers_cli(dir, "reextract --all");
  CHECK(r.status == 3);
  CHECK(r.output.find("re-extracted 1 of 2 papers") != std::string::npos);
  CHECK(r.output.find("no original still holds its bytes") != std::string::npos);
  CHECK(count_rows(db, "SELECT count(*) FROM papers WHERE title = 'Libraries Strategy'") == 1);

  // delete: nothing of the paper is left, in any table or index.
  listed = nlohmann::json::parse(papers_cli(dir, "list --json").output);
  std::string libraries;
  for (const auto& p : listed)
    if (p["title"] == "Libraries Strategy") libraries = p["id"];
  REQUIRE(!libraries.empty());
  r = papers_cli(dir, "delete " + libraries.substr(0, 10));
  CHECK(r.status == 0);
  CHECK(r.output.find("deleted " + libraries.substr(0, 12) + " (Libraries Strategy)") != std::string::npos);
  for (const char* table : {"papers WHERE id", "paper_paths WHERE paper_id", "pages WHERE paper_id", "recommendations WHERE paper_id",
                            "decisions WHERE paper_id", "contacts WHERE paper_id", "legal_references WHERE paper_id", "dates WHERE paper_id"})
    CHECK(count_rows(db, std::string("SELECT count(*) FROM ") + table + " = '" + libraries + "'") == 0);
  CHECK(count_rows(db, "SELECT count(*) FROM recommendations_fts") == count_rows(db, "SELECT count(*) FROM recommendations"));
  CHECK(count_rows(db, "SELECT count(*) FROM papers_fts") == 1);
  CHECK(papers_cli(dir, "search libraries").output.find("no hits") != std::string::npos);
  CHECK(papers_cli(dir, "delete " + libraries.substr(0, 10)).status == 4);

  // retry: a file fixed since it failed is archived; a failed file that is gone is dropped.
  write(dir / "papers" / "broken.pdf", "%PDF-1.4 truncated");
  write(dir / "papers" / "gone.pdf", "%PDF-1.4 truncated too");
  CHECK(papers_cli(dir, "ingest papers").status == 3);
  CHECK(count_rows(db, "SELECT count(*) FROM failures") == 2);
  fs::remove(dir / "papers" / "gone.pdf");
  fs::remove(dir / "papers" / "broken.pdf");
  write(dir / "papers" / "broken.pdf", std::string(kPaper));  // (a text file now, whatever its name)
  r = papers_cli(dir, "retry");
  CHECK(r.output.find("gone.pdf is gone") != std::string::npos);
  CHECK(count_rows(db, "SELECT count(*) FROM failures") == 0);
  fs::remove_all(dir);
}
