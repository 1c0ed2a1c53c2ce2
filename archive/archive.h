// The archive: a SQLite file (WAL), or a PostgreSQL database (archive/store.h's back ends), holding every ingested paper's record, its
// child rows (pages, recommendations, decisions, contacts, legal references, dates, links), the other
// paths seen with the same bytes (and the pack pages a paper was found in), the files that failed
// with their reasons, full-text indexes of papers, recommendations and decisions (FTS5; tsvector) that
// search() ranks, each recommendation's outcome (linked to the minutes of its meeting) and each
// paper's sketch (to know a pack's part from the original it binds).
// Writes go in batches (one transaction each); a paper's id is its SHA-256, so archiving the
// same bytes again is a no-op and a re-run after a crash finishes the job without duplicates.
// Its logic is written once, over archive/store.h: the commands talk to this class only, never to a
// back end. Not thread-safe: one Archive per thread (the pipeline's sink is serial).
// Must not decide anything about a paper's content itself: what a meeting did with a
// recommendation is archive/outcomes.h's to say, whether two papers are one archive/same_paper.h's.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/same_paper.h"
#include "archive/store.h"
#include "pipeline/model.h"

namespace papers {

// An OCR'd page whose mean word confidence is below this is listed by stats() for a person to check.
constexpr double kLowConfidence = 70;

struct LowConfidencePaper {
  std::string id, path;
  std::string pages;  // "2 (41), 5 (55)": page numbers with their confidence
};

struct ArchiveStats {
  std::int64_t papers = 0, packs = 0, pages = 0, failures = 0, recommendations = 0, decisions = 0, contacts = 0, legal_references = 0,
               dates = 0;
  std::int64_t page_errors = 0;  // pages that failed to render or OCR (their papers are archived)
  std::vector<std::pair<std::string, std::int64_t>> by_page_method;  // "ocr" / "text" -> pages
  std::vector<LowConfidencePaper> low_confidence;
  std::vector<std::pair<std::string, std::int64_t>> by_media_type, by_body, by_classification, failure_reasons;
  std::vector<std::pair<std::string, std::int64_t>> field_coverage;  // field -> papers where it is known
};

// An index with at least this many rows is ranked in parts side by side, one per core (up to 4).
constexpr std::int64_t kParallelSearchRows = 20000;

// The outcomes a recommendation can have (archive/outcomes.h), for --outcome's check.
inline const std::vector<std::string>& outcome_kinds() {
  static const std::vector<std::string> kinds = {"agreed", "amended", "deferred", "rejected", "noted", "withdrawn", "none"};
  return kinds;
}

// Which records an export visits; empty fields do not filter.
struct RecordFilter {
  std::string body;          // exact, case-insensitive
  std::string organisation;  // exact, case-insensitive (export and list; not the browse page)
  std::string since, until;  // ISO dates, on the meeting date (else the report date)
};

// A page of the archive's papers, for browsing: in which order, which papers, how many.
struct PaperListQuery {
  std::string sort = "date";  // date (newest first, undated last), body, organisation, archived (latest first)
  RecordFilter filter;
  int limit = 50;
  int offset = 0;
};

struct PaperListItem {
  std::string id, title, body, organisation, date, path;  // "" unknown; date: meeting date, else report date
  std::int64_t pages = 0;
  std::optional<double> lowest_ocr_confidence;  // of its OCR'd pages; nullopt when none was OCR'd
};

// Whether v is a calendar day written YYYY-MM-DD ("2019-02-29" is not).
bool valid_iso_day(const std::string& v);

// A date filter's bound as a day: "2010-03-04" as it is; a year or a month ("2010", "2010-03")
// its first day for a since (end = false), its last for an until (end = true). Nullopt when v is
// none of these.
std::optional<std::string> filter_day(const std::string& v, bool end);

// What a search's hits are: whole papers, or single recommendations or decisions with their paper.
enum class SearchIn { papers, recommendations, decisions };

// A search of the archive's full-text indexes, with filters; empty filters do not filter.
struct SearchQuery {
  std::string text;                  // FTS5 syntax: words, "a phrase", prefix*, AND / OR / NOT, ( )
  SearchIn in = SearchIn::papers;    // recommendations / decisions: one hit each instead of whole papers
  std::string body, organisation;    // exact, case-insensitive
  std::string since, until;          // ISO dates, on the meeting date (else the report date)
  bool include_undated = false;      // with since/until: papers with neither date pass too
  std::string act;                   // an Act's title ("Localism Act 2011") or key ("localism-act-2011")
  std::string outcome;               // with in = recommendations: only those with this outcome (agreed, amended,
                                     // deferred, rejected, noted, withdrawn; "none": none linked)
  int limit = 20;
  int offset = 0;                    // hits to pass over first (the next page of results)
  int parts = 0;                     // rank in this many rowid ranges side by side; 0: one per core
                                     // (up to 4) for an index of kParallelSearchRows rows or more, else 1
  std::string mark_begin = "[", mark_end = "]";  // around matched words in snippets
};

struct SearchHit {
  std::string paper_id, title, body, date, path;  // date: meeting date, else report date; "" unknown
  std::string snippet;           // the best-matching passage, matches marked
  double score = 0;              // BM25, lower is better
  std::string number;            // for a recommendation or decision hit: its number ("" none), page and text
  int page = 0;
  std::string text;
  std::string outcome;           // for a recommendation hit: what its meeting did with it ("" none linked)
};

// Recommendations of papers whose meeting (else report) date falls in year, by the paper's body.
struct YearBodyCount {
  int year = 0;
  std::string body;  // "" unknown
  std::int64_t recommendations = 0;
};

// A query FTS5 cannot read, or one too costly to run: what to tell the person who typed it.
struct SearchError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What one search may cost, the same for the command line and the web page: a query's bytes, its
// terms (words and the words of phrases), and its prefix terms ("recommend*"), each of which
// FTS5 expands to every indexed word it begins; a prefix shorter than min_prefix letters ("t*")
// expands to nearly the whole vocabulary and is refused.
struct QueryLimits {
  std::size_t max_bytes = 500;
  int max_terms = 32;
  int max_prefixes = 4;
  int min_prefix = 3;
};

// Why a query costs more than limits allow ("the query has 40 terms; at most 32"), or "" when it does not.
std::string query_cost_error(const std::string& query, const QueryLimits& limits = {});

// A user's words as an FTS5 query: a word FTS5 would read as syntax ("O'Hara", "e-mail",
// "data-sets", "s.39", "col:x") is quoted, a prefix kept ("e-mai*" -> "\"e-mai\"*"); "phrases",
// brackets and the operators AND, OR, NOT, NEAR (in capitals) stay as written.
std::string fts_query(const std::string& words);

// What a meeting did with one of a report's recommendations (see archive/outcomes.h), as read back.
struct RecommendationOutcome {
  int recommendation = 0;  // 1-based, the recommendation's place in its record
  std::string outcome;     // agreed, amended, deferred, rejected, noted, withdrawn
  std::string minutes_id, minutes_path, minutes_title, body, meeting_date;
  std::string minute, minute_heading;
  int page = 0;            // of the minutes, where the decision is printed
  std::string cue, match;  // how the minute and the decision were found
  nlohmann::json decisions;  // the decisions' 1-based places in the minutes' record
  std::string decision_text;
  nlohmann::json vote;     // null when the minute prints none
};

// A recommendation a minutes paper's decision answered.
struct DecisionAnswer {
  std::string report_id, report_title, report_path;
  int recommendation = 0;
  std::string outcome;
  nlohmann::json decisions;
};

// {"outcome": "agreed", "minutes": ID, "minutes_path": ..., "body": "Cabinet", "meeting_date": "2025-01-30",
//  "minute": "88", "minute_heading": ..., "page": 10, "decision": ..., "decisions": [2], "vote": null, "cue": ..., "match": ...}
nlohmann::json outcome_json(const RecommendationOutcome& o);

// A file of a shared import (papers enqueue, papers work), by the path every worker reads it at.
struct Job {
  std::int64_t id = 0;
  std::string path;
  std::int64_t size = 0, mtime = 0;  // bytes; seconds since 1970: a file changed since is queued again
  int attempts = 0;                  // times taken, this one included
};

// How a shared import stands: jobs by state (queued, running, done, failed), and by worker.
struct QueueStats {
  std::vector<std::pair<std::string, std::int64_t>> by_state;
  std::int64_t lease_ran_out = 0;  // running, but their worker has not renewed its lease in time
  struct WorkerJobs {
    std::string worker, state;
    std::int64_t jobs = 0;
  };
  std::vector<WorkerJobs> by_worker;
};

class Archive {
 public:
  // Opens (creating if needed) the archive at location: a file path (SQLite) or a PostgreSQL URL
  // ("postgresql://user@host/db", "postgresql:///db?host=/run/postgresql"). Throws
  // std::runtime_error if it cannot: an archive that cannot be opened ends the run, unlike a bad
  // input file.
  explicit Archive(const std::string& location, bool read_only = false);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool contains(const std::string& id);
  // Remembers another path for bytes already archived.
  void add_path(const std::string& id, const std::string& path);
  // Stores a record and its child rows; clears any earlier failure of the same path.
  // Returns whether the paper is new to the archive: false when its bytes were archived already
  // (by another process writing the same archive since this one looked), only the path added.
  // A pack (record.parts) is stored with its parts as papers of their own (pack_of), each part
  // that is the same paper as an archived original one more place of it ("PACK.pdf#pages=3-11")
  // and an original that comes after its pack's part taking the part's place: either order
  // leaves each paper once. A pack's own rows hold no recommendations, decisions or text index.
  bool put(const Record& record, const nlohmann::json& record_json);
  // Records (or updates) a failure row for failure.path.
  void put_failure(const Failure& failure);
  // Removes a paper and everything of it (its rows, index entries and paths); false when the id
  // is not archived. The caller holds the transaction (begin/commit) if it removes many.
  bool remove(const std::string& id);
  // Replaces an archived paper's record with one made again from the same bytes (reextract): its
  // rows are made anew, its paths, its place in ingestion order and when it was first archived
  // kept (the record should name the path it was first archived from). False when not archived.
  bool replace(const Record& record, const nlohmann::json& record_json);
  // The ids of the papers whose record an extractor older than version made (or none said).
  std::vector<std::string> ids_older_than(int version);
  // Drops a failure row: the file was archived since, or is gone.
  void resolve_failure(const std::string& path);

