// EventWriter (include/tbx/event_writer.h): builds tensorboard::Event protos
// the way tf.summary writes them and frames them as TFRecords.
#include "tbx/event_writer.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "proto/event.pb.h"
#include "src/data/record_writer.h"

namespace tbx {
namespace {

// AudioPluginData{version: 0, encoding: WAV (11)}, serialized: field 2,
// varint 11.
constexpr std::string_view kAudioPluginContentWav("\x10\x0b", 2);

double WallTimeOrNow(double wall_time) {
  if (wall_time >= 0) return wall_time;
  return absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch());
}

tensorboard::Event NewEvent(int64_t step, double wall_time) {
  tensorboard::Event event;
  event.set_wall_time(WallTimeOrNow(wall_time));
  event.set_step(step);
  return event;
}

absl::Status WriteEvent(std::FILE* file, const tensorboard::Event& event) {
  std::string bytes;
  if (!event.SerializeToString(&bytes))
    return absl::InternalError("cannot serialize an Event");
  return WriteRecord(file, bytes);
}

// True the first time `tag` is seen: only that value carries the summary
// metadata.
bool ClaimFirstValue(std::vector<std::string>* tags_with_metadata,
                     std::string_view tag) {
  if (std::find(tags_with_metadata->begin(), tags_with_metadata->end(), tag) !=
      tags_with_metadata->end()) {
    return false;
  }
  tags_with_metadata->emplace_back(tag);
  return true;
}

void SetMetadata(tensorboard::Summary::Value* value,
                 std::string_view plugin_name, std::string_view plugin_content,
                 tensorboard::DataClass data_class,
                 std::string_view description = "") {
  tensorboard::SummaryMetadata* metadata = value->mutable_metadata();
  metadata->mutable_plugin_data()->set_plugin_name(std::string(plugin_name));
  metadata->mutable_plugin_data()->set_content(std::string(plugin_content));
  metadata->set_summary_description(std::string(description));
  metadata->set_data_class(data_class);
}

void SetShape(tensorboard::TensorProto* tensor,
              std::initializer_list<int64_t> dims) {
  tensorboard::TensorShapeProto* shape = tensor->mutable_tensor_shape();
  for (int64_t d : dims) shape->add_dim()->set_size(d);
}

// Rounds to the nearest IEEE binary16 (ties to even), from the double in one
// rounding.
uint16_t ToHalf(double value) {
  const uint16_t sign = std::signbit(value) ? 0x8000 : 0;
  const double magnitude = std::fabs(value);
  if (std::isnan(value)) return sign | 0x7e00;
  if (magnitude <
      std::ldexp(1.0,
                 -14)) {  // subnormal (or rounds up to the smallest normal)
    return sign |
           static_cast<uint16_t>(std::nearbyint(std::ldexp(magnitude, 24)));
  }
  // magnitude = f * 2^exponent with f in [0.5, 1).
  int exponent;
  std::frexp(magnitude, &exponent);
  // Infinite, or beyond the largest half.
  if (exponent > 16) return sign | 0x7c00;
  // The 11 significant bits, rounded: in [1024, 2048].
  double significand = std::nearbyint(std::ldexp(magnitude, 11 - exponent));
  if (significand == 2048) {
    significand = 1024;
    ++exponent;
  }
  const int biased = exponent - 1 + 15;
  if (biased >= 31) return sign | 0x7c00;
  return sign | static_cast<uint16_t>((biased << 10) |
                                      (static_cast<int>(significand) - 1024));
}

template <typename T>
absl::Status AppendAs(double value, std::string* out) {
  // max() + 1 is a power of two, exact as a double even where max() is not.
  const double limit = static_cast<double>(std::numeric_limits<T>::max()) + 1;
  if (!std::isfinite(value) ||
      value < static_cast<double>(std::numeric_limits<T>::lowest()) ||
      value >= limit || static_cast<double>(static_cast<T>(value)) != value) {
    return absl::InvalidArgumentError(absl::StrCat(
        "tensor value ", value, " is not representable in its dtype"));
  }
  T v = static_cast<T>(value);
  out->append(reinterpret_cast<const char*>(&v), sizeof(v));
  return absl::OkStatus();
}

template <typename T>
void AppendRaw(T v, std::string* out) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(v));
}

