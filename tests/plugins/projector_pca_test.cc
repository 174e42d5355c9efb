// Tests of the projector's server-side PCA (plugins/projector/server_pca.h,
// symmetric_eigen.h) against references computed here by other means: a
// matrix built from eigenpairs chosen in the test, and a brute-force PCA (the
// full covariance by a double loop, its leading eigenvectors by power
// iteration with deflation) of generated data.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "plugins/projector/server_pca.h"
#include "plugins/projector/symmetric_eigen.h"

namespace tbx::plugins::projector {
namespace {

// Deterministic values in [-1, 1).
class Lcg {
 public:
  double Next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state_ >> 11) / static_cast<double>(1ull << 52) -
           1.0;
  }

 private:
  uint64_t state_ = 12345;
};

// The Householder reflection I − 2uuᵀ/uᵀu: an orthogonal matrix (row-major).
std::vector<double> Reflection(const std::vector<double>& u) {
  const size_t n = u.size();
  double norm = 0;
  for (double x : u) norm += x * x;
  std::vector<double> q(n * n);
  for (size_t r = 0; r < n; ++r)
    for (size_t c = 0; c < n; ++c)
      q[r * n + c] = (r == c ? 1.0 : 0.0) - 2 * u[r] * u[c] / norm;
  return q;
}

TEST(SymmetricEigenTest, FindsTheEigenpairsAMatrixWasBuiltFrom) {
  // A = Q diag(λ) Qᵀ: its eigenvectors are Q's columns; one eigenvalue is
  // repeated and one negative.
  const std::vector<double> lambda = {5, -2, 3, 0.5, 3, 1};
  const int n = 6;
  const std::vector<double> q = Reflection({1, -2, 0.5, 3, 1, -1});
  std::vector<double> a(n * n, 0.0);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      for (int k = 0; k < n; ++k)
        a[r * n + c] += q[r * n + k] * lambda[k] * q[c * n + k];
  const EigenPairs pairs = SymmetricEigen(a, n);
  ASSERT_EQ(pairs.values.size(), 6u);
  const std::vector<double> sorted = {5, 3, 3, 1, 0.5, -2};
  for (int i = 0; i < n; ++i) {
    EXPECT_NEAR(pairs.values[i], sorted[i], 1e-12) << i;
    const std::vector<double>& v = pairs.vectors[i];
    double norm = 0;
    size_t largest = 0;
    for (int k = 0; k < n; ++k) {
      norm += v[k] * v[k];
      if (std::abs(v[k]) > std::abs(v[largest])) largest = k;
      double av = 0;
      for (int c = 0; c < n; ++c) av += a[k * n + c] * v[c];
      EXPECT_NEAR(av, sorted[i] * v[k], 1e-12) << i << " " << k;
    }
    EXPECT_NEAR(norm, 1.0, 1e-12);
    EXPECT_GT(v[largest], 0) << "sign rule";
    for (int j = 0; j < i; ++j) {
      double dot = 0;
      for (int k = 0; k < n; ++k) dot += v[k] * pairs.vectors[j][k];
      EXPECT_NEAR(dot, 0.0, 1e-12) << i << " " << j;
    }
  }
  // The non-repeated eigenvalues' vectors are Q's columns (up to sign).
  for (auto [value, column] : {std::pair{0, 0}, {3, 5}, {4, 3}, {5, 1}}) {
    double dot = 0;
    for (int k = 0; k < n; ++k)
      dot += pairs.vectors[value][k] * q[k * n + column];
    EXPECT_NEAR(std::abs(dot), 1.0, 1e-12) << value;
  }
}

TEST(SymmetricEigenTest, DiagonalAndOneByOne) {
  EigenPairs one = SymmetricEigen({-4}, 1);
  EXPECT_EQ(one.values, std::vector<double>{-4});
  EXPECT_EQ(one.vectors[0], std::vector<double>{1});
  EigenPairs diagonal = SymmetricEigen({1, 0, 0, 0, 7, 0, 0, 0, 2}, 3);
  EXPECT_EQ(diagonal.values, (std::vector<double>{7, 2, 1}));
  EXPECT_EQ(diagonal.vectors[0], (std::vector<double>{0, 1, 0}));
}

