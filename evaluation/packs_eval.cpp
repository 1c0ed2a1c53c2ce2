// Pack splits scored against labels. See packs_eval.h.
#include "evaluation/packs_eval.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "archive/same_paper.h"
#include "evaluation/record_collector.h"

namespace papers {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;


std::string str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

PackEvalReport evaluate_packs(const fs::path& labels_dir, const fs::path& root, const PipelineOptions& options, std::string* error) {
  PackEvalReport report;
  std::vector<json> labels;
  std::set<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(labels_dir, ec)) {
    if (!entry.path().string().ends_with(".parts.json")) continue;
    std::ifstream in(entry.path());
    json label = json::parse(in, nullptr, false);
    if (!label.is_object() || str(label, "pack").empty()) {
      report.failed.emplace_back(entry.path().string(), "not a pack label (an object with \"pack\")");
      continue;
    }
    const fs::path pack = root / str(label, "pack");
    files.insert(pack.string());
    // The originals beside it: every other PDF of its folder that is no pack.
    for (const auto& other : fs::directory_iterator(pack.parent_path(), ec))
      if (other.path().extension() == ".pdf" && other.path().filename().string().rfind("PACK - ", 0) != 0) files.insert(other.path().string());
    labels.push_back(std::move(label));
  }
  if (ec && error) *error = labels_dir.string() + ": " + ec.message();
  std::sort(labels.begin(), labels.end(), [](const json& a, const json& b) { return str(a, "pack") < str(b, "pack"); });
  RecordCollector sink;
  run_pipeline(std::vector<std::string>(files.begin(), files.end()), options, sink, error);
  if (error && !error->empty()) return report;
  report.failed.insert(report.failed.end(), sink.failures.begin(), sink.failures.end());
  // Each original's runs, once.
  std::map<std::string, std::vector<std::uint64_t>> runs;
  for (const auto& [path, record] : sink.records)
    if (record.parts.empty()) runs[path] = word_runs(record.text);
  for (const json& label : labels) {
    ++report.packs;
    const std::string name = str(label, "pack");
    const fs::path pack_path = root / name;
    const auto found = sink.records.find(pack_path.string());
    const json want = label.value("parts", json::array());
    if (found == sink.records.end()) {
      report.parts += static_cast<long>(want.size());
      report.misses.push_back(name + ": not read");
      continue;
    }
    const Record& pack = found->second;
    std::set<std::size_t> matched;
    for (const json& w : want) {
      ++report.parts;
      const int first = w.value("first", 0), last = w.value("last", 0);
      const std::string kind = str(w, "kind");
      const PackPart* got = nullptr;
      for (std::size_t i = 0; i < pack.parts.size(); ++i)
        if (pack.parts[i].first == first && pack.parts[i].last == last) {
          got = &pack.parts[i];
          matched.insert(i);
        }
      const std::string pages = name + " pages " + std::to_string(first) + "-" + std::to_string(last);
      if (got && got->kind == kind) ++report.parts_right;
      else report.misses.push_back(pages + ": labelled " + kind + (got ? ", found " + got->kind : ", not found as a part"));
      if (kind == "blank") continue;
      ++report.originals;
      const std::string want_original = w.contains("original") && w["original"].is_string() ? (root / w["original"].get<std::string>()).string() : "";
      std::string got_original;
      for (const Record& part : pack.part_records) {
        if (!part.part_of || part.part_of->first != first) continue;
        const std::vector<std::uint64_t> mine = word_runs(part.text);
        double best = kSamePaper - 1e-9;
        for (const auto& [path, theirs] : runs) {
          const auto r = sink.records.find(path);
          if (r == sink.records.end() || r->second.source.pages != part.source.pages) continue;
          const double score = resemblance(mine, theirs);
          if (score > best) {
            best = score;
            got_original = path;
          }
        }
      }
      if (got_original == want_original) ++report.originals_right;
      else
        report.misses.push_back(pages + ": original labelled " + (want_original.empty() ? "none" : fs::path(want_original).filename().string()) +
                                ", matched " + (got_original.empty() ? "none" : fs::path(got_original).filename().string()));
    }
    for (std::size_t i = 0; i < pack.parts.size(); ++i)
      if (!matched.count(i)) {
        ++report.extra_parts;
        report.misses.push_back(name + " pages " + std::to_string(pack.parts[i].first) + "-" + std::to_string(pack.parts[i].last) +
                                ": found as a " + pack.parts[i].kind + ", no label has it");
      }
  }
  return report;
}

std::string pack_report_table(const PackEvalReport& r) {
  char line[512];
  std::snprintf(line, sizeof line,
                "pack splits: %ld packs\nparts at the right pages with the right kind: %ld of %ld (%ld found that no label has)\n"
                "parts matched to the right original: %ld of %ld\n",
                r.packs, r.parts_right, r.parts, r.extra_parts, r.originals_right, r.originals);
  std::string out = line;
  for (const std::string& m : r.misses) out += "  " + m + "\n";
  for (const auto& [path, why] : r.failed) out += "failed: " + path + ": " + why + "\n";
  return out;
}

json pack_report_json(const PackEvalReport& r) {
  return {{"packs", r.packs}, {"parts", r.parts}, {"parts_right", r.parts_right}, {"extra_parts", r.extra_parts},
          {"originals", r.originals}, {"originals_right", r.originals_right}, {"misses", r.misses}};
}

}  // namespace papers
