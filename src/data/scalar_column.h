// ScalarColumn: a scalar time series kept in full, in storage order, in a
// compact form. Points are grouped into blocks of kBlockPoints (128, the same
// blocks as the summaries' level 0). Sealed blocks are compressed by the
// scalar block codec (steps and wall times delta-of-delta encoded, values
// XOR-encoded) into one byte buffer; the points after the last sealed block
// are kept uncompressed in the open block, so appends are cheap. Seal()
// compresses the open block too (the loader calls it when it has caught up
// with the files); the next append decodes it back. Every point, NaN payloads
// and -0.0 included, reads back bit-exactly. Typical cost: 2–6 bytes a point.
//
// A ScalarSummaries index over the values is kept up to date on every append,
// and the column remembers whether its steps are in non-decreasing order (then
// step ranges are found by binary search), so that ReadRange answers a
// downsampled query over any step range in time that depends on the points
// asked for, not on the series.
//
// Not thread-safe: the owning RunData serialises access under its lock (const
// methods may run concurrently with each other).
#ifndef TBX_SRC_DATA_SCALAR_COLUMN_H_
#define TBX_SRC_DATA_SCALAR_COLUMN_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "src/data/scalar_block_codec.h"
#include "src/data/scalar_point.h"
#include "src/data/scalar_summary.h"
#include "tbx/data_provider.h"

namespace tbx {

class ScalarColumn {
 public:
  static constexpr uint32_t kBlockPoints = scalar_codec::kMaxPoints;
  static_assert(kBlockPoints == size_t{1} << ScalarSummaries::kBlockShift);

  ScalarColumn() = default;
  ScalarColumn(ScalarColumn&&) = default;
  ScalarColumn& operator=(ScalarColumn&&) = default;

  void Append(const ScalarPoint& point);
  // Compresses the open block (a partial block included) and releases its
  // buffer. Reads are unaffected.
  void Seal();
  size_t size() const { return size_; }
  // Point `index` (< size()); decodes at most one block.
  ScalarPoint Get(size_t index) const;

  // True when every step is >= the one before it.
  bool steps_sorted() const { return steps_sorted_; }
  // The points in `query`'s step range, downsampled to about
  // query.max_points with each bucket's first, last, lowest, highest and first
  // NaN point, exactly as Downsample() over the same points would, appended to
  // `out`. Cost: O(log n) to find the range (steps sorted, or the whole range)
  // plus O(max_points * (block + log(range / max_points))); a full scan
  // otherwise.
  void ReadRange(const ScalarQuery& query, ScalarSeries* out) const;

  // Calls fn(point) for every point in order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    DecodedBlock block;
    for (size_t b = 0; b < offsets_.size(); ++b) {
      Decode(b, &block);
      for (uint32_t i = 0; i < block.size; ++i) {
        fn(ScalarPoint{block.steps[i], block.wall_times[i], block.values[i]});
      }
    }
    for (const ScalarPoint& p : open_) fn(p);
  }

  // Keeps the points whose step is below `step`; returns how many were removed.
  int64_t RemoveStepsAtOrAbove(int64_t step);

  // Bytes held by the column, buffers and bookkeeping included.
  size_t MemoryBytes() const;

 private:
  class Cursor;
  struct DecodedBlock {
    uint32_t size = 0;
    int64_t steps[kBlockPoints];
    double wall_times[kBlockPoints];
    double values[kBlockPoints];
  };

  // The columns of a DecodedBlock, as a bit set.
  enum Columns : unsigned { kSteps = 1, kWalls = 2, kValues = 4, kAll = 7 };

  size_t BlockPoints(size_t block) const;
  size_t BlockEnd(size_t block) const;
  // Decodes `columns` of block `block` into `out` (the others are left as
  // they are) and sets out->size.
  void Decode(size_t block, DecodedBlock* out, unsigned columns = kAll) const;
  // Compresses open_ as a new block.
  void EncodeOpen();
  // Moves the last block, a partial one, back into open_.
  void ReopenTail();
  // First index whose step is >= step (or > step when `after`).
  size_t StepBound(int64_t step, bool after, Cursor* cursor) const;

  std::vector<uint8_t> bytes_;     // encoded blocks, back to back
  std::vector<uint64_t> offsets_;  // where each encoded block starts in bytes_
  // Points in encoded blocks: every block holds kBlockPoints except the last,
  // which may be a sealed partial block (then open_ is empty).
  size_t encoded_points_ = 0;
  std::vector<ScalarPoint> open_;  // the points after the encoded blocks
  size_t size_ = 0;
  ScalarSummaries summaries_;
  bool steps_sorted_ = true;
  int64_t last_step_ = 0;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_SCALAR_COLUMN_H_
