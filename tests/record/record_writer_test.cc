// Record framing: byte-exact against a record TensorBoard wrote, and round
// trips through a file.
#include "src/data/record_writer.h"

#include <cstdio>
#include <filesystem>
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "src/data/record_reader.h"

namespace tbx {
namespace {

// The first record of an events file written by TensorBoard 2.22
// (tensorboard.summary.Writer): the file_version Event.
constexpr char kTensorBoardEventHex[] =
    "09b2e4576786c0da411a0d627261696e2e4576656e743a32522e0a2c74656e736f72626f61"
    "72642e73756d6d61"
    "72792e7772697465722e6576656e745f66696c655f777269746572";

std::string LittleEndian(uint64_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>(v >> (8 * i)));
  return out;
}

TEST(RecordWriterTest, FramesExactlyAsTensorBoardDoes) {
  const std::string data = absl::HexStringToBytes(kTensorBoardEventHex);
  ASSERT_EQ(data.size(), 72u);
  const std::string expected = LittleEndian(72, 8) +
                               LittleEndian(0x9d4892fe, 4) + data +
                               LittleEndian(0xd96eab65, 4);
  EXPECT_EQ(FrameRecord(data), expected);
  EXPECT_EQ(FrameRecord(data).size(), FramedRecordSize(72));
}

TEST(RecordWriterTest, AppendRecordAppends) {
  std::string out = "prefix";
  AppendRecord("abc", &out);
  EXPECT_EQ(out, "prefix" + FrameRecord("abc"));
}

TEST(RecordWriterTest, RoundTripsThroughAFileOnDisk) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "record_writer_round_trip")
          .string();
  const std::vector<std::string> records = {"", "one",
                                            std::string(3 << 20, 'x'), "last"};
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  for (const std::string& r : records) ASSERT_TRUE(WriteRecord(file, r).ok());
  ASSERT_EQ(std::fclose(file), 0);

  absl::StatusOr<std::unique_ptr<ReadableFile>> opened = OpenReadableFile(path);
  ASSERT_TRUE(opened.ok()) << opened.status();
  RecordReader reader(*std::move(opened));
  uint64_t expected_offset = 0;
  for (const std::string& r : records) {
    std::string_view data;
    uint64_t offset;
    ASSERT_EQ(reader.Next(&data, &offset), RecordReader::Result::kRecord);
    EXPECT_EQ(data, r);
    EXPECT_EQ(offset, expected_offset);
    expected_offset += FramedRecordSize(r.size());
  }
  std::string_view data;
  uint64_t offset;
  EXPECT_EQ(reader.Next(&data, &offset), RecordReader::Result::kEndOfData);
  EXPECT_EQ(reader.offset(), std::filesystem::file_size(path));
}

TEST(RecordWriterTest, FailedWriteIsAnError) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  std::FILE* full = std::fopen("/dev/full", "wb");
  ASSERT_NE(full, nullptr);
  std::setvbuf(full, nullptr, _IONBF, 0);  // so that fwrite itself fails
  EXPECT_EQ(WriteRecord(full, "data").code(),
            absl::StatusCode::kResourceExhausted);  // ENOSPC
  std::fclose(full);
}

TEST(ReadableFileTest, MissingFileIsNotFound) {
  absl::StatusOr<std::unique_ptr<ReadableFile>> opened =
      OpenReadableFile("/nonexistent/dir/events.out.tfevents.0");
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace tbx
