// EventWriter: every Add* method's output, read back with RecordReader and
// parsed by protobuf.
#include "tbx/event_writer.h"

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "proto/event.pb.h"
#include "src/data/record_reader.h"

namespace tbx {
namespace {

std::string TestPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) /
          ("event_writer_" + name))
      .string();
}

// Every Event in the file at `path`, in order; fails the test on any
// corruption.
std::vector<tensorboard::Event> ReadEvents(const std::string& path) {
  absl::StatusOr<std::unique_ptr<ReadableFile>> file = OpenReadableFile(path);
  EXPECT_TRUE(file.ok()) << file.status();
  if (!file.ok()) return {};
  RecordReader reader(*std::move(file));
  reader.set_corruption_callback([](const CorruptionReport& r) {
    ADD_FAILURE() << r.what << " at " << r.offset;
  });
  std::vector<tensorboard::Event> events;
  std::string_view data;
  uint64_t offset;
  while (reader.Next(&data, &offset) == RecordReader::Result::kRecord) {
    tensorboard::Event event;
    EXPECT_TRUE(
        event.ParseFromArray(data.data(), static_cast<int>(data.size())));
    events.push_back(event);
  }
  return events;
}

// Writes with `write`, closes the writer, and returns the events after the
// file_version one.
template <typename Write>
std::vector<tensorboard::Event> WriteAndRead(const std::string& name,
                                             Write write) {
  const std::string path = TestPath(name);
  {
    absl::StatusOr<std::unique_ptr<EventWriter>> writer =
        EventWriter::CreateAtPath(path);
    EXPECT_TRUE(writer.ok()) << writer.status();
    write(**writer);
  }
  std::vector<tensorboard::Event> events = ReadEvents(path);
  EXPECT_FALSE(events.empty());
  if (events.empty()) return events;
  EXPECT_EQ(events[0].file_version(), "brain.Event:2");
  events.erase(events.begin());
  return events;
}

std::vector<double> DoublesOf(const std::string& content) {
  std::vector<double> out(content.size() / 8);
  std::memcpy(out.data(), content.data(), out.size() * 8);
  return out;
}

Tensor NumericTensor(DType dtype, std::vector<int64_t> shape,
                     std::vector<double> numbers) {
  Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.numbers = std::move(numbers);
  return t;
}

std::vector<int64_t> ShapeOf(const tensorboard::TensorProto& t) {
  std::vector<int64_t> dims;
  for (const auto& d : t.tensor_shape().dim()) dims.push_back(d.size());
  return dims;
}

TEST(EventWriterTest, FileStartsWithTheVersionEventAtTheCurrentTime) {
  const double before = absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch());
  const std::string path = TestPath("version");
  ASSERT_TRUE(EventWriter::CreateAtPath(path).ok());
  std::vector<tensorboard::Event> events = ReadEvents(path);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].file_version(), "brain.Event:2");
  EXPECT_GE(events[0].wall_time(), before - 1);
  EXPECT_LE(events[0].wall_time(), before + 60);
}

TEST(EventWriterTest,
     ScalarIsAFloatTensorWithScalarsMetadataOnTheFirstValueOnly) {
  auto events = WriteAndRead("scalar", [](EventWriter& w) {
    ASSERT_TRUE(w.AddScalar("loss", 0.5, 10, 1700000000.5, "the *loss*").ok());
    ASSERT_TRUE(w.AddScalar("loss", 0.25, 11, 1700000001).ok());
  });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].step(), 10);
  EXPECT_EQ(events[0].wall_time(), 1700000000.5);
  const auto& v = events[0].summary().value(0);
  EXPECT_EQ(v.tag(), "loss");
  EXPECT_EQ(v.tensor().dtype(), tensorboard::DT_FLOAT);
  EXPECT_TRUE(ShapeOf(v.tensor()).empty());
  ASSERT_EQ(v.tensor().float_val_size(), 1);
  EXPECT_EQ(v.tensor().float_val(0), 0.5f);
  EXPECT_EQ(v.metadata().plugin_data().plugin_name(), "scalars");
  EXPECT_EQ(v.metadata().plugin_data().content(), "");
  EXPECT_EQ(v.metadata().summary_description(), "the *loss*");
  EXPECT_EQ(v.metadata().data_class(), tensorboard::DATA_CLASS_SCALAR);
  EXPECT_FALSE(events[1].summary().value(0).has_metadata());
  EXPECT_EQ(events[1].summary().value(0).tensor().float_val(0), 0.25f);
}

