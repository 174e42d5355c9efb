// Sets of time ranges as sorted, disjoint [begin, end) lists: union,
// intersection and difference, used to split step time by what ran when
// (the step-time breakdown). Pure functions.
#ifndef TBX_PLUGINS_PROFILE_TIME_RANGES_H_
#define TBX_PLUGINS_PROFILE_TIME_RANGES_H_

#include <cstdint>
#include <utility>
#include <vector>

namespace tbx::plugins::profile {

using Range = std::pair<int64_t, int64_t>;  // [first, second)
using Ranges = std::vector<Range>;          // sorted, disjoint, non-empty

// Sorts and merges overlapping or touching ranges; drops empty ones.
Ranges MergeRanges(std::vector<Range> ranges);
Ranges IntersectRanges(const Ranges& a, const Ranges& b);
Ranges SubtractRanges(const Ranges& a, const Ranges& b);
int64_t RangesLength(const Ranges& ranges);
// The part of `ranges` inside [begin, end), as a length.
int64_t LengthWithin(const Ranges& ranges, int64_t begin, int64_t end);

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_TIME_RANGES_H_
