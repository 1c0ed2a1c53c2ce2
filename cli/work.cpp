// `papers enqueue` and `papers work`: a shared import. enqueue records files as jobs in the
// archive; work, on any number of machines at once, takes jobs, holds a lease on them that a
// thread of its own renews while it reads them, and archives each paper in the transaction that
// ends its job. A worker that dies leaves its jobs to be taken again when their lease runs out; a
// file that fails is tried again a bounded number of times, then marked failed with its reason.
// Must not read a file any other way than `papers ingest` does (the pipeline, the same options).
// See command.h.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "archive/archive.h"
#include "cli/command.h"
#include "pipeline/discover.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "pipeline/utf8.h"

namespace papers::cli {
namespace {
namespace fs = std::filesystem;

// Where a worker reads the files the queue names: "FROM=TO" reads a job's "FROM/a.pdf" at
// "TO/a.pdf" (the same share mounted elsewhere); the archive keeps the queued path.
struct PathMap {
  std::string from, to;
};

std::string mapped(const std::string& path, const std::vector<PathMap>& maps, bool to_local) {
  for (const PathMap& m : maps) {
    const std::string& a = to_local ? m.from : m.to;
    const std::string& b = to_local ? m.to : m.from;
    if (!a.empty() && path.rfind(a, 0) == 0) return b + path.substr(a.size());
  }
  return path;
}

void to_queued_paths(Record& record, const std::vector<PathMap>& maps) {
  record.source.path = mapped(record.source.path, maps, false);
  for (Record& part : record.part_records) to_queued_paths(part, maps);
}

struct WorkOptions {
  IngestSettings settings;
  double lease = 60;
  int tries = 3;
  int take = 0;  // jobs taken at a time; 0: two per thread
  std::string worker;
  std::vector<std::string> path_maps;
};

struct WorkCounts {
  std::size_t jobs = 0, archived = 0, already = 0, failed = 0, retried = 0, lost = 0, pages = 0;
};

// The pipeline's files: jobs taken from the queue a few at a time (on a connection of its own,
// from the pipeline's first stage), and the jobs in hand until the sink ends them. Done when
// nothing is queued and no other worker holds a job; while another does, it waits, since that
// worker's jobs come back to the queue if it dies.
class JobFeed {
 public:
  JobFeed(const std::string& location, const WorkOptions& o, const std::vector<PathMap>& maps, int take)
      : archive_(location), o_(o), maps_(maps), take_(take) {}

  std::optional<std::string> next() {
    try {
      return take_next();
    } catch (const std::exception& e) {
      // The queue cannot be read (the server gone): this worker stops; what it holds goes back to
      // the queue when its lease runs out.
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
      return std::nullopt;
    }
  }
  // Why the feed stopped before the queue was done ("" when it was done).
  std::string error() {
    std::lock_guard<std::mutex> lock(mutex_);
    return error_;
  }
  // The jobs taken and never handed to the pipeline, given up (back to the queue, uncounted).
  std::vector<std::int64_t> give_back_waiting() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::int64_t> ids;
    for (const Job& job : waiting_) ids.push_back(job.id);
    waiting_.clear();
    return ids;
  }

 private:
  std::optional<std::string> take_next() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!waiting_.empty()) {
          Job job = waiting_.front();
          waiting_.erase(waiting_.begin());
          const std::string local = mapped(job.path, maps_, true);
          in_hand_.emplace(local, job);
          return local;
        }
      }
      const std::vector<Job> jobs = archive_.take_jobs(o_.worker, take_, o_.lease, o_.tries);
      if (!jobs.empty()) {
        std::lock_guard<std::mutex> lock(mutex_);
        taken_ += jobs.size();
        waiting_.insert(waiting_.end(), jobs.begin(), jobs.end());
        continue;
      }
      if (archive_.open_jobs(o_.worker) == 0) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::duration<double>(std::min(0.25, o_.lease / 10)));
    }
  }

 public:
  // The job of a file the pipeline read (by the path it read it at); nullopt when it is none.
  std::optional<Job> claim(const std::string& local) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = in_hand_.find(local);
    if (it == in_hand_.end()) return std::nullopt;
    Job job = it->second;
    in_hand_.erase(it);
    return job;
  }
  // Every job taken and not yet ended: what the lease keeper renews; at the end, what the
  // pipeline said nothing of.
  std::vector<Job> held() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Job> out = waiting_;
    for (const auto& [local, job] : in_hand_) out.push_back(job);
    return out;
  }
  std::size_t taken() {
    std::lock_guard<std::mutex> lock(mutex_);
    return taken_;
  }

 private:
  Archive archive_;
  const WorkOptions& o_;
  const std::vector<PathMap>& maps_;
  const int take_;
  std::mutex mutex_;
  std::vector<Job> waiting_;
  std::map<std::string, Job> in_hand_;
  std::size_t taken_ = 0;
  std::string error_;
};

