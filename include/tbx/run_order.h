// The order in which tbx lists runs to the frontend (/data/runs, and so the
// run selector and every dashboard's cards): TensorBoard's, by start time.
// Shared by the server's core routes and the plugins that place cards in a
// dashboard's order themselves. Stateless; any thread may call it.
#ifndef TBX_RUN_ORDER_H_
#define TBX_RUN_ORDER_H_

#include <string>
#include <vector>

#include "tbx/types.h"

namespace tbx {

// Run names in TensorBoard's /data/runs order: by start time, runs with none
// last, ties by name.
std::vector<std::string> RunsInStartOrder(std::vector<RunInfo> runs);

}  // namespace tbx

#endif  // TBX_RUN_ORDER_H_
