// tbx's own scalar route for the frontend's charts:
// /data/plugin/scalars/series, several runs and tags in one request, columnar,
// optionally downsampled keeping each bucket's extremes (documented with
// examples in http_api.md). Any thread may call it; the runs-of-tags cache and
// the answer cache it is given are shared (see GenerationCache, AnswerCache).
#ifndef TBX_PLUGINS_SCALARS_SERIES_ROUTE_H_
#define TBX_PLUGINS_SCALARS_SERIES_ROUTE_H_

#include "plugins/common/answer_cache.h"
#include "plugins/common/generation_cache.h"
#include "plugins/scalars/scalar_reads.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"

namespace tbx::plugins {

// Parameters: tag (repeated, at least one), run (repeated; absent = every run
// with the tag), points (0 or absent = every point), min_step, max_step,
// format (json, the default, or binary: see series_binary.h).
// Answers
// {"series": [{"run", "tag", "step": [...], "wall_time": [...], "value":
// [...]}, ...]}, tags in request order, runs in the provider's order; pairs
// without data are left out.
// `runs_of_tags` keeps ScalarRunsOfTags(provider) per data generation, and
// `answers` (may be null: nothing kept) the answers of the current generation
// by query; the caller owns them (one per plugin).
Response ServeScalarSeries(const DataProvider& provider,
                           GenerationCache<ScalarRunsByTag>& runs_of_tags,
                           AnswerCache* answers, const Request& request);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_SERIES_ROUTE_H_
