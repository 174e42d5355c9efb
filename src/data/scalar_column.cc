#include "src/data/scalar_column.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "src/data/downsample.h"

namespace tbx {
namespace {

// Chunk capacities double from 16 up to kChunkCapacity (16, 32, ..., 512,
// then 1024 each), so the chunk of a point is computed, not searched.
constexpr uint32_t kFirstChunkCapacity = 16;
constexpr size_t kGrowingChunks = 6;  // 16 .. 512
constexpr size_t kGrowingPoints =
    kFirstChunkCapacity * ((1 << kGrowingChunks) - 1);
static_assert(kFirstChunkCapacity << kGrowingChunks ==
              ScalarColumn::kChunkCapacity);

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
  if (size_ > 0 && point.step < last_step_) steps_sorted_ = false;
  last_step_ = point.step;
  summaries_.Append(point.value);
  ++size_;
}

void ScalarColumn::Locate(size_t index, size_t* chunk, size_t* first) {
  if (index < kGrowingPoints) {
    const size_t c = std::bit_width(index / kFirstChunkCapacity + 1) - 1;
    *chunk = c;
    *first = kFirstChunkCapacity * ((size_t{1} << c) - 1);
  } else {
    const size_t c = (index - kGrowingPoints) / kChunkCapacity;
    *chunk = kGrowingChunks + c;
    *first = kGrowingPoints + c * kChunkCapacity;
  }
}

ScalarPoint ScalarColumn::Get(size_t index) const {
  if (index >= size_) return ScalarPoint{};
  size_t chunk, first;
  Locate(index, &chunk, &first);
  return chunks_[chunk].Get(static_cast<uint32_t>(index - first));
}

void ScalarColumn::ScanValues(size_t begin, size_t end,
                              RangeExtremes* out) const {
  size_t chunk, first;
  Locate(begin, &chunk, &first);
  for (size_t i = begin; i < end; ++chunk, first = i) {
    const Chunk& c = chunks_[chunk];
    const size_t stop = std::min(end, first + c.size);
    for (; i < stop; ++i)
      out->Add(i, c.ValueAt(static_cast<uint32_t>(i - first)));
  }
}

size_t ScalarColumn::StepBound(int64_t step, bool after) const {
  size_t lo = 0, hi = size_;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    size_t chunk, first;
    Locate(mid, &chunk, &first);
    const int64_t s = chunks_[chunk].StepAt(static_cast<uint32_t>(mid - first));
    if (after ? s <= step : s < step) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

void ScalarColumn::CopyRange(size_t begin, size_t end,
                             ScalarSeries* out) const {
  out->steps.reserve(out->steps.size() + (end - begin));
  out->wall_times.reserve(out->wall_times.size() + (end - begin));
  out->values.reserve(out->values.size() + (end - begin));
  size_t chunk, first;
  Locate(begin, &chunk, &first);
  for (size_t i = begin; i < end; ++chunk, first = i) {
    const Chunk& c = chunks_[chunk];
    const size_t stop = std::min(end, first + c.size);
    for (; i < stop; ++i) {
      const ScalarPoint p = c.Get(static_cast<uint32_t>(i - first));
      out->steps.push_back(p.step);
      out->wall_times.push_back(p.wall_time);
      out->values.push_back(p.value);
    }
  }
}

void ScalarColumn::ReadRange(const ScalarQuery& query,
                             ScalarSeries* out) const {
  const bool whole = query.min_step == std::numeric_limits<int64_t>::min() &&
                     query.max_step == std::numeric_limits<int64_t>::max();
  if (!whole && !steps_sorted_) {
    // Steps out of order: the range is not contiguous; filter every point.
    ScalarSeries all;
    ForEach([&](const ScalarPoint& p) {
      if (p.step < query.min_step || p.step > query.max_step) return;
      all.steps.push_back(p.step);
      all.wall_times.push_back(p.wall_time);
      all.values.push_back(p.value);
    });
    all = Downsample(std::move(all), query.max_points);
    out->steps.insert(out->steps.end(), all.steps.begin(), all.steps.end());
    out->wall_times.insert(out->wall_times.end(), all.wall_times.begin(),
                           all.wall_times.end());
    out->values.insert(out->values.end(), all.values.begin(), all.values.end());
    return;
  }
  const size_t begin = whole ? 0 : StepBound(query.min_step, false);
  const size_t end = whole ? size_ : StepBound(query.max_step, true);
  if (begin >= end) return;
  const size_t n = end - begin;
  if (query.max_points == 0 || n <= query.max_points) {
    CopyRange(begin, end, out);
    return;
  }
  // The same buckets and picks as DownsampleIndices, from the summaries.
  const size_t buckets = std::max<size_t>(1, query.max_points / 4);
  out->steps.reserve(out->steps.size() + buckets * 5);
  out->wall_times.reserve(out->wall_times.size() + buckets * 5);
  out->values.reserve(out->values.size() + buckets * 5);
  size_t last_kept = RangeExtremes::kNone;
  auto raw = [this](size_t from, size_t to, RangeExtremes* acc) {
    ScanValues(from, to, acc);
  };
  for (size_t b = 0; b < buckets; ++b) {
    const size_t lo = begin + b * n / buckets;
    const size_t hi = begin + (b + 1) * n / buckets;
    if (lo >= hi) continue;
    RangeExtremes extremes;
    summaries_.Scan(lo, hi, &extremes, raw);
    auto or_else = [](size_t index, size_t fallback) {
      return index == RangeExtremes::kNone ? fallback : index;
    };
    size_t picks[5] = {lo, or_else(extremes.min_index, lo),
                       or_else(extremes.max_index, lo),
                       or_else(extremes.nan_index, hi), hi - 1};
    std::sort(std::begin(picks), std::end(picks));
    for (size_t p : picks) {
      if (p >= hi || p == last_kept) continue;
      const ScalarPoint point = Get(p);
      out->steps.push_back(point.step);
      out->wall_times.push_back(point.wall_time);
      out->values.push_back(point.value);
      last_kept = p;
    }
  }
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
  size_t bytes = sizeof(*this) + chunks_.capacity() * sizeof(Chunk) +
                 summaries_.MemoryBytes() - sizeof(summaries_);
  for (const Chunk& c : chunks_) {
    bytes += c.capacity *
             (sizeof(double) + (c.steps64 ? sizeof(int64_t) : sizeof(int32_t)) +
              (c.double_values ? sizeof(double) : sizeof(float)));
  }
  return bytes;
}

}  // namespace tbx
