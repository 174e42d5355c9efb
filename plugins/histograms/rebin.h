// Re-binning of a histogram series to a chart's resolution on the server, so a
// card does not download every bucket of every step (600 steps of ~1500
// buckets are ~40 MB of JSON): every step's [left, right, count] buckets are
// spread over `bins` equal-width bins covering the value range of all non-empty
// buckets, each bucket's count shared among the bins it overlaps in proportion
// to the overlap; a zero-width bucket puts its whole count in one bin. The same
// rule as the frontend's own re-binning (frontend/src/plugins/histograms/
// rebin.ts), so drawing the answer gives the same picture. Pure functions; any
// thread may call them.
#ifndef TBX_PLUGINS_HISTOGRAMS_REBIN_H_
#define TBX_PLUGINS_HISTOGRAMS_REBIN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tbx/types.h"

namespace tbx::plugins {

struct RebinnedHistograms {
  double x0 = -0.5;  // the bins cover [x0, x1], x0 < x1
  double x1 = 0.5;
  int bins = 0;
  std::vector<int64_t> steps;
  std::vector<double> wall_times;
  // Row-major: step i's bin k is counts[i * bins + k].
  std::vector<double> counts;
};

// Re-bins `data` (histogram tensors of shape [k, 3]; others count as empty)
// into `bins` >= 1 equal bins. The range is that of every non-empty bucket
// (of every bucket when all are empty), widened by 10% of the value (0.5 at
// 0) on each side when it is a single value, [-0.5, 0.5] when there is none.
RebinnedHistograms Rebin(const std::vector<TensorDatum>& data, int bins);

// {"x0", "x1", "bins", "step": [...], "wall_time": [...], "counts": [...]}
// with counts written to 6 significant digits.
std::string RebinnedJson(const RebinnedHistograms& rebinned);

inline constexpr std::string_view kRebinnedBinaryContentType =
    "application/vnd.tbx.histograms";

// The same as little-endian columns (format=binary; layout in http_api.md):
// a 32-byte header "TBXH", version 1, steps N, bins B, x0, x1; then N float64
// steps, N float64 wall times and N * B float32 counts, each column 8-byte
// aligned so a browser wraps it in a typed array without copying.
std::string RebinnedBinary(const RebinnedHistograms& rebinned);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_HISTOGRAMS_REBIN_H_
