#include "src/data/ingestion.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "src/data/file_systems.h"
#include "src/data/file_watcher.h"
#include "src/data/logdir_discovery.h"
#include "src/data/run_loader.h"
#include "src/data/store.h"

namespace tbx {
namespace {

// Runs fn(i) for i in [0, n) on up to `threads` threads (the caller's
// included).
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  size_t extra =
      std::min<size_t>(n, static_cast<size_t>(std::max(threads, 1))) - (n > 0);
  std::vector<std::thread> pool;
  pool.reserve(extra);
  for (size_t t = 0; t < extra; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

// Shortest time between the starts of two cycles triggered by file
// notifications; a cycle that took longer spaces the next by kCycleGapFactor
// times its duration, so rescanning never takes more than a quarter of the
// time.
constexpr absl::Duration kMinCycleGap = absl::Milliseconds(100);
constexpr int kCycleGapFactor = 4;

}  // namespace

class Ingestion::Impl {
 public:
  explicit Impl(IngestionOptions options)
      : options_(std::move(options)), sizes_(options_.samples_per_plugin) {
    // Object-store logdirs wait on the network, not the CPU: more runs are
    // fetched at once (the S3 client bounds its connections).
    bool remote = false;
    for (const LogdirSource& source : options_.sources) {
      remote |= source.path.rfind("s3://", 0) == 0 ||
                source.path.rfind("gs://", 0) == 0;
    }
    threads_ =
        options_.load_threads > 0
            ? options_.load_threads
            : std::max(remote ? 8 : 1,
                       static_cast<int>(std::thread::hardware_concurrency()));
  }
  ~Impl() { Stop(); }

  void StartReloader() {
    reloader_ = std::thread([this] { ReloaderMain(); });
  }

  void Stop() {
    stopping_ = true;
    watcher_.Wake();
    if (reloader_.joinable()) reloader_.join();
  }

  // One discover → sync → load cycle. Cycles never overlap. Returns true when
  // it found directories it did not watch yet (what happened in them before
  // the watch existed has to be looked at again).
  bool Cycle() ABSL_LOCKS_EXCLUDED(cycle_mu_) {
    absl::MutexLock lock(&cycle_mu_);
    Discovery found = DiscoverRuns(options_.sources);
    // A logdir that could not be listed this time (an object store out of
    // reach) keeps the runs it had; they show the error until it clears.
    absl::flat_hash_map<size_t, std::string> failed;
    for (Discovery::Failure& f : found.failed_sources) {
      failed[f.source] = std::move(f.error);
    }
    if (!failed.empty()) {
      for (DiscoveredRun& run : discovery_.runs) {
        if (failed.contains(run.source)) found.runs.push_back(std::move(run));
      }
    }
    discovery_ = std::move(found);
    const bool new_directories =
        watcher_.WatchDirectories(discovery_.directories) > 0;
    std::vector<Store::RunLocation> locations;
    locations.reserve(discovery_.runs.size());
    for (const DiscoveredRun& run : discovery_.runs) {
      locations.push_back(Store::RunLocation{run.name, run.directory});
    }
    std::vector<std::shared_ptr<RunData>> runs = store_.SyncRuns(locations);

    absl::flat_hash_map<std::string, std::unique_ptr<RunLoader>> loaders;
    std::vector<std::pair<RunLoader*, const DiscoveredRun*>> todo;
    run_by_directory_.clear();
    for (size_t i = 0; i < runs.size(); ++i) {
      auto it = loaders_.find(runs[i]->name());
      std::unique_ptr<RunLoader> loader;
      bool fresh = false;
      if (it != loaders_.end() && it->second->run() == runs[i]) {
        loader = std::move(it->second);
      } else {
        loader = std::make_unique<RunLoader>(runs[i], &sizes_, &options_.loader,
                                             &store_);
        fresh = true;
      }
      auto failure = failed.find(discovery_.runs[i].source);
      loader->SetListingError(failure == failed.end() ? std::string()
                                                      : failure->second);
      if (failure == failed.end() &&
          (fresh || loader->NeedsLoad(discovery_.runs[i].files))) {
        todo.emplace_back(loader.get(), &discovery_.runs[i]);
      }
      run_by_directory_[discovery_.runs[i].directory] = i;
      loaders.emplace(runs[i]->name(), std::move(loader));
    }
    loaders_ = std::move(loaders);
    LoadAll(todo);
    store_.SetFirstLoadDone();
    return new_directories;
  }

