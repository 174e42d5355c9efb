#include "src/data/scalar_column.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tbx {
namespace {

constexpr uint32_t kFirstChunkCapacity = 16;

bool FitsFloat(double v) {
  if (std::isnan(v)) return true;  // stays NaN (the payload bits are not kept)
  return static_cast<double>(static_cast<float>(v)) ==
         v;  // -0.0 keeps its sign
}

bool FitsOffset(int64_t step, int64_t base) {
  // Computed in unsigned arithmetic so that extreme steps cannot overflow.
  uint64_t diff = static_cast<uint64_t>(step) - static_cast<uint64_t>(base);
  int64_t offset = static_cast<int64_t>(diff);
  bool no_wrap = (step >= base) == (offset >= 0);
  return no_wrap && offset >= std::numeric_limits<int32_t>::min() &&
         offset <= std::numeric_limits<int32_t>::max();
}

}  // namespace

ScalarColumn::Chunk::Chunk(uint32_t capacity_in, int64_t base)
    : capacity(capacity_in),
      base_step(base),
      step_offsets(new int32_t[capacity_in]),
      wall_times(new double[capacity_in]),
      float_values(new float[capacity_in]) {}

ScalarPoint ScalarColumn::Chunk::Get(uint32_t i) const {
  ScalarPoint p;
  p.step = steps64 ? steps64[i] : base_step + step_offsets[i];
  p.wall_time = wall_times[i];
  p.value =
      double_values ? double_values[i] : static_cast<double>(float_values[i]);
  return p;
}

void ScalarColumn::Chunk::Append(const ScalarPoint& point) {
  if (!steps64 && !FitsOffset(point.step, base_step)) {
    steps64.reset(new int64_t[capacity]);
    for (uint32_t i = 0; i < size; ++i)
      steps64[i] = base_step + step_offsets[i];
    step_offsets.reset();
  }
  if (steps64) {
    steps64[size] = point.step;
  } else {
    step_offsets[size] = static_cast<int32_t>(point.step - base_step);
  }
  wall_times[size] = point.wall_time;
  if (!double_values && !FitsFloat(point.value)) {
    double_values.reset(new double[capacity]);
    for (uint32_t i = 0; i < size; ++i) double_values[i] = float_values[i];
    float_values.reset();
  }
  if (double_values) {
    double_values[size] = point.value;
  } else {
    float_values[size] = static_cast<float>(point.value);
  }
  ++size;
}

void ScalarColumn::Append(const ScalarPoint& point) {
  if (chunks_.empty() || chunks_.back().Full()) {
    uint32_t capacity =
        chunks_.empty() ? kFirstChunkCapacity
                        : std::min(kChunkCapacity, chunks_.back().capacity * 2);
    chunks_.emplace_back(capacity, point.step);
  }
  chunks_.back().Append(point);
  ++size_;
}

ScalarPoint ScalarColumn::Get(size_t index) const {
  for (const Chunk& chunk : chunks_) {
    if (index < chunk.size) return chunk.Get(static_cast<uint32_t>(index));
    index -= chunk.size;
  }
  return ScalarPoint{};
}

int64_t ScalarColumn::RemoveStepsAtOrAbove(int64_t step) {
  ScalarColumn kept;
  ForEach([&](const ScalarPoint& p) {
    if (p.step < step) kept.Append(p);
  });
  int64_t removed = static_cast<int64_t>(size_ - kept.size_);
  *this = std::move(kept);
  return removed;
}

size_t ScalarColumn::MemoryBytes() const {
  size_t bytes = sizeof(*this) + chunks_.capacity() * sizeof(Chunk);
  for (const Chunk& c : chunks_) {
    bytes += c.capacity *
             (sizeof(double) + (c.steps64 ? sizeof(int64_t) : sizeof(int32_t)) +
              (c.double_values ? sizeof(double) : sizeof(float)));
  }
  return bytes;
}

}  // namespace tbx
