// Reading TensorFlow V2 checkpoints; see tensor_bundle.h.
#include "plugins/projector/tensor_bundle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/projector/sorted_table.h"
#include "proto/tensor.pb.h"
#include "proto/tensor_bundle.pb.h"
#include "src/data/crc32c.h"

namespace tbx::plugins::projector {
namespace {

using ::tensorboard::checkpoint::BundleEntryProto;
using ::tensorboard::checkpoint::BundleHeaderProto;
using ::tensorboard::checkpoint::TrackableObjectGraph;

constexpr char kObjectGraphKey[] = "_CHECKPOINTABLE_OBJECT_GRAPH";
constexpr char kVariableValue[] = "VARIABLE_VALUE";
constexpr size_t kChunkBytes = 1 << 20;
constexpr uint64_t kMaxIndexBytes = 1ull << 30;

class FileShards : public ShardSource {
 public:
  FileShards(std::string prefix, int count)
      : prefix_(std::move(prefix)), count_(count) {}

  absl::Status Read(int shard, uint64_t offset, size_t n,
                    char* out) const override {
    if (shard < 0 || shard >= count_) {
      return absl::DataLossError(absl::StrCat(
          "tensor names shard ", shard, " of a ", count_, "-shard bundle"));
    }
    const std::string path = ShardFileName(prefix_, shard, count_);
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
      return absl::NotFoundError(absl::StrCat("missing data shard ", path));
    }
    size_t got = 0;
    if (fseeko(file, static_cast<off_t>(offset), SEEK_SET) == 0) {
      got = std::fread(out, 1, n, file);
    }
    std::fclose(file);
    if (got != n) {
      return absl::DataLossError(
          absl::StrCat("data shard ", path, " is truncated: wanted ", n,
                       " bytes at offset ", offset, ", got ", got));
    }
    return absl::OkStatus();
  }

