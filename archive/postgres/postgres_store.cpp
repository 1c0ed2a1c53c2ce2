// The archive's store on a PostgreSQL server. See postgres_store.h.
#include "archive/postgres/postgres_store.h"

#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "archive/archive.h"
#include "archive/schema.h"
#include "extractors/legal_references.h"

namespace papers {
namespace {

const SchemaDialect kDialect{"BIGSERIAL PRIMARY KEY", "TEXT COLLATE \"C\"", "BIGINT", "DOUBLE PRECISION"};

// What the shared schema's SQL expects of the database beyond PostgreSQL's own: SQLite's
// json_extract, instr and group_concat as the archive's statements use them, a collation that
// compares in any case (SQLite's NOCASE), and the text search configuration "papers" (English
// stems, no stop words: "the" is a word one may search for, as in FTS5's porter tokenizer).
constexpr const char* kBefore = R"sql(
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.') $$;
CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT strpos(haystack, needle) $$;
CREATE OR REPLACE FUNCTION papers_concat(acc text, value text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value ELSE acc || sep || value END $$;
CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = papers_concat, STYPE = text);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'papers') THEN
    CREATE TEXT SEARCH DICTIONARY papers_stem (TEMPLATE = snowball, Language = english);
    CREATE TEXT SEARCH CONFIGURATION papers (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION papers ALTER MAPPING REPLACE english_stem WITH papers_stem;
  END IF;
END $$;
)sql";

// Full-text columns the server keeps up to date itself: a paper's title (weight A) and text (B;
// its first million characters, under tsvector's 1 MB limit), none for a pack (its parts are
// indexed); each recommendation's and decision's text. GIN indexes on each.
constexpr const char* kAfter = R"sql(
ALTER TABLE papers ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
  CASE WHEN parts IS NULL THEN
    setweight(to_tsvector('papers'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('papers'::regconfig, left(coalesce((record::jsonb) ->> 'text', ''), 1000000)), 'B')
  END) STORED;
ALTER TABLE recommendations ADD COLUMN IF NOT EXISTS search tsvector
  GENERATED ALWAYS AS (to_tsvector('papers'::regconfig, text)) STORED;
ALTER TABLE decisions ADD COLUMN IF NOT EXISTS search tsvector
  GENERATED ALWAYS AS (to_tsvector('papers'::regconfig, text)) STORED;
CREATE INDEX IF NOT EXISTS papers_search ON papers USING gin(search);
CREATE INDEX IF NOT EXISTS recommendations_search ON recommendations USING gin(search);
CREATE INDEX IF NOT EXISTS decisions_search ON decisions USING gin(search);
)sql";

// The version of what the constructor makes (the schema, kBefore, kAfter): one more whenever
// any of them changes, so that a database set up by an older papers is brought up to date (and
// one set up by a newer papers is left as it is).
constexpr int kSetup = 2;

// Any key will do, as long as every papers process takes the same one around making the schema.
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(7390112025)";

// SQLite's parameters ("?", "?3") as PostgreSQL's ("$1", "$3"); quoted text left as it is.
std::string numbered_parameters(const std::string& sql) {
  std::string out;
  int highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t end = i + 1;
    while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
    const int n = end > i + 1 ? std::atoi(sql.substr(i + 1, end - i - 1).c_str()) : highest + 1;
    highest = std::max(highest, n);
    out += "$" + std::to_string(n);
    i = end - 1;
  }
  return out;
}

std::string error_of(PGconn* conn) {
  std::string why = PQerrorMessage(conn);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  return why;
}