// rows × dims floats: a mean far from 0 plus independent uniform factors of
// decreasing spread along the columns of an orthogonal matrix.
std::vector<float> Embedding(int rows, int dims) {
  std::vector<double> u(dims);
  for (int k = 0; k < dims; ++k) u[k] = 1.0 + k % 3 - 0.3 * k;
  const std::vector<double> q = Reflection(u);
  Lcg random;
  std::vector<float> out(static_cast<size_t>(rows) * dims);
  for (int r = 0; r < rows; ++r) {
    std::vector<double> z(dims);
    for (int j = 0; j < dims; ++j) z[j] = random.Next() * 10.0 / (1 + j * j);
    for (int k = 0; k < dims; ++k) {
      double x = 100.0 + k;
      for (int j = 0; j < dims; ++j) x += q[k * dims + j] * z[j];
      out[static_cast<size_t>(r) * dims + k] = static_cast<float>(x);
    }
  }
  return out;
}

struct Reference {
  std::vector<double> mean;
  std::vector<std::vector<double>> vectors;  // unit, any sign
  std::vector<double> explained;
};

// PCA the long way: the covariance of every row, power iteration with
// deflation for each leading eigenvector.
Reference BruteForcePca(const std::vector<float>& x, int rows, int dims,
                        int k) {
  Reference ref;
  ref.mean.assign(dims, 0.0);
  for (int r = 0; r < rows; ++r)
    for (int d = 0; d < dims; ++d) ref.mean[d] += x[r * dims + d] / rows;
  std::vector<double> cov(dims * dims, 0.0);
  for (int r = 0; r < rows; ++r)
    for (int i = 0; i < dims; ++i)
      for (int j = 0; j < dims; ++j)
        cov[i * dims + j] += (x[r * dims + i] - ref.mean[i]) *
                             (x[r * dims + j] - ref.mean[j]) / (rows - 1);
  double trace = 0;
  for (int i = 0; i < dims; ++i) trace += cov[i * dims + i];
  for (int c = 0; c < k; ++c) {
    std::vector<double> v(dims, 1.0);
    double lambda = 0;
    for (int iteration = 0; iteration < 5000; ++iteration) {
      std::vector<double> w(dims, 0.0);
      for (int i = 0; i < dims; ++i)
        for (int j = 0; j < dims; ++j) w[i] += cov[i * dims + j] * v[j];
      double norm = 0;
      for (double y : w) norm += y * y;
      norm = std::sqrt(norm);
      lambda = norm;
      for (int i = 0; i < dims; ++i) v[i] = w[i] / norm;
    }
    for (int i = 0; i < dims; ++i)
      for (int j = 0; j < dims; ++j) cov[i * dims + j] -= lambda * v[i] * v[j];
    ref.vectors.push_back(v);
    ref.explained.push_back(lambda / trace);
  }
  return ref;
}

RowReader ReaderOf(const std::vector<float>& values, size_t piece = 4096) {
  auto at = std::make_shared<size_t>(0);
  const char* bytes = reinterpret_cast<const char*>(values.data());
  const size_t size = values.size() * 4;
  return [=](std::span<char> buffer) -> absl::StatusOr<size_t> {
    const size_t n = std::min({buffer.size(), size - *at, piece}) / 4 * 4;
    std::memcpy(buffer.data(), bytes + *at, n);
    *at += n;
    return n;
  };
}

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