 private:
  std::string prefix_;
  int count_;
};

size_t ElementBytes(int dtype) {
  switch (dtype) {
    case tensorboard::DT_FLOAT:
      return 4;
    case tensorboard::DT_DOUBLE:
      return 8;
    case tensorboard::DT_HALF:
    case tensorboard::DT_BFLOAT16:
      return 2;
    default:
      return 0;
  }
}

float HalfToFloat(uint16_t h) {
  const int sign = (h >> 15) ? -1 : 1;
  const int exponent = (h >> 10) & 0x1f;
  const int mantissa = h & 0x3ff;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  if (exponent == 31) {
    return mantissa ? std::nanf("") : sign * INFINITY;
  }
  return sign * std::ldexp(mantissa + 1024, exponent - 25);
}

// Converts `n` elements of `dtype` at `in` to float32 at `out`.
void Convert(int dtype, const char* in, size_t n, char* out) {
  for (size_t i = 0; i < n; ++i) {
    float value = 0;
    if (dtype == tensorboard::DT_DOUBLE) {
      double d;
      std::memcpy(&d, in + 8 * i, 8);
      value = static_cast<float>(d);
    } else {
      uint16_t bits;
      std::memcpy(&bits, in + 2 * i, 2);
      if (dtype == tensorboard::DT_HALF) {
        value = HalfToFloat(bits);
      } else {
        const uint32_t wide = static_cast<uint32_t>(bits) << 16;
        std::memcpy(&value, &wide, 4);
      }
    }
    std::memcpy(out + 4 * i, &value, 4);
  }
}

absl::StatusOr<int> ParseHeader(const std::vector<TableEntry>& entries) {
  if (entries.empty() || !entries[0].key.empty()) {
    return absl::DataLossError("checkpoint index has no header entry");
  }
  BundleHeaderProto header;
  if (!header.ParseFromString(entries[0].value)) {
    return absl::DataLossError("checkpoint header does not parse");
  }
  if (header.endianness() != BundleHeaderProto::LITTLE) {
    return absl::DataLossError("big-endian checkpoints are not supported");
  }
  if (header.num_shards() < 1 || header.num_shards() > 100000) {
    return absl::DataLossError(
        absl::StrCat("checkpoint header has ", header.num_shards(), " shards"));
  }
  return header.num_shards();
}

absl::StatusOr<std::vector<TableEntry>> ReadIndexFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  if (size < 0 || static_cast<uint64_t>(size) > kMaxIndexBytes) {
    return absl::DataLossError(absl::StrCat(path, " is too large"));
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  file.seekg(0);
  file.read(bytes.data(), size);
  if (!file) return absl::DataLossError(absl::StrCat("cannot read ", path));
  absl::StatusOr<std::vector<TableEntry>> entries = ReadSortedTable(bytes);
  if (!entries.ok()) {
    return absl::DataLossError(
        absl::StrCat(path, ": ", entries.status().message()));
  }
  return entries;
}

absl::StatusOr<std::vector<BundleTensor>> ParseEntries(
    const std::vector<TableEntry>& entries) {
  std::vector<BundleTensor> tensors;
  for (size_t i = 1; i < entries.size(); ++i) {
    BundleEntryProto entry;
    if (!entry.ParseFromString(entries[i].value)) {
      return absl::DataLossError(
          absl::StrCat("entry for \"", entries[i].key, "\" does not parse"));
    }
    BundleTensor tensor;
    tensor.key = entries[i].key;
    tensor.name = entries[i].key;
    tensor.dtype = entry.dtype();
    for (const auto& dim : entry.shape().dim()) {
      if (dim.size() < 0) {
        return absl::DataLossError(
            absl::StrCat("tensor \"", tensor.key, "\" has a negative dim"));
      }
      tensor.shape.push_back(dim.size());
    }
    tensor.shard = entry.shard_id();
    tensor.offset = static_cast<uint64_t>(entry.offset());
    tensor.size = static_cast<uint64_t>(entry.size());
    tensor.masked_crc32c = entry.crc32c();
    tensor.partitioned = entry.slices_size() > 0;
    tensors.push_back(std::move(tensor));
  }
  return tensors;
}

// Object names along the graph's child edges from the root (node 0):
// "layer/embeddings" for a variable two edges down.
std::vector<std::string> NodePaths(const TrackableObjectGraph& graph) {
  std::vector<std::string> paths(graph.nodes_size());
  std::vector<bool> seen(graph.nodes_size(), false);
  std::vector<int> queue;
  if (graph.nodes_size() > 0) {
    seen[0] = true;
    queue.push_back(0);
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    const int node = queue[head];
    for (const auto& child : graph.nodes(node).children()) {
      const int id = child.node_id();
      if (id < 0 || id >= graph.nodes_size() || seen[id]) continue;
      seen[id] = true;
      paths[id] = paths[node].empty()
                      ? child.local_name()
                      : absl::StrCat(paths[node], "/", child.local_name());
      queue.push_back(id);
    }
  }
  return paths;
}

}  // namespace

std::string ShardFileName(const std::string& prefix, int shard, int count) {
  return absl::StrFormat("%s.data-%05d-of-%05d", prefix, shard, count);
}

bool TensorBundle::IsFloat(int dtype) { return ElementBytes(dtype) != 0; }

absl::StatusOr<TensorBundle> TensorBundle::Open(const std::string& prefix) {
  absl::StatusOr<std::vector<TableEntry>> entries =
      ReadIndexFile(prefix + ".index");
  if (!entries.ok()) return entries.status();
  absl::StatusOr<int> shards = ParseHeader(*entries);
  if (!shards.ok()) return shards.status();
  absl::StatusOr<std::vector<BundleTensor>> tensors = ParseEntries(*entries);
  if (!tensors.ok()) return tensors.status();
  TensorBundle bundle;
  bundle.shards_ = std::make_shared<FileShards>(prefix, *shards);
  bundle.tensors_ = std::move(*tensors);
  // A damaged object graph only costs the friendly names.
  bundle.NameFromObjectGraph().IgnoreError();
  return bundle;
}

absl::StatusOr<TensorBundle> TensorBundle::FromIndex(
    std::string_view index, std::shared_ptr<const ShardSource> shards) {
  absl::StatusOr<std::vector<TableEntry>> entries = ReadSortedTable(index);
  if (!entries.ok()) return entries.status();
  absl::StatusOr<int> count = ParseHeader(*entries);
  if (!count.ok()) return count.status();
  absl::StatusOr<std::vector<BundleTensor>> tensors = ParseEntries(*entries);
  if (!tensors.ok()) return tensors.status();
  TensorBundle bundle;
  bundle.shards_ = std::move(shards);
  bundle.tensors_ = std::move(*tensors);
  bundle.NameFromObjectGraph().IgnoreError();
  return bundle;
}

