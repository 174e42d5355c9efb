// Parsing hparams request messages; see request_json.h.
#include "plugins/hparams/request_json.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace tbx::plugins::hparams {

absl::Status ParseRequestMessage(const Request& request,
                                 google::protobuf::Message* message) {
  message->Clear();
  std::optional<std::string> json;
  // A form body that holds a `request` field is a form; any other POST body
  // is the message itself (curl -d sends JSON labelled as a form).
  json = request.Param("request");
  const bool form_field =
      json.has_value() &&
      request.content_type == "application/x-www-form-urlencoded";
  if (request.method == "POST" && !request.body.empty() && !form_field) {
    json = request.body;
  }
  const std::string type = message->GetDescriptor()->name();
  if (!json.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Expected a JSON-formatted ", type,
        " as the POST body or in the 'request' query parameter; got none"));
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status =
      google::protobuf::util::JsonStringToMessage(*json, message, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Expected a JSON-formatted ", type, ": ",
                     std::string(status.message())));
  }
  return absl::OkStatus();
}

}  // namespace tbx::plugins::hparams
