// Writing TensorFlow V2 checkpoints; see checkpoint_writer.h.
#include "tools/checkpoint_writer.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "plugins/projector/sorted_table.h"
#include "plugins/projector/tensor_bundle.h"
#include "proto/tensor.pb.h"
#include "proto/tensor_bundle.pb.h"
#include "src/data/crc32c.h"

namespace tbx::tools {
namespace {

using ::tensorboard::checkpoint::BundleEntryProto;
using ::tensorboard::checkpoint::BundleHeaderProto;
using ::tensorboard::checkpoint::TrackableObjectGraph;

void PutVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// A scalar string tensor's stored bytes and their (unmasked) CRC.
std::string EncodeString(const std::string& value, uint32_t* crc) {
  std::string out;
  PutVarint(&out, value.size());
  const uint32_t length = static_cast<uint32_t>(value.size());
  *crc = crc32c::Value(reinterpret_cast<const char*>(&length), 4);
  const uint32_t masked = crc32c::Mask(*crc);
  out.append(reinterpret_cast<const char*>(&masked), 4);
  *crc = crc32c::Extend(*crc, reinterpret_cast<const char*>(&masked), 4);
  out.append(value);
  *crc = crc32c::Extend(*crc, value.data(), value.size());
  return out;
}

absl::Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace

std::string MakeObjectGraph(const std::vector<GraphVariable>& graph) {
  TrackableObjectGraph proto;
  proto.add_nodes();  // the root
  std::map<std::string, int> nodes{{"", 0}};
  for (const GraphVariable& variable : graph) {
    std::string path;
    int parent = 0;
    const std::vector<std::string> parts = absl::StrSplit(variable.path, '/');
    for (const std::string& part : parts) {
      path = path.empty() ? part : absl::StrCat(path, "/", part);
      auto [it, added] = nodes.emplace(path, proto.nodes_size());
      if (added) {
        proto.add_nodes();
        auto* child = proto.mutable_nodes(parent)->add_children();
        child->set_node_id(it->second);
        child->set_local_name(part);
      }
      parent = it->second;
    }
    auto* attribute = proto.mutable_nodes(parent)->add_attributes();
    attribute->set_name("VARIABLE_VALUE");
    attribute->set_full_name(variable.full_name);
    attribute->set_checkpoint_key(variable.checkpoint_key);
  }
  return proto.SerializeAsString();
}

BundleBytes MakeBundle(std::vector<CheckpointTensor> tensors, int num_shards,
                       const std::vector<GraphVariable>& graph) {
  if (!graph.empty()) {
    tensors.push_back({"_CHECKPOINTABLE_OBJECT_GRAPH",
                       tensorboard::DT_STRING,
                       {},
                       MakeObjectGraph(graph),
                       0});
  }
  std::sort(tensors.begin(), tensors.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  BundleBytes out;
  out.shards.resize(num_shards);
  std::vector<plugins::projector::TableEntry> entries;
  BundleHeaderProto header;
  header.set_num_shards(num_shards);
  header.mutable_version()->set_producer(1);
  entries.push_back({"", header.SerializeAsString()});
  for (const CheckpointTensor& tensor : tensors) {
    std::string& shard = out.shards[tensor.shard];
    BundleEntryProto entry;
    entry.set_dtype(static_cast<tensorboard::DataType>(tensor.dtype));
    for (int64_t d : tensor.shape)
      entry.mutable_shape()->add_dim()->set_size(d);
    entry.set_shard_id(tensor.shard);
    entry.set_offset(static_cast<int64_t>(shard.size()));
    uint32_t crc = 0;
    std::string stored = tensor.dtype == tensorboard::DT_STRING
                             ? EncodeString(tensor.bytes, &crc)
                             : tensor.bytes;
    if (tensor.dtype != tensorboard::DT_STRING)
      crc = crc32c::Value(stored.data(), stored.size());
    entry.set_size(static_cast<int64_t>(stored.size()));
    entry.set_crc32c(crc32c::Mask(crc));
    shard.append(stored);
    shard.resize((shard.size() + 7) / 8 * 8, '\0');  // aligned, as TF may pad
    entries.push_back({tensor.key, entry.SerializeAsString()});
  }
  out.index = plugins::projector::WriteSortedTable(entries, 256, 4);
  return out;
}

absl::Status WriteCheckpoint(const std::string& prefix,
                             std::vector<CheckpointTensor> tensors,
                             int num_shards,
                             const std::vector<GraphVariable>& graph) {
  const BundleBytes bundle = MakeBundle(std::move(tensors), num_shards, graph);
  if (absl::Status s = WriteFile(prefix + ".index", bundle.index); !s.ok())
    return s;
  for (int i = 0; i < num_shards; ++i) {
    if (absl::Status s =
            WriteFile(plugins::projector::ShardFileName(prefix, i, num_shards),
                      bundle.shards[i]);
        !s.ok())
      return s;
  }
  return absl::OkStatus();
}

absl::Status WriteCheckpointState(const std::string& dir,
                                  const std::string& relative_prefix) {
  return WriteFile(dir + "/checkpoint",
                   absl::StrCat("model_checkpoint_path: \"", relative_prefix,
                                "\"\nall_model_checkpoint_paths: \"",
                                relative_prefix, "\"\n"));
}

std::string Float32Bytes(const std::vector<float>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()),
                     values.size() * 4);
}

std::string Float64Bytes(const std::vector<double>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()),
                     values.size() * 8);
}

}  // namespace tbx::tools
