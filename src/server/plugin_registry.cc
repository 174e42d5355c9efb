// The ordered list of tbx's plugins; see plugin_registry.h.
#include "src/server/plugin_registry.h"

#include "plugins/audio/audio_plugin.h"
#include "plugins/custom_scalars/custom_scalars_plugin.h"
#include "plugins/distributions/distributions_plugin.h"
#include "plugins/graphs/graphs_plugin.h"
#include "plugins/histograms/histograms_plugin.h"
#include "plugins/hparams/hparams_plugin.h"
#include "plugins/images/images_plugin.h"
#include "plugins/mesh/mesh_plugin.h"
#include "plugins/pr_curves/pr_curves_plugin.h"
#include "plugins/projector/projector_plugin.h"
#include "plugins/profile/profile_plugin.h"
#include "plugins/scalars/scalars_plugin.h"
#include "plugins/text/text_plugin.h"
#include "plugins/timeseries/timeseries_plugin.h"

namespace tbx {

std::vector<std::unique_ptr<Plugin>> CreatePlugins(
    const PluginContext& context) {
  const DataProvider* provider = context.provider;
  std::vector<std::unique_ptr<Plugin>> plugins;
  // TensorBoard's tab order.
  plugins.push_back(std::make_unique<plugins::TimeSeriesPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::ScalarsPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::CustomScalarsPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::ImagesPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::AudioPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::GraphsPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::DistributionsPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::HistogramsPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::TextPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::PrCurvesPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::HParamsPlugin>(provider));
  plugins.push_back(std::make_unique<plugins::MeshPlugin>(provider));
  plugins.push_back(
      std::make_unique<plugins::ProjectorPlugin>(provider, context.logdir));
  plugins.push_back(std::make_unique<plugins::ProfilePlugin>(context.logdir));
  return plugins;
}

}  // namespace tbx
