#include "src/server/compressed_bodies.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"

namespace tbx {
namespace {

// A compressor that counts its calls and tags its output.
struct Counting {
  int calls = 0;
  absl::StatusOr<std::string> operator()(const std::string& body,
                                         std::string_view coding) {
    ++calls;
    return std::string(coding) + ":" + body;
  }
};

TEST(CompressedBodiesTest, CompressesAKeptBodyOncePerCoding) {
  CompressedBodies memo(1 << 20);
  Counting counting;
  auto body = std::make_shared<const std::string>("answer");
  for (int i = 0; i < 3; ++i) {
    auto zstd = memo.Get(body, "zstd", [&] { return counting(*body, "zstd"); });
    ASSERT_TRUE(zstd.ok());
    EXPECT_EQ(**zstd, "zstd:answer");
  }
  EXPECT_EQ(counting.calls, 1);
  auto gzip = memo.Get(body, "gzip", [&] { return counting(*body, "gzip"); });
  ASSERT_TRUE(gzip.ok());
  EXPECT_EQ(**gzip, "gzip:answer");
  EXPECT_EQ(counting.calls, 2);
  EXPECT_EQ(memo.bytes(), std::string("zstd:answer").size() +
                              std::string("gzip:answer").size());
}

TEST(CompressedBodiesTest, AnotherBodyIsCompressedForItself) {
  CompressedBodies memo(1 << 20);
  Counting counting;
  auto first = std::make_shared<const std::string>("first");
  ASSERT_TRUE(
      memo.Get(first, "zstd", [&] { return counting(*first, "zstd"); }).ok());
  // The first body is gone: whatever address the second one gets, its answer
  // is its own.
  first.reset();
  auto second = std::make_shared<const std::string>("second");
  auto got =
      memo.Get(second, "zstd", [&] { return counting(*second, "zstd"); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(**got, "zstd:second");
  EXPECT_EQ(counting.calls, 2);
  // The gone body's entry was dropped when the new one was stored.
  EXPECT_EQ(memo.bytes(), std::string("zstd:second").size());
}

TEST(CompressedBodiesTest, KeepsAtMostItsBytesDroppingTheOldest) {
  CompressedBodies memo(20);
  Counting counting;
  auto a = std::make_shared<const std::string>("aaaaaaaa");  // 13 compressed
  auto b = std::make_shared<const std::string>("bbbbbbbb");
  ASSERT_TRUE(memo.Get(a, "zstd", [&] { return counting(*a, "zstd"); }).ok());
  ASSERT_TRUE(memo.Get(b, "zstd", [&] { return counting(*b, "zstd"); }).ok());
  EXPECT_EQ(memo.bytes(), 13u);
  ASSERT_TRUE(memo.Get(b, "zstd", [&] { return counting(*b, "zstd"); }).ok());
  EXPECT_EQ(counting.calls, 2);  // b kept
  ASSERT_TRUE(memo.Get(a, "zstd", [&] { return counting(*a, "zstd"); }).ok());
  EXPECT_EQ(counting.calls, 3);  // a was dropped for b
  // Larger than the whole memo: answered, not kept.
  auto big = std::make_shared<const std::string>(std::string(40, 'x'));
  auto got = memo.Get(big, "zstd", [&] { return counting(*big, "zstd"); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)->size(), 45u);
  EXPECT_EQ(memo.bytes(), 13u);
}

TEST(CompressedBodiesTest, AFailedCompressionIsReportedAndNotKept) {
  CompressedBodies memo(1 << 20);
  auto body = std::make_shared<const std::string>("answer");
  auto failed = memo.Get(body, "zstd", []() -> absl::StatusOr<std::string> {
    return absl::InternalError("codec failed");
  });
  EXPECT_EQ(failed.status().message(), "codec failed");
  EXPECT_EQ(memo.bytes(), 0u);
}

}  // namespace
}  // namespace tbx