  void begin();
  void commit();
  // Undoes the transaction begin() started (after a statement failed in it).
  void rollback();

  // A paper's record as archived, with its "places", each recommendation with its "outcome" (null
  // when none is linked) and each decision with the recommendations it "answers".
  std::optional<nlohmann::json> record(const std::string& id_or_prefix);
  // The ids (lower-case hex) that start with prefix, at most limit of them, in order.
  std::vector<std::string> ids_starting(const std::string& prefix, std::size_t limit);
  // The ids of the papers archived from this path (as given to `papers ingest`).
  std::vector<std::string> ids_of_path(const std::string& path);
  // Links the recommendations of the reports of these bodies (lower case; every body when empty)
  // to the minutes of their meetings anew (archive/outcomes.h); the number of links made.
  std::int64_t link_outcomes(const std::set<std::string>& bodies = {});
  // link_outcomes() for the bodies of the papers put, replaced or removed since it last ran.
  std::int64_t link_touched_outcomes();
  // A report's linked recommendations, in order; the recommendations a minutes paper answered.
  std::vector<RecommendationOutcome> outcomes_of(const std::string& report_id);
  std::vector<DecisionAnswer> answers_of(const std::string& minutes_id);
  // Adds to a record read from the archive what the archive knows beside it: its "places" (every
  // path it was found at), its recommendations' outcomes and its decisions' answers, and an
  // agenda's items their "minute" and "papers" (of the same body's meeting that day; see record()).
  void annotate_record(nlohmann::json& record);
  // Every record, in ingestion order, one at a time.
  void each_record(const std::function<void(const nlohmann::json&)>& visit);
  // The records the filter lets through, in ingestion order, with when each was archived.
  void each_record(const RecordFilter& filter,
                   const std::function<void(const nlohmann::json& record, const std::string& ingested_at)>& visit);
  std::vector<Failure> failures();
  ArchiveStats stats();
  // Ranked hits (BM25 on SQLite, ts_rank on PostgreSQL, lower scores better either way; a paper's
  // title weighs ten times its text). Throws SearchError for a
  // malformed query.
  std::vector<SearchHit> search(const SearchQuery& query);
  // A page of papers in the query's order; the number of papers its filter lets through.
  std::vector<PaperListItem> list_papers(const PaperListQuery& query);
  std::int64_t count_papers(const RecordFilter& filter);
  // The lowest OCR confidence of a paper's pages; nullopt when none of them was OCR'd.
  std::optional<double> lowest_ocr_confidence(const std::string& id);
  // How many hits the query's date filters left out because their paper has no date (0 without
  // since/until, or with include_undated): what to say beside the hits.
  std::int64_t undated_left_out(const SearchQuery& query);
  // Whether the archive has its full-text indexes (an archive made before search, opened
  // read-only, has not; opening it for writing indexes it).
  bool searchable();

