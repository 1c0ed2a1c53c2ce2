// `papers enqueue` and `papers work` (cli/work.cpp): three workers on one queue in a real
// PostgreSQL server, one killed with SIGKILL while it holds a job, leave every file archived once
// and none lost; enqueueing again adds nothing; a file that fails is tried a bounded number of
// times, its reason kept (on SQLite too: the queue is the archive, either back end).
#include <catch2/catch.hpp>

#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "archive/archive.h"
#include "tests/archive/postgres_server.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using papers::Archive;

namespace {

using Ran = papers::test::PapersRun;

Ran papers_cli(const fs::path& dir, const std::string& args) { return papers::test::run_papers(dir, args); }

// Starts `papers ARGS` (its output to log), returning its pid.
pid_t start_papers(const std::string& args, const fs::path& log) {
  const std::string command = std::string("exec ") + PAPERS_BINARY + " " + args + " > '" + log.string() + "' 2>&1";
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Waits for pid up to seconds; its exit status, or -1 (then it is killed).
int wait_for(pid_t pid, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (std::chrono::steady_clock::now() < end) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

bool run_papers_ok(const fs::path& dir, const std::string& args) { return papers::test::run_papers(dir, args).status == 0; }

std::int64_t jobs_in(const papers::QueueStats& q, const std::string& worker, const std::string& state) {
  for (const auto& w : q.by_worker)
    if (w.worker == worker && w.state == state) return w.jobs;
  return 0;
}

std::int64_t scalar(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  PGresult* r = PQexec(c, sql.c_str());
  const std::int64_t v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? std::atoll(PQgetvalue(r, 0, 0)) : -1;
  PQclear(r);
  PQfinish(c);
  return v;
}

}  // namespace

TEST_CASE("work: three workers on one PostgreSQL queue, one killed with SIGKILL holding a job, leave every file archived once and none lost / enqueue again adds nothing", "[work][postgres]") {
  const fs::path dir = papers::test::fresh_temp_dir("work-kill");
  const std::string url = papers::test::PostgresServer::shared().fresh_database();
  const std::string archive = "--archive '" + url + "'";
  const fs::path corpus = fs::path(PAPERS_SOURCE_DIR) / "corpus";
  const std::string folders = "'" + (corpus / "scans").string() + "' '" + (corpus / "dev").string() + "'";
  Ran queued = papers_cli(dir, archive + " enqueue " + folders);
  INFO(queued.output);
  REQUIRE(queued.status == 0);
  std::int64_t files = 0;
  {
    Archive a(url, true);
    files = a.open_jobs();
  }
  REQUIRE(files >= 70);
  // Short leases and small takes, so that the killed worker holds a job and the others take it soon.
  const std::string work = archive + " work --jobs 1 --take 2 --lease 3 --worker ";
  const pid_t a = start_papers(work + "A", dir / "A.log");
  const pid_t b = start_papers(work + "B", dir / "B.log");
  const pid_t c = start_papers(work + "C", dir / "C.log");
  bool killed = false;
  for (int i = 0; i < 600 && !killed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Archive q(url, true);
    const papers::QueueStats stats = q.queue_stats();
    if (jobs_in(stats, "C", "done") >= 1 && jobs_in(stats, "C", "running") >= 1) {
      kill(c, SIGKILL);
      killed = true;
    }
  }
  REQUIRE(killed);
  int status = 0;
  waitpid(c, &status, 0);
  CHECK(WIFSIGNALED(status));
  INFO("A: " << papers::test::read_whole_file(dir / "A.log") << "\nB: " << papers::test::read_whole_file(dir / "B.log"));
  CHECK(wait_for(a, 600) == 0);
  CHECK(wait_for(b, 600) == 0);

  Archive archived(url, true);
  const papers::QueueStats q = archived.queue_stats();
  REQUIRE(q.by_state.size() == 1);
  CHECK(q.by_state[0].first == "done");
  CHECK(q.by_state[0].second == files);
  CHECK(jobs_in(q, "C", "done") >= 1);
  // The killed worker's job was taken again: tried twice, archived once.
  CHECK(scalar(url, "SELECT count(*) FROM jobs WHERE attempts >= 2") >= 1);
  // Every file once: each queued path is one paper's path, and each paper is one job's.
  CHECK(scalar(url, "SELECT count(*) FROM jobs j WHERE (SELECT count(*) FROM (SELECT id FROM papers WHERE path = j.path"
                    " UNION SELECT paper_id FROM paper_paths WHERE path = j.path) x) <> 1") == 0);
  CHECK(scalar(url, "SELECT count(*) FROM paper_paths") == files);
  CHECK(archived.count_papers() == scalar(url, "SELECT count(DISTINCT paper_id) FROM jobs"));
  CHECK(archived.failures().empty());

  Ran again = papers_cli(dir, archive + " enqueue " + folders);
  CHECK(again.status == 0);
  CHECK(again.output.find(": 0 queued, " + std::to_string(files) + " queued before and unchanged") != std::string::npos);
  CHECK(archived.open_jobs() == 0);
  Ran stats = papers_cli(dir, archive + " stats");
  CHECK(stats.output.find("jobs by worker") != std::string::npos);
  CHECK(stats.output.find("done             " + std::to_string(files)) != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("work: on a SQLite archive too / a file that fails is tried --tries times, then failed with its reason / a changed file is queued again", "[work]") {
  const fs::path dir = papers::test::fresh_temp_dir("work-sqlite");
  fs::create_directories(dir / "in");
  std::ofstream(dir / "in" / "precept.txt")
      << "To: Police and Crime Panel\nDate of meeting: 3 February 2021\nSubject: Proposed Precept 2021/22\n\n"
         "1. Recommendation\n\n1.1 The Panel is recommended to support the proposed precept.\n";
  std::ofstream(dir / "in" / "broken.pdf") << "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n";  // no pages, no xref
  for (int i = 0; i < 6; ++i)
    std::ofstream(dir / "in" / ("note" + std::to_string(i) + ".txt")) << "To: Cabinet\nSubject: Note " << i << "\n\nThe Cabinet is asked to note item " << i << ".\n";
  REQUIRE(papers_cli(dir, "--archive q.db enqueue in").status == 0);
  const pid_t a = start_papers("--archive '" + (dir / "q.db").string() + "' work --jobs 1 --tries 2 --worker A", dir / "A.log");
  const pid_t b = start_papers("--archive '" + (dir / "q.db").string() + "' work --jobs 1 --tries 2 --worker B", dir / "B.log");
  const int sa = wait_for(a, 120), sb = wait_for(b, 120);
  const std::string logs = papers::test::read_whole_file(dir / "A.log") + papers::test::read_whole_file(dir / "B.log");
  INFO(logs);
  CHECK((sa == 3 || sb == 3));  // whoever tried it last says some failed
  CHECK(sa >= 0);
  CHECK(sb >= 0);
  CHECK(logs.find("try 1 of 2, queued again") != std::string::npos);
  {
    Archive q((dir / "q.db").string(), true);
    CHECK(q.count_papers() == 7);
    const std::vector<papers::Failure> failures = q.failures();
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].path.find("broken.pdf") != std::string::npos);
    CHECK(q.open_jobs() == 0);
  }
  // A file changed since it was queued is queued again.
  std::ofstream(dir / "in" / "note0.txt", std::ios::app) << "An added line.\n";
  Ran again = papers_cli(dir, "--archive q.db enqueue in");
  CHECK(again.output.find(": 1 queued, 7 queued before and unchanged") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("work: --path-map reads a queued path where this machine mounts it, and the archive keeps the queued path", "[work]") {
  const fs::path dir = papers::test::fresh_temp_dir("work-path-map");
  fs::create_directories(dir / "share");
  std::ofstream(dir / "share" / "note.txt") << "To: Cabinet\nSubject: A note\n\nThe Cabinet is asked to note the report.\n";
  // Queued where one machine mounts the share, then done by a machine that mounts it elsewhere.
  fs::create_directory_symlink(dir / "share", dir / "mnt-a");
  REQUIRE(run_papers_ok(dir, "--archive q.db enqueue mnt-a"));
  fs::remove(dir / "mnt-a");
  fs::create_directory_symlink(dir / "share", dir / "mnt-b");
  const papers::test::PapersRun done =
      papers::test::run_papers(dir, "--archive q.db work --jobs 1 --path-map '" + (dir / "mnt-a").string() + "=" + (dir / "mnt-b").string() + "'");
  INFO(done.output);
  CHECK(done.status == 0);
  Archive q((dir / "q.db").string(), true);
  CHECK(q.count_papers() == 1);
  CHECK(q.failures().empty());
  CHECK(q.ids_of_path((dir / "mnt-a" / "note.txt").string()).size() == 1);
  CHECK(q.ids_of_path((dir / "mnt-b" / "note.txt").string()).empty());
  fs::remove_all(dir);
}
