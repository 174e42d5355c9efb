// The PR curves plugin: TensorBoard's /data/plugin/pr_curves/{tags,pr_curves}
// routes over the 6 x N tensors of pr_curves summaries (pr_curve_entry.h).
// Unlike TensorBoard (100 sampled steps per series) tbx serves every stored
// step. Stateless apart from the provider pointer: handlers may run on any
// number of server threads at once.
#ifndef TBX_PLUGINS_PR_CURVES_PR_CURVES_PLUGIN_H_
#define TBX_PLUGINS_PR_CURVES_PR_CURVES_PLUGIN_H_

#include <string>
#include <vector>

#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class PrCurvesPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit PrCurvesPlugin(const DataProvider* provider) : provider_(provider) {}

  std::string name() const override { return "pr_curves"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"pr_curves"};
  }

  // GET /tags -> {run: {tag: {"displayName", "description"}}}; tags whose
  // metadata version is newer than 0 are left out, as TensorBoard does.
  Response Tags(const Request& request) const;
  // GET /pr_curves?run=A[&run=B...]&tag=T -> {run: [entry, ...]} in request
  // order. 400 when no run or no tag is given, when a run lacks the tag, or
  // when a stored tensor is not [6, N] (the message names run, tag and step).
  Response PrCurves(const Request& request) const;

 private:
  const DataProvider* provider_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_PR_CURVES_PR_CURVES_PLUGIN_H_
