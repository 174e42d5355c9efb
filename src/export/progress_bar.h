// A progress bar on stderr for `tbx export`: on a terminal one line redrawn in
// place (at most ten times a second), otherwise a line at every tenth of the
// way, so logs stay short. One thread calls it.
#ifndef TBX_EXPORT_PROGRESS_BAR_H_
#define TBX_EXPORT_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/string_view.h"

namespace tbx {

class ProgressBar {
 public:
  // `stream` is usually stderr; `interactive` whether it is a terminal.
  ProgressBar(std::FILE* stream, bool interactive)
      : stream_(stream), interactive_(interactive) {}

  // Shows `done` of `total` for the phase called `label` (`unit` names what
  // is counted: "files", "bytes" shown as MiB).
  void Update(absl::string_view label, int64_t done, int64_t total,
              absl::string_view unit);

  // Ends the current line (on a terminal).
  void Finish();

 private:
  std::FILE* stream_;
  bool interactive_;
  std::string label_;
  int last_tenth_ = -1;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// "1.5 KiB", "12.3 MiB", "1.02 GiB".
std::string FormatBytes(int64_t bytes);

}  // namespace tbx

#endif  // TBX_EXPORT_PROGRESS_BAR_H_
