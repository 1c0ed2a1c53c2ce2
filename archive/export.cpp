// Exports of the archive. See export.h.
#include "archive/export.h"

#include <fstream>
#include <stdexcept>

namespace papers {
namespace {

using nlohmann::json;

// A JSON value as a CSV cell: strings as they are, numbers as written, null as empty.
std::string cell(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

void write_row(std::ostream& out, const std::vector<std::string>& row) {
  for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_field(row[i]);
  out << "\r\n";
}

}  // namespace

const std::vector<std::pair<std::string, std::vector<std::string>>>& csv_tables() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> tables = {
      {"papers.csv",
       {"id", "path", "bytes", "media_type", "pages", "method", "title", "body", "organisation", "meeting_date",
        "report_date", "agenda_item", "author", "classification", "exempt_paragraphs", "ingested_at", "pack_id", "pack_first_page",
        "pack_last_page", "places"}},
      {"recommendations.csv",
       {"paper_id", "seq", "number", "text", "body", "action", "page", "span_begin", "span_end", "paper_title", "paper_body", "paper_date",
        "outcome", "minutes_id", "minute"}},
      {"contacts.csv", {"paper_id", "seq", "name", "role", "email", "phone", "page", "paper_title", "paper_body", "paper_date"}},
      {"legal_references.csv", {"paper_id", "seq", "text", "act", "act_key", "section", "page", "paper_title", "paper_body", "paper_date"}},
      {"dates.csv", {"paper_id", "seq", "text", "kind", "start", "end", "page", "paper_title", "paper_body", "paper_date"}},
      {"decisions.csv",
       {"paper_id", "seq", "number", "text", "page", "span_begin", "span_end", "paper_title", "paper_body", "paper_date", "minute",
        "vote_for", "vote_against", "vote_abstain", "vote_result"}},
      {"outcomes.csv",
       {"paper_id", "recommendation_seq", "recommendation_number", "recommendation", "outcome", "minutes_id", "minutes_path", "body",
        "meeting_date", "minute", "minute_heading", "page", "decision", "vote_for", "vote_against", "vote_abstain", "cue", "match",
        "paper_title", "paper_body", "paper_date"}},
  };
  return tables;
}

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

ExportCounts write_jsonl(Archive& archive, const RecordFilter& filter, std::ostream& out) {
  ExportCounts n;
  archive.each_record(filter, [&](const json& r, const std::string&) {
    out << r.dump() << '\n';
    ++n.papers;
  });
  return n;
}

ExportCounts write_csv_tables(Archive& archive, const RecordFilter& filter, const std::filesystem::path& dir, const CsvOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    throw std::invalid_argument(dir.string() + " is a file: CSV export writes seven files into a folder");
  std::filesystem::create_directories(dir, ec);
  const auto& tables = csv_tables();
  std::vector<std::ofstream> files;
  for (const auto& [name, columns] : tables) {
    files.emplace_back(dir / name, std::ios::binary | std::ios::trunc);
    if (!files.back()) throw std::runtime_error("cannot write " + (dir / name).string());
    if (options.excel) files.back() << "\xEF\xBB\xBF";  // UTF-8's byte order mark: Excel then reads "£" as "£"
    write_row(files.back(), columns);
  }
  ExportCounts n;
  archive.each_record(filter, [&](const json& r, const std::string& ingested_at) {
    const std::string id = r.value("id", "");
    const json& source = r["source"];
    // The paper's title, body and date at the end of each item's row, so that a table read alone
    // says which paper each row is from.
    const std::string title = cell(r["title"]), body = cell(r["body"]);
    const std::string date = r["meeting_date"].is_string() ? cell(r["meeting_date"]) : cell(r["report_date"]);
    const auto with_paper = [&](std::vector<std::string> row) {
      row.insert(row.end(), {title, body, date});
      return row;
    };
    // A pack's part: its pack and pages there. Every file the paper was found in, one a line.
    const json part_of = r.value("part_of", json());
    std::string places;
    for (const json& place : r.value("places", json::array())) places += (places.empty() ? "" : "\n") + cell(place);
    write_row(files[0], {id, cell(source["path"]), cell(source["bytes"]), cell(source["media_type"]), cell(source["pages"]),
                         cell(r["extraction"]["method"]), cell(r["title"]), cell(r["body"]), cell(r["organisation"]),
                         cell(r["meeting_date"]), cell(r["report_date"]), cell(r["agenda_item"]), cell(r["author"]),
                         cell(r["classification"]), cell(r.value("exempt_paragraphs", json())), ingested_at,
                         part_of.is_object() ? cell(part_of.value("pack", json())) : std::string(),
                         part_of.is_object() ? cell(part_of.value("first", json())) : std::string(),
                         part_of.is_object() ? cell(part_of.value("last", json())) : std::string(), places});
    ++n.papers;
    std::size_t seq = 0;
    for (const json& x : r["recommendations"]) {
      const json span = x.value("span", json::array({nullptr, nullptr}));
      const json o = x.value("outcome", json());
      const auto of = [&](const char* key) { return o.is_object() ? cell(o.value(key, json())) : std::string(); };
      std::vector<std::string> row = with_paper({id, std::to_string(++seq), cell(x["number"]), cell(x["text"]), cell(x.value("body", json())),
                                                 cell(x.value("action", json())), cell(x["page"]), cell(span[0]), cell(span[1])});
      row.insert(row.end(), {of("outcome"), of("minutes"), of("minute")});
      write_row(files[1], row);
      ++n.recommendations;
      if (o.is_object()) {
        const json vote = o.value("vote", json());
        const auto count = [&](const char* key) { return vote.is_object() ? cell(vote.value(key, json())) : std::string(); };
        write_row(files[6], with_paper({id, std::to_string(seq), cell(x["number"]), cell(x["text"]), of("outcome"), of("minutes"),
                                        of("minutes_path"), of("body"), of("meeting_date"), of("minute"), of("minute_heading"), of("page"),
                                        of("decision"), count("for"), count("against"), count("abstain"), of("cue"), of("match")}));
        ++n.outcomes;
      }
    }
    seq = 0;
    for (const json& x : r["contacts"]) {
      write_row(files[2], with_paper({id, std::to_string(++seq), cell(x["name"]), cell(x["role"]), cell(x["email"]), cell(x["phone"]),
                           cell(x["page"])}));
      ++n.contacts;
    }
    seq = 0;
    for (const json& x : r["legal_references"]) {
      write_row(files[3], with_paper({id, std::to_string(++seq), cell(x["text"]), cell(x["act"]), cell(x.value("act_key", json())),
                           cell(x["section"]), cell(x["page"])}));
      ++n.legal_references;
    }
    seq = 0;
    for (const json& x : r["dates"]) {
      write_row(files[4], with_paper({id, std::to_string(++seq), cell(x["text"]), cell(x["kind"]), cell(x["start"]), cell(x["end"]),
                           cell(x["page"])}));
      ++n.dates;
    }
    seq = 0;
    for (const json& x : r.value("decisions", json::array())) {
      const json span = x.value("span", json::array({nullptr, nullptr}));
      const json vote = x.value("vote", json());
      const auto count = [&](const char* key) { return vote.is_object() ? cell(vote.value(key, json())) : std::string(); };
      std::vector<std::string> row = with_paper({id, std::to_string(++seq), cell(x["number"]), cell(x["text"]), cell(x["page"]),
                                                 cell(span[0]), cell(span[1])});
      row.insert(row.end(), {cell(x.value("minute", json())), count("for"), count("against"), count("abstain"), count("result")});
      write_row(files[5], row);
      ++n.decisions;
    }
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    files[i].flush();
    if (!files[i]) throw std::runtime_error("cannot write " + (dir / tables[i].first).string());
  }
  return n;
}

}  // namespace papers
