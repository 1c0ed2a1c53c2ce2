// `papers search`: ranked full-text hits from the archive, as lines for a person or, with --json,
// the web API's answer (web/api.h search_reply), so that scripts see one shape. See command.h.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "archive/archive.h"
#include "cli/command.h"
#include "web/api.h"

namespace papers::cli {
namespace {

struct SearchOptions {
  SearchQuery query;
  std::string in = "papers";
  bool json = false;
};

// One hit a line: date, body, title (or the recommendation's number and page), id; the snippet
// indented under it.
void print_hits(const std::vector<SearchHit>& hits, SearchIn in) {
  if (hits.empty()) {
    std::printf("no hits\n");
    return;
  }
  for (const SearchHit& h : hits) {
    const std::string when = h.date.empty() ? "----------" : h.date;
    std::string what = h.title.empty() ? "(untitled)" : h.title;
    if (in != SearchIn::papers)
      what = std::string(in == SearchIn::decisions ? "decision " : "rec ") + (h.number.empty() ? std::string("-") : h.number) +
             ", p." + std::to_string(h.page) + " of " + what;
    if (in == SearchIn::recommendations) what = "[" + (h.outcome.empty() ? std::string("no outcome") : h.outcome) + "] " + what;
    std::printf("%s  %-28.28s  %-60.60s  %s\n", when.c_str(), h.body.empty() ? "-" : h.body.c_str(), what.c_str(),
                h.paper_id.substr(0, 12).c_str());
    std::printf("            %s\n", h.snippet.c_str());
  }
  std::printf("%zu hit%s\n", hits.size(), hits.size() == 1 ? "" : "s");
}

int search(SearchOptions& o, Archive& archive) {
  if (o.json) {
    web::Params params = {{"q", o.query.text}, {"in", o.in}, {"limit", std::to_string(o.query.limit)}};
    if (o.query.include_undated) params.emplace("include_undated", "1");
    for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"body", &o.query.body},
                                      {"organisation", &o.query.organisation},
                                      {"since", &o.query.since},
                                      {"until", &o.query.until},
                                      {"act", &o.query.act},
                                      {"outcome", &o.query.outcome}})
      if (!value->empty()) params.emplace(name, *value);
    web::ApiLimits limits;
    limits.max_limit = 10000;
    limits.max_query_bytes = QueryLimits{}.max_bytes;
    limits.max_filter_bytes = 10000;
    const web::Reply reply = web::search_reply(archive, params, limits);
    if (reply.status != 200) {
      std::fprintf(stderr, "papers: %s\n", reply.body.value("error", std::string("bad query")).c_str());
      return kUsage;
    }
    std::cout << reply.body.dump(2) << "\n";
    return kOk;
  }
  o.query.in = o.in == "recommendations" ? SearchIn::recommendations : o.in == "decisions" ? SearchIn::decisions : SearchIn::papers;
  if (!o.query.outcome.empty() && o.query.in != SearchIn::recommendations) {
    std::fprintf(stderr, "papers: --outcome filters recommendations: give --in recommendations with it\n");
    return kUsage;
  }
  const bool tty = isatty(STDOUT_FILENO) == 1;
  o.query.mark_begin = tty ? "\x1b[1m" : "\xC2\xAB";  // bold, or « »
  o.query.mark_end = tty ? "\x1b[0m" : "\xC2\xBB";
  try {
    print_hits(archive.search(o.query), o.query.in);
  } catch (const SearchError& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kUsage;
  }
  if (const std::int64_t undated = archive.undated_left_out(o.query); undated > 0)
    std::fprintf(stderr, "papers: %lld more %s of undated papers left out by --since/--until (--include-undated keeps them)\n",
                 static_cast<long long>(undated), o.query.in == SearchIn::papers ? (undated == 1 ? "match" : "matches")
                                                                                   : (undated == 1 ? "hit" : "hits"));
  return kOk;
}

}  // namespace

Run add_search(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand("search", "full-text search of archived papers, their recommendations or decisions");
  cmd->add_option("query", o->query.text,
                  "words (all must match; hyphens and apostrophes are fine), \"a phrase\", prefix*, AND / OR / NOT, brackets")
      ->required()
      ->option_text("WORDS");
  cmd->add_option("--in", o->in,
                  "papers: whole papers; recommendations: one hit per recommendation; decisions: one hit per "
                  "decision (what minutes RESOLVED)")
      ->check(CLI::IsMember({"papers", "recommendations", "decisions"}).description(""))
      ->option_text("papers|recommendations|decisions (default papers)");
  cmd->add_option("--body", o->query.body, "only papers of this body, e.g. \"Police and Crime Panel\"")->option_text("NAME");
  cmd->add_option("--organisation", o->query.organisation, "only papers of this organisation")->option_text("NAME");
  add_date_filters(cmd, o->query.since, o->query.until);
  cmd->add_flag("--include-undated", o->query.include_undated, "with --since/--until, keep papers that have no date at all");
  cmd->add_option("--act", o->query.act, "only papers citing this Act, e.g. \"Localism Act 2011\" or localism-act-2011")
      ->option_text("ACT");
  cmd->add_option("--outcome", o->query.outcome,
                  "with --in recommendations: only those the minutes of their meeting dealt with so (none: no outcome linked)")
      ->check(CLI::IsMember(outcome_kinds()).description(""))
      ->option_text("agreed|amended|deferred|rejected|noted|withdrawn|none");
  cmd->add_option("--limit", o->query.limit, "most hits to show (1 to 10000)")
      ->check(CLI::Range(1, 10000).description(""))
      ->option_text("N (default 20)");
  cmd->add_flag("--json", o->json, "print the hits as JSON, as the web page's API gives them (GET /api/search)");
  cmd->footer("\nExamples:\n  papers search \"police and crime plan\" --in recommendations --since 2015 --until 2020\n"
              "  papers search 'precept AND (increase OR rise)' --body \"Police and Crime Panel\"\n"
              "  papers search budget --in recommendations --outcome agreed --body Cabinet\n"
              "  papers search O'Hara e-mail\n"
              "  papers search librar* --act \"Public Libraries and Museums Act 1964\" --json\n\n"
              "Dates are the meeting date, else the report date. Hits are ranked by BM25 (title words count\n"
              "ten times). A query FTS5 cannot read is reported with what to change (exit 2).");
  return reading_archive(global, [o](Archive& archive) { return search(*o, archive); });
}

}  // namespace papers::cli
