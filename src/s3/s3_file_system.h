// The FileSystem of s3:// and gs:// URLs: a logdir's tree from one paged
// ListObjectsV2 of its prefix (directories are the key prefixes up to a '/';
// keys ending in '/' are folder markers), and files read by ranged GETs from
// any offset — so a run is tailed from where its reader stopped, and an object
// replaced by a longer copy is read on from the old end. Reads are buffered in
// blocks that grow as a file is read through (64 KiB doubling to 16 MiB), so a
// blob costs one small request and a large file few.
//
// Thread-safe (the S3Client is); a ReadableFile it opens belongs to one
// reader, as every ReadableFile.
#ifndef TBX_SRC_S3_S3_FILE_SYSTEM_H_
#define TBX_SRC_S3_S3_FILE_SYSTEM_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "src/data/file_system.h"
#include "src/s3/s3_client.h"

namespace tbx::s3 {

std::unique_ptr<FileSystem> MakeS3FileSystem(std::shared_ptr<S3Client> client);
// The file system for `scheme` ("s3" or "gs"), configured from the process's
// environment (src/s3/s3_config.h).
absl::StatusOr<std::unique_ptr<FileSystem>> CreateS3FileSystem(
    std::string_view scheme);

}  // namespace tbx::s3

#endif  // TBX_SRC_S3_S3_FILE_SYSTEM_H_
