// The scalars plugin: TensorBoard's
// /data/plugin/scalars/{tags,scalars,scalars_multirun} routes with the same
// parameters, JSON and CSV, plus tbx's columnar /series route for the
// frontend's charts (see http_api.md beside this file). Unlike TensorBoard it
// serves every stored point, not a 1000-point sample. Handlers may run on any
// number of server threads at once; the plugin keeps the /tags answer and the
// runs of each tag per data generation (GenerationCache, thread-safe), and the
// /series answers of the current generation (AnswerCache, thread-safe).
#ifndef TBX_PLUGINS_SCALARS_SCALARS_PLUGIN_H_
#define TBX_PLUGINS_SCALARS_SCALARS_PLUGIN_H_

#include <cstddef>
#include <string>
#include <vector>

#include "plugins/common/answer_cache.h"
#include "plugins/common/generation_cache.h"
#include "plugins/scalars/scalar_reads.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class ScalarsPlugin : public Plugin {
 public:
  // Bytes of /series answers kept (a first screen of 5,000-run charts is
  // about 12 MB a request).
  static constexpr size_t kSeriesAnswerBytes = 64 << 20;

  // `provider` must outlive the plugin.
  explicit ScalarsPlugin(const DataProvider* provider) : provider_(provider) {}

  std::string name() const override { return "scalars"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"scalars"};
  }

  // GET /tags -> {run: {tag: {"displayName", "description"}}}.
  Response Tags(const Request& request) const;
  // GET /tag_list (tbx's compact listing, tag_list.h) -> {"runs": [...],
  // "tags": [{"tag", "displayName", "description", "runs"}, ...]}.
  Response TagList(const Request& request) const;
  // GET /scalars?run=R&tag=T[&format=csv] -> [[wall_time, step, value], ...] or
  // CSV.
  Response Scalars(const Request& request) const;
  // POST /scalars_multirun tag=T&runs=R1&runs=R2 -> {run: [[wall_time, step,
  // value], ...]}.
  Response ScalarsMultirun(const Request& request) const;

 private:
  const DataProvider* provider_;
  mutable GenerationCache<std::string> tags_json_;
  mutable GenerationCache<std::string> tag_list_json_;
  mutable GenerationCache<ScalarRunsByTag> runs_of_tags_;
  // /series answers of the current generation: the charts of a page opened
  // again ask the same queries.
  AnswerCache series_answers_{kSeriesAnswerBytes};
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_SCALARS_SCALARS_PLUGIN_H_
