// The archive's schema, described once. See schema.h.
#include "archive/schema.h"

#include <algorithm>

namespace papers {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key {text} PRIMARY KEY, value {text} NOT NULL);
INSERT INTO meta(key, value) VALUES ('schema_version', '6') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS papers(
  seq {serial},
  id {text} NOT NULL UNIQUE,            -- SHA-256 of the file's bytes
  path {text} NOT NULL,                 -- the path it was first ingested from
  bytes {int} NOT NULL,
  media_type {text} NOT NULL,
  pages {int} NOT NULL,
  method {text} NOT NULL,
  title {text}, body {text}, organisation {text}, meeting_date {text}, report_date {text},
  agenda_item {text}, author {text}, classification {text},
  warning {text},
  record {text} NOT NULL,               -- the whole record as JSON
  ingested_at {text} NOT NULL,
  pack_of {text},                       -- a part of an agenda pack: the pack's id
  parts {int});                         -- an agenda pack: how many parts it binds (their papers are rows of their own)
CREATE TABLE IF NOT EXISTS paper_paths(paper_id {text} NOT NULL, path {text} NOT NULL, PRIMARY KEY(paper_id, path));
CREATE TABLE IF NOT EXISTS pages(paper_id {text} NOT NULL, number {int} NOT NULL, method {text} NOT NULL,
  chars {int} NOT NULL, confidence {real},  -- method "text" or "ocr"; confidence: OCR's mean word confidence
  ocr_reason {text}, rotation {int}, error {text},
  PRIMARY KEY(paper_id, number));
