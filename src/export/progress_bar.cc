// See progress_bar.h.
#include "src/export/progress_bar.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace tbx {

std::string FormatBytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < 1024) return absl::StrFormat("%d B", bytes);
  if (b < 1024.0 * 1024) return absl::StrFormat("%.1f KiB", b / 1024);
  if (b < 1024.0 * 1024 * 1024)
    return absl::StrFormat("%.1f MiB", b / 1024 / 1024);
  return absl::StrFormat("%.2f GiB", b / 1024 / 1024 / 1024);
}

void ProgressBar::Update(absl::string_view label, int64_t done, int64_t total,
                         absl::string_view unit) {
  if (label != label_) {
    Finish();
    label_ = std::string(label);
    last_tenth_ = -1;
  }
  const double fraction =
      total > 0 ? std::clamp(static_cast<double>(done) / total, 0.0, 1.0) : 0.0;
  const auto now = std::chrono::steady_clock::now();
  const int tenth = static_cast<int>(fraction * 10);
  if (interactive_) {
    if (done < total && now - last_draw_ < std::chrono::milliseconds(100))
      return;
  } else if (tenth <= last_tenth_) {
    return;
  }
  last_draw_ = now;
  last_tenth_ = tenth;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  const std::string bar =
      std::string(filled, '#') + std::string(kWidth - filled, '-');
  const std::string counts =
      unit == "bytes"
          ? absl::StrFormat("%s of %s", FormatBytes(done), FormatBytes(total))
          : absl::StrFormat("%d/%d %s", done, total, unit);
  absl::FPrintF(stream_, "%s%s [%s] %3d%% %s%s", interactive_ ? "\r" : "",
                label_, bar, static_cast<int>(fraction * 100), counts,
                interactive_ ? "\x1b[K" : "\n");
  std::fflush(stream_);
  drawn_ = interactive_;
}

void ProgressBar::Finish() {
  if (drawn_) absl::FPrintF(stream_, "\n");
  drawn_ = false;
}

}  // namespace tbx
