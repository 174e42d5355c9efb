// Binary columnar /series responses; see series_binary.h.
#include "plugins/scalars/series_binary.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tbx::plugins {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the binary series layout is little-endian");

void PutU32(std::string* out, uint32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);
  out->append(bytes, 4);
}

void PadTo8(std::string* out) { out->resize((out->size() + 7) / 8 * 8, '\0'); }

bool SameBits(double a, double b) {
  return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
}

// Whether `v` converts to float32 without overflowing (converting a finite
// double beyond float's range is undefined).
bool InFloatRange(double v) {
  return !std::isfinite(v) || std::fabs(v) <= std::numeric_limits<float>::max();
}

// Whether float32 gives `v` back bit for bit (a NaN only if its payload
// survives the round trip; −0.0 and ±infinity do).
bool ExactFloat32(double v) {
  return InFloatRange(v) &&
         SameBits(static_cast<double>(static_cast<float>(v)), v);
}

bool ExactInt32(double v) {
  // The range test first: converting an out-of-range double is undefined.
  if (!(v >= std::numeric_limits<int32_t>::min() &&
        v <= std::numeric_limits<int32_t>::max()))
    return false;
  return SameBits(static_cast<double>(static_cast<int32_t>(v)), v);
}

// The float32 offset of `v` from `base` when base + offset is `v` bit for bit.
bool ExactOffset(double base, double v) {
  const double offset = v - base;
  return InFloatRange(offset) &&
         SameBits(base + static_cast<double>(static_cast<float>(offset)), v);
}

// Appends each number of `column` less `base` as a T (4 bytes).
template <typename T>
void PutNarrow(std::string* out, std::span<const double> column, double base) {
  const size_t at = out->size();
  out->resize(at + sizeof(T) * column.size());
  char* dst = out->data() + at;
  for (double v : column) {
    const T narrow = static_cast<T>(v - base);
    std::memcpy(dst, &narrow, sizeof narrow);
    dst += sizeof narrow;
  }
}

// Number `i` of a column of int32 numbers less the one before it (past int32
// when they are far apart).
int64_t Difference(std::span<const double> column, size_t i) {
  return static_cast<int64_t>(column[i]) - static_cast<int64_t>(column[i - 1]);
}

// Appends the first number of `column` (an int32) then each number less the
// one before it as a T.
template <typename T>
void PutDifferences(std::string* out, std::span<const double> column) {
  const int32_t first = static_cast<int32_t>(column[0]);
  out->append(reinterpret_cast<const char*>(&first), sizeof first);
  const size_t at = out->size();
  out->resize(at + sizeof(T) * (column.size() - 1));
  char* dst = out->data() + at;
  for (size_t i = 1; i < column.size(); ++i) {
    const T difference = static_cast<T>(Difference(column, i));
    std::memcpy(dst, &difference, sizeof difference);
    dst += sizeof difference;
  }
}

// The narrowest of int32, int32 + int8 and int32 + int16 differences for a
// column of int32 numbers.
ColumnEncoding ChooseInt32Encoding(std::span<const double> column) {
  // A single number takes 8 bytes either way.
  if (column.size() < 2) return ColumnEncoding::kInt32;
  int64_t widest = 0;
  for (size_t i = 1; i < column.size(); ++i) {
    const int64_t difference = Difference(column, i);
    widest = std::max(widest, difference < 0 ? -difference - 1 : difference);
  }
  if (widest <= std::numeric_limits<int8_t>::max())
    return ColumnEncoding::kInt32Delta8;
  if (widest <= std::numeric_limits<int16_t>::max())
    return ColumnEncoding::kInt32Delta16;
  return ColumnEncoding::kInt32;
}

// Appends `column` in `encoding`, padded to a multiple of 8 bytes.
void PutColumn(std::string* out, std::span<const double> column,
               ColumnEncoding encoding) {
  switch (encoding) {
    case ColumnEncoding::kFloat64:
      out->append(reinterpret_cast<const char*>(column.data()),
                  column.size_bytes());
      break;
    case ColumnEncoding::kFloat32:
      PutNarrow<float>(out, column, 0.0);
      break;
    case ColumnEncoding::kInt32:
      PutNarrow<int32_t>(out, column, 0.0);
      break;
    case ColumnEncoding::kFloat32Offset: {
      const double base = column[0];
      out->append(reinterpret_cast<const char*>(&base), sizeof base);
      PutNarrow<float>(out, column, base);
      break;
    }
    case ColumnEncoding::kInt32Delta8:
      PutDifferences<int8_t>(out, column);
      break;
    case ColumnEncoding::kInt32Delta16:
      PutDifferences<int16_t>(out, column);
      break;
  }
  PadTo8(out);
}

}  // namespace

ColumnEncoding ChooseEncoding(std::span<const double> column) {
  if (column.empty()) return ColumnEncoding::kFloat64;
  bool int32 = true, float32 = true, offset = true;
  const double base = column[0];
  for (double v : column) {
    int32 = int32 && ExactInt32(v);
    float32 = float32 && ExactFloat32(v);
    offset = offset && ExactOffset(base, v);
    if (!int32 && !float32 && !offset) return ColumnEncoding::kFloat64;
  }
  if (int32) return ChooseInt32Encoding(column);
  if (float32) return ColumnEncoding::kFloat32;
  // 8 bytes more than float32, but half of float64 from two numbers on.
  if (offset && column.size() >= 2) return ColumnEncoding::kFloat32Offset;
  return ColumnEncoding::kFloat64;
}

SeriesBinaryWriter::SeriesBinaryWriter(std::string* out, size_t series_count,
                                       size_t total_points)
    : out_(out) {
  out_->clear();
  out_->reserve(16 + series_count * 96 + total_points * 24);
  out_->append("TBXS", 4);
  PutU32(out_, kSeriesBinaryVersion);
  PutU32(out_, static_cast<uint32_t>(series_count));
  PutU32(out_, 0);  // reserved
}

void SeriesBinaryWriter::SetSeriesCount(size_t series_count) {
  const uint32_t n = static_cast<uint32_t>(series_count);
  std::memcpy(out_->data() + 8, &n, 4);
}

void SeriesBinaryWriter::AddSeries(std::string_view run, std::string_view tag,
                                   const ScalarSeries& series) {
  steps_.assign(series.steps.begin(), series.steps.end());
  const std::span<const double> columns[3] = {steps_, series.wall_times,
                                              series.values};
  ColumnEncoding encodings[3];
  for (int i = 0; i < 3; ++i) encodings[i] = ChooseEncoding(columns[i]);
  PutU32(out_, static_cast<uint32_t>(run.size()));
  PutU32(out_, static_cast<uint32_t>(tag.size()));
  PutU32(out_, static_cast<uint32_t>(series.size()));
  const char encoding_bytes[4] = {static_cast<char>(encodings[0]),
                                  static_cast<char>(encodings[1]),
                                  static_cast<char>(encodings[2]), 0};
  out_->append(encoding_bytes, 4);
  out_->append(run);
  out_->append(tag);
  PadTo8(out_);
  for (int i = 0; i < 3; ++i) PutColumn(out_, columns[i], encodings[i]);
}

}  // namespace tbx::plugins
