// The archive's tables and indexes, described once for both back ends: the words a back end
// spells its own way ({serial}, {text}, {int}, {real}) are filled in from its SchemaDialect.
// Full-text indexes are not here: each back end makes its own (FTS5 tables; tsvector columns).
// Must not hold anything one back end alone understands.
#pragma once

#include <string>
#include <vector>

#include "archive/same_paper.h"
#include "archive/store.h"

namespace papers {

// The schema's version: an archive of an older one is migrated when opened for writing.
constexpr int kSchemaVersion = 6;

// Statements that create whatever of the schema is missing (run on every open for writing).
std::string schema_sql(const SchemaDialect& dialect);

// The schema's tables as `papers copy` moves them between back ends: each table's columns, and
// the column that names a paper's rows (paper_id, report_id; "" for a table of its own: papers,
// failures, jobs, whose first column is their key).
struct TableColumns {
  std::string table;
  std::vector<std::string> columns;
  std::string paper_key;
};
const std::vector<TableColumns>& schema_tables();

// Stores a paper's sketch (archive/same_paper.h) in its sketches rows, replacing any it had; an
// all-zero sketch (no words) is not stored.
void put_sketch(Store& store, const std::string& id, const Sketch& sketch);

// Indexes on columns an old archive gains only when migrated: made after the migration.
constexpr const char* kLateIndexes = "CREATE INDEX IF NOT EXISTS papers_pack_of ON papers(pack_of)";

}  // namespace papers
