// Value types shared by the data layer and the plugins: run and tag
// descriptions, scalar series, tensors and blob sequences. Plain data, no
// locks; every type is a value that a reader owns once the DataProvider has
// returned it.
#ifndef TBX_TYPES_H_
#define TBX_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tbx {

// Mirrors tensorboard.DataClass: how a time series is stored and served.
enum class DataClass {
  kUnknown = 0,
  kScalar = 1,
  kTensor = 2,
  kBlobSequence = 3
};

// The summary metadata of a time series, taken from the first event of the tag
// in its run.
struct TagMetadata {
  std::string plugin_name;  // e.g. "scalars", "images"
  std::string
      plugin_content;  // serialized plugin-specific proto (may be empty)
  std::string display_name;
  std::string description;  // summary_description, Markdown as written
  DataClass data_class = DataClass::kUnknown;
};

struct RunInfo {
  std::string name;  // path relative to its logdir, "." for the logdir itself
  // Wall time of the first event read from the run; empty until one is read.
  std::optional<double> start_time;
};

// run -> tag -> T, in the store's insertion order (runs in discovery order,
// tags in first-seen order), which is the order TensorBoard's JSON mappings
// use.
template <typename T>
struct RunTags {
  std::string run;
  std::vector<std::pair<std::string, T>> tags;
};
template <typename T>
using RunTagMap = std::vector<RunTags<T>>;

// A scalar time series in storage order, columnar; all three vectors have the
// same size. Values are doubles: float32 data is widened exactly.
struct ScalarSeries {
  std::vector<int64_t> steps;
  std::vector<double> wall_times;
  std::vector<double> values;
  size_t size() const { return steps.size(); }
};

// TensorFlow dtype numbers (tensorboard.DataType).
enum class DType : int {
  kInvalid = 0,
  kFloat = 1,
  kDouble = 2,
  kInt32 = 3,
  kUInt8 = 4,
  kInt16 = 5,
  kInt8 = 6,
  kString = 7,
  kInt64 = 9,
  kBool = 10,
  kUInt16 = 17,
  kHalf = 19,
  kUInt32 = 22,
  kUInt64 = 23,
};

// A decoded tensor. Numeric dtypes fill `numbers` (row-major, widened to
// double, exact for every dtype but 64-bit integers beyond 2^53); DT_STRING
// fills `strings`.
struct Tensor {
  DType dtype = DType::kInvalid;
  std::vector<int64_t> shape;
  std::vector<double> numbers;
  std::vector<std::string> strings;
  int64_t num_elements() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
};

struct TensorDatum {
  int64_t step = 0;
  double wall_time = 0;
  Tensor tensor;
};

// One step of a blob sequence (images, audio, ...): how many blobs it holds.
// The bytes are read on demand with DataProvider::ReadBlob(run, tag, step,
// index).
struct BlobSequenceDatum {
  int64_t step = 0;
  double wall_time = 0;
  // Number of blobs, as stored: for images this counts width and height first,
  // exactly as in TensorBoard's string tensor [width, height, image, ...], so
  // blob keys use the same index.
  int64_t num_blobs = 0;
};

}  // namespace tbx

#endif  // TBX_TYPES_H_
