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
// writer: little-endian u32 fields and columns at 8-byte offsets, each float64,
// float32, int32, a float64 base plus float32 offsets, or an int32 first
// number plus int8 or int16 differences (its encoding byte).
struct BinarySeries {
  std::string run, tag;
  std::vector<double> step, wall_time, value;
  uint8_t encoding[3] = {0, 0, 0};  // of step, wall_time, value
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
  auto f32 = [&](size_t at) {
    const uint32_t bits = u32(at);
    float f;
    std::memcpy(&f, &bits, 4);
    return static_cast<double>(f);
  };
  auto pad8 = [](size_t at) { return (at + 7) / 8 * 8; };
  EXPECT_EQ(body.substr(0, 4), "TBXS");
  EXPECT_EQ(u32(4), 2u);
  std::vector<BinarySeries> out(u32(8));
  size_t at = 16;
  for (BinarySeries& s : out) {
    const uint32_t run_len = u32(at), tag_len = u32(at + 4), n = u32(at + 8);
    for (int c = 0; c < 3; ++c)
      s.encoding[c] = static_cast<uint8_t>(body.at(at + 12 + c));
    EXPECT_EQ(body.at(at + 15), '\0');
    at += 16;
    s.run = body.substr(at, run_len);
    s.tag = body.substr(at + run_len, tag_len);
    at = (at + run_len + tag_len + 7) / 8 * 8;
    std::vector<double>* columns[3] = {&s.step, &s.wall_time, &s.value};
    for (int c = 0; c < 3; ++c) {
      std::vector<double>& column = *columns[c];
      switch (s.encoding[c]) {
        case 0:  // float64
          for (uint32_t i = 0; i < n; ++i, at += 8) column.push_back(f64(at));
          break;
        case 1:  // float32
          for (uint32_t i = 0; i < n; ++i, at += 4) column.push_back(f32(at));
          break;
        case 2:  // int32
          for (uint32_t i = 0; i < n; ++i, at += 4)
            column.push_back(static_cast<int32_t>(u32(at)));
          break;
        case 3: {  // float64 base + float32 offsets
          const double base = f64(at);
          at += 8;
          for (uint32_t i = 0; i < n; ++i, at += 4)
            column.push_back(base + f32(at));
          break;
        }
        case 4:    // int32 first number + int8 differences
        case 5: {  // int32 first number + int16 differences
          if (n == 0) break;
          const size_t width = s.encoding[c] == 4 ? 1 : 2;
          int64_t v = static_cast<int32_t>(u32(at));
          column.push_back(static_cast<double>(v));
          at += 4;
          for (uint32_t i = 1; i < n; ++i, at += width) {
            const uint32_t low = static_cast<uint8_t>(body.at(at));
            const int64_t difference =
                width == 1
                    ? static_cast<int8_t>(low)
                    : static_cast<int16_t>(
                          low | (static_cast<uint8_t>(body.at(at + 1)) << 8));
            v += difference;
            column.push_back(static_cast<double>(v));
          }
          break;
        }
        default:
          ADD_FAILURE() << "unknown encoding " << int{s.encoding[c]};
          return out;
      }
      at = pad8(at);
    }
  }
  EXPECT_EQ(at, body.size());
  return out;
}

}  // namespace tbx::testing

#endif  // TBX_TESTS_PLUGINS_SERIES_BINARY_DECODE_H_
