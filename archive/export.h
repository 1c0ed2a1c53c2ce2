// Exports of the archive for other tools: JSON Lines of whole records, and CSV as one file per
// table (papers, recommendations, contacts, legal_references, dates, decisions, outcomes) whose rows join
// on the paper's id. The columns below are stable: new ones are only ever added at the end.
//   papers.csv            id, path, bytes, media_type, pages, method, title, body, organisation,
//                         meeting_date, report_date, agenda_item, author, classification,
//                         exempt_paragraphs, ingested_at, pack_id, pack_first_page, pack_last_page,
//                         places (a pack's part: its pack and pages there; every path the paper
//                         was found at, one a line)
//   recommendations.csv   paper_id, seq, number, text, body, action, page, span_begin, span_end,
//                         paper_title, paper_body, paper_date, outcome, minutes_id, minute
//   contacts.csv          paper_id, seq, name, role, email, phone, page, paper_title, paper_body, paper_date
//   legal_references.csv  paper_id, seq, text, act, act_key, section, page, paper_title, paper_body, paper_date
//   dates.csv             paper_id, seq, text, kind, start, end, page, paper_title, paper_body, paper_date
//   decisions.csv         paper_id, seq, number, text, page, span_begin, span_end, paper_title, paper_body, paper_date,
//                         minute, vote_for, vote_against, vote_abstain, vote_result
//   outcomes.csv          paper_id, recommendation_seq, recommendation_number, recommendation, outcome, minutes_id,
//                         minutes_path, body, meeting_date, minute, minute_heading, page, decision, vote_for,
//                         vote_against, vote_abstain, cue, match, paper_title, paper_body, paper_date
//                         (one row per recommendation linked to its meeting's minutes: archive/outcomes.h;
//                         page is the minutes' page)
// seq counts a paper's rows from 1 in the order the paper gives them; paper_date is the meeting
// date, else the report date. CSV is RFC 4180 (UTF-8, CRLF line ends; a field with a comma, quote
// or line break is quoted, quotes doubled); an unknown value is an empty field. For Excel, a
// byte order mark first (CsvOptions::excel), without which it reads UTF-8 as Windows-1252.
// Must not change the archive.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "archive/archive.h"

namespace papers {

struct ExportCounts {
  std::size_t papers = 0, recommendations = 0, contacts = 0, legal_references = 0, dates = 0, decisions = 0, outcomes = 0;
};

// The CSV tables' file names and columns, in order.
const std::vector<std::pair<std::string, std::vector<std::string>>>& csv_tables();

// One field as CSV writes it.
std::string csv_field(const std::string& value);

ExportCounts write_jsonl(Archive& archive, const RecordFilter& filter, std::ostream& out);
struct CsvOptions {
  bool excel = false;  // a UTF-8 byte order mark at the start of each file
};

// Writes the seven tables into dir (created if needed), replacing files of the same names.
// Throws std::invalid_argument when dir is a file, std::runtime_error when a file cannot be written.
ExportCounts write_csv_tables(Archive& archive, const RecordFilter& filter, const std::filesystem::path& dir,
                              const CsvOptions& options = {});

}  // namespace papers
