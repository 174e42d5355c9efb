// Keras configuration → conceptual GraphDef; see keras_graph.h. Names are
// formed the way TensorBoard's Python forms them with "%s/%s", so a JSON value
// that is not a string (a list of [name, size, index]) is spelled as Python's
// str() of it.
#include "plugins/graphs/keras_graph.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "plugins/common/params.h"
#include "plugins/common/python_float.h"

namespace tbx::plugins::graphs {
namespace {

using Json = nlohmann::json;

// Python's repr() (inside containers) and str() (at the top) of a JSON value.
std::string PyReprOf(const Json& value);
std::string PyStrOf(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return PyReprOf(value);
}
std::string PyReprOf(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return PyRepr(value.get<std::string>());
    case Json::value_t::null:
      return "None";
    case Json::value_t::boolean:
      return value.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer:
      return std::to_string(value.get<int64_t>());
    case Json::value_t::number_unsigned:
      return std::to_string(value.get<uint64_t>());
    case Json::value_t::number_float:
      return PythonFloat(value.get<double>());
    case Json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out += ", ";
        out += PyReprOf(value[i]);
      }
      return out + "]";
    }
    case Json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ", ";
        first = false;
        absl::StrAppend(&out, PyRepr(key), ": ", PyReprOf(item));
      }
      return out + "}";
    }
    default:
      return "None";
  }
}

// `key` of object `value`, or null when `value` is not an object or lacks it
// (Python's dict.get).
const Json& Get(const Json& value, const char* key) {
  static const Json* const kNull = new Json();
  if (!value.is_object()) return *kNull;
  auto it = value.find(key);
  return it == value.end() ? *kNull : *it;
}

bool Truthy(const Json& value) {
  if (value.is_null()) return false;
  if (value.is_array() || value.is_object() || value.is_string()) {
    return !value.empty();
  }
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number()) return value.get<double>() != 0;
  return true;
}

std::string Scoped(const std::string& scope, const Json& name) {
  if (scope.empty()) return PyStrOf(name);
  return absl::StrCat(scope, "/", PyStrOf(name));
}

// [name, size, index] of every inbound node (Keras 3 format; Keras 2's nested
// lists are skipped, as in TensorBoard).
std::vector<Json> InboundNodes(const Json& layer) {
  std::vector<Json> result;
  const Json& inbound = Get(layer, "inbound_nodes");
  if (!inbound.is_array()) return result;
  for (const Json& node : inbound) {
    if (!node.is_object()) continue;
    const Json& args = Get(node, "args");
    if (!args.is_array()) continue;
    for (const Json& arg_or_list : args) {
      std::vector<Json> list;
      if (arg_or_list.is_array()) {
        list.assign(arg_or_list.begin(), arg_or_list.end());
      } else {
        list.push_back(arg_or_list);
      }
      for (const Json& arg : list) {
        const Json& history = Get(Get(arg, "config"), "keras_history");
        if (!history.is_array() || history.size() < 3) continue;
        result.push_back(Json::array({history[0], history[1], history[2]}));
      }
    }
  }
  return result;
}

// TensorBoard's dtype names (tensorflow_stub dtypes) → DataType.
std::optional<int> DataTypeNamed(const std::string& name) {
  static const auto* const kTypes = new absl::flat_hash_map<std::string, int>{
      {"float16", 19},  {"half", 19},    {"float32", 1},   {"float", 1},
      {"float64", 2},   {"double", 2},   {"int32", 3},     {"uint8", 4},
      {"uint16", 17},   {"uint32", 22},  {"uint64", 23},   {"int16", 5},
      {"int8", 6},      {"string", 7},   {"complex64", 8}, {"complex128", 18},
      {"int64", 9},     {"bool", 10},    {"qint8", 11},    {"quint8", 12},
      {"qint16", 15},   {"quint16", 16}, {"qint32", 13},   {"bfloat16", 14},
      {"resource", 20}, {"variant", 21}};
  std::string base = name;
  int offset = 0;
  if (base.size() > 4 && base.ends_with("_ref")) {
    base.resize(base.size() - 4);
    offset = 100;
  }
  auto it = kTypes->find(base);
  if (it == kTypes->end()) return std::nullopt;
  return it->second + offset;
}

class Converter {
 public:
  absl::Status Walk(const std::string& scope, const Json& layer) {
    const Json& config = Get(layer, "config");
    if (!config.is_object()) {
      return absl::InvalidArgumentError(
          "Keras layer configuration without a \"config\" object");
    }
    const Json& layers = Get(config, "layers");
    if (!layers.is_null()) {
      absl::Status status = UpdateForModel(scope, layer);
      if (!status.ok()) return status;
    } else {
      absl::Status status = AddLayer(scope, layer);
      if (!status.ok()) return status;
    }
    if (Truthy(layers) && layers.is_array()) {
      const std::string inner = Scoped(scope, Get(config, "name"));
      for (const Json& child : layers) {
        absl::Status status = Walk(inner, child);
        if (!status.ok()) return status;
      }
    }
    return absl::OkStatus();
  }

