// Reading request parameters for plugin routes: integers with clear 400
// messages, and Python's repr() quoting for names in messages, so errors read
// like TensorBoard's
// ("No scalar data for run='run_a', tag='loss'"). Pure functions; any thread
// may call them.
#ifndef TBX_PLUGINS_COMMON_PARAMS_H_
#define TBX_PLUGINS_COMMON_PARAMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tbx/http.h"

namespace tbx::plugins {

// Python's repr() of a str: single quotes unless the text holds a single quote
// and no double quote; backslashes, the chosen quote and control characters
// escaped.
std::string PyRepr(std::string_view text);

// repr() of an optional parameter: "None" when absent.
std::string PyReprOrNone(const std::optional<std::string>& text);

struct RunAndTag {
  std::string run;
  std::string tag;
};

// The required run and tag parameters. InvalidArgument, as TensorBoard words it
// ("Both run and tag must be specified: tag=None, run='run_a'"), when either is
// missing.
absl::StatusOr<RunAndTag> RequiredRunAndTag(const Request& request);

// The value of integer parameter `name`, or `fallback` when it is absent.
// InvalidArgument naming the parameter when the value is not a decimal integer
// in [min, max].
absl::StatusOr<int64_t> IntParam(const Request& request, std::string_view name,
                                 int64_t fallback, int64_t min = INT64_MIN,
                                 int64_t max = INT64_MAX);

// A 400 response from an InvalidArgument status (or 404 for NotFound, 500
// otherwise).
Response ErrorResponse(const absl::Status& status);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_PARAMS_H_
