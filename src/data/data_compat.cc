#include "src/data/data_compat.h"

#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/data/tensor_decode.h"

namespace tbx {
namespace {

using tensorboard::DataClass;
using tensorboard::Summary;
using tensorboard::SummaryMetadata;
using tensorboard::TensorProto;

// Serialized ImagePluginData{converted_to_tensor: true}.
constexpr std::string_view kImageContent("\x10\x01", 2);
// Serialized AudioPluginData{encoding: WAV (11), converted_to_tensor: true}.
constexpr std::string_view kAudioContent("\x10\x0b\x18\x01", 4);

SummaryMetadata LegacyMetadata(const Summary::Value& value,
                               std::string_view plugin,
                               std::string_view content) {
  SummaryMetadata metadata;
  metadata.mutable_plugin_data()->set_plugin_name(std::string(plugin));
  metadata.mutable_plugin_data()->set_content(std::string(content));
  const std::string& display = value.metadata().display_name();
  metadata.set_display_name(display.empty() ? value.tag() : display);
  metadata.set_summary_description(value.metadata().summary_description());
  return metadata;
}

void AddDim(TensorProto* tensor, int64_t size) {
  tensor->mutable_tensor_shape()->add_dim()->set_size(size);
}

Summary::Value HistogramToTensor(const Summary::Value& value) {
  const auto& histo = value.histo();
  const int n = histo.bucket_size();
  int start = 0;
  while (start < n && !(histo.bucket(start) > 0)) ++start;
  int end = n - 1;
  while (end >= 0 && !(histo.bucket(end) > 0)) --end;
  Summary::Value out;
  out.set_tag(value.tag());
  *out.mutable_metadata() = LegacyMetadata(value, "histograms", "");
  TensorProto* tensor = out.mutable_tensor();
  tensor->set_dtype(tensorboard::DT_FLOAT);
  const int rows = start <= end ? end - start + 1 : 0;
  AddDim(tensor, rows);
  AddDim(tensor, 3);
  auto limit = [&](int i) {
    return i < histo.bucket_limit_size() ? histo.bucket_limit(i) : histo.max();
  };
  for (int i = start; i <= end; ++i) {
    double left = i == start ? histo.min() : limit(i - 1);
    double right = i == end ? histo.max() : limit(i);
    tensor->add_float_val(static_cast<float>(left));
    tensor->add_float_val(static_cast<float>(right));
    tensor->add_float_val(static_cast<float>(histo.bucket(i)));
  }
  return out;
}

Summary::Value ImageToTensor(const Summary::Value& value) {
  Summary::Value out;
  out.set_tag(value.tag());
  *out.mutable_metadata() = LegacyMetadata(value, "images", kImageContent);
  TensorProto* tensor = out.mutable_tensor();
  tensor->set_dtype(tensorboard::DT_STRING);
  AddDim(tensor, 3);
  tensor->add_string_val(absl::StrCat(value.image().width()));
  tensor->add_string_val(absl::StrCat(value.image().height()));
  tensor->add_string_val(value.image().encoded_image_string());
  return out;
}

Summary::Value AudioToTensor(const Summary::Value& value) {
  Summary::Value out;
  out.set_tag(value.tag());
  *out.mutable_metadata() = LegacyMetadata(value, "audio", kAudioContent);
  TensorProto* tensor = out.mutable_tensor();
  tensor->set_dtype(tensorboard::DT_STRING);
  AddDim(tensor, 1);
  AddDim(tensor, 2);
  tensor->add_string_val(value.audio().encoded_audio_string());
  tensor->add_string_val("");
  return out;
}

Summary::Value ScalarToTensor(const Summary::Value& value) {
  Summary::Value out;
  out.set_tag(value.tag());
  *out.mutable_metadata() = LegacyMetadata(value, "scalars", "");
  out.mutable_tensor()->set_dtype(tensorboard::DT_FLOAT);
  out.mutable_tensor()->mutable_tensor_shape();
  out.mutable_tensor()->add_float_val(value.simple_value());
  return out;
}

// The data class TensorBoard assigns to a plugin's values, UNKNOWN for other
// plugins.
DataClass DataClassOf(const std::string& plugin) {
  if (plugin == "scalars") return tensorboard::DATA_CLASS_SCALAR;
  if (plugin == "histograms" || plugin == "text" || plugin == "hparams" ||
      plugin == "pr_curves" || plugin == "mesh" || plugin == "custom_scalars") {
    return tensorboard::DATA_CLASS_TENSOR;
  }
  if (plugin == "images" || plugin == "audio" ||
      plugin == "graph_run_metadata" || plugin == "graph_run_metadata_graph" ||
      plugin == "graph_keras_model") {
    return tensorboard::DATA_CLASS_BLOB_SEQUENCE;
  }
  return tensorboard::DATA_CLASS_UNKNOWN;
}

// dataclass_compat for one (data_compat-migrated) value.
void ApplyDataClass(InitialMetadataMap* initial, MigratedValue* migrated) {
  Summary::Value& value = migrated->value;
  auto [it, inserted] = initial->try_emplace(value.tag());
  if (inserted) {
    it->second.plugin_name = value.metadata().plugin_data().plugin_name();
    it->second.data_class = value.metadata().data_class();
  }
  if (it->second.data_class != tensorboard::DATA_CLASS_UNKNOWN) return;
  const std::string& plugin = it->second.plugin_name;
  DataClass data_class = DataClassOf(plugin);
  if (data_class == tensorboard::DATA_CLASS_UNKNOWN) return;
  if (value.has_metadata())
    value.mutable_metadata()->set_data_class(data_class);
  if (plugin == "audio") {
    // Keep only the first axis (the clips): drop trailing dimensions, take
    // every stride-th string.
    TensorProto* tensor = value.mutable_tensor();
    auto* dims = tensor->mutable_tensor_shape()->mutable_dim();
    int64_t stride = 1;
    while (dims->size() > 1) {
      stride *= dims->Get(dims->size() - 1).size();
      dims->RemoveLast();
    }
    if (stride != 1 && stride > 0) {
      auto* strings = tensor->mutable_string_val();
      int kept = 0;
      for (int i = 0; i < strings->size(); i += static_cast<int>(stride)) {
        strings->Mutable(kept++)->swap(*strings->Mutable(i));
      }
      strings->DeleteSubrange(kept, strings->size() - kept);
      migrated->blob_stride = stride;
    }
  } else if (plugin == "hparams") {
    if (!value.has_tensor()) {
      value.mutable_tensor()->set_dtype(tensorboard::DT_FLOAT);
      AddDim(value.mutable_tensor(), 0);
    }
  } else if (data_class == tensorboard::DATA_CLASS_BLOB_SEQUENCE &&
             plugin != "images") {
    if (value.has_tensor() && value.tensor().tensor_shape().dim_size() == 0) {
      AddDim(value.mutable_tensor(), 1);
    }
  }
}

// A one-blob summary value made from a graph_def or tagged_run_metadata event.
MigratedValue BlobValue(std::string tag, std::string plugin,
                        std::string* bytes) {
  MigratedValue migrated;
  Summary::Value& value = migrated.value;
  value.set_tag(std::move(tag));
  value.mutable_metadata()->mutable_plugin_data()->set_plugin_name(
      std::move(plugin));
  value.mutable_metadata()->set_data_class(
      tensorboard::DATA_CLASS_BLOB_SEQUENCE);
  TensorProto* tensor = value.mutable_tensor();
  tensor->set_dtype(tensorboard::DT_STRING);
  AddDim(tensor, 1);
  tensor->add_string_val()->swap(*bytes);
  migrated.has_tensor = true;
  return migrated;
}

}  // namespace

Summary::Value MigrateLegacyValue(const Summary::Value& value) {
  switch (value.value_case()) {
    case Summary::Value::kSimpleValue:
      return ScalarToTensor(value);
    case Summary::Value::kHisto:
      return HistogramToTensor(value);
    case Summary::Value::kImage:
      return ImageToTensor(value);
    case Summary::Value::kAudio:
      return AudioToTensor(value);
    default:
      return value;
  }
}

bool MigrateEvent(tensorboard::Event* event, InitialMetadataMap* initial,
                  std::vector<MigratedValue>* out) {
  out->clear();
  switch (event->what_case()) {
    case tensorboard::Event::kGraphDef:
      out->push_back(
          BlobValue(kRunGraphTag, "graphs", event->mutable_graph_def()));
      return true;
    case tensorboard::Event::kTaggedRunMetadata: {
      auto* trm = event->mutable_tagged_run_metadata();
      out->push_back(BlobValue(trm->tag(), "graph_tagged_run_metadata",
                               trm->mutable_run_metadata()));
      return true;
    }
    case tensorboard::Event::kSummary:
      break;
    default:
      return false;
  }
  auto* values = event->mutable_summary()->mutable_value();
  out->reserve(values->size());
  for (int i = 0; i < values->size(); ++i) {
    Summary::Value& original = *values->Mutable(i);
    MigratedValue migrated;
    migrated.source_index = i;
    if (original.value_case() == Summary::Value::kTensor ||
        original.value_case() == Summary::Value::VALUE_NOT_SET ||
        original.value_case() == Summary::Value::kObsoleteOldStyleHistogram) {
      migrated.value.Swap(&original);
    } else {
      migrated.value = MigrateLegacyValue(original);
    }
    if (migrated.value.tag().empty())
      migrated.value.set_tag(migrated.value.node_name());
    ApplyDataClass(initial, &migrated);
    migrated.has_tensor = migrated.value.has_tensor();
    out->push_back(std::move(migrated));
  }
  return true;
}

absl::StatusOr<std::string> ExtractBlob(const tensorboard::Event& event,
                                        int source_index, int64_t stride,
                                        int64_t element) {
  if (event.what_case() == tensorboard::Event::kGraphDef ||
      event.what_case() == tensorboard::Event::kTaggedRunMetadata) {
    if (element != 0)
      return absl::NotFoundError(absl::StrCat("no blob ", element));
    return event.has_graph_def() ? event.graph_def()
                                 : event.tagged_run_metadata().run_metadata();
  }
  if (source_index < 0 || source_index >= event.summary().value_size()) {
    return absl::DataLossError(
        absl::StrCat("record has no value ", source_index));
  }
  Summary::Value value =
      MigrateLegacyValue(event.summary().value(source_index));
  if (!value.has_tensor())
    return absl::DataLossError("record value holds no tensor");
  absl::StatusOr<Tensor> tensor = DecodeTensor(value.tensor());
  if (!tensor.ok()) return tensor.status();
  int64_t index = element * stride;
  if (element < 0 || index >= static_cast<int64_t>(tensor->strings.size())) {
    return absl::NotFoundError(absl::StrCat("no blob ", element));
  }
  return std::move(tensor->strings[index]);
}

}  // namespace tbx
