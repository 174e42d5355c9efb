// The scalar block codec and the compressed ScalarColumn: every point reads
// back bit-exactly (NaN payloads, infinities, -0.0, denormals, extreme steps),
// across block boundaries and sealed partial blocks, and real-looking series
// take few bytes a point.
#include "src/data/scalar_block_codec.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "src/data/scalar_column.h"

namespace tbx {
namespace {

using Limits = std::numeric_limits<double>;

uint64_t Bits(double v) { return std::bit_cast<uint64_t>(v); }
double FromBits(uint64_t b) { return std::bit_cast<double>(b); }

// Doubles an encoder must keep to the bit.
std::vector<double> SpecialDoubles() {
  return {FromBits(0x7ff8000000000000),  // quiet NaN
          FromBits(0xfff8000000000000),  // negative quiet NaN
          FromBits(0x7ff0000000000001),  // signalling NaN, payload 1
          FromBits(0x7ff4dead0000beef),  // NaN with a payload
          FromBits(0x7fffffffffffffff),
          Limits::infinity(),
          -Limits::infinity(),
          0.0,
          -0.0,
          Limits::denorm_min(),
          -Limits::denorm_min(),
          FromBits(0x000fffffffffffff),  // largest denormal
          Limits::min(),
          Limits::max(),
          Limits::lowest(),
          1.0,
          0.1,
          static_cast<double>(0.1f)};
}

void ExpectBlockRoundTrips(const std::vector<ScalarPoint>& points,
                           const std::string& what) {
  uint8_t encoded[scalar_codec::kMaxBlockBytes];
  const size_t size = scalar_codec::EncodeBlock(
      points.data(), static_cast<uint32_t>(points.size()), encoded);
  ASSERT_LE(size, scalar_codec::kMaxBlockBytes) << what;
  EXPECT_EQ(scalar_codec::FirstStep(encoded), points[0].step) << what;
  // Every prefix, every column alone and all together.
  for (uint32_t n = 1; n <= points.size(); n += n < 4 ? 1 : 17) {
    int64_t steps[scalar_codec::kMaxPoints];
    double walls[scalar_codec::kMaxPoints], values[scalar_codec::kMaxPoints];
    scalar_codec::DecodeBlock(encoded, size, n, steps, walls, values);
    for (uint32_t i = 0; i < n; ++i) {
      ASSERT_EQ(steps[i], points[i].step) << what << " point " << i;
      ASSERT_EQ(Bits(walls[i]), Bits(points[i].wall_time))
          << what << " point " << i;
      ASSERT_EQ(Bits(values[i]), Bits(points[i].value))
          << what << " point " << i;
    }
    double only_values[scalar_codec::kMaxPoints];
    scalar_codec::DecodeBlock(encoded, size, n, nullptr, nullptr, only_values);
    ASSERT_EQ(std::memcmp(only_values, values, n * sizeof(double)), 0) << what;
  }
}

TEST(ScalarBlockCodecTest, SpecialValuesRoundTripBitExactly) {
  const std::vector<double> special = SpecialDoubles();
  std::vector<ScalarPoint> points;
  for (size_t i = 0; i < special.size(); ++i) {
    // Each special value as a value and as a wall time, next to every other.
    for (size_t j = 0; j < special.size() && points.size() < 128; j += 5) {
      points.push_back(
          {static_cast<int64_t>(points.size()), special[j], special[i]});
    }
  }
  points.resize(128);
  ExpectBlockRoundTrips(points, "special");
  std::vector<ScalarPoint> one = {{-7, -0.0, FromBits(0x7ff0000000000001)}};
  ExpectBlockRoundTrips(one, "one point");
}

TEST(ScalarBlockCodecTest, ExtremeStepsRoundTrip) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  std::vector<ScalarPoint> points = {{kMax, 1, 1}, {kMin, 2, 2}, {0, 3, 3},
                                     {kMax, 4, 4}, {-1, 5, 5},   {kMin, 6, 6},
                                     {kMin, 7, 7}, {1, 8, 8}};
  ExpectBlockRoundTrips(points, "extreme steps");
  std::vector<ScalarPoint> constant;  // one delta for the whole block
  for (int i = 0; i < 128; ++i)
    constant.push_back({kMin + (int64_t{i} << 40), 0, 0});
  ExpectBlockRoundTrips(constant, "constant stride");
}

TEST(ScalarBlockCodecTest, RandomBitsRoundTrip) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    const uint32_t n = 1 + static_cast<uint32_t>(rng() % 128);
    std::vector<ScalarPoint> points(n);
    for (ScalarPoint& p : points) {
      // Fully random bits, or near the previous point, so that every code
      // width is used.
      const bool near = trial % 2 == 1 && &p != &points[0];
      const ScalarPoint& prev = near ? *(&p - 1) : p;
      const int shift = static_cast<int>(rng() % 64);
      p.step = near ? prev.step + static_cast<int64_t>(rng() >> shift)
                    : static_cast<int64_t>(rng());
      p.wall_time = near ? FromBits(Bits(prev.wall_time) + (rng() >> shift))
                         : FromBits(rng());
      p.value = near ? FromBits(Bits(prev.value) ^ (rng() >> shift))
                     : FromBits(rng());
    }
    ExpectBlockRoundTrips(points, "random " + std::to_string(trial));
  }
}

