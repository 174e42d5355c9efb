// The conceptual graph of a Keras model: the model's JSON configuration (as
// model.to_json() writes it into a graph_keras_model summary) turned into a
// GraphDef with one node per layer, as TensorBoard's keras_util does. Nested
// models become name scopes; each node carries the layer's class as attr
// "keras_class" and its dtype as attr "dtype"; inputs come from inbound nodes
// (functional models) or the previous layer (sequential models). Pure
// function; any thread.
#ifndef TBX_PLUGINS_GRAPHS_KERAS_GRAPH_H_
#define TBX_PLUGINS_GRAPHS_KERAS_GRAPH_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tbx::plugins::graphs {

// InvalidArgument when `json` is not JSON, or not a Keras layer configuration
// (an object with a "config" object), or names an unknown dtype.
absl::StatusOr<tensorboard::GraphDef> KerasModelToGraph(std::string_view json);

}  // namespace tbx::plugins::graphs

#endif  // TBX_PLUGINS_GRAPHS_KERAS_GRAPH_H_