const BundleTensor* TensorBundle::Find(std::string_view name) const {
  for (const BundleTensor& t : tensors_) {
    if (t.name == name) return &t;
  }
  for (const BundleTensor& t : tensors_) {
    if (t.key == name) return &t;
  }
  return nullptr;
}

absl::Status TensorBundle::NameFromObjectGraph() {
  const BundleTensor* stored = nullptr;
  for (const BundleTensor& t : tensors_) {
    if (t.key == kObjectGraphKey) stored = &t;
  }
  if (stored == nullptr) return absl::OkStatus();
  absl::StatusOr<std::string> bytes = ReadScalarString(*stored);
  if (!bytes.ok()) return bytes.status();
  TrackableObjectGraph graph;
  if (!graph.ParseFromString(*bytes)) {
    return absl::DataLossError("object graph does not parse");
  }
  const std::vector<std::string> paths = NodePaths(graph);
  std::map<std::string, std::string> friendly;  // key -> name
  for (int node = 0; node < graph.nodes_size(); ++node) {
    for (const auto& attribute : graph.nodes(node).attributes()) {
      std::string name = attribute.full_name();
      if (name.empty()) {
        name = paths[node];
        if (attribute.name() != kVariableValue)
          absl::StrAppend(&name, "/", attribute.name());
      }
      if (!name.empty()) friendly[attribute.checkpoint_key()] = name;
    }
  }
  // Names must stay unique: a friendly name that is also another tensor's key
  // or another tensor's friendly name is not used.
  std::map<std::string, int> uses;
  for (const BundleTensor& t : tensors_) {
    auto it = friendly.find(t.key);
    ++uses[it == friendly.end() ? t.key : it->second];
    if (it != friendly.end()) ++uses[t.key];
  }
  for (BundleTensor& t : tensors_) {
    auto it = friendly.find(t.key);
    if (it != friendly.end() && uses[it->second] == 1) t.name = it->second;
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> Float32RowStream::Next(std::span<char> buffer) {
  const size_t values = static_cast<size_t>(
      std::min<uint64_t>(buffer.size() / 4, (size_ - produced_) / 4));
  if (values == 0) return 0;
  const uint64_t at = offset_ + produced_ / 4 * element_;
  if (dtype_ == tensorboard::DT_FLOAT) {
    if (absl::Status s = shards_->Read(shard_, at, 4 * values, buffer.data());
        !s.ok()) {
      return s;
    }
  } else {
    const size_t chunk = std::min(values, kChunkBytes / element_);
    stored_.resize(chunk * element_);
    if (absl::Status s = shards_->Read(shard_, at, stored_.size(),
                                       stored_.data());
        !s.ok()) {
      return s;
    }
    Convert(dtype_, stored_.data(), chunk, buffer.data());
    produced_ += 4 * chunk;
    return 4 * chunk;
  }
  produced_ += 4 * values;
  return 4 * values;
}

absl::StatusOr<Float32RowStream> TensorBundle::StreamFloat32(
    const BundleTensor& tensor, int64_t max_rows) const {
  const size_t element = ElementBytes(tensor.dtype);
  if (element == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("tensor \"", tensor.name, "\" has dtype ",
                     tensorboard::DataType_Name(
                         static_cast<tensorboard::DataType>(tensor.dtype)),
                     "; only float32, float64, float16 and bfloat16 are read"));
  }
  if (tensor.partitioned) {
    return absl::InvalidArgumentError(
        absl::StrCat("tensor \"", tensor.name,
                     "\" is partitioned; tbx reads whole tensors"));
  }
  if (tensor.shape.size() != 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("tensor \"", tensor.name, "\" is not 2-D"));
  }
  const uint64_t rows = static_cast<uint64_t>(tensor.shape[0]);
  const uint64_t cols = static_cast<uint64_t>(tensor.shape[1]);
  if (cols != 0 && rows > (UINT64_MAX / element) / cols) {
    return absl::DataLossError("tensor shape overflows");
  }
  if (rows * cols * element != tensor.size) {
    return absl::DataLossError(
        absl::StrCat("tensor \"", tensor.name, "\" of shape [", rows, ", ",
                     cols, "] should hold ", rows * cols * element,
                     " bytes but its entry says ", tensor.size));
  }
  // The CRC covers the whole stored tensor, so it is checked before anything
  // is handed out (a hardware CRC over data the page cache holds after).
  std::string chunk;
  uint32_t crc = 0;
  for (uint64_t done = 0; done < tensor.size;) {
    const size_t n = static_cast<size_t>(
        std::min<uint64_t>(kChunkBytes, tensor.size - done));
    chunk.resize(n);
    if (absl::Status s =
            shards_->Read(tensor.shard, tensor.offset + done, n, chunk.data());
        !s.ok()) {
      return s;
    }
    crc = crc32c::Extend(crc, chunk.data(), n);
    done += n;
  }
  if (crc != crc32c::Unmask(tensor.masked_crc32c)) {
    return absl::DataLossError(
        absl::StrCat("bad CRC for tensor \"", tensor.name, "\""));
  }
  Float32RowStream stream;
  stream.shards_ = shards_;
  stream.shard_ = tensor.shard;
  stream.offset_ = tensor.offset;
  stream.dtype_ = tensor.dtype;
  stream.element_ = element;
  const uint64_t keep_rows =
      max_rows < 0 ? rows : std::min<uint64_t>(rows, max_rows);
  stream.size_ = keep_rows * cols * 4;
  return stream;
}

