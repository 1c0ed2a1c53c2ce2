// The `papers` command line: lists the commands (one file each under cli/), reads the options
// every command takes (--archive, before or after the command's name), --version, help, and
// names an unknown command with the list of known ones. Does no command's work itself.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/command.h"
#include "pipeline/ocr.h"
#include "pipeline/reader_process.h"

namespace {

using namespace papers::cli;

// The first word of the command line that is no option nor an option's value: the command's name
// (empty when there is none).
std::string command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strcmp(a, "--archive") == 0) {
      ++i;  // its value
      continue;
    }
    if (a[0] == '-') continue;
    return a;
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything else: Tesseract's OpenMP must not start threads of its own (re-executes once).
  papers::limit_openmp_threads(argv);
  // Run again as a reader process by an ingest (pipeline/reader_process.h)?
  if (const int status = papers::run_reader_process_if_asked(argc, argv); status >= 0) return status;
  CLI::App app{"papers: bulk-ingest committee papers (Board, Panel, Committee, Cabinet and Council papers) into a searchable archive"};
  app.name("papers");
  app.fallthrough();  // --archive after the command's name too: `papers ingest DIR --archive x.db`
  app.require_subcommand(1);
  app.set_version_flag("--version", [] { return version_text(); }, "print the version and the libraries it runs on");
  GlobalOptions global;
  app.add_option("--archive", global.archive_path, "the archive: a file (SQLite), or a PostgreSQL database by URL (postgresql://user@host/db); before or after the command")
      ->option_text("FILE (default papers.db)");
  std::vector<std::pair<CLI::App*, Run>> commands;
  for (auto add : {add_ingest, add_extract, add_show, add_list, add_search, add_export, add_serve, add_stats, add_reextract,
                   add_retry, add_delete, add_enqueue, add_work, add_copy, add_eval}) {
    Run run = add(app, global);
    commands.emplace_back(app.get_subcommands([](CLI::App*) { return true; }).back(), std::move(run));
  }
  std::string names;
  for (const auto& [cmd, run] : commands) names += (names.empty() ? "" : ", ") + cmd->get_name();
  app.footer("\nCommands: " + names + ". `papers help COMMAND` or `papers COMMAND --help` for one.\n\n"
             "Examples:\n  papers ingest ~/minutes ~/reports --jobs 8\n  papers extract report.pdf | jq .recommendations\n"
             "  papers show 2fd81aa7\n  papers search \"winter service\" --in recommendations --since 2015\n"
             "  papers export --format csv --out tables/\n  papers serve\n  papers stats\n  papers eval corpus/dev\n\n" +
             std::string(kExitCodes));

  // `papers help` and `papers help search`; `papers foo` names what there is.
  const std::string word = command_word(argc, argv);
  if (word == "help") {
    for (int i = 1; i + 1 < argc; ++i)
      if (std::strcmp(argv[i], "help") == 0)
        for (const auto& [cmd, run] : commands)
          if (cmd->get_name() == argv[i + 1]) {
            std::printf("%s\n", cmd->help("papers").c_str());
            return kOk;
          }
    std::printf("%s\n", app.help().c_str());
    return kOk;
  }
  if (!word.empty()) {
    bool known = false;
    for (const auto& [cmd, run] : commands) known = known || cmd->get_name() == word;
    if (!known) {
      std::fprintf(stderr, "papers: no command '%s'; the commands are %s (papers --help)\n", word.c_str(), names.c_str());
      return kUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RequiredError& e) {
    if (app.get_subcommands().empty()) {
      std::fprintf(stderr, "papers: give a command: %s (papers --help)\n", names.c_str());
      return kUsage;
    }
    app.exit(e);
    return kUsage;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  for (const auto& [cmd, run] : commands)
    if (cmd->parsed()) return run();
  return kUsage;
}
