// The multi-resolution summaries and ScalarColumn::ReadRange against
// brute-force computations over random series, ranges and pixel counts.
#include "src/data/scalar_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "src/data/scalar_column.h"

namespace tbx {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Values with plateaus, repeats, spikes, NaN, infinities and signed zeros.
double RandomValue(std::mt19937_64& rng) {
  switch (rng() % 16) {
    case 0:
      return std::nan("");
    case 1:
      return kInf;
    case 2:
      return -kInf;
    case 3:
      return -0.0;
    case 4:
      return 0.0;
    case 5:
      return static_cast<double>(rng() % 5);  // many ties
    default:
      return std::uniform_real_distribution<double>(-1e3, 1e3)(rng);
  }
}

struct Reference {
  std::vector<ScalarPoint> points;
};

// The picks a chart needs, computed the slow way: the points in range, cut
// into max_points / 4 buckets of consecutive points; from each bucket its
// first point, its first lowest and first highest non-NaN value (the first
// point when all are NaN), its first NaN and its last point, in order.
std::vector<ScalarPoint> BruteForce(const std::vector<ScalarPoint>& all,
                                    const ScalarQuery& q) {
  std::vector<ScalarPoint> in;
  for (const ScalarPoint& p : all) {
    if (p.step >= q.min_step && p.step <= q.max_step) in.push_back(p);
  }
  if (q.max_points == 0 || in.size() <= q.max_points) return in;
  const size_t n = in.size();
  const size_t buckets = std::max<size_t>(1, q.max_points / 4);
  std::vector<ScalarPoint> out;
  for (size_t b = 0; b < buckets; ++b) {
    const size_t lo = b * n / buckets, hi = (b + 1) * n / buckets;
    if (lo >= hi) continue;
    std::vector<size_t> keep = {lo, hi - 1};
    size_t first_nan = hi;
    double lowest = kInf, highest = -kInf;
    bool any = false;
    for (size_t i = lo; i < hi; ++i) {
      const double v = in[i].value;
      if (std::isnan(v)) {
        if (first_nan == hi) first_nan = i;
      } else {
        any = true;
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
      }
    }
    if (first_nan < hi) keep.push_back(first_nan);
    if (any) {
      for (size_t i = lo; i < hi; ++i) {
        if (in[i].value == lowest) {
          keep.push_back(i);
          break;
        }
      }
      for (size_t i = lo; i < hi; ++i) {
        if (in[i].value == highest) {
          keep.push_back(i);
          break;
        }
      }
    }
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    for (size_t i : keep) out.push_back(in[i]);
  }
  return out;
}

void ExpectSameBits(const std::vector<ScalarPoint>& want,
                    const ScalarSeries& got, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got.steps[i], want[i].step) << what << " at " << i;
    ASSERT_EQ(got.wall_times[i], want[i].wall_time) << what << " at " << i;
    const double w = want[i].value, g = got.values[i];
    if (std::isnan(w)) {
      ASSERT_TRUE(std::isnan(g)) << what << " at " << i;
    } else {
      ASSERT_EQ(g, w) << what << " at " << i;
      ASSERT_EQ(std::signbit(g), std::signbit(w)) << what << " at " << i;
    }
  }
}

TEST(ScalarSummariesTest, ExtremesOfAnyRangeMatchAScan) {
  std::mt19937_64 rng(7);
  for (size_t n : {1u, 127u, 128u, 129u, 600u, 8192u, 140001u}) {
    std::vector<double> values(n);
    ScalarSummaries summaries;
    for (double& v : values) {
      v = RandomValue(rng);
      summaries.Append(v);
    }
    ASSERT_EQ(summaries.size(), n);
    size_t raw_points = 0;
    for (int trial = 0; trial < 400; ++trial) {
      size_t a = rng() % n, b = rng() % n;
      if (a > b) std::swap(a, b);
      ++b;
      RangeExtremes want;
      for (size_t i = a; i < b; ++i) want.Add(i, values[i]);
      RangeExtremes got;
      raw_points = 0;
      summaries.Scan(a, b, &got,
                     [&](size_t from, size_t to, RangeExtremes* acc) {
                       raw_points += to - from;
                       for (size_t i = from; i < to; ++i)
                         acc->Add(i, values[i]);
                     });
      ASSERT_EQ(got.min_index, want.min_index)
          << n << " [" << a << "," << b << ")";
      ASSERT_EQ(got.max_index, want.max_index)
          << n << " [" << a << "," << b << ")";
      ASSERT_EQ(got.nan_index, want.nan_index)
          << n << " [" << a << "," << b << ")";
      // Whole blocks are not read point by point.
      ASSERT_LE(raw_points, 2 * 127 + (n - n / 128 * 128));
    }
  }
}

