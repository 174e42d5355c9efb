// Ingestion: the whole of layer 1 behind one object. It owns the store, the
// reloader thread and the loading pool: the reloader discovers runs under every
// logdir, syncs the store's run list, loads the runs whose files changed in
// parallel, and publishes what they read. It wakes on inotify events on the
// logdir tree and, as a fallback, every reload_interval seconds.
//
// Threads: Start(), Stop() and ReloadNow() are called by the owner (one thread
// at a time); provider() may be used from any thread for as long as the
// Ingestion lives.
#ifndef TBX_SRC_DATA_INGESTION_H_
#define TBX_SRC_DATA_INGESTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "src/data/loader_options.h"
#include "tbx/data_provider.h"

namespace tbx {

// One logdir to watch. Runs found under it are named by their relative path,
// prefixed by
// "<name>/" when the logdir came from --logdir_spec with a name.
struct LogdirSource {
  std::string name;  // empty for --logdir entries
  std::string path;
};

struct IngestionOptions {
  std::vector<LogdirSource> sources;
  double reload_interval_secs =
      5.0;  // TensorBoard's meaning: 0 = load once, never reload
  absl::flat_hash_map<std::string, int64_t>
      samples_per_plugin;  // plugin -> N, 0 = keep all
  int load_threads = 0;    // 0 = number of cores
  LoaderOptions loader;    // purging and multifile polling
};

// Turns --logdir / --logdir_spec into sources, following TensorBoard's rules:
// --logdir is one path (when it names no existing directory but holds commas,
// each comma-separated part is a path); --logdir_spec is "name:path,path,..."
// where a spec starting with "/" or a URI scheme has no name, and spec paths
// are made absolute. Exactly one of the two must be non-empty.
absl::StatusOr<std::vector<LogdirSource>> ParseLogdirFlags(
    std::string_view logdir, std::string_view logdir_spec);

// Parses --samples_per_plugin "scalars=500,images=0" (TensorBoard's format).
absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> ParseSamplesPerPlugin(
    std::string_view flag);

class Ingestion {
 public:
  // Fails (NotFound, naming the path) when a logdir does not exist. Starts the
  // reloader thread, which performs the first load at once.
  static absl::StatusOr<std::unique_ptr<Ingestion>> Start(
      IngestionOptions options);
  ~Ingestion();
  Ingestion(const Ingestion&) = delete;
  Ingestion& operator=(const Ingestion&) = delete;

  // The read-only view of everything loaded. Valid for the life of this object.
  const DataProvider& provider() const;

  // Stops the reloader and the pool; idempotent; the destructor calls it.
  void Stop();

  // Runs one discover/sync/load cycle synchronously on the calling thread (for
  // tests). Safe to call while the reloader runs: cycles never overlap.
  void ReloadNow();

  class Impl;

 private:
  explicit Ingestion(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_INGESTION_H_
