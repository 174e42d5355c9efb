#include "tests/data/temp_logdir.h"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>

#include "src/data/record_writer.h"

namespace tbx::testing {

TempLogdir::TempLogdir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr ? tmp : "/tmp") + "/tbx_data_test_XXXXXX";
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) std::abort();
  path_ = made;
}

TempLogdir::~TempLogdir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempLogdir::Dir(std::string_view relative) const {
  std::string dir = path_ + "/" + std::string(relative);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string FramedEvent(const tensorboard::Event& event) {
  return FrameRecord(event.SerializeAsString());
}

void AppendBytes(const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "ab");
  if (f == nullptr) std::abort();
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

void AppendEvents(const std::string& path,
                  const std::vector<tensorboard::Event>& events) {
  std::string bytes;
  for (const auto& e : events) bytes += FramedEvent(e);
  AppendBytes(path, bytes);
}

tensorboard::Event FileVersionEvent(double wall_time) {
  tensorboard::Event e;
  e.set_wall_time(wall_time);
  e.set_file_version("brain.Event:2");
  return e;
}

tensorboard::Event LegacyScalarEvent(std::string_view tag, float value,
                                     int64_t step, double wall_time) {
  tensorboard::Event e;
  e.set_wall_time(wall_time);
  e.set_step(step);
  auto* v = e.mutable_summary()->add_value();
  v->set_tag(std::string(tag));
  v->set_simple_value(value);
  return e;
}

tensorboard::Event SessionStartEvent(int64_t step, double wall_time) {
  tensorboard::Event e;
  e.set_wall_time(wall_time);
  e.set_step(step);
  e.mutable_session_log()->set_status(tensorboard::SessionLog::START);
  return e;
}

}  // namespace tbx::testing
