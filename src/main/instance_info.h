// The instance file through which TensorBoard's notebook launcher
// (`%tensorboard`, its manager module) finds running servers:
// <tempdir>/.tensorboard-info/pid-<pid>.info, a JSON object written once the
// server listens and removed when it stops. tbx writes the same file, so that
// `%tensorboard` with TENSORBOARD_BINARY=tbx launches and reuses tbx.
//
// The formatting functions are pure; InstanceInfoFile is owned by main's
// thread, which creates it after the server listens and destroys it (removing
// the file) on shutdown.
#ifndef TBX_MAIN_INSTANCE_INFO_H_
#define TBX_MAIN_INSTANCE_INFO_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx {

struct InstanceInfo {
  std::string version;
  int64_t start_time = 0;  // Unix seconds
  int64_t pid = 0;
  int port = 0;
  std::string path_prefix;  // without a trailing '/'
  std::string logdir;       // --logdir as given, else --logdir_spec
  std::string db;           // always "" for tbx
  std::string cache_key;
};

// `text` (UTF-8; undecodable bytes count as U+DC80..U+DCFF as Python's
// surrogateescape makes them) as a JSON string the way Python's json.dumps
// writes it with ensure_ascii: quotes included, \" \\ \n \r \t \b \f, every
// other character outside 0x20..0x7E as \uXXXX (lowercase hex, surrogate pairs
// above U+FFFF).
std::string PythonJsonString(std::string_view text);

// The launcher's key for "a server started with these arguments in this
// directory": base64 of {"arguments":[...],"configure_kwargs":{},
// "working_directory":"..."} (sorted keys, no spaces).
std::string CacheKey(const std::vector<std::string>& arguments,
                     std::string_view working_directory);

// The file's text: the fields with sorted keys, 4-space indent, a final
// newline.
std::string InstanceInfoJson(const InstanceInfo& info);

// Python's tempfile.gettempdir(): the first writable directory of $TMPDIR,
// $TEMP, $TMP, /tmp, /var/tmp, /usr/tmp, the working directory; absolute.
std::string TempDirectory();

// A written instance file; removes it when destroyed.
class InstanceInfoFile {
 public:
  // Creates <TempDirectory()>/.tensorboard-info when missing (then mode 0777,
  // as TensorBoard) and writes pid-<info.pid>.info atomically (a temporary
  // file in the temp directory renamed into place).
  static absl::StatusOr<std::unique_ptr<InstanceInfoFile>> Write(
      const InstanceInfo& info);
  ~InstanceInfoFile();
  InstanceInfoFile(const InstanceInfoFile&) = delete;
  InstanceInfoFile& operator=(const InstanceInfoFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  explicit InstanceInfoFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace tbx

#endif  // TBX_MAIN_INSTANCE_INFO_H_