// Archives each paper the pipeline yields with its job's end, in one transaction.
class JobSink : public PipelineSink {
 public:
  JobSink(Archive& archive, const std::string& location, const WorkOptions& o, const std::vector<PathMap>& maps, JobFeed& feed,
          WorkCounts& counts)
      : archive_(archive), lookup_(location, /*read_only=*/true), o_(o), maps_(maps), feed_(feed), counts_(counts) {}

  // (From the dedupe stage, while the sink may be writing: on a connection of its own.)
  bool already_archived(const std::string& sha256, const std::string&) override { return lookup_.contains(sha256); }
  void archived(Record record) override {
    const auto job = feed_.claim(record.source.path);
    if (!job) return;
    to_queued_paths(record, maps_);
    const nlohmann::json json = record_to_json(record);
    bool stored = false, mine = false;
    const std::string why = in_transaction([&] {
      stored = archive_.put(record, json);
      mine = archive_.finish_job(job->id, o_.worker, record.source.sha256);
    });
    if (!why.empty()) {
      fail(*job, Failure{job->path, "archive", why, record.source.sha256});
      return;
    }
    if (!mine) {
      ++counts_.lost;  // another worker took it after this one's lease ran out; the paper is once in the archive
    } else if (stored) {
      ++counts_.archived;
      counts_.pages += static_cast<std::size_t>(record.source.pages);
    } else {
      ++counts_.already;
    }
    if (o_.settings.verbose) say((stored ? "archived: " : "already archived: ") + printable(job->path));
    // Now and then, the outcomes of the bodies archived so far (the rest at the end).
    if (++since_linked_ >= 256) {
      archive_.link_touched_outcomes();
      since_linked_ = 0;
    }
  }
  void skipped(const std::string& path, const std::string& sha256) override {
    const auto job = feed_.claim(path);
    if (!job) return;
    const std::string why = in_transaction([&] {
      archive_.add_path(sha256, job->path);
      archive_.finish_job(job->id, o_.worker, sha256);
    });
    if (!why.empty()) {
      fail(*job, Failure{job->path, "archive", why, sha256});
      return;
    }
    ++counts_.already;
    if (o_.settings.verbose) say("already archived: " + printable(job->path));
  }
  void failed(Failure failure) override {
    const auto job = feed_.claim(failure.path);
    if (!job) return;
    failure.path = job->path;
    fail(*job, failure);
  }
  // The pipeline has stopped: jobs never handed to it go back to the queue uncounted; those it
  // read and said nothing of are tried again later, by this worker or another.
  void close() {
    archive_.release_jobs(o_.worker, feed_.give_back_waiting());
    for (const Job& job : feed_.held()) {
      feed_.claim(mapped(job.path, maps_, true));
      fail(job, Failure{job.path, "work", "the worker read nothing of it", ""});
    }
  }

 private:
  // Runs write in one transaction; a deadlock the server broke is tried once more. What went
  // wrong ("" nothing), the transaction undone.
  std::string in_transaction(const std::function<void()>& write) {
    for (int attempt = 0;; ++attempt) {
      try {
        archive_.begin();
        write();
        archive_.commit();
        return "";
      } catch (const std::exception& e) {
        archive_.rollback();
        if (attempt == 0 && std::string(e.what()).find("deadlock") != std::string::npos) continue;
        return e.what();
      }
    }
  }
  void fail(const Job& job, const Failure& failure) {
    const bool last = job.attempts >= o_.tries;
    bool mine = false;
    const std::string why = in_transaction([&] {
      mine = archive_.fail_job(job.id, o_.worker, failure.reason, o_.tries);
      if (mine && last) archive_.put_failure(failure);
    });
    if (!why.empty()) {
      say("could not record that " + printable(job.path) + " failed (" + why + "): it goes back to the queue when its lease runs out");
      return;
    }
    if (!mine) {
      ++counts_.lost;  // another worker holds it now; it says how it ends
      return;
    }
    if (last) {
      ++counts_.failed;
      say("failed: " + printable(job.path) + ": " + failure.reason);
    } else {
      ++counts_.retried;
      say("failed (try " + std::to_string(job.attempts) + " of " + std::to_string(o_.tries) + ", queued again): " + printable(job.path) +
          ": " + failure.reason);
    }
  }
  void say(const std::string& line) { std::fprintf(stderr, "papers: %s\n", line.c_str()); }
  Archive& archive_;
  Archive lookup_;
  const WorkOptions& o_;
  const std::vector<PathMap>& maps_;
  JobFeed& feed_;
  WorkCounts& counts_;
  int since_linked_ = 0;
};

