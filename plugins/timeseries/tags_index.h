// The Time Series plugin's /tags answer: scalar and histogram tags by run,
// image tags with their largest number of samples per step, and one description
// per tag (combined, with the runs named, when runs disagree). Stateless; any
// thread may call it.
#ifndef TBX_PLUGINS_TIMESERIES_TAGS_INDEX_H_
#define TBX_PLUGINS_TIMESERIES_TAGS_INDEX_H_

#include <string>

#include "tbx/data_provider.h"
#include "tbx/types.h"

namespace tbx::plugins {

// {"scalars": {"runTagInfo": {R: [T...]}, "tagDescriptions": {T: html}},
//  "histograms": {...same...},
//  "images": {"tagDescriptions": {...}, "tagRunSampledInfo":
//             {T: {R: {"maxSamplesPerStep": n}}}}}
// Tags in runTagInfo are sorted; runs are in the provider's order.
std::string TimeSeriesTagsJson(const DataProvider& provider);

// The Markdown description of each tag of `tags` that has one: the run's own
// when every run that describes the tag agrees, else a combined document
// ("# Multiple descriptions", then "## For run(s): a, b" before each distinct
// description, in sorted order), rendered to safe HTML.
std::string TagDescriptionsJson(const RunTagMap<TagMetadata>& tags);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TIMESERIES_TAGS_INDEX_H_
