// JSON bodies as TensorBoard writes them for application/json: non-ASCII
// characters escaped as \uXXXX (Python's ensure_ascii). Any thread.
#ifndef TBX_SERVER_JSON_RESPONSE_H_
#define TBX_SERVER_JSON_RESPONSE_H_

#include "nlohmann/json.hpp"
#include "tbx/http.h"

namespace tbx {

// A 200 application/json response holding `value`; invalid UTF-8 is replaced,
// never thrown on.
Response JsonResponse(const nlohmann::ordered_json& value);

}  // namespace tbx

#endif  // TBX_SERVER_JSON_RESPONSE_H_