absl::Status TensorBundle::AppendFloat32(const BundleTensor& tensor,
                                         int64_t max_rows,
                                         std::string* out) const {
  absl::StatusOr<Float32RowStream> stream = StreamFloat32(tensor, max_rows);
  if (!stream.ok()) return stream.status();
  const size_t original = out->size();
  out->resize(original + stream->size());
  for (size_t at = original; at < out->size();) {
    absl::StatusOr<size_t> n =
        stream->Next(std::span<char>(out->data() + at, out->size() - at));
    if (!n.ok() || *n == 0) {
      out->resize(original);
      return n.ok() ? absl::DataLossError("tensor ended early") : n.status();
    }
    at += *n;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> TensorBundle::ReadScalarString(
    const BundleTensor& tensor) const {
  if (tensor.dtype != tensorboard::DT_STRING || !tensor.shape.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("tensor \"", tensor.name, "\" is not a scalar string"));
  }
  if (tensor.size > kMaxIndexBytes || tensor.size < 5) {
    return absl::DataLossError(absl::StrCat("string tensor \"", tensor.name,
                                            "\" has size ", tensor.size));
  }
  std::string bytes(static_cast<size_t>(tensor.size), '\0');
  if (absl::Status s = shards_->Read(tensor.shard, tensor.offset, bytes.size(),
                                     bytes.data());
      !s.ok()) {
    return s;
  }
  // [varint64 length][masked CRC of the length as uint32/uint64][bytes]
  uint64_t length = 0;
  size_t pos = 0;
  for (int shift = 0; pos < bytes.size() && shift < 64; shift += 7) {
    const uint8_t b = static_cast<uint8_t>(bytes[pos++]);
    length |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) break;
  }
  if (pos + 4 > bytes.size() || length != bytes.size() - pos - 4) {
    return absl::DataLossError(
        absl::StrCat("string tensor \"", tensor.name, "\" has a bad length"));
  }
  uint32_t crc = 0;
  if (length <= UINT32_MAX) {
    const uint32_t narrow = static_cast<uint32_t>(length);
    crc = crc32c::Extend(crc, reinterpret_cast<const char*>(&narrow), 4);
  } else {
    crc = crc32c::Extend(crc, reinterpret_cast<const char*>(&length), 8);
  }
  uint32_t length_crc;
  std::memcpy(&length_crc, bytes.data() + pos, 4);
  if (crc32c::Unmask(length_crc) != crc) {
    return absl::DataLossError(
        absl::StrCat("bad length CRC in string tensor \"", tensor.name, "\""));
  }
  crc = crc32c::Extend(crc, bytes.data() + pos, 4);
  crc = crc32c::Extend(crc, bytes.data() + pos + 4, length);
  if (crc != crc32c::Unmask(tensor.masked_crc32c)) {
    return absl::DataLossError(
        absl::StrCat("bad CRC for tensor \"", tensor.name, "\""));
  }
  return bytes.substr(pos + 4);
}

}  // namespace tbx::plugins::projector
