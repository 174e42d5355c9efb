// ScalarColumn: order, exactness, compact storage and purging.
// (Bit-exact compression cases: scalar_block_codec_test.cc.)
#include "src/data/scalar_column.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace tbx {
namespace {

std::vector<ScalarPoint> All(const ScalarColumn& c) {
  std::vector<ScalarPoint> out;
  c.ForEach([&](const ScalarPoint& p) { out.push_back(p); });
  return out;
}

TEST(ScalarColumnTest, KeepsPointsInOrderAcrossBlocks) {
  ScalarColumn c;
  for (int i = 0; i < 10000; ++i)
    c.Append({i * 3, 1e9 + i * 0.25, static_cast<float>(i) / 7});
  ASSERT_EQ(c.size(), 10000u);
  auto all = All(c);
  EXPECT_EQ(all[9999].step, 29997);
  EXPECT_EQ(all[9999].wall_time, 1e9 + 9999 * 0.25);
  EXPECT_EQ(all[5000].value, static_cast<double>(static_cast<float>(5000) / 7));
  EXPECT_EQ(c.Get(4097).step, 4097 * 3);
}

TEST(ScalarColumnTest, DoublesAndHugeStepsStayExact) {
  ScalarColumn c;
  c.Append({0, 1, 0.5});
  c.Append({1, 2, 0.1});  // not a float32
  c.Append({std::numeric_limits<int64_t>::max(), 3, -0.0});
  c.Append({std::numeric_limits<int64_t>::min(), 4, std::nan("")});
  auto all = All(c);
  EXPECT_EQ(all[0].value, 0.5);
  EXPECT_EQ(all[1].value, 0.1);
  EXPECT_EQ(all[2].step, std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(std::signbit(all[2].value));
  EXPECT_EQ(all[3].step, std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(std::isnan(all[3].value));
}

TEST(ScalarColumnTest, RegularFloatScalarsCostAtMostFourBytesPerPoint) {
  // Steps and wall times at a fixed stride, values float32 on a few levels:
  // the compressed blocks keep little more than the values' changing bits.
  ScalarColumn c;
  const int n = 1000000;
  for (int i = 0; i < n; ++i)
    c.Append({i, 1.7e9 + i, static_cast<float>(i % 1000) * 0.01f});
  c.Seal();
  EXPECT_LE(c.MemoryBytes(), static_cast<size_t>(n * 4.0));
}

TEST(ScalarColumnTest, RemoveStepsAtOrAbove) {
  ScalarColumn c;
  for (int i = 0; i < 100; ++i) c.Append({i, 0, 0});
  for (int i = 50; i < 60; ++i) c.Append({i, 1, 1});
  EXPECT_EQ(c.RemoveStepsAtOrAbove(50), 60);
  ASSERT_EQ(c.size(), 50u);
  EXPECT_EQ(All(c).back().step, 49);
}

}  // namespace
}  // namespace tbx
