// Reading an hparams request message from an HTTP request, as TensorBoard
// takes it: the raw body of a POST (protobuf JSON, camelCase or snake_case
// names, enum values by name or number), or the `request` query parameter
// (GET, a POST whose body is empty, or a form POST with a `request` field).
// Unknown fields, bad types and malformed JSON are InvalidArgument with the
// parser's reason. Pure functions; any thread.
#ifndef TBX_PLUGINS_HPARAMS_REQUEST_JSON_H_
#define TBX_PLUGINS_HPARAMS_REQUEST_JSON_H_

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "tbx/http.h"

namespace tbx::plugins::hparams {

// Fills `message` (cleared first) from `request`.
absl::Status ParseRequestMessage(const Request& request,
                                 google::protobuf::Message* message);

}  // namespace tbx::plugins::hparams

#endif  // TBX_PLUGINS_HPARAMS_REQUEST_JSON_H_
