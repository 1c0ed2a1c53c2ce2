// The embedded SQLite archive. See archive.h.
#include "archive/archive.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>

#include "archive/outcomes.h"
#include "pipeline/record_json.h"
#include "extractors/decisions.h"
#include "extractors/legal_references.h"

namespace papers {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '6');
CREATE TABLE IF NOT EXISTS papers(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,            -- SHA-256 of the file's bytes
  path TEXT NOT NULL,                 -- the path it was first ingested from
  bytes INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  pages INTEGER NOT NULL,
  method TEXT NOT NULL,
  title TEXT, body TEXT, organisation TEXT, meeting_date TEXT, report_date TEXT,
  agenda_item TEXT, author TEXT, classification TEXT,
  warning TEXT,
  record TEXT NOT NULL,               -- the whole record as JSON
  ingested_at TEXT NOT NULL,
  pack_of TEXT,                       -- a part of an agenda pack: the pack's id
  parts INTEGER);                     -- an agenda pack: how many parts it binds (their papers are rows of their own)
CREATE TABLE IF NOT EXISTS paper_paths(paper_id TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY(paper_id, path));
CREATE TABLE IF NOT EXISTS pages(paper_id TEXT NOT NULL, number INTEGER NOT NULL, method TEXT NOT NULL,
  chars INTEGER NOT NULL, confidence REAL,  -- method "text" or "ocr"; confidence: OCR's mean word confidence
  ocr_reason TEXT, rotation INTEGER, error TEXT,
  PRIMARY KEY(paper_id, number));
