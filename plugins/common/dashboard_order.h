// The dashboards' order of tags and cards, as the server needs it to answer a
// page's first screen before the page has its tag listing (the Scalars'
// /series with first_tags, the Histograms' /rebinned with card; see their
// http_api.md). The frontend's own rules (TagGroups.compareNames/groupTags,
// the dashboards' card lists) are the reference; a tag placed differently here
// only makes its card fetch its own data. Stateless; any thread may call these.
#ifndef TBX_PLUGINS_COMMON_DASHBOARD_ORDER_H_
#define TBX_PLUGINS_COMMON_DASHBOARD_ORDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "plugins/common/params.h"
#include "tbx/types.h"

namespace tbx::plugins {

// Compares names as the dashboard sorts them: runs of ASCII digits compare as
// numbers ("metric_4" < "metric_12"), letters without regard to case, ties
// broken by the bytes. Negative, zero or positive like strcmp.
int CompareNames(std::string_view a, std::string_view b);

// `tags` in the dashboard's order: grouped by the part before the first '/'
// (the whole tag when there is none or it starts with '/'), groups in name
// order, tags in name order within a group.
std::vector<std::string> DashboardOrder(std::vector<std::string> tags);

// The cards of a dashboard of one card per run and tag (histograms,
// distributions, images …) over `listing`, in its order: tags in
// DashboardOrder, each tag's runs in `run_order` (the frontend's, /data/runs;
// runs not in it are left out).
std::vector<RunAndTag> DashboardCards(
    const RunTagMap<TagMetadata>& listing,
    const std::vector<std::string>& run_order);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_DASHBOARD_ORDER_H_
