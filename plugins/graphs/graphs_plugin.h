// The graphs plugin: TensorBoard's
// /data/plugin/graphs/{info,graph,run_metadata} routes (graphs as protobuf text
// format) and tbx's explorer routes (hierarchy, node, search, trace; see
// http_api.md), which serve a graph already turned into its hierarchy, one
// group at a time. Handlers run on any number of server threads; the only state
// is in the thread-safe HierarchyCache and StepStatsCache.
#ifndef TBX_PLUGINS_GRAPHS_GRAPHS_PLUGIN_H_
#define TBX_PLUGINS_GRAPHS_GRAPHS_PLUGIN_H_

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "plugins/graphs/graph_source.h"
#include "plugins/graphs/hierarchy_cache.h"
#include "plugins/graphs/step_stats_cache.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class GraphsPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit GraphsPlugin(const DataProvider* provider,
                        graphs::HierarchyOptions options = {})
      : provider_(provider),
        cache_(provider, 8, options),
        stats_cache_(provider) {}

  std::string name() const override { return graphs::kPluginGraphs; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override;
  // What each graph's data has wrong. Every graph (run graphs, op graphs of
  // run metadata, Keras models) is decoded once per stored version when this
  // is first called after it appears, so a graph that does not decode is
  // listed before anyone opens it. The cost falls once per graph version on
  // the /data/status request that first sees it: for a 12.7 MB, 50,000-node
  // run graph the arena parse takes 41 ms on a quiet 2-core machine (README),
  // and that first request took 1.1 s with the machine heavily loaded; later
  // requests take 1 ms. The
  // hierarchy's problems (missing inputs, cycles, …) need the hierarchy built
  // on top of that, so they are listed once the graph has been opened.
  std::vector<std::pair<std::string, std::string>> DataProblems()
      const override;

  // GET /info -> {run: {"run", "tags": {tag: {"tag", "conceptual_graph",
  // "op_graph", "profile"}}, "run_graph"}}.
  Response Info(const Request& request) const;
  // GET /graph?run=R[&tag=T][&conceptual=true][&limit_attr_size=N
  // &large_attrs_key=K] -> GraphDef as text format.
  Response Graph(const Request& request) const;
  // GET /run_metadata?run=R&tag=T -> RunMetadata as text format.
  Response RunMetadata(const Request& request) const;

  // tbx's explorer routes (http_api.md).
  Response Hierarchy(const Request& request);
  Response Node(const Request& request);
  Response Search(const Request& request);
  Response Trace(const Request& request);

 private:
  // The graph a request's run/tag/conceptual parameters name, built.
  absl::StatusOr<std::shared_ptr<const graphs::BuiltGraph>> BuiltFor(
      const Request& request);

  // Decodes every graph whose stored version has not been checked yet and
  // records those that fail (DataProblems).
  void CheckNewGraphs() const;

  // Replaces what is recorded for one graph.
  void RecordProblems(const graphs::GraphSpec& spec,
                      std::vector<std::string> problems) const;

  // The step stats a request's `stats` parameter names (a run metadata tag of
  // its run), joined with `built`; nullptr without the parameter.
  absl::StatusOr<std::shared_ptr<const graphs::RuntimeStats>> StatsFor(
      const Request& request,
      const std::shared_ptr<const graphs::BuiltGraph>& built);

  const DataProvider* provider_;
  graphs::HierarchyCache cache_;
  graphs::StepStatsCache stats_cache_;
  mutable absl::Mutex problems_mu_;
  // (run, tag-or-"", conceptual) → (run, problems), in key order.
  mutable std::map<std::tuple<std::string, std::string, bool>,
                   std::pair<std::string, std::vector<std::string>>>
      problems_ ABSL_GUARDED_BY(problems_mu_);
  // Serializes CheckNewGraphs; the version of each graph last decoded there,
  // keyed as problems_.
  mutable absl::Mutex check_mu_;
  mutable std::map<std::tuple<std::string, std::string, bool>,
                   graphs::GraphVersion>
      checked_ ABSL_GUARDED_BY(check_mu_);
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_GRAPHS_GRAPHS_PLUGIN_H_
