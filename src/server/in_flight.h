// InFlight: counts the requests a server has read but not yet answered, so
// that shutdown can let them finish. A Token is held for each such request and
// released (destroyed) when its response has been written or its connection
// has gone. Owned by the Server; tokens and WaitUntilIdle may be used from any
// thread, and tokens must not outlive the InFlight.
#ifndef TBX_SERVER_IN_FLIGHT_H_
#define TBX_SERVER_IN_FLIGHT_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tbx {

class InFlight {
 public:
  // Counts one request while it lives.
  class Token {
   public:
    explicit Token(InFlight* owner) : owner_(owner) { owner_->Add(1); }
    ~Token() { owner_->Add(-1); }
    Token(const Token&) = delete;
    Token& operator=(const Token&) = delete;

   private:
    InFlight* owner_;
  };

  InFlight() = default;
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

  int64_t count() {
    absl::MutexLock lock(&mu_);
    return count_;
  }

  // Waits until no request is in flight or `timeout` has passed; returns how
  // many are still in flight.
  int64_t WaitUntilIdle(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&IsZero, &count_), timeout);
    return count_;
  }

 private:
  static bool IsZero(int64_t* count) { return *count == 0; }

  void Add(int64_t delta) {
    absl::MutexLock lock(&mu_);
    count_ += delta;
  }

  absl::Mutex mu_;
  int64_t count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tbx

#endif  // TBX_SERVER_IN_FLIGHT_H_
