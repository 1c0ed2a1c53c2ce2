// search-bench: builds an archive of synthetic papers (100,000 by default) through the archive's
// own write path, then times `Archive::search` for paper and recommendation queries and prints
// median and 95th-percentile latency, next to a baseline in the same run: the same one-word
// queries as a plain SQL LIKE scan counting the papers whose title or record holds the word (what
// an archive without a full-text index must do before it can rank anything). Must not be a test: it prints figures and never fails on them.
//   search-bench ARCHIVE [PAPERS] [--reuse]   (--reuse: time an archive built by an earlier run)
// ARCHIVE is a file (SQLite) or a PostgreSQL URL (an empty database); on PostgreSQL the LIKE
// baseline is the same scan through the archive's SQL (bench/archive_bench.sh).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>

#include "archive/archive.h"
#include "pipeline/record_json.h"

using namespace papers;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> kBodies = {
    "Cabinet", "Police and Crime Panel", "Audit Committee", "Planning Committee", "Health and Wellbeing Board",
    "Scrutiny Committee", "Licensing Committee", "Fire Authority", "Trust Board", "Schools Forum",
    "Pensions Panel", "Executive Board", "Parish Council", "Resources Committee", "Joint Waste Committee"};
const std::vector<std::string> kOrganisations = {
    "Kent County Council", "Wessex Fire and Rescue Authority", "Northvale District Council", "Eastmere Hospitals NHS Trust",
    "West Riding Combined Authority", "Fenwick District Council", "London Borough of Eastwick", "Glannau County Council"};
const std::vector<std::string> kTopics = {
    "libraries", "highways", "precept", "budget", "housing", "waste", "recycling", "planning", "transport", "schools",
    "safeguarding", "policing", "fire", "estates", "pensions", "licensing", "parking", "climate", "flooding", "cycling",
    "adult", "social", "care", "children", "public", "health", "leisure", "parks", "heritage", "archives",
    "procurement", "contracts", "reserves", "treasury", "capital", "revenue", "grants", "tourism", "markets", "bus"};
const std::vector<std::string> kWords = {
    "the", "council", "report", "plan", "strategy", "review", "service", "services", "year", "proposed", "approval",
    "members", "officers", "consultation", "funding", "delivery", "performance", "risk", "options", "policy",
    "annual", "statement", "update", "progress", "programme", "framework", "assessment", "implementation"};
const std::vector<std::string> kActs = {
    "Local Government Act 1972", "Localism Act 2011", "Police Reform and Social Responsibility Act 2011",
    "Health and Social Care Act 2012", "Licensing Act 2003", "Housing Act 1996", "Highways Act 1980"};
const std::vector<std::string> kVerbs = {"note", "approve", "agree", "endorse", "delegate", "comment on", "support"};

std::string pick(std::mt19937& rng, const std::vector<std::string>& v) { return v[rng() % v.size()]; }

