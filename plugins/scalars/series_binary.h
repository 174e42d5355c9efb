// The binary columnar form of /data/plugin/scalars/series (format=binary): a
// small header, then per series its run and tag names and three float64
// columns, every column 8-byte aligned so a browser reads it as a
// Float64Array without copying. Layout in http_api.md. Pure; any thread.
#ifndef TBX_PLUGINS_SCALARS_SERIES_BINARY_H_
#define TBX_PLUGINS_SCALARS_SERIES_BINARY_H_

#include <string>
#include <string_view>

#include "tbx/types.h"

namespace tbx::plugins {

inline constexpr std::string_view kSeriesBinaryContentType =
    "application/vnd.tbx.series";

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
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_SERIES_BINARY_H_
