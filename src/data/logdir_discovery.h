// Run discovery: walks each logdir and finds its runs with TensorBoard's rules.
// A run is any directory (the logdir itself included) that directly holds a
// file whose basename contains "tfevents"; it is named by its path relative to
// the logdir ("." for the logdir), prefixed by
// "<name>/" for a named --logdir_spec entry (as os.path.join does: "name/." for
// its root). Files ending in ".profile-empty" make a run but are never read.
// Directories are walked in name order, symlinked directories are not followed;
// a run name found twice keeps its first.
//
// Listings come from the FileSystem that serves each logdir's path (local
// directories, or s3:// and gs:// prefixes): a logdir that cannot be listed
// (an object store out of reach, access denied) is reported in
// Discovery::failed_sources, and its runs are not in the result.
//
// Pure functions over the file systems; any thread.
#ifndef TBX_SRC_DATA_LOGDIR_DISCOVERY_H_
#define TBX_SRC_DATA_LOGDIR_DISCOVERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/data/ingestion.h"
#include "src/data/run_loader.h"

namespace tbx {

struct DiscoveredRun {
  size_t source = 0;  // index of its LogdirSource
  std::string name;
  std::string directory;
  std::vector<EventFileOnDisk> files;  // readable event files, sorted by name
};

struct Discovery {
  std::vector<DiscoveredRun> runs;  // in walk order
  std::vector<std::string>
      directories;  // every local directory walked (for file watches)
  struct Failure {
    size_t source = 0;  // index of the LogdirSource
    std::string error;
  };
  std::vector<Failure> failed_sources;
};

bool IsEventFileName(std::string_view basename);  // contains "tfevents"
bool IsReadableEventFile(
    std::string_view basename);  // ... and is not ".profile-empty"

Discovery DiscoverRuns(const std::vector<LogdirSource>& sources);

// The readable event files directly in `directory`, sorted by name (none when
// it cannot be listed).
std::vector<EventFileOnDisk> ListRunFiles(const std::string& directory);

}  // namespace tbx

#endif  // TBX_SRC_DATA_LOGDIR_DISCOVERY_H_
