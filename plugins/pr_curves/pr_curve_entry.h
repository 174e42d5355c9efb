// One step of a PR curve: the 6 x N tensor TensorBoard's pr_curves summaries
// store (rows: true positives, false positives, true negatives, false
// negatives, precision, recall; one column per threshold) turned into the
// entry the /pr_curves route serves. Trailing thresholds where TP + FP == 0
// (precision undefined) are trimmed, keeping at least the first. Pure
// functions; any thread may call them.
#ifndef TBX_PLUGINS_PR_CURVES_PR_CURVE_ENTRY_H_
#define TBX_PLUGINS_PR_CURVES_PR_CURVE_ENTRY_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/common/json_writer.h"
#include "tbx/types.h"

namespace tbx::plugins {

struct PrCurveEntry {
  int64_t step = 0;
  double wall_time = 0;
  std::vector<double> precision;
  std::vector<double> recall;
  std::vector<int64_t> true_positives;
  std::vector<int64_t> false_positives;
  std::vector<int64_t> true_negatives;
  std::vector<int64_t> false_negatives;
  // thresholds[i] = i / (N - 1) over the untrimmed N columns (0 when N == 1).
  std::vector<double> thresholds;
};

// The entry of one datum. InvalidArgument naming the step and the shape when
// the tensor is not a numeric [6, N] tensor with N >= 1.
absl::StatusOr<PrCurveEntry> MakePrCurveEntry(const TensorDatum& datum);

// Writes the entry as TensorBoard's JSON object: wall_time, step, precision,
// recall, true_positives, false_positives, true_negatives, false_negatives,
// thresholds.
void WritePrCurveEntry(const PrCurveEntry& entry, JsonWriter& writer);

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_PR_CURVES_PR_CURVE_ENTRY_H_