// Row-major little-endian bytes of `numbers` in `dtype`
// (TensorProto.tensor_content).
absl::Status EncodeNumbers(DType dtype, const std::vector<double>& numbers,
                           std::string* out) {
  for (double x : numbers) {
    absl::Status status;
    switch (dtype) {
      case DType::kFloat:
        AppendRaw(static_cast<float>(x), out);
        break;
      case DType::kDouble:
        AppendRaw(x, out);
        break;
      case DType::kHalf:
        AppendRaw(ToHalf(x), out);
        break;
      case DType::kInt8:
        status = AppendAs<int8_t>(x, out);
        break;
      case DType::kUInt8:
        status = AppendAs<uint8_t>(x, out);
        break;
      case DType::kInt16:
        status = AppendAs<int16_t>(x, out);
        break;
      case DType::kUInt16:
        status = AppendAs<uint16_t>(x, out);
        break;
      case DType::kInt32:
        status = AppendAs<int32_t>(x, out);
        break;
      case DType::kUInt32:
        status = AppendAs<uint32_t>(x, out);
        break;
      case DType::kInt64:
        status = AppendAs<int64_t>(x, out);
        break;
      case DType::kUInt64:
        status = AppendAs<uint64_t>(x, out);
        break;
      case DType::kBool:
        if (x != 0 && x != 1) {
          return absl::InvalidArgumentError(
              absl::StrCat("bool tensor value ", x, " is not 0 or 1"));
        }
        AppendRaw(static_cast<uint8_t>(x), out);
        break;
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            "cannot write tensors of dtype ", static_cast<int>(dtype)));
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ToTensorProto(const Tensor& tensor,
                           tensorboard::TensorProto* proto) {
  int64_t elements = 1;
  for (int64_t d : tensor.shape) {
    if (d < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("negative tensor dimension ", d));
    elements *= d;
  }
  proto->set_dtype(static_cast<tensorboard::DataType>(tensor.dtype));
  tensorboard::TensorShapeProto* shape = proto->mutable_tensor_shape();
  for (int64_t d : tensor.shape) shape->add_dim()->set_size(d);
  if (tensor.dtype == DType::kString) {
    if (static_cast<int64_t>(tensor.strings.size()) != elements) {
      return absl::InvalidArgumentError(
          absl::StrCat("string tensor has ", tensor.strings.size(),
                       " values, its shape wants ", elements));
    }
    for (const std::string& s : tensor.strings) proto->add_string_val(s);
    return absl::OkStatus();
  }
  if (static_cast<int64_t>(tensor.numbers.size()) != elements) {
    return absl::InvalidArgumentError(
        absl::StrCat("tensor has ", tensor.numbers.size(),
                     " values, its shape wants ", elements));
  }
  return EncodeNumbers(tensor.dtype, tensor.numbers,
                       proto->mutable_tensor_content());
}

// tf.summary.histogram's bucketing: `bucket_count` equal-width buckets over
// [min, max] as rows (left, right, count); all zeros for no data; for a single
// distinct value every edge is that value and the last bucket holds the count.
std::vector<double> HistogramBuckets(const std::vector<double>& values,
                                     int bucket_count) {
  std::vector<double> rows(static_cast<size_t>(bucket_count) * 3, 0.0);
  if (values.empty() || bucket_count == 0) return rows;
  const auto [min_it, max_it] =
      std::minmax_element(values.begin(), values.end());
  const double min = *min_it, max = *max_it, range = max - min;
  if (range == 0) {
    for (int i = 0; i < bucket_count; ++i) rows[3 * i] = rows[3 * i + 1] = max;
    rows[3 * (bucket_count - 1) + 2] = static_cast<double>(values.size());
    return rows;
  }
  const double width = range / bucket_count;
  for (double x : values) {
    int index = static_cast<int>(std::floor((x - min) / width));
    rows[3 * std::min(index, bucket_count - 1) + 2] += 1;
  }
  for (int i = 0; i < bucket_count; ++i) {
    rows[3 * i] = min + i * width;
    rows[3 * i + 1] = i + 1 == bucket_count ? max : min + (i + 1) * width;
  }
  return rows;
}

std::string EventFileName(std::string_view suffix) {
  static std::atomic<int> counter{0};
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) std::strcpy(host, "localhost");
  const int64_t seconds = absl::ToUnixSeconds(absl::Now());
  return absl::StrCat("events.out.tfevents.", seconds, ".", host, ".", getpid(),
                      ".", counter.fetch_add(1), std::string(suffix));
}

}  // namespace

