// Implementation of flags.h.
#include "src/main/flags.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tbx {
namespace {

// How a flag takes its value.
enum class Arity {
  kRequired,  // --flag VALUE or --flag=VALUE
  kSwitch,    // --flag alone means true; --flag=false is accepted
  kOptional,  // --flag alone means true, or the next argument when it is one
              // of the flag's words (--load_fast false)
};

// Parses a flag's value into Flags; returns nullopt on success, else a
// description of a valid value for the error message.
using Result = std::optional<std::string>;
using Setter = std::function<Result(const std::string& value, Flags* flags)>;

struct FlagSpec {
  const char* name;
  Arity arity;
  const char* help;
  Setter set;
};

Result ParseBool(const std::string& value, bool* target) {
  // TensorBoard's BOOL flags take true/false in any case; absl adds 1/0/yes/no.
  if (!absl::SimpleAtob(value, target)) return "true or false";
  return std::nullopt;
}

// Setters bound to a field of Flags.
Setter String(std::string Flags::*field) {
  return [field](const std::string& value, Flags* flags) -> Result {
    flags->*field = value;
    return std::nullopt;
  };
}

Setter Bool(bool Flags::*field) {
  return [field](const std::string& value, Flags* flags) {
    return ParseBool(value, &(flags->*field));
  };
}

Setter OptionalBool(std::optional<bool> Flags::*field) {
  return [field](const std::string& value, Flags* flags) -> Result {
    bool parsed;
    if (Result bad = ParseBool(value, &parsed)) return bad;
    flags->*field = parsed;
    return std::nullopt;
  };
}

Setter Int(int Flags::*field, int min) {
  return [field, min](const std::string& value, Flags* flags) -> Result {
    int parsed;
    if (!absl::SimpleAtoi(value, &parsed) || parsed < min)
      return absl::StrCat("an integer >= ", min);
    flags->*field = parsed;
    return std::nullopt;
  };
}

// One of `words`, in any case; stored lower-case.
Setter Word(std::string Flags::*field, std::vector<std::string> words) {
  return [field, words = std::move(words)](const std::string& value,
                                           Flags* flags) -> Result {
    const std::string lower = absl::AsciiStrToLower(value);
    for (const std::string& word : words) {
      if (lower == word) {
        flags->*field = lower;
        return std::nullopt;
      }
    }
    return absl::StrCat("one of ", absl::StrJoin(words, ", "));
  };
}

Result SetPort(const std::string& value, Flags* flags) {
  if (value == "default") {
    flags->port = 6006;
    flags->port_scan = true;
    return std::nullopt;
  }
  int port;
  if (!absl::SimpleAtoi(value, &port) || port < 0 || port > 65535)
    return "a port number from 0 to 65535, or default";
  flags->port = port;
  flags->port_scan = false;
  return std::nullopt;
}

Result AddAllowedHosts(const std::string& value, Flags* flags) {
  bool any = false;
  for (absl::string_view host : absl::StrSplit(value, ',')) {
    host = absl::StripAsciiWhitespace(host);
    if (host.empty()) continue;
    if (absl::StrContains(host, '/'))
      return "host names without scheme or path, e.g. tbx.example.com";
    flags->allowed_hosts.emplace_back(host);
    any = true;
  }
  if (!any) return "one or more host names, comma-separated";
  return std::nullopt;
}

Result SetReloadInterval(const std::string& value, Flags* flags) {
  double seconds;
  if (!absl::SimpleAtod(value, &seconds) || !std::isfinite(seconds) ||
      seconds < 0)
    return "a non-negative number of seconds";
  flags->reload_interval = seconds;
  return std::nullopt;
}

const std::vector<FlagSpec>& AllFlags() {
  static const std::vector<FlagSpec> flags = {
      {"logdir", Arity::kRequired,
       "Directory of event files to serve; several as --logdir a,b "
       "(comma-separated).",
       String(&Flags::logdir)},
      {"logdir_spec", Arity::kRequired,
       "Named logdirs: name1:path1,name2:path2 (runs are prefixed with the "
       "name).",
       String(&Flags::logdir_spec)},
      {"host", Arity::kRequired,
       "Address or name to bind (default: localhost).", String(&Flags::host)},
      {"bind_all", Arity::kSwitch,
       "Bind every network interface, IPv6 and IPv4.", Bool(&Flags::bind_all)},
      {"port", Arity::kRequired,
       "Port to serve on; 0 picks a free port. Without it (or with "
       "'default'), 6006 or the next free port up to 6105.",
       SetPort},
      {"allowed_host", Arity::kRequired,
       "When bound to loopback (the default), tbx answers only requests whose "
       "Host header is a loopback name or address; this admits another name "
       "(repeatable or comma-separated; *.example.com for subdomains, * for "
       "any). Also enforced with --host/--bind_all when given.",
       AddAllowedHosts},
      {"token", Arity::kRequired,
       "Require this token from every client (?token= once in a browser, "
       "then a cookie; or an 'Authorization: token ...' header). Visible to "
       "other local users in the process list: prefer --token_file or the "
       "TBX_TOKEN environment variable.",
       String(&Flags::token)},
      {"token_file", Arity::kRequired,
       "Read the token from the first line of this file.",
       String(&Flags::token_file)},
      {"path_prefix", Arity::kRequired,
       "Serve everything under this URL path, e.g. /tensorboard (for reverse "
       "proxies).",
       String(&Flags::path_prefix)},
      {"reload_interval", Arity::kRequired,
       "Seconds between polls of the logdir for new data (default 5; file "
       "notifications are used too; 0 loads once).",
       SetReloadInterval},
      {"samples_per_plugin", Arity::kRequired,
       "Points kept per time series, e.g. scalars=500,images=20 (0 keeps every "
       "point).",
       String(&Flags::samples_per_plugin)},
      {"purge_orphaned_data", Arity::kRequired,
       "Drop data that a restarted job wrote over (default true); false keeps "
       "it, to debug data that disappears.",
       Bool(&Flags::purge_orphaned_data)},
      {"max_reload_threads", Arity::kRequired,
       "Threads reading runs at the same time (default: one per core).",
       Int(&Flags::max_reload_threads, 1)},
      {"window_title", Arity::kRequired, "Title of the browser window.",
       String(&Flags::window_title)},
      {"load_fast", Arity::kOptional,
       "Accepted for compatibility with TensorBoard; no effect.",
       Word(&Flags::load_fast, {"true", "false", "auto"})},
      {"reload_multifile", Arity::kRequired,
       "true: also poll a run's earlier event files for appended data, while "
       "they are active (default false: only the newest file, as "
       "TensorBoard).",
       OptionalBool(&Flags::reload_multifile)},
      {"reload_multifile_inactive_secs", Arity::kRequired,
       "With --reload_multifile: a file whose newest event is older than this "
       "is no longer polled (default 86400; -1 never; 0 turns multifile "
       "polling off).",
       Int(&Flags::reload_multifile_inactive_secs, -1)},
      {"detect_file_replacement", Arity::kRequired,
       "Accepted for compatibility: tbx reopens event files on every poll, so "
       "a file replaced by a longer copy (rsync without --inplace) is always "
       "read on.",
       OptionalBool(&Flags::detect_file_replacement)},
      {"reload_task", Arity::kRequired,
       "Accepted for compatibility (auto, thread, process, blocking); tbx "
       "always reloads on a background thread.",
       Word(&Flags::reload_task, {"auto", "thread", "process", "blocking"})},
      {"generic_data", Arity::kRequired,
       "Accepted for compatibility (false, auto, true); no effect.",
       Word(&Flags::generic_data, {"false", "auto", "true"})},
      {"version", Arity::kSwitch, "Print the version and exit.",
       Bool(&Flags::version)},
      {"version_tb", Arity::kSwitch, "Same as --version.",
       Bool(&Flags::version)},
      {"help", Arity::kSwitch, "Print this help and exit.", Bool(&Flags::help)},
  };
  return flags;
}

// TensorBoard flags for modes tbx does not have; named in a clear error.
constexpr const char* kUnsupported[] = {"inspect",
                                        "event_file",
                                        "tag",
                                        "db",
                                        "db_import",
                                        "grpc_data_provider",
                                        "grpc_creds_type",
                                        "extra_data_server_flags"};

const FlagSpec* FindFlag(const std::string& name) {
  for (const FlagSpec& spec : AllFlags()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

bool IsOptionalWord(const std::string& arg) {
  return arg == "true" || arg == "false" || arg == "auto";
}

}  // namespace

absl::StatusOr<Flags> ParseFlags(const std::vector<std::string>& args) {
  Flags flags;
  bool host_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    // `tensorboard serve --logdir ...` is TensorBoard's explicit form.
    if (i == 0 && args[i] == "serve") continue;
    std::string arg = args[i] == "-h" ? "--help" : args[i];
    if (arg.starts_with("--")) {
      arg.erase(0, 2);
    } else if (arg.starts_with("-") && arg.size() > 1) {
      arg.erase(0, 1);
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unexpected argument '", args[i], "' (flags start with --)"));
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const FlagSpec* spec = FindFlag(name);
    if (spec == nullptr) {
      for (const char* unsupported : kUnsupported) {
        if (name == unsupported) {
          return absl::InvalidArgumentError(absl::StrCat(
              "--", name,
              " is a TensorBoard flag that tbx does not support (tbx only "
              "serves a logdir)"));
        }
      }
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag '--", name, "' (see tbx --help)"));
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (spec->arity == Arity::kSwitch) {
      value = "true";
    } else if (spec->arity == Arity::kOptional) {
      const bool next_is_value =
          i + 1 < args.size() && IsOptionalWord(args[i + 1]);
      value = next_is_value ? args[++i] : std::string("true");
    } else {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("flag --", name, " needs a value"));
      }
      value = args[++i];
    }
    if (std::optional<std::string> wanted = spec->set(value, &flags)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid value '", value, "' for --", name, ": want ", *wanted));
    }
    host_given |= name == "host";
  }
  if (flags.bind_all && host_given) {
    return absl::InvalidArgumentError(
        "--host and --bind_all cannot be used together");
  }
  return flags;
}

absl::StatusOr<std::string> ResolveToken(const Flags& flags,
                                         const char* env_token) {
  if (!flags.token.empty()) return flags.token;
  if (!flags.token_file.empty()) {
    std::ifstream file(flags.token_file);
    std::string line;
    if (!file || !std::getline(file, line)) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot read --token_file '", flags.token_file, "'"));
    }
    const std::string token(absl::StripAsciiWhitespace(line));
    if (token.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--token_file '", flags.token_file,
                       "' has no token on its first line"));
    }
    return token;
  }
  if (env_token != nullptr)
    return std::string(absl::StripAsciiWhitespace(env_token));
  return std::string();
}

