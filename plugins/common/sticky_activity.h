// Whether a plugin has data, for /data/plugins_listing, when finding out means
// scanning the logdir's files (the projector's configs and checkpoints, the
// profile plugin's trace files: tens of thousands of system calls for 5,000
// runs, on the way to every page's first dashboard). The server calls Prime
// at start, so the first scan runs on a thread of its own while the logdir
// loads; a Get before it ends waits for it. Without Prime, the first Get scans
// while its caller waits. Later calls answer at once with the last answer,
// and one older than the recheck interval is looked for again on a thread of
// its own, as TensorBoard's projector does. A true answer is kept for good. A
// plugin owns one, declared after what `scan` reads (the destructor waits for
// a scan under way); any server thread may call Prime and Get at once (`mu_`
// guards the answer).
#ifndef TBX_PLUGINS_COMMON_STICKY_ACTIVITY_H_
#define TBX_PLUGINS_COMMON_STICKY_ACTIVITY_H_

#include <functional>
#include <thread>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace tbx::plugins {

class StickyActivity {
 public:
  // `scan` says whether the plugin has data now; it may run on any thread.
  StickyActivity(absl::Duration recheck, std::function<bool()> scan)
      : recheck_(recheck), scan_(std::move(scan)) {}
  StickyActivity(const StickyActivity&) = delete;
  StickyActivity& operator=(const StickyActivity&) = delete;
  ~StickyActivity() {
    std::thread rescan;
    {
      absl::MutexLock lock(&mu_);
      rescan = std::move(rescan_);
    }
    if (rescan.joinable()) rescan.join();
  }

  // Starts the first scan on a thread of its own, unless one has begun.
  void Prime() {
    absl::MutexLock lock(&mu_);
    if (scanning_ || checked_ != absl::InfinitePast()) return;
    scanning_ = true;
    rescan_ = std::thread([this] { Record(scan_()); });
  }

  bool Get() {
    {
      absl::MutexLock lock(&mu_);
      if (active_) return true;
      if (checked_ == absl::InfinitePast() && scanning_) {
        // Prime's scan is under way: its answer is the first one.
        mu_.Await(absl::Condition(
            +[](absl::Time* checked) {
              return *checked != absl::InfinitePast();
            },
            &checked_));
        return active_;
      }
      if (checked_ != absl::InfinitePast()) {
        if (!scanning_ && absl::Now() - checked_ >= recheck_) {
          scanning_ = true;
          if (rescan_.joinable()) rescan_.join();
          rescan_ = std::thread([this] { Record(scan_()); });
        }
        return active_;
      }
    }
    return Record(scan_());
  }

 private:
  bool Record(bool active) {
    absl::MutexLock lock(&mu_);
    active_ = active_ || active;
    checked_ = absl::Now();
    scanning_ = false;
    return active_;
  }

  const absl::Duration recheck_;
  const std::function<bool()> scan_;
  absl::Mutex mu_;
  absl::Time checked_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool active_ ABSL_GUARDED_BY(mu_) = false;
  bool scanning_ ABSL_GUARDED_BY(mu_) = false;
  std::thread rescan_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_STICKY_ACTIVITY_H_
