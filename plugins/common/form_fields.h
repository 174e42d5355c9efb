// Form fields of a request, whichever way a browser sent them: query
// parameters, an application/x-www-form-urlencoded body (both already decoded
// into Request::params) or a multipart/form-data body (what a FormData POST
// sends, e.g. TensorBoard's Time Series frontend). Pure functions; any thread
// may call them.
#ifndef TBX_PLUGINS_COMMON_FORM_FIELDS_H_
#define TBX_PLUGINS_COMMON_FORM_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "tbx/http.h"

namespace tbx::plugins {

// The value of the first part named `name` of a multipart/form-data body. The
// boundary is read from the body's first line (Request::content_type carries
// no parameters). nullopt when the body is not multipart or has no such part.
std::optional<std::string> MultipartField(std::string_view body,
                                          std::string_view name);

// The first value of `name` among the query and urlencoded form parameters,
// else of the multipart body when the request is multipart/form-data.
std::optional<std::string> FormField(const Request& request,
                                     std::string_view name);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_COMMON_FORM_FIELDS_H_
