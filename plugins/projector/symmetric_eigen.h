// The eigenvalues and eigenvectors of a real symmetric matrix, from Eigen
// (libeigen3-dev, header-only; its headers are included by symmetric_eigen.cc
// alone, so that they are compiled once). 4 ms at n = 128, 24 ms at n = 256
// (-O2, one core of the 2-core test machine; our Jacobi sweeps took 35–55 ms at
// 128).
// Accurate to rounding for every eigenpair, close eigenvalues included. Pure;
// any thread.
#ifndef TBX_PLUGINS_PROJECTOR_SYMMETRIC_EIGEN_H_
#define TBX_PLUGINS_PROJECTOR_SYMMETRIC_EIGEN_H_

#include <vector>

namespace tbx::plugins::projector {

struct EigenPairs {
  // Largest first.
  std::vector<double> values;
  // vectors[i] is the unit eigenvector of values[i] (n entries), its entry of
  // largest magnitude positive (the first such entry on a tie), so that the
  // answer does not depend on rounding's choice of sign.
  std::vector<std::vector<double>> vectors;
};

// The eigenpairs of the n × n symmetric matrix `m` (row-major; only its
// symmetry is assumed, not checked).
EigenPairs SymmetricEigen(std::vector<double> m, int n);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_SYMMETRIC_EIGEN_H_
