// The projector's server-side PCA; see server_pca.h.
#include "plugins/projector/server_pca.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "absl/strings/str_cat.h"
#include "plugins/projector/symmetric_eigen.h"

namespace tbx::plugins::projector {
namespace {

constexpr double kCovarianceBudget = 2e7;  // multiply-adds
constexpr uint64_t kMinSample = 10000;
constexpr size_t kChunkBytes = 1 << 20;

// Fills `out` from `reader`; DataLoss when the reader ends first.
absl::Status Fill(const RowReader& reader, std::span<char> out) {
  for (size_t at = 0; at < out.size();) {
    absl::StatusOr<size_t> n = reader(out.subspan(at));
    if (!n.ok()) return n.status();
    if (*n == 0) return absl::DataLossError("the tensor ended early");
    at += *n;
  }
  return absl::OkStatus();
}

size_t ChunkRows(uint32_t dims) {
  return std::max<size_t>(1, kChunkBytes / (4 * static_cast<size_t>(dims)));
}

void AppendU64(std::string* out, uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(v >> (8 * i));
  out->append(bytes, 8);
}

void AppendF64(std::string* out, double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  AppendU64(out, bits);
}

}  // namespace

uint16_t Float16Bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  const uint32_t magnitude = bits & 0x7fffffff;
  if (magnitude > 0x7f800000) return sign | 0x7e00;   // NaN
  if (magnitude >= 0x477ff000) return sign | 0x7c00;  // ≥ 65520: infinity
  if (magnitude < 0x38800000) {
    // Below 2^-14: a subnormal float16, a count of 2^-24 (exact scaling,
    // rounded to the nearest integer, ties to even).
    float scaled;
    std::memcpy(&scaled, &magnitude, 4);
    return sign | static_cast<uint16_t>(std::nearbyint(scaled * 16777216.0f));
  }
  // Rebias the exponent (127 → 15) and round away the 13 low mantissa bits to
  // nearest, ties to even; a carry rounds up into the exponent.
  const uint32_t rounded = magnitude + 0xfff + ((magnitude >> 13) & 1);
  return sign | static_cast<uint16_t>((rounded - 0x38000000) >> 13);
}

int64_t Float16Exponent(const PcaBasis& basis, uint32_t project) {
  double bound = basis.max_row_norm;
  double largest_offset = 0.0;
  for (uint32_t c = 0; c < project && c < basis.offsets.size(); ++c) {
    largest_offset = std::max(largest_offset, std::abs(basis.offsets[c]));
  }
  bound += largest_offset;
  if (!(bound > 0.0) || !std::isfinite(bound)) return 0;
  int exponent = 0;
  std::frexp(bound, &exponent);  // bound in [2^(exponent-1), 2^exponent)
  return 15 - exponent;
}

std::vector<uint64_t> CovarianceSample(uint64_t rows, uint32_t dims) {
  const double pairs = std::max(1.0, dims * (dims + 1.0) / 2.0);
  const uint64_t wanted = std::max<uint64_t>(
      kMinSample, static_cast<uint64_t>(kCovarianceBudget / pairs));
  if (wanted >= rows) return {};
  // Floyd's algorithm: `wanted` distinct rows, each subset equally likely.
  std::mt19937_64 random(0x9e3779b97f4a7c15ull);
  std::vector<bool> chosen(rows, false);
  for (uint64_t j = rows - wanted; j < rows; ++j) {
    const uint64_t t = std::uniform_int_distribution<uint64_t>(0, j)(random);
    chosen[chosen[t] ? j : t] = true;
  }
  std::vector<uint64_t> sample;
  sample.reserve(wanted);
  for (uint64_t r = 0; r < rows; ++r) {
    if (chosen[r]) sample.push_back(r);
  }
  return sample;
}