struct ResultCloser {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultCloser>;

// Throws unless r is a command's or a query's success.
void check(PGconn* conn, const Result& r) {
  const ExecStatusType status = PQresultStatus(r.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  std::string why = r ? PQresultErrorMessage(r.get()) : error_of(conn);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  throw std::runtime_error("archive: " + why);
}

// A prepared statement of the connection: parameters sent as text, rows read as text (a result
// is fetched whole when first stepped: the archive asks for pages of records, never all).
class PostgresStatement : public Statement {
 public:
  PostgresStatement(PGconn* conn, std::string name, int parameters)
      : conn_(conn), name_(std::move(name)), values_(static_cast<std::size_t>(parameters)) {}
  ~PostgresStatement() override {
    if (PQstatus(conn_) == CONNECTION_OK) Result(PQexec(conn_, ("DEALLOCATE " + name_).c_str()));
  }
  void bind_text(int i, std::string_view v) override { set(i, std::string(v)); }
  void bind_int(int i, std::int64_t v) override { set(i, std::to_string(v)); }
  void bind_real(int i, double v) override {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    set(i, buf);
  }
  void bind_null(int i) override { set(i, std::nullopt); }
  bool step() override {
    if (!result_) {
      std::vector<const char*> values;
      for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
      result_.reset(PQexecPrepared(conn_, name_.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0));
      check(conn_, result_);
      row_ = -1;
    }
    return ++row_ < PQntuples(result_.get());
  }
  std::string text(int column) override {
    return PQgetisnull(result_.get(), row_, column) ? std::string()
                                                    : std::string(PQgetvalue(result_.get(), row_, column),
                                                                  static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::int64_t integer(int column) override {
    if (PQgetisnull(result_.get(), row_, column)) return 0;
    const char* v = PQgetvalue(result_.get(), row_, column);
    if (PQftype(result_.get(), column) == 16) return v[0] == 't';  // boolean
    return std::strtoll(v, nullptr, 10);
  }
  double real(int column) override {
    return PQgetisnull(result_.get(), row_, column) ? 0.0 : std::strtod(PQgetvalue(result_.get(), row_, column), nullptr);
  }
  bool null(int column) override { return PQgetisnull(result_.get(), row_, column); }
  Kind kind(int column) override {
    if (PQgetisnull(result_.get(), row_, column)) return Kind::null;
    switch (PQftype(result_.get(), column)) {  // pg_type's OIDs: int8, int2, int4, bool; float4, float8, numeric
      case 20: case 21: case 23: case 16: return Kind::integer;
      case 700: case 701: case 1700: return Kind::real;
      default: return Kind::text;
    }
  }
  void reset() override {
    result_.reset();
    for (auto& v : values_) v.reset();
  }

 private:
  void set(int i, std::optional<std::string> v) {
    if (i >= 1 && static_cast<std::size_t>(i) <= values_.size()) values_[static_cast<std::size_t>(i) - 1] = std::move(v);
  }
  PGconn* conn_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  Result result_;
  int row_ = -1;
};

// The URL as shown to people: "postgresql://user:secret@host/db" without ":secret".
std::string without_password(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

// A tsquery operand for one word as typed (its quotes and backslashes escaped).
std::string lexeme(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'' || c == '\\') out += c == '\'' ? "''" : "\\\\";
    else out += c;
  }
  return out + "'";
}

}  // namespace

std::string postgres_client_version() {
  const int v = PQlibVersion();  // 150018
  return std::to_string(v / 10000) + "." + std::to_string(v % 10000);
}

std::string tsquery_of(const std::string& query) {
  std::vector<std::string> out;  // operands, operators and brackets, in order
  const auto operand_before = [&]() {
    return !out.empty() && out.back() != "&" && out.back() != "|" && out.back() != "!" && out.back() != "& !" && out.back() != "(";
  };
  const auto push_operand = [&](const std::string& operand) {
    if (operand_before()) out.push_back("&");
    out.push_back(operand);
  };
  for (std::size_t i = 0; i < query.size();) {
    const char c = query[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '(') {
      if (operand_before()) out.push_back("&");
      out.push_back("(");
      ++i;
      continue;
    }
    if (c == ')') {
      out.push_back(")");
      ++i;
      continue;
    }
    if (c == '"') {
      const std::size_t close = query.find('"', i + 1);
      const std::string phrase = query.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
      i = close == std::string::npos ? query.size() : close + 1;
      std::string joined;
      std::size_t w = 0;
      while (w < phrase.size()) {
        const std::size_t s = phrase.find_first_not_of(" \t\n\r", w);
        if (s == std::string::npos) break;
        const std::size_t e = std::min(phrase.find_first_of(" \t\n\r", s), phrase.size());
        joined += (joined.empty() ? "" : " <-> ") + lexeme(phrase.substr(s, e - s));
        w = e;
      }
      if (i < query.size() && query[i] == '*' && !joined.empty()) {  // "a phrase"*: its last word a prefix
        joined += ":*";
        ++i;
      }
      if (!joined.empty()) push_operand("(" + joined + ")");
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && query[end] != ' ' && query[end] != '\t' && query[end] != '\n' && query[end] != '\r' &&
           query[end] != '(' && query[end] != ')' && query[end] != '"')
      ++end;
    std::string word = query.substr(i, end - i);
    i = end;
    if (word == "AND" || word == "NEAR") {
      out.push_back("&");
      continue;
    }
    if (word == "OR") {
      out.push_back("|");
      continue;
    }
    if (word == "NOT") {
      out.push_back(operand_before() ? "& !" : "!");
      continue;
    }
    const bool prefix = word.size() > 1 && word.back() == '*';
    if (prefix) word.pop_back();
    if (word.empty() || word == "*") continue;
    push_operand(lexeme(word) + (prefix ? ":*" : ""));
  }
  std::string text;
  for (const std::string& piece : out) text += (text.empty() ? "" : " ") + piece;
  return text;
}

bool PostgresStore::set_up() {
  Result r(PQexec(conn_, "SELECT value FROM meta WHERE key = 'postgres_setup'"));
  return PQresultStatus(r.get()) == PGRES_TUPLES_OK && PQntuples(r.get()) == 1 && std::atoi(PQgetvalue(r.get(), 0, 0)) >= kSetup;
}

PostgresStore::PostgresStore(const std::string& url, bool read_only) : shown_(without_password(url)) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = error_of(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw std::runtime_error("cannot open archive " + shown_ + ": " + why);
  }
  // The server's notices ("relation already exists, skipping") are not the user's business.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  try {
    exec("SET client_encoding = 'UTF8'");
    if (read_only) {
      exec("SET default_transaction_read_only = on");
      Result r(PQexec(conn_, "SELECT value FROM meta WHERE key = 'schema_version'"));
      if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1)
        throw std::runtime_error("no papers archive in " + shown_ + " yet: make one with `papers --archive " + shown_ + " ingest FOLDER`");
    } else if (!set_up()) {
      // Made once, not on every open: ALTER TABLE takes the table's strongest lock, which would
      // queue a worker's opening behind (and before) every other worker's writes.
      exec(std::string("BEGIN; ") + kSchemaLock + ";" + kBefore + schema_sql(kDialect) + kAfter + kLateIndexes +
           "; INSERT INTO meta(key, value) VALUES ('postgres_setup', '" + std::to_string(kSetup) +
           "') ON CONFLICT(key) DO UPDATE SET value = excluded.value; COMMIT");
    }
  } catch (const std::runtime_error& e) {
    PQfinish(conn_);
    conn_ = nullptr;
    const std::string why = e.what();
    throw std::runtime_error(why.rfind("archive: ", 0) == 0 ? "cannot open archive " + shown_ + ": " + why.substr(9) : why);
  }
}

