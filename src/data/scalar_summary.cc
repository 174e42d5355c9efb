// Multi-resolution value summaries of a scalar series; see scalar_summary.h.
#include "src/data/scalar_summary.h"

namespace tbx {

void ScalarSummaries::Merge(const Block& block, size_t base,
                            RangeExtremes* out) {
  if (block.nan_offset != kNoOffset && out->nan_index == RangeExtremes::kNone) {
    out->nan_index = base + block.nan_offset;
  }
  if (block.min_offset == kNoOffset) return;  // every value NaN
  if (out->min_index == RangeExtremes::kNone ||
      block.min_value < out->min_value) {
    out->min_index = base + block.min_offset;
    out->min_value = block.min_value;
  }
  if (out->max_index == RangeExtremes::kNone ||
      block.max_value > out->max_value) {
    out->max_index = base + block.max_offset;
    out->max_value = block.max_value;
  }
}

void ScalarSummaries::ShrinkToFit() {
  for (std::vector<Block>& level : levels_) {
    if (level.capacity() > level.size() + level.size() / 8)
      level.shrink_to_fit();
  }
}

ScalarSummaries::Block ScalarSummaries::Combine(size_t level,
                                                size_t first_child) const {
  const std::vector<Block>& below = levels_[level - 1];
  const size_t child_size = size_t{1} << Shift(level - 1);
  RangeExtremes acc;
  for (size_t i = 0; i < (size_t{1} << kFanoutShift); ++i) {
    Merge(below[first_child + i], i * child_size, &acc);
  }
  Block block;
  if (acc.min_index != RangeExtremes::kNone) {
    block.min_value = acc.min_value;
    block.max_value = acc.max_value;
    block.min_offset = static_cast<uint32_t>(acc.min_index);
    block.max_offset = static_cast<uint32_t>(acc.max_index);
  }
  if (acc.nan_index != RangeExtremes::kNone) {
    block.nan_offset = static_cast<uint32_t>(acc.nan_index);
  }
  return block;
}

void ScalarSummaries::Append(double value) {
  const uint32_t offset =
      static_cast<uint32_t>(size_ & ((size_t{1} << kBlockShift) - 1));
  if (std::isnan(value)) {
    if (open_.nan_offset == kNoOffset) open_.nan_offset = offset;
  } else {
    if (open_.min_offset == kNoOffset || value < open_.min_value) {
      open_.min_value = value;
      open_.min_offset = offset;
    }
    if (open_.max_offset == kNoOffset || value > open_.max_value) {
      open_.max_value = value;
      open_.max_offset = offset;
    }
  }
  ++size_;
  if (offset + 1 < (uint32_t{1} << kBlockShift)) return;
  levels_[0].push_back(open_);
  open_ = Block();
  // Each level that just completed a group of four makes a block above it.
  const size_t fanout = size_t{1} << kFanoutShift;
  for (size_t level = 0; levels_[level].size() % fanout == 0; ++level) {
    if (level + 1 == levels_.size()) levels_.emplace_back();
    levels_[level + 1].push_back(
        Combine(level + 1, levels_[level].size() - fanout));
  }
}

size_t ScalarSummaries::MemoryBytes() const {
  size_t bytes = sizeof(*this) + levels_.capacity() * sizeof(levels_[0]);
  for (const auto& level : levels_) bytes += level.capacity() * sizeof(Block);
  return bytes;
}

}  // namespace tbx
