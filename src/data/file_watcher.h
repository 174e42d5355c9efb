// FileWatcher: wakes the reloader when something changes under the logdirs.
// Uses inotify on every walked directory (files created, written, moved or
// deleted) where the kernel allows it; Wait() always also returns after its
// timeout, which is the polling fallback for file systems without
// notifications. Watches are not file descriptors: only two descriptors are
// held.
//
// Thread-safety: WatchDirectories() and Wait() are called by the reloader
// thread only; Wake() may be called from any thread.
#ifndef TBX_SRC_DATA_FILE_WATCHER_H_
#define TBX_SRC_DATA_FILE_WATCHER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"

namespace tbx {

class FileWatcher {
 public:
  FileWatcher();
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches exactly these directories (adds new ones, drops the others).
  // Returns how many were not watched before: changes made in those before
  // their watch existed were not seen, so the caller should look again.
  int WatchDirectories(const std::vector<std::string>& directories);
  // What woke Wait().
  struct Changes {
    bool any = false;  // something changed, or Wake() was called
    // Files or directories were created, moved or deleted (or events were
    // lost): runs must be rediscovered. Otherwise only the files in
    // `modified_directories` were written to.
    bool structural = false;
    std::vector<std::string> modified_directories;
  };
  // Blocks until a watched directory changes (then lets a short burst of
  // writes settle), Wake() is called, or `timeout` passes.
  Changes Wait(absl::Duration timeout);
  void Wake();

  bool notifications_available() const { return inotify_fd_ >= 0; }

 private:
  // Reads pending inotify events into *changes; true if there were any.
  bool Drain(Changes* changes);

  int inotify_fd_ = -1;
  int wake_fd_ = -1;  // eventfd
  bool watch_limit_reached_ = false;
  absl::flat_hash_map<std::string, int> watches_;  // directory -> descriptor
  absl::flat_hash_map<int, std::string>
      directories_;  // descriptor -> directory
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_FILE_WATCHER_H_
