// Reading and writing LevelDB-format tables; see sorted_table.h.
#include "plugins/projector/sorted_table.h"

#include <cstdint>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/data/crc32c.h"

namespace tbx::plugins::projector {
namespace {

constexpr uint64_t kMagic = 0xdb4775248b80fb57ull;
constexpr size_t kFooterSize = 48;
constexpr size_t kTrailerSize = 5;  // compression type + masked CRC
constexpr char kNoCompression = 0;

uint32_t LoadU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);  // little-endian hosts only (x86-64, arm64)
  return v;
}

// Reads a varint of at most `max_bytes` bytes from `*in`, advancing it.
bool GetVarint(std::string_view* in, uint64_t* value, int max_bytes) {
  uint64_t result = 0;
  for (int i = 0; i < max_bytes && !in->empty(); ++i) {
    const uint8_t byte = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

void PutVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void PutU32(std::string* out, uint32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);
  out->append(bytes, 4);
}

struct BlockHandle {
  uint64_t offset = 0;
  uint64_t size = 0;
};

bool GetHandle(std::string_view* in, BlockHandle* handle) {
  return GetVarint(in, &handle->offset, 10) && GetVarint(in, &handle->size, 10);
}

// The checked contents of the block at `handle`.
absl::StatusOr<std::string_view> ReadBlock(std::string_view file,
                                           const BlockHandle& handle) {
  if (handle.offset > file.size() ||
      handle.size > file.size() - handle.offset ||
      kTrailerSize > file.size() - handle.offset - handle.size) {
    return absl::DataLossError(absl::StrCat(
        "block at offset ", handle.offset, " of size ", handle.size,
        " runs past the end of the ", file.size(), "-byte table"));
  }
  const std::string_view block = file.substr(handle.offset, handle.size);
  const char* trailer = file.data() + handle.offset + handle.size;
  const uint32_t stored = crc32c::Unmask(LoadU32(trailer + 1));
  const uint32_t actual =
      crc32c::Extend(crc32c::Value(block.data(), block.size()), trailer, 1);
  if (stored != actual) {
    return absl::DataLossError(
        absl::StrCat("bad CRC in table block at offset ", handle.offset));
  }
  if (trailer[0] != kNoCompression) {
    return absl::DataLossError(absl::StrCat(
        "table block at offset ", handle.offset, " uses compression type ",
        static_cast<int>(trailer[0]), "; only uncompressed tables are read"));
  }
  return block;
}

// Appends the entries of `block` to `out`.
absl::Status ParseBlock(std::string_view block, std::vector<TableEntry>* out) {
  if (block.size() < 4) return absl::DataLossError("table block too short");
  const uint64_t restarts = LoadU32(block.data() + block.size() - 4);
  if (restarts > (block.size() - 4) / 4) {
    return absl::DataLossError("table block has a bad restart count");
  }
  std::string_view in = block.substr(0, block.size() - 4 - 4 * restarts);
  std::string key;
  while (!in.empty()) {
    uint64_t shared = 0, unshared = 0, value_size = 0;
    if (!GetVarint(&in, &shared, 5) || !GetVarint(&in, &unshared, 5) ||
        !GetVarint(&in, &value_size, 5) || shared > key.size() ||
        unshared > in.size() || value_size > in.size() - unshared) {
      return absl::DataLossError("bad entry in table block");
    }
    key.resize(shared);
    key.append(in.substr(0, unshared));
    in.remove_prefix(unshared);
    out->push_back({key, std::string(in.substr(0, value_size))});
    in.remove_prefix(value_size);
  }
  return absl::OkStatus();
}

// Builds blocks for WriteSortedTable.
class BlockBuilder {
 public:
  explicit BlockBuilder(int restart_interval)
      : restart_interval_(restart_interval) {}
  void Add(const std::string& key, const std::string& value) {
    size_t shared = 0;
    if (count_ % restart_interval_ == 0) {
      restarts_.push_back(static_cast<uint32_t>(body_.size()));
    } else {
      while (shared < key.size() && shared < last_key_.size() &&
             key[shared] == last_key_[shared])
        ++shared;
    }
    PutVarint(&body_, shared);
    PutVarint(&body_, key.size() - shared);
    PutVarint(&body_, value.size());
    body_.append(key, shared);
    body_.append(value);
    last_key_ = key;
    ++count_;
  }
  bool empty() const { return count_ == 0; }
  size_t size() const { return body_.size(); }
  std::string Finish() {
    if (restarts_.empty()) restarts_.push_back(0);
    std::string block = std::move(body_);
    for (uint32_t r : restarts_) PutU32(&block, r);
    PutU32(&block, static_cast<uint32_t>(restarts_.size()));
    body_.clear();
    restarts_.clear();
    last_key_.clear();
    count_ = 0;
    return block;
  }

 private:
  int restart_interval_;
  std::string body_;
  std::vector<uint32_t> restarts_;
  std::string last_key_;
  int count_ = 0;
};

// Appends `block` with its trailer to `file` and returns its handle.
BlockHandle AppendBlock(std::string* file, const std::string& block) {
  BlockHandle handle{file->size(), block.size()};
  file->append(block);
  const char type = kNoCompression;
  file->push_back(type);
  PutU32(file, crc32c::Mask(crc32c::Extend(
                   crc32c::Value(block.data(), block.size()), &type, 1)));
  return handle;
}

void PutHandle(std::string* out, const BlockHandle& handle) {
  PutVarint(out, handle.offset);
  PutVarint(out, handle.size);
}

}  // namespace

