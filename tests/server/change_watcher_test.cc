#include "src/server/change_watcher.h"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "boost/asio/executor_work_guard.hpp"
#include "gtest/gtest.h"
#include "tests/testing/fake_data_provider.h"

namespace tbx {
namespace {

using std::chrono::milliseconds;
using ::tbx::testing::FakeDataProvider;
using Clock = std::chrono::steady_clock;

class ChangeWatcherTest : public ::testing::Test {
 protected:
  ChangeWatcherTest() : work_(boost::asio::make_work_guard(context_)) {
    thread_ = std::thread([this] { context_.run(); });
    watcher_ = std::make_unique<ChangeWatcher>(&provider_, context_);
  }
  ~ChangeWatcherTest() override {
    work_.reset();
    context_.stop();
    thread_.join();
    watcher_.reset();
  }

  FakeDataProvider provider_;
  boost::asio::io_context context_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type>
      work_;
  std::thread thread_;
  std::unique_ptr<ChangeWatcher> watcher_;
};

TEST_F(ChangeWatcherTest, AnswersAtOnceWhenAlreadyPast) {
  provider_.BumpGeneration();
  uint64_t got = 0;
  watcher_->Wait(0, milliseconds(10000), [&](uint64_t g) { got = g; });
  EXPECT_EQ(got, 1u);
}

TEST_F(ChangeWatcherTest, WakesWhenTheGenerationMoves) {
  std::promise<uint64_t> done;
  const auto start = Clock::now();
  watcher_->Wait(0, milliseconds(20000),
                 [&](uint64_t g) { done.set_value(g); });
  std::this_thread::sleep_for(milliseconds(50));
  provider_.BumpGeneration();
  EXPECT_EQ(done.get_future().get(), 1u);
  EXPECT_LT(Clock::now() - start, milliseconds(5000));
}

TEST_F(ChangeWatcherTest, AnswerAllEndsPendingAndLaterWaitsAtOnce) {
  provider_.BumpGeneration();
  std::promise<uint64_t> pending;
  const auto start = Clock::now();
  watcher_->Wait(1, milliseconds(20000),
                 [&](uint64_t g) { pending.set_value(g); });
  watcher_->AnswerAll();
  EXPECT_EQ(pending.get_future().get(), 1u);
  uint64_t later = 0;
  watcher_->Wait(1, milliseconds(20000), [&](uint64_t g) { later = g; });
  EXPECT_EQ(later, 1u);  // answered before Wait returned
  EXPECT_LT(Clock::now() - start, milliseconds(5000));
}

TEST_F(ChangeWatcherTest, TimesOutWithTheCurrentGeneration) {
  provider_.BumpGeneration();
  std::promise<uint64_t> done;
  const auto start = Clock::now();
  watcher_->Wait(1, milliseconds(100), [&](uint64_t g) { done.set_value(g); });
  EXPECT_EQ(done.get_future().get(), 1u);
  EXPECT_GE(Clock::now() - start, milliseconds(90));
}

TEST_F(ChangeWatcherTest, ManyWaitersAreAnsweredExactlyOnce) {
  constexpr int kWaiters = 500;
  std::atomic<int> calls{0};
  std::promise<void> all;
  for (int i = 0; i < kWaiters; ++i) {
    watcher_->Wait(0, milliseconds(20000), [&](uint64_t) {
      if (++calls == kWaiters) all.set_value();
    });
  }
  provider_.BumpGeneration();
  ASSERT_EQ(all.get_future().wait_for(std::chrono::seconds(10)),
            std::future_status::ready);
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(calls.load(), kWaiters);
}

TEST_F(ChangeWatcherTest, RouteValidatesParameters) {
  AsyncRoute route = watcher_->Route();
  EXPECT_EQ(route.path, "/data/changes");
  auto call = [&](std::vector<std::pair<std::string, std::string>> params) {
    std::promise<Response> done;
    route.handler(Request{"GET", "/data/changes", std::move(params), "", ""},
                  [&](Response r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  };
  EXPECT_EQ(call({{"since", "-1"}}).status, 400);
  EXPECT_EQ(call({{"since", "x"}}).status, 400);
  EXPECT_EQ(call({{"since", "0"}, {"timeout_ms", "-5"}}).status, 400);
  provider_.BumpGeneration();
  Response ok = call({{"since", "0"}, {"timeout_ms", "10"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"generation":1})");
  EXPECT_EQ(call({{"since", "1"}, {"timeout_ms", "0"}}).body,
            R"({"generation":1})");
}

}  // namespace
}  // namespace tbx
