// ScalarPoint: one point of a scalar time series, as stored and read back.
#ifndef TBX_SRC_DATA_SCALAR_POINT_H_
#define TBX_SRC_DATA_SCALAR_POINT_H_

#include <cstdint>

namespace tbx {

struct ScalarPoint {
  int64_t step = 0;
  double wall_time = 0;
  double value = 0;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_SCALAR_POINT_H_
