// `papers reextract`: records made again from the originals, after an upgrade of the extractors:
// every paper, those an older extractor made (--outdated), or those named. An original is used
// only while its bytes still hash to the paper's id; a paper whose every path is gone or changed
// keeps its record and is reported. Runs the pipeline in parallel, as ingest does. See command.h.
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "archive/archive.h"
#include "cli/command.h"
#include "pipeline/fields.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "pipeline/utf8.h"

namespace papers::cli {
namespace {

struct ReextractOptions {
  std::vector<std::string> ids;
  bool all = false, outdated = false;
  PipelineOptions pipeline;
};

// Takes what the pipeline made of the paths tried: a record whose bytes are the wanted paper's
// replaces its record; one whose bytes changed is that path's miss.
class ReplacingSink : public PipelineSink {
 public:
  ReplacingSink(Archive& archive, std::map<std::string, std::string> wanted_by_path)
      : archive_(archive), wanted_by_path_(std::move(wanted_by_path)) {}
  bool already_archived(const std::string&, const std::string&) override { return false; }
  void archived(Record record) override {
    const auto wanted = wanted_by_path_.find(record.source.path);
    if (wanted == wanted_by_path_.end() || wanted->second != record.source.sha256) return;  // changed since
    // The record names the path the paper was first archived from, as it did.
    const std::vector<std::string> paths = archive_.original_paths(wanted->second);
    if (!paths.empty()) record.source.path = paths.front();
    archive_.begin();
    if (archive_.replace(record, record_to_json(record))) done_.insert(wanted->second);
    archive_.commit();
  }
  void skipped(const std::string&, const std::string&) override {}
  void failed(Failure failure) override {
    std::fprintf(stderr, "failed: %s: %s (its record is kept as it was)\n", printable(failure.path).c_str(), failure.reason.c_str());
  }
  const std::set<std::string>& done() const { return done_; }

 private:
  Archive& archive_;
  std::map<std::string, std::string> wanted_by_path_;  // path tried -> the id it should hash to
  std::set<std::string> done_;
};

int reextract(const ReextractOptions& o, Archive& archive, const std::string& archive_path) {
  std::vector<std::string> ids;
  int status = kOk;
  if (o.all) ids = archive.ids_older_than(std::numeric_limits<int>::max());
  else if (o.outdated) ids = archive.ids_older_than(kExtractorVersion);
  for (const std::string& asked : o.ids) {
    int why = kOk;
    if (const std::optional<std::string> id = one_paper(archive, asked, &why)) ids.push_back(*id);
    else status = why;
  }
  // Each paper's paths that still exist, tried in turn until one hashes to its id.
  std::map<std::string, std::vector<std::string>> untried;
  for (const std::string& id : ids) {
    for (const std::string& path : archive.original_paths(id)) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(path, ec)) untried[id].push_back(path);
    }
  }
  std::set<std::string> done;
  while (true) {
    std::map<std::string, std::string> wanted_by_path;
    std::vector<std::string> paths;
    for (auto& [id, candidates] : untried) {
      if (done.count(id) || candidates.empty()) continue;
      wanted_by_path[candidates.front()] = id;
      paths.push_back(candidates.front());
      candidates.erase(candidates.begin());
    }
    if (paths.empty()) break;
    ReplacingSink sink(archive, wanted_by_path);
    std::string ocr_error;
    run_pipeline(paths, o.pipeline, sink, &ocr_error);
    if (!ocr_error.empty()) {
      std::fprintf(stderr, "papers: %s (records are kept as they were)\n", ocr_error.c_str());
      return kFatal;
    }
    done.insert(sink.done().begin(), sink.done().end());
  }
  archive.link_touched_outcomes();
  std::vector<std::string> missed;
  for (const std::string& id : ids)
    if (!done.count(id)) missed.push_back(id);
  std::fprintf(stderr, "papers: re-extracted %zu of %zu papers (extractor version %d) -> %s\n", done.size(), ids.size(),
               kExtractorVersion, archive_path.c_str());
  for (const std::string& id : missed) {
    const std::vector<std::string> paths = archive.original_paths(id);
    std::fprintf(stderr, "papers: kept %s as it was: no original still holds its bytes (%s%s)\n", id.substr(0, 12).c_str(),
                 paths.empty() ? "no path known" : printable(paths.front()).c_str(), paths.size() > 1 ? ", ..." : "");
  }
  return !missed.empty() ? kSomeFailed : status;
}

}  // namespace

Run add_reextract(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ReextractOptions>();
  auto* cmd = app.add_subcommand("reextract", "make archived papers' records again from their originals (after an upgrade)");
  cmd->add_option("ids", o->ids, "the papers' ids, or their first 6 or more characters")->option_text("ID ...");
  cmd->add_flag("--outdated", o->outdated, "the papers whose record an older extractor made");
  cmd->add_flag("--all", o->all, "every paper");
  cmd->add_option("-j,--jobs", o->pipeline.jobs, "worker threads (0: one per core)")->option_text("N (default 0)");
  add_ocr_options(cmd, o->pipeline.text);
  add_date_order_option(cmd, o->pipeline.text.date_order);
  cmd->footer(std::string("\nExamples:\n  papers reextract --outdated\n  papers reextract 2fd81aa7 --ocr always\n"
                          "  papers reextract --all --archive board.db --jobs 8\n\n"
                          "An original is read from the paths the paper was ingested from, and only while its bytes still\n"
                          "hash to the paper's id; a paper none of whose files is left as it was keeps its record (exit 3).\n"
                          "Records keep their paths and when they were first archived. ") + kExitCodes);
  const Run run = writing_archive(global, [o, &global](Archive& archive) { return reextract(*o, archive, global.archive_path); });
  return [o, run] {
    if (o->ids.empty() && !o->all && !o->outdated) {
      std::fprintf(stderr, "papers: say which papers: their ids, --outdated (made by an older extractor) or --all\n");
      return kUsage;
    }
    return run();
  };
}

}  // namespace papers::cli