Record make_record(std::mt19937& rng, int i) {
  Record r;
  char id[65];
  std::snprintf(id, sizeof id, "%064x", i + 1);
  r.source.sha256 = id;
  r.source.path = "synthetic/" + std::to_string(i) + ".pdf";
  r.source.bytes = 20000;
  r.source.media_type = "application/pdf";
  r.source.pages = 3;
  r.method = "pdf-text";
  const std::string topic = pick(rng, kTopics), topic2 = pick(rng, kTopics);
  const int year = 1995 + static_cast<int>(rng() % 31);
  char date[11];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28));
  r.title = TextField{topic + " and " + topic2 + " " + pick(rng, kWords) + " " + std::to_string(year), {1, {0, 10}}};
  const std::string body = pick(rng, kBodies);
  r.body = TextField{body, {1, {0, 10}}};
  r.organisation = TextField{pick(rng, kOrganisations), {1, {0, 10}}};
  r.meeting_date = DateValue{date, "day", date, date, {1, {0, 10}}};
  // About a paper's own two topics throughout, with two other topics mentioned once each: a topic
  // word is in about a tenth of the papers, as a subject word ("precept", "libraries") is in a
  // real archive; the rest are common words every paper has.
  std::string text = r.title->value + "\n\n";
  const std::string aside1 = pick(rng, kTopics), aside2 = pick(rng, kTopics);
  for (int w = 0; w < 250; ++w) {
    std::string word = pick(rng, kWords);
    if (w % 20 == 0) word = topic;
    else if (w % 20 == 10) word = topic2;
    else if (w == 77) word = aside1;
    else if (w == 177) word = aside2;
    text += word + (w % 15 == 14 ? ".\n" : " ");
  }
  const int recs = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < recs; ++k) {
    Recommendation rec;
    rec.number = std::to_string(k + 1);
    rec.text = "The " + body + " is recommended to " + pick(rng, kVerbs) + " the " + (k % 2 ? topic2 : topic) + " " +
               pick(rng, kWords) + " for " + std::to_string(year) + ".";
    rec.at = {2, {0, 10}};
    text += rec.text + "\n";
    r.recommendations.push_back(rec);
  }
  LegalReference l;
  l.act = pick(rng, kActs);
  l.text = l.act;
  l.act_key = "";
  l.at = {2, {0, 10}};
  r.legal_references.push_back(l);
  r.text = text;
  return r;
}

struct Timing {
  double median = 0, p95 = 0, max = 0;
};