TEST(ServerPcaTest, MatchesABruteForcePcaOfEveryRow) {
  constexpr int kRows = 3000, kDims = 7, kComponents = 4;
  const std::vector<float> x = Embedding(kRows, kDims);
  ASSERT_TRUE(CovarianceSample(kRows, kDims).empty()) << "every row is used";
  absl::StatusOr<PcaBasis> basis =
      ComputePcaBasis(ReaderOf(x, 1000), kRows, kDims, kComponents);
  ASSERT_TRUE(basis.ok()) << basis.status();
  EXPECT_EQ(basis->sampled_rows, uint64_t{kRows});
  const Reference ref = BruteForcePca(x, kRows, kDims, kComponents);
  ASSERT_EQ(basis->vectors.size(), size_t{kComponents});
  std::vector<double> sign(kComponents);
  for (int c = 0; c < kComponents; ++c) {
    const double dot = Dot(basis->vectors[c], ref.vectors[c]);
    EXPECT_NEAR(std::abs(dot), 1.0, 1e-9) << c;
    sign[c] = dot < 0 ? -1 : 1;
    EXPECT_NEAR(basis->explained[c], ref.explained[c], 1e-9) << c;
    EXPECT_NEAR(basis->offsets[c], Dot(ref.mean, basis->vectors[c]), 1e-7) << c;
  }
  EXPECT_GT(basis->explained[0], basis->explained[1]);

  // The answer: header, basis, then each row's (x − mean)·v on 3 components.
  PcaAnswerStream answer(*basis, 3, ReaderOf(x, 777));
  std::string body;
  std::vector<char> buffer(1000);
  while (body.size() < answer.size()) {
    absl::StatusOr<size_t> n =
        answer.Next(std::span<char>(buffer.data(), buffer.size()));
    ASSERT_TRUE(n.ok() && *n > 0) << body.size();
    body.append(buffer.data(), *n);
  }
  ASSERT_EQ(*answer.Next(std::span<char>(buffer.data(), buffer.size())), 0u);
  const size_t header = 40 + 8 * (2 * kComponents + kComponents * kDims);
  ASSERT_EQ(body.size(), header + kRows * 3 * 4);
  uint64_t fields[5];
  std::memcpy(fields, body.data(), 40);
  EXPECT_EQ(fields[0], uint64_t{kRows});
  EXPECT_EQ(fields[1], uint64_t{kDims});
  EXPECT_EQ(fields[2], uint64_t{kComponents});
  EXPECT_EQ(fields[3], 3u);
  EXPECT_EQ(fields[4], uint64_t{kRows});
  double explained0, vector0[kDims];
  std::memcpy(&explained0, body.data() + 40, 8);
  EXPECT_EQ(explained0, basis->explained[0]);
  std::memcpy(vector0, body.data() + 40 + 16 * kComponents, 8 * kDims);
  EXPECT_EQ(std::vector<double>(vector0, vector0 + kDims), basis->vectors[0]);
  for (int r = 0; r < kRows; r += 97) {
    for (int c = 0; c < 3; ++c) {
      float got;
      std::memcpy(&got, body.data() + header + (r * 3 + c) * 4, 4);
      double want = 0;
      for (int d = 0; d < kDims; ++d)
        want += (x[r * kDims + d] - ref.mean[d]) * ref.vectors[c][d] * sign[c];
      EXPECT_NEAR(got, want, 1e-4 * (1 + std::abs(want))) << r << " " << c;
    }
  }
}

