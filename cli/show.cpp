// `papers show`: an archived paper's record as JSON, by its id, a prefix of it in any case, or a
// path it was ingested from. Says why when no single paper is meant. See command.h.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "archive/archive.h"
#include "cli/command.h"
#include "pipeline/read.h"
#include "pipeline/utf8.h"

namespace papers::cli {

namespace {

bool hex(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

int show(const std::string& what, Archive& archive, const std::string& archive_path) {
  std::vector<std::string> ids;
  // A path: the paper archived from it, or the one with its bytes.
  std::error_code ec;
  if (!hex(what) || std::filesystem::is_regular_file(what, ec)) {
    ids = archive.ids_of_path(what);
    if (ids.empty() && std::filesystem::is_regular_file(what, ec)) {
      std::ifstream in(what, std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      ids = archive.ids_starting(sha256_hex(bytes.str()), 2);
    }
    if (ids.empty()) {
      std::fprintf(stderr, "papers: no paper in %s was ingested from %s (give its id, or a path as given to `papers ingest`)\n",
                   archive_path.c_str(), printable(what).c_str());
      return kNotFound;
    }
    if (ids.size() > 1) {
      std::fprintf(stderr, "papers: more than one paper was ingested from %s: give its id\n", printable(what).c_str());
      return kNotFound;
    }
  } else {
    int status = kOk;
    const std::optional<std::string> id = one_paper(archive, what, &status);
    if (!id) return status;
    ids = {*id};
  }
  const auto record = archive.record(ids[0]);
  if (!record) return kNotFound;
  std::cout << record->dump(2) << "\n";
  return kOk;
}

}  // namespace

Run add_show(CLI::App& app, const GlobalOptions& global) {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("show", "print an archived paper's record as JSON");
  cmd->add_option("id", *id, "the paper's id (SHA-256), at least its first 6 characters in any case, or a path it was ingested from")
      ->required()
      ->option_text("ID|PATH");
  cmd->footer("\nExamples:\n  papers show 2fd81aa7\n  papers show 2FD81AA7 --archive board.db\n  papers show minutes/2019-03-04.pdf");
  return reading_archive(global, [id, &global](Archive& archive) { return show(*id, archive, global.archive_path); });
}

}  // namespace papers::cli
