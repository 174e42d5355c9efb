// Whether a plugin has data, for /data/plugins_listing, when finding out means
// scanning the logdir's files (the projector's configs and checkpoints, the
// profile plugin's trace files: tens of thousands of system calls for 5,000
// runs, on the way to every page's first dashboard). The answer found is
// reused for a recheck interval, and a true one for good, as TensorBoard keeps
// its projector's. A plugin owns one; any server thread may call Get at once
// (`mu_` guards the answer; the scan runs outside the lock, so two threads may
// both scan).
#ifndef TBX_PLUGINS_COMMON_STICKY_ACTIVITY_H_
#define TBX_PLUGINS_COMMON_STICKY_ACTIVITY_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace tbx::plugins {

class StickyActivity {
 public:
  explicit StickyActivity(absl::Duration recheck) : recheck_(recheck) {}

  // The last answer while it is true or younger than the recheck interval,
  // else `scan()` (returning bool), remembered.
  template <typename Scan>
  bool Get(Scan scan) {
    {
      absl::MutexLock lock(&mu_);
      if (active_ || absl::Now() - checked_ < recheck_) return active_;
    }
    const bool active = scan();
    absl::MutexLock lock(&mu_);
    active_ = active_ || active;
    checked_ = absl::Now();
    return active_;
  }

 private:
  const absl::Duration recheck_;
  absl::Mutex mu_;
  absl::Time checked_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool active_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_STICKY_ACTIVITY_H_
