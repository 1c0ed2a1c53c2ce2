// What the archive (archive.h) needs of the database under it, and nothing more: statements with
// numbered parameters ("?", "?3") run one row at a time, transactions, the schema's text for its
// dialect, and the few things the two back ends do in their own way (full-text indexing and
// ranking, opening, migrating old files). archive/sqlite/ and archive/postgres/ implement it.
// Must not hold any of the archive's logic: which rows a paper has, how a pack's parts are stored,
// what a record says are archive.cpp's, written once for both back ends.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace papers {

struct SearchQuery;
struct SearchHit;

// One SQL statement, prepared once and run any number of times. Parameters are numbered from 1
// as SQLite numbers them ("?" is one more than the highest before it). step() runs it the first
// time it is called after reset() and moves to the next row; it throws std::runtime_error when
// the database refuses the statement.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_int(int i, std::int64_t v) = 0;
  virtual void bind_real(int i, double v) = 0;
  virtual void bind_null(int i) = 0;
  // True while there is a row to read.
  virtual bool step() = 0;
  virtual std::string text(int column) = 0;  // "" for NULL
  virtual std::int64_t integer(int column) = 0;  // 0 for NULL; a boolean is 0 or 1
  virtual double real(int column) = 0;
  virtual bool null(int column) = 0;
  // What the column holds in this row, as the database typed it.
  enum class Kind { null, integer, real, text };
  virtual Kind kind(int column) = 0;
  // Ready to bind and run again; every parameter unbound (NULL).
  virtual void reset() = 0;

  void bind(int i, const std::string& v) { bind_text(i, v); }
  void bind(int i, const char* v) { bind_text(i, v); }
  void bind(int i, std::int64_t v) { bind_int(i, v); }
  void bind(int i, const std::optional<std::string>& v) {
    if (v) bind_text(i, *v);
    else bind_null(i);
  }
  void bind(int i, std::optional<double> v) {
    if (v) bind_real(i, *v);
    else bind_null(i);
  }
  void bind(int i, std::optional<std::int64_t> v) {
    if (v) bind_int(i, *v);
    else bind_null(i);
  }
  // Runs a statement that returns no rows (or whose rows are not wanted).
  void run() {
    while (step()) {
    }
  }
};

// A statement the store keeps prepared, lent for one use: reset when the borrower is done.
class Borrowed {
 public:
  explicit Borrowed(Statement& s) : s_(&s) {}
  ~Borrowed() { s_->reset(); }
  Borrowed(const Borrowed&) = delete;
  Borrowed& operator=(const Borrowed&) = delete;
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

// The words the schema (archive/schema.h) leaves to each back end.
struct SchemaDialect {
  std::string serial_key;  // papers.seq: an increasing integer key
  std::string text;        // a text column (compared byte by byte)
  std::string integer;     // a 64-bit integer column
  std::string real;        // a floating-point column
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs one or more statements that return nothing.
  virtual void exec(const std::string& sql) = 0;
  virtual std::unique_ptr<Statement> prepare(const std::string& sql) = 0;
  // The statement for sql, prepared the first time and kept for the store's life (the writes each
  // paper makes run the same few statements thousands of times).
  Statement& cached(const std::string& sql) {
    auto at = cached_.find(sql);
    if (at == cached_.end()) at = cached_.emplace(sql, prepare(sql)).first;
    return *at->second;
  }

  // A write transaction (one writer at a time on SQLite; row locks on PostgreSQL).
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // A read transaction: every statement until commit() sees the same state (one snapshot).
  virtual void begin_read() = 0;
  bool in_transaction() const { return in_transaction_; }

  // Full-text upkeep, called by the archive beside its own rows: a paper's title and text (seq:
  // its papers.seq), each recommendation or decision just inserted (table: "recommendations" or
  // "decisions"), and a paper's entries before its rows go. A back end that indexes its rows
  // itself does nothing here.
  virtual void index_paper(std::int64_t seq, const std::string& title, const std::string& text) = 0;
  virtual void index_item(const std::string& table, const std::string& id, std::int64_t seq, const std::string& text) = 0;
  virtual void unindex_paper(const std::string& id, std::int64_t seq) = 0;

  // Ranked hits for a query whose cost was checked (archive.h's SearchQuery, SearchHit); throws
  // SearchError for a query the index cannot read.
  virtual std::vector<SearchHit> search(const SearchQuery& q) = 0;
  virtual std::int64_t undated_left_out(const SearchQuery& q) = 0;
  virtual bool searchable() = 0;

  // A shared import's needs (archive.h's jobs): SQL for the time now in seconds since 1970 (the
  // database's clock, the same for every machine), what makes a subquery's rows skip those another
  // transaction has locked ("" where one writer at a time holds the whole file), one writer at a
  // time for what what names (the outcome links) until the transaction ends, and whether a table is there.
  virtual std::string now_sql() const = 0;
  virtual std::string skip_locked_sql() const = 0;
  virtual void serialise(const std::string& what) = 0;
  virtual bool has_table(const std::string& name) = 0;
  // After rows were copied in with their keys (papers.seq, jobs.id): the next key made follows them.
  virtual void restart_keys() = 0;

  // Where it is, as given to open_store (a PostgreSQL URL without its password).
  virtual std::string location() const = 0;

 protected:
  void clear_cache() { cached_.clear(); }
  bool in_transaction_ = false;

 private:
  std::map<std::string, std::unique_ptr<Statement>> cached_;
};

// The PostgreSQL client library's version as loaded ("15.18"), for `papers --version`.
std::string postgres_client_version();

// Whether location names a PostgreSQL archive ("postgresql://..." or "postgres://..."), not a file.
bool is_postgres_location(const std::string& location);

// Opens (creating if needed, unless read_only) the archive's store at location: a SQLite file, or
// a PostgreSQL database by URL. link_outcomes is run once if an old SQLite archive needs its
// outcomes linked (it calls back into the archive). Throws std::runtime_error when it cannot.
std::unique_ptr<Store> open_store(const std::string& location, bool read_only, const std::function<void(Store&)>& link_outcomes);

}  // namespace papers
