// Histogram compression for the distributions plugin, with TensorBoard's exact
// arithmetic (tensorboard/plugins/distribution/compressor.py,
// compress_histogram): the cumulative bucket weights are scaled to 10000 basis
// points and each of the nine basis points of a normal distribution's -inf,
// -1.5, -1, -0.5, 0, 0.5, 1, 1.5, +inf standard deviations is placed by linear
// interpolation inside the bucket where the cumulative weight passes it. Pure
// functions; any thread may call them.
#ifndef TBX_PLUGINS_DISTRIBUTIONS_COMPRESSOR_H_
#define TBX_PLUGINS_DISTRIBUTIONS_COMPRESSOR_H_

#include <array>
#include <vector>

#include "tbx/types.h"

namespace tbx::plugins {

inline constexpr std::array<int, 9> kNormalHistogramBasisPoints = {
    0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000};

struct HistogramBucket {
  double left = 0;
  double right = 0;
  double count = 0;
};

struct CompressedValue {
  int basis_point = 0;
  double value = 0;
};

// The nine compressed values of `buckets` (in order of their edges). No buckets
// gives 0.0 at every basis point; when no bucket holds any weight every basis
// point gets the last right edge. Counts are summed in order, which equals
// numpy's sum for the integral counts histograms hold.
std::array<CompressedValue, 9> CompressHistogram(
    const std::vector<HistogramBucket>& buckets);

// The buckets of a [k, 3] histogram tensor; empty when the tensor does not have
// that shape.
std::vector<HistogramBucket> BucketsOf(const Tensor& histogram);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_DISTRIBUTIONS_COMPRESSOR_H_
