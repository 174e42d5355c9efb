// Tests of the projector's checkpoint reading: the sorted-table format (round
// trip across many blocks, CRC damage), the V2 tensor bundle (float32, float64,
// float16 and bfloat16 conversion, row limits, several shards, bad CRCs,
// truncated shards, sizes that disagree with shapes, unsupported dtypes) and
// TF2 object-graph names. Checkpoints come from tools/checkpoint_writer; the
// expected values are written out by hand.
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/projector/sorted_table.h"
#include "plugins/projector/tensor_bundle.h"
#include "proto/tensor.pb.h"
#include "tools/checkpoint_writer.h"

namespace tbx::plugins::projector {
namespace {

using ::tbx::tools::BundleBytes;
using ::tbx::tools::CheckpointTensor;
using ::tbx::tools::Float32Bytes;
using ::tbx::tools::Float64Bytes;
using ::tbx::tools::MakeBundle;
using ::testing::HasSubstr;

// Shards held in memory.
class MemoryShards : public ShardSource {
 public:
  explicit MemoryShards(std::vector<std::string> shards)
      : shards_(std::move(shards)) {}
  absl::Status Read(int shard, uint64_t offset, size_t n,
                    char* out) const override {
    if (shard < 0 || shard >= static_cast<int>(shards_.size()))
      return absl::NotFoundError("no shard");
    const std::string& s = shards_[shard];
    if (offset > s.size() || n > s.size() - offset)
      return absl::DataLossError("shard is truncated");
    std::memcpy(out, s.data() + offset, n);
    return absl::OkStatus();
  }