PostgresStore::~PostgresStore() {
  clear_cache();  // its statements first, while the connection is there to deallocate them
  // A transaction still open here was left by an error: what it wrote is undone, never kept half.
  if (conn_ && in_transaction_) Result(PQexec(conn_, "ROLLBACK"));
  if (conn_) PQfinish(conn_);
}

void PostgresStore::exec(const std::string& sql) {
  Result r(PQexec(conn_, sql.c_str()));
  check(conn_, r);
}

std::unique_ptr<Statement> PostgresStore::prepare(const std::string& sql) {
  const std::string name = "s" + std::to_string(++statements_);
  Result made(PQprepare(conn_, name.c_str(), numbered_parameters(sql).c_str(), 0, nullptr));
  check(conn_, made);
  Result described(PQdescribePrepared(conn_, name.c_str()));
  check(conn_, described);
  return std::make_unique<PostgresStatement>(conn_, name, PQnparams(described.get()));
}

void PostgresStore::serialise(const std::string& what) {
  Borrowed s(cached("SELECT pg_advisory_xact_lock(hashtext(?))"));
  s->bind(1, "papers " + what);
  s->run();
}

bool PostgresStore::has_table(const std::string& name) {
  Borrowed s(cached("SELECT to_regclass(?) IS NOT NULL"));
  s->bind(1, name);
  return s->step() && s->integer(0) != 0;
}

void PostgresStore::restart_keys() {
  exec("SELECT setval(pg_get_serial_sequence('papers', 'seq'), coalesce((SELECT max(seq) FROM papers), 0) + 1, false);"
       " SELECT setval(pg_get_serial_sequence('jobs', 'id'), coalesce((SELECT max(id) FROM jobs), 0) + 1, false)");
}

void PostgresStore::begin() {
  if (!in_transaction_) exec("BEGIN");
  in_transaction_ = true;
}

void PostgresStore::commit() {
  if (!in_transaction_) return;
  in_transaction_ = false;  // a COMMIT that fails ends the transaction too (rolled back)
  exec("COMMIT");
}

