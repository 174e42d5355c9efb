// Test helpers for ingestion tests: a temporary logdir removed at the end of
// the test, raw event files written record by record, and small Event builders
// for fixtures that EventWriter does not write (legacy summaries, missing
// file_version, corrupt bytes).
#ifndef TBX_TESTS_DATA_TEMP_LOGDIR_H_
#define TBX_TESTS_DATA_TEMP_LOGDIR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proto/event.pb.h"

namespace tbx::testing {

// A fresh directory under $TMPDIR (or /tmp), deleted with everything in it on
// destruction.
class TempLogdir {
 public:
  TempLogdir();
  ~TempLogdir();
  TempLogdir(const TempLogdir&) = delete;
  TempLogdir& operator=(const TempLogdir&) = delete;

  const std::string& path() const { return path_; }
  // path()/relative, with parent directories created.
  std::string Dir(std::string_view relative) const;

 private:
  std::string path_;
};

// Serializes and frames `events` as TFRecords; appends them to the file at
// `path`.
void AppendEvents(const std::string& path,
                  const std::vector<tensorboard::Event>& events);
// Appends raw bytes to the file at `path`.
void AppendBytes(const std::string& path, std::string_view bytes);
std::string FramedEvent(const tensorboard::Event& event);

tensorboard::Event FileVersionEvent(double wall_time = 1.0);
tensorboard::Event LegacyScalarEvent(std::string_view tag, float value,
                                     int64_t step, double wall_time = 1.0);
tensorboard::Event SessionStartEvent(int64_t step, double wall_time = 1.0);

}  // namespace tbx::testing

#endif  // TBX_TESTS_DATA_TEMP_LOGDIR_H_