absl::StatusOr<PcaBasis> ComputePcaBasis(const RowReader& reader, uint64_t rows,
                                         uint32_t dims, uint32_t components) {
  if (rows == 0 || dims == 0 || components == 0 || components > dims) {
    return absl::InvalidArgumentError(absl::StrCat("cannot find ", components,
                                                   " components of a ", rows,
                                                   " × ", dims, " tensor"));
  }
  const std::vector<uint64_t> sample = CovarianceSample(rows, dims);
  const size_t d = dims;
  std::vector<double> sum(d, 0.0), shift(d, 0.0), s1(d, 0.0), centred(d);
  std::vector<double> s2(d * d, 0.0);
  uint64_t count = 0;
  double max_norm2 = 0.0;
  size_t next_sample = 0;
  const size_t chunk = ChunkRows(dims);
  std::vector<float> values(chunk * d);
  for (uint64_t first = 0; first < rows;) {
    const size_t n =
        static_cast<size_t>(std::min<uint64_t>(chunk, rows - first));
    if (absl::Status s = Fill(
            reader,
            std::span<char>(reinterpret_cast<char*>(values.data()), n * d * 4));
        !s.ok()) {
      return s;
    }
    for (size_t i = 0; i < n; ++i) {
      const float* x = values.data() + i * d;
      double norm2 = 0.0;
      for (size_t k = 0; k < d; ++k) {
        sum[k] += x[k];
        norm2 += static_cast<double>(x[k]) * x[k];
      }
      max_norm2 = std::max(max_norm2, norm2);
      if (!sample.empty()) {
        if (next_sample >= sample.size() || sample[next_sample] != first + i)
          continue;
        ++next_sample;
      }
      // Sums shifted by the first sampled row stay accurate far from 0.
      if (count == 0) std::copy(x, x + d, shift.begin());
      ++count;
      for (size_t k = 0; k < d; ++k) {
        centred[k] = x[k] - shift[k];
        s1[k] += centred[k];
      }
      for (size_t r = 0; r < d; ++r) {
        const double xr = centred[r];
        if (xr == 0.0) continue;
        double* row = s2.data() + r * d;
        for (size_t c = r; c < d; ++c) row[c] += xr * centred[c];
      }
    }
    first += n;
  }
  std::vector<double> cov(d * d);
  const double scale =
      1.0 / static_cast<double>(std::max<uint64_t>(count - 1, 1));
  double total = 0.0;
  bool finite = true;
  for (size_t r = 0; r < d; ++r) {
    finite = finite && std::isfinite(sum[r]);
    for (size_t c = r; c < d; ++c) {
      const double v = (s2[r * d + c] - s1[r] * s1[c] / count) * scale;
      finite = finite && std::isfinite(v);
      cov[r * d + c] = v;
      cov[c * d + r] = v;
    }
    total += cov[r * d + r];
  }
  if (!finite) {
    return absl::InvalidArgumentError(
        "the tensor holds values that are not finite (NaN or infinity)");
  }
  EigenPairs eigen = SymmetricEigen(std::move(cov), static_cast<int>(dims));
  PcaBasis basis;
  basis.rows = rows;
  basis.dims = dims;
  basis.sampled_rows = count;
  basis.max_row_norm = std::sqrt(max_norm2);
  for (uint32_t c = 0; c < components; ++c) {
    basis.explained.push_back(total > 0 ? std::max(eigen.values[c], 0.0) / total
                                        : 0.0);
    double offset = 0.0;
    for (size_t k = 0; k < d; ++k) {
      offset += sum[k] / static_cast<double>(rows) * eigen.vectors[c][k];
    }
    basis.offsets.push_back(offset);
    basis.vectors.push_back(std::move(eigen.vectors[c]));
  }
  return basis;
}

PcaAnswerStream::PcaAnswerStream(PcaBasis basis, uint32_t project,
                                 RowReader rows, CoordEncoding encoding)
    : basis_(std::move(basis)),
      project_(std::min<uint32_t>(
          project, static_cast<uint32_t>(basis_.vectors.size()))),
      encoding_(encoding),
      rows_(std::move(rows)) {
  const uint32_t components = static_cast<uint32_t>(basis_.vectors.size());
  for (uint64_t v : {basis_.rows, uint64_t{basis_.dims}, uint64_t{components},
                     uint64_t{project_}, basis_.sampled_rows}) {
    AppendU64(&header_, v);
  }
  for (double v : basis_.explained) AppendF64(&header_, v);
  for (double v : basis_.offsets) AppendF64(&header_, v);
  for (const std::vector<double>& vector : basis_.vectors) {
    for (double v : vector) AppendF64(&header_, v);
  }
  if (encoding_ == CoordEncoding::kFloat16) {
    exponent_ = Float16Exponent(basis_, project_);
    AppendU64(&header_, static_cast<uint64_t>(exponent_));
  }
}

absl::StatusOr<size_t> PcaAnswerStream::Next(std::span<char> buffer) {
  if (header_sent_ < header_.size()) {
    const size_t n = static_cast<size_t>(
        std::min<uint64_t>(buffer.size(), header_.size() - header_sent_));
    std::memcpy(buffer.data(), header_.data() + header_sent_, n);
    header_sent_ += n;
    return n;
  }
  const size_t d = basis_.dims;
  const size_t out_row = CoordBytes() * project_;
  const uint64_t fit = std::max<size_t>(1, buffer.size() / out_row);
  const size_t n = static_cast<size_t>(
      std::min<uint64_t>(std::min<uint64_t>(fit, ChunkRows(basis_.dims)),
                         basis_.rows - rows_sent_));
  if (n == 0) return 0;
  if (buffer.size() < n * out_row) {
    return absl::InternalError("the buffer holds less than one projected row");
  }
  input_.resize(n * d);
  if (absl::Status s = Fill(
          rows_,
          std::span<char>(reinterpret_cast<char*>(input_.data()), n * d * 4));
      !s.ok()) {
    return s;
  }
  for (size_t i = 0; i < n; ++i) {
    const float* x = input_.data() + i * d;
    for (uint32_t c = 0; c < project_; ++c) {
      const double* v = basis_.vectors[c].data();
      double s = 0.0;
      for (size_t k = 0; k < d; ++k) s += x[k] * v[k];
      const float out = static_cast<float>(s - basis_.offsets[c]);
      if (encoding_ == CoordEncoding::kFloat32) {
        std::memcpy(buffer.data() + i * out_row + 4 * c, &out, 4);
      } else {
        // Exact: a power of two (|out| · 2^e < 2^15 keeps it finite).
        const uint16_t half =
            Float16Bits(std::ldexp(out, static_cast<int>(exponent_)));
        const char le[2] = {static_cast<char>(half & 0xff),
                            static_cast<char>(half >> 8)};
        std::memcpy(buffer.data() + i * out_row + 2 * c, le, 2);
      }
    }
  }
  rows_sent_ += n;
  return n * out_row;
}

}  // namespace tbx::plugins::projector