  // Where a paper's bytes were seen, the first ingested path first; empty for an unknown id.
  // Relative paths are as given to `papers ingest`.
  std::vector<std::string> original_paths(const std::string& id);
  // Bodies with their number of papers, most papers first ("" for papers whose body is unknown).
  std::vector<std::pair<std::string, std::int64_t>> bodies();
  // Recommendations per year (meeting date, else report date) and body, papers with neither
  // date left out; in year order.
  std::vector<YearBodyCount> recommendations_by_year();
  std::int64_t count_papers();
  std::int64_t count_recommendations();
  std::int64_t count_decisions();

  // Copies every row of this archive into target, an empty archive of either back end (papers
  // copy): records, child rows, places, outcomes, sketches, failures and jobs as they are (ids,
  // ingestion order and times kept), the full-text index made by the target's back end; nothing
  // re-extracted. progress is told the papers copied so far. Throws std::runtime_error when
  // target holds papers already.
  void copy_to(Archive& target, const std::function<void(std::int64_t papers)>& progress = {});

  // A shared import. The archive is the queue: any number of `papers work` processes, on any
  // machines, take its jobs (on PostgreSQL each takes rows no other holds: SKIP LOCKED), hold a
  // lease they renew, and end a job in the transaction that archives its paper.
  // Records files as jobs (id and attempts ignored); a file queued before with the same size and
  // modification time is left as it is, one changed since is queued again. The number added or
  // queued again.
  std::int64_t enqueue(const std::vector<Job>& files);
  // Takes up to n jobs for worker, each leased for lease_seconds: queued ones, and running ones
  // whose lease ran out (their worker died). One whose workers stopped max_attempts times is
  // failed instead, its reason recorded. In a transaction of its own; in the order queued.
  std::vector<Job> take_jobs(const std::string& worker, int n, double lease_seconds, int max_attempts);
  // Renews the leases of these jobs while worker holds them.
  void renew_jobs(const std::string& worker, const std::vector<std::int64_t>& ids, double lease_seconds);
  // Ends a job: archived as paper_id, in the caller's transaction (the paper and the job's end
  // commit together). False when worker no longer holds it (its lease ran out and another took it).
  bool finish_job(std::int64_t id, const std::string& worker, const std::string& paper_id);
  // A job whose file failed: queued again while it has tries left, else failed; its reason kept.
  // False when worker no longer holds it.
  bool fail_job(std::int64_t id, const std::string& worker, const std::string& reason, int max_attempts);
  // Jobs taken and never read (the worker stops): back to the queue, the try not counted.
  void release_jobs(const std::string& worker, const std::vector<std::int64_t>& ids);
  // Jobs queued or running (by any worker, its lease run out or not; but for except_worker's).
  std::int64_t open_jobs(const std::string& except_worker = "");
  QueueStats queue_stats();

