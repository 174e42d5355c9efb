// ScalarColumn: a scalar time series kept in full, in storage order, as chunked
// columns. Each chunk holds up to kChunkCapacity points: steps as int32 offsets
// from the chunk's first step (widened to int64 only when a step does not fit),
// wall times as doubles, values as floats (widened to doubles only when a value
// is not exactly a float). Typical cost: 16 bytes a point. Chunks are allocated
// at their final size (small first, then fixed), so nothing is ever copied to
// grow and at most one chunk is partly empty.
//
// Not thread-safe: the owning RunData serialises access under its lock.
#ifndef TBX_SRC_DATA_SCALAR_COLUMN_H_
#define TBX_SRC_DATA_SCALAR_COLUMN_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

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
  ScalarPoint Get(size_t index) const;

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
  struct Chunk {
    explicit Chunk(uint32_t capacity, int64_t base_step);
    ScalarPoint Get(uint32_t i) const;
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
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_SCALAR_COLUMN_H_