// A training job as PyTorch's SummaryWriter logs it: consecutive steps,
// time.time() wall times about 0.25 s apart with jitter, a noisy decreasing
// loss stored as float32 (simple_value).
std::vector<ScalarPoint> RealLookingSeries(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 1);
  std::vector<ScalarPoint> points;
  double wall = 1733480000.123456;
  for (size_t i = 0; i < n; ++i) {
    wall += 0.25 + 0.002 * noise(rng);
    const double loss = 2.5 * std::exp(-static_cast<double>(i) / 3000) + 0.3 +
                        0.05 * noise(rng);
    points.push_back({static_cast<int64_t>(i), wall,
                      static_cast<double>(static_cast<float>(loss))});
  }
  return points;
}

TEST(ScalarBlockCodecTest, RealLookingSeriesRoundTrips) {
  const std::vector<ScalarPoint> all = RealLookingSeries(1280, 9);
  for (size_t at = 0; at < all.size(); at += 128) {
    ExpectBlockRoundTrips(
        std::vector<ScalarPoint>(all.begin() + at, all.begin() + at + 128),
        "block at " + std::to_string(at));
  }
}

void ExpectColumnHolds(const ScalarColumn& column,
                       const std::vector<ScalarPoint>& want,
                       const std::string& what) {
  ASSERT_EQ(column.size(), want.size()) << what;
  size_t i = 0;
  column.ForEach([&](const ScalarPoint& p) {
    ASSERT_EQ(p.step, want[i].step) << what << " point " << i;
    ASSERT_EQ(Bits(p.wall_time), Bits(want[i].wall_time)) << what << " " << i;
    ASSERT_EQ(Bits(p.value), Bits(want[i].value)) << what << " point " << i;
    ++i;
  });
  for (size_t j : {size_t{0}, size_t{127}, size_t{128}, size_t{129},
                   want.size() / 2, want.size() - 1}) {
    if (j >= want.size()) continue;
    const ScalarPoint p = column.Get(j);
    ASSERT_EQ(p.step, want[j].step) << what << " Get " << j;
    ASSERT_EQ(Bits(p.value), Bits(want[j].value)) << what << " Get " << j;
    ASSERT_EQ(Bits(p.wall_time), Bits(want[j].wall_time)) << what << " " << j;
  }
  ScalarSeries all;
  column.ReadRange(ScalarQuery{}, &all);
  ASSERT_EQ(all.size(), want.size()) << what;
  for (size_t j = 0; j < want.size(); ++j) {
    ASSERT_EQ(Bits(all.values[j]), Bits(want[j].value)) << what << " " << j;
  }
}

TEST(ScalarColumnCompressionTest, SealingAtEveryBoundaryKeepsEveryPoint) {
  const std::vector<double> special = SpecialDoubles();
  std::vector<ScalarPoint> source = RealLookingSeries(700, 3);
  for (size_t i = 0; i < source.size(); i += 7)
    source[i].value = special[i % special.size()];
  // Sealed after every k appends (a loader catching up now and then), so
  // partial blocks are compressed, reopened and extended.
  for (size_t k : {1, 2, 127, 128, 129, 300, 1000}) {
    ScalarColumn column;
    std::vector<ScalarPoint> want;
    for (const ScalarPoint& p : source) {
      column.Append(p);
      want.push_back(p);
      if (want.size() % k == 0) {
        column.Seal();
        ExpectColumnHolds(column, want, "k=" + std::to_string(k));
      }
    }
    column.Seal();
    ExpectColumnHolds(column, want, "end k=" + std::to_string(k));
  }
}

TEST(ScalarColumnCompressionTest,
     NoisyRealLookingSeriesTakeAboutSixBytesAPoint) {
  // 1,000 steps a series, as the 100M-point benchmark writes; sealed.
  size_t bytes = 0, points = 0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    ScalarColumn column;
    for (const ScalarPoint& p : RealLookingSeries(1000, seed)) column.Append(p);
    column.Seal();
    bytes += column.MemoryBytes();
    points += column.size();
  }
  const double per_point = static_cast<double>(bytes) / points;
  EXPECT_LT(per_point, 6.0);  // 17 uncompressed; the float noise costs most
  RecordProperty("bytes_per_point", std::to_string(per_point));
  std::printf("real-looking series: %.2f bytes a point\n", per_point);
}

}  // namespace
}  // namespace tbx
