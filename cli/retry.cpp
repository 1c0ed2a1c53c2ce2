// `papers retry`: the files that failed, tried again (after installing a language pack, fixing a
// file, raising a limit). A failure whose file is gone is dropped; one archived since was dropped
// when it was. See command.h.
#include <cstdio>
#include <filesystem>

#include "archive/archive.h"
#include "cli/command.h"
#include "pipeline/utf8.h"

namespace papers::cli {

Run add_retry(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<IngestSettings>();
  auto* cmd = app.add_subcommand("retry", "ingest again the files that failed; drop the failures of files that are gone");
  add_ingest_options(cmd, *o);
  cmd->footer(std::string("\nExamples:\n  papers retry\n  papers retry --ocr-page-timeout 600 --lang eng+fra\n\n") + kExitCodes);
  return [o, &global] {
    if (std::string why = missing_archive(global.archive_path); !why.empty()) {
      std::fprintf(stderr, "papers: %s\n", why.c_str());
      return kFatal;
    }
    std::vector<std::string> paths;
    try {
      Archive archive(global.archive_path);
      archive.begin();
      for (const Failure& f : archive.failures()) {
        std::error_code ec;
        if (std::filesystem::exists(std::filesystem::symlink_status(f.path, ec))) {
          paths.push_back(f.path);
        } else {
          archive.resolve_failure(f.path);
          std::fprintf(stderr, "papers: %s is gone: its failure is dropped\n", printable(f.path).c_str());
        }
      }
      archive.commit();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "papers: %s\n", e.what());
      return kFatal;
    }
    if (paths.empty()) {
      std::fprintf(stderr, "papers: no failed file to try again\n");
      return kOk;
    }
    return ingest_paths(paths, *o, global.archive_path);
  };
}

}  // namespace papers::cli