Timing summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Timing t;
  t.median = ms[ms.size() / 2];
  t.p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.95))];
  t.max = ms.back();
  return t;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search-bench ARCHIVE_PATH [PAPERS] [--reuse]\n");
    return 2;
  }
  const std::string path = argv[1];
  const bool server = is_postgres_location(path);
  const int papers = argc > 2 ? std::atoi(argv[2]) : 100000;
  const bool reuse = argc > 3 && std::string(argv[3]) == "--reuse" && (server || std::filesystem::exists(path));
  std::mt19937 rng(20261123);
  if (!reuse && !server) std::filesystem::remove(path);
  const auto build_start = Clock::now();
  if (!reuse) {
    Archive archive(path);
    archive.begin();
    for (int i = 0; i < papers; ++i) {
      Record r = make_record(rng, i);
      archive.put(r, record_to_json(r));
      if ((i + 1) % 1000 == 0) {
        archive.commit();
        archive.begin();
      }
    }
    archive.commit();
  }
  const double build_s = ms_since(build_start) / 1000;
  std::printf("archive: %d synthetic papers built in %.1f s (%.1f MiB) -> %s\n", papers, build_s,
              server ? 0.0 : std::filesystem::file_size(path) / 1048576.0, path.c_str());

  Archive archive(path, /*read_only=*/true);
  // Queries: one word, two words, a phrase, a prefix, OR, and each with a filter.
  std::vector<SearchQuery> paper_queries, rec_queries;
  std::mt19937 qrng(7);
  for (int i = 0; i < 100; ++i) {
    SearchQuery q;
    const std::string a = pick(qrng, kTopics), b = pick(qrng, kTopics);
    switch (i % 6) {
      case 0: q.text = a; break;
      case 1: q.text = a + " " + b; break;
      case 2: q.text = "\"" + a + " and " + b + "\""; break;
      case 3: q.text = a.substr(0, 4) + "*"; break;
      case 4: q.text = a + " OR " + b; q.body = pick(qrng, kBodies); break;
      default: q.text = a; q.since = "2015-01-01"; q.until = "2020-12-31"; break;
    }
    paper_queries.push_back(q);
    q.in = SearchIn::recommendations;
    rec_queries.push_back(q);
  }
  auto time_all = [&](const std::vector<SearchQuery>& qs, std::size_t* hits) {
    std::vector<double> ms;
    for (const SearchQuery& q : qs) {
      const auto t = Clock::now();
      *hits += archive.search(q).size();
      ms.push_back(ms_since(t));
    }
    return summarise(ms);
  };
  std::size_t paper_hits = 0, rec_hits = 0;
  time_all(paper_queries, &paper_hits);  // warm the page cache once
  paper_hits = 0;
  const Timing papers_t = time_all(paper_queries, &paper_hits);
  const Timing recs_t = time_all(rec_queries, &rec_hits);

  // Baseline: the one-word queries as LIKE scans (no index), 10 of them (SQLite only).
  std::vector<double> like_ms;
  if (!server) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  for (int i = 0; i < 10; ++i) {
    const std::string word = "%" + kTopics[static_cast<std::size_t>(i * 3) % kTopics.size()] + "%";
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM papers WHERE title LIKE ?1 OR record LIKE ?1", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, word.c_str(), -1, SQLITE_TRANSIENT);
    const auto t = Clock::now();
    while (sqlite3_step(s) == SQLITE_ROW) {
    }
    like_ms.push_back(ms_since(t));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  }
  const Timing like_t = like_ms.empty() ? Timing{} : summarise(like_ms);

  std::printf("\n%-46s %8s %10s %8s %8s\n", "query (limit 20 hits)", "queries", "median_ms", "p95_ms", "max_ms");
  std::printf("%-46s %8zu %10.2f %8.2f %8.2f\n", server ? "papers search (tsvector, ts_rank, headline)" : "papers search (FTS5, BM25, snippet)",
              paper_queries.size(), papers_t.median, papers_t.p95, papers_t.max);
  std::printf("%-46s %8zu %10.2f %8.2f %8.2f\n", server ? "recommendations search (tsvector, ts_rank)" : "recommendations search (FTS5, BM25, snippet)",
              rec_queries.size(), recs_t.median, recs_t.p95, recs_t.max);
  if (!like_ms.empty())
    std::printf("%-46s %8zu %10.2f %8.2f %8.2f\n", "baseline: LIKE '%word%' scan, every match", like_ms.size(), like_t.median,
                like_t.p95, like_t.max);
  // The slowest kind of query, to say where the tail comes from.
  const char* kinds[] = {"one word", "two words", "a phrase", "a prefix", "OR with --body", "one word with dates"};
  for (const auto* queries : {&paper_queries, &rec_queries}) {
    for (int k = 0; k < 6; ++k) {
      std::vector<double> ms;
      std::string slowest;
      double slowest_ms = 0;
      for (std::size_t i = static_cast<std::size_t>(k); i < queries->size(); i += 6) {
        const auto t = Clock::now();
        archive.search((*queries)[i]);
        ms.push_back(ms_since(t));
        if (ms.back() > slowest_ms) slowest_ms = ms.back(), slowest = (*queries)[i].text;
      }
      const Timing t = summarise(ms);
      std::printf("  %-15s %-20s median %7.2f ms  max %7.2f ms (%s)\n", queries == &paper_queries ? "papers," : "recommendations,",
                  kinds[k], t.median, t.max, slowest.c_str());
    }
  }
  // The worst case, apart from the mix: a word in every paper, no filter (BM25 scores every paper).
  for (const bool recommendations : {false, true}) {
    std::vector<double> ms;
    for (const char* word : {"council", "report", "recommended"}) {
      SearchQuery q;
      q.text = word;
      q.in = recommendations ? SearchIn::recommendations : SearchIn::papers;
      const auto t = Clock::now();
      archive.search(q);
      ms.push_back(ms_since(t));
    }
    const Timing t = summarise(ms);
    std::printf("  %-15s %-20s median %7.2f ms  max %7.2f ms (council, report, recommended)\n",
                recommendations ? "recommendations," : "papers,", "a word in every one", t.median, t.max);
  }
  std::printf("hits returned: papers %zu, recommendations %zu; machine: %u cores\n", paper_hits, rec_hits,
              std::thread::hardware_concurrency());
  return 0;
}
