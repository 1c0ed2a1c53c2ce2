// The archive's store in one SQLite file (WAL): statements, transactions (BEGIN IMMEDIATE: one
// writer at a time, readers never wait), FTS5 full-text indexes kept beside the rows, BM25
// ranking in rowid ranges side by side, and the migration of archives made by older papers.
// Must not hold the archive's logic (archive.cpp) nor anything PostgreSQL needs.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "archive/store.h"

namespace papers {

class SqliteStore : public Store {
 public:
  // Opens (creating if needed, unless read_only) the archive file at path and brings an older
  // one up to date; link_outcomes is run for an archive made before outcomes.
  SqliteStore(const std::string& path, bool read_only, const std::function<void(Store&)>& link_outcomes);
  ~SqliteStore() override;

  void exec(const std::string& sql) override;
  std::unique_ptr<Statement> prepare(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  void begin_read() override;
  void index_paper(std::int64_t seq, const std::string& title, const std::string& text) override;
  void index_item(const std::string& table, const std::string& id, std::int64_t seq, const std::string& text) override;
  void unindex_paper(const std::string& id, std::int64_t seq) override;
  std::vector<SearchHit> search(const SearchQuery& q) override;
  std::int64_t undated_left_out(const SearchQuery& q) override;
  bool searchable() override;
  std::string location() const override { return path_; }
  std::string now_sql() const override { return "((julianday('now') - 2440587.5) * 86400.0)"; }
  std::string skip_locked_sql() const override { return ""; }  // BEGIN IMMEDIATE: one writer at a time
  void serialise(const std::string&) override {}                // the same
  bool has_table(const std::string& name) override;
  void restart_keys() override {}  // AUTOINCREMENT follows the highest key inserted

 private:
  sqlite3_stmt* raw(const std::string& sql);  // a statement of this store's own code, not lent out
  void migrate_to_decisions();
  void migrate_to_packs();
  void register_admitted(sqlite3* db);
  // Read-only connections for the parts of a ranking that run beside this one (opened when first
  // needed, kept for the next search).
  sqlite3* part_connection(std::size_t i);
  // Full-text entries of the open write transaction, written just before it commits (or before
  // anything reads or removes entries). FTS5 writes out its pending entries at every statement
  // savepoint, and each paper's rows open one, so written as they came each paper's entries became
  // a segment of their own (a third of the archive's insert time in a profile); together, a batch
  // makes one.
  struct PendingEntry {
    std::string table;  // "papers", "recommendations", "decisions"
    std::int64_t rowid;
    std::string title;  // papers only
    std::string text;
  };
  void write_pending_entries();
  std::vector<PendingEntry> pending_entries_;
  std::string path_;
  sqlite3* db_ = nullptr;
  std::vector<bool> admitted_;  // rows search()'s filters admit, by rowid; read by papers_admitted()
  std::vector<sqlite3*> part_connections_;
};

}  // namespace papers
