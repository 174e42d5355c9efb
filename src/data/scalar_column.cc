#include "src/data/scalar_column.h"

#include <algorithm>
#include <limits>

#include "src/data/downsample.h"

namespace tbx {
namespace {

constexpr size_t kTrimBelow = 64 * 1024;

}  // namespace

// The decoded blocks one read has used, so that the points it asks for in
// order (a bucket's picks, the raw ends of a summary scan, a binary search)
// decode each block and each of its columns at most once. Lives on the stack
// of one const call: reads running at the same time each have their own.
class ScalarColumn::Cursor {
 public:
  explicit Cursor(const ScalarColumn& column) : column_(column) {}
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  ScalarPoint Point(size_t index) {
    if (index >= column_.encoded_points_)
      return column_.open_[index - column_.encoded_points_];
    const uint32_t i = index % kBlockPoints;
    const DecodedBlock& b = Load(index / kBlockPoints, kAll);
    return ScalarPoint{b.steps[i], b.wall_times[i], b.values[i]};
  }
  // The values of encoded block `block`, decoded.
  const double* BlockValues(size_t block) {
    return Load(block, kValues).values;
  }
  int64_t Step(size_t index) {
    if (index >= column_.encoded_points_)
      return column_.open_[index - column_.encoded_points_].step;
    return Load(index / kBlockPoints, kSteps).steps[index % kBlockPoints];
  }

 private:
  struct Entry {
    size_t block = SIZE_MAX;
    unsigned have = 0;  // the kSteps/kWalls/kValues columns decoded
    DecodedBlock data;
  };
  static constexpr unsigned kEntries = 4;

  const DecodedBlock& Load(size_t block, unsigned need) {
    Entry* entry = nullptr;
    for (Entry& e : entries_) {
      if (e.block == block) entry = &e;
    }
    if (entry == nullptr) {
      entry = &entries_[next_];
      next_ = (next_ + 1) % kEntries;
      entry->block = block;
      entry->have = 0;
    }
    const unsigned missing = need & ~entry->have;
    if (missing != 0) {
      column_.Decode(block, &entry->data, missing);
      entry->have |= missing;
    }
    return entry->data;
  }