CREATE TABLE IF NOT EXISTS recommendations(paper_id {text} NOT NULL, seq {int} NOT NULL, number {text}, text {text} NOT NULL,
  page {int}, span_begin {int}, span_end {int}, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS decisions(paper_id {text} NOT NULL, seq {int} NOT NULL, number {text}, text {text} NOT NULL,
  page {int}, span_begin {int}, span_end {int}, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS contacts(paper_id {text} NOT NULL, seq {int} NOT NULL, name {text}, role {text}, email {text},
  phone {text}, page {int}, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS legal_references(paper_id {text} NOT NULL, seq {int} NOT NULL, text {text} NOT NULL,
  act {text} NOT NULL, act_key {text} NOT NULL, section {text}, page {int}, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS dates(paper_id {text} NOT NULL, seq {int} NOT NULL, text {text} NOT NULL, kind {text} NOT NULL,
  start {text} NOT NULL, "end" {text} NOT NULL, page {int}, PRIMARY KEY(paper_id, seq));
CREATE TABLE IF NOT EXISTS links(paper_id {text} NOT NULL, seq {int} NOT NULL, url {text} NOT NULL, page {int},
  PRIMARY KEY(paper_id, seq));
-- What a meeting did with a report's recommendation (archive/outcomes.h): one row per linked
-- recommendation (its seq in recommendations), made anew by link_outcomes() whenever a paper of
-- the body arrives, changes or goes. decisions: a JSON array of the minutes' decision seqs; vote:
-- JSON or NULL.
CREATE TABLE IF NOT EXISTS outcomes(report_id {text} NOT NULL, recommendation {int} NOT NULL, outcome {text} NOT NULL,
  minutes_id {text} NOT NULL, minute {text} NOT NULL, minute_heading {text}, page {int}, cue {text} NOT NULL, match {text} NOT NULL,
  decisions {text} NOT NULL, decision_text {text}, vote {text}, PRIMARY KEY(report_id, recommendation));
CREATE INDEX IF NOT EXISTS outcomes_minutes ON outcomes(minutes_id);
-- Each paper's sketch (archive/same_paper.h): kSketchSlots rows, found by value so that a pack's
-- part and the original it binds are recognised as one paper.
CREATE TABLE IF NOT EXISTS sketches(paper_id {text} NOT NULL, slot {int} NOT NULL, value {int} NOT NULL, PRIMARY KEY(paper_id, slot));
CREATE INDEX IF NOT EXISTS sketches_value ON sketches(slot, value);
CREATE TABLE IF NOT EXISTS failures(path {text} PRIMARY KEY, sha256 {text}, stage {text} NOT NULL, reason {text} NOT NULL,
  at {text} NOT NULL);
-- A shared import's work (papers enqueue, papers work): one row per file, by its path as enqueued.
-- state: queued, running (its worker holds it until lease_until, seconds since 1970, and renews
-- that while it works), done (paper_id: what it was archived as) or failed (reason). attempts:
-- how many times a worker took it.
CREATE TABLE IF NOT EXISTS jobs(id {serial}, path {text} NOT NULL UNIQUE, size {int} NOT NULL, mtime {int} NOT NULL,
  state {text} NOT NULL, attempts {int} NOT NULL, worker {text}, lease_until {real}, reason {text}, paper_id {text},
  enqueued_at {text} NOT NULL, finished_at {text});
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, id);
-- The jobs a worker may take, in the order queued, without walking the done ones.
CREATE INDEX IF NOT EXISTS jobs_open ON jobs(id) WHERE state IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS papers_body ON papers(body);
CREATE INDEX IF NOT EXISTS papers_meeting_date ON papers(meeting_date);
-- search()'s filters: body and organisation in any case, the meeting date else the report date;
-- with the id, so that finding a filter's recommendations never reads the (large) papers rows.
CREATE INDEX IF NOT EXISTS papers_body_nocase ON papers(body COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS papers_organisation_nocase ON papers(organisation COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS papers_day ON papers((coalesce(meeting_date, report_date)), id);
CREATE INDEX IF NOT EXISTS legal_references_act ON legal_references(act_key);
CREATE INDEX IF NOT EXISTS recommendations_paper ON recommendations(paper_id);
CREATE INDEX IF NOT EXISTS decisions_paper ON decisions(paper_id);
)sql";

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

const std::vector<TableColumns>& schema_tables() {
  static const std::vector<TableColumns> tables = {
      {"papers",
       {"seq", "id", "path", "bytes", "media_type", "pages", "method", "title", "body", "organisation", "meeting_date", "report_date",
        "agenda_item", "author", "classification", "warning", "record", "ingested_at", "pack_of", "parts"},
       ""},
      {"paper_paths", {"paper_id", "path"}, "paper_id"},
      {"pages", {"paper_id", "number", "method", "chars", "confidence", "ocr_reason", "rotation", "error"}, "paper_id"},
      {"recommendations", {"paper_id", "seq", "number", "text", "page", "span_begin", "span_end"}, "paper_id"},
      {"decisions", {"paper_id", "seq", "number", "text", "page", "span_begin", "span_end"}, "paper_id"},
      {"contacts", {"paper_id", "seq", "name", "role", "email", "phone", "page"}, "paper_id"},
      {"legal_references", {"paper_id", "seq", "text", "act", "act_key", "section", "page"}, "paper_id"},
      {"dates", {"paper_id", "seq", "text", "kind", "start", "\"end\"", "page"}, "paper_id"},
      {"links", {"paper_id", "seq", "url", "page"}, "paper_id"},
      {"outcomes",
       {"report_id", "recommendation", "outcome", "minutes_id", "minute", "minute_heading", "page", "cue", "match", "decisions",
        "decision_text", "vote"},
       "report_id"},
      {"sketches", {"paper_id", "slot", "value"}, "paper_id"},
      {"failures", {"path", "sha256", "stage", "reason", "at"}, ""},
      {"jobs",
       {"id", "path", "size", "mtime", "state", "attempts", "worker", "lease_until", "reason", "paper_id", "enqueued_at", "finished_at"},
       ""},
  };
  return tables;
}

void put_sketch(Store& store, const std::string& id, const Sketch& sketch) {
  if (std::all_of(sketch.begin(), sketch.end(), [](std::int64_t v) { return v == 0; })) return;
  // One statement for the paper's kSketchSlots rows (one round trip to a server, not sixteen).
  static const std::string sql = [] {
    std::string q = "INSERT INTO sketches(paper_id, slot, value) VALUES ";
    for (int slot = 0; slot < kSketchSlots; ++slot)
      q += std::string(slot ? ", " : "") + "(?1, " + std::to_string(slot) + ", ?" + std::to_string(slot + 2) + ")";
    return q + " ON CONFLICT(paper_id, slot) DO UPDATE SET value = excluded.value";
  }();
  Borrowed s(store.cached(sql));
  s->bind(1, id);
  for (int slot = 0; slot < kSketchSlots; ++slot) s->bind(slot + 2, sketch[static_cast<std::size_t>(slot)]);
  s->run();
}

std::string schema_sql(const SchemaDialect& dialect) {
  std::string sql = kSchema;
  replace_all(sql, "{serial}", dialect.serial_key);
  replace_all(sql, "{text}", dialect.text);
  replace_all(sql, "{int}", dialect.integer);
  replace_all(sql, "{real}", dialect.real);
  return sql;
}

}  // namespace papers