TEST(EventWriterTest, HistogramHasEqualWidthBucketsAsTfSummaryHistogram) {
  auto events = WriteAndRead("histogram", [](EventWriter& w) {
    ASSERT_TRUE(w.AddHistogram("h", {0, 1, 2, 3}, 1, 1, 3).ok());
  });
  ASSERT_EQ(events.size(), 1u);
  const auto& v = events[0].summary().value(0);
  EXPECT_EQ(v.tensor().dtype(), tensorboard::DT_DOUBLE);
  EXPECT_EQ(ShapeOf(v.tensor()), (std::vector<int64_t>{3, 3}));
  // width 1: 0 -> [0,1), 1 -> [1,2), 2 and the maximum 3 -> the last bucket.
  EXPECT_EQ(DoublesOf(v.tensor().tensor_content()),
            (std::vector<double>{0, 1, 1, 1, 2, 1, 2, 3, 2}));
  EXPECT_EQ(v.metadata().plugin_data().plugin_name(), "histograms");
  EXPECT_EQ(v.metadata().data_class(), tensorboard::DATA_CLASS_TENSOR);
}

TEST(EventWriterTest, HistogramEdgeCasesFollowTensorBoard) {
  auto events = WriteAndRead("histogram_edges", [](EventWriter& w) {
    ASSERT_TRUE(w.AddHistogram("empty", {}, 0, 1).ok());
    ASSERT_TRUE(
        w.AddHistogram("constant", std::vector<double>(50, 2.5), 0, 1, 4).ok());
    ASSERT_TRUE(w.AddHistogram("none", {1, 2}, 0, 1, 0).ok());
    EXPECT_EQ(w.AddHistogram("nan", {1, std::nan("")}, 0, 1).code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(w.AddHistogram("negative", {1}, 0, 1, -1).code(),
              absl::StatusCode::kInvalidArgument);
  });
  ASSERT_EQ(events.size(), 3u);
  const auto& empty = events[0].summary().value(0).tensor();
  EXPECT_EQ(ShapeOf(empty), (std::vector<int64_t>{30, 3}));
  EXPECT_EQ(DoublesOf(empty.tensor_content()), std::vector<double>(90, 0.0));
  const auto& constant = events[1].summary().value(0).tensor();
  EXPECT_EQ(ShapeOf(constant), (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(DoublesOf(constant.tensor_content()),
            (std::vector<double>{2.5, 2.5, 0, 2.5, 2.5, 0, 2.5, 2.5, 0, 2.5,
                                 2.5, 50}));
  EXPECT_EQ(ShapeOf(events[2].summary().value(0).tensor()),
            (std::vector<int64_t>{0, 3}));
}

TEST(EventWriterTest, ImagesAreAStringTensorOfWidthHeightAndImages) {
  auto events = WriteAndRead("images", [](EventWriter& w) {
    ASSERT_TRUE(
        w.AddImages("img", 4, 3, {"\x89PNG one", "\x89PNG two"}, 5, 1).ok());
  });
  ASSERT_EQ(events.size(), 1u);
  const auto& v = events[0].summary().value(0);
  EXPECT_EQ(v.tensor().dtype(), tensorboard::DT_STRING);
  EXPECT_EQ(ShapeOf(v.tensor()), (std::vector<int64_t>{4}));
  ASSERT_EQ(v.tensor().string_val_size(), 4);
  EXPECT_EQ(v.tensor().string_val(0), "4");
  EXPECT_EQ(v.tensor().string_val(1), "3");
  EXPECT_EQ(v.tensor().string_val(3), "\x89PNG two");
  EXPECT_EQ(v.metadata().plugin_data().plugin_name(), "images");
  EXPECT_EQ(v.metadata().data_class(), tensorboard::DATA_CLASS_BLOB_SEQUENCE);
}

TEST(EventWriterTest, AudioIsClipLabelPairsWithWavEncoding) {
  auto events = WriteAndRead("audio", [](EventWriter& w) {
    ASSERT_TRUE(w.AddAudio("a", {"RIFF1", "RIFF2"}, {"one", "two"}, 2, 1).ok());
    ASSERT_TRUE(w.AddAudio("unlabelled", {"RIFF3"}, {}, 2, 1).ok());
    EXPECT_EQ(w.AddAudio("bad", {"RIFF"}, {"x", "y"}, 2, 1).code(),
              absl::StatusCode::kInvalidArgument);
  });
  ASSERT_EQ(events.size(), 2u);
  const auto& v = events[0].summary().value(0);
  EXPECT_EQ(ShapeOf(v.tensor()), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(v.tensor().string_val(0), "RIFF1");
  EXPECT_EQ(v.tensor().string_val(1), "one");
  EXPECT_EQ(v.tensor().string_val(2), "RIFF2");
  EXPECT_EQ(v.tensor().string_val(3), "two");
  EXPECT_EQ(v.metadata().plugin_data().plugin_name(), "audio");
  // AudioPluginData{encoding: WAV = 11}: field 2, varint 11.
  EXPECT_EQ(v.metadata().plugin_data().content(), std::string("\x10\x0b", 2));
  // Unset like tf.summary.audio, so readers project the [k, 2] tensor to its
  // clips.
  EXPECT_EQ(v.metadata().data_class(), tensorboard::DATA_CLASS_UNKNOWN);
  EXPECT_EQ(events[1].summary().value(0).tensor().string_val(1), "");
}

TEST(EventWriterTest, TextIsARankZeroStringTensor) {
  auto events = WriteAndRead("text", [](EventWriter& w) {
    ASSERT_TRUE(w.AddText("notes", "hello *world*", 3, 1).ok());
  });
  ASSERT_EQ(events.size(), 1u);
  const auto& v = events[0].summary().value(0);
  EXPECT_EQ(v.tensor().dtype(), tensorboard::DT_STRING);
  EXPECT_TRUE(v.tensor().has_tensor_shape());
  EXPECT_TRUE(ShapeOf(v.tensor()).empty());
  ASSERT_EQ(v.tensor().string_val_size(), 1);
  EXPECT_EQ(v.tensor().string_val(0), "hello *world*");
  EXPECT_EQ(v.metadata().plugin_data().plugin_name(), "text");
  EXPECT_EQ(v.metadata().data_class(), tensorboard::DATA_CLASS_TENSOR);
}

TEST(EventWriterTest, TensorIsEncodedLittleEndianInItsDtype) {
  auto events = WriteAndRead("tensor", [](EventWriter& w) {
    Tensor ints = NumericTensor(DType::kInt32, {2, 2}, {1, -2, 3, 70000});
    ASSERT_TRUE(
        w.AddTensor("t/int", ints, "custom", "cfg", 1, 1, DataClass::kTensor)
            .ok());
    Tensor halves =
        NumericTensor(DType::kHalf, {5}, {1, -2, 65504, 0x1p-24, 1e9});
    ASSERT_TRUE(w.AddTensor("t/half", halves, "custom", "", 1, 1).ok());
    Tensor strings;
    strings.dtype = DType::kString;
    strings.shape = {2};
    strings.strings = {"a", "b"};
    ASSERT_TRUE(w.AddTensor("t/str", strings, "custom", "", 1, 1).ok());
    Tensor short_tensor = NumericTensor(DType::kFloat, {3}, {1, 2});
    EXPECT_EQ(w.AddTensor("bad", short_tensor, "custom", "", 1, 1).code(),
              absl::StatusCode::kInvalidArgument);
    for (auto [dtype, value] :
         std::vector<std::pair<DType, double>>{{DType::kInt8, 300},
                                               {DType::kInt64, 0x1p63},
                                               {DType::kUInt64, 0x1p64},
                                               {DType::kUInt8, -1},
                                               {DType::kInt32, 0.5}}) {
      EXPECT_EQ(w.AddTensor("bad", NumericTensor(dtype, {}, {value}), "custom",
                            "", 1, 1)
                    .code(),
                absl::StatusCode::kInvalidArgument)
          << value;
    }
    Tensor overflow = NumericTensor(DType::kInt8, {}, {300});
    EXPECT_EQ(w.AddTensor("bad", overflow, "custom", "", 1, 1).code(),
              absl::StatusCode::kInvalidArgument);
  });
  ASSERT_EQ(events.size(), 3u);
  const auto& ints = events[0].summary().value(0);
  EXPECT_EQ(ints.tensor().dtype(), tensorboard::DT_INT32);
  EXPECT_EQ(ShapeOf(ints.tensor()), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(
      ints.tensor().tensor_content(),
      std::string("\x01\0\0\0\xfe\xff\xff\xff\x03\0\0\0\x70\x11\x01\0", 16));
  EXPECT_EQ(ints.metadata().plugin_data().plugin_name(), "custom");
  EXPECT_EQ(ints.metadata().plugin_data().content(), "cfg");
  EXPECT_EQ(ints.metadata().data_class(), tensorboard::DATA_CLASS_TENSOR);
  // binary16: 1 = 0x3c00, -2 = 0xc000, 65504 = 0x7bff (largest), 2^-24 =
  // 0x0001, 1e9 = inf.
  EXPECT_EQ(events[1].summary().value(0).tensor().tensor_content(),
            std::string("\x00\x3c\x00\xc0\xff\x7b\x01\x00\x00\x7c", 10));
  EXPECT_EQ(events[2].summary().value(0).tensor().string_val(1), "b");
}

TEST(EventWriterTest, SessionStartAndSerializedEvents) {
  tensorboard::Event raw;
  raw.set_step(99);
  raw.mutable_log_message()->set_message("hi");
  auto events = WriteAndRead("session", [&](EventWriter& w) {
    ASSERT_TRUE(w.AddSessionStart(7, 2).ok());
    ASSERT_TRUE(w.WriteSerializedEvent(raw.SerializeAsString()).ok());
  });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].session_log().status(), tensorboard::SessionLog::START);
  EXPECT_EQ(events[0].step(), 7);
  EXPECT_EQ(events[1].log_message().message(), "hi");
}

TEST(EventWriterTest, CreateNamesTheFileLikeTensorFlowInANewDirectory) {
  const std::string dir = TestPath("dir") + "/nested/run";
  absl::StatusOr<std::unique_ptr<EventWriter>> writer =
      EventWriter::Create(dir, ".v2");
  ASSERT_TRUE(writer.ok()) << writer.status();
  const std::filesystem::path path((*writer)->path());
  EXPECT_EQ(path.parent_path(), std::filesystem::path(dir));
  EXPECT_EQ(path.filename().string().rfind("events.out.tfevents.", 0), 0u);
  EXPECT_TRUE(path.filename().string().ends_with(".v2"));
  ASSERT_TRUE((*writer)->AddScalar("x", 1, 0).ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  // Visible after Flush, with the writer still open.
  EXPECT_EQ(ReadEvents(path.string()).size(), 2u);
}

TEST(EventWriterTest, FlushReportsAFullDisk) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  absl::StatusOr<std::unique_ptr<EventWriter>> writer =
      EventWriter::CreateAtPath("/dev/full");
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->AddScalar("x", 1, 0).ok());  // buffered so far
  EXPECT_EQ((*writer)->Flush().code(), absl::StatusCode::kResourceExhausted);
}

TEST(EventWriterTest, CreateInAnUnwritablePlaceFails) {
  EXPECT_FALSE(
      EventWriter::CreateAtPath("/nonexistent/dir/events.out.tfevents.1").ok());
}

}  // namespace
}  // namespace tbx
