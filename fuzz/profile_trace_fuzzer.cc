// Fuzzes the profile plugin's readers on arbitrary bytes: the streaming JSON
// trace reader (Kineto and legacy formats) and the XSpace reader, then every
// view built from what they read (overview, tables, a timeline range and an
// event's details). Nothing may crash; damaged input gives notes.
#include <cstdint>
#include <string_view>

#include "google/protobuf/stubs/logging.h"
#include "plugins/profile/overview.h"
#include "plugins/profile/tables.h"
#include "plugins/profile/timeline.h"
#include "plugins/profile/trace_json_reader.h"
#include "plugins/profile/xspace_reader.h"

namespace {

void ExerciseViews(const tbx::plugins::profile::TraceIndex& index) {
  namespace profile = tbx::plugins::profile;
  (void)profile::OverviewJson(index, profile::ComputeOverview(index));
  (void)profile::OperatorsJson(index, true);
  (void)profile::KernelsJson(index);
  (void)profile::MemoryJson(index, 16, 16);
  profile::TimelineQuery query{0, index.end_ns + 1, 64};
  (void)profile::TimelineJson(index, query);
  if (!index.events.empty())
    (void)profile::EventJson(index,
                             static_cast<uint32_t>(index.events.size() / 2));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // parse errors are expected here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(bytes), size);
  ExerciseViews(tbx::plugins::profile::ReadJsonTrace(input));
  ExerciseViews(tbx::plugins::profile::ReadXSpace(input));
  return 0;
}
