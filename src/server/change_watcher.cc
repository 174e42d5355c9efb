// Implementation of change_watcher.h.
#include "src/server/change_watcher.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "boost/asio/steady_timer.hpp"
#include "src/server/json_response.h"

namespace tbx {

// One pending long-poll. `done` is taken (under `mu`) by whichever of the
// generation change and the timer comes first; the other finds it empty.
struct ChangeWatcher::Waiter {
  explicit Waiter(boost::asio::io_context& context) : timer(context) {}
  uint64_t since = 0;
  boost::asio::steady_timer timer;
  absl::Mutex mu;
  std::function<void(uint64_t)> done ABSL_GUARDED_BY(mu);

  std::function<void(uint64_t)> Take() {
    absl::MutexLock lock(&mu);
    return std::exchange(done, nullptr);
  }
};

ChangeWatcher::ChangeWatcher(const DataProvider* provider,
                             boost::asio::io_context& context)
    : provider_(provider), context_(context) {
  // Read the starting generation here, not in the thread: a change between
  // construction and the thread's first step must still count as a change.
  const uint64_t start = provider_->Generation();
  thread_ = std::thread([this, start] { WatchLoop(start); });
}

ChangeWatcher::~ChangeWatcher() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void ChangeWatcher::Wait(uint64_t since, std::chrono::milliseconds timeout,
                         std::function<void(uint64_t)> done) {
  const uint64_t now = provider_->Generation();
  if (now > since || timeout.count() <= 0) return done(now);
  auto waiter = std::make_shared<Waiter>(context_);
  waiter->since = since;
  {
    absl::MutexLock lock(&waiter->mu);
    waiter->done = std::move(done);
  }
  bool at_once;
  {
    absl::MutexLock lock(&mu_);
    at_once = answer_at_once_;
    if (!at_once) waiters_.push_back(waiter);
  }
  if (at_once) {
    if (auto answer = waiter->Take()) answer(provider_->Generation());
    return;
  }
  waiter->timer.expires_after(std::min(timeout, kMaxTimeout));
  waiter->timer.async_wait([this, waiter](const boost::system::error_code&) {
    {
      absl::MutexLock lock(&mu_);
      waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), waiter),
                     waiters_.end());
    }
    if (auto done = waiter->Take()) done(provider_->Generation());
  });
  // The generation may have moved between the first check and the registration.
  const uint64_t after = provider_->Generation();
  if (after > since) Notify(after);
}

void ChangeWatcher::AnswerAll() {
  std::vector<std::shared_ptr<Waiter>> all;
  {
    absl::MutexLock lock(&mu_);
    answer_at_once_ = true;
    all.swap(waiters_);
  }
  const uint64_t generation = provider_->Generation();
  for (const std::shared_ptr<Waiter>& waiter : all) {
    if (auto done = waiter->Take()) done(generation);
  }
}

void ChangeWatcher::Notify(uint64_t generation) {
  std::vector<std::shared_ptr<Waiter>> ready;
  {
    absl::MutexLock lock(&mu_);
    auto passed =
        std::stable_partition(waiters_.begin(), waiters_.end(),
                              [generation](const std::shared_ptr<Waiter>& w) {
                                return w->since >= generation;
                              });
    ready.assign(passed, waiters_.end());
    waiters_.erase(passed, waiters_.end());
  }
  // The timers stay armed and find `done` taken; they hold only the small
  // Waiter.
  for (const std::shared_ptr<Waiter>& waiter : ready) {
    if (auto done = waiter->Take()) done(generation);
  }
}

void ChangeWatcher::WatchLoop(uint64_t seen) {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    const uint64_t now =
        provider_->WaitForChange(seen, absl::Milliseconds(200));
    if (now > seen) {
      seen = now;
      Notify(now);
    }
  }
}

AsyncRoute ChangeWatcher::Route() {
  return {"/data/changes", [this](const Request& request, Responder respond) {
            uint64_t since = 0;
            int64_t timeout_ms = kMaxTimeout.count();
            if (auto value = request.Param("since");
                value.has_value() && !absl::SimpleAtoi(*value, &since)) {
              return respond(Response::BadRequest(absl::StrCat(
                  "since must be a non-negative integer, got '", *value, "'")));
            }
            if (auto value = request.Param("timeout_ms");
                value.has_value() &&
                (!absl::SimpleAtoi(*value, &timeout_ms) || timeout_ms < 0)) {
              return respond(Response::BadRequest(absl::StrCat(
                  "timeout_ms must be a non-negative integer, got '", *value,
                  "'")));
            }
            Wait(since, std::chrono::milliseconds(timeout_ms),
                 [respond](uint64_t generation) {
                   respond(JsonResponse(
                       nlohmann::ordered_json{{"generation", generation}}));
                 });
          }};
}

}  // namespace tbx