  const ScalarColumn& column_;
  Entry entries_[kEntries];
  unsigned next_ = 0;
};

size_t ScalarColumn::BlockPoints(size_t block) const {
  return std::min<size_t>(kBlockPoints, encoded_points_ - block * kBlockPoints);
}

size_t ScalarColumn::BlockEnd(size_t block) const {
  return block + 1 < offsets_.size() ? offsets_[block + 1] : bytes_.size();
}

void ScalarColumn::Decode(size_t block, DecodedBlock* out,
                          unsigned columns) const {
  out->size = static_cast<uint32_t>(BlockPoints(block));
  const size_t begin = offsets_[block];
  scalar_codec::DecodeBlock(bytes_.data() + begin, BlockEnd(block) - begin,
                            out->size,
                            (columns & kSteps) ? out->steps : nullptr,
                            (columns & kWalls) ? out->wall_times : nullptr,
                            (columns & kValues) ? out->values : nullptr);
}

void ScalarColumn::EncodeOpen() {
  uint8_t encoded[scalar_codec::kMaxBlockBytes];
  const size_t n = scalar_codec::EncodeBlock(
      open_.data(), static_cast<uint32_t>(open_.size()), encoded);
  // Grow by a 32nd (at least 256 bytes) at a time: the buffer's slack stays
  // under 3 %, for a copying cost of about 32 times the bytes kept. Seal()
  // trims small buffers exactly.
  const size_t needed = bytes_.size() + n;
  if (bytes_.capacity() < needed) {
    const size_t capacity = bytes_.capacity();
    bytes_.reserve(
        std::max(needed, capacity + std::max<size_t>(capacity / 32, 256)));
  }
  offsets_.push_back(bytes_.size());
  bytes_.insert(bytes_.end(), encoded, encoded + n);
  encoded_points_ += open_.size();
  open_.clear();
}

void ScalarColumn::ReopenTail() {
  const size_t block = offsets_.size() - 1;
  DecodedBlock decoded;
  Decode(block, &decoded);
  open_.reserve(kBlockPoints);
  for (uint32_t i = 0; i < decoded.size; ++i) {
    open_.push_back(ScalarPoint{decoded.steps[i], decoded.wall_times[i],
                                decoded.values[i]});
  }
  bytes_.resize(offsets_.back());
  offsets_.pop_back();
  encoded_points_ -= decoded.size;
}

void ScalarColumn::Append(const ScalarPoint& point) {
  if (encoded_points_ % kBlockPoints != 0) ReopenTail();
  open_.push_back(point);
  if (open_.size() == kBlockPoints) EncodeOpen();
  if (size_ > 0 && point.step < last_step_) steps_sorted_ = false;
  last_step_ = point.step;
  summaries_.Append(point.value);
  ++size_;
}

void ScalarColumn::Seal() {
  if (!open_.empty()) EncodeOpen();
  std::vector<ScalarPoint>().swap(open_);
  // Small buffers are trimmed (a cheap copy); large ones keep their slack of
  // at most a 32nd, so that a live series is not copied on every seal.
  if (bytes_.size() < kTrimBelow) bytes_.shrink_to_fit();
  if (offsets_.capacity() > offsets_.size() + offsets_.size() / 8)
    offsets_.shrink_to_fit();
  summaries_.ShrinkToFit();
}

ScalarPoint ScalarColumn::Get(size_t index) const {
  if (index >= size_) return ScalarPoint{};
  Cursor cursor(*this);
  return cursor.Point(index);
}

size_t ScalarColumn::StepBound(int64_t step, bool after, Cursor* cursor) const {
  size_t lo = 0, hi = size_;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int64_t s = cursor->Step(mid);
    if (after ? s <= step : s < step) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
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
  Cursor cursor(*this);
  const size_t begin = whole ? 0 : StepBound(query.min_step, false, &cursor);
  const size_t end = whole ? size_ : StepBound(query.max_step, true, &cursor);
  if (begin >= end) return;
  const size_t n = end - begin;
  auto push = [out](const ScalarPoint& p) {
    out->steps.push_back(p.step);
    out->wall_times.push_back(p.wall_time);
    out->values.push_back(p.value);
  };
  if (query.max_points == 0 || n <= query.max_points) {
    out->steps.reserve(out->steps.size() + n);
    out->wall_times.reserve(out->wall_times.size() + n);
    out->values.reserve(out->values.size() + n);
    for (size_t i = begin; i < end; ++i) push(cursor.Point(i));
    return;
  }
  // The same buckets and picks as DownsampleIndices, from the summaries.
  const size_t buckets = std::max<size_t>(1, query.max_points / 4);
  out->steps.reserve(out->steps.size() + buckets * 5);
  out->wall_times.reserve(out->wall_times.size() + buckets * 5);
  out->values.reserve(out->values.size() + buckets * 5);
  size_t last_kept = RangeExtremes::kNone;
  // Block by block: a summary scan's raw stretches are most of a read whose
  // buckets are narrower than a block (a chart of a few thousand points).
  auto raw = [&cursor, this](size_t from, size_t to, RangeExtremes* acc) {
    while (from < to && from < encoded_points_) {
      const size_t block = from / kBlockPoints;
      const size_t block_end =
          std::min({to, encoded_points_, (block + 1) * kBlockPoints});
      const double* values = cursor.BlockValues(block);
      const size_t first = block * kBlockPoints;
      for (size_t i = from; i < block_end; ++i) acc->Add(i, values[i - first]);
      from = block_end;
    }
    for (size_t i = from; i < to; ++i)
      acc->Add(i, open_[i - encoded_points_].value);
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
      push(cursor.Point(p));
      last_kept = p;
    }
  }
}

int64_t ScalarColumn::RemoveStepsAtOrAbove(int64_t step) {
  ScalarColumn kept;
  ForEach([&](const ScalarPoint& p) {
    if (p.step < step) kept.Append(p);
  });
  kept.Seal();
  int64_t removed = static_cast<int64_t>(size_ - kept.size_);
  *this = std::move(kept);
  return removed;
}

size_t ScalarColumn::MemoryBytes() const {
  return sizeof(*this) + bytes_.capacity() +
         offsets_.capacity() * sizeof(uint64_t) +
         open_.capacity() * sizeof(ScalarPoint) + summaries_.MemoryBytes() -
         sizeof(summaries_);
}

}  // namespace tbx
