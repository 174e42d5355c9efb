// TensorBoard's histogram compression; see compressor.h.
#include "plugins/distributions/compressor.h"

#include <algorithm>
#include <cstddef>

namespace tbx::plugins {
namespace {

// Affinely maps x from [x0, x1] onto [y0, y1], in the order TensorBoard's _lerp
// computes it.
double Lerp(double x, double x0, double x1, double y0, double y1) {
  return y0 + (x - x0) * (y1 - y0) / (x1 - x0);
}

}  // namespace

std::array<CompressedValue, 9> CompressHistogram(
    const std::vector<HistogramBucket>& buckets) {
  std::array<CompressedValue, 9> result;
  for (size_t j = 0; j < result.size(); ++j)
    result[j] = {kNormalHistogramBasisPoints[j], 0.0};
  if (buckets.empty()) return result;

  const double min_edge = buckets.front().left;
  const double max_edge = buckets.back().right;
  double total = 0;
  for (const HistogramBucket& b : buckets) total += b.count;
  if (total == 0) total = 1.0;
  const double scale = kNormalHistogramBasisPoints.back();
  // weights[i]: cumulative share of buckets 0..i, in basis points.
  std::vector<double> weights(buckets.size());
  double cumulative = 0;
  for (size_t i = 0; i < buckets.size(); ++i) {
    cumulative += buckets[i].count * scale / total;
    weights[i] = cumulative;
  }

  size_t j = 0;
  while (j < result.size()) {
    const double bp = kNormalHistogramBasisPoints[j];
    // The first bucket whose cumulative weight exceeds bp (numpy searchsorted
    // side="right").
    size_t i =
        std::upper_bound(weights.begin(), weights.end(), bp) - weights.begin();
    bool placed = false;
    for (; i < weights.size(); ++i) {
      const double cumsum = weights[i];
      const double cumsum_prev = i > 0 ? weights[i - 1] : 0.0;
      if (cumsum == cumsum_prev)
        continue;  // an empty bucket: nothing to interpolate in
      const double lhs = (i == 0 || cumsum_prev == 0)
                             ? min_edge
                             : std::max(buckets[i - 1].right, min_edge);
      const double rhs = std::min(buckets[i].right, max_edge);
      result[j].value = Lerp(bp, cumsum_prev, cumsum, lhs, rhs);
      placed = true;
      break;
    }
    if (!placed) break;
    ++j;
  }
  for (; j < result.size(); ++j) result[j].value = max_edge;
  return result;
}

std::vector<HistogramBucket> BucketsOf(const Tensor& histogram) {
  std::vector<HistogramBucket> buckets;
  if (histogram.shape.size() != 2 || histogram.shape[1] != 3 ||
      static_cast<int64_t>(histogram.numbers.size()) !=
          histogram.num_elements()) {
    return buckets;
  }
  buckets.reserve(histogram.shape[0]);
  for (size_t i = 0; i + 2 < histogram.numbers.size(); i += 3) {
    buckets.push_back({histogram.numbers[i], histogram.numbers[i + 1],
                       histogram.numbers[i + 2]});
  }
  return buckets;
}

}  // namespace tbx::plugins