TEST(ServerPcaTest, LargeTensorsUseAFixedUniformSample) {
  // 200,000 × 16: the budget of 2·10⁷ multiply-adds over 136 pairs.
  const std::vector<uint64_t> sample = CovarianceSample(200000, 16);
  EXPECT_EQ(sample.size(), 147058u);
  EXPECT_TRUE(std::is_sorted(sample.begin(), sample.end()));
  EXPECT_EQ(std::adjacent_find(sample.begin(), sample.end()), sample.end());
  EXPECT_LT(sample.back(), 200000u);
  EXPECT_EQ(CovarianceSample(200000, 16), sample);
  // Spread over the rows: each tenth holds about a tenth of the sample.
  for (uint64_t tenth = 0; tenth < 10; ++tenth) {
    const auto in =
        std::count_if(sample.begin(), sample.end(),
                      [&](uint64_t r) { return r / 20000 == tenth; });
    EXPECT_NEAR(static_cast<double>(in), 14705.8, 500) << tenth;
  }
  // At least 10,000 rows however wide.
  EXPECT_EQ(CovarianceSample(20000, 256).size(), 10000u);
  EXPECT_TRUE(CovarianceSample(10000, 256).empty());

  // The sampled components stay close to those of every row.
  constexpr int kRows = 40000, kDims = 40;
  ASSERT_EQ(CovarianceSample(kRows, kDims).size(), 24390u);
  const std::vector<float> x = Embedding(kRows, kDims);
  absl::StatusOr<PcaBasis> basis =
      ComputePcaBasis(ReaderOf(x, 1 << 16), kRows, kDims, 2);
  ASSERT_TRUE(basis.ok()) << basis.status();
  EXPECT_EQ(basis->sampled_rows, 24390u);
  const Reference ref = BruteForcePca(x, kRows, kDims, 2);
  EXPECT_NEAR(std::abs(Dot(basis->vectors[0], ref.vectors[0])), 1.0, 1e-3);
  EXPECT_NEAR(basis->explained[0], ref.explained[0], 0.01);
  // The mean (in the offsets) is of every row.
  EXPECT_NEAR(basis->offsets[0], Dot(ref.mean, basis->vectors[0]),
              1e-6 * std::abs(basis->offsets[0]) + 1e-6);
}

TEST(ServerPcaTest, ShortReadsAndNonFiniteValuesAreErrors) {
  std::vector<float> x = Embedding(100, 4);
  absl::StatusOr<PcaBasis> short_read = ComputePcaBasis(ReaderOf(x), 101, 4, 2);
  EXPECT_EQ(short_read.status().code(), absl::StatusCode::kDataLoss);
  x[57] = std::nanf("");
  absl::StatusOr<PcaBasis> nan = ComputePcaBasis(ReaderOf(x), 100, 4, 2);
  EXPECT_EQ(nan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(nan.status().message().find("not finite"), std::string::npos);
  EXPECT_FALSE(ComputePcaBasis(ReaderOf(x), 100, 4, 5).ok());
}

// The value of a float16's bits, decoded here by the format's definition.
double HalfValue(uint16_t bits) {
  const int exponent = (bits >> 10) & 0x1f;
  const int mantissa = bits & 0x3ff;
  const double sign = (bits & 0x8000) ? -1.0 : 1.0;
  if (exponent == 31) return mantissa ? NAN : sign * INFINITY;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

TEST(Float16Test, RoundsToNearestEvenWithKnownEncodings) {
  const struct {
    float value;
    uint16_t bits;
  } cases[] = {
      {0.0f, 0x0000},
      {-0.0f, 0x8000},
      {1.0f, 0x3c00},
      {-2.0f, 0xc000},
      {0.1f, 0x2e66},
      {1.0f / 3, 0x3555},
      {65504.0f, 0x7bff},  // the largest finite float16
      {65519.0f, 0x7bff},  // below the midpoint to 65536
      {65520.0f, 0x7c00},  // the midpoint: even is infinity
      {1e30f, 0x7c00},
      {-INFINITY, 0xfc00},
      {std::ldexp(1.0f, -14), 0x0400},  // the smallest normal
      {std::ldexp(1.0f, -24), 0x0001},  // the smallest subnormal
      {std::ldexp(1.0f, -25), 0x0000},  // half of it: ties to even (0)
      {std::ldexp(3.0f, -25), 0x0002},  // 1.5 units: ties to even (2)
      {std::ldexp(1.0f, -26), 0x0000},
      {1.0f + std::ldexp(1.0f, -11), 0x3c00},      // tie: stays even
      {1.0f + 3 * std::ldexp(1.0f, -11), 0x3c02},  // tie: up to even
      {1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20), 0x3c01},
      {2047.0f / 1024, 0x3fff},
      {4095.0f / 2048, 0x4000},  // rounds up into the next exponent
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Float16Bits(c.value), c.bits) << c.value;
  }
  const uint16_t nan = Float16Bits(std::nanf(""));
  EXPECT_EQ(nan & 0x7c00, 0x7c00);
  EXPECT_NE(nan & 0x3ff, 0);
}

