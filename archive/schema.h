// The archive's tables and indexes, described once for both back ends: the words a back end
// spells its own way ({serial}, {text}, {int}, {real}) are filled in from its SchemaDialect.
// Full-text indexes are not here: each back end makes its own (FTS5 tables; tsvector columns).
// Must not hold anything one back end alone understands.
#pragma once

#include <string>

#include "archive/same_paper.h"
#include "archive/store.h"

namespace papers {

// The schema's version: an archive of an older one is migrated when opened for writing.
constexpr int kSchemaVersion = 6;

// Statements that create whatever of the schema is missing (run on every open for writing).
std::string schema_sql(const SchemaDialect& dialect);

// Stores a paper's sketch (archive/same_paper.h) in its sketches rows, replacing any it had; an
// all-zero sketch (no words) is not stored.
void put_sketch(Store& store, const std::string& id, const Sketch& sketch);

// Indexes on columns an old archive gains only when migrated: made after the migration.
constexpr const char* kLateIndexes = "CREATE INDEX IF NOT EXISTS papers_pack_of ON papers(pack_of)";

}  // namespace papers
