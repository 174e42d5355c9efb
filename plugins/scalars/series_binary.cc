// Binary columnar /series responses; see series_binary.h.
#include "plugins/scalars/series_binary.h"

#include <bit>
#include <cstdint>
#include <cstring>

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

template <typename T>
void PutColumn(std::string* out, const std::vector<T>& column) {
  const size_t at = out->size();
  out->resize(at + column.size() * sizeof(double));
  char* dst = out->data() + at;
  for (const T& v : column) {
    const double d = static_cast<double>(v);
    std::memcpy(dst, &d, sizeof d);
    dst += sizeof d;
  }
}

}  // namespace

SeriesBinaryWriter::SeriesBinaryWriter(std::string* out, size_t series_count,
                                       size_t total_points)
    : out_(out) {
  out_->clear();
  out_->reserve(16 + series_count * 64 + total_points * 24);
  out_->append("TBXS", 4);
  PutU32(out_, 1);  // version
  PutU32(out_, static_cast<uint32_t>(series_count));
  PutU32(out_, 0);  // reserved
}

void SeriesBinaryWriter::SetSeriesCount(size_t series_count) {
  const uint32_t n = static_cast<uint32_t>(series_count);
  std::memcpy(out_->data() + 8, &n, 4);
}

void SeriesBinaryWriter::AddSeries(std::string_view run, std::string_view tag,
                                   const ScalarSeries& series) {
  PutU32(out_, static_cast<uint32_t>(run.size()));
  PutU32(out_, static_cast<uint32_t>(tag.size()));
  PutU32(out_, static_cast<uint32_t>(series.size()));
  PutU32(out_, 0);  // reserved
  out_->append(run);
  out_->append(tag);
  PadTo8(out_);
  PutColumn(out_, series.steps);
  PutColumn(out_, series.wall_times);
  PutColumn(out_, series.values);
}

}  // namespace tbx::plugins
