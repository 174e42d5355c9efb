// Implementation of json_response.h.
#include "src/server/json_response.h"

namespace tbx {

Response JsonResponse(const nlohmann::ordered_json& value) {
  return Response::Json(
      value.dump(-1, ' ', /*ensure_ascii=*/true,
                 nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace tbx
