// Implementation of core_routes.h.
#include "src/server/core_routes.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/server/json_response.h"
#include "tbx/run_order.h"

namespace tbx {
namespace {

using Json = nlohmann::ordered_json;

Json Environment(const ServerInfo& info) {
  return Json{
      {"version", info.version},
      {"data_location", info.data_location},
      {"window_title", info.window_title},
      {"experiment_name", ""},
      {"experiment_description", ""},
      {"creation_time", 0},
      {"debug",
       {{"data_provider",
         absl::StrCat("tbx::DataProvider(logdir='", info.data_location, "')")},
        {"flags", info.flags}}},
  };
}

Json PluginsListing(const DataProvider& provider,
                    const std::vector<std::unique_ptr<Plugin>>& plugins) {
  Json listing = Json::object();
  for (const std::unique_ptr<Plugin>& plugin : plugins) {
    const FrontendMetadata frontend = plugin->Frontend();
    listing[plugin->name()] = Json{
        {"disable_reload", frontend.disable_reload},
        {"enabled", plugin->IsActive(provider)},
        {"remove_dom", frontend.remove_dom},
        {"tab_name",
         frontend.tab_name.empty() ? plugin->name() : frontend.tab_name},
        {"loading_mechanism", frontend.loading_mechanism.is_null()
                                  ? Json::object()
                                  : frontend.loading_mechanism},
    };
  }
  return listing;
}

Json Status(const DataProvider& provider,
            const std::vector<std::unique_ptr<Plugin>>& plugins) {
  const LoadStatus status = provider.GetLoadStatus();
  // Problems plugins met in a run's data follow the run's reading errors.
  std::map<std::string, std::vector<std::string>> plugin_problems;
  for (const std::unique_ptr<Plugin>& plugin : plugins) {
    for (auto& [run, message] : plugin->DataProblems()) {
      plugin_problems[run].push_back(std::move(message));
    }
  }
  Json runs = Json::array();
  for (const RunStatus& run : status.runs) {
    std::vector<std::string> errors = run.errors;
    auto it = plugin_problems.find(run.run);
    if (it != plugin_problems.end()) {
      errors.insert(errors.end(), it->second.begin(), it->second.end());
    }
    runs.push_back(Json{{"run", run.run},
                        {"files", run.files},
                        {"bytes_read", run.bytes_read},
                        {"bytes_present", run.bytes_present},
                        {"loaded", run.loaded},
                        {"errors", std::move(errors)}});
  }
  return Json{{"generation", provider.Generation()},
              {"first_load_done", status.first_load_done},
              {"runs", std::move(runs)}};
}

}  // namespace

std::vector<Route> CoreRoutes(
    const DataProvider* provider,
    const std::vector<std::unique_ptr<Plugin>>* plugins, ServerInfo info) {
  auto shared_info = std::make_shared<const ServerInfo>(std::move(info));
  std::vector<Route> routes;
  routes.push_back({"/data/environment", [shared_info](const Request&) {
                      return JsonResponse(Environment(*shared_info));
                    }});
  routes.push_back({"/data/runs", [provider](const Request&) {
                      return JsonResponse(
                          Json(RunsInStartOrder(provider->ListRuns())));
                    }});
  routes.push_back(
      {"/data/plugins_listing", [provider, plugins](const Request&) {
         return JsonResponse(PluginsListing(*provider, *plugins));
       }});
  routes.push_back(
      {"/data/logdir", [shared_info](const Request&) {
         return JsonResponse(Json{{"logdir", shared_info->data_location}});
       }});
  routes.push_back(
      {"/data/window_properties", [shared_info](const Request&) {
         return JsonResponse(Json{{"window_title", shared_info->window_title}});
       }});
  routes.push_back({"/data/experiments", [](const Request&) {
                      return JsonResponse(Json::array());
                    }});
  routes.push_back({"/data/experiment_runs", [](const Request&) {
                      return JsonResponse(Json::array());
                    }});
  routes.push_back({"/data/status", [provider, plugins](const Request&) {
                      return JsonResponse(Status(*provider, *plugins));
                    }});
  return routes;
}

std::vector<Route> AppRoutes(
    const DataProvider* provider,
    const std::vector<std::unique_ptr<Plugin>>* plugins, ServerInfo info) {
  std::vector<Route> routes = CoreRoutes(provider, plugins, std::move(info));
  for (const std::unique_ptr<Plugin>& plugin : *plugins) {
    for (Route& route : plugin->Routes()) routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace tbx