EventWriter::EventWriter(std::string path, std::FILE* file)
    : path_(std::move(path)), file_(file) {}

EventWriter::~EventWriter() { std::fclose(file_); }  // fclose flushes

absl::StatusOr<std::unique_ptr<EventWriter>> EventWriter::Create(
    const std::string& dir, std::string_view suffix) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error)
    return absl::InternalError(
        absl::StrCat("create ", dir, ": ", error.message()));
  return CreateAtPath(
      (std::filesystem::path(dir) / EventFileName(suffix)).string());
}

absl::StatusOr<std::unique_ptr<EventWriter>> EventWriter::CreateAtPath(
    const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr)
    return absl::ErrnoToStatus(errno, absl::StrCat("create ", path));
  std::unique_ptr<EventWriter> writer(new EventWriter(path, file));
  tensorboard::Event version = NewEvent(0, -1);
  version.set_file_version("brain.Event:2");
  if (absl::Status status = WriteEvent(file, version); !status.ok())
    return status;
  return writer;
}

absl::Status EventWriter::AddScalar(std::string_view tag, double value,
                                    int64_t step, double wall_time,
                                    std::string_view description) {
  tensorboard::Event event = NewEvent(step, wall_time);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  tensorboard::TensorProto* tensor = v->mutable_tensor();
  tensor->set_dtype(tensorboard::DT_FLOAT);  // tf.summary.scalar writes float32
  tensor->mutable_tensor_shape();
  tensor->add_float_val(static_cast<float>(value));
  if (ClaimFirstValue(&tags_with_metadata_, tag)) {
    SetMetadata(v, "scalars", "", tensorboard::DATA_CLASS_SCALAR, description);
  }
  return WriteEvent(file_, event);
}

absl::Status EventWriter::AddHistogram(std::string_view tag,
                                       const std::vector<double>& values,
                                       int64_t step, double wall_time,
                                       int buckets) {
  if (buckets < 0)
    return absl::InvalidArgumentError(
        absl::StrCat("buckets ", buckets, " < 0"));
  for (double x : values) {
    if (!std::isfinite(x)) {
      return absl::InvalidArgumentError(
          absl::StrCat("histogram value ", x, " is not finite"));
    }
  }
  Tensor rows{.dtype = DType::kDouble,
              .shape = {buckets, 3},
              .numbers = HistogramBuckets(values, buckets),
              .strings = {}};
  tensorboard::Event event = NewEvent(step, wall_time);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  if (absl::Status s = ToTensorProto(rows, v->mutable_tensor()); !s.ok())
    return s;
  if (ClaimFirstValue(&tags_with_metadata_, tag)) {
    SetMetadata(v, "histograms", "", tensorboard::DATA_CLASS_TENSOR);
  }
  return WriteEvent(file_, event);
}

