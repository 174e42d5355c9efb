// ScalarColumn: a scalar time series kept in full, in storage order, as chunked
// columns. Each chunk holds up to kChunkCapacity points: steps as int32 offsets
// from the chunk's first step (widened to int64 only when a step does not fit),
// wall times as doubles, values as floats (widened to doubles only when a value
// is not exactly a float). Typical cost: 16 bytes a point. Chunks are allocated
// at their final size (small first, then fixed), so nothing is ever copied to
// grow and at most one chunk is partly empty. A ScalarSummaries index over
// the values is kept up to date on every append, and the column remembers
// whether its steps are in non-decreasing order (then step ranges are found by
// binary search), so that ReadRange answers a downsampled query over any step
// range in time that depends on the points asked for, not on the series.
//
// Not thread-safe: the owning RunData serialises access under its lock.
#ifndef TBX_SRC_DATA_SCALAR_COLUMN_H_
#define TBX_SRC_DATA_SCALAR_COLUMN_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "src/data/scalar_summary.h"
#include "tbx/data_provider.h"

namespace tbx {

struct ScalarPoint {
  int64_t step = 0;
  double wall_time = 0;
  double value = 0;
};

class ScalarColumn {
 public:
  static constexpr uint32_t kChunkCapacity = 1024;

  ScalarColumn() = default;
  ScalarColumn(ScalarColumn&&) = default;
  ScalarColumn& operator=(ScalarColumn&&) = default;

  void Append(const ScalarPoint& point);
  size_t size() const { return size_; }
  ScalarPoint Get(size_t index) const;  // O(1)

  // True when every step is >= the one before it.
  bool steps_sorted() const { return steps_sorted_; }
  // The points in `query`'s step range, downsampled to about
  // query.max_points with each bucket's first, last, lowest, highest and first
  // NaN point, exactly as Downsample() over the same points would, appended to
  // `out`. Cost: O(log n) to find the range (steps sorted, or the whole range)
  // plus O(max_points * log(range / max_points)); a full scan otherwise.
  void ReadRange(const ScalarQuery& query, ScalarSeries* out) const;

  // Calls fn(point) for every point in order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const Chunk& chunk : chunks_) {
      for (uint32_t i = 0; i < chunk.size; ++i) fn(chunk.Get(i));
    }
  }

  // Keeps the points whose step is below `step`; returns how many were removed.
  int64_t RemoveStepsAtOrAbove(int64_t step);

  // Bytes held by the column, chunks and their bookkeeping included.
  size_t MemoryBytes() const;

 private:
  struct Chunk;
  // The chunk holding point `index` and the index of its first point.
  static void Locate(size_t index, size_t* chunk, size_t* first);
  // Adds the values of points [begin, end) to `out` one by one.
  void ScanValues(size_t begin, size_t end, RangeExtremes* out) const;
  // First index whose step is >= step (or > step when `after`).
  size_t StepBound(int64_t step, bool after) const;
  void CopyRange(size_t begin, size_t end, ScalarSeries* out) const;

  struct Chunk {
    explicit Chunk(uint32_t capacity, int64_t base_step);
    ScalarPoint Get(uint32_t i) const;
    int64_t StepAt(uint32_t i) const {
      return steps64 ? steps64[i] : base_step + step_offsets[i];
    }
    double ValueAt(uint32_t i) const {
      return double_values ? double_values[i]
                           : static_cast<double>(float_values[i]);
    }
    bool Full() const { return size == capacity; }
    void Append(const ScalarPoint& point);

    uint32_t capacity;
    uint32_t size = 0;
    int64_t base_step;
    std::unique_ptr<int32_t[]> step_offsets;  // null once widened to steps64
    std::unique_ptr<int64_t[]> steps64;
    std::unique_ptr<double[]> wall_times;
    std::unique_ptr<float[]>
        float_values;  // null once widened to double_values
    std::unique_ptr<double[]> double_values;
  };

  std::vector<Chunk> chunks_;
  size_t size_ = 0;
  ScalarSummaries summaries_;
  bool steps_sorted_ = true;
  int64_t last_step_ = 0;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_SCALAR_COLUMN_H_
