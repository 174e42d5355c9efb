// PR curve entries; see pr_curve_entry.h.
#include "plugins/pr_curves/pr_curve_entry.h"

#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tbx::plugins {
namespace {

// Rows of the stored tensor.
constexpr int kTruePositives = 0;
constexpr int kFalsePositives = 1;
constexpr int kTrueNegatives = 2;
constexpr int kFalseNegatives = 3;
constexpr int kPrecision = 4;
constexpr int kRecall = 5;
constexpr int kRows = 6;

// Python's int(float): truncation toward zero. Counts that are not finite or
// do not fit become 0 rather than undefined behaviour.
int64_t Count(double value) {
  if (!std::isfinite(value) || std::fabs(value) >= 9.2e18) return 0;
  return static_cast<int64_t>(value);
}

bool IsNumeric(DType dtype) {
  return dtype != DType::kString && dtype != DType::kInvalid;
}

}  // namespace

absl::StatusOr<PrCurveEntry> MakePrCurveEntry(const TensorDatum& datum) {
  const Tensor& tensor = datum.tensor;
  const bool shaped =
      tensor.shape.size() == 2 && tensor.shape[0] == kRows &&
      tensor.shape[1] >= 1 &&
      static_cast<int64_t>(tensor.numbers.size()) == kRows * tensor.shape[1];
  if (!IsNumeric(tensor.dtype) || !shaped) {
    return absl::InvalidArgumentError(absl::StrCat(
        "PR curve data at step ", datum.step, " has shape [",
        absl::StrJoin(tensor.shape, ", "),
        "]; expected a numeric tensor of shape [6, num_thresholds]"));
  }
  const size_t n = static_cast<size_t>(tensor.shape[1]);
  auto row = [&](int r, size_t i) { return tensor.numbers[r * n + i]; };
  // The last column with TP + FP != 0, keeping column 0 in any case.
  size_t end = n;
  while (end > 1 && Count(row(kTruePositives, end - 1)) +
                            Count(row(kFalsePositives, end - 1)) ==
                        0) {
    --end;
  }
  PrCurveEntry entry;
  entry.step = datum.step;
  entry.wall_time = datum.wall_time;
  // numpy.linspace(0, 1, n): i * (1 / (n - 1)), the last point exactly 1.
  const double spacing = n > 1 ? 1.0 / static_cast<double>(n - 1) : 0.0;
  for (size_t i = 0; i < end; ++i) {
    entry.true_positives.push_back(Count(row(kTruePositives, i)));
    entry.false_positives.push_back(Count(row(kFalsePositives, i)));
    entry.true_negatives.push_back(Count(row(kTrueNegatives, i)));
    entry.false_negatives.push_back(Count(row(kFalseNegatives, i)));
    entry.precision.push_back(row(kPrecision, i));
    entry.recall.push_back(row(kRecall, i));
    entry.thresholds.push_back(
        n > 1 && i == n - 1 ? 1.0 : static_cast<double>(i) * spacing);
  }
  return entry;
}

namespace {

void WriteDoubles(const char* key, const std::vector<double>& values,
                  JsonWriter& writer) {
  writer.Key(key);
  writer.BeginArray();
  for (double v : values) writer.Double(v);
  writer.EndArray();
}

void WriteInts(const char* key, const std::vector<int64_t>& values,
               JsonWriter& writer) {
  writer.Key(key);
  writer.BeginArray();
  for (int64_t v : values) writer.Int(v);
  writer.EndArray();
}

}  // namespace

void WritePrCurveEntry(const PrCurveEntry& entry, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("wall_time");
  writer.Double(entry.wall_time);
  writer.Key("step");
  writer.Int(entry.step);
  WriteDoubles("precision", entry.precision, writer);
  WriteDoubles("recall", entry.recall, writer);
  WriteInts("true_positives", entry.true_positives, writer);
  WriteInts("false_positives", entry.false_positives, writer);
  WriteInts("true_negatives", entry.true_negatives, writer);
  WriteInts("false_negatives", entry.false_negatives, writer);
  WriteDoubles("thresholds", entry.thresholds, writer);
  writer.EndObject();
}

}  // namespace tbx::plugins
