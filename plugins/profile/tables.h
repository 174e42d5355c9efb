// The table views of a trace, as JSON: operators (by name, or by name and
// input shapes), GPU kernels by name, and memory (usage over time per device,
// allocations matched with their frees by address). Pure functions of a
// finished TraceIndex; see http_api.md for the shapes.
#ifndef TBX_PLUGINS_PROFILE_TABLES_H_
#define TBX_PLUGINS_PROFILE_TABLES_H_

#include <cstddef>
#include <string>

#include "plugins/profile/trace_index.h"

namespace tbx::plugins::profile {

std::string OperatorsJson(const TraceIndex& index, bool by_shape);
std::string KernelsJson(const TraceIndex& index);
// At most about `max_points` curve points per device and `max_rows` table
// rows (the largest allocations are kept).
std::string MemoryJson(const TraceIndex& index, size_t max_points,
                       size_t max_rows);

// Whether a kernel's name says it runs on tensor cores (heuristic on the
// names cuBLAS, cuDNN and CUTLASS give them).
bool IsTensorCoreKernel(const std::string& name);
// Whether an operator is of a kind that can use tensor cores.
bool IsTensorCoreEligibleOp(const std::string& name);

}  // namespace tbx::plugins::profile

#endif  // TBX_PLUGINS_PROFILE_TABLES_H_
