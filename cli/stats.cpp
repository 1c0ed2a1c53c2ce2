// `papers stats`: what the archive holds (papers, pages, fields found, OCR to check, failures).
// See command.h.
#include <cstdio>

#include "archive/archive.h"
#include "cli/command.h"
#include "pipeline/utf8.h"

namespace papers::cli {
namespace {

void print_stats(Archive& archive) {
  const ArchiveStats st = archive.stats();
  std::printf("papers            %lld\n", static_cast<long long>(st.papers));
  if (st.packs > 0) std::printf("packs             %lld (agenda packs; their parts are counted as papers, once each)\n", static_cast<long long>(st.packs));
  std::printf("pages             %lld\n", static_cast<long long>(st.pages));
  std::printf("recommendations   %lld\n", static_cast<long long>(st.recommendations));
  std::printf("decisions         %lld\n", static_cast<long long>(st.decisions));
  std::printf("contacts          %lld\n", static_cast<long long>(st.contacts));
  std::printf("legal references  %lld\n", static_cast<long long>(st.legal_references));
  std::printf("dates             %lld\n", static_cast<long long>(st.dates));
  std::printf("failed files      %lld\n", static_cast<long long>(st.failures));
  std::printf("\nfields known (papers)\n");
  for (const auto& [k, v] : st.field_coverage) std::printf("  %-16s %lld\n", k.c_str(), static_cast<long long>(v));
  std::printf("\npages by method\n");
  for (const auto& [k, v] : st.by_page_method) std::printf("  %-16s %lld\n", k.c_str(), static_cast<long long>(v));
  if (st.page_errors > 0) std::printf("  %-16s %lld\n", "failed pages", static_cast<long long>(st.page_errors));
  if (!st.low_confidence.empty()) {
    std::printf("\nOCR confidence below %.0f (pages to check: page (confidence))\n", kLowConfidence);
    for (const LowConfidencePaper& p : st.low_confidence)
      std::printf("  %s  %s: %s\n", p.id.substr(0, 12).c_str(), printable(p.path).c_str(), p.pages.c_str());
  }
  std::printf("\nby media type\n");
  for (const auto& [k, v] : st.by_media_type) std::printf("  %-28s %lld\n", k.c_str(), static_cast<long long>(v));
  std::printf("\nby body\n");
  for (const auto& [k, v] : st.by_body) std::printf("  %-48s %lld\n", k.c_str(), static_cast<long long>(v));
  std::printf("\nby classification\n");
  for (const auto& [k, v] : st.by_classification) std::printf("  %-16s %lld\n", k.c_str(), static_cast<long long>(v));
  const QueueStats queue = archive.queue_stats();
  if (!queue.by_state.empty()) {
    std::printf("\njobs (papers enqueue, papers work)\n");
    for (const auto& [state, n] : queue.by_state) std::printf("  %-16s %lld\n", state.c_str(), static_cast<long long>(n));
    if (queue.lease_ran_out > 0)
      std::printf("  %-16s %lld (running, but their worker has not renewed its lease: taken again by the next worker)\n", "lease ran out",
                  static_cast<long long>(queue.lease_ran_out));
    std::printf("\njobs by worker\n");
    for (const auto& w : queue.by_worker)
      std::printf("  %-40s %-10s %lld\n", printable(w.worker).c_str(), w.state.c_str(), static_cast<long long>(w.jobs));
  }
  if (st.failures > 0) {
    std::printf("\nfailures by reason\n");
    for (const auto& [k, v] : st.failure_reasons) std::printf("  %-48s %lld\n", k.c_str(), static_cast<long long>(v));
    std::printf("\nfailed files\n");
    for (const Failure& f : archive.failures()) std::printf("  %s: %s\n", printable(f.path).c_str(), f.reason.c_str());
  }
}

}  // namespace

Run add_stats(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("stats", "summarise the archive: papers, fields found, failures");
  cmd->footer("\nExamples:\n  papers stats\n  papers stats --archive board.db");
  return reading_archive(global, [](Archive& archive) {
    print_stats(archive);
    return kOk;
  });
}

}  // namespace papers::cli
