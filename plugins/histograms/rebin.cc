// Server-side histogram re-binning; see rebin.h.
#include "plugins/histograms/rebin.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "plugins/common/json_writer.h"

namespace tbx::plugins {
namespace {

// Whether `tensor` is a well-formed [k, 3] bucket list.
bool IsBuckets(const Tensor& tensor) {
  return tensor.shape.size() == 2 && tensor.shape[1] == 3 &&
         tensor.shape[0] >= 0 &&
         static_cast<int64_t>(tensor.numbers.size()) == tensor.num_elements();
}

void BinRange(const std::vector<TensorDatum>& data, double* x0, double* x1) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  double any_lo = lo;
  double any_hi = hi;
  for (const TensorDatum& datum : data) {
    if (!IsBuckets(datum.tensor)) continue;
    const std::vector<double>& n = datum.tensor.numbers;
    for (size_t b = 0; b + 2 < n.size(); b += 3) {
      if (!std::isfinite(n[b]) || !std::isfinite(n[b + 1])) continue;
      any_lo = std::min(any_lo, n[b]);
      any_hi = std::max(any_hi, n[b + 1]);
      if (n[b + 2] > 0) {
        lo = std::min(lo, n[b]);
        hi = std::max(hi, n[b + 1]);
      }
    }
  }
  if (lo > hi) {
    lo = any_lo;
    hi = any_hi;
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    *x0 = -0.5;
    *x1 = 0.5;
  } else if (hi > lo) {
    *x0 = lo;
    *x1 = hi;
  } else {
    const double pad = lo == 0 ? 0.5 : std::abs(lo) * 0.1;
    *x0 = lo - pad;
    *x1 = hi + pad;
  }
}

void AppendShortDouble(double value, std::string* out) {
  if (!std::isfinite(value)) {
    AppendJsonDouble(value, out);
    return;
  }
  char buffer[32];
  const std::to_chars_result result = std::to_chars(
      buffer, buffer + sizeof(buffer), value, std::chars_format::general, 6);
  out->append(buffer, result.ptr);
}

template <typename T>
void AppendLittleEndian(T value, std::string* out) {
  static_assert(std::endian::native == std::endian::little,
                "the binary form is written on little-endian machines only");
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

}  // namespace

RebinnedHistograms Rebin(const std::vector<TensorDatum>& data, int bins) {
  RebinnedHistograms out;
  out.bins = std::max(1, bins);
  BinRange(data, &out.x0, &out.x1);
  const double width = (out.x1 - out.x0) / out.bins;
  out.counts.assign(data.size() * out.bins, 0.0);
  for (size_t i = 0; i < data.size(); ++i) {
    out.steps.push_back(data[i].step);
    out.wall_times.push_back(data[i].wall_time);
    if (!IsBuckets(data[i].tensor)) continue;
    double* row = &out.counts[i * out.bins];
    const std::vector<double>& n = data[i].tensor.numbers;
    for (size_t b = 0; b + 2 < n.size(); b += 3) {
      const double left = n[b];
      const double right = n[b + 1];
      const double count = n[b + 2];
      if (!(count > 0) || !std::isfinite(left) || !std::isfinite(right)) {
        continue;
      }
      if (!(right > left)) {
        if (left < out.x0 || left > out.x1) continue;
        const int k =
            std::min(out.bins - 1, static_cast<int>((left - out.x0) / width));
        row[k] += count;
        continue;
      }
      const int first =
          std::max(0, static_cast<int>(std::floor((left - out.x0) / width)));
      const int last = std::min(
          out.bins - 1, static_cast<int>(std::floor((right - out.x0) / width)));
      const double per_unit = count / (right - left);
      for (int k = first; k <= last; ++k) {
        const double overlap = std::min(right, out.x0 + (k + 1) * width) -
                               std::max(left, out.x0 + k * width);
        if (overlap > 0) row[k] += overlap * per_unit;
      }
    }
  }
  return out;
}

std::string RebinnedJson(const RebinnedHistograms& rebinned) {
  std::string json;
  json.reserve(128 + rebinned.steps.size() * 40 + rebinned.counts.size() * 9);
  JsonWriter writer(&json, /*compact=*/true);
  writer.BeginObject();
  writer.Key("x0");
  writer.Double(rebinned.x0);
  writer.Key("x1");
  writer.Double(rebinned.x1);
  writer.Key("bins");
  writer.Int(rebinned.bins);
  writer.Key("step");
  writer.BeginArray();
  for (int64_t step : rebinned.steps) writer.Int(step);
  writer.EndArray();
  writer.Key("wall_time");
  writer.BeginArray();
  for (double t : rebinned.wall_times) writer.Double(t);
  writer.EndArray();
  writer.Key("counts");
  std::string counts = "[";
  counts.reserve(2 + rebinned.counts.size() * 9);
  for (size_t i = 0; i < rebinned.counts.size(); ++i) {
    if (i > 0) counts.push_back(',');
    AppendShortDouble(rebinned.counts[i], &counts);
  }
  counts.push_back(']');
  writer.Raw(counts);
  writer.EndObject();
  return json;
}

std::string RebinnedBinary(const RebinnedHistograms& rebinned) {
  const size_t n = rebinned.steps.size();
  std::string out;
  out.reserve(32 + n * 16 + rebinned.counts.size() * 4);
  out.append("TBXH", 4);
  AppendLittleEndian<uint32_t>(1, &out);
  AppendLittleEndian<uint32_t>(static_cast<uint32_t>(n), &out);
  AppendLittleEndian<uint32_t>(static_cast<uint32_t>(rebinned.bins), &out);
  AppendLittleEndian<double>(rebinned.x0, &out);
  AppendLittleEndian<double>(rebinned.x1, &out);
  for (int64_t step : rebinned.steps) {
    AppendLittleEndian<double>(static_cast<double>(step), &out);
  }
  for (double t : rebinned.wall_times) AppendLittleEndian<double>(t, &out);
  for (double count : rebinned.counts) {
    AppendLittleEndian<float>(static_cast<float>(count), &out);
  }
  return out;
}

}  // namespace tbx::plugins
