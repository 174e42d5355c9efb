// The Scalars charts' points-per-run rule (the frontend's
// chart_model.pointsForWidth), as /series with first_tags and point_budget
// needs it to answer what each chart will ask for (http_api.md). Stateless;
// any thread may call it.
#ifndef TBX_PLUGINS_SCALARS_POINT_BUDGET_H_
#define TBX_PLUGINS_SCALARS_POINT_BUDGET_H_

#include <cstddef>

namespace tbx::plugins {

// Points per run of a chart of `runs` runs: `points` while runs × points stays
// within `budget` (0 = no budget), else budget / runs rounded down to a
// multiple of 10, at least kMinPointsPerRun (and never above `points`).
inline constexpr size_t kMinPointsPerRun = 40;
size_t PointsPerRun(size_t points, size_t budget, size_t runs);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_POINT_BUDGET_H_
