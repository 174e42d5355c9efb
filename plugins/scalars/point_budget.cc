// The Scalars charts' points-per-run rule; see point_budget.h.
#include "plugins/scalars/point_budget.h"

#include <algorithm>

namespace tbx::plugins {

size_t PointsPerRun(size_t points, size_t budget, size_t runs) {
  if (budget == 0 || runs == 0 || runs * points <= budget) return points;
  const size_t share = budget / runs / 10 * 10;
  return std::min(points, std::max(kMinPointsPerRun, share));
}

}  // namespace tbx::plugins
