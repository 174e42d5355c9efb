// The record layer on event files written by real writers (PyTorch's
// SummaryWriter, TensorBoard's own writer) in ../shared/conformance/corpus:
// every record is intact, parses as an Event, and the scalar fast path agrees
// with protobuf on every record it accepts.
#include <bit>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "proto/event.pb.h"
#include "src/data/record_reader.h"
#include "src/data/scalar_fast_path.h"
#include "tests/testing/protobuf_scalar.h"

namespace tbx {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> CorpusEventFiles() {
  std::vector<fs::path> files;
  const fs::path corpus = fs::path(TBX_SHARED_DIR) / "conformance" / "corpus";
  std::error_code error;
  for (fs::recursive_directory_iterator it(corpus, error), end;
       !error && it != end; it.increment(error)) {
    if (it->is_regular_file() &&
        it->path().filename().string().find("tfevents") != std::string::npos) {
      files.push_back(it->path());
    }
  }
  return files;
}

TEST(CorpusTest, EveryRecordOfEveryRealWriterIsReadAndDecoded) {
  const std::vector<fs::path> files = CorpusEventFiles();
  if (files.empty()) {
    GTEST_SKIP() << "no event files under " << TBX_SHARED_DIR
                 << "/conformance/corpus (shared/ is not beside the checkout)";
  }
  int64_t records = 0, scalars = 0;
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    absl::StatusOr<std::unique_ptr<ReadableFile>> file =
        OpenReadableFile(path.string());
    ASSERT_TRUE(file.ok()) << file.status();
    RecordReader reader(*std::move(file));
    reader.set_corruption_callback([](const CorruptionReport& r) {
      ADD_FAILURE() << r.what << " at " << r.offset;
    });
    std::string_view data;
    uint64_t offset;
    bool first = true;
    while (reader.Next(&data, &offset) == RecordReader::Result::kRecord) {
      ++records;
      tensorboard::Event event;
      ASSERT_TRUE(
          event.ParseFromArray(data.data(), static_cast<int>(data.size())))
          << "at " << offset;
      if (first) {
        EXPECT_EQ(event.file_version(), "brain.Event:2");
      }
      first = false;
      ScalarEvent fast;
      if (!DecodeScalarEvent(data, &fast)) continue;
      ++scalars;
      const tensorboard::Summary::Value& value = event.summary().value(0);
      EXPECT_EQ(fast.step, event.step());
      EXPECT_EQ(fast.wall_time, event.wall_time());
      EXPECT_EQ(fast.tag, value.tag());
      EXPECT_EQ(std::bit_cast<uint64_t>(fast.value),
                std::bit_cast<uint64_t>(tbx::testing::ProtobufScalar(value)));
      EXPECT_EQ(fast.legacy_simple_value, value.has_simple_value());
      EXPECT_EQ(!fast.metadata.empty(), value.has_metadata());
    }
    EXPECT_EQ(reader.offset(), fs::file_size(path));
  }
  EXPECT_GT(records, 0);
  EXPECT_GT(scalars, 1000);  // torch_scalars and tb_native hold thousands
}

}  // namespace
}  // namespace tbx