  tensorboard::GraphDef Take() { return std::move(graph_); }

 private:
  absl::Status UpdateForModel(const std::string& scope, const Json& model) {
    const Json& config = Get(model, "config");
    const Json& layers = Get(config, "layers");
    if (!Truthy(layers) || !layers.is_array()) {
      return absl::InvalidArgumentError("layer is not a model.");
    }
    const std::string node_name = Scoped(scope, Get(config, "name"));
    const Json& input_layers = Get(config, "input_layers");
    const Json& output_layers = Get(config, "output_layers");
    std::vector<Json> inbound = InboundNodes(model);
    const bool functional = Truthy(input_layers) && Truthy(output_layers);
    const bool parent_functional = !inbound.empty();
    if (parent_functional && functional && input_layers.is_array()) {
      for (size_t i = 0; i < input_layers.size() && i < inbound.size(); ++i) {
        input_to_layer_[Scoped(node_name, input_layers[i])] =
            Scoped(scope, inbound[i][0]);
      }
    } else if (parent_functional && !functional) {
      prev_node_ = Scoped(scope, inbound[0][0]);
    } else if (!parent_functional && prev_node_.has_value() &&
               !prev_node_->empty() && functional) {
      if (!input_layers.is_array() || input_layers.size() != 1) {
        return absl::InvalidArgumentError(
            "Cannot have multi-input Functional model when parent model is "
            "not Functional.");
      }
      input_to_layer_[Scoped(node_name, input_layers[0])] = *prev_node_;
    }
    std::vector<std::string> outputs;
    if (functional && output_layers.is_array()) {
      std::vector<Json> list;
      if (output_layers[0].is_array()) {
        list.assign(output_layers.begin(), output_layers.end());
      } else {
        list.push_back(output_layers);
      }
      for (const Json& output : list) {
        outputs.push_back(
            Scoped(node_name, output.empty() ? Json() : output[0]));
      }
    } else {
      const Json& last = layers.back();
      outputs.push_back(Scoped(node_name, Get(Get(last, "config"), "name")));
    }
    model_outputs_[node_name] = std::move(outputs);
    return absl::OkStatus();
  }

  absl::Status AddLayer(const std::string& scope, const Json& layer) {
    const Json& config = Get(layer, "config");
    const std::string node_name = Scoped(scope, Get(config, "name"));
    tensorboard::NodeDef* node = graph_.add_node();
    node->set_name(node_name);
    const Json& class_name = Get(layer, "class_name");
    if (!class_name.is_null()) {
      (*node->mutable_attr())["keras_class"].set_s(PyStrOf(class_name));
    }
    const Json& dtype_or_policy = Get(config, "dtype");
    std::optional<std::string> dtype;
    if (dtype_or_policy.is_object()) {
      if (dtype_or_policy.contains("config")) {
        const Json& name = Get(Get(dtype_or_policy, "config"), "name");
        if (!name.is_null()) dtype = PyStrOf(name);
      }
    } else if (!dtype_or_policy.is_null()) {
      dtype = PyStrOf(dtype_or_policy);
    }
    if (dtype.has_value()) {
      std::optional<int> type = DataTypeNamed(*dtype);
      if (!type.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Cannot convert value ", PyRepr(*dtype),
                         " to a TensorFlow DType."));
      }
      (*node->mutable_attr())["dtype"].set_type(
          static_cast<tensorboard::DataType>(*type));
    }
    if (!Get(layer, "inbound_nodes").is_null()) {
      for (const Json& inbound : InboundNodes(layer)) {
        const std::string inbound_name = Scoped(scope, inbound[0]);
        std::vector<std::string> names = {inbound_name};
        auto it = model_outputs_.find(inbound_name);
        if (it != model_outputs_.end()) names = it->second;
        int64_t index =
            inbound[2].is_number_integer() ? inbound[2].get<int64_t>() : 0;
        const int64_t n = static_cast<int64_t>(names.size());
        if (index < 0) index += n;
        if (index < 0 || index >= n) index = n - 1;
        node->add_input(names[static_cast<size_t>(index)]);
      }
    } else if (prev_node_.has_value()) {
      node->add_input(*prev_node_);
    }
    auto it = input_to_layer_.find(node_name);
    if (it != input_to_layer_.end()) node->add_input(it->second);
    prev_node_ = node_name;
    return absl::OkStatus();
  }

  tensorboard::GraphDef graph_;
  absl::flat_hash_map<std::string, std::string> input_to_layer_;
  absl::flat_hash_map<std::string, std::vector<std::string>> model_outputs_;
  std::optional<std::string> prev_node_;
};

}  // namespace

absl::StatusOr<tensorboard::GraphDef> KerasModelToGraph(std::string_view json) {
  Json model = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (model.is_discarded()) {
    return absl::InvalidArgumentError("Keras model configuration is not JSON");
  }
  Converter converter;
  absl::Status status = converter.Walk("", model);
  if (!status.ok()) return status;
  return converter.Take();
}

}  // namespace tbx::plugins::graphs
