// `papers list`: the archived papers, one a line (date, body, title, id, path) or as JSON, with the
// filters of search and export. See command.h.
#include <cstdio>
#include <iostream>

#include "archive/archive.h"
#include "cli/command.h"
#include "pipeline/utf8.h"

namespace papers::cli {

Run add_list(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    RecordFilter filter;
    std::size_t limit = 0;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("list", "list the archived papers: date, body, title, id and path");
  cmd->add_option("--body", o->filter.body, "only papers of this body (any case)")->option_text("NAME");
  cmd->add_option("--organisation", o->filter.organisation, "only papers of this organisation (any case)")->option_text("NAME");
  add_date_filters(cmd, o->filter.since, o->filter.until);
  cmd->add_option("--limit", o->limit, "at most this many (0: all)")->option_text("N (default 0)");
  cmd->add_flag("--json", o->json, "print a JSON array: id, title, body, organisation, date, path, pages, extractor_version");
  cmd->footer("\nExamples:\n  papers list\n  papers list --body \"Police and Crime Panel\" --since 2015\n  papers list --json | jq '.[].id'\n\n"
              "In the order they were archived. Dates are the meeting date, else the report date.");
  return reading_archive(global, [o](Archive& archive) {
    nlohmann::json out = nlohmann::json::array();
    std::size_t n = 0;
    archive.each_record(o->filter, [&](const nlohmann::json& r, const std::string&) {
      if (o->limit > 0 && n >= o->limit) return;
      ++n;
      const auto text = [&](const char* key) { return r[key].is_string() ? r[key].get<std::string>() : std::string(); };
      const std::string date = text("meeting_date").empty() ? text("report_date") : text("meeting_date");
      const std::string path = r["source"]["path"].get<std::string>();
      if (o->json) {
        out.push_back({{"id", r["id"]}, {"title", r["title"]}, {"body", r["body"]}, {"organisation", r["organisation"]},
                       {"date", date.empty() ? nlohmann::json() : nlohmann::json(date)}, {"path", path},
                       {"pages", r["source"]["pages"]}, {"extractor_version", r["extraction"].value("extractor_version", 0)}});
        return;
      }
      const std::string title = text("title").empty() ? "(untitled)" : text("title");
      std::printf("%-10s  %-28.28s  %-50.50s  %s  %s\n", date.empty() ? "----------" : date.c_str(),
                  text("body").empty() ? "-" : text("body").c_str(), title.c_str(), r["id"].get<std::string>().substr(0, 12).c_str(),
                  path.c_str());
    });
    if (o->json) std::cout << out.dump(2) << "\n";
    else std::printf("%zu paper%s\n", n, n == 1 ? "" : "s");
    return kOk;
  });
}

}  // namespace papers::cli