TEST(ScalarColumnReadRangeTest, MatchesBruteForceOverRandomSeriesAndQueries) {
  std::mt19937_64 rng(11);
  for (int series = 0; series < 24; ++series) {
    const size_t n = 1 + rng() % (series < 12 ? 3000 : 100000);
    const bool sorted = series % 4 != 3;
    std::vector<ScalarPoint> all;
    ScalarColumn column;
    int64_t step = static_cast<int64_t>(rng() % 100) - 50;
    for (size_t i = 0; i < n; ++i) {
      step += sorted ? static_cast<int64_t>(rng() % 3)  // repeats allowed
                     : static_cast<int64_t>(rng() % 7) - 3;
      ScalarPoint p{step, 1.7e9 + static_cast<double>(i) * 0.5,
                    RandomValue(rng)};
      all.push_back(p);
      column.Append(p);
    }
    if (series % 2 == 0) column.Seal();  // the partial block compressed too
    ASSERT_EQ(
        column.steps_sorted(),
        sorted || std::is_sorted(all.begin(), all.end(), [](auto& x, auto& y) {
          return x.step < y.step;
        }));
    for (int trial = 0; trial < 60; ++trial) {
      ScalarQuery q;
      const size_t pixel_choices[] = {0, 1, 3, 4, 7, 50, 1000, 4000};
      q.max_points = trial % 3 == 0 ? pixel_choices[rng() % 8] : rng() % 5000;
      if (trial % 4 != 0) {
        int64_t a = all[rng() % n].step + static_cast<int64_t>(rng() % 5) - 2;
        int64_t b = all[rng() % n].step + static_cast<int64_t>(rng() % 5) - 2;
        q.min_step = std::min(a, b);
        q.max_step = std::max(a, b);
      }
      ScalarSeries got;
      column.ReadRange(q, &got);
      ExpectSameBits(BruteForce(all, q), got,
                     "n=" + std::to_string(n) +
                         " points=" + std::to_string(q.max_points) + " steps " +
                         std::to_string(q.min_step) + ".." +
                         std::to_string(q.max_step));
    }
  }
}

TEST(ScalarColumnReadRangeTest, AppendsAfterAReadAreSeen) {
  std::mt19937_64 rng(3);
  std::vector<ScalarPoint> all;
  ScalarColumn column;
  ScalarQuery q;
  q.max_points = 100;
  for (int round = 0; round < 50; ++round) {
    const size_t more = 1 + rng() % 700;
    for (size_t i = 0; i < more; ++i) {
      ScalarPoint p{static_cast<int64_t>(all.size()),
                    static_cast<double>(all.size()), RandomValue(rng)};
      all.push_back(p);
      column.Append(p);
    }
    q.min_step = static_cast<int64_t>(rng() % all.size());
    ScalarSeries got;
    column.ReadRange(q, &got);
    ExpectSameBits(BruteForce(all, q), got, "round " + std::to_string(round));
  }
}

TEST(ScalarColumnReadRangeTest, PurgeRebuildsTheSummaries) {
  ScalarColumn column;
  std::vector<ScalarPoint> all;
  for (int i = 0; i < 5000; ++i) {
    ScalarPoint p{i, 0, i == 4000 ? 1e9 : std::sin(i * 0.1)};
    column.Append(p);
    if (i < 3000) all.push_back(p);
  }
  column.RemoveStepsAtOrAbove(3000);
  for (int i = 0; i < 2000; ++i) {
    ScalarPoint p{3000 + i, 1, std::cos(i * 0.1)};
    column.Append(p);
    all.push_back(p);
  }
  ScalarQuery q;
  q.max_points = 40;
  ScalarSeries got;
  column.ReadRange(q, &got);
  ExpectSameBits(BruteForce(all, q), got, "after purge");
  EXPECT_EQ(std::count(got.values.begin(), got.values.end(), 1e9), 0);
}

}  // namespace
}  // namespace tbx
