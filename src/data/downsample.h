// Query-time downsampling of scalar series that keeps what a chart must show:
// the points are cut into buckets of consecutive points and each bucket keeps
// its first, last, minimum and maximum point (and its first NaN, if any), in
// storage order. Spikes and gaps survive.
//
// Pure functions; any thread.
#ifndef TBX_SRC_DATA_DOWNSAMPLE_H_
#define TBX_SRC_DATA_DOWNSAMPLE_H_

#include <cstddef>
#include <vector>

#include "tbx/types.h"

namespace tbx {

// Ascending indices into `values` of the points to keep; every index when
// values.size() <= max_points or max_points == 0.
std::vector<size_t> DownsampleIndices(const std::vector<double>& values,
                                      size_t max_points);

// `series` reduced to the points DownsampleIndices keeps.
ScalarSeries Downsample(ScalarSeries series, size_t max_points);

}  // namespace tbx

#endif  // TBX_SRC_DATA_DOWNSAMPLE_H_
