// The projector's PCA computed on the server (route `pca`, http_api.md): the
// mean of every row, the covariance of every row or, past a budget, of a
// fixed-seed uniform sample of rows (the rule of the dashboard's own PCA:
// every row while rows × dims(dims+1)/2 ≤ 2·10⁷ multiply-adds, else
// max(10,000, 2·10⁷ / (dims(dims+1)/2)) rows), its leading eigenvectors
// (symmetric_eigen.h), and every row projected onto the first of them.
//
// Reads the tensor twice as a stream of float32 rows (the covariance, then the
// projection) and holds no copy of it. The coordinates are sent as float32, or
// as float16 scaled by a power of two (half the bytes, for the first paint).
// ComputePcaBasis runs on the handler's thread; a PcaAnswerStream belongs to
// one thread at a time (the connection's I/O thread), each Next() projecting
// the rows of one buffer.
#ifndef TBX_PLUGINS_PROJECTOR_SERVER_PCA_H_
#define TBX_PLUGINS_PROJECTOR_SERVER_PCA_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx::plugins::projector {

// The most dimensions the server decomposes; wider tensors are decomposed in
// the browser. The covariance of the sampled rows costs ≈ 10,000 × D²/2
// multiply-adds, 8·10⁷ at 128 (tens of ms) and growing with D², on the
// handler's thread.
inline constexpr uint32_t kMaxPcaDims = 128;
// The most components an answer may hold.
inline constexpr uint32_t kMaxPcaComponents = 100;

// Writes the next little-endian float32 values of a row-major tensor into the
// buffer and returns how many bytes (a multiple of 4); 0 at the end.
using RowReader = std::function<absl::StatusOr<size_t>(std::span<char>)>;

struct PcaBasis {
  uint64_t rows = 0;
  uint32_t dims = 0;
  uint64_t sampled_rows = 0;  // rows the covariance was computed on
  // Per component, largest variance first: the fraction of the total
  // variance it explains, its unit vector (dims entries; its entry of largest
  // magnitude positive) and mean · vector.
  std::vector<double> explained;
  std::vector<std::vector<double>> vectors;
  std::vector<double> offsets;
  // The largest Euclidean norm of a row: with the offsets, bounds every
  // coordinate (|row · v − offset| ≤ |row| + |offset| for a unit v).
  double max_row_norm = 0.0;
};

// How the projected coordinates are sent.
enum class CoordEncoding { kFloat32, kFloat16 };

// The float16 (IEEE 754 binary16) nearest to `value`, ties to even; beyond
// the largest finite float16 (65504), infinity; NaN stays NaN.
uint16_t Float16Bits(float value);

// The power of two 2^e the float16 coordinates are multiplied by: the e that
// puts the bound on every coordinate (PcaBasis::max_row_norm plus the largest
// |offset| of the first `project` components) in [2^14, 2^15), so no
// coordinate overflows and each keeps float16's 11 significant bits; 0 when
// the bound is 0.
int64_t Float16Exponent(const PcaBasis& basis, uint32_t project);

// The rows the covariance is computed on: every row (empty result) or a sorted
// fixed-seed uniform sample (the same for the same rows and dims).
std::vector<uint64_t> CovarianceSample(uint64_t rows, uint32_t dims);

// Reads `rows` rows of `dims` values from `reader` and returns the first
// `components` (≤ dims) principal components. DataLoss when the reader ends
// early; a value that is not finite is InvalidArgument.
absl::StatusOr<PcaBasis> ComputePcaBasis(const RowReader& reader, uint64_t rows,
                                         uint32_t dims, uint32_t components);

// The `pca` answer (layout in http_api.md): a header, the basis, then every
// row's coordinates on the first `project` components, projected from a second
// reading of the rows as the body is sent (float32, or float16 after the
// int64 exponent of Float16Exponent).
class PcaAnswerStream {
 public:
  PcaAnswerStream(PcaBasis basis, uint32_t project, RowReader rows,
                  CoordEncoding encoding = CoordEncoding::kFloat32);
  uint64_t size() const {
    return header_.size() + basis_.rows * project_ * CoordBytes();
  }
  absl::StatusOr<size_t> Next(std::span<char> buffer);

 private:
  size_t CoordBytes() const {
    return encoding_ == CoordEncoding::kFloat16 ? 2 : 4;
  }

  PcaBasis basis_;
  uint32_t project_;
  CoordEncoding encoding_;
  int64_t exponent_ = 0;  // float16 only
  RowReader rows_;
  std::string header_;
  uint64_t header_sent_ = 0;
  uint64_t rows_sent_ = 0;
  std::vector<float> input_;  // rows being projected
};

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_SERVER_PCA_H_
