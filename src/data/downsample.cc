#include "src/data/downsample.h"

#include <algorithm>
#include <cmath>

namespace tbx {

std::vector<size_t> DownsampleIndices(const std::vector<double>& values,
                                      size_t max_points) {
  const size_t n = values.size();
  std::vector<size_t> keep;
  if (max_points == 0 || n <= max_points) {
    keep.resize(n);
    for (size_t i = 0; i < n; ++i) keep[i] = i;
    return keep;
  }
  const size_t buckets = std::max<size_t>(1, max_points / 4);
  keep.reserve(buckets * 5);
  for (size_t b = 0; b < buckets; ++b) {
    const size_t begin = b * n / buckets;
    const size_t end = (b + 1) * n / buckets;
    if (begin >= end) continue;
    size_t min_i = begin, max_i = begin, nan_i = end;
    for (size_t i = begin; i < end; ++i) {
      const double v = values[i];
      if (std::isnan(v)) {
        if (nan_i == end) nan_i = i;
        continue;
      }
      if (std::isnan(values[min_i]) || v < values[min_i]) min_i = i;
      if (std::isnan(values[max_i]) || v > values[max_i]) max_i = i;
    }
    size_t picks[5] = {begin, min_i, max_i, nan_i, end - 1};
    std::sort(std::begin(picks), std::end(picks));
    for (size_t p : picks) {
      if (p < end && (keep.empty() || keep.back() != p)) keep.push_back(p);
    }
  }
  return keep;
}

ScalarSeries Downsample(ScalarSeries series, size_t max_points) {
  if (max_points == 0 || series.size() <= max_points) return series;
  std::vector<size_t> keep = DownsampleIndices(series.values, max_points);
  ScalarSeries out;
  out.steps.reserve(keep.size());
  out.wall_times.reserve(keep.size());
  out.values.reserve(keep.size());
  for (size_t i : keep) {
    out.steps.push_back(series.steps[i]);
    out.wall_times.push_back(series.wall_times[i]);
    out.values.push_back(series.values[i]);
  }
  return out;
}

}  // namespace tbx
