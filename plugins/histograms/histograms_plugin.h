// The histograms plugin: TensorBoard's
// /data/plugin/histograms/{tags,histograms} routes. A histogram is a [k, 3]
// tensor of [left, right, count] buckets (what data_compat makes of legacy
// HistogramProtos too). tbx serves every stored datum, not TensorBoard's
// 51-entry sample. Its only state besides the provider pointer is the cache of
// re-binned answers and that of the dashboard's card order (both thread-safe,
// see AnswerCache and GenerationCache): handlers may run on any number of
// threads at once.
#ifndef TBX_PLUGINS_HISTOGRAMS_HISTOGRAMS_PLUGIN_H_
#define TBX_PLUGINS_HISTOGRAMS_HISTOGRAMS_PLUGIN_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/common/answer_cache.h"
#include "plugins/common/generation_cache.h"
#include "plugins/common/params.h"
#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

// The summary plugin name of histogram data (also read by the distributions
// plugin).
inline constexpr char kHistogramsPluginName[] = "histograms";

// Every stored histogram of run/tag, checking that the tag is histogram data.
// NotFound with TensorBoard's message ("No histogram tag 'T' for run 'R'")
// otherwise.
absl::StatusOr<std::vector<TensorDatum>> ReadHistograms(
    const DataProvider& provider, const std::string& run,
    const std::string& tag);

// The tags route answer of histogram data, {run: {tag: {"displayName",
// "description"}}}: the histograms and the distributions plugins list the same
// tags.
Response HistogramTagsResponse(const DataProvider& provider);

// Reads the required run and tag parameters and the histograms they name, or
// the error response to send (400 for a missing parameter, 404 for unknown
// data).
absl::StatusOr<std::vector<TensorDatum>> ReadHistogramsForRequest(
    const DataProvider& provider, const Request& request);

class HistogramsPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit HistogramsPlugin(const DataProvider* provider)
      : provider_(provider) {}

  std::string name() const override { return kHistogramsPluginName; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {kHistogramsPluginName};
  }

  // GET /tags -> {run: {tag: {"displayName", "description"}}}.
  Response Tags(const Request& request) const;
  // GET /histograms?run=R&tag=T -> [[wall_time, step, [[left, right, count],
  // ...]], ...].
  Response Histograms(const Request& request) const;
  // GET /rebinned?run=R&tag=T&bins=N -> every step re-binned to N equal bins
  // (tbx's own route, see rebin.h and http_api.md). Answers are kept per
  // (run, tag, bins, format) until the data changes. With card=K instead of
  // run and tag: the dashboard's K-th card (DashboardCards), named in the
  // headers X-Tbx-Run and X-Tbx-Tag, for a page that asks before it has the
  // tag listing.
  Response Rebinned(const Request& request) const;
  // GET /step?run=R&tag=T&step=S -> [wall_time, step, [[left, right, count],
  // ...]]: one step's original buckets, which a card drawn from /rebinned
  // fetches for the step the user hovers (tbx's own route, see http_api.md).
  Response Step(const Request& request) const;

 private:
  // The run and tag of /rebinned's card=K: InvalidArgument for a bad K or one
  // given with run or tag, nullopt past the last card.
  absl::StatusOr<std::optional<RunAndTag>> CardAt(const Request& request) const;
  // The dashboard's cards in its order (kept per data generation).
  std::shared_ptr<const std::vector<RunAndTag>> Cards() const;
  // /rebinned's answer for a card=K past the last of `count` cards: 204 with
  // the count in X-Tbx-Cards.
  static Response NoCardThere(size_t count);

  const DataProvider* provider_;
  // The /rebinned answers of the current data (a 600-step × 1,500-bucket tag
  // re-binned to a card's width: ≈ 15 ms of server CPU, ≈ 1 MB).
  mutable AnswerCache rebinned_bodies_{64 << 20};
  // The dashboard's cards in its order, for /rebinned?card=K.
  mutable GenerationCache<std::vector<RunAndTag>> cards_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_HISTOGRAMS_HISTOGRAMS_PLUGIN_H_
