// `papers --version`: this build's version and the libraries it runs on, as loaded. See command.h.
#include <sqlite3.h>

#include "cli/command.h"
#include "pipeline/pipeline.h"

#ifndef PAPERS_VERSION
#define PAPERS_VERSION "unknown"
#endif

namespace papers::cli {

std::string version_text() {
  std::string out = std::string("papers ") + PAPERS_VERSION + "\n";
  auto libraries = library_versions();
  libraries.emplace_back("SQLite", sqlite3_libversion());
  libraries.emplace_back("libpq (PostgreSQL client)", postgres_client_version());
  for (const auto& [name, version] : libraries) out += "  " + name + " " + version + "\n";
  out.pop_back();
  return out;
}

}  // namespace papers::cli
