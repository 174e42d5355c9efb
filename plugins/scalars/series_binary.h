// The binary columnar form of /data/plugin/scalars/series (format=binary): a
// small header, then per series its run and tag names and its step, wall time
// and value columns, each in the narrowest of a few encodings that gives every
// number back bit for bit (float64, float32, int32, an int32 base plus 8- or
// 16-bit differences, or a float64 base plus float32 offsets), every column
// 8-byte aligned so a browser wraps the wide ones in a typed array without
// copying. Layout in http_api.md. Pure; any thread.
#ifndef TBX_PLUGINS_SCALARS_SERIES_BINARY_H_
#define TBX_PLUGINS_SCALARS_SERIES_BINARY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tbx/types.h"

namespace tbx::plugins {

inline constexpr std::string_view kSeriesBinaryContentType =
    "application/vnd.tbx.series";

// The format's version in the header.
inline constexpr uint32_t kSeriesBinaryVersion = 2;

// How a column is written (its byte in the series header).
enum class ColumnEncoding : uint8_t {
  kFloat64 = 0,        // 8 bytes a number
  kFloat32 = 1,        // 4 bytes a number, each exactly a float32
  kInt32 = 2,          // 4 bytes a number, each an int32 (never −0.0)
  kFloat32Offset = 3,  // a float64 base, then base + float32 per number
  kInt32Delta8 = 4,    // an int32 first number, then int8 differences
  kInt32Delta16 = 5,   // an int32 first number, then int16 differences
};

// The narrowest encoding that gives back every number of `column` bit for bit
// (float64 when the column is empty or nothing narrower is exact).
ColumnEncoding ChooseEncoding(std::span<const double> column);

// Writes the binary form into `out` (cleared first): the header on
// construction, then one AddSeries call per series, `series_count` in all, or
// any number followed by SetSeriesCount (a writer streaming series as they are
// read, with estimates for the sizes).
class SeriesBinaryWriter {
 public:
  // `series_count` and `total_points` size the buffer.
  SeriesBinaryWriter(std::string* out, size_t series_count,
                     size_t total_points);
  void AddSeries(std::string_view run, std::string_view tag,
                 const ScalarSeries& series);
  // Sets the header's number of series to `series_count`.
  void SetSeriesCount(size_t series_count);

 private:
  std::string* out_;
  std::vector<double> steps_;  // the steps as numbers, reused
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_SERIES_BINARY_H_