void PostgresStore::begin_read() {
  if (!in_transaction_) exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  in_transaction_ = true;
}

void PostgresStore::rollback() {
  if (in_transaction_) Result(PQexec(conn_, "ROLLBACK"));
  in_transaction_ = false;
}

namespace {

// The search's filters over papers p (and, for items, r) as SQL, each value a parameter numbered
// after ?1 (the tsquery), in the order of values: PostgreSQL must know each parameter's type, so
// a filter not asked for has none.
struct Filters {
  std::string papers;  // over papers p: " AND p.body = ?2 COLLATE NOCASE ..."
  std::string items;   // over the items r: the outcome filter
  std::vector<std::string> values;
  std::string next(const std::string& value) {
    values.push_back(value);
    return "?" + std::to_string(values.size() + 1);
  }
};

Filters filters_of(const SearchQuery& q) {
  Filters f;
  if (!q.body.empty()) f.papers += " AND p.body = " + f.next(q.body) + " COLLATE NOCASE";
  if (!q.organisation.empty()) f.papers += " AND p.organisation = " + f.next(q.organisation) + " COLLATE NOCASE";
  const std::string undated = q.include_undated ? " OR coalesce(p.meeting_date, p.report_date) IS NULL" : "";
  if (!q.since.empty()) f.papers += " AND (coalesce(p.meeting_date, p.report_date) >= " + f.next(q.since) + undated + ")";
  if (!q.until.empty()) f.papers += " AND (coalesce(p.meeting_date, p.report_date) <= " + f.next(q.until) + undated + ")";
  if (!q.act.empty()) f.papers += " AND p.id IN (SELECT paper_id FROM legal_references WHERE act_key = " + f.next(act_key(q.act)) + ")";
  if (q.in == SearchIn::recommendations && !q.outcome.empty()) {
    if (q.outcome == "none")
      f.items += " AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.report_id = r.paper_id AND o.recommendation = r.seq)";
    else
      f.items += " AND EXISTS (SELECT 1 FROM outcomes o WHERE o.report_id = r.paper_id AND o.recommendation = r.seq AND o.outcome = " +
                 f.next(q.outcome) + ")";
  }
  return f;
}

// The items' filters as SQL over r: their papers' (a set of ids, read through the papers
// indexes, never a join per match) and their own.
std::string items_where(const Filters& f) {
  return (f.papers.empty() ? "" : " AND r.paper_id IN (SELECT p.id FROM papers p WHERE TRUE" + f.papers + ")") + f.items;
}

void bind_filters(Statement& s, const Filters& f, const std::string& tsquery) {
  s.bind(1, tsquery);
  for (std::size_t i = 0; i < f.values.size(); ++i) s.bind(static_cast<int>(i) + 2, f.values[i]);
}

}  // namespace

