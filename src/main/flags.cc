// Implementation of flags.h.
#include "src/main/flags.h"

#include <cmath>
#include <functional>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tbx {
namespace {

enum class Kind { kString, kBool, kInt, kDouble, kLoadFast };

struct FlagSpec {
  const char* name;
  Kind kind;
  const char* help;
};

constexpr FlagSpec kFlags[] = {
    {"logdir", Kind::kString,
     "Directory of event files to serve; several as --logdir a,b "
     "(comma-separated)."},
    {"logdir_spec", Kind::kString,
     "Named logdirs: name1:path1,name2:path2 (runs are prefixed with the "
     "name)."},
    {"host", Kind::kString, "Address or name to bind (default: localhost)."},
    {"bind_all", Kind::kBool, "Bind every network interface, IPv6 and IPv4."},
    {"port", Kind::kInt,
     "Port to serve on (default 6006; 0 picks a free port)."},
    {"path_prefix", Kind::kString,
     "Serve everything under this URL path, e.g. /tensorboard (for reverse "
     "proxies)."},
    {"reload_interval", Kind::kDouble,
     "Seconds between polls of the logdir for new data (default 5; file "
     "notifications are "
     "used too)."},
    {"samples_per_plugin", Kind::kString,
     "Points kept per time series, e.g. scalars=500,images=20 (0 keeps every "
     "point)."},
    {"window_title", Kind::kString, "Title of the browser window."},
    {"load_fast", Kind::kLoadFast,
     "Accepted for compatibility with TensorBoard; no effect."},
    {"version", Kind::kBool, "Print the version and exit."},
    {"help", Kind::kBool, "Print this help and exit."},
};

const FlagSpec* FindFlag(const std::string& name) {
  for (const FlagSpec& spec : kFlags) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

absl::Status SetFlag(const FlagSpec& spec, const std::string& value,
                     Flags* flags) {
  auto bad = [&](const char* want) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid value '", value, "' for --", spec.name, ": want ", want));
  };
  const std::string name = spec.name;
  switch (spec.kind) {
    case Kind::kString: {
      std::string* target = name == "logdir"        ? &flags->logdir
                            : name == "logdir_spec" ? &flags->logdir_spec
                            : name == "host"        ? &flags->host
                            : name == "path_prefix" ? &flags->path_prefix
                            : name == "samples_per_plugin"
                                ? &flags->samples_per_plugin
                                : &flags->window_title;
      *target = value;
      return absl::OkStatus();
    }
    case Kind::kBool: {
      bool parsed;
      if (!absl::SimpleAtob(value, &parsed)) return bad("true or false");
      bool* target = name == "bind_all"  ? &flags->bind_all
                     : name == "version" ? &flags->version
                                         : &flags->help;
      *target = parsed;
      return absl::OkStatus();
    }
    case Kind::kInt: {
      int port;
      if (!absl::SimpleAtoi(value, &port) || port < 0 || port > 65535) {
        return bad("a port number from 0 to 65535");
      }
      flags->port = port;
      return absl::OkStatus();
    }
    case Kind::kDouble: {
      double seconds;
      if (!absl::SimpleAtod(value, &seconds) || !std::isfinite(seconds) ||
          seconds < 0) {
        return bad("a non-negative number of seconds");
      }
      flags->reload_interval = seconds;
      return absl::OkStatus();
    }
    case Kind::kLoadFast: {
      const std::string lower = absl::AsciiStrToLower(value);
      if (lower != "true" && lower != "false" && lower != "auto") {
        return bad("true, false or auto");
      }
      flags->load_fast = lower;
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unhandled flag kind");
}

}  // namespace

absl::StatusOr<Flags> ParseFlags(const std::vector<std::string>& args) {
  Flags flags;
  bool host_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
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
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag '--", name, "' (see tbx --help)"));
    }
    std::optional<std::string> value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (spec->kind == Kind::kBool) {
      value = "true";
    } else if (spec->kind == Kind::kLoadFast) {
      const bool next_is_value =
          i + 1 < args.size() &&
          (args[i + 1] == "true" || args[i + 1] == "false" ||
           args[i + 1] == "auto");
      value = next_is_value ? args[++i] : std::string("true");
    } else {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("flag --", name, " needs a value"));
      }
      value = args[++i];
    }
    if (absl::Status status = SetFlag(*spec, *value, &flags); !status.ok())
      return status;
    host_given |= name == "host";
  }
  if (flags.bind_all && host_given) {
    return absl::InvalidArgumentError(
        "--host and --bind_all cannot be used together");
  }
  return flags;
}

std::string FlagsHelp() {
  std::string help =
      "usage: tbx --logdir PATH [flags]\n\n"
      "Serves TensorBoard's dashboards and HTTP API for the event files under "
      "PATH.\n\n"
      "flags (--flag=value and --flag value both work):\n";
  for (const FlagSpec& spec : kFlags) {
    const std::string name = spec.name;
    absl::StrAppend(&help, "  --", name, std::string(22 - name.size(), ' '),
                    spec.help, "\n");
  }
  return help;
}

nlohmann::ordered_json FlagsToJson(const Flags& flags) {
  return nlohmann::ordered_json{
      {"logdir", flags.logdir},
      {"logdir_spec", flags.logdir_spec},
      {"host", flags.host.empty() ? nlohmann::ordered_json(nullptr)
                                  : nlohmann::ordered_json(flags.host)},
      {"bind_all", flags.bind_all},
      {"port", flags.port},
      {"path_prefix", flags.path_prefix},
      {"reload_interval", flags.reload_interval},
      {"samples_per_plugin", flags.samples_per_plugin},
      {"window_title", flags.window_title},
      {"load_fast", flags.load_fast},
  };
}

}  // namespace tbx