absl::Status EventWriter::AddImages(std::string_view tag, int width, int height,
                                    const std::vector<std::string>& encoded,
                                    int64_t step, double wall_time) {
  if (width < 0 || height < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("image size ", width, "x", height));
  }
  tensorboard::Event event = NewEvent(step, wall_time);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  tensorboard::TensorProto* tensor = v->mutable_tensor();
  tensor->set_dtype(tensorboard::DT_STRING);
  SetShape(tensor, {static_cast<int64_t>(encoded.size()) + 2});
  tensor->add_string_val(absl::StrCat(width));
  tensor->add_string_val(absl::StrCat(height));
  for (const std::string& image : encoded) tensor->add_string_val(image);
  if (ClaimFirstValue(&tags_with_metadata_, tag)) {
    SetMetadata(v, "images", "", tensorboard::DATA_CLASS_BLOB_SEQUENCE);
  }
  return WriteEvent(file_, event);
}

absl::Status EventWriter::AddAudio(std::string_view tag,
                                   const std::vector<std::string>& wav,
                                   const std::vector<std::string>& labels,
                                   int64_t step, double wall_time) {
  if (!labels.empty() && labels.size() != wav.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        wav.size(), " audio clips but ", labels.size(), " labels"));
  }
  tensorboard::Event event = NewEvent(step, wall_time);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  tensorboard::TensorProto* tensor = v->mutable_tensor();
  tensor->set_dtype(tensorboard::DT_STRING);
  SetShape(tensor, {static_cast<int64_t>(wav.size()), 2});
  for (size_t i = 0; i < wav.size(); ++i) {
    tensor->add_string_val(wav[i]);
    tensor->add_string_val(labels.empty() ? std::string() : labels[i]);
  }
  if (ClaimFirstValue(&tags_with_metadata_, tag)) {
    // Like tf.summary.audio, leave the data class unset: readers then project
    // the [k, 2] tensor to its clip column (dataclass_compat), so blob i is
    // clip i.
    SetMetadata(v, "audio", kAudioPluginContentWav,
                tensorboard::DATA_CLASS_UNKNOWN);
  }
  return WriteEvent(file_, event);
}

absl::Status EventWriter::AddText(std::string_view tag,
                                  std::string_view markdown, int64_t step,
                                  double wall_time) {
  tensorboard::Event event = NewEvent(step, wall_time);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  tensorboard::TensorProto* tensor = v->mutable_tensor();
  tensor->set_dtype(tensorboard::DT_STRING);
  tensor->mutable_tensor_shape();
  tensor->add_string_val(std::string(markdown));
  if (ClaimFirstValue(&tags_with_metadata_, tag)) {
    SetMetadata(v, "text", "", tensorboard::DATA_CLASS_TENSOR);
  }
  return WriteEvent(file_, event);
}

absl::Status EventWriter::AddTensor(std::string_view tag, const Tensor& tensor,
                                    std::string_view plugin_name,
                                    std::string_view plugin_content,
                                    int64_t step, double wall_time,
                                    DataClass data_class) {
  tensorboard::Event event = NewEvent(step, wall_time);
  tensorboard::Summary::Value* v = event.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  if (absl::Status s = ToTensorProto(tensor, v->mutable_tensor()); !s.ok())
    return s;
  if (ClaimFirstValue(&tags_with_metadata_, tag)) {
    SetMetadata(
        v, plugin_name, plugin_content,
        static_cast<tensorboard::DataClass>(static_cast<int>(data_class)));
  }
  return WriteEvent(file_, event);
}

absl::Status EventWriter::AddSessionStart(int64_t step, double wall_time) {
  tensorboard::Event event = NewEvent(step, wall_time);
  event.mutable_session_log()->set_status(tensorboard::SessionLog::START);
  return WriteEvent(file_, event);
}

absl::Status EventWriter::WriteSerializedEvent(std::string_view event) {
  return WriteRecord(file_, event);
}

absl::Status EventWriter::Flush() {
  errno = 0;
  if (std::fflush(file_) != 0) {
    return errno != 0
               ? absl::ErrnoToStatus(errno, absl::StrCat("flush ", path_))
               : absl::DataLossError(absl::StrCat("flush ", path_));
  }
  return absl::OkStatus();
}

}  // namespace tbx
