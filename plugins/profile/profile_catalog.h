// ProfileCatalog: finds profile data under the logdirs and keeps the indexed
// traces. Runs are named as the original tools named them:
//  * PyTorch: a directory (relative to its logdir, "." for the logdir itself)
//    holding `<worker>.<span>.pt.trace.json[.gz]` files; each file is a host.
//  * TensorFlow / JAX: `<run>/plugins/profile/<session>/<host>.xplane.pb`
//    makes run "<run>/<session>" (just "<session>" when <run> is the logdir);
//    each file is a host.
// Named logdir_spec entries prefix run names with "<name>/". Indexes are built
// on first use, rebuilt when a file's size or modification time changes (a
// trace still being written), and the least recently used are dropped beyond
// a small count. Thread-safe: route handlers on any thread call every method;
// two first requests for one file wait for one build.
#ifndef TBX_PLUGINS_PROFILE_PROFILE_CATALOG_H_
#define TBX_PLUGINS_PROFILE_PROFILE_CATALOG_H_

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

struct ProfileHost {
  std::string host;    // file name without its suffix
  std::string worker;  // PyTorch: the part before the first '.'
  std::string span;    // PyTorch: the number after it, or ""
  std::string path;
  bool xspace = false;
};

struct ProfileRun {
  std::string name;
  std::vector<ProfileHost> hosts;  // by host name
};

struct LogdirRoot {
  std::string name;  // "" or the logdir_spec name
  std::string path;
};

// The logdirs of a --logdir or --logdir_spec value.
std::vector<LogdirRoot> ParseLogdirRoots(const std::string& spec);

class ProfileCatalog {
 public:
  explicit ProfileCatalog(std::vector<LogdirRoot> roots, size_t capacity = 6);
  ProfileCatalog(const ProfileCatalog&) = delete;
  ProfileCatalog& operator=(const ProfileCatalog&) = delete;

  // Every run with profile data, by name. The logdirs are walked again when
  // the last walk is older than two seconds.
  std::vector<ProfileRun> Runs() const;

  // The index of `host`'s file. NotFound when it cannot be opened.
  absl::StatusOr<std::shared_ptr<const TraceIndex>> Load(
      const ProfileHost& host) const;

  int64_t builds() const;

 private:
  struct Entry {
    std::string path;
    absl::Mutex build_mu;  // held while (re)building
    int64_t size ABSL_GUARDED_BY(build_mu) = -1;
    int64_t mtime ABSL_GUARDED_BY(build_mu) = 0;
    std::shared_ptr<const TraceIndex> index ABSL_GUARDED_BY(build_mu);
  };

  const std::vector<LogdirRoot> roots_;
  const size_t capacity_;
  // Lock order: mu_ before an Entry's build_mu is never taken; build_mu is
  // taken alone, and mu_ only briefly.
  mutable absl::Mutex mu_;
  mutable std::vector<ProfileRun> runs_ ABSL_GUARDED_BY(mu_);
  mutable absl::Time walked_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  // Most recently used first.
  mutable std::list<std::shared_ptr<Entry>> entries_ ABSL_GUARDED_BY(mu_);
  mutable int64_t builds_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_PROFILE_CATALOG_H_
