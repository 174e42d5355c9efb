// The eigenvalues and eigenvectors of a real symmetric matrix by the cyclic
// Jacobi method: plane rotations zero the off-diagonal entries one at a time,
// sweep after sweep, until they are negligible against the diagonal. O(n³)
// per sweep and about 10 sweeps: 35–55 ms at n = 128 but 1.2–1.9 s at n = 256
// (the matrix and vectors leave the cache), which is why the projector's
// server-side PCA stops at 128 dimensions (a Householder tridiagonalisation
// would lift that).
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
