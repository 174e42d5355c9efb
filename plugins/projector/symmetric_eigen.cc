// Cyclic Jacobi eigendecomposition; see symmetric_eigen.h.
#include "plugins/projector/symmetric_eigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tbx::plugins::projector {

EigenPairs SymmetricEigen(std::vector<double> m, int n) {
  const size_t w = static_cast<size_t>(n);
  // Row i of `vt` converges to the eigenvector of diagonal entry i.
  std::vector<double> vt(w * w, 0.0);
  for (size_t i = 0; i < w; ++i) vt[i * w + i] = 1.0;
  auto a = [&](size_t r, size_t c) -> double& { return m[r * w + c]; };
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    double diag = 0.0;
    for (size_t r = 0; r < w; ++r) {
      diag += a(r, r) * a(r, r);
      for (size_t c = r + 1; c < w; ++c) off += a(r, c) * a(r, c);
    }
    if (off <= 1e-30 * diag || off == 0.0) break;
    for (size_t p = 0; p + 1 < w; ++p) {
      for (size_t q = p + 1; q < w; ++q) {
        const double apq = a(p, q);
        // Negligible against both diagonal entries: already converged.
        if (std::abs(apq) <= 1e-18 * std::abs(a(p, p)) &&
            std::abs(apq) <= 1e-18 * std::abs(a(q, q))) {
          a(p, q) = a(q, p) = 0.0;
          continue;
        }
        // Rotation J (c at pp and qq, s at pq, −s at qp) with (JᵀAJ)pq = 0:
        // t = tan of the angle, the root of t² + 2θt − 1 = 0 of least size.
        const double app = a(p, p);
        const double aqq = a(q, q);
        const double theta = (aqq - app) / (2.0 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) /
                         (std::abs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0);
        const double s = t * c;
        // JᵀAJ changes rows and columns p and q only; A stays symmetric, so
        // the rows are computed (contiguous) and copied into the columns.
        double* row_p = &a(p, 0);
        double* row_q = &a(q, 0);
        for (size_t k = 0; k < w; ++k) {
          const double pk = row_p[k];
          const double qk = row_q[k];
          row_p[k] = c * pk - s * qk;
          row_q[k] = s * pk + c * qk;
        }
        for (size_t k = 0; k < w; ++k) {
          a(k, p) = row_p[k];
          a(k, q) = row_q[k];
        }
        a(p, p) = c * c * app - 2.0 * c * s * apq + s * s * aqq;
        a(q, q) = s * s * app + 2.0 * c * s * apq + c * c * aqq;
        a(p, q) = a(q, p) = 0.0;
        double* v_p = &vt[p * w];
        double* v_q = &vt[q * w];
        for (size_t k = 0; k < w; ++k) {  // V ← V J, on Vᵀ's rows
          const double kp = v_p[k];
          const double kq = v_q[k];
          v_p[k] = c * kp - s * kq;
          v_q[k] = s * kp + c * kq;
        }
      }
    }
  }
  std::vector<size_t> order(w);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return a(x, x) > a(y, y); });
  EigenPairs pairs;
  for (size_t column : order) {
    pairs.values.push_back(a(column, column));
    std::vector<double> vector(vt.begin() + column * w,
                               vt.begin() + (column + 1) * w);
    size_t largest = 0;
    for (size_t k = 0; k < w; ++k) {
      if (std::abs(vector[k]) > std::abs(vector[largest])) largest = k;
    }
    if (w > 0 && vector[largest] < 0) {
      for (double& x : vector) x = -x;
    }
    pairs.vectors.push_back(std::move(vector));
  }
  return pairs;
}

}  // namespace tbx::plugins::projector
