// ChangeWatcher: serves /data/changes?since=G&timeout_ms=N, a long-poll that
// answers
// {"generation": G2} as soon as DataProvider::Generation() exceeds G, or after
// min(N, 30000) ms with the current generation.
//
// Waiting never blocks an I/O thread: one watcher thread blocks in
// DataProvider::WaitForChange and completes every waiter whose generation has
// been passed; each waiter's timeout is an asio timer on the server's
// io_context. So any number of concurrent long-polls costs one thread and one
// timer each. Wait() and the route may be called from any thread. At shutdown,
// AnswerAll() before stopping the server (so long-polls do not hold it up);
// destroy the watcher after the server has stopped and before the provider.
#ifndef TBX_SERVER_CHANGE_WATCHER_H_
#define TBX_SERVER_CHANGE_WATCHER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "boost/asio/io_context.hpp"
#include "src/server/router.h"
#include "tbx/data_provider.h"

namespace tbx {

class ChangeWatcher {
 public:
  static constexpr std::chrono::milliseconds kMaxTimeout{30000};

  // `provider` and `context` must outlive the watcher.
  ChangeWatcher(const DataProvider* provider, boost::asio::io_context& context);
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  // Calls `done(generation)` exactly once: when the generation exceeds `since`
  // (maybe at once, on the calling thread) or after `timeout` with the
  // generation at that moment.
  void Wait(uint64_t since, std::chrono::milliseconds timeout,
            std::function<void(uint64_t)> done);

  // Answers every pending long-poll now with the current generation (as if it
  // had timed out), and every later one at once. Any thread.
  void AnswerAll();

  // The /data/changes route.
  AsyncRoute Route();

 private:
  struct Waiter;
  // Notifies waiters of every generation after `seen` until the watcher stops.
  void WatchLoop(uint64_t seen);
  // Completes every waiter with since < generation.
  void Notify(uint64_t generation);

  const DataProvider* provider_;
  boost::asio::io_context& context_;
  absl::Mutex mu_;
  std::vector<std::shared_ptr<Waiter>> waiters_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool answer_at_once_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace tbx

#endif  // TBX_SERVER_CHANGE_WATCHER_H_