// Every coordinate of the float16 answer is the float16 nearest (ties to
// even) to the float32 answer's times 2^e, checked against its neighbours;
// so each is within 2^-11 of the float32 coordinate (relative), and 2^e keeps
// every coordinate below 2^15 (finite).
TEST(ServerPcaTest, Float16CoordinatesAreTheNearestHalvesOfTheFloat32Ones) {
  for (const double shift : {0.0, 1000.0}) {
    for (const double scale : {1.0, 1e-6, 1e6}) {
      SCOPED_TRACE(::testing::Message()
                   << "shift " << shift << " scale " << scale);
      std::vector<float> x = Embedding(3000, 6);
      for (float& v : x) v = static_cast<float>((v + shift) * scale);
      auto answer = [&](CoordEncoding encoding) {
        absl::StatusOr<PcaBasis> basis =
            ComputePcaBasis(ReaderOf(x), 3000, 6, 4);
        EXPECT_TRUE(basis.ok());
        PcaAnswerStream stream(*std::move(basis), 3, ReaderOf(x), encoding);
        std::string body;
        std::vector<char> buffer(4096);
        for (;;) {
          absl::StatusOr<size_t> n = stream.Next(buffer);
          EXPECT_TRUE(n.ok());
          if (!n.ok() || *n == 0) break;
          body.append(buffer.data(), *n);
        }
        EXPECT_EQ(body.size(), stream.size());
        return body;
      };
      const std::string exact = answer(CoordEncoding::kFloat32);
      const std::string half = answer(CoordEncoding::kFloat16);
      const size_t header = 40 + 8 * (2 * 4 + 4 * 6);
      ASSERT_EQ(exact.size(), header + 3000 * 3 * 4);
      ASSERT_EQ(half.size(), header + 8 + 3000 * 3 * 2);
      EXPECT_EQ(exact.substr(0, header), half.substr(0, header));
      int64_t e;
      std::memcpy(&e, half.data() + header, 8);
      for (size_t i = 0; i < 3000 * 3; ++i) {
        float want;
        std::memcpy(&want, exact.data() + header + 4 * i, 4);
        uint16_t bits;
        std::memcpy(&bits, half.data() + header + 8 + 2 * i, 2);
        const double target = std::ldexp(static_cast<double>(want), e);
        ASSERT_LT(std::abs(target), 32768.0) << i;
        const double got = HalfValue(bits);
        const double error = std::abs(got - target);
        // The neighbours on either side are no closer (ties: even wins).
        const uint16_t magnitude = bits & 0x7fff;
        for (const int step : {-1, 1}) {
          if (magnitude == 0 && step < 0) continue;
          const uint16_t other = static_cast<uint16_t>(
              (bits & 0x8000) | static_cast<uint16_t>(magnitude + step));
          const double other_error = std::abs(HalfValue(other) - target);
          ASSERT_TRUE(error < other_error ||
                      (error == other_error && (bits & 1) == 0))
              << i << ": " << got << " for " << target;
        }
        if (magnitude == 0) {  // +0 or −0: the target rounds to zero
          ASSERT_LE(std::abs(target), std::ldexp(1.0, -25)) << i;
        }
        EXPECT_LE(std::abs(std::ldexp(got, -e) - want),
                  std::ldexp(std::abs(static_cast<double>(want)), -11) +
                      std::ldexp(1.0, -25 - e))
            << i;
      }
    }
  }
}

}  // namespace
}  // namespace tbx::plugins::projector
