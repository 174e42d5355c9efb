// Range-set arithmetic; see time_ranges.h.
#include "plugins/profile/time_ranges.h"

#include <algorithm>

namespace tbx::plugins::profile {

Ranges MergeRanges(std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges out;
  for (const Range& r : ranges) {
    if (r.second <= r.first) continue;
    if (!out.empty() && r.first <= out.back().second) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

Ranges IntersectRanges(const Ranges& a, const Ranges& b) {
  Ranges out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int64_t lo = std::max(a[i].first, b[j].first);
    int64_t hi = std::min(a[i].second, b[j].second);
    if (lo < hi) out.emplace_back(lo, hi);
    if (a[i].second < b[j].second) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

Ranges SubtractRanges(const Ranges& a, const Ranges& b) {
  Ranges out;
  size_t j = 0;
  for (Range r : a) {
    while (j < b.size() && b[j].second <= r.first) ++j;
    size_t k = j;
    int64_t cursor = r.first;
    while (k < b.size() && b[k].first < r.second) {
      if (b[k].first > cursor) out.emplace_back(cursor, b[k].first);
      cursor = std::max(cursor, b[k].second);
      ++k;
    }
    if (cursor < r.second) out.emplace_back(cursor, r.second);
  }
  return out;
}

int64_t RangesLength(const Ranges& ranges) {
  int64_t total = 0;
  for (const Range& r : ranges) total += r.second - r.first;
  return total;
}

int64_t LengthWithin(const Ranges& ranges, int64_t begin, int64_t end) {
  auto it =
      std::lower_bound(ranges.begin(), ranges.end(), begin,
                       [](const Range& r, int64_t t) { return r.second <= t; });
  int64_t total = 0;
  for (; it != ranges.end() && it->first < end; ++it)
    total += std::min(end, it->second) - std::max(begin, it->first);
  return total;
}

}  // namespace tbx::plugins::profile