std::string FlagsHelp() {
  std::string help =
      "usage: tbx [serve] --logdir PATH [flags]\n\n"
      "Serves TensorBoard's dashboards and HTTP API for the event files under "
      "PATH.\n\n"
      "flags (--flag=value and --flag value both work):\n";
  for (const FlagSpec& spec : AllFlags()) {
    const std::string name = spec.name;
    const size_t pad = name.size() < 32 ? 32 - name.size() : 1;
    absl::StrAppend(&help, "  --", name, std::string(pad, ' '), spec.help,
                    "\n");
  }
  return help;
}

nlohmann::ordered_json FlagsToJson(const Flags& flags) {
  auto optional_bool = [](const std::optional<bool>& value) {
    return value.has_value() ? nlohmann::ordered_json(*value)
                             : nlohmann::ordered_json(nullptr);
  };
  return nlohmann::ordered_json{
      {"logdir", flags.logdir},
      {"logdir_spec", flags.logdir_spec},
      {"host", flags.host.empty() ? nlohmann::ordered_json(nullptr)
                                  : nlohmann::ordered_json(flags.host)},
      {"bind_all", flags.bind_all},
      {"port", flags.port_scan ? nlohmann::ordered_json(nullptr)
                               : nlohmann::ordered_json(flags.port)},
      {"path_prefix", flags.path_prefix},
      {"allowed_host", flags.allowed_hosts},
      // Never the token itself: /data/environment is readable by any client.
      {"token", flags.token.empty() ? nlohmann::ordered_json(nullptr)
                                    : nlohmann::ordered_json("(hidden)")},
      {"token_file", flags.token_file},
      {"reload_interval", flags.reload_interval},
      {"samples_per_plugin", flags.samples_per_plugin},
      {"purge_orphaned_data", flags.purge_orphaned_data},
      {"max_reload_threads", flags.max_reload_threads},
      {"window_title", flags.window_title},
      {"load_fast", flags.load_fast},
      {"reload_multifile", optional_bool(flags.reload_multifile)},
      {"reload_multifile_inactive_secs", flags.reload_multifile_inactive_secs},
      {"detect_file_replacement", optional_bool(flags.detect_file_replacement)},
      {"reload_task", flags.reload_task},
      {"generic_data", flags.generic_data},
  };
}

}  // namespace tbx
