// ScalarSummaries: a multi-resolution index over the values of one scalar
// series, so that the lowest, highest and first NaN value of any range of
// points is found by reading a few precomputed block summaries instead of
// every point. Level 0 summarises blocks of 128 consecutive points, and each
// level above summarises four blocks of the level below (512, 2,048, ...
// points). Only complete blocks are summarised; the points after the last
// complete level-0 block (at most 127) are read raw. Appends cost O(1)
// amortised; a range query reads O(log n) summaries and at most 254 raw values.
// About 0.35 bytes a point.
//
// Owned by a ScalarColumn; not thread-safe (the column's owner serialises).
#ifndef TBX_SRC_DATA_SCALAR_SUMMARY_H_
#define TBX_SRC_DATA_SCALAR_SUMMARY_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tbx {

// The extremes of a range of points, accumulated in storage order: the first
// index of the lowest and of the highest non-NaN value, and the first NaN.
struct RangeExtremes {
  static constexpr size_t kNone = SIZE_MAX;
  size_t min_index = kNone;  // kNone when every value is NaN
  size_t max_index = kNone;
  size_t nan_index = kNone;  // kNone when no value is NaN
  double min_value = 0;
  double max_value = 0;

  // Adds the point `index` (after every point already added).
  void Add(size_t index, double value) {
    if (std::isnan(value)) {
      if (nan_index == kNone) nan_index = index;
      return;
    }
    if (min_index == kNone || value < min_value) {
      min_index = index;
      min_value = value;
    }
    if (max_index == kNone || value > max_value) {
      max_index = index;
      max_value = value;
    }
  }
};

class ScalarSummaries {
 public:
  static constexpr size_t kBlockShift = 7;   // level 0: 128 points a block
  static constexpr size_t kFanoutShift = 2;  // each level: 4 blocks below

  // Adds the next point's value.
  void Append(double value);
  // Number of values appended.
  size_t size() const { return size_; }

  // Accumulates the points [begin, end) into `out` (in order, after what it
  // holds). `raw(from, to, out)` must add the points [from, to) one by one; it
  // is called for at most two stretches of under 128 points per level used.
  template <typename RawScan>
  void Scan(size_t begin, size_t end, RangeExtremes* out, RawScan raw) const {
    size_t pos = begin;
    while (pos < end) {
      const size_t block0 = size_t{1} << kBlockShift;
      const size_t next0 = (pos | (block0 - 1)) + 1;
      if ((pos & (block0 - 1)) != 0 || next0 > end ||
          (pos >> kBlockShift) >= levels_[0].size()) {
        const size_t to = next0 < end ? next0 : end;
        raw(pos, to, out);
        pos = to;
        continue;
      }
      size_t level = 0;
      while (level + 1 < levels_.size()) {
        const size_t shift = Shift(level + 1);
        const size_t size = size_t{1} << shift;
        if ((pos & (size - 1)) != 0 || pos + size > end ||
            (pos >> shift) >= levels_[level + 1].size()) {
          break;
        }
        ++level;
      }
      Merge(levels_[level][pos >> Shift(level)], pos, out);
      pos += size_t{1} << Shift(level);
    }
  }

  // Releases the spare capacity of levels holding more than an eighth spare.
  void ShrinkToFit();
  // Bytes held (for memory accounting).
  size_t MemoryBytes() const;

 private:
  static constexpr uint32_t kNoOffset = UINT32_MAX;
  // One block: offsets from the block's first point.
  struct Block {
    double min_value = 0;
    double max_value = 0;
    uint32_t min_offset = kNoOffset;
    uint32_t max_offset = kNoOffset;
    uint32_t nan_offset = kNoOffset;
  };

  static size_t Shift(size_t level) {
    return kBlockShift + level * kFanoutShift;
  }
  static void Merge(const Block& block, size_t base, RangeExtremes* out);
  // Block `b` of level `level` from the kFanout blocks of the level below.
  Block Combine(size_t level, size_t first_child) const;

  std::vector<std::vector<Block>> levels_ = std::vector<std::vector<Block>>(1);
  Block open_;  // the incomplete level-0 block, as far as it goes
  size_t size_ = 0;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_SCALAR_SUMMARY_H_
