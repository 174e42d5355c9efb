// Test helper: reads the binary series layout of the scalars plugin's
// `series?format=binary` (plugins/scalars/http_api.md), independently of the
// writer, for the scalars and Time Series route tests. Header-only.
#ifndef TBX_TESTS_PLUGINS_SERIES_BINARY_DECODE_H_
#define TBX_TESTS_PLUGINS_SERIES_BINARY_DECODE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tbx::testing {

// Reads the binary layout documented in http_api.md, independently of the
// writer: little-endian u32 fields and float64 columns at 8-byte offsets.
struct BinarySeries {
  std::string run, tag;
  std::vector<double> step, wall_time, value;
};

inline std::vector<BinarySeries> DecodeBinary(const std::string& body) {
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
      v = (v << 8) | static_cast<uint8_t>(body.at(at + static_cast<size_t>(i)));
    return v;
  };
  auto f64 = [&](size_t at) {
    uint64_t bits = 0;
    for (int i = 7; i >= 0; --i)
      bits = (bits << 8) |
             static_cast<uint8_t>(body.at(at + static_cast<size_t>(i)));
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  };
  EXPECT_EQ(body.substr(0, 4), "TBXS");
  EXPECT_EQ(u32(4), 1u);
  std::vector<BinarySeries> out(u32(8));
  size_t at = 16;
  for (BinarySeries& s : out) {
    const uint32_t run_len = u32(at), tag_len = u32(at + 4), n = u32(at + 8);
    at += 16;
    s.run = body.substr(at, run_len);
    s.tag = body.substr(at + run_len, tag_len);
    at = (at + run_len + tag_len + 7) / 8 * 8;
    for (auto* column : {&s.step, &s.wall_time, &s.value}) {
      for (uint32_t i = 0; i < n; ++i, at += 8) column->push_back(f64(at));
    }
  }
  EXPECT_EQ(at, body.size());
  return out;
}

}  // namespace tbx::testing

#endif  // TBX_TESTS_PLUGINS_SERIES_BINARY_DECODE_H_