absl::StatusOr<std::vector<TableEntry>> ReadSortedTable(std::string_view file) {
  if (file.size() < kFooterSize) {
    return absl::DataLossError(absl::StrCat("table is ", file.size(),
                                            " bytes, shorter than its footer"));
  }
  const std::string_view footer = file.substr(file.size() - kFooterSize);
  uint64_t magic;
  std::memcpy(&magic, footer.data() + kFooterSize - 8, 8);
  if (magic != kMagic) return absl::DataLossError("not a table (bad magic)");
  std::string_view handles = footer.substr(0, kFooterSize - 8);
  BlockHandle meta_index, index;
  if (!GetHandle(&handles, &meta_index) || !GetHandle(&handles, &index)) {
    return absl::DataLossError("bad table footer");
  }
  absl::StatusOr<std::string_view> index_block = ReadBlock(file, index);
  if (!index_block.ok()) return index_block.status();
  std::vector<TableEntry> handles_by_key;
  if (absl::Status s = ParseBlock(*index_block, &handles_by_key); !s.ok())
    return s;
  std::vector<TableEntry> entries;
  for (const TableEntry& item : handles_by_key) {
    std::string_view value = item.value;
    BlockHandle data;
    if (!GetHandle(&value, &data)) {
      return absl::DataLossError("bad block handle in table index");
    }
    absl::StatusOr<std::string_view> block = ReadBlock(file, data);
    if (!block.ok()) return block.status();
    if (absl::Status s = ParseBlock(*block, &entries); !s.ok()) return s;
  }
  return entries;
}

std::string WriteSortedTable(const std::vector<TableEntry>& entries,
                             size_t block_size, int restart_interval) {
  std::string file;
  BlockBuilder data(restart_interval);
  BlockBuilder index(1);
  std::string last_key;
  auto flush = [&] {
    if (data.empty()) return;
    std::string handle;
    PutHandle(&handle, AppendBlock(&file, data.Finish()));
    // The index key only needs to be >= the block's last key; use it.
    index.Add(last_key, handle);
  };
  for (const TableEntry& entry : entries) {
    data.Add(entry.key, entry.value);
    last_key = entry.key;
    if (data.size() >= block_size) flush();
  }
  flush();
  const BlockHandle meta_index = AppendBlock(&file, BlockBuilder(1).Finish());
  const BlockHandle index_handle = AppendBlock(&file, index.Finish());
  std::string footer;
  PutHandle(&footer, meta_index);
  PutHandle(&footer, index_handle);
  footer.resize(kFooterSize - 8, '\0');
  const uint64_t magic = kMagic;
  footer.append(reinterpret_cast<const char*>(&magic), 8);
  file.append(footer);
  return file;
}

}  // namespace tbx::plugins::projector
