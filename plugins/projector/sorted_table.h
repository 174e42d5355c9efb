// SortedTable: reads a whole LevelDB-format table (the layout TensorFlow uses
// for a checkpoint's `.index` file) from bytes in memory and returns its
// key/value entries in key order.
//
// Layout: data blocks, a meta-index block, an index block, then a 48-byte
// footer (two varint64 block handles, padding, 8-byte magic). Every block is
// followed by a 1-byte compression type and the masked CRC-32C of block + type.
// A block is a run of prefix-compressed entries (varint32 shared, unshared and
// value lengths), then uint32 restart offsets and their count. Only
// uncompressed blocks are supported (TensorFlow writes index tables without
// compression). Every CRC is checked. Pure function; any thread.
#ifndef TBX_PLUGINS_PROJECTOR_SORTED_TABLE_H_
#define TBX_PLUGINS_PROJECTOR_SORTED_TABLE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tbx::plugins::projector {

struct TableEntry {
  std::string key;
  std::string value;
};

// Every entry of the table held in `file`, in stored order. DataLoss naming
// the problem (bad magic, bad CRC, block out of range, bad entry) otherwise.
absl::StatusOr<std::vector<TableEntry>> ReadSortedTable(std::string_view file);

// Builds a table holding `entries` (which must be sorted by key, unique), with
// blocks of about `block_size` bytes and a restart point every
// `restart_interval` entries: the writer for tests, tools and fuzz seeds.
std::string WriteSortedTable(const std::vector<TableEntry>& entries,
                             size_t block_size = 4096,
                             int restart_interval = 16);

}  // namespace tbx::plugins::projector

#endif  // TBX_PLUGINS_PROJECTOR_SORTED_TABLE_H_