// Renews the leases of the jobs in hand, on a connection of its own, every third of a lease.
class LeaseKeeper {
 public:
  LeaseKeeper(const std::string& location, const WorkOptions& o, JobFeed& feed)
      : archive_(location), o_(o), feed_(feed), thread_([this] { run(); }) {}
  ~LeaseKeeper() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
      wake_.wait_for(lock, std::chrono::duration<double>(o_.lease / 3));
      if (stop_) break;
      std::vector<std::int64_t> ids;
      for (const Job& job : feed_.held()) ids.push_back(job.id);
      if (ids.empty()) continue;
      try {
        archive_.renew_jobs(o_.worker, ids, o_.lease);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "papers: could not renew the lease of %zu jobs: %s\n", ids.size(), e.what());
      }
    }
  }
  Archive archive_;
  const WorkOptions& o_;
  JobFeed& feed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: it starts once the rest is made
};

std::string default_worker() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "localhost");
  // With a few random letters: two containers on one host may both be pid 1.
  std::random_device random;
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%04x", static_cast<unsigned>(random() & 0xffff));
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + suffix;
}

int work(WorkOptions& o, const std::string& location) {
  std::vector<PathMap> maps;
  for (const std::string& m : o.path_maps) {
    const std::size_t eq = m.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "papers: --path-map takes QUEUED=LOCAL (a path prefix as enqueued, and where this machine reads it): %s\n", m.c_str());
      return kUsage;
    }
    maps.push_back({m.substr(0, eq), m.substr(eq + 1)});
  }
  if (o.worker.empty()) o.worker = default_worker();
  const int threads = o.settings.pipeline.jobs > 0 ? o.settings.pipeline.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Enough in hand to keep every thread busy (the pipeline holds two papers a thread), few enough
  // that a worker lost mid-way leaves little to be done again.
  const int take = o.take > 0 ? o.take : 2 * threads;
  WorkCounts counts;
  const auto start = std::chrono::steady_clock::now();
  try {
    Archive archive(location);
    JobFeed feed(location, o, maps, take);
    LeaseKeeper keeper(location, o, feed);
    JobSink sink(archive, location, o, maps, feed, counts);
    PipelineOptions options = o.settings.pipeline;
    options.next_file = [&feed] { return feed.next(); };
    std::string ocr_error;
    run_pipeline({}, options, sink, &ocr_error);
    sink.close();
    archive.link_touched_outcomes();
    counts.jobs = feed.taken();
    if (const std::string why = feed.error(); !why.empty()) {
      std::fprintf(stderr, "papers: fatal: the queue cannot be read: %s (this worker stops; papers archived before are kept)\n", why.c_str());
      return kFatal;
    }
    if (!ocr_error.empty()) {
      std::fprintf(stderr, "papers: %s (this worker stops; its jobs go back to the queue)\n", ocr_error.c_str());
      return kFatal;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: fatal: %s (papers archived before this point are kept; jobs in hand go back to the queue when their lease runs out)\n",
                 e.what());
    return kFatal;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "papers: worker %s: %zu jobs: %zu archived, %zu already in the archive, %zu failed, %zu to be tried again; %zu pages in %.2fs -> %s\n",
               o.worker.c_str(), counts.jobs, counts.archived, counts.already, counts.failed, counts.retried, counts.pages, seconds,
               location.c_str());
  if (counts.lost > 0)
    std::fprintf(stderr, "papers: %zu jobs were taken by another worker after this one's lease ran out (--lease is %.0f s)\n", counts.lost, o.lease);
  return counts.failed > 0 ? kSomeFailed : kOk;
}

