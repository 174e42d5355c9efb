// The frontend's run order; see include/tbx/run_order.h.
#include "tbx/run_order.h"

#include <algorithm>
#include <utility>

namespace tbx {

std::vector<std::string> RunsInStartOrder(std::vector<RunInfo> runs) {
  std::sort(runs.begin(), runs.end(), [](const RunInfo& a, const RunInfo& b) {
    if (a.start_time.has_value() != b.start_time.has_value())
      return a.start_time.has_value();
    if (a.start_time.has_value() && *a.start_time != *b.start_time) {
      return *a.start_time < *b.start_time;
    }
    return a.name < b.name;
  });
  std::vector<std::string> names;
  names.reserve(runs.size());
  for (RunInfo& run : runs) names.push_back(std::move(run.name));
  return names;
}

}  // namespace tbx
