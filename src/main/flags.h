// The tbx command line: TensorBoard's serving flags with their meanings and
// defaults. Both
// "--flag=value" and "--flag value" are accepted. Parsing is a pure function of
// the arguments.
#ifndef TBX_MAIN_FLAGS_H_
#define TBX_MAIN_FLAGS_H_

#include <cstdint>
#include <optional>
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
  int port = 6006;        // 0 picks a free port
  bool port_scan = true;  // no --port (or "default"): the next free port up
                          // to 6105 when 6006 is taken, as TensorBoard
  std::string path_prefix;
  // Host names admitted besides loopback ones (--allowed_host, repeatable or
  // comma-separated).
  std::vector<std::string> allowed_hosts;
  std::string token;             // --token; empty: none
  std::string token_file;        // --token_file: the token is its first line
  double reload_interval = 5.0;  // seconds
  std::string samples_per_plugin;
  bool purge_orphaned_data = true;
  int max_reload_threads = 0;  // 0: one per core
  std::string window_title;
  std::optional<bool> reload_multifile;  // unset: false
  int reload_multifile_inactive_secs = 86400;
  // Accepted for compatibility with TensorBoard; no effect (see FlagsHelp).
  std::string load_fast = "auto";
  std::optional<bool> detect_file_replacement;
  std::string reload_task = "auto";
  std::string generic_data = "auto";
  bool version = false;
  bool help = false;
};

// Parses argv[1..] (a leading "serve", TensorBoard's subcommand, is allowed).
// InvalidArgument with a one-line message naming the flag for unknown flags,
// TensorBoard flags of modes tbx does not have (--inspect, --db, ...), missing
// or malformed values, positional arguments, and conflicting
// --host/--bind_all. Does not check that logdirs exist, and leaves
// --logdir/--logdir_spec/--samples_per_plugin syntax to ingestion.
absl::StatusOr<Flags> ParseFlags(const std::vector<std::string>& args);

// The token to require: --token, else the first line of --token_file, else
// `env_token` (TBX_TOKEN); empty when none is set. InvalidArgument when the
// file cannot be read or holds no token.
absl::StatusOr<std::string> ResolveToken(const Flags& flags,
                                         const char* env_token);

// The --help text.
std::string FlagsHelp();

// Every flag by name with its value, for /data/environment's debug.flags.
nlohmann::ordered_json FlagsToJson(const Flags& flags);

}  // namespace tbx

#endif  // TBX_MAIN_FLAGS_H_