int enqueue(const std::vector<std::string>& paths, const DiscoveryOptions& discovery, const std::string& location) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) {
      std::fprintf(stderr, "papers: no such file or folder: %s (nothing was queued)\n", printable(path).c_str());
      return kUsage;
    }
  }
  try {
    Archive archive(location);
    Discovery walk(paths, discovery);
    std::vector<Job> batch;
    std::size_t files = 0;
    std::int64_t added = 0;
    const auto flush = [&] {
      added += archive.enqueue(batch);
      batch.clear();
    };
    while (const std::optional<Document> doc = walk.next()) {
      ++files;
      // Every worker reads the path as queued: absolute, so that it does not depend on where
      // `papers enqueue` ran.
      std::error_code ec;
      Job job;
      job.path = fs::absolute(doc->path, ec).lexically_normal().string();
      struct stat st {};
      if (::stat(job.path.c_str(), &st) == 0) {
        job.size = static_cast<std::int64_t>(st.st_size);
        job.mtime = static_cast<std::int64_t>(st.st_mtime);
      }
      batch.push_back(std::move(job));
      if (batch.size() >= 1000) flush();
    }
    flush();
    std::fprintf(stderr, "papers: %zu files: %lld queued, %lld queued before and unchanged -> %s\n", files, static_cast<long long>(added),
                 static_cast<long long>(static_cast<std::int64_t>(files) - added), location.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "papers: %s\n", e.what());
    return kFatal;
  }
  return kOk;
}

}  // namespace

Run add_enqueue(CLI::App& app, const GlobalOptions& global) {
  struct EnqueueOptions {
    std::vector<std::string> paths;
    DiscoveryOptions discovery;
  };
  auto o = std::make_shared<EnqueueOptions>();
  auto* cmd = app.add_subcommand("enqueue", "record files and folders (recursively) as jobs for `papers work` on any number of machines");
  cmd->add_option("paths", o->paths, "files and folders, by paths every worker can read (a shared filesystem)")
      ->required()
      ->option_text("FILE|FOLDER ...");
  add_discovery_options(cmd, o->discovery);
  cmd->footer(std::string("\nExamples:\n  papers --archive postgresql://records/papers enqueue /mnt/share/parish-papers\n\n"
                          "Each file is one job, by its absolute path, size and modification time: enqueueing the same\n"
                          "folders again adds nothing, and a file changed since is queued again. `papers stats` shows the\n"
                          "queue; `papers work` does the jobs.\n") +
              kExitCodes);
  return [o, &global] { return enqueue(o->paths, o->discovery, global.archive_path); };
}

Run add_work(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<WorkOptions>();
  auto* cmd = app.add_subcommand("work", "do the jobs `papers enqueue` queued, beside any number of other workers, until none is left");
  add_ingest_options(cmd, o->settings);
  cmd->add_option("--lease", o->lease, "seconds a job is this worker's without a renewal (renewed every third of it while it works)")
      ->check(CLI::Range(1.0, 86400.0).description(""))
      ->option_text("SECONDS (default 60)");
  cmd->add_option("--tries", o->tries, "times a file is tried (its worker failing to read it, or dying) before it is marked failed")
      ->check(CLI::Range(1, 100).description(""))
      ->option_text("N (default 3)");
  cmd->add_option("--take", o->take, "jobs taken at a time (0: two per thread)")->option_text("N (default 0)");
  cmd->add_option("--worker", o->worker, "this worker's name in the queue, unique among the workers (default HOST:PID:RANDOM)")->option_text("NAME");
  cmd->add_option("--path-map", o->path_maps, "read queued paths under QUEUED at LOCAL on this machine (the archive keeps the queued path); may be repeated")
      ->option_text("QUEUED=LOCAL");
  cmd->footer(std::string("\nExamples:\n  papers --archive postgresql://records/papers work --jobs 16\n"
                          "  papers --archive postgresql://records/papers work --path-map /mnt/share=/Volumes/share\n\n"
                          "Workers on many machines share one archive on a PostgreSQL server: each takes jobs no other\n"
                          "holds (SELECT ... FOR UPDATE SKIP LOCKED), and archives each paper in the transaction that ends\n"
                          "its job. A worker killed or lost leaves its jobs to the others once their lease runs out. A worker\n"
                          "stops when nothing is queued and no other worker holds a job.\n") +
              kExitCodes);
  return [o, &global] { return work(*o, global.archive_path); };
}

}  // namespace papers::cli