  // Reloads only the runs in `directories`, whose files were written to (no
  // file or directory appeared or vanished): no rediscovery of the logdir.
  void ModifiedCycle(const std::vector<std::string>& directories)
      ABSL_LOCKS_EXCLUDED(cycle_mu_) {
    absl::MutexLock lock(&cycle_mu_);
    std::vector<std::pair<RunLoader*, const DiscoveredRun*>> todo;
    for (const std::string& dir : directories) {
      auto index = run_by_directory_.find(dir);
      if (index == run_by_directory_.end()) continue;
      DiscoveredRun& run = discovery_.runs[index->second];
      run.files = ListRunFiles(run.directory);
      auto loader = loaders_.find(run.name);
      if (loader != loaders_.end() && loader->second->NeedsLoad(run.files)) {
        todo.emplace_back(loader->second.get(), &run);
      }
    }
    LoadAll(todo);
  }

  Store store_;

 private:
  void LoadAll(
      const std::vector<std::pair<RunLoader*, const DiscoveredRun*>>& todo)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(cycle_mu_) {
    ParallelFor(todo.size(), threads_, [&](size_t i) {
      if (!stopping_) todo[i].first->Load(todo[i].second->files, &stopping_);
    });
  }

  void ReloaderMain() {
    const absl::Duration interval =
        absl::Seconds(options_.reload_interval_secs);
    FileWatcher::Changes changes;  // nothing known yet: a full cycle first
    while (!stopping_) {
      const absl::Time started = absl::Now();
      bool look_again = false;
      if (changes.any && !changes.structural) {
        ModifiedCycle(changes.modified_directories);
      } else {
        // First load, poll fallback, or runs may have come or gone.
        look_again = Cycle();
      }
      const absl::Duration took = absl::Now() - started;
      if (options_.reload_interval_secs <= 0) break;  // 0: load once
      changes = watcher_.Wait(look_again ? std::min(interval, kMinCycleGap)
                                         : interval);
      if (look_again) {
        changes.any = true;
        changes.structural = true;
      }
      if (changes.any) {
        // Woken by a write: keep a gap between cycles so that a job writing
        // all the time does not keep the reloader rescanning a large logdir
        // without pause.
        const absl::Duration gap =
            std::max(kMinCycleGap, kCycleGapFactor * took);
        const absl::Duration since = absl::Now() - started;
        // Sleeps in short steps so that Stop() is not held up.
        for (absl::Duration left = gap - since;
             left > absl::ZeroDuration() && !stopping_;
             left -= absl::Milliseconds(20)) {
          absl::SleepFor(std::min(left, absl::Milliseconds(20)));
        }
      }
    }
  }

  const IngestionOptions options_;
  const SizeGuidance sizes_;
  int threads_ = 1;
  FileWatcher watcher_;
  std::atomic<bool> stopping_{false};
  std::thread reloader_;

  absl::Mutex cycle_mu_;  // held for a whole cycle; taken before Store's locks
  Discovery discovery_ ABSL_GUARDED_BY(cycle_mu_);  // of the last full cycle
  // Run directory -> index in discovery_.runs.
  absl::flat_hash_map<std::string, size_t> run_by_directory_
      ABSL_GUARDED_BY(cycle_mu_);
  absl::flat_hash_map<std::string, std::unique_ptr<RunLoader>> loaders_
      ABSL_GUARDED_BY(cycle_mu_);
};

absl::StatusOr<std::unique_ptr<Ingestion>> Ingestion::Start(
    IngestionOptions options) {
  for (const LogdirSource& source : options.sources) {
    absl::StatusOr<FileSystem*> fs = FileSystemFor(source.path);
    if (!fs.ok()) return fs.status();
    absl::Status reachable = (*fs)->CheckDirectory(source.path);
    if (!reachable.ok()) return reachable;
  }
  if (options.reload_interval_secs < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "reload interval must be >= 0, got ", options.reload_interval_secs));
  }
  // abseil's lock-order graph (on by default in the system library) costs a
  // graph lookup on every lock; tbx documents its lock order instead.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  auto impl = std::make_unique<Impl>(std::move(options));
  impl->StartReloader();
  return std::unique_ptr<Ingestion>(new Ingestion(std::move(impl)));
}

Ingestion::Ingestion(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Ingestion::~Ingestion() { Stop(); }

const DataProvider& Ingestion::provider() const { return impl_->store_; }

void Ingestion::Stop() { impl_->Stop(); }

void Ingestion::ReloadNow() { impl_->Cycle(); }

}  // namespace tbx
