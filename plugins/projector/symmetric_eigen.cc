// Symmetric eigendecomposition through Eigen's SelfAdjointEigenSolver
// (Householder tridiagonalisation, then implicit QR); see symmetric_eigen.h.
// The only translation unit that includes Eigen.
#include "plugins/projector/symmetric_eigen.h"

#include <Eigen/Eigenvalues>
#include <cmath>

namespace tbx::plugins::projector {

EigenPairs SymmetricEigen(std::vector<double> m, int n) {
  EigenPairs pairs;
  if (n <= 0) return pairs;
  const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic,
                                       Eigen::RowMajor>>
      matrix(m.data(), n, n);
  // Eigen reads the lower triangle only; the matrix is symmetric.
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
  // Eigen's eigenvalues come in increasing order: the answer wants the
  // largest first.
  for (int column = n - 1; column >= 0; --column) {
    pairs.values.push_back(solver.eigenvalues()(column));
    std::vector<double> vector(static_cast<size_t>(n));
    int largest = 0;
    for (int k = 0; k < n; ++k) {
      vector[static_cast<size_t>(k)] = solver.eigenvectors()(k, column);
      if (std::abs(vector[static_cast<size_t>(k)]) >
          std::abs(vector[static_cast<size_t>(largest)])) {
        largest = k;
      }
    }
    if (vector[static_cast<size_t>(largest)] < 0) {
      for (double& x : vector) x = -x;
    }
    pairs.vectors.push_back(std::move(vector));
  }
  return pairs;
}

}  // namespace tbx::plugins::projector
