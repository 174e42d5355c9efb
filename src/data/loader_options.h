// LoaderOptions: how every run is read, set once from the command line
// (--purge_orphaned_data, --reload_multifile, --reload_multifile_inactive_secs)
// and read by each RunLoader. A plain value; owned by Ingestion.
#ifndef TBX_SRC_DATA_LOADER_OPTIONS_H_
#define TBX_SRC_DATA_LOADER_OPTIONS_H_

#include <cstdint>

namespace tbx {

// How runs are read, from the command line.
struct LoaderOptions {
  // TensorBoard's --purge_orphaned_data: drop what a restarted job wrote over.
  bool purge_orphaned_data = true;
  // TensorBoard's --reload_multifile with --reload_multifile_inactive_secs:
  // also poll a run's earlier event files for appended data, each while its
  // newest event is at most this many seconds old (-1: always; files holding
  // no event yet count as active). 0: only the newest file is polled, as
  // TensorBoard by default.
  int64_t multifile_inactive_secs = 0;
};

}  // namespace tbx

#endif  // TBX_SRC_DATA_LOADER_OPTIONS_H_
