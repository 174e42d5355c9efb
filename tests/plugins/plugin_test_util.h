// Helpers for plugin route tests: call a plugin's route by path, as the router
// would (a streamed body is drained into `body`, as the server would send
// it), and read the JSON body back.
#ifndef TBX_TESTS_PLUGINS_PLUGIN_TEST_UTIL_H_
#define TBX_TESTS_PLUGINS_PLUGIN_TEST_UTIL_H_

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::testing {

using Params = std::vector<std::pair<std::string, std::string>>;

// Replaces a streamed body by the bytes its producer gives, pulled through a
// small odd-sized buffer as the server would (checking the producer keeps the
// BodyStream contract: 1 to buffer-size bytes a call, `size` in all).
inline void DrainStream(Response& response, size_t buffer_size = 4099) {
  if (!response.stream.has_value()) return;
  EXPECT_TRUE(response.body.empty());
  std::string buffer(buffer_size, '\0');
  while (response.body.size() < response.stream->size) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(
        buffer_size, response.stream->size - response.body.size()));
    absl::StatusOr<size_t> n =
        response.stream->next(std::span<char>(buffer.data(), want));
    if (!n.ok() || *n == 0 || *n > want) {
      ADD_FAILURE() << "streamed body stopped after " << response.body.size()
                    << " of " << response.stream->size << " bytes: "
                    << (n.ok() ? std::to_string(*n) : n.status().ToString());
      break;
    }
    response.body.append(buffer.data(), *n);
  }
  response.stream.reset();
}

// Calls the route of `plugin` whose path is `path` with `params` (query and
// form merged). A streamed body is drained into `body`, and a kept or static
// one (Response::kept_body, static_body) copied into it; `drain = false`
// leaves the response as the handler returned it.
inline Response Call(Plugin& plugin, const std::string& path,
                     Params params = {}, const std::string& method = "GET",
                     bool drain = true) {
  for (Route& route : plugin.Routes()) {
    if (route.path == path) {
      Request request;
      request.method = method;
      request.path = path;
      request.params = std::move(params);
      Response response = route.handler(request);
      if (drain) {
        DrainStream(response);
        if (response.body.empty()) response.body = std::string(response.Body());
      }
      return response;
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