 private:
  std::vector<std::string> shards_;
};

absl::StatusOr<TensorBundle> Open(const BundleBytes& bytes) {
  return TensorBundle::FromIndex(bytes.index,
                                 std::make_shared<MemoryShards>(bytes.shards));
}

std::string Read(const TensorBundle& bundle, const std::string& name,
                 int64_t max_rows = -1) {
  const BundleTensor* tensor = bundle.Find(name);
  EXPECT_NE(tensor, nullptr) << name;
  if (tensor == nullptr) return "";
  std::string out;
  const absl::Status status = bundle.AppendFloat32(*tensor, max_rows, &out);
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

std::string U16Bytes(const std::vector<uint16_t>& values) {
  std::string out;
  for (uint16_t v : values) out.append(reinterpret_cast<const char*>(&v), 2);
  return out;
}

TEST(SortedTableTest, RoundTripsManyBlocksWithSharedPrefixes) {
  std::vector<TableEntry> entries;
  for (int i = 0; i < 500; ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "layer_%04d/kernel", i);
    entries.push_back({key, std::string(i % 7, 'v') + std::to_string(i)});
  }
  const std::string table = WriteSortedTable(entries, 128, 3);
  absl::StatusOr<std::vector<TableEntry>> read = ReadSortedTable(table);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ((*read)[i].key, entries[i].key);
    EXPECT_EQ((*read)[i].value, entries[i].value);
  }
}

TEST(SortedTableTest, DamageIsReportedNotCrashed) {
  const std::string table =
      WriteSortedTable({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  std::string flipped = table;
  flipped[2] ^= 0x40;  // inside the first data block
  EXPECT_THAT(ReadSortedTable(flipped).status().message(),
              HasSubstr("bad CRC"));
  EXPECT_THAT(ReadSortedTable(table.substr(0, 20)).status().message(),
              HasSubstr("shorter than its footer"));
  std::string bad_magic = table;
  bad_magic.back() ^= 1;
  EXPECT_THAT(ReadSortedTable(bad_magic).status().message(),
              HasSubstr("bad magic"));
  for (size_t cut = 0; cut < table.size(); ++cut) {
    EXPECT_FALSE(ReadSortedTable(table.substr(0, cut)).ok()) << cut;
  }
}

TEST(TensorBundleTest, ReadsFloat32RowsAndListsShapes) {
  absl::StatusOr<TensorBundle> bundle = Open(MakeBundle(
      {{"emb", tensorboard::DT_FLOAT, {3, 2}, Float32Bytes({1, 2, 3, 4, 5, 6})},
       {"bias", tensorboard::DT_FLOAT, {2}, Float32Bytes({7, 8})}}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  ASSERT_EQ(bundle->tensors().size(), 2u);
  EXPECT_EQ(bundle->tensors()[0].key, "bias");  // key order
  EXPECT_EQ(bundle->tensors()[1].shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(Read(*bundle, "emb"), Float32Bytes({1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(Read(*bundle, "emb", 2), Float32Bytes({1, 2, 3, 4}));
  EXPECT_EQ(bundle->Find("missing"), nullptr);
}

TEST(TensorBundleTest, ConvertsWiderAndNarrowerFloats) {
  // float16: 0x3c00 = 1, 0xc000 = -2, 0x3800 = 0.5, 0x7c00 = +inf.
  // bfloat16: 0x3f80 = 1, 0x4040 = 3, 0xbf00 = -0.5, 0x0000 = 0.
  absl::StatusOr<TensorBundle> bundle = Open(MakeBundle({
      {"f64", tensorboard::DT_DOUBLE, {1, 2}, Float64Bytes({0.25, -1e10})},
      {"f16",
       tensorboard::DT_HALF,
       {2, 2},
       U16Bytes({0x3c00, 0xc000, 0x3800, 0x7c00})},
      {"bf16",
       tensorboard::DT_BFLOAT16,
       {2, 2},
       U16Bytes({0x3f80, 0x4040, 0xbf00, 0x0000})},
  }));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(Read(*bundle, "f64"), Float32Bytes({0.25f, -1e10f}));
  EXPECT_EQ(Read(*bundle, "f16"), Float32Bytes({1.0f, -2.0f, 0.5f, INFINITY}));
  EXPECT_EQ(Read(*bundle, "bf16"), Float32Bytes({1.0f, 3.0f, -0.5f, 0.0f}));
}

TEST(TensorBundleTest, ConvertsTensorsLongerThanOneConversionBatch) {
  // 3,000 bfloat16 values (past the converter's 1,024-value batches): the
  // integers 0..255 are exact in bfloat16, whose bits are a float32's top 16.
  std::vector<uint16_t> bits;
  std::vector<float> expected;
  for (int i = 0; i < 3000; ++i) {
    const float value = static_cast<float>(i % 256);
    uint32_t word;
    std::memcpy(&word, &value, 4);
    bits.push_back(static_cast<uint16_t>(word >> 16));
    expected.push_back(value);
  }
  absl::StatusOr<TensorBundle> bundle = Open(MakeBundle(
      {{"bf16", tensorboard::DT_BFLOAT16, {1500, 2}, U16Bytes(bits)}}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(Read(*bundle, "bf16"), Float32Bytes(expected));
}

TEST(TensorBundleTest, ReadsEveryShard) {
  absl::StatusOr<TensorBundle> bundle = Open(MakeBundle(
      {{"a", tensorboard::DT_FLOAT, {1, 1}, Float32Bytes({1}), 0},
       {"b", tensorboard::DT_FLOAT, {1, 2}, Float32Bytes({2, 3}), 1}},
      2));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(Read(*bundle, "a"), Float32Bytes({1}));
  EXPECT_EQ(Read(*bundle, "b"), Float32Bytes({2, 3}));
}

TEST(TensorBundleTest, BadCrcAndTruncatedShardsAreErrors) {
  BundleBytes bytes = MakeBundle(
      {{"emb", tensorboard::DT_FLOAT, {2, 2}, Float32Bytes({1, 2, 3, 4})}});
  BundleBytes damaged = bytes;
  damaged.shards[0][5] ^= 1;
  absl::StatusOr<TensorBundle> bundle = Open(damaged);
  ASSERT_TRUE(bundle.ok());
  std::string out = "kept";
  absl::Status status = bundle->AppendFloat32(*bundle->Find("emb"), -1, &out);
  EXPECT_THAT(status.message(), HasSubstr("bad CRC"));
  EXPECT_EQ(out, "kept");

  BundleBytes truncated = bytes;
  truncated.shards[0].resize(9);
  bundle = Open(truncated);
  ASSERT_TRUE(bundle.ok());
  status = bundle->AppendFloat32(*bundle->Find("emb"), 1, &out);
  EXPECT_THAT(status.message(), HasSubstr("truncated"));
  EXPECT_EQ(out, "kept");
}

TEST(TensorBundleTest, SizeThatDisagreesWithShapeAndOtherDtypesAreErrors) {
  absl::StatusOr<TensorBundle> bundle = Open(MakeBundle({
      {"short", tensorboard::DT_FLOAT, {3, 2}, Float32Bytes({1, 2, 3, 4, 5})},
      {"ints", tensorboard::DT_INT32, {1, 1}, std::string(4, '\0')},
      {"vector", tensorboard::DT_FLOAT, {2}, Float32Bytes({1, 2})},
  }));
  ASSERT_TRUE(bundle.ok());
  std::string out;
  EXPECT_THAT(bundle->AppendFloat32(*bundle->Find("short"), -1, &out).message(),
              HasSubstr("should hold 24 bytes but its entry says 20"));
  EXPECT_THAT(bundle->AppendFloat32(*bundle->Find("ints"), -1, &out).message(),
              HasSubstr("DT_INT32"));
  EXPECT_THAT(
      bundle->AppendFloat32(*bundle->Find("vector"), -1, &out).message(),
      HasSubstr("not 2-D"));
  EXPECT_TRUE(out.empty());
}

TEST(TensorBundleTest, ObjectGraphGivesFriendlyNames) {
  const std::string key = "model/embedding/.ATTRIBUTES/VARIABLE_VALUE";
  const std::string other = "model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE";
  absl::StatusOr<TensorBundle> bundle = Open(
      MakeBundle({{key, tensorboard::DT_FLOAT, {2, 1}, Float32Bytes({1, 2})},
                  {other, tensorboard::DT_FLOAT, {1, 1}, Float32Bytes({3})}},
                 1,
                 {{"model/embedding", key, "embedding/embeddings"},
                  {"model/dense/kernel", other, ""}}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const BundleTensor* named = bundle->Find("embedding/embeddings");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->key, key);
  EXPECT_EQ(bundle->Find(key), named);  // the raw key still works
  // Without a full name, the object path names the variable.
  const BundleTensor* by_path = bundle->Find("model/dense/kernel");
  ASSERT_NE(by_path, nullptr);
  EXPECT_EQ(by_path->key, other);
  EXPECT_EQ(Read(*bundle, "embedding/embeddings"), Float32Bytes({1, 2}));
}

TEST(TensorBundleTest, DamagedObjectGraphKeepsRawKeys) {
  const std::string key = "v/.ATTRIBUTES/VARIABLE_VALUE";
  BundleBytes bytes =
      MakeBundle({{key, tensorboard::DT_FLOAT, {1, 1}, Float32Bytes({1})}}, 1,
                 {{"v", key, "friendly"}});
  // "_CHECKPOINTABLE_OBJECT_GRAPH" sorts before "v", so the graph starts the
  // shard: a varint length, a 4-byte CRC, then the bytes (byte 6 is one).
  bytes.shards[0][6] ^= 0x10;
  absl::StatusOr<TensorBundle> bundle = Open(bytes);
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ(bundle->Find("friendly"), nullptr);
  EXPECT_NE(bundle->Find(key), nullptr);
}

TEST(TensorBundleTest, HeaderProblemsAreErrors) {
  EXPECT_FALSE(TensorBundle::FromIndex(
                   WriteSortedTable({{"x", "y"}}),
                   std::make_shared<MemoryShards>(std::vector<std::string>{}))
                   .ok());
  EXPECT_FALSE(TensorBundle::FromIndex(
                   "not a table",
                   std::make_shared<MemoryShards>(std::vector<std::string>{}))
                   .ok());
}

}  // namespace
}  // namespace tbx::plugins::projector
