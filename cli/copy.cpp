// `papers copy`: an archive moved between back ends (a SQLite file and a PostgreSQL database,
// either way) row by row, nothing re-extracted. See command.h.
#include <cstdio>

#include "archive/archive.h"
#include "cli/command.h"

namespace papers::cli {

Run add_copy(CLI::App& app, const GlobalOptions&) {
  struct CopyOptions {
    std::string from, to;
  };
  auto o = std::make_shared<CopyOptions>();
  auto* cmd = app.add_subcommand("copy", "copy a whole archive into a new one of either back end (SQLite file, PostgreSQL URL), without re-extracting");
  cmd->add_option("--from", o->from, "the archive to copy")->required()->option_text("FILE|URL");
  cmd->add_option("--to", o->to, "a new, empty archive (made if it is not there)")->required()->option_text("FILE|URL");
  cmd->footer(std::string("\nExamples:\n  papers copy --from papers.db --to postgresql://records/papers\n"
                          "  papers copy --from postgresql://records/papers --to county-2024.db\n\n"
                          "Records, their rows, places, outcomes, failures and the shared import's jobs are copied as\n"
                          "they are (ids, ingestion order and times kept); the target's back end indexes them for search.\n") +
              kExitCodes);
  return [o] {
    if (std::string why = missing_archive(o->from); !why.empty()) {
      std::fprintf(stderr, "papers: %s\n", why.c_str());
      return kFatal;
    }
    try {
      Archive from(o->from, /*read_only=*/true);
      Archive to(o->to);
      std::int64_t papers = 0;
      from.copy_to(to, [&](std::int64_t n) { papers = n; });
      std::fprintf(stderr, "papers: copied %lld papers (%lld recommendations, %lld decisions) from %s to %s\n", static_cast<long long>(papers),
                   static_cast<long long>(to.count_recommendations()), static_cast<long long>(to.count_decisions()), o->from.c_str(),
                   o->to.c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "papers: %s\n", e.what());
      return kFatal;
    }
    return kOk;
  };
}

}  // namespace papers::cli
