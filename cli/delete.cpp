// `papers delete`: papers out of the archive (their record, rows, index entries and paths), by id
// or id prefix. The originals are not touched. See command.h.
#include <cstdio>

#include "archive/archive.h"
#include "cli/command.h"

namespace papers::cli {

Run add_delete(CLI::App& app, const GlobalOptions& global) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("delete", "remove papers from the archive (the files themselves are not touched)");
  cmd->add_option("ids", *ids, "the papers' ids, or their first 6 or more characters")->required()->option_text("ID ...");
  cmd->footer("\nExamples:\n  papers delete 2fd81aa7\n  papers delete 2fd81aa7 9db57c21 --archive board.db\n\n"
              "A deleted paper's file is archived again by a later `papers ingest` of its folder.");
  return writing_archive(global, [ids](Archive& archive) {
    int status = kOk;
    archive.begin();
    for (const std::string& asked : *ids) {
      int why = kOk;
      const std::optional<std::string> id = one_paper(archive, asked, &why);
      if (!id) {
        status = why;
        continue;
      }
      const auto record = archive.record(*id);
      const std::string title = record && (*record)["title"].is_string() ? (*record)["title"].get<std::string>() : "(untitled)";
      archive.remove(*id);
      std::fprintf(stderr, "papers: deleted %s (%s)\n", id->substr(0, 12).c_str(), title.c_str());
      // A paper also found bound in a pack: the pack no longer names it, until it is made again.
      if (record && (*record)["places"].is_array())
        for (const auto& place : (*record)["places"])
          if (place.is_string() && place.get<std::string>().find("#pages=") != std::string::npos)
            std::fprintf(stderr, "papers: it was also bound in %s: `papers reextract` of that pack makes those pages a paper again\n",
                         place.get<std::string>().c_str());
    }
    archive.commit();
    archive.link_touched_outcomes();  // a deleted minutes paper's links go; its reports link anew
    return status;
  });
}

}  // namespace papers::cli
