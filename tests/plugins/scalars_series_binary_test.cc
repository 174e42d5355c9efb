// The binary /series writer's per-column encodings: which one it picks for a
// column, and that every column, whatever its encoding, reads back bit for bit
// through the independent reader of series_binary_decode.h.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/scalars/series_binary.h"
#include "tests/plugins/series_binary_decode.h"

namespace tbx::plugins {
namespace {

using ::tbx::testing::BinarySeries;
using ::tbx::testing::DecodeBinary;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kFloatDenormal = std::numeric_limits<float>::denorm_min();
constexpr double kDoubleDenormal = std::numeric_limits<double>::denorm_min();

ColumnEncoding Choose(const std::vector<double>& column) {
  return ChooseEncoding(column);
}

std::vector<uint64_t> Bits(const std::vector<double>& column) {
  std::vector<uint64_t> bits;
  for (double v : column) bits.push_back(std::bit_cast<uint64_t>(v));
  return bits;
}

// Writes one series and reads it back.
BinarySeries RoundTrip(const ScalarSeries& series, std::string* body) {
  SeriesBinaryWriter writer(body, 1, series.size());
  writer.AddSeries("run", "tag", series);
  std::vector<BinarySeries> read = DecodeBinary(*body);
  EXPECT_EQ(read.size(), 1u);
  return read.empty() ? BinarySeries{} : read[0];
}

void ExpectRoundTrip(const ScalarSeries& series) {
  std::string body;
  const BinarySeries read = RoundTrip(series, &body);
  EXPECT_EQ(read.run, "run");
  EXPECT_EQ(read.tag, "tag");
  std::vector<double> steps(series.steps.begin(), series.steps.end());
  EXPECT_EQ(Bits(read.step), Bits(steps));
  EXPECT_EQ(Bits(read.wall_time), Bits(series.wall_times));
  EXPECT_EQ(Bits(read.value), Bits(series.values));
}

TEST(ColumnEncodingTest, IntegersInInt32AreInt32) {
  EXPECT_EQ(Choose({0, 1, -5, 2147483647.0, -2147483648.0}),
            ColumnEncoding::kInt32);
  // −0.0 is not an integer's bits; past int32 is not int32.
  EXPECT_EQ(Choose({0, -0.0, 1}), ColumnEncoding::kFloat32);
  EXPECT_EQ(Choose({0, 2147483648.0}), ColumnEncoding::kFloat32);
  EXPECT_EQ(Choose({1, 2, 16777217}), ColumnEncoding::kInt32);
  // One number: differences would save nothing.
  EXPECT_EQ(Choose({7}), ColumnEncoding::kInt32);
}

TEST(ColumnEncodingTest, Int32NumbersCloseTogetherAreDifferences) {
  // Each difference from the number before, not from the first.
  EXPECT_EQ(Choose({1000, 1127, 999}), ColumnEncoding::kInt32Delta8);
  EXPECT_EQ(Choose({-2147483648.0, -2147483648.0 + 127}),
            ColumnEncoding::kInt32Delta8);
  // int8 is −128..127.
  EXPECT_EQ(Choose({0, -128}), ColumnEncoding::kInt32Delta8);
  EXPECT_EQ(Choose({0, 128}), ColumnEncoding::kInt32Delta16);
  EXPECT_EQ(Choose({0, -129}), ColumnEncoding::kInt32Delta16);
  // int16 is −32768..32767.
  EXPECT_EQ(Choose({5, 5 + 32767, 5}), ColumnEncoding::kInt32Delta16);
  EXPECT_EQ(Choose({5, 5 - 32768}), ColumnEncoding::kInt32Delta16);
  EXPECT_EQ(Choose({5, 5 + 32768}), ColumnEncoding::kInt32);
  EXPECT_EQ(Choose({5, 5 - 32769}), ColumnEncoding::kInt32);
  // Differences past int32 itself.
  EXPECT_EQ(Choose({-2147483648.0, 2147483647.0}), ColumnEncoding::kInt32);
}

TEST(ColumnEncodingTest, Float32ExactNumbersAreFloat32) {
  EXPECT_EQ(Choose({0.1f, 0.25, -kInf, kInf, kNaN, -0.0, kFloatDenormal}),
            ColumnEncoding::kFloat32);
  EXPECT_EQ(Choose({3.4028234663852886e38}), ColumnEncoding::kFloat32);
}

TEST(ColumnEncodingTest, NumbersFloat32CannotHoldStayFloat64) {
  EXPECT_EQ(Choose({0.1f, 0.1}), ColumnEncoding::kFloat64);
  EXPECT_EQ(Choose({1.0, kDoubleDenormal}), ColumnEncoding::kFloat64);
  EXPECT_EQ(Choose({1e300}), ColumnEncoding::kFloat64);
  EXPECT_EQ(Choose({}), ColumnEncoding::kFloat64);
}

TEST(ColumnEncodingTest, NumbersNearABaseAreFloat32Offsets) {
  // Wall times a quarter second apart (whole seconds before 2038 are int32).
  EXPECT_EQ(Choose({1700000000.0, 1700000001.0}), ColumnEncoding::kInt32Delta8);
  EXPECT_EQ(Choose({1700000000.0, 1700000001.0, 1700000002.25}),
            ColumnEncoding::kFloat32Offset);
  // Steps past int32.
  EXPECT_EQ(Choose({5e9, 5e9 + 10, 5e9 - 20}), ColumnEncoding::kFloat32Offset);
  // time.time()'s microseconds over a minute need more than 24 bits.
  EXPECT_EQ(Choose({1700000000.123456, 1700000060.654321}),
            ColumnEncoding::kFloat64);
  // A single number far from float32 gains nothing from a base.
  EXPECT_EQ(Choose({1700000000.5}), ColumnEncoding::kFloat64);
  // base + ±infinity and base + NaN are themselves.
  EXPECT_EQ(Choose({1700000000.5, kInf, kNaN, -kInf}),
            ColumnEncoding::kFloat32Offset);
  EXPECT_EQ(Choose({1700000000.5, -0.0}), ColumnEncoding::kFloat64);
}

TEST(SeriesBinaryWriterTest, EveryEncodingRoundTripsBitForBit) {
  ExpectRoundTrip({.steps = {0, 1, 2},
                   .wall_times = {1700000000.5, kNaN, -kInf},
                   .values = {0.5f, -0.0, kNaN}});
  ExpectRoundTrip({.steps = {int64_t{1} << 40, (int64_t{1} << 40) + 7},
                   .wall_times = {1700000000.123456, 1700000060.654321},
                   .values = {0.1, kDoubleDenormal}});
  ExpectRoundTrip({.steps = {-3, 7},
                   .wall_times = {-0.0, kInf},
                   .values = {kFloatDenormal, -kInf}});
  ExpectRoundTrip({.steps = {5}, .wall_times = {1.5}, .values = {1e300}});
  // int32 first numbers and differences at their limits, both signs.
  ExpectRoundTrip({.steps = {-2147483648, -2147483648 + 127, -2147483648},
                   .wall_times = {2147483647.0, 2147483647.0 - 32768,
                                  2147483647.0 - 32768 + 32767},
                   .values = {0, -128, 127}});
  ExpectRoundTrip({.steps = {0, 100000, -2147483648},
                   .wall_times = {1, 1, 1},
                   .values = {2147483647.0, -2147483648.0, 0}});
  ExpectRoundTrip({});
}

TEST(SeriesBinaryWriterTest, WritesEachColumnInItsEncoding) {
  std::string body;
  const BinarySeries read =
      RoundTrip({.steps = {0, 1, 2},
                 .wall_times = {1700000000.5, 1700000001.0, 1700000002.5},
                 .values = {0.5f, 0.25f, 0.1}},
                &body);
  EXPECT_EQ(read.encoding[0], 4);  // int32 + int8 differences
  EXPECT_EQ(read.encoding[1], 3);  // float32 offsets
  EXPECT_EQ(read.encoding[2], 0);  // float64: 0.1 is not a float32
}

TEST(SeriesBinaryWriterTest, Float32ExactSeriesTakeAboutNineBytesAPoint) {
  // A series as PyTorch writes it: integer steps, float32 values; wall times
  // half a second apart. Float64 columns took 24 bytes a point, and int32
  // steps 12.
  ScalarSeries series;
  for (int i = 0; i < 600; ++i) {
    series.steps.push_back(i * 10);
    series.wall_times.push_back(1700000000.0 + i * 0.5);
    series.values.push_back(static_cast<float>(std::exp(-i / 100.0)));
  }
  std::string body;
  RoundTrip(series, &body);
  // Header 16, series header 16, names 6 → 8, steps 4 + 599 → 608, wall
  // times 8 + 2400, values 2400.
  EXPECT_EQ(body.size(), 16u + 16 + 8 + 608 + 2408 + 2400);
}

TEST(SeriesBinaryWriterTest, WholeSecondStepsAndWallTimesTakeSixBytesAPoint) {
  // Steps 17 apart and wall times a few seconds apart, as a downsampled
  // series of a long run: one byte each, then the float32 values.
  ScalarSeries series;
  for (int i = 0; i < 600; ++i) {
    series.steps.push_back(i * 17);
    series.wall_times.push_back(1700000000.0 + i * 3 + i % 2);
    series.values.push_back(static_cast<float>(std::sin(i)));
  }
  std::string body;
  const BinarySeries read = RoundTrip(series, &body);
  EXPECT_EQ(read.encoding[0], 4);
  EXPECT_EQ(read.encoding[1], 4);
  EXPECT_EQ(read.encoding[2], 1);
  EXPECT_EQ(body.size(), 16u + 16 + 8 + 608 + 608 + 2400);
  ExpectRoundTrip(series);
}

TEST(SeriesBinaryWriterTest, StepsFarApartTakeTwoBytesADifference) {
  ScalarSeries series;
  for (int i = 0; i < 100; ++i) {
    series.steps.push_back(i * 1000);
    series.wall_times.push_back(i * 40000.0);
    series.values.push_back(i);
  }
  std::string body;
  const BinarySeries read = RoundTrip(series, &body);
  EXPECT_EQ(read.encoding[0], 5);  // int16 differences
  EXPECT_EQ(read.encoding[1], 2);  // 40,000 is past int16: int32
  EXPECT_EQ(read.encoding[2], 4);  // 1 apart
  // Steps 4 + 198 → 208, wall times 400, values 4 + 99 → 104.
  EXPECT_EQ(body.size(), 16u + 16 + 8 + 208 + 400 + 104);
  ExpectRoundTrip(series);
}

TEST(SeriesBinaryWriterTest, EmptySeriesHaveNoColumnBytes) {
  std::string body;
  const BinarySeries read = RoundTrip({}, &body);
  EXPECT_EQ(body.size(), 16u + 16 + 8);
  EXPECT_TRUE(read.step.empty() && read.wall_time.empty() &&
              read.value.empty());
}

}  // namespace
}  // namespace tbx::plugins
