// Time Series request answers; see series_answers.h.
#include "plugins/timeseries/series_answers.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "plugins/common/tensor_json.h"
#include "plugins/histograms/histograms_plugin.h"
#include "plugins/images/image_steps.h"

namespace tbx::plugins {
namespace {

const nlohmann::json& Field(const nlohmann::json& request, const char* name) {
  static const nlohmann::json kNull;
  if (!request.is_object()) return kNull;
  auto it = request.find(name);
  return it == request.end() ? kNull : *it;
}

bool IsInteger(const nlohmann::json& value) {
  return value.is_number_integer();
}

// Writes a request's own value back as it came (strings through the writer so
// they are escaped like every other string).
void WriteEcho(const nlohmann::json& value, JsonWriter& writer) {
  if (value.is_string()) {
    writer.String(value.get_ref<const std::string&>());
  } else {
    writer.Raw(value.dump(-1, ' ', /*ensure_ascii=*/true,
                          nlohmann::json::error_handler_t::replace));
  }
}

void WriteError(const char* message, JsonWriter& writer) {
  writer.Key("error");
  writer.String(message);
}

}  // namespace

std::optional<std::string> SeriesAnswerer::InvalidReason(
    const nlohmann::json& request) {
  const nlohmann::json& plugin = Field(request, "plugin");
  if (!Field(request, "tag").is_string()) return "Missing tag";
  if (plugin != kScalarsPluginName && plugin != kHistogramsPluginName &&
      plugin != kImagesPluginName) {
    return "Invalid plugin";
  }
  if (plugin != kScalarsPluginName && !Field(request, "run").is_string()) {
    return "Missing run";
  }
  if (plugin == kImagesPluginName) {
    const nlohmann::json& sample = Field(request, "sample");
    if (!IsInteger(sample)) return "Missing sample";
    if (sample.get<int64_t>() < 0) return "Invalid sample";
  }
  return std::nullopt;
}

void SeriesAnswerer::Answer(const nlohmann::json& request, JsonWriter& writer) {
  const nlohmann::json& plugin = Field(request, "plugin");
  const nlohmann::json& tag = Field(request, "tag");
  const nlohmann::json& run = Field(request, "run");
  const nlohmann::json& sample = Field(request, "sample");
  writer.BeginObject();
  writer.Key("plugin");
  WriteEcho(plugin, writer);
  writer.Key("tag");
  WriteEcho(tag, writer);
  if (run.is_string()) {
    writer.Key("run");
    writer.String(run.get_ref<const std::string&>());
  }
  if (IsInteger(sample)) {
    writer.Key("sample");
    writer.Int(sample.get<int64_t>());
  }
  if (std::optional<std::string> reason = InvalidReason(request)) {
    WriteError(reason->c_str(), writer);
    writer.EndObject();
    return;
  }
  const std::string& tag_name = tag.get_ref<const std::string&>();
  if (plugin == kScalarsPluginName) {
    WriteScalars(request, writer);
  } else if (plugin == kHistogramsPluginName) {
    WriteHistograms(run.get_ref<const std::string&>(), tag_name, writer);
  } else {
    WriteImages(run.get_ref<const std::string&>(), tag_name,
                sample.get<int64_t>(), writer);
  }
  writer.EndObject();
}

absl::StatusOr<std::vector<RunScalarSeries>> SeriesAnswerer::ReadScalars(
    const nlohmann::json& request) {
  if (!scalar_runs_) scalar_runs_ = listings_->ScalarRuns();
  const std::string& tag = Field(request, "tag").get_ref<const std::string&>();
  std::vector<RunScalarSeries> found;
  auto holding = scalar_runs_->find(tag);
  if (holding == scalar_runs_->end()) return found;
  const nlohmann::json& run = Field(request, "run");
  // TensorBoard treats an empty run name like an absent one.
  const std::string* only =
      run.is_string() && !run.get_ref<const std::string&>().empty()
          ? &run.get_ref<const std::string&>()
          : nullptr;
  ScalarQuery query;
  const nlohmann::json& points = Field(request, "points");
  if (IsInteger(points) && points.get<int64_t>() > 0) {
    query.max_points = points.get<size_t>();
  }
  for (const std::string& name : holding->second) {
    if (only != nullptr && name != *only) continue;
    absl::Status status =
        AppendRunScalars(*provider_, name, tag, query, &found);
    if (!status.ok()) return status;
  }
  return found;
}

void SeriesAnswerer::WriteScalars(const nlohmann::json& request,
                                  JsonWriter& writer) {
  absl::StatusOr<std::vector<RunScalarSeries>> found = ReadScalars(request);
  if (!found.ok()) {
    WriteError("Could not read scalars", writer);
    return;
  }
  writer.Key("runToSeries");
  writer.BeginObject();
  for (const RunScalarSeries& entry : *found) {
    writer.Key(entry.run);
    writer.BeginArray();
    const ScalarSeries& series = entry.series;
    for (size_t i = 0; i < series.size(); ++i) {
      writer.BeginObject();
      writer.Key("wallTime");
      writer.Double(series.wall_times[i]);
      writer.Key("step");
      writer.Int(series.steps[i]);
      writer.Key("value");
      writer.Double(series.values[i]);
      writer.EndObject();
    }
    writer.EndArray();
  }
  writer.EndObject();
}

void SeriesAnswerer::WriteHistograms(const std::string& run,
                                     const std::string& tag,
                                     JsonWriter& writer) {
  absl::StatusOr<std::vector<TensorDatum>> data =
      ReadHistograms(*provider_, run, tag);
  writer.Key("runToSeries");
  writer.BeginObject();
  // Unknown run or tag: no series, as TensorBoard answers.
  if (data.ok()) {
    writer.Key(run);
    writer.BeginArray();
    for (const TensorDatum& datum : *data) {
      writer.BeginObject();
      writer.Key("wallTime");
      writer.Double(datum.wall_time);
      writer.Key("step");
      writer.Int(datum.step);
      writer.Key("bins");
      writer.BeginArray();
      const Tensor& tensor = datum.tensor;
      const bool buckets =
          tensor.shape.size() == 2 && tensor.shape[1] == 3 &&
          tensor.shape[0] >= 0 &&
          static_cast<int64_t>(tensor.numbers.size()) == tensor.num_elements();
      for (int64_t i = 0; buckets && i < tensor.shape[0]; ++i) {
        const size_t at = static_cast<size_t>(i) * 3;
        writer.BeginObject();
        writer.Key("min");
        WriteTensorElement(tensor, at, writer);
        writer.Key("max");
        WriteTensorElement(tensor, at + 1, writer);
        writer.Key("count");
        WriteTensorElement(tensor, at + 2, writer);
        writer.EndObject();
      }
      writer.EndArray();
      writer.EndObject();
    }
    writer.EndArray();
  }
  writer.EndObject();
}

void SeriesAnswerer::WriteImages(const std::string& run, const std::string& tag,
                                 int64_t sample, JsonWriter& writer) {
  absl::StatusOr<std::vector<ImageStep>> steps =
      ReadImageSteps(*provider_, run, tag, sample);
  writer.Key("runToSeries");
  writer.BeginObject();
  // Unknown run or tag, or no step with this sample: no series.
  if (steps.ok() && !steps->empty()) {
    writer.Key(run);
    writer.BeginArray();
    for (const ImageStep& step : *steps) {
      writer.BeginObject();
      writer.Key("step");
      writer.Int(step.step);
      writer.Key("wallTime");
      writer.Double(step.wall_time);
      writer.Key("imageId");
      writer.String(step.blob_key);
      writer.EndObject();
    }
    writer.EndArray();
  }
  writer.EndObject();
}

}  // namespace tbx::plugins
