// Helpers for plugin route tests: call a plugin's route by path, as the router
// would, and read the JSON body back.
#ifndef TBX_TESTS_PLUGINS_PLUGIN_TEST_UTIL_H_
#define TBX_TESTS_PLUGINS_PLUGIN_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::testing {

using Params = std::vector<std::pair<std::string, std::string>>;

// Calls the route of `plugin` whose path is `path` with `params` (query and
// form merged).
inline Response Call(Plugin& plugin, const std::string& path,
                     Params params = {}, const std::string& method = "GET") {
  for (Route& route : plugin.Routes()) {
    if (route.path == path) {
      Request request;
      request.method = method;
      request.path = path;
      request.params = std::move(params);
      return route.handler(request);
    }
  }
  ADD_FAILURE() << "no route " << path;
  return Response::NotFound("no route");
}

// The body parsed as JSON (null after a test failure when it is not JSON).
inline nlohmann::json JsonBody(const Response& response) {
  nlohmann::json parsed = nlohmann::json::parse(response.body, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << response.body;
  return parsed;
}

}  // namespace tbx::testing

#endif  // TBX_TESTS_PLUGINS_PLUGIN_TEST_UTIL_H_
