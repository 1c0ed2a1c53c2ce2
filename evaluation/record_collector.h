// A pipeline sink that keeps every record it is given, by path, and every failure: for the
// evaluations that need several papers' records at once (outcome links, pack splits), over a
// labelled handful of papers. Must not be used for a whole corpus: it holds every record.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/pipeline.h"

namespace papers {

class RecordCollector : public PipelineSink {
 public:
  bool already_archived(const std::string&, const std::string&) override { return false; }
  void archived(Record record) override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string path = record.source.path;
    records.emplace(std::move(path), std::move(record));
  }
  void skipped(const std::string& path, const std::string&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    failures.emplace_back(path, "the same bytes as another paper");
  }
  void failed(Failure f) override {
    std::lock_guard<std::mutex> lock(mutex_);
    failures.emplace_back(f.path, f.reason);
  }
  std::map<std::string, Record> records;
  std::vector<std::pair<std::string, std::string>> failures;

 private:
  std::mutex mutex_;
};

}  // namespace papers
