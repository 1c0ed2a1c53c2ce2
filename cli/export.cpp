// `papers export`: the archive as JSON Lines (whole records) or CSV tables (one file per table,
// into a folder). See command.h and archive/export.h for the columns.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "archive/export.h"
#include "cli/command.h"

namespace papers::cli {
namespace {

struct ExportOptions {
  std::string format = "jsonl", out;
  bool excel = false;
  RecordFilter filter;
};

int run_export(const ExportOptions& o, Archive& archive) {
  if (o.format == "csv") {
    std::error_code ec;
    if (o.out.empty()) {
      std::fprintf(stderr, "papers: export --format csv needs --out FOLDER (it writes seven files)\n");
      return kUsage;
    }
    if (std::filesystem::exists(o.out, ec) && !std::filesystem::is_directory(o.out, ec)) {
      std::fprintf(stderr, "papers: --out %s is a file: CSV export writes seven files into a folder\n", o.out.c_str());
      return kUsage;
    }
    if (!std::filesystem::exists(o.out, ec) && std::filesystem::path(o.out).extension() == ".csv") {
      std::fprintf(stderr, "papers: --out names a folder for seven files, not one file (%s): e.g. --out tables/\n", o.out.c_str());
      return kUsage;
    }
    const ExportCounts n = write_csv_tables(archive, o.filter, o.out, CsvOptions{o.excel});
    std::fprintf(stderr,
                 "papers: %zu papers, %zu recommendations (%zu with an outcome), %zu decisions, %zu contacts, %zu legal references, %zu dates -> %s\n",
                 n.papers, n.recommendations, n.outcomes, n.decisions, n.contacts, n.legal_references, n.dates, o.out.c_str());
  } else if (!o.out.empty()) {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + o.out);
    const ExportCounts n = write_jsonl(archive, o.filter, out);
    std::fprintf(stderr, "papers: %zu records -> %s\n", n.papers, o.out.c_str());
  } else {
    write_jsonl(archive, o.filter, std::cout);
  }
  return kOk;
}

}  // namespace

Run add_export(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = app.add_subcommand("export", "write the archive as JSON Lines (whole records) or CSV (one file per table)");
  cmd->add_option("--format", o->format,
                  "jsonl: one full record a line (recommendations with their outcome); csv: papers, recommendations, decisions, "
                  "contacts, legal_references, dates and outcomes tables")
      ->check(CLI::IsMember({"jsonl", "csv"}).description(""))
      ->option_text("jsonl|csv (default jsonl)");
  cmd->add_option("--out", o->out, "csv: the folder for the seven files (required); jsonl: a file (default stdout)")
      ->option_text("FOLDER|FILE");
  cmd->add_flag("--excel", o->excel, "csv: start each file with a UTF-8 byte order mark, so that Excel reads \"£\" and accents right");
  cmd->add_option("--body", o->filter.body, "only papers of this body (any case)")->option_text("NAME");
  cmd->add_option("--organisation", o->filter.organisation, "only papers of this organisation (any case)")->option_text("NAME");
  add_date_filters(cmd, o->filter.since, o->filter.until);
  cmd->footer("\nExamples:\n  papers export > papers.jsonl\n  papers export --format csv --out tables/\n"
              "  papers export --format csv --out panel/ --body \"Police and Crime Panel\" --since 2015 --excel\n\n"
              "CSV files and their columns (stable; new ones are only added at the end; rows join on the paper's id):\n"
              "  papers.csv            id, path, bytes, media_type, pages, method, title, body, organisation,\n"
              "                        meeting_date, report_date, agenda_item, author, classification,\n"
              "                        exempt_paragraphs, ingested_at, pack_id, pack_first_page,\n"
              "                        pack_last_page, places\n"
              "  recommendations.csv   paper_id, seq, number, text, body, action, page, span_begin, span_end, P,\n"
              "                        outcome, minutes_id, minute\n"
              "  contacts.csv          paper_id, seq, name, role, email, phone, page, P\n"
              "  legal_references.csv  paper_id, seq, text, act, act_key, section, page, P\n"
              "  dates.csv             paper_id, seq, text, kind, start, end, page, P\n"
              "  decisions.csv         paper_id, seq, number, text, page, span_begin, span_end, P, minute,\n"
              "                        vote_for, vote_against, vote_abstain, vote_result\n"
              "  outcomes.csv          paper_id, recommendation_seq, recommendation_number, recommendation, outcome,\n"
              "                        minutes_id, minutes_path, body, meeting_date, minute, minute_heading, page,\n"
              "                        decision, vote_for, vote_against, vote_abstain, cue, match, P\n"
              "where P is paper_title, paper_body, paper_date. RFC 4180: UTF-8, CRLF line ends.\n"
              "Dates filter on the meeting date, else the report date.");
  return reading_archive(global, [o](Archive& archive) { return run_export(*o, archive); });
}

}  // namespace papers::cli
