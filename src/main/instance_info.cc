// Implementation of instance_info.h.
#include "src/main/instance_info.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tbx {
namespace {

// Decodes one UTF-8 sequence at text[*i] strictly (no overlongs, surrogates or
// values above U+10FFFF) and advances *i; an invalid byte gives U+DC00+byte
// and advances by one, as Python's surrogateescape.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  const auto byte = [&](size_t k) {
    return static_cast<unsigned char>(text[k]);
  };
  const unsigned char lead = byte(*i);
  if (lead < 0x80) {
    ++*i;
    return lead;
  }
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  bool valid = length > 0 && *i + length <= text.size();
  for (size_t k = 1; valid && k < length; ++k) {
    const unsigned char next = byte(*i + k);
    const unsigned char min = k == 1 ? low : 0x80;
    const unsigned char max = k == 1 ? high : 0xBF;
    if (next < min || next > max) {
      valid = false;
    } else {
      value = (value << 6) | (next & 0x3F);
    }
  }
  if (!valid) {
    ++*i;
    return 0xDC00 + lead;
  }
  *i += length;
  return value;
}

}  // namespace

std::string PythonJsonString(std::string_view text) {
  std::string out = "\"";
  size_t i = 0;
  while (i < text.size()) {
    const char32_t c = NextCodePoint(text, &i);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (c >= 0x20 && c <= 0x7E) {
      out += static_cast<char>(c);
    } else if (c > 0xFFFF) {
      const char32_t v = c - 0x10000;
      absl::StrAppendFormat(&out, "\\u%04x\\u%04x",
                            static_cast<unsigned>(0xD800 + (v >> 10)),
                            static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
    } else {
      absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned>(c));
    }
  }
  out += '"';
  return out;
}

std::string CacheKey(const std::vector<std::string>& arguments,
                     std::string_view working_directory) {
  std::string json = "{\"arguments\":[";
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) json += ',';
    json += PythonJsonString(arguments[i]);
  }
  absl::StrAppend(&json, "],\"configure_kwargs\":{},\"working_directory\":",
                  PythonJsonString(working_directory), "}");
  return absl::Base64Escape(json);
}

std::string InstanceInfoJson(const InstanceInfo& info) {
  // Sorted keys, as json.dumps(sort_keys=True, indent=4).
  return absl::StrCat(
      "{\n    \"cache_key\": ", PythonJsonString(info.cache_key),
      ",\n    \"db\": ", PythonJsonString(info.db),
      ",\n    \"logdir\": ", PythonJsonString(info.logdir),
      ",\n    \"path_prefix\": ", PythonJsonString(info.path_prefix),
      ",\n    \"pid\": ", info.pid, ",\n    \"port\": ", info.port,
      ",\n    \"start_time\": ", info.start_time,
      ",\n    \"version\": ", PythonJsonString(info.version), "\n}\n");
}

std::string TempDirectory() {
  namespace fs = std::filesystem;
  std::vector<std::string> candidates;
  for (const char* name : {"TMPDIR", "TEMP", "TMP"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value)
      candidates.emplace_back(value);
  }
  for (const char* dir : {"/tmp", "/var/tmp", "/usr/tmp"})
    candidates.emplace_back(dir);
  std::error_code error;
  candidates.push_back(fs::current_path(error).string());
  for (const std::string& candidate : candidates) {
    if (candidate.empty()) continue;
    if (!fs::is_directory(candidate, error)) continue;
    if (access(candidate.c_str(), W_OK | X_OK) != 0) continue;
    std::string path =
        fs::absolute(candidate, error).lexically_normal().string();
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
  }
  return "/tmp";
}

absl::StatusOr<std::unique_ptr<InstanceInfoFile>> InstanceInfoFile::Write(
    const InstanceInfo& info) {
  const std::string temp = TempDirectory();
  const std::string dir = temp + "/.tensorboard-info";
  if (mkdir(dir.c_str(), 0777) == 0) {
    chmod(dir.c_str(), 0777);  // the umask must not keep other users out
  } else if (errno != EEXIST) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", dir, ": ", std::strerror(errno)));
  }
  const std::string path = absl::StrCat(dir, "/pid-", info.pid, ".info");
  // Written next to the directory, not in it: TensorBoard's launcher opens
  // every file it lists there and fails on one that vanished meanwhile.
  const std::string temporary =
      absl::StrCat(temp, "/.tbx-info-", info.pid, ".tmp");
  const std::string text = InstanceInfoJson(info);
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot write ", temporary, ": ", std::strerror(errno)));
  }
  const bool written = ::write(fd, text.data(), text.size()) ==
                       static_cast<ssize_t>(text.size());
  const int saved = errno;
  close(fd);
  if (!written || rename(temporary.c_str(), path.c_str()) != 0) {
    const int reason = written ? errno : saved;
    unlink(temporary.c_str());
    return absl::UnavailableError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(reason)));
  }
  return std::unique_ptr<InstanceInfoFile>(new InstanceInfoFile(path));
}

InstanceInfoFile::~InstanceInfoFile() { unlink(path_.c_str()); }

}  // namespace tbx
