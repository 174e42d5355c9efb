// Downsampling keeps each bucket's first, last, minimum and maximum.
#include "src/data/downsample.h"

#include <algorithm>
#include <cmath>

#include "gtest/gtest.h"

namespace tbx {
namespace {

ScalarSeries Ramp(int n) {
  ScalarSeries s;
  for (int i = 0; i < n; ++i) {
    s.steps.push_back(i);
    s.wall_times.push_back(i);
    s.values.push_back(std::sin(i * 0.01));
  }
  return s;
}

TEST(DownsampleTest, SmallSeriesAreUntouched) {
  ScalarSeries s = Ramp(10);
  EXPECT_EQ(Downsample(s, 10).size(), 10u);
  EXPECT_EQ(Downsample(s, 0).size(), 10u);
}

TEST(DownsampleTest, KeepsSpikesAndEnds) {
  ScalarSeries s = Ramp(100000);
  s.values[31337] = 1e6;   // spike up
  s.values[77777] = -1e6;  // spike down
  s.values[50000] = std::nan("");
  ScalarSeries d = Downsample(s, 400);
  EXPECT_LE(d.size(), 500u);
  EXPECT_GE(d.size(), 200u);
  EXPECT_EQ(d.steps.front(), 0);
  EXPECT_EQ(d.steps.back(), 99999);
  auto has = [&](int64_t step) {
    return std::find(d.steps.begin(), d.steps.end(), step) != d.steps.end();
  };
  EXPECT_TRUE(has(31337));
  EXPECT_TRUE(has(77777));
  EXPECT_TRUE(has(50000));
  EXPECT_TRUE(std::is_sorted(d.steps.begin(), d.steps.end()));
}

TEST(DownsampleTest, EveryBucketKeepsItsExtremes) {
  std::vector<double> values = {5, 1, 9, 3, /*|*/ 2, 8, 0, 4};
  // Two buckets of four: first, min, max, last of each.
  EXPECT_EQ(DownsampleIndices(values, 8),
            (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  std::vector<double> more = {5, 1, 9, 7, 3, /*|*/ 2, 8, 6, 0, 4};
  EXPECT_EQ(DownsampleIndices(more, 8),
            (std::vector<size_t>{0, 1, 2, 4, 5, 6, 8, 9}));
}

}  // namespace
}  // namespace tbx
