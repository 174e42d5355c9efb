// Resolving the file paths a projector config names (tensor, metadata,
// bookmarks and sprite files, checkpoint prefixes) so that none reads outside
// the directory that holds the config: relative paths are taken from that
// directory, `..` and symbolic links are resolved first, and a path that ends
// up elsewhere is refused. Pure functions over the file system; any thread.
#ifndef TBX_PLUGINS_PROJECTOR_ASSET_PATH_H_
#define TBX_PLUGINS_PROJECTOR_ASSET_PATH_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tbx::plugins::projector {

// `path` (relative to `base_dir`, or absolute) as an absolute path inside
// `base_dir`. InvalidArgument naming the path when it resolves outside.
absl::StatusOr<std::string> ResolveInside(const std::string& base_dir,
                                          std::string_view path);

// Whether `path` names an existing regular file.
bool IsRegularFile(const std::string& path);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_ASSET_PATH_H_