std::vector<SearchHit> PostgresStore::search(const SearchQuery& q) {
  const std::string tsquery = tsquery_of(q.text);
  if (tsquery.empty()) return {};
  const bool papers = q.in == SearchIn::papers;
  const std::string items = q.in == SearchIn::decisions ? "decisions" : "recommendations";
  const std::int64_t limit = q.limit > 0 ? q.limit : 20, offset = q.offset > 0 ? q.offset : 0;
  // The ranking first (ts_rank: a title's words, weight A, count ten times the text's, B), then
  // the passages of the hits shown only: ts_headline reads the whole text again.
  Filters f = filters_of(q);
  const std::size_t filters = f.values.size();
  const std::string limit_at = f.next(std::to_string(limit)), offset_at = f.next(std::to_string(offset));
  const std::string marks_at = f.next("");
  f.values.resize(filters);
  std::string sql;
  if (papers) {
    sql = "WITH q AS (SELECT to_tsquery('papers', ?1) AS query),"
          " best AS (SELECT p.seq, ts_rank('{0.1, 0.1, 0.1, 1.0}', p.search, q.query) AS score FROM papers p, q"
          " WHERE p.search @@ q.query" + f.papers + " ORDER BY score DESC, p.seq LIMIT " + limit_at + " OFFSET " + offset_at + ")"
          " SELECT p.id, coalesce(p.title, ''), coalesce(p.body, ''), coalesce(p.meeting_date, p.report_date, ''), p.path,"
          " ts_headline('papers', coalesce(json_extract(p.record, '$.text'), ''), q.query, " + marks_at + "), best.score, '', 0, '', NULL"
          " FROM best JOIN papers p ON p.seq = best.seq, q ORDER BY best.score DESC, best.seq";
  } else {
    sql = "WITH q AS (SELECT to_tsquery('papers', ?1) AS query),"
          " best AS (SELECT r.paper_id, r.seq, ts_rank(r.search, q.query) AS score FROM " + items +
          " r, q WHERE r.search @@ q.query" + items_where(f) +
          " ORDER BY score DESC, r.paper_id, r.seq LIMIT " + limit_at + " OFFSET " + offset_at + ")"
          " SELECT p.id, coalesce(p.title, ''), coalesce(p.body, ''), coalesce(p.meeting_date, p.report_date, ''), p.path,"
          " ts_headline('papers', r.text, q.query, " + marks_at + "), best.score, coalesce(r.number, ''), coalesce(r.page, 0), r.text, " +
          (q.in == SearchIn::recommendations
               ? std::string("(SELECT o.outcome FROM outcomes o WHERE o.report_id = r.paper_id AND o.recommendation = r.seq)")
               : std::string("NULL")) +
          " FROM best JOIN " + items + " r ON r.paper_id = best.paper_id AND r.seq = best.seq JOIN papers p ON p.id = r.paper_id, q"
          " ORDER BY best.score DESC, best.paper_id, best.seq";
  }
  // Matches marked with control characters the text never holds, then with the caller's marks.
  const std::string headline = "StartSel=\"\x02\", StopSel=\"\x03\", MaxFragments=1, FragmentDelimiter=\" ... \", ";
  std::unique_ptr<Statement> s;
  try {
    s = prepare(sql);
    bind_filters(*s, f, tsquery);
    const int at = static_cast<int>(filters) + 2;
    s->bind(at, limit);
    s->bind(at + 1, offset);
    s->bind(at + 2, headline + (papers ? "MaxWords=16, MinWords=6" : "MaxWords=24, MinWords=8"));
    s->step();
  } catch (const std::runtime_error& e) {
    const std::string why = e.what();
    throw SearchError("cannot read the query '" + q.text + "' (" + why.substr(why.rfind("archive: ", 0) == 0 ? 9 : 0) +
                      "): use words, \"a phrase\", prefix*, AND, OR, NOT and brackets");
  }
  std::vector<SearchHit> hits;
  for (bool row = true; row; row = s->step()) {
    if (s->null(0)) break;  // (no row at all)
    SearchHit h;
    h.paper_id = s->text(0);
    h.title = s->text(1);
    h.body = s->text(2);
    h.date = s->text(3);
    h.path = s->text(4);
    // One line, matches marked: the passage's line breaks and runs of spaces become single spaces.
    std::string flat;
    for (char c : s->text(5)) {
      const bool white = c == '\n' || c == '\t' || c == ' ' || c == '\r';
      if (white && (flat.empty() || flat.back() == ' ')) continue;
      if (c == '\x02') flat += q.mark_begin;
      else if (c == '\x03') flat += q.mark_end;
      else flat += white ? ' ' : c;
    }
    h.snippet = flat;
    h.score = -s->real(6);  // lower is better, as BM25's
    h.number = s->text(7);
    h.page = static_cast<int>(s->integer(8));
    h.text = s->text(9);
    h.outcome = s->text(10);
    hits.push_back(std::move(h));
  }
  return hits;
}

std::int64_t PostgresStore::undated_left_out(const SearchQuery& q) {
  const std::string tsquery = tsquery_of(q.text);
  if (tsquery.empty()) return 0;
  SearchQuery undated = q;  // the same filters, less the dates
  undated.since.clear();
  undated.until.clear();
  const std::string items = q.in == SearchIn::decisions ? "decisions" : "recommendations";
  const std::string sql =
      q.in == SearchIn::papers
          ? "SELECT count(*) FROM papers p WHERE p.search @@ to_tsquery('papers', ?1)"
          : "SELECT count(*) FROM " + items + " r JOIN papers p ON p.id = r.paper_id WHERE r.search @@ to_tsquery('papers', ?1)";
  // (Undated papers' items: the join is the filter here.)
  try {
    const Filters f = filters_of(undated);
    auto s = prepare(sql + " AND coalesce(p.meeting_date, p.report_date) IS NULL" + f.papers + f.items);
    bind_filters(*s, f, tsquery);
    return s->step() ? s->integer(0) : 0;
  } catch (const std::runtime_error&) {
    return 0;
  }
}

}  // namespace papers