 private:
  // put(), the paper given this ingestion number when seq is set (replace keeps a paper's place).
  bool insert(const Record& record, const nlohmann::json& record_json, std::optional<std::int64_t> seq);
  // put() of one paper (not a pack): as a paper of its own, or, when it is the same paper as one
  // archived (a pack's part and its original), as one more place of that paper.
  bool put_paper(const Record& record, const nlohmann::json& record_json, std::optional<std::int64_t> seq);
  struct SamePaper {
    std::string id, pack_of;  // pack_of: the archived paper's pack when it is a part
    int first = 0;            // and its first page there
  };
  // The archived papers that are the same paper as record (parts for an original, originals for a
  // part), likest first.
  std::vector<SamePaper> same_paper(const Record& record, const std::vector<std::uint64_t>& runs, const Sketch& sketch);
  void put_sketch(const std::string& id, const Sketch& sketch);
  void set_pack_part(const std::string& pack_id, int first, const std::string& paper_id);
  void point_packs_at(const std::string& id, const std::string& paper);
  void touch_body_of(const std::string& id);
  void annotate_agenda(nlohmann::json& record);
  // each_record()'s walk: the records sql (ending "seq > ?5 ORDER BY seq LIMIT ?6", the filter's
  // values ?1 to ?4) lets through, a page at a time, so that neither back end holds them all.
  void each_page(const std::string& sql, const RecordFilter& filter,
                 const std::function<void(const nlohmann::json& record, const std::string& ingested_at)>& visit);
  std::unique_ptr<Store> store_;
  std::set<std::string> touched_bodies_;  // lower case; see link_touched_outcomes()
};

}  // namespace papers
