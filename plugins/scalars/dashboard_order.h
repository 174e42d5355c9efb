// The Scalars dashboard's order of tags and its points-per-run rule, as the
// server needs them to answer a page's first screen of charts before the page
// has its tag listing (/series with first_tags, http_api.md). The frontend's
// own rules (TagGroups.compareNames/groupTags, chart_model.pointsForWidth) are
// the reference; a tag placed differently here only makes its card fetch its
// own series. Stateless; any thread may call these.
#ifndef TBX_PLUGINS_SCALARS_DASHBOARD_ORDER_H_
#define TBX_PLUGINS_SCALARS_DASHBOARD_ORDER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tbx::plugins {

// Compares names as the dashboard sorts them: runs of ASCII digits compare as
// numbers ("metric_4" < "metric_12"), letters without regard to case, ties
// broken by the bytes. Negative, zero or positive like strcmp.
int CompareNames(std::string_view a, std::string_view b);

// `tags` in the dashboard's order: grouped by the part before the first '/'
// (the whole tag when there is none or it starts with '/'), groups in name
// order, tags in name order within a group.
std::vector<std::string> DashboardOrder(std::vector<std::string> tags);

// Points per run of a chart of `runs` runs: `points` while runs × points stays
// within `budget` (0 = no budget), else budget / runs rounded down to a
// multiple of 10, at least kMinPointsPerRun (and never above `points`).
inline constexpr size_t kMinPointsPerRun = 40;
size_t PointsPerRun(size_t points, size_t budget, size_t runs);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_DASHBOARD_ORDER_H_