CREATE TABLE IF NOT EXISTS recommendations(paper_id TEXT NOT NULL, seq INTEGER NOT NULL, number TEXT, text TEXT NOT NULL,
  page INTEGER, span_begin INTEGER, span_end INTEGER, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS decisions(paper_id TEXT NOT NULL, seq INTEGER NOT NULL, number TEXT, text TEXT NOT NULL,
  page INTEGER, span_begin INTEGER, span_end INTEGER, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS contacts(paper_id TEXT NOT NULL, seq INTEGER NOT NULL, name TEXT, role TEXT, email TEXT,
  phone TEXT, page INTEGER, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS legal_references(paper_id TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
  act TEXT NOT NULL, act_key TEXT NOT NULL, section TEXT, page INTEGER, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS dates(paper_id TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
  start TEXT NOT NULL, "end" TEXT NOT NULL, page INTEGER, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS links(paper_id TEXT NOT NULL, seq INTEGER NOT NULL, url TEXT NOT NULL, page INTEGER,
  PRIMARY KEY(paper_id, seq));
-- What a meeting did with a report's recommendation (archive/outcomes.h): one row per linked
-- recommendation (its seq in recommendations), made anew by link_outcomes() whenever a paper of
-- the body arrives, changes or goes. decisions: a JSON array of the minutes' decision seqs; vote:
-- JSON or NULL.
CREATE TABLE IF NOT EXISTS outcomes(report_id TEXT NOT NULL, recommendation INTEGER NOT NULL, outcome TEXT NOT NULL,
  minutes_id TEXT NOT NULL, minute TEXT NOT NULL, minute_heading TEXT, page INTEGER, cue TEXT NOT NULL, match TEXT NOT NULL,
  decisions TEXT NOT NULL, decision_text TEXT, vote TEXT, PRIMARY KEY(report_id, recommendation));
CREATE INDEX IF NOT EXISTS outcomes_minutes ON outcomes(minutes_id);
-- Each paper's sketch (archive/same_paper.h): kSketchSlots rows, found by value so that a pack's
-- part and the original it binds are recognised as one paper.
CREATE TABLE IF NOT EXISTS sketches(paper_id TEXT NOT NULL, slot INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY(paper_id, slot));
CREATE INDEX IF NOT EXISTS sketches_value ON sketches(slot, value);
CREATE TABLE IF NOT EXISTS failures(path TEXT PRIMARY KEY, sha256 TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL,
  at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS papers_body ON papers(body);
CREATE INDEX IF NOT EXISTS papers_meeting_date ON papers(meeting_date);
-- search()'s filters: body and organisation in any case, the meeting date else the report date;
-- with the id, so that finding a filter's recommendations never reads the (large) papers rows.
CREATE INDEX IF NOT EXISTS papers_body_nocase ON papers(body COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS papers_organisation_nocase ON papers(organisation COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS papers_day ON papers(coalesce(meeting_date, report_date), id);
CREATE INDEX IF NOT EXISTS legal_references_act ON legal_references(act_key);
CREATE INDEX IF NOT EXISTS recommendations_paper ON recommendations(paper_id);
CREATE INDEX IF NOT EXISTS decisions_paper ON decisions(paper_id);
)sql";

// Full-text indexes (FTS5, BM25): a paper's title and text (rowid = papers.seq), each
// recommendation (rowid = the recommendations row's rowid) and each decision (likewise). Porter stemming over Unicode words,
// diacritics folded: "recommend" finds "recommended", "cafe" finds "café"; prefixes of 3 and 4
// letters indexed, so that "librar*" does not merge every word that starts so at query time.
constexpr const char* kSearchSchema = R"sql(
CREATE VIRTUAL TABLE IF NOT EXISTS papers_fts USING fts5(title, text, tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '3 4');
CREATE VIRTUAL TABLE IF NOT EXISTS recommendations_fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '3 4');
CREATE VIRTUAL TABLE IF NOT EXISTS decisions_fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '3 4');
INSERT INTO papers_fts(papers_fts, rank) VALUES('rank', 'bm25(10.0, 1.0)');
)sql";

std::string now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct StatementCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementCloser>;
// A statement the archive keeps prepared (Archive::cached), reset and unbound when its user is done.
struct StatementReset {
  void operator()(sqlite3_stmt* s) const {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};
using Borrowed = std::unique_ptr<sqlite3_stmt, StatementReset>;

void bind_value(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
void bind_value(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v) bind_value(s, i, *v);
  else sqlite3_bind_null(s, i);
}
void bind_value(sqlite3_stmt* s, int i, std::int64_t v) { sqlite3_bind_int64(s, i, v); }
void bind_value(sqlite3_stmt* s, int i, std::optional<double> v) {
  if (v) sqlite3_bind_double(s, i, *v);
  else sqlite3_bind_null(s, i);
}

std::optional<std::string> value_of(const std::optional<TextField>& f) {
  return f ? std::optional<std::string>(f->value) : std::nullopt;
}
std::optional<std::string> value_of(const std::optional<DateValue>& d) {
  return d ? std::optional<std::string>(d->start) : std::nullopt;
}

std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

}  // namespace

bool valid_iso_day(const std::string& v) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (v.size() != 10 || v[4] != '-' || v[7] != '-' || std::sscanf(v.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (v[i] < '0' || v[i] > '9') return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::optional<std::string> filter_day(const std::string& v, bool end) {
  if (valid_iso_day(v)) return v;
  const bool digits = std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  if (!digits) return std::nullopt;
  if (v.size() == 4 && v.find('-') == std::string::npos) return v + (end ? "-12-31" : "-01-01");
  if (v.size() == 7 && v[4] == '-' && v.find('-', 5) == std::string::npos) {
    const int month = std::atoi(v.c_str() + 5);
    if (month < 1 || month > 12) return std::nullopt;
    if (!end) return v + "-01";
    for (const char* last : {"-31", "-30", "-29", "-28"})
      if (valid_iso_day(v + last)) return v + last;
  }
  return std::nullopt;
}

Archive::Archive(const std::string& path, bool read_only) {
  // Before SQLite starts (a no-op after): no global count of allocated memory, whose mutex every
  // allocation takes, so that the parts of a ranking running side by side do not queue on it.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("cannot open archive " + path + ": " + message);
  }
  // A writer waits up to a minute for another process's write to end (an ingest holds the lock
  // only while it writes a gathered batch, well under a second); a reader never waits on one (WAL).
  sqlite3_busy_timeout(db_, read_only ? 5000 : 60000);
  register_admitted(db_);
  if (!read_only) {
    // Two processes opening a new archive at once: the one that does not get to switch it to WAL
    // and create its tables is told "database is locked" at once (the busy handler does not wait
    // for a journal-mode change), so it waits and tries again, for up to the busy timeout.
    for (int tries = 0;; ++tries) {
      try {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec(kSchema);
        break;
      } catch (const std::runtime_error& e) {
        const std::string why = e.what();
        if (tries >= 100 || (why.find("locked") == std::string::npos && why.find("busy") == std::string::npos)) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    // Version 1 archives (before OCR) lack the pages table's OCR columns.
    int version = 0;
    {
      Statement v(prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'"));
      if (sqlite3_step(v.get()) == SQLITE_ROW) version = sqlite3_column_int(v.get(), 0);
    }
    if (version == 1) {
      exec("ALTER TABLE pages ADD COLUMN ocr_reason TEXT; ALTER TABLE pages ADD COLUMN rotation INTEGER;"
           " ALTER TABLE pages ADD COLUMN error TEXT; UPDATE meta SET value='2' WHERE key='schema_version'");
      version = 2;
    }
    exec(kSearchSchema);
    if (version == 2) {
      // Version 2 archives (before search): index what they hold, once.
      exec("BEGIN IMMEDIATE;"
           " INSERT INTO papers_fts(rowid, title, text) SELECT seq, coalesce(title, ''), coalesce(json_extract(record, '$.text'), '') FROM papers;"
           " INSERT INTO recommendations_fts(rowid, text) SELECT rowid, text FROM recommendations;"
           " UPDATE meta SET value='3' WHERE key='schema_version'; COMMIT");
      version = 3;
    }
    if (version == 3) {
      migrate_to_decisions();
      version = 4;
    }
    if (version == 4) {
      // Version 4 archives (before outcomes) gain the outcomes table (above) and their links. Their
      // records have no minutes' items until `papers reextract` makes them again (extractor 5).
      link_outcomes();
      exec("UPDATE meta SET value='5' WHERE key='schema_version'");
      version = 5;
    }
    if (version == 5) migrate_to_packs();
    exec("CREATE INDEX IF NOT EXISTS papers_pack_of ON papers(pack_of)");
  } else {
    // A read-only open of a file that is not an archive fails here, not later.
    Statement s(prepare("SELECT value FROM meta WHERE key='schema_version'"));
    // One made before outcomes or packs (schemas 3 to 5) lacks their tables and columns: say so
    // once, here, instead of "no such column" from whichever listing asks first.
    if (sqlite3_step(s.get()) == SQLITE_ROW) {
      const int version = sqlite3_column_int(s.get(), 0);
      if (version >= 3 && version < 6) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error("the archive " + path + " was made by an older papers (schema " + std::to_string(version) +
                                 "): open it for writing once (`papers --archive " + path +
                                 " ingest` of any folder, or `papers reextract --outdated`) to bring it up to date");
      }
    }
    // Reads through a memory map (up to SQLite's 2 GiB cap) instead of a read() per page: a
    // search's filter set over 100,000 papers took 46 -> 22 ms (search_bench.sh archive, sqlite3).
    exec("PRAGMA mmap_size=2147418112");
  }
}

// papers_admitted(rowid): whether search()'s filters admit that row (see search()).
void Archive::register_admitted(sqlite3* db) {
  sqlite3_create_function_v2(
      db, "papers_admitted", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, &admitted_,
      [](sqlite3_context* c, int, sqlite3_value** v) {
        const auto& admitted = *static_cast<const std::vector<bool>*>(sqlite3_user_data(c));
        const sqlite3_int64 row = sqlite3_value_int64(v[0]);
        sqlite3_result_int(c, row >= 0 && static_cast<std::size_t>(row) < admitted.size() && admitted[static_cast<std::size_t>(row)]);
      },
      nullptr, nullptr, nullptr);
}

Archive::~Archive() {
  for (auto& [sql, s] : cached_) sqlite3_finalize(s);
  for (sqlite3* db : part_connections_) sqlite3_close(db);
  if (in_transaction_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
}

void Archive::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("archive: " + message);
  }
}

sqlite3_stmt* Archive::prepare(const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  return s;
}

sqlite3_stmt* Archive::cached(const char* sql) {
  auto [at, fresh] = cached_.try_emplace(sql, nullptr);
  if (fresh) {
    try {
      at->second = prepare(sql);
    } catch (...) {
      cached_.erase(at);
      throw;
    }
  }
  return at->second;
}

void Archive::begin() {
  if (!in_transaction_) exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
}

void Archive::commit() {
  if (in_transaction_) exec("COMMIT");
  in_transaction_ = false;
}

// Version 3 archives (before decisions) hold what minutes RESOLVED among their recommendations,
// as the extractors of then found them ("RESOLVED that the minutes be approved."). Each such item
// moves to the paper's decisions, in the words after its marker (decision_from_resolution), in the
// tables, the indexes and the stored record; every record gains "decisions". Other
// recommendations keep their rows. One transaction: an archive is migrated whole or not at all.
void Archive::migrate_to_decisions() {
  exec("BEGIN IMMEDIATE");
  try {
    Statement papers(prepare("SELECT id, record FROM papers ORDER BY seq"));
    Statement update(prepare("UPDATE papers SET record = ? WHERE id = ?"));
    Statement drop_recs_fts(prepare("DELETE FROM recommendations_fts WHERE rowid IN (SELECT rowid FROM recommendations WHERE paper_id = ?)"));
    Statement drop_recs(prepare("DELETE FROM recommendations WHERE paper_id = ?"));
    Statement rec(prepare("INSERT INTO recommendations(paper_id, seq, number, text, page, span_begin, span_end) VALUES (?,?,?,?,?,?,?)"));
    Statement rec_fts(prepare("INSERT INTO recommendations_fts(rowid, text) VALUES (last_insert_rowid(), ?)"));
    Statement dec(prepare("INSERT INTO decisions(paper_id, seq, number, text, page, span_begin, span_end) VALUES (?,?,?,?,?,?,?)"));
    Statement dec_fts(prepare("INSERT INTO decisions_fts(rowid, text) VALUES (last_insert_rowid(), ?)"));
    const auto insert = [&](sqlite3_stmt* row, sqlite3_stmt* fts, const std::string& id, std::size_t seq, const nlohmann::json& x) {
      const auto text_of = [&](const char* key) {
        const auto it = x.find(key);
        return it != x.end() && it->is_string() ? std::optional<std::string>(it->get<std::string>()) : std::nullopt;
      };
      const auto int_of = [&](const nlohmann::json& v) { return v.is_number_integer() ? v.get<std::int64_t>() : 0; };
      const nlohmann::json span = x.value("span", nlohmann::json::array({0, 0}));
      sqlite3_reset(row);
      bind_value(row, 1, id);
      bind_value(row, 2, static_cast<std::int64_t>(seq));
      bind_value(row, 3, text_of("number"));
      bind_value(row, 4, text_of("text").value_or(""));
      bind_value(row, 5, int_of(x.value("page", nlohmann::json())));
      bind_value(row, 6, span.is_array() && span.size() == 2 ? int_of(span[0]) : 0);
      bind_value(row, 7, span.is_array() && span.size() == 2 ? int_of(span[1]) : 0);
      if (sqlite3_step(row) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
      sqlite3_reset(fts);
      bind_value(fts, 1, text_of("text").value_or(""));
      if (sqlite3_step(fts) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
    };
    while (sqlite3_step(papers.get()) == SQLITE_ROW) {
      const std::string id = column_text(papers.get(), 0);
      nlohmann::json record = nlohmann::json::parse(column_text(papers.get(), 1), nullptr, /*allow_exceptions=*/false);
      if (!record.is_object()) continue;
      nlohmann::json kept = nlohmann::json::array(), decisions = nlohmann::json::array();
      for (const nlohmann::json& x : record.value("recommendations", nlohmann::json::array())) {
        const auto decided = x.is_object() && x.value("text", nlohmann::json()).is_string()
                                 ? decision_from_resolution(x["text"].get<std::string>())
                                 : std::nullopt;
        if (!decided) {
          kept.push_back(x);
          continue;
        }
        nlohmann::json d = {{"number", x.value("number", nlohmann::json())}, {"text", *decided},
                            {"page", x.value("page", nlohmann::json())}};
        if (x.contains("span")) d["span"] = x["span"];
        decisions.push_back(std::move(d));
      }
      if (!decisions.empty()) {
        for (Statement* s : {&drop_recs_fts, &drop_recs}) {
          sqlite3_reset(s->get());
          bind_value(s->get(), 1, id);
          sqlite3_step(s->get());
        }
        for (std::size_t i = 0; i < kept.size(); ++i) insert(rec.get(), rec_fts.get(), id, i + 1, kept[i]);
        for (std::size_t i = 0; i < decisions.size(); ++i) insert(dec.get(), dec_fts.get(), id, i + 1, decisions[i]);
      }
      record["recommendations"] = kept;
      record["decisions"] = decisions;
      sqlite3_reset(update.get());
      bind_value(update.get(), 1, record.dump());
      bind_value(update.get(), 2, id);
      if (sqlite3_step(update.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
    }
    exec("UPDATE meta SET value='4' WHERE key='schema_version'");
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

// Version 5 archives (before packs) gain the papers' pack columns and every paper's sketch. Their
// packs are split when `papers reextract` makes their records again (extractor 6).
void Archive::migrate_to_packs() {
  exec("BEGIN IMMEDIATE");
  try {
    // (A column already there, in an archive whose version was set back by hand, is kept.)
    for (const char* column : {"pack_of TEXT", "parts INTEGER"}) {
      const std::string name = std::string(column).substr(0, std::string(column).find(' '));
      Statement has(prepare("SELECT 1 FROM pragma_table_info('papers') WHERE name = ?"));
      bind_value(has.get(), 1, name);
      if (sqlite3_step(has.get()) != SQLITE_ROW) exec(("ALTER TABLE papers ADD COLUMN " + std::string(column)).c_str());
    }
    Statement papers(prepare("SELECT id, json_extract(record, '$.text') FROM papers ORDER BY seq"));
    while (sqlite3_step(papers.get()) == SQLITE_ROW) put_sketch(column_text(papers.get(), 0), sketch_of(word_runs(column_text(papers.get(), 1))));
    exec("UPDATE meta SET value='6' WHERE key='schema_version'");
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Archive::put_sketch(const std::string& id, const Sketch& sketch) {
  if (std::all_of(sketch.begin(), sketch.end(), [](std::int64_t v) { return v == 0; })) return;
  Borrowed s(cached("INSERT OR REPLACE INTO sketches(paper_id, slot, value) VALUES (?,?,?)"));
  for (int slot = 0; slot < kSketchSlots; ++slot) {
    sqlite3_reset(s.get());
    bind_value(s.get(), 1, id);
    bind_value(s.get(), 2, static_cast<std::int64_t>(slot));
    bind_value(s.get(), 3, sketch[static_cast<std::size_t>(slot)]);
    if (sqlite3_step(s.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  }
}

std::vector<Archive::SamePaper> Archive::same_paper(const Record& r, const std::vector<std::uint64_t>& runs, const Sketch& sketch) {
  if (runs.empty()) return {};
  std::string sql = "SELECT paper_id FROM sketches WHERE ";
  for (int slot = 0; slot < kSketchSlots; ++slot)
    sql += std::string(slot ? " OR " : "") + "(slot = " + std::to_string(slot) + " AND value = ?" + std::to_string(slot + 1) + ")";
  sql += " GROUP BY paper_id HAVING count(*) >= " + std::to_string(kSketchCandidate);
  Borrowed s(cached(sql.c_str()));
  for (int slot = 0; slot < kSketchSlots; ++slot) bind_value(s.get(), slot + 1, sketch[static_cast<std::size_t>(slot)]);
  std::vector<std::string> candidates;
  while (sqlite3_step(s.get()) == SQLITE_ROW) candidates.push_back(column_text(s.get(), 0));
  std::vector<std::pair<double, SamePaper>> found;
  Borrowed paper(cached("SELECT pages, coalesce(pack_of, ''), parts IS NOT NULL, json_extract(record, '$.text'),"
                          " coalesce(json_extract(record, '$.part_of.first'), 0) FROM papers WHERE id = ?"));
  for (const std::string& id : candidates) {
    if (id == r.source.sha256) continue;
    sqlite3_reset(paper.get());
    bind_value(paper.get(), 1, id);
    if (sqlite3_step(paper.get()) != SQLITE_ROW || sqlite3_column_int(paper.get(), 2)) continue;  // a pack is no paper
    const std::string pack_of = column_text(paper.get(), 1);
    // A part and an original: two originals, or two parts, of one text are left as they are.
    if (pack_of.empty() == !r.part_of.has_value()) continue;
    if (sqlite3_column_int64(paper.get(), 0) != r.source.pages) continue;
    const double score = resemblance(runs, word_runs(column_text(paper.get(), 3)));
    if (score >= kSamePaper) found.push_back({score, SamePaper{id, pack_of, sqlite3_column_int(paper.get(), 4)}});
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<SamePaper> out;
  for (auto& [score, same] : found) out.push_back(std::move(same));
  return out;
}

// The packs in whose pages a paper was found ("PACK.pdf#pages=3-11" among its paths): their
// records' part names paper ("" none).
void Archive::point_packs_at(const std::string& id, const std::string& paper) {
  for (const std::string& place : original_paths(id)) {
    const std::size_t at = place.rfind("#pages=");
    if (at == std::string::npos) continue;
    Borrowed owner(cached("SELECT paper_id FROM paper_paths WHERE path = ? AND paper_id != ?"));
    bind_value(owner.get(), 1, place.substr(0, at));
    bind_value(owner.get(), 2, id);
    const int first = std::atoi(place.c_str() + at + 7);
    std::vector<std::string> packs;
    while (sqlite3_step(owner.get()) == SQLITE_ROW) packs.push_back(column_text(owner.get(), 0));
    for (const std::string& pack : packs) set_pack_part(pack, first, paper);
  }
}

// The paper a pack's part is, in the pack's stored record.
void Archive::set_pack_part(const std::string& pack_id, int first, const std::string& paper_id) {
  Borrowed s(cached("SELECT record FROM papers WHERE id = ?"));
  bind_value(s.get(), 1, pack_id);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return;
  nlohmann::json record = nlohmann::json::parse(column_text(s.get(), 0), nullptr, false);
  if (!record.is_object() || !record.contains("parts") || !record["parts"].is_array()) return;
  for (nlohmann::json& part : record["parts"])
    if (part.is_object() && part.value("first", 0) == first) part["paper"] = paper_id.empty() ? nlohmann::json() : nlohmann::json(paper_id);
  Borrowed u(cached("UPDATE papers SET record = ? WHERE id = ?"));
  bind_value(u.get(), 1, record.dump());
  bind_value(u.get(), 2, pack_id);
  sqlite3_step(u.get());
}

bool Archive::put_paper(const Record& r, const nlohmann::json& record_json, std::optional<std::int64_t> seq) {
  if (contains(r.source.sha256)) {
    add_path(r.source.sha256, r.source.path);
    return false;
  }
  const std::vector<std::uint64_t> runs = word_runs(r.text);
  const Sketch sketch = sketch_of(runs);
  if (const std::vector<SamePaper> same = same_paper(r, runs, sketch); !same.empty()) {
    if (r.part_of) {
      // A part whose original is archived: the original (the likest) is the paper, the part one
      // more place of it.
      add_path(same[0].id, r.source.path);
      set_pack_part(r.part_of->pack_id, r.part_of->first, same[0].id);
      return false;
    }
    // An original whose packs' parts are archived (one pack or several binding it): the original
    // takes each part's place.
    std::vector<std::string> paths;
    for (const SamePaper& part : same) {
      const std::vector<std::string> its = original_paths(part.id);
      paths.insert(paths.end(), its.begin(), its.end());
      remove(part.id);
    }
    const bool fresh = insert(r, record_json, seq);
    for (const std::string& path : paths) add_path(r.source.sha256, path);
    for (const SamePaper& part : same) set_pack_part(part.pack_of, part.first, r.source.sha256);
    put_sketch(r.source.sha256, sketch);
    return fresh;
  }
  const bool fresh = insert(r, record_json, seq);
  if (fresh) put_sketch(r.source.sha256, sketch);
  return fresh;
}

bool Archive::contains(const std::string& id) {
  Borrowed s(cached("SELECT 1 FROM papers WHERE id = ?"));
  bind_value(s.get(), 1, id);
  return sqlite3_step(s.get()) == SQLITE_ROW;
}

void Archive::add_path(const std::string& id, const std::string& path) {
  Borrowed s(cached("INSERT OR IGNORE INTO paper_paths(paper_id, path) VALUES (?, ?)"));
  bind_value(s.get(), 1, id);
  bind_value(s.get(), 2, path);
  sqlite3_step(s.get());
  Borrowed clear(cached("DELETE FROM failures WHERE path = ?"));
  bind_value(clear.get(), 1, path);
  sqlite3_step(clear.get());
}

namespace {

// A pack's record as stored: its lists of things found emptied (they are its parts', and counted
// there once), its fields, parts and text kept.
nlohmann::json pack_json(nlohmann::json record) {
  for (const char* key : {"recommendations", "decisions", "items", "contacts", "legal_references", "dates", "links"}) record[key] = nlohmann::json::array();
  return record;
}

}  // namespace

bool Archive::put(const Record& r, const nlohmann::json& record_json) {
  if (r.parts.empty()) return put_paper(r, record_json, std::nullopt);
  // A pack: its own row, then each part as a paper (or as a place of its original).
  if (!insert(r, pack_json(record_json), std::nullopt)) return false;
  for (const Record& part : r.part_records) put_paper(part, record_to_json(part), std::nullopt);
  return true;
}

namespace {

std::string ascii_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

void Archive::touch_body_of(const std::string& id) {
  Borrowed s(cached("SELECT body FROM papers WHERE id = ? AND body IS NOT NULL"));
  bind_value(s.get(), 1, id);
  if (sqlite3_step(s.get()) == SQLITE_ROW) touched_bodies_.insert(ascii_lower(column_text(s.get(), 0)));
}

bool Archive::insert(const Record& r, const nlohmann::json& record_json, std::optional<std::int64_t> seq) {
  const std::string& id = r.source.sha256;
  if (r.body) touched_bodies_.insert(ascii_lower(r.body->value));
  sqlite3_int64 paper_rowid = 0;
  {
    // (seq NULL: the next number, as AUTOINCREMENT gives.)
    Borrowed s(cached(
        "INSERT OR IGNORE INTO papers(id, path, bytes, media_type, pages, method, title, body, organisation, meeting_date,"
        " report_date, agenda_item, author, classification, warning, record, ingested_at, seq, pack_of, parts)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bind_value(s.get(), 19, r.part_of ? std::optional<std::string>(r.part_of->pack_id) : std::nullopt);
    if (!r.parts.empty()) bind_value(s.get(), 20, static_cast<std::int64_t>(r.parts.size()));
    else sqlite3_bind_null(s.get(), 20);
    if (seq) bind_value(s.get(), 18, *seq);
    else sqlite3_bind_null(s.get(), 18);
    bind_value(s.get(), 1, id);
    bind_value(s.get(), 2, r.source.path);
    bind_value(s.get(), 3, static_cast<std::int64_t>(r.source.bytes));
    bind_value(s.get(), 4, r.source.media_type);
    bind_value(s.get(), 5, static_cast<std::int64_t>(r.source.pages));
    bind_value(s.get(), 6, r.method);
    bind_value(s.get(), 7, value_of(r.title));
    bind_value(s.get(), 8, value_of(r.body));
    bind_value(s.get(), 9, value_of(r.organisation));
    bind_value(s.get(), 10, value_of(r.meeting_date));
    bind_value(s.get(), 11, value_of(r.report_date));
    bind_value(s.get(), 12, value_of(r.agenda_item));
    bind_value(s.get(), 13, value_of(r.author));
    bind_value(s.get(), 14, value_of(r.classification));
    bind_value(s.get(), 15, r.source.warning.empty() ? std::optional<std::string>() : r.source.warning);
    bind_value(s.get(), 16, record_json.dump());
    bind_value(s.get(), 17, now_iso());
    if (sqlite3_step(s.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
    if (sqlite3_changes(db_) == 0) {  // already there: only remember this path
      add_path(id, r.source.path);
      return false;
    }
    paper_rowid = sqlite3_last_insert_rowid(db_);
  }
  add_path(id, r.source.path);
  if (!r.parts.empty()) return true;  // a pack: its pages, text, recommendations, decisions ... are its parts', counted there once
  Borrowed page(cached(
      "INSERT INTO pages(paper_id, number, method, chars, confidence, ocr_reason, rotation, error) VALUES (?,?,?,?,?,?,?,?)"));
  for (const PageInfo& p : r.pages) {
    sqlite3_reset(page.get());
    bind_value(page.get(), 1, id);
    bind_value(page.get(), 2, static_cast<std::int64_t>(p.number));
    bind_value(page.get(), 3, p.method);
    bind_value(page.get(), 4, static_cast<std::int64_t>(p.chars));
    bind_value(page.get(), 5, p.confidence);
    bind_value(page.get(), 6, p.ocr_reason.empty() ? std::nullopt : std::optional<std::string>(p.ocr_reason));
    if (p.rotation) bind_value(page.get(), 7, static_cast<std::int64_t>(p.rotation));
    else sqlite3_bind_null(page.get(), 7);
    bind_value(page.get(), 8, p.error.empty() ? std::nullopt : std::optional<std::string>(p.error));
    sqlite3_step(page.get());
  }
  {
    Borrowed fts(cached("INSERT INTO papers_fts(rowid, title, text) VALUES (?, ?, ?)"));
    bind_value(fts.get(), 1, static_cast<std::int64_t>(paper_rowid));
    bind_value(fts.get(), 2, r.title ? r.title->value : std::string());
    bind_value(fts.get(), 3, r.text);
    if (sqlite3_step(fts.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  }
  // Recommendations and decisions: one row each (seq from 1 in the paper's order) and one row in
  // their full-text index (rowid: the row just inserted).
  const auto put_items = [&](const char* table, const auto& items) {
    const std::string t(table);
    Borrowed row(cached(("INSERT INTO " + t + "(paper_id, seq, number, text, page, span_begin, span_end) VALUES (?,?,?,?,?,?,?)").c_str()));
    Borrowed fts(cached(("INSERT INTO " + t + "_fts(rowid, text) VALUES (last_insert_rowid(), ?)").c_str()));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& x = items[i];
      sqlite3_reset(row.get());
      bind_value(row.get(), 1, id);
      bind_value(row.get(), 2, static_cast<std::int64_t>(i + 1));
      bind_value(row.get(), 3, x.number);
      bind_value(row.get(), 4, x.text);
      bind_value(row.get(), 5, static_cast<std::int64_t>(x.at.page));
      bind_value(row.get(), 6, static_cast<std::int64_t>(x.at.span.begin));
      bind_value(row.get(), 7, static_cast<std::int64_t>(x.at.span.end));
      sqlite3_step(row.get());
      sqlite3_reset(fts.get());
      bind_value(fts.get(), 1, x.text);
      sqlite3_step(fts.get());
    }
  };
  put_items("recommendations", r.recommendations);
  put_items("decisions", r.decisions);
  Borrowed contact(cached("INSERT INTO contacts(paper_id, seq, name, role, email, phone, page) VALUES (?,?,?,?,?,?,?)"));
  for (std::size_t i = 0; i < r.contacts.size(); ++i) {
    const Contact& x = r.contacts[i];
    sqlite3_reset(contact.get());
    bind_value(contact.get(), 1, id);
    bind_value(contact.get(), 2, static_cast<std::int64_t>(i + 1));
    bind_value(contact.get(), 3, x.name);
    bind_value(contact.get(), 4, x.role);
    bind_value(contact.get(), 5, x.email);
    bind_value(contact.get(), 6, x.phone);
    bind_value(contact.get(), 7, static_cast<std::int64_t>(x.at.page));
    sqlite3_step(contact.get());
  }
  Borrowed legal(cached("INSERT INTO legal_references(paper_id, seq, text, act, act_key, section, page) VALUES (?,?,?,?,?,?,?)"));
  for (std::size_t i = 0; i < r.legal_references.size(); ++i) {
    const LegalReference& x = r.legal_references[i];
    sqlite3_reset(legal.get());
    bind_value(legal.get(), 1, id);
    bind_value(legal.get(), 2, static_cast<std::int64_t>(i + 1));
    bind_value(legal.get(), 3, x.text);
    bind_value(legal.get(), 4, x.act);
    bind_value(legal.get(), 5, act_key(x.act));
    bind_value(legal.get(), 6, x.section);
    bind_value(legal.get(), 7, static_cast<std::int64_t>(x.at.page));
    sqlite3_step(legal.get());
  }
  Borrowed date(cached("INSERT INTO dates(paper_id, seq, text, kind, start, \"end\", page) VALUES (?,?,?,?,?,?,?)"));
  for (std::size_t i = 0; i < r.dates.size(); ++i) {
    const DateValue& x = r.dates[i];
    sqlite3_reset(date.get());
    bind_value(date.get(), 1, id);
    bind_value(date.get(), 2, static_cast<std::int64_t>(i + 1));
    bind_value(date.get(), 3, x.text);
    bind_value(date.get(), 4, x.kind);
    bind_value(date.get(), 5, x.start);
    bind_value(date.get(), 6, x.end);
    bind_value(date.get(), 7, static_cast<std::int64_t>(x.at.page));
    sqlite3_step(date.get());
  }
  Borrowed link(cached("INSERT INTO links(paper_id, seq, url, page) VALUES (?,?,?,?)"));
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    sqlite3_reset(link.get());
    bind_value(link.get(), 1, id);
    bind_value(link.get(), 2, static_cast<std::int64_t>(i + 1));
    bind_value(link.get(), 3, r.links[i].url);
    bind_value(link.get(), 4, static_cast<std::int64_t>(r.links[i].at.page));
    sqlite3_step(link.get());
  }
  return true;
}

void Archive::put_failure(const Failure& f) {
  Statement s(prepare(
      "INSERT INTO failures(path, sha256, stage, reason, at) VALUES (?,?,?,?,?)"
      " ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, stage=excluded.stage, reason=excluded.reason, at=excluded.at"));
  bind_value(s.get(), 1, f.path);
  bind_value(s.get(), 2, f.sha256.empty() ? std::optional<std::string>() : f.sha256);
  bind_value(s.get(), 3, f.stage);
  bind_value(s.get(), 4, f.reason);
  bind_value(s.get(), 5, now_iso());
  if (sqlite3_step(s.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
}

bool Archive::remove(const std::string& id) {
  std::int64_t seq = -1;
  {
    Statement s(prepare("SELECT seq FROM papers WHERE id = ?"));
    bind_value(s.get(), 1, id);
    if (sqlite3_step(s.get()) == SQLITE_ROW) seq = sqlite3_column_int64(s.get(), 0);
  }
  if (seq < 0) return false;
  touch_body_of(id);
  // An original that is also a pack's part ("PACK.pdf#pages=3-11" among its paths): the pack's
  // record no longer names it (`papers reextract PACK` makes the part a paper of its own again).
  point_packs_at(id, "");
  // A pack goes with its parts, and its places among its originals' paths.
  {
    std::vector<std::string> parts;
    Statement p(prepare("SELECT id FROM papers WHERE pack_of = ?"));
    bind_value(p.get(), 1, id);
    while (sqlite3_step(p.get()) == SQLITE_ROW) parts.push_back(column_text(p.get(), 0));
    for (const std::string& part : parts) remove(part);
    // "PACK.pdf#pages=3-11" among its originals' paths: every such place of each of its paths (a
    // pack's only: other papers have none).
    bool pack = false;
    {
      Statement is_pack(prepare("SELECT parts IS NOT NULL FROM papers WHERE id = ?"));
      bind_value(is_pack.get(), 1, id);
      pack = sqlite3_step(is_pack.get()) == SQLITE_ROW && sqlite3_column_int(is_pack.get(), 0);
    }
    Statement places(prepare("DELETE FROM paper_paths WHERE paper_id != ?3 AND path >= ?1 AND path < ?2"));
    for (const std::string& path : pack ? original_paths(id) : std::vector<std::string>{}) {
      sqlite3_reset(places.get());
      bind_value(places.get(), 1, path + "#pages=");
      bind_value(places.get(), 2, path + "#pages>");
      bind_value(places.get(), 3, id);
      sqlite3_step(places.get());
    }
  }
  const auto run = [&](const std::string& sql, bool by_seq) {
    Statement s(prepare(sql.c_str()));
    if (by_seq) bind_value(s.get(), 1, seq);
    else bind_value(s.get(), 1, id);
    if (sqlite3_step(s.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  };
  // Index entries first, while their rows still say which they are.
  run("DELETE FROM papers_fts WHERE rowid = ?", true);
  for (const char* items : {"recommendations", "decisions"})
    run(std::string("DELETE FROM ") + items + "_fts WHERE rowid IN (SELECT rowid FROM " + items + " WHERE paper_id = ?)", false);
  for (const char* table : {"recommendations", "decisions", "contacts", "legal_references", "dates", "links", "pages", "paper_paths"})
    run(std::string("DELETE FROM ") + table + " WHERE paper_id = ?", false);
  run("DELETE FROM outcomes WHERE report_id = ?1 OR minutes_id = ?1", false);
  run("DELETE FROM sketches WHERE paper_id = ?", false);
  run("DELETE FROM papers WHERE id = ?", false);
  return true;
}

bool Archive::replace(const Record& record, const nlohmann::json& record_json) {
  const std::string& id = record.source.sha256;
  std::string ingested_at;
  std::int64_t seq = 0;
  {
    Statement s(prepare("SELECT ingested_at, seq FROM papers WHERE id = ?"));
    bind_value(s.get(), 1, id);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return false;
    ingested_at = column_text(s.get(), 0);
    seq = sqlite3_column_int64(s.get(), 1);
  }
  std::vector<std::string> paths = original_paths(id);
  remove(id);
  insert(record, record.parts.empty() ? record_json : pack_json(record_json), seq);
  for (const std::string& path : paths) add_path(id, path);
  point_packs_at(id, id);  // the packs it was found in name it again
  if (record.parts.empty()) put_sketch(id, sketch_of(word_runs(record.text)));
  for (const Record& part : record.part_records) put_paper(part, record_to_json(part), std::nullopt);
  Statement keep(prepare("UPDATE papers SET ingested_at = ? WHERE id = ?"));
  bind_value(keep.get(), 1, ingested_at);
  bind_value(keep.get(), 2, id);
  sqlite3_step(keep.get());
  return true;
}

std::vector<std::string> Archive::ids_older_than(int version) {
  // (A pack's parts are made again with their pack, never alone: their path is no file.)
  Statement s(prepare("SELECT id FROM papers WHERE pack_of IS NULL AND coalesce(json_extract(record, '$.extraction.extractor_version'), 0) < ? ORDER BY seq"));
  bind_value(s.get(), 1, static_cast<std::int64_t>(version));
  std::vector<std::string> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(column_text(s.get(), 0));
  return out;
}

void Archive::resolve_failure(const std::string& path) {
  Statement s(prepare("DELETE FROM failures WHERE path = ?"));
  bind_value(s.get(), 1, path);
  sqlite3_step(s.get());
}

std::optional<nlohmann::json> Archive::record(const std::string& id_or_prefix) {
  if (id_or_prefix.size() < 6) return std::nullopt;  // too short a prefix to be one paper
  Statement s(prepare("SELECT record FROM papers WHERE id >= ? AND id < ? ORDER BY id LIMIT 2"));
  bind_value(s.get(), 1, id_or_prefix);
  bind_value(s.get(), 2, id_or_prefix + "\xff");
  std::optional<nlohmann::json> found;
  int rows = 0;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    ++rows;
    found = nlohmann::json::parse(column_text(s.get(), 0));
  }
  if (rows != 1) return std::nullopt;
  annotate_record(*found);
  return found;
}

std::vector<std::string> Archive::ids_starting(const std::string& prefix, std::size_t limit) {
  Statement s(prepare("SELECT id FROM papers WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3"));
  bind_value(s.get(), 1, prefix);
  bind_value(s.get(), 2, prefix + "\xff");
  bind_value(s.get(), 3, static_cast<std::int64_t>(limit));
  std::vector<std::string> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(column_text(s.get(), 0));
  return out;
}

std::vector<std::string> Archive::ids_of_path(const std::string& path) {
  Statement s(prepare("SELECT id FROM papers WHERE path = ?1 UNION SELECT paper_id FROM paper_paths WHERE path = ?1 ORDER BY 1"));
  bind_value(s.get(), 1, path);
  std::vector<std::string> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(column_text(s.get(), 0));
  return out;
}

void Archive::each_record(const std::function<void(const nlohmann::json&)>& visit) {
  Statement s(prepare("SELECT record FROM papers ORDER BY seq"));
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    nlohmann::json record = nlohmann::json::parse(column_text(s.get(), 0));
    annotate_record(record);
    visit(record);
  }
}

void Archive::each_record(const RecordFilter& f,
                          const std::function<void(const nlohmann::json& record, const std::string& ingested_at)>& visit) {
  Statement s(prepare(
      "SELECT record, ingested_at FROM papers p WHERE (?1 = '' OR p.body = ?1 COLLATE NOCASE)"
      " AND (?2 = '' OR coalesce(p.meeting_date, p.report_date) >= ?2)"
      " AND (?3 = '' OR coalesce(p.meeting_date, p.report_date) <= ?3)"
      " AND (?4 = '' OR p.organisation = ?4 COLLATE NOCASE) ORDER BY seq"));
  bind_value(s.get(), 1, f.body);
  bind_value(s.get(), 2, f.since);
  bind_value(s.get(), 3, f.until);
  bind_value(s.get(), 4, f.organisation);
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    nlohmann::json record = nlohmann::json::parse(column_text(s.get(), 0));
    annotate_record(record);
    visit(record, column_text(s.get(), 1));
  }
}

std::vector<Failure> Archive::failures() {
  Statement s(prepare("SELECT path, stage, reason, coalesce(sha256, '') FROM failures ORDER BY path"));
  std::vector<Failure> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW)
    out.push_back(Failure{column_text(s.get(), 0), column_text(s.get(), 1), column_text(s.get(), 2), column_text(s.get(), 3)});
  return out;
}

ArchiveStats Archive::stats() {
  ArchiveStats st;
  auto scalar = [&](const char* sql) {
    Statement s(prepare(sql));
    return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
  };
  auto grouped = [&](const char* sql) {
    Statement s(prepare(sql));
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) out.emplace_back(column_text(s.get(), 0), sqlite3_column_int64(s.get(), 1));
    return out;
  };
  st.papers = scalar("SELECT count(*) FROM papers WHERE parts IS NULL");
  st.packs = scalar("SELECT count(*) FROM papers WHERE parts IS NOT NULL");
  st.pages = scalar("SELECT coalesce(sum(pages), 0) FROM papers WHERE parts IS NULL");  // a pack's pages are its parts'
  st.failures = scalar("SELECT count(*) FROM failures");
  st.recommendations = scalar("SELECT count(*) FROM recommendations");
  st.decisions = scalar("SELECT count(*) FROM decisions");
  st.contacts = scalar("SELECT count(*) FROM contacts");
  st.legal_references = scalar("SELECT count(*) FROM legal_references");
  st.dates = scalar("SELECT count(*) FROM dates");
  st.by_page_method = grouped("SELECT method, count(*) FROM pages GROUP BY 1 ORDER BY 1");
  st.page_errors = scalar("SELECT count(*) FROM pages WHERE error IS NOT NULL");
  {
    Statement s(prepare(
        "SELECT p.id, p.path, group_concat(g.number || ' (' || cast(round(g.confidence) AS INTEGER) || ')', ', '),"
        " min(g.confidence) FROM pages g JOIN papers p ON p.id = g.paper_id"
        " WHERE g.method = 'ocr' AND g.confidence < ? GROUP BY p.id ORDER BY min(g.confidence), p.path"));
    sqlite3_bind_double(s.get(), 1, kLowConfidence);
    while (sqlite3_step(s.get()) == SQLITE_ROW)
      st.low_confidence.push_back({column_text(s.get(), 0), column_text(s.get(), 1), column_text(s.get(), 2)});
  }
  st.by_media_type = grouped("SELECT media_type, count(*) FROM papers WHERE parts IS NULL GROUP BY 1 ORDER BY 2 DESC, 1");
  st.by_body = grouped("SELECT coalesce(body, '(unknown)'), count(*) FROM papers WHERE parts IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20");
  st.by_classification = grouped("SELECT coalesce(classification, '(unknown)'), count(*) FROM papers WHERE parts IS NULL GROUP BY 1 ORDER BY 2 DESC, 1");
  st.failure_reasons = grouped(
      "SELECT CASE WHEN instr(reason, ':') > 0 THEN substr(reason, 1, instr(reason, ':') - 1) ELSE reason END, count(*)"
      " FROM failures GROUP BY 1 ORDER BY 2 DESC, 1");
  for (const char* f : {"title", "body", "organisation", "meeting_date", "report_date", "agenda_item", "author", "classification"}) {
    const std::string sql = std::string("SELECT count(*) FROM papers WHERE parts IS NULL AND ") + f + " IS NOT NULL";
    st.field_coverage.emplace_back(f, scalar(sql.c_str()));
  }
  return st;
}

sqlite3* Archive::part_connection(std::size_t i) {
  while (part_connections_.size() <= i) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(sqlite3_db_filename(db_, "main"), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw std::runtime_error("archive: cannot open a second connection for search: " + why);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "PRAGMA mmap_size=2147418112", nullptr, nullptr, nullptr);
    register_admitted(db);
    part_connections_.push_back(db);
  }
  return part_connections_[i];
}

bool Archive::searchable() {
  Statement indexed(prepare("SELECT 1 FROM sqlite_master WHERE name = 'decisions_fts'"));
  return sqlite3_step(indexed.get()) == SQLITE_ROW;
}

std::string query_cost_error(const std::string& query, const QueryLimits& limits) {
  if (query.size() > limits.max_bytes)
    return "the query is " + std::to_string(query.size()) + " bytes long; at most " + std::to_string(limits.max_bytes);
  int terms = 0, prefixes = 0;
  bool quoted = false;
  std::string word;
  const auto end_word = [&]() -> std::string {
    std::string w = std::move(word);
    word.clear();
    if (w.empty() || (!quoted && (w == "AND" || w == "OR" || w == "NOT" || w == "NEAR"))) return "";
    ++terms;
    if (w.back() != '*') return "";
    ++prefixes;
    std::size_t letters = 0;  // code points before the '*'
    for (std::size_t i = 0; i + 1 < w.size(); ++i) letters += (static_cast<unsigned char>(w[i]) & 0xC0) != 0x80;
    if (static_cast<int>(letters) < limits.min_prefix)
      return "the prefix '" + w + "' is too short: give at least " + std::to_string(limits.min_prefix) + " letters before *";
    return "";
  };
  for (std::size_t i = 0; i <= query.size(); ++i) {
    const char c = i < query.size() ? query[i] : ' ';
    const bool separator = c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')' || c == '"' || c == '^' || c == ':' ||
                           c == '+' || c == ',' || (c == '-' && word.empty());
    if (!separator) {
      word += c;
      continue;
    }
    if (std::string why = end_word(); !why.empty()) return why;
    if (c == '"') quoted = !quoted;
  }
  if (terms > limits.max_terms)
    return "the query has " + std::to_string(terms) + " terms; at most " + std::to_string(limits.max_terms);
  if (prefixes > limits.max_prefixes)
    return "the query has " + std::to_string(prefixes) + " prefix terms (word*); at most " + std::to_string(limits.max_prefixes);
  return "";
}

std::string fts_query(const std::string& words) {
  // FTS5's barewords: letters, digits, '_' and any non-ASCII character.
  const auto bare = [](unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_'; };
  std::string out;
  for (std::size_t i = 0; i < words.size();) {
    const char c = words[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')') {
      out += c;
      ++i;
      continue;
    }
    if (c == '"') {  // a phrase, as written (closed if the user did not)
      const std::size_t close = words.find('"', i + 1);
      out += words.substr(i, close == std::string::npos ? std::string::npos : close + 1 - i);
      if (close == std::string::npos) out += '"';
      i = close == std::string::npos ? words.size() : close + 1;
      continue;
    }
    std::size_t end = i;
    while (end < words.size() && words[end] != ' ' && words[end] != '\t' && words[end] != '\n' && words[end] != '(' &&
           words[end] != ')' && words[end] != '"')
      ++end;
    std::string word = words.substr(i, end - i);
    i = end;
    if (word == "AND" || word == "OR" || word == "NOT" || word == "NEAR") {
      out += word;
      continue;
    }
    const bool prefix = word.size() > 1 && word.back() == '*';
    if (prefix) word.pop_back();
    if (word.empty() || word == "*") continue;
    if (std::all_of(word.begin(), word.end(), [&](char ch) { return bare(static_cast<unsigned char>(ch)); })) {
      out += word;
    } else {
      out += '"' + word + '"';
    }
    if (prefix) out += '*';
  }
  return out;
}

namespace {

// The filter of a papers listing as SQL over papers p: ?1 body, ?2 since, ?3 until. A pack is no
// paper of the listing: its parts are.
constexpr const char* kListWhere =
    " WHERE p.parts IS NULL AND (?1 = '' OR p.body = ?1 COLLATE NOCASE) AND (?2 = '' OR coalesce(p.meeting_date, p.report_date) >= ?2)"
    " AND (?3 = '' OR coalesce(p.meeting_date, p.report_date) <= ?3)";

}  // namespace

std::vector<PaperListItem> Archive::list_papers(const PaperListQuery& q) {
  // (The order by name: known values first, then by date, newest first.)
  const std::string day = "coalesce(p.meeting_date, p.report_date)";
  const std::string order = q.sort == "body"           ? "p.body IS NULL, p.body COLLATE NOCASE, " + day + " DESC, p.seq"
                            : q.sort == "organisation" ? "p.organisation IS NULL, p.organisation COLLATE NOCASE, " + day + " DESC, p.seq"
                            : q.sort == "archived"     ? "p.seq DESC"
                                                       : day + " IS NULL, " + day + " DESC, p.seq";
  const std::string sql =
      "SELECT p.id, coalesce(p.title, ''), coalesce(p.body, ''), coalesce(p.organisation, ''),"
      " coalesce(p.meeting_date, p.report_date, ''), p.path, p.pages, (SELECT min(g.confidence) FROM pages g WHERE g.paper_id = p.id AND g.method = 'ocr')"
      " FROM papers p" + std::string(kListWhere) + " ORDER BY " + order + " LIMIT ?4 OFFSET ?5";
  Statement s(prepare(sql.c_str()));
  bind_value(s.get(), 1, q.filter.body);
  bind_value(s.get(), 2, q.filter.since);
  bind_value(s.get(), 3, q.filter.until);
  bind_value(s.get(), 4, static_cast<std::int64_t>(q.limit));
  bind_value(s.get(), 5, static_cast<std::int64_t>(q.offset));
  std::vector<PaperListItem> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    PaperListItem item{column_text(s.get(), 0), column_text(s.get(), 1), column_text(s.get(), 2), column_text(s.get(), 3),
                       column_text(s.get(), 4), column_text(s.get(), 5), sqlite3_column_int64(s.get(), 6), std::nullopt};
    if (sqlite3_column_type(s.get(), 7) != SQLITE_NULL) item.lowest_ocr_confidence = sqlite3_column_double(s.get(), 7);
    out.push_back(std::move(item));
  }
  return out;
}

std::int64_t Archive::count_papers(const RecordFilter& filter) {
  Statement s(prepare((std::string("SELECT count(*) FROM papers p") + kListWhere).c_str()));
  bind_value(s.get(), 1, filter.body);
  bind_value(s.get(), 2, filter.since);
  bind_value(s.get(), 3, filter.until);
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
}

std::optional<double> Archive::lowest_ocr_confidence(const std::string& id) {
  Statement s(prepare("SELECT min(confidence) FROM pages WHERE paper_id = ? AND method = 'ocr'"));
  bind_value(s.get(), 1, id);
  if (sqlite3_step(s.get()) != SQLITE_ROW || sqlite3_column_type(s.get(), 0) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s.get(), 0);
}

std::int64_t Archive::undated_left_out(const SearchQuery& q) {
  if ((q.since.empty() && q.until.empty()) || q.include_undated) return 0;
  if (q.text.find_first_not_of(" \t\n") == std::string::npos || !query_cost_error(q.text).empty() || !searchable()) return 0;
  const std::string items = q.in == SearchIn::decisions ? "decisions" : "recommendations";
  std::string sql = q.in == SearchIn::papers
                        ? "SELECT count(*) FROM papers_fts f JOIN papers p ON p.seq = f.rowid WHERE papers_fts MATCH ?1"
                        : "SELECT count(*) FROM " + items + "_fts f JOIN " + items + " r ON r.rowid = f.rowid JOIN papers p ON p.id = r.paper_id"
                          " WHERE " + items + "_fts MATCH ?1";
  sql += " AND coalesce(p.meeting_date, p.report_date) IS NULL";
  if (!q.body.empty()) sql += " AND p.body = ?2 COLLATE NOCASE";
  if (!q.organisation.empty()) sql += " AND p.organisation = ?3 COLLATE NOCASE";
  if (!q.act.empty()) sql += " AND p.id IN (SELECT paper_id FROM legal_references WHERE act_key = ?4)";
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) return 0;
  Statement s(raw);
  bind_value(s.get(), 1, fts_query(q.text));
  bind_value(s.get(), 2, q.body);
  bind_value(s.get(), 3, q.organisation);
  bind_value(s.get(), 4, act_key(q.act));
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
}

std::vector<SearchHit> Archive::search(const SearchQuery& q) {
  if (q.text.find_first_not_of(" \t\n") == std::string::npos) throw SearchError("the query is empty");
  // A query that would cost more than any one search may (a 96 KB query, sixteen "t*"s) is
  // refused before FTS5 sees it, for the command line as for the web page.
  if (std::string why = query_cost_error(q.text); !why.empty()) throw SearchError(why);
  // An archive made before search is indexed when opened for writing; read-only, it cannot be.
  if (!searchable())
    throw SearchError("this archive was made by an older papers and has no index of this kind yet: run `papers ingest` "
                      "on it once (any folder, even one already archived) to bring it up to date");
  // Filters first, as the set of rows they admit (papers.seq, or recommendations' rowids), read
  // through the papers indexes; the ranking query then asks papers_admitted(rowid) of each match,
  // so BM25 is computed for admitted matches only and no match is joined to its papers row.
  // Before (a join to papers for every match, the filters on the joined row), a word in nearly
  // every paper cost ~115 ms over 100,000 papers with or without a filter (bench/search_bench.sh).
  // The table of the items searched (one hit each), when not whole papers.
  const std::string items = q.in == SearchIn::decisions ? "decisions" : "recommendations";
  const bool by_outcome = q.in == SearchIn::recommendations && !q.outcome.empty();
  const bool filtered = !q.body.empty() || !q.organisation.empty() || !q.since.empty() || !q.until.empty() || !q.act.empty() || by_outcome;
  admitted_.clear();
  if (filtered) {
    std::string where = " WHERE 1";
    if (!q.body.empty()) where += " AND p.body = ?1 COLLATE NOCASE";
    if (!q.organisation.empty()) where += " AND p.organisation = ?2 COLLATE NOCASE";
    const std::string undated = q.include_undated ? " OR coalesce(p.meeting_date, p.report_date) IS NULL" : "";
    if (!q.since.empty()) where += " AND (coalesce(p.meeting_date, p.report_date) >= ?3" + undated + ")";
    if (!q.until.empty()) where += " AND (coalesce(p.meeting_date, p.report_date) <= ?4" + undated + ")";
    if (!q.act.empty()) where += " AND p.id IN (SELECT paper_id FROM legal_references WHERE act_key = ?5)";
    if (by_outcome)
      where += q.outcome == "none" ? " AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.report_id = r.paper_id AND o.recommendation = r.seq)"
                                   : " AND EXISTS (SELECT 1 FROM outcomes o WHERE o.report_id = r.paper_id AND o.recommendation = r.seq AND o.outcome = ?6)";
    const std::string sql = q.in == SearchIn::papers ? "SELECT p.seq FROM papers p" + where
                                                     : "SELECT r.rowid FROM papers p JOIN " + items + " r ON r.paper_id = p.id" + where;
    Statement f(prepare(sql.c_str()));
    bind_value(f.get(), 1, q.body);
    bind_value(f.get(), 2, q.organisation);
    bind_value(f.get(), 3, q.since);
    bind_value(f.get(), 4, q.until);
    bind_value(f.get(), 5, act_key(q.act));  // the title and the key of an Act give the same key
    if (by_outcome && q.outcome != "none") bind_value(f.get(), 6, q.outcome);
    while (sqlite3_step(f.get()) == SQLITE_ROW) {
      const auto row = static_cast<std::size_t>(sqlite3_column_int64(f.get(), 0));
      if (row >= admitted_.size()) admitted_.resize(std::max(row + 1, admitted_.size() * 2));
      admitted_[row] = true;
    }
    if (admitted_.empty()) return {};
  }
  // Two steps, so that the costly snippet is made for the hits shown only (one step made a snippet
  // for every match: search_bench.sh, papers median 28 -> 13 ms). First the ranking: BM25 through
  // FTS5's rank column, "+rank" so that SQLite's sorter keeps the best offset + limit instead of
  // FTS5 sorting every match. A big index is ranked in parts, rowid ranges side by side on
  // connections of their own: BM25's statistics (document count, lengths, term frequencies) are
  // the whole index's in every part, so the parts' best, merged, are exactly the whole's best.
  const std::string table = q.in == SearchIn::papers ? "papers_fts" : items + "_fts";
  const std::string match = fts_query(q.text);
  const std::string rank_sql = "SELECT rowid, rank FROM " + table + " WHERE " + table + " MATCH ?1" +
                               (filtered ? " AND papers_admitted(rowid)" : "") +
                               " AND rowid BETWEEN ?2 AND ?3 ORDER BY +rank LIMIT ?4";
  const std::int64_t limit = q.limit > 0 ? q.limit : 20, offset = q.offset > 0 ? q.offset : 0;
  std::int64_t last_row = 0;
  {
    const std::string last = q.in == SearchIn::papers ? "SELECT coalesce(max(seq), 0) FROM papers"
                                                      : "SELECT coalesce(max(rowid), 0) FROM " + items;
    Statement m(prepare(last.c_str()));
    if (sqlite3_step(m.get()) == SQLITE_ROW) last_row = sqlite3_column_int64(m.get(), 0);
  }
  // In a write transaction of this connection, one part: other connections would not see its rows.
  const std::size_t parts = in_transaction_                     ? 1
                            : q.parts > 0                       ? static_cast<std::size_t>(std::min(q.parts, 16))
                            : last_row >= kParallelSearchRows ? std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4)
                                                              : 1;
  struct Ranked {
    double score;
    std::int64_t row;
  };
  std::vector<std::vector<Ranked>> ranked(parts);
  std::vector<std::string> errors(parts);
  auto rank_part = [&](sqlite3* db, std::size_t part) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, rank_sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      errors[part] = sqlite3_errmsg(db);
      return;
    }
    Statement r(raw);
    const std::int64_t span = last_row / static_cast<std::int64_t>(parts) + 1;
    bind_value(r.get(), 1, match);
    bind_value(r.get(), 2, static_cast<std::int64_t>(part) * span);
    bind_value(r.get(), 3, part + 1 == parts ? std::numeric_limits<std::int64_t>::max() : (static_cast<std::int64_t>(part) + 1) * span - 1);
    bind_value(r.get(), 4, offset + limit);
    int rc = 0;
    try {  // nothing may escape a thread
      while ((rc = sqlite3_step(r.get())) == SQLITE_ROW)
        ranked[part].push_back({sqlite3_column_double(r.get(), 1), sqlite3_column_int64(r.get(), 0)});
    } catch (const std::exception& e) {
      errors[part] = e.what();
      return;
    }
    if (rc != SQLITE_DONE) errors[part] = sqlite3_errmsg(db);
  };
  {
    std::vector<sqlite3*> connections;  // all opened (which may throw) before any thread starts
    for (std::size_t part = 1; part < parts; ++part) connections.push_back(part_connection(part - 1));
    std::vector<std::thread> others;
    for (std::size_t part = 1; part < parts; ++part) others.emplace_back(rank_part, connections[part - 1], part);
    rank_part(db_, 0);
    for (std::thread& t : others) t.join();
  }
  for (const std::string& why : errors) {
    // FTS5 says "fts5: syntax error near \"AND\"", "no such column: x" (a word before ':'), ...
    if (!why.empty())
      throw SearchError("cannot read the query '" + q.text + "' (" + why +
                        "): use words, \"a phrase\", prefix*, AND, OR, NOT and brackets");
  }
  std::vector<Ranked> best;
  for (const auto& part : ranked) best.insert(best.end(), part.begin(), part.end());
  std::sort(best.begin(), best.end(), [](const Ranked& a, const Ranked& b) { return a.score != b.score ? a.score < b.score : a.row < b.row; });
  if (static_cast<std::int64_t>(best.size()) <= offset) return {};
  best.erase(best.begin(), best.begin() + offset);
  if (static_cast<std::int64_t>(best.size()) > limit) best.resize(static_cast<std::size_t>(limit));

  // Then the hits shown, in that order, with their papers and snippets: matched again, one row
  // each (CROSS JOIN keeps that order: left to the planner, it walked every match again).
  std::string rows = "[";
  for (const Ranked& b : best) rows += (rows.size() > 1 ? "," : "") + std::to_string(b.row);
  rows += "]";
  std::string sql;
  if (q.in != SearchIn::papers) {
    sql = "WITH best AS (SELECT value AS id, key AS ord FROM json_each(?2))"
          " SELECT p.id, coalesce(p.title, ''), coalesce(p.body, ''), coalesce(p.meeting_date, p.report_date, ''), p.path,"
          " snippet(" + table + ", 0, ?7, ?8, '...', 24), best.ord,"
          " coalesce(r.number, ''), coalesce(r.page, 0), r.text, " +
          (q.in == SearchIn::recommendations
               ? std::string("(SELECT o.outcome FROM outcomes o WHERE o.report_id = r.paper_id AND o.recommendation = r.seq)")
               : std::string("NULL")) +
          " FROM best CROSS JOIN " + table + " ON " + table + ".rowid = best.id"
          " CROSS JOIN " + items + " r ON r.rowid = best.id CROSS JOIN papers p ON p.id = r.paper_id"
          " WHERE " + table + " MATCH ?1 ORDER BY best.ord";
  } else {
    sql = "WITH best AS (SELECT value AS id, key AS ord FROM json_each(?2))"
          " SELECT p.id, coalesce(p.title, ''), coalesce(p.body, ''), coalesce(p.meeting_date, p.report_date, ''), p.path,"
          " snippet(papers_fts, 1, ?7, ?8, '...', 16), best.ord, '', 0, '', NULL"
          " FROM best CROSS JOIN papers_fts ON papers_fts.rowid = best.id CROSS JOIN papers p ON p.seq = best.id"
          " WHERE papers_fts MATCH ?1 ORDER BY best.ord";
  }
  Statement s(prepare(sql.c_str()));
  bind_value(s.get(), 1, match);
  bind_value(s.get(), 2, rows);
  bind_value(s.get(), 7, q.mark_begin);
  bind_value(s.get(), 8, q.mark_end);
  std::vector<SearchHit> hits;
  int rc = 0;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    SearchHit h;
    h.paper_id = column_text(s.get(), 0);
    h.title = column_text(s.get(), 1);
    h.body = column_text(s.get(), 2);
    h.date = column_text(s.get(), 3);
    h.path = column_text(s.get(), 4);
    h.snippet = column_text(s.get(), 5);
    // One line: the passage's line breaks and runs of spaces become single spaces.
    std::string flat;
    for (char c : h.snippet) {
      const bool white = c == '\n' || c == '\t' || c == ' ' || c == '\r';
      if (white && (flat.empty() || flat.back() == ' ')) continue;
      flat += white ? ' ' : c;
    }
    h.snippet = flat;
    h.score = best[static_cast<std::size_t>(sqlite3_column_int64(s.get(), 6))].score;
    h.number = column_text(s.get(), 7);
    h.page = sqlite3_column_int(s.get(), 8);
    h.text = column_text(s.get(), 9);
    h.outcome = column_text(s.get(), 10);
    hits.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  return hits;
}

std::vector<std::string> Archive::original_paths(const std::string& id) {
  Statement s(prepare("SELECT path, 0 FROM papers WHERE id = ?1 UNION SELECT path, 1 FROM paper_paths WHERE paper_id = ?1"
                      " AND path NOT IN (SELECT path FROM papers WHERE id = ?1) ORDER BY 2, 1"));
  bind_value(s.get(), 1, id);
  std::vector<std::string> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(column_text(s.get(), 0));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> Archive::bodies() {
  Statement s(prepare("SELECT coalesce(body, ''), count(*) FROM papers GROUP BY 1 ORDER BY 2 DESC, 1"));
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.emplace_back(column_text(s.get(), 0), sqlite3_column_int64(s.get(), 1));
  return out;
}

std::vector<YearBodyCount> Archive::recommendations_by_year() {
  Statement s(prepare(
      "SELECT CAST(substr(coalesce(p.meeting_date, p.report_date), 1, 4) AS INTEGER), coalesce(p.body, ''), count(*)"
      " FROM recommendations r JOIN papers p ON p.id = r.paper_id"
      " WHERE coalesce(p.meeting_date, p.report_date) IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"));
  std::vector<YearBodyCount> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW)
    out.push_back({sqlite3_column_int(s.get(), 0), column_text(s.get(), 1), sqlite3_column_int64(s.get(), 2)});
  return out;
}

std::int64_t Archive::count_papers() {
  Statement s(prepare("SELECT count(*) FROM papers WHERE parts IS NULL"));  // a pack is no paper: its parts are
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
}

std::int64_t Archive::count_decisions() {
  Statement s(prepare("SELECT count(*) FROM decisions"));
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
}

std::int64_t Archive::count_recommendations() {
  Statement s(prepare("SELECT count(*) FROM recommendations"));
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
}

// Outcomes: every report of the bodies linked anew to the minutes of its meeting, one body at a
// time (its reports and minutes in memory, the rest of the archive not), in one transaction.
std::int64_t Archive::link_outcomes(const std::set<std::string>& bodies) {
  std::vector<std::string> wanted;
  if (bodies.empty()) {
    Statement b(prepare("SELECT DISTINCT lower(body) FROM papers WHERE body IS NOT NULL"));
    while (sqlite3_step(b.get()) == SQLITE_ROW) wanted.push_back(column_text(b.get(), 0));
  } else {
    wanted.assign(bodies.begin(), bodies.end());
  }
  const bool own_transaction = !in_transaction_;
  if (own_transaction) begin();
  std::int64_t made = 0;
  Statement papers(prepare(
      "SELECT id, record FROM papers p WHERE p.body = ?1 COLLATE NOCASE AND (EXISTS (SELECT 1 FROM recommendations r WHERE r.paper_id = p.id)"
      " OR EXISTS (SELECT 1 FROM decisions d WHERE d.paper_id = p.id)) ORDER BY seq"));
  Statement drop(prepare("DELETE FROM outcomes WHERE report_id = ?"));
  Statement put(prepare(
      "INSERT OR REPLACE INTO outcomes(report_id, recommendation, outcome, minutes_id, minute, minute_heading, page, cue, match, decisions,"
      " decision_text, vote) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
  for (const std::string& body : wanted) {
    std::vector<LinkPaper> group;
    sqlite3_reset(papers.get());
    bind_value(papers.get(), 1, body);
    while (sqlite3_step(papers.get()) == SQLITE_ROW) {
      const nlohmann::json record = nlohmann::json::parse(column_text(papers.get(), 1), nullptr, /*allow_exceptions=*/false);
      if (record.is_object()) group.push_back(link_paper_from_record(record));
    }
    std::vector<const LinkPaper*> minutes;
    for (const LinkPaper& p : group)
      if (is_minutes(p)) minutes.push_back(&p);
    for (const LinkPaper& report : group) {
      if (!is_report(report)) continue;
      sqlite3_reset(drop.get());
      bind_value(drop.get(), 1, report.id);
      sqlite3_step(drop.get());
      for (const OutcomeLink& l : papers::link_outcomes(report, minutes)) {
        sqlite3_reset(put.get());
        bind_value(put.get(), 1, l.report_id);
        bind_value(put.get(), 2, static_cast<std::int64_t>(l.recommendation));
        bind_value(put.get(), 3, l.outcome);
        bind_value(put.get(), 4, l.minutes_id);
        bind_value(put.get(), 5, l.minute);
        bind_value(put.get(), 6, l.minute_heading);
        bind_value(put.get(), 7, static_cast<std::int64_t>(l.page));
        bind_value(put.get(), 8, l.cue);
        bind_value(put.get(), 9, l.match);
        bind_value(put.get(), 10, nlohmann::json(l.decisions).dump());
        bind_value(put.get(), 11, l.decision_text);
        bind_value(put.get(), 12, l.vote.is_null() ? std::optional<std::string>() : l.vote.dump());
        if (sqlite3_step(put.get()) != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
        ++made;
      }
    }
  }
  if (own_transaction) commit();
  return made;
}

std::int64_t Archive::link_touched_outcomes() {
  if (touched_bodies_.empty()) return 0;
  const std::set<std::string> bodies = std::move(touched_bodies_);
  touched_bodies_.clear();
  return link_outcomes(bodies);
}

std::vector<RecommendationOutcome> Archive::outcomes_of(const std::string& report_id) {
  Statement s(prepare(
      "SELECT o.recommendation, o.outcome, o.minutes_id, coalesce(m.path, ''), coalesce(m.title, ''), coalesce(m.body, ''),"
      " coalesce(m.meeting_date, ''), o.minute, coalesce(o.minute_heading, ''), coalesce(o.page, 0), o.cue, o.match, o.decisions,"
      " coalesce(o.decision_text, ''), o.vote FROM outcomes o LEFT JOIN papers m ON m.id = o.minutes_id"
      " WHERE o.report_id = ? ORDER BY o.recommendation"));
  bind_value(s.get(), 1, report_id);
  std::vector<RecommendationOutcome> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    RecommendationOutcome o;
    o.recommendation = sqlite3_column_int(s.get(), 0);
    o.outcome = column_text(s.get(), 1);
    o.minutes_id = column_text(s.get(), 2);
    o.minutes_path = column_text(s.get(), 3);
    o.minutes_title = column_text(s.get(), 4);
    o.body = column_text(s.get(), 5);
    o.meeting_date = column_text(s.get(), 6);
    o.minute = column_text(s.get(), 7);
    o.minute_heading = column_text(s.get(), 8);
    o.page = sqlite3_column_int(s.get(), 9);
    o.cue = column_text(s.get(), 10);
    o.match = column_text(s.get(), 11);
    o.decisions = nlohmann::json::parse(column_text(s.get(), 12), nullptr, false);
    o.decision_text = column_text(s.get(), 13);
    if (sqlite3_column_type(s.get(), 14) != SQLITE_NULL) o.vote = nlohmann::json::parse(column_text(s.get(), 14), nullptr, false);
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<DecisionAnswer> Archive::answers_of(const std::string& minutes_id) {
  Statement s(prepare(
      "SELECT o.report_id, coalesce(p.title, ''), coalesce(p.path, ''), o.recommendation, o.outcome, o.decisions FROM outcomes o"
      " LEFT JOIN papers p ON p.id = o.report_id WHERE o.minutes_id = ? ORDER BY p.seq, o.recommendation"));
  bind_value(s.get(), 1, minutes_id);
  std::vector<DecisionAnswer> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    DecisionAnswer a{column_text(s.get(), 0), column_text(s.get(), 1), column_text(s.get(), 2), sqlite3_column_int(s.get(), 3),
                     column_text(s.get(), 4), nlohmann::json::parse(column_text(s.get(), 5), nullptr, false)};
    out.push_back(std::move(a));
  }
  return out;
}

nlohmann::json outcome_json(const RecommendationOutcome& o) {
  return {{"outcome", o.outcome}, {"minutes", o.minutes_id}, {"minutes_path", o.minutes_path}, {"body", o.body},
          {"meeting_date", o.meeting_date.empty() ? nlohmann::json() : nlohmann::json(o.meeting_date)}, {"minute", o.minute},
          {"minute_heading", o.minute_heading}, {"page", o.page}, {"decision", o.decision_text}, {"decisions", o.decisions},
          {"vote", o.vote}, {"cue", o.cue}, {"match", o.match}};
}

// An agenda's items, each with the minute that took it and the papers stamped with its number, of
// the same body's meeting of the same day.
void Archive::annotate_agenda(nlohmann::json& record) {
  const auto text = [&](const char* key) { return record.contains(key) && record[key].is_string() ? record[key].get<std::string>() : std::string(); };
  if (!record.contains("items") || !record["items"].is_array() || record["items"].empty()) return;
  if (record.contains("decisions") && record["decisions"].is_array() && !record["decisions"].empty()) return;  // minutes
  const std::string body = text("body"), date = text("meeting_date"), id = text("id");
  if (body.empty() || date.empty()) return;
  std::map<std::string, nlohmann::json> minutes, papers;  // by agenda item
  std::vector<std::pair<std::string, std::string>> titled;  // (id, title) of the meeting's other papers
  Statement s(prepare(
      "SELECT p.id, coalesce(p.title, ''), p.agenda_item, EXISTS (SELECT 1 FROM decisions d WHERE d.paper_id = p.id),"
      " json_extract(p.record, '$.items') FROM papers p WHERE p.body = ?1 COLLATE NOCASE AND p.meeting_date = ?2 AND p.parts IS NULL"
      " AND p.id != ?3 ORDER BY p.seq"));
  bind_value(s.get(), 1, body);
  bind_value(s.get(), 2, date);
  bind_value(s.get(), 3, id);
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    const std::string other = column_text(s.get(), 0);
    if (sqlite3_column_type(s.get(), 2) != SQLITE_NULL)
      papers[column_text(s.get(), 2)].push_back({{"paper", other}, {"title", column_text(s.get(), 1)}});
    else
      titled.emplace_back(other, column_text(s.get(), 1));
    if (!sqlite3_column_int(s.get(), 3)) continue;
    const nlohmann::json items = nlohmann::json::parse(column_text(s.get(), 4), nullptr, false);
    if (!items.is_array()) continue;
    for (const nlohmann::json& m : items)
      if (m.is_object() && m.value("agenda_item", nlohmann::json()).is_string())
        minutes.emplace(m["agenda_item"].get<std::string>(),
                        nlohmann::json{{"minutes", other}, {"minute", m.value("number", "")}, {"heading", m.value("heading", "")},
                                       {"page", m.value("page", 0)}});
  }
  for (nlohmann::json& item : record["items"]) {
    if (!item.is_object()) continue;
    const std::string number = item.value("agenda_item", nlohmann::json()).is_string() ? item["agenda_item"].get<std::string>() : "";
    const auto m = minutes.find(number);
    item["minute"] = m == minutes.end() ? nlohmann::json() : m->second;
    // Its papers: those stamped with its number, and those whose title its heading holds.
    const auto p = papers.find(number);
    nlohmann::json found = p == papers.end() ? nlohmann::json::array() : p->second;
    const std::string heading = item.value("heading", "");
    for (const auto& [other, title] : titled)
      if (title_in_heading(title, heading)) found.push_back({{"paper", other}, {"title", title}});
    item["papers"] = found;
  }
}

void Archive::annotate_record(nlohmann::json& record) {
  if (!record.is_object() || !record.contains("id") || !record["id"].is_string()) return;
  const std::string id = record["id"].get<std::string>();
  // Every place the paper was found: its own file, another copy, a pack's pages ("PACK.pdf#pages=3-11").
  record["places"] = original_paths(id);
  annotate_agenda(record);
  if (record.contains("recommendations") && record["recommendations"].is_array() && !record["recommendations"].empty()) {
    const std::vector<RecommendationOutcome> outcomes = outcomes_of(id);
    auto& recs = record["recommendations"];
    for (std::size_t i = 0; i < recs.size(); ++i) {
      if (!recs[i].is_object()) continue;
      recs[i]["outcome"] = nullptr;
      for (const RecommendationOutcome& o : outcomes)
        if (o.recommendation == static_cast<int>(i) + 1) recs[i]["outcome"] = outcome_json(o);
    }
  }
  if (record.contains("decisions") && record["decisions"].is_array() && !record["decisions"].empty()) {
    const std::vector<DecisionAnswer> answers = answers_of(id);
    auto& decs = record["decisions"];
    for (std::size_t i = 0; i < decs.size(); ++i) {
      if (!decs[i].is_object()) continue;
      nlohmann::json answered = nlohmann::json::array();
      for (const DecisionAnswer& a : answers)
        if (a.decisions.is_array() && std::find(a.decisions.begin(), a.decisions.end(), nlohmann::json(static_cast<int>(i) + 1)) != a.decisions.end())
          answered.push_back({{"report", a.report_id}, {"report_title", a.report_title}, {"report_path", a.report_path},
                              {"recommendation", a.recommendation}, {"outcome", a.outcome}});
      decs[i]["answers"] = answered;
    }
  }
}

}  // namespace papers
