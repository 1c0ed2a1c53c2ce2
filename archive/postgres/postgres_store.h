// The archive's store on a PostgreSQL server (libpq): the same schema as SQLite's
// (archive/schema.h) with PostgreSQL's types, the few SQLite functions the archive's SQL uses
// defined in the database (json_extract, instr, group_concat), a case-blind collation named
// nocase, and full-text search on tsvector columns the server keeps itself (title weighted ten
// times the text; a stemming configuration without stop words, as FTS5's porter has none).
// Must not hold the archive's logic (archive.cpp) nor anything SQLite needs.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "archive/store.h"

namespace papers {

// FTS5's query syntax as a tsquery: words (AND between them), "a phrase" (<->), prefix* (:*),
// AND, OR, NOT (a NOT b: a & !b), NEAR (as AND) and brackets; each word quoted so that the
// server's configuration stems it. Empty when the query holds no word.
std::string tsquery_of(const std::string& query);

class PostgresStore : public Store {
 public:
  // Connects to url (any libpq connection URI) and, unless read_only, makes whatever of the
  // schema is missing (one process at a time, under an advisory lock).
  PostgresStore(const std::string& url, bool read_only);
  ~PostgresStore() override;

  void exec(const std::string& sql) override;
  std::unique_ptr<Statement> prepare(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  void begin_read() override;
  // The server indexes rows itself (generated tsvector columns): nothing to do here.
  void index_paper(std::int64_t, const std::string&, const std::string&) override {}
  void index_item(const std::string&, const std::string&, std::int64_t, const std::string&) override {}
  void unindex_paper(const std::string&, std::int64_t) override {}
  std::vector<SearchHit> search(const SearchQuery& q) override;
  std::int64_t undated_left_out(const SearchQuery& q) override;
  bool searchable() override { return true; }
  std::string location() const override { return shown_; }
  std::string now_sql() const override { return "extract(epoch from clock_timestamp())::double precision"; }
  std::string skip_locked_sql() const override { return " FOR UPDATE SKIP LOCKED"; }
  void serialise(const std::string& what) override;  // a transaction-scoped advisory lock
  bool has_table(const std::string& name) override;
  void restart_keys() override;  // the serial columns' sequences set past the keys copied in

 private:
  bool set_up();  // whether this papers' schema is made in the database already
  PGconn* conn_ = nullptr;
  std::string shown_;  // the URL without its password
  int statements_ = 0;  // names of prepared statements: s1, s2, ...
};

}  // namespace papers
