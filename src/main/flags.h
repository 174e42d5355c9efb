// The tbx command line: TensorBoard's serving flags with their meanings and
// defaults. Both
// "--flag=value" and "--flag value" are accepted. Parsing is a pure function of
// the arguments.
#ifndef TBX_MAIN_FLAGS_H_
#define TBX_MAIN_FLAGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace tbx {

struct Flags {
  std::string logdir;
  std::string logdir_spec;
  std::string host;  // empty: localhost
  bool bind_all = false;
  int port = 6006;  // 0 picks a free port
  std::string path_prefix;
  double reload_interval = 5.0;  // seconds
  std::string samples_per_plugin;
  std::string window_title;
  std::string load_fast = "auto";  // accepted for compatibility; has no effect
  bool version = false;
  bool help = false;
};

// Parses argv[1..]. InvalidArgument with a one-line message naming the flag for
// unknown flags, missing or malformed values, positional arguments, and
// conflicting --host/--bind_all. Does not check that logdirs exist, and leaves
// --logdir/--logdir_spec/--samples_per_plugin syntax to ingestion.
absl::StatusOr<Flags> ParseFlags(const std::vector<std::string>& args);

// The --help text.
std::string FlagsHelp();

// Every flag by name with its value, for /data/environment's debug.flags.
nlohmann::ordered_json FlagsToJson(const Flags& flags);

}  // namespace tbx

#endif  // TBX_MAIN_FLAGS_H_
