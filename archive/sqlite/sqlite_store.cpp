// The archive's store in one SQLite file. See sqlite_store.h.
#include "archive/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <thread>

#include "archive/archive.h"
#include "archive/same_paper.h"
#include "archive/schema.h"
#include "extractors/decisions.h"
#include "extractors/legal_references.h"

namespace papers {
namespace {

const SchemaDialect kDialect{"INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "INTEGER", "REAL"};

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

struct StatementCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using RawStatement = std::unique_ptr<sqlite3_stmt, StatementCloser>;

void bind_value(sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
void bind_value(sqlite3_stmt* s, int i, const std::optional<std::string>& v) {
  if (v) bind_value(s, i, *v);
  else sqlite3_bind_null(s, i);
}
void bind_value(sqlite3_stmt* s, int i, std::int64_t v) { sqlite3_bind_int64(s, i, v); }

std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

// A prepared SQLite statement behind the store's Statement.
class SqliteStatement : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  void bind_text(int i, std::string_view v) override {
    sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_int(int i, std::int64_t v) override { sqlite3_bind_int64(s_.get(), i, v); }
  void bind_real(int i, double v) override { sqlite3_bind_double(s_.get(), i, v); }
  void bind_null(int i) override { sqlite3_bind_null(s_.get(), i); }
  bool step() override {
    if (done_) return false;
    const int rc = sqlite3_step(s_.get());
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
    return false;
  }
  std::string text(int column) override { return column_text(s_.get(), column); }
  std::int64_t integer(int column) override { return sqlite3_column_int64(s_.get(), column); }
  double real(int column) override { return sqlite3_column_double(s_.get(), column); }
  bool null(int column) override { return sqlite3_column_type(s_.get(), column) == SQLITE_NULL; }
  Kind kind(int column) override {
    switch (sqlite3_column_type(s_.get(), column)) {
      case SQLITE_NULL: return Kind::null;
      case SQLITE_INTEGER: return Kind::integer;
      case SQLITE_FLOAT: return Kind::real;
      default: return Kind::text;
    }
  }
  void reset() override {
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
    done_ = false;
  }

 private:
  sqlite3* db_;
  RawStatement s_;
  bool done_ = false;
};

}  // namespace

SqliteStore::~SqliteStore() {
  clear_cache();
  for (sqlite3* db : part_connections_) sqlite3_close(db);
  // A transaction still open here was left by an error: what it wrote is undone, never kept half.
  if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
}

void SqliteStore::exec(const std::string& sql) {
  write_pending_entries();  // (COMMIT among them)
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("archive: " + message);
  }
}

sqlite3_stmt* SqliteStore::raw(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  return s;
}

std::unique_ptr<Statement> SqliteStore::prepare(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("archive: ") + sqlite3_errmsg(db_));
  return std::make_unique<SqliteStatement>(db_, s);
}

void SqliteStore::begin() {
  if (!in_transaction_) exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
}

void SqliteStore::commit() {
  if (in_transaction_) exec("COMMIT");
  in_transaction_ = false;
}

void SqliteStore::begin_read() {
  if (!in_transaction_) exec("BEGIN");  // deferred: a read transaction, one snapshot of the WAL
  in_transaction_ = true;
}

void SqliteStore::rollback() {
  pending_entries_.clear();
  if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_transaction_ = false;
}

void SqliteStore::write_pending_entries() {
  if (pending_entries_.empty()) return;
  std::vector<PendingEntry> entries;
  entries.swap(pending_entries_);
  for (const PendingEntry& e : entries) {
    if (e.table == "papers") {
      Borrowed fts(cached("INSERT INTO papers_fts(rowid, title, text) VALUES (?, ?, ?)"));
      fts->bind(1, e.rowid);
      fts->bind(2, e.title);
      fts->bind(3, e.text);
      fts->run();
    } else {
      Borrowed fts(cached("INSERT INTO " + e.table + "_fts(rowid, text) VALUES (?, ?)"));
      fts->bind(1, e.rowid);
      fts->bind(2, e.text);
      fts->run();
    }
  }
}

void SqliteStore::index_paper(std::int64_t seq, const std::string& title, const std::string& text) {
  pending_entries_.push_back(PendingEntry{"papers", seq, title, text});
  if (!in_transaction_) write_pending_entries();
}

void SqliteStore::index_item(const std::string& table, const std::string&, std::int64_t, const std::string& text) {
  // rowid: the items row just inserted.
  pending_entries_.push_back(PendingEntry{table, sqlite3_last_insert_rowid(db_), "", text});
  if (!in_transaction_) write_pending_entries();
}

void SqliteStore::unindex_paper(const std::string& id, std::int64_t seq) {
  write_pending_entries();
  // Index entries first, while their rows still say which they are.
  Borrowed paper(cached("DELETE FROM papers_fts WHERE rowid = ?"));
  paper->bind(1, seq);
  paper->run();
  for (const char* items : {"recommendations", "decisions"}) {
    Borrowed s(cached(std::string("DELETE FROM ") + items + "_fts WHERE rowid IN (SELECT rowid FROM " + items + " WHERE paper_id = ?)"));
    s->bind(1, id);
    s->run();
  }
}

SqliteStore::SqliteStore(const std::string& path, bool read_only, const std::function<void(Store&)>& link_outcomes) : path_(path) {
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
        // A writer's page cache of 16 MiB, not SQLite's 2 MiB: a batch's rows, indexes and search
        // entries touch more pages than 2 MiB holds, and each page read again was a pread() (an
        // ingest of 1,000 real copies made 280,000 of them, 40,000 with this; system time
        // 0.88-0.96 -> 0.72-0.75 s, peak memory 64 -> 78 MiB, the same whatever the archive's size).
        exec("PRAGMA cache_size=-16384");
        exec(schema_sql(kDialect));
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
      RawStatement v(raw("SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema_version'"));
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
      link_outcomes(*this);
      exec("UPDATE meta SET value='5' WHERE key='schema_version'");
      version = 5;
    }
    if (version == 5) migrate_to_packs();
    exec(kLateIndexes);
  } else {
    // A read-only open of a file that is not an archive fails here, not later.
    RawStatement s(raw("SELECT value FROM meta WHERE key='schema_version'"));
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
void SqliteStore::register_admitted(sqlite3* db) {
  sqlite3_create_function_v2(
      db, "papers_admitted", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, &admitted_,
      [](sqlite3_context* c, int, sqlite3_value** v) {
        const auto& admitted = *static_cast<const std::vector<bool>*>(sqlite3_user_data(c));
        const sqlite3_int64 row = sqlite3_value_int64(v[0]);
        sqlite3_result_int(c, row >= 0 && static_cast<std::size_t>(row) < admitted.size() && admitted[static_cast<std::size_t>(row)]);
      },
      nullptr, nullptr, nullptr);
}

// Version 3 archives (before decisions) hold what minutes RESOLVED among their recommendations,
// as the extractors of then found them ("RESOLVED that the minutes be approved."). Each such item
// moves to the paper's decisions, in the words after its marker (decision_from_resolution), in the
// tables, the indexes and the stored record; every record gains "decisions". Other
// recommendations keep their rows. One transaction: an archive is migrated whole or not at all.
void SqliteStore::migrate_to_decisions() {
  exec("BEGIN IMMEDIATE");
  try {
    RawStatement papers(raw("SELECT id, record FROM papers ORDER BY seq"));
    RawStatement update(raw("UPDATE papers SET record = ? WHERE id = ?"));
    RawStatement drop_recs_fts(raw("DELETE FROM recommendations_fts WHERE rowid IN (SELECT rowid FROM recommendations WHERE paper_id = ?)"));
    RawStatement drop_recs(raw("DELETE FROM recommendations WHERE paper_id = ?"));
    RawStatement rec(raw("INSERT INTO recommendations(paper_id, seq, number, text, page, span_begin, span_end) VALUES (?,?,?,?,?,?,?)"));
    RawStatement rec_fts(raw("INSERT INTO recommendations_fts(rowid, text) VALUES (last_insert_rowid(), ?)"));
    RawStatement dec(raw("INSERT INTO decisions(paper_id, seq, number, text, page, span_begin, span_end) VALUES (?,?,?,?,?,?,?)"));
    RawStatement dec_fts(raw("INSERT INTO decisions_fts(rowid, text) VALUES (last_insert_rowid(), ?)"));
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
        for (RawStatement* s : {&drop_recs_fts, &drop_recs}) {
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
void SqliteStore::migrate_to_packs() {
  exec("BEGIN IMMEDIATE");
  try {
    // (A column already there, in an archive whose version was set back by hand, is kept.)
    for (const char* column : {"pack_of TEXT", "parts INTEGER"}) {
      const std::string name = std::string(column).substr(0, std::string(column).find(' '));
      RawStatement has(raw("SELECT 1 FROM pragma_table_info('papers') WHERE name = ?"));
      bind_value(has.get(), 1, name);
      if (sqlite3_step(has.get()) != SQLITE_ROW) exec(("ALTER TABLE papers ADD COLUMN " + std::string(column)).c_str());
    }
    RawStatement papers(raw("SELECT id, json_extract(record, '$.text') FROM papers ORDER BY seq"));
    while (sqlite3_step(papers.get()) == SQLITE_ROW) put_sketch(*this, column_text(papers.get(), 0), sketch_of(word_runs(column_text(papers.get(), 1))));
    exec("UPDATE meta SET value='6' WHERE key='schema_version'");
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

sqlite3* SqliteStore::part_connection(std::size_t i) {
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

bool SqliteStore::has_table(const std::string& name) {
  Borrowed s(cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  s->bind(1, name);
  return s->step();
}

bool SqliteStore::searchable() {
  RawStatement indexed(raw("SELECT 1 FROM sqlite_master WHERE name = 'decisions_fts'"));
  return sqlite3_step(indexed.get()) == SQLITE_ROW;
}
std::int64_t SqliteStore::undated_left_out(const SearchQuery& q) {
  write_pending_entries();
  if ((q.since.empty() && q.until.empty()) || q.include_undated) return 0;
  if (!searchable()) return 0;
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
  RawStatement s(raw);
  bind_value(s.get(), 1, fts_query(q.text));
  bind_value(s.get(), 2, q.body);
  bind_value(s.get(), 3, q.organisation);
  bind_value(s.get(), 4, act_key(q.act));
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : 0;
}

std::vector<SearchHit> SqliteStore::search(const SearchQuery& q) {
  write_pending_entries();
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
    RawStatement f(raw(sql.c_str()));
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
    RawStatement m(raw(last.c_str()));
    if (sqlite3_step(m.get()) == SQLITE_ROW) last_row = sqlite3_column_int64(m.get(), 0);
  }
  // In a write transaction of this connection, one part: other connections would not see its rows.
  const std::size_t parts = in_transaction_                   ? 1
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
    RawStatement r(raw);
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
  RawStatement s(raw(sql.c_str()));
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

}  // namespace papers
