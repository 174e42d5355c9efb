// EventWriter: a small C++ SummaryWriter. Writes an events.out.tfevents.* file
// in the format every TensorBoard reader accepts: a file_version
// "brain.Event:2" event first, then one Event per call, each framed as a
// TFRecord with masked CRC-32C. Data uses the current plugin/tensor form with
// summary metadata on a tag's first value, as tf.summary writes it.
//
// Not thread-safe: one thread owns a writer. Flush() makes everything written
// so far visible to readers; the destructor flushes and closes.
#ifndef TBX_EVENT_WRITER_H_
#define TBX_EVENT_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tbx/types.h"

namespace tbx {

class EventWriter {
 public:
  // Creates `dir` if needed and a new events file in it named
  // events.out.tfevents.<seconds>.<hostname>.<pid>.<counter><suffix>.
  static absl::StatusOr<std::unique_ptr<EventWriter>> Create(
      const std::string& dir, std::string_view suffix = "");
  // Writes to exactly `path` (truncating it).
  static absl::StatusOr<std::unique_ptr<EventWriter>> CreateAtPath(
      const std::string& path);
  ~EventWriter();
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  const std::string& path() const { return path_; }

  // wall_time < 0 means "now". Each call writes one Event holding one
  // Summary.Value.
  absl::Status AddScalar(std::string_view tag, double value, int64_t step,
                         double wall_time = -1,
                         std::string_view description = "");
  // A histogram of `values` in TensorBoard's [k, 3] tensor form (left, right,
  // count) with `buckets` equal-width buckets (30 like tf.summary.histogram);
  // empty input gives an all-zero tensor like TensorBoard's.
  absl::Status AddHistogram(std::string_view tag,
                            const std::vector<double>& values, int64_t step,
                            double wall_time = -1, int buckets = 30);
  // Encoded images (PNG/JPEG/GIF bytes) as the string tensor [width, height,
  // img...].
  absl::Status AddImages(std::string_view tag, int width, int height,
                         const std::vector<std::string>& encoded, int64_t step,
                         double wall_time = -1);
  // WAV clips with labels, as the string tensor [[clip, label], ...].
  absl::Status AddAudio(std::string_view tag,
                        const std::vector<std::string>& wav,
                        const std::vector<std::string>& labels, int64_t step,
                        double wall_time = -1);
  // Markdown text (a rank-0 string tensor, plugin "text").
  absl::Status AddText(std::string_view tag, std::string_view markdown,
                       int64_t step, double wall_time = -1);
  // Any tensor with the given plugin metadata.
  absl::Status AddTensor(std::string_view tag, const Tensor& tensor,
                         std::string_view plugin_name,
                         std::string_view plugin_content, int64_t step,
                         double wall_time = -1,
                         DataClass data_class = DataClass::kUnknown);
  // A SessionLog.START event (a restarted job writes one).
  absl::Status AddSessionStart(int64_t step, double wall_time = -1);
  // A raw, already serialized Event.
  absl::Status WriteSerializedEvent(std::string_view event);

  absl::Status Flush();

 private:
  EventWriter(std::string path, std::FILE* file);
  std::string path_;
  std::FILE* file_;
  // Tags whose metadata has been written (metadata goes on a tag's first value
  // only).
  std::vector<std::string> tags_with_metadata_;
};

}  // namespace tbx

#endif  // TBX_EVENT_WRITER_H_
