// RecordReader on clean, growing, truncated and damaged files.
#include "src/data/record_reader.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "src/data/crc32c.h"
#include "src/data/record_writer.h"
#include "tests/testing/growing_file.h"

namespace tbx {
namespace {

using ::tbx::testing::GrowingFile;
using Result = RecordReader::Result;

std::vector<std::string> Payloads(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(absl::StrCat("record-", i, std::string(i * 7, 'p')));
  return out;
}

std::string Frame(const std::vector<std::string>& payloads) {
  std::string out;
  for (const std::string& p : payloads) AppendRecord(p, &out);
  return out;
}

// Offset of record i in Frame(payloads).
uint64_t OffsetOf(const std::vector<std::string>& payloads, size_t i) {
  uint64_t offset = 0;
  for (size_t k = 0; k < i; ++k) offset += FramedRecordSize(payloads[k].size());
  return offset;
}

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 random(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(random());
  return out;
}

// A reader over a growing in-memory file, recording what it returns and
// reports.
class Harness {
 public:
  explicit Harness(std::string_view initial = "", uint64_t start = 0) {
    auto [file, contents] = GrowingFile::Create(initial);
    contents_ = contents;
    reader_ = std::make_unique<RecordReader>(std::move(file), start);
    reader_->set_corruption_callback(
        [this](const CorruptionReport& report) { reports.push_back(report); });
  }

  void Append(std::string_view bytes) { contents_->bytes.append(bytes); }
  std::string& bytes() { return contents_->bytes; }
  GrowingFile::Contents& contents() { return *contents_; }
  RecordReader& reader() { return *reader_; }

  // Reads until the reader has nothing more; returns the payloads read by this
  // call.
  std::vector<std::string> ReadAvailable() {
    std::vector<std::string> got;
    for (;;) {
      std::string_view data;
      uint64_t offset;
      Result r = reader_->Next(&data, &offset);
      if (r != Result::kRecord) {
        last_result = r;
        return got;
      }
      got.emplace_back(data);
      offsets.push_back(offset);
    }
  }

  std::vector<CorruptionReport> reports;
  std::vector<uint64_t> offsets;
  Result last_result = Result::kRecord;

 private:
  GrowingFile::Handle contents_;
  std::unique_ptr<RecordReader> reader_;
};

TEST(RecordReaderTest, ReadsEveryRecordOfACleanFileWithItsOffset) {
  const std::vector<std::string> payloads = {"", "a", std::string(5000, 'b'),
                                             "last"};
  Harness h(Frame(payloads));
  EXPECT_EQ(h.ReadAvailable(), payloads);
  EXPECT_EQ(h.last_result, Result::kEndOfData);
  EXPECT_EQ(h.offsets, (std::vector<uint64_t>{0, OffsetOf(payloads, 1),
                                              OffsetOf(payloads, 2),
                                              OffsetOf(payloads, 3)}));
  EXPECT_EQ(h.reader().offset(), h.bytes().size());
  EXPECT_TRUE(h.reports.empty());
}

TEST(RecordReaderTest, EmptyFileIsEndOfDataAtZero) {
  Harness h;
  EXPECT_TRUE(h.ReadAvailable().empty());
  EXPECT_EQ(h.last_result, Result::kEndOfData);
  EXPECT_EQ(h.reader().offset(), 0u);
}

TEST(RecordReaderTest, RecordLargerThanTheReadBufferIsReturnedWhole) {
  const std::vector<std::string> payloads = {"small", RandomBytes(5 << 20, 1),
                                             "after"};
  Harness h(Frame(payloads));
  EXPECT_EQ(h.ReadAvailable(), payloads);
  EXPECT_TRUE(h.reports.empty());
}

TEST(RecordReaderTest, ManyRecordsAcrossBufferRefills) {
  std::vector<std::string> payloads;
  for (int i = 0; i < 50000; ++i)
    payloads.push_back(absl::StrCat("payload number ", i));
  Harness h(Frame(payloads));
  EXPECT_EQ(h.ReadAvailable(), payloads);
}

// Every split point of the file: mid-header, mid-payload, mid-footer and on
// boundaries.
TEST(RecordReaderTest, FileGrowingAtAnySplitPointCompletesOnTheNextRead) {
  const std::vector<std::string> payloads = {"first record", "second"};
  const std::string whole = Frame(payloads);
  for (size_t split = 0; split <= whole.size(); ++split) {
    SCOPED_TRACE(absl::StrCat("split at ", split));
    Harness h(whole.substr(0, split));
    std::vector<std::string> got = h.ReadAvailable();
    EXPECT_EQ(h.last_result, Result::kEndOfData);
    // The resume point is the first record not yet complete.
    const size_t complete = got.size();
    EXPECT_EQ(h.reader().offset(), OffsetOf(payloads, complete));
    h.Append(whole.substr(split));
    std::vector<std::string> rest = h.ReadAvailable();
    got.insert(got.end(), rest.begin(), rest.end());
    EXPECT_EQ(got, payloads);
    EXPECT_TRUE(h.reports.empty());
  }
}

TEST(RecordReaderTest, FileGrowingOneByteAtATime) {
  const std::vector<std::string> payloads = Payloads(5);
  const std::string whole = Frame(payloads);
  Harness h;
  std::vector<std::string> got;
  for (char c : whole) {
    h.Append(std::string(1, c));
    std::vector<std::string> now = h.ReadAvailable();
    got.insert(got.end(), now.begin(), now.end());
  }
  EXPECT_EQ(got, payloads);
  EXPECT_TRUE(h.reports.empty());
}

TEST(RecordReaderTest, TruncatedTailIsNotWrittenYetAndNotCorruption) {
  const std::vector<std::string> payloads = Payloads(3);
  std::string bytes = Frame(payloads);
  const std::string tail = FrameRecord("the record being written");
  Harness h(bytes + tail.substr(0, tail.size() - 3));
  EXPECT_EQ(h.ReadAvailable(), payloads);
  EXPECT_EQ(h.last_result, Result::kEndOfData);
  EXPECT_EQ(h.reader().offset(), bytes.size());
  // Asking again changes nothing.
  EXPECT_TRUE(h.ReadAvailable().empty());
  EXPECT_EQ(h.reader().offset(), bytes.size());
  EXPECT_TRUE(h.reports.empty());
}

TEST(RecordReaderTest, StartsAtAGivenOffset) {
  const std::vector<std::string> payloads = Payloads(4);
  Harness h(Frame(payloads), OffsetOf(payloads, 2));
  EXPECT_EQ(h.ReadAvailable(),
            (std::vector<std::string>{payloads[2], payloads[3]}));
}

struct Damage {
  const char* name;
  const char* what;
  // Damages the record framed at bytes[offset, offset + size).
  void (*apply)(std::string* bytes, size_t offset, size_t size);
};

const Damage kDamages[] = {
    {"bad length CRC", "bad length CRC",
     [](std::string* b, size_t offset, size_t) { (*b)[offset + 9] ^= 0x01; }},
    {"bad data CRC", "bad data CRC",
     [](std::string* b, size_t offset, size_t) { (*b)[offset + 14] ^= 0x40; }},
    {"flipped footer", "bad data CRC",
     [](std::string* b, size_t offset, size_t size) {
       (*b)[offset + size - 1] ^= 0x01;
     }},
    {"garbage length", "bad length CRC",
     [](std::string* b, size_t offset, size_t) {
       b->replace(offset, 8, "\xde\xad\xbe\xef\xde\xad\xbe\xef", 8);
     }},
    {"impossible length with a valid CRC", "impossible length",
     [](std::string* b, size_t offset, size_t) {
       const char length[8] = {0, 0, 0, 0, 0x10, 0, 0, 0};  // 2^36 bytes
       const uint32_t masked = crc32c::Mask(crc32c::Value(length, 8));
       b->replace(offset, 8, length, 8);
       b->replace(offset + 8, 4, reinterpret_cast<const char*>(&masked), 4);
     }},
};

TEST(RecordReaderTest,
     DamagedRecordIsReportedOnceAndEveryLaterRecordRecovered) {
  const std::vector<std::string> payloads = Payloads(8);
  for (const Damage& damage : kDamages) {
    SCOPED_TRACE(damage.name);
    std::string bytes = Frame(payloads);
    const size_t offset = OffsetOf(payloads, 3);
    const size_t size = FramedRecordSize(payloads[3].size());
    damage.apply(&bytes, offset, size);
    Harness h(bytes);
    std::vector<std::string> expected = payloads;
    expected.erase(expected.begin() + 3);
    EXPECT_EQ(h.ReadAvailable(), expected);
    EXPECT_EQ(h.last_result, Result::kEndOfData);
    ASSERT_EQ(h.reports.size(), 1u);
    EXPECT_EQ(h.reports[0].offset, offset);
    EXPECT_EQ(h.reports[0].bytes_skipped, size);
    EXPECT_EQ(h.reports[0].what, damage.what);
    // Reading on reports nothing new.
    EXPECT_TRUE(h.ReadAvailable().empty());
    EXPECT_EQ(h.reports.size(), 1u);
  }
}

TEST(RecordReaderTest, JunkBetweenRecordsIsSkipped) {
  const std::vector<std::string> payloads = Payloads(4);
  const std::string junk = RandomBytes(1000, 7);
  Harness h(FrameRecord(payloads[0]) + FrameRecord(payloads[1]) + junk +
            FrameRecord(payloads[2]) + FrameRecord(payloads[3]));
  EXPECT_EQ(h.ReadAvailable(), payloads);
  ASSERT_EQ(h.reports.size(), 1u);
  EXPECT_EQ(h.reports[0].offset, OffsetOf(payloads, 2));
  EXPECT_EQ(h.reports[0].bytes_skipped, junk.size());
}

TEST(RecordReaderTest, SeparateDamagesAreReportedSeparately) {
  const std::vector<std::string> payloads = Payloads(6);
  std::string bytes = Frame(payloads);
  bytes[OffsetOf(payloads, 1) + 13] ^= 1;
  bytes[OffsetOf(payloads, 4) + 2] ^= 1;
  Harness h(bytes);
  EXPECT_EQ(h.ReadAvailable(),
            (std::vector<std::string>{payloads[0], payloads[2], payloads[3],
                                      payloads[5]}));
  ASSERT_EQ(h.reports.size(), 2u);
  EXPECT_EQ(h.reports[0].offset, OffsetOf(payloads, 1));
  EXPECT_EQ(h.reports[0].what, "bad data CRC");
  EXPECT_EQ(h.reports[1].offset, OffsetOf(payloads, 4));
  EXPECT_EQ(h.reports[1].what, "bad length CRC");
}

TEST(RecordReaderTest, FileOfJunkIsReportedOnceAndYieldsNothing) {
  Harness h(RandomBytes(100000, 3));
  EXPECT_TRUE(h.ReadAvailable().empty());
  EXPECT_EQ(h.last_result, Result::kEndOfData);
  ASSERT_EQ(h.reports.size(), 1u);
  EXPECT_EQ(h.reports[0].offset, 0u);
  EXPECT_GT(h.reports[0].bytes_skipped, 100000u - 12);
  h.Append(RandomBytes(5000, 4));
  EXPECT_TRUE(h.ReadAvailable().empty());
  EXPECT_EQ(h.reports.size(), 1u);
}

// Damage at the end of what is written so far, then a valid record arriving in
// pieces: one report, and the record is returned once it is complete.
TEST(RecordReaderTest,
     DamageAtTheGrowingEndIsReportedOnceAndRecoveryFollowsTheWriter) {
  const std::vector<std::string> payloads = Payloads(3);
  const std::string good = FrameRecord(payloads[0]);
  const std::string junk =
      "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d";
  const std::string next = FrameRecord(payloads[1]) + FrameRecord(payloads[2]);
  Harness h(good + junk);
  EXPECT_EQ(h.ReadAvailable(), std::vector<std::string>{payloads[0]});
  ASSERT_EQ(h.reports.size(), 1u);
  EXPECT_EQ(h.reports[0].offset, good.size());
  std::vector<std::string> got;
  for (size_t i = 0; i < next.size(); i += 3) {
    h.Append(next.substr(i, 3));
    std::vector<std::string> now = h.ReadAvailable();
    got.insert(got.end(), now.begin(), now.end());
  }
  EXPECT_EQ(got, (std::vector<std::string>{payloads[1], payloads[2]}));
  EXPECT_EQ(h.reports.size(), 1u);
}

// What RunLoader does between reloads: a new reader per reload, resumed at the
// previous reader's offset, inside damage the previous reader reported.
TEST(RecordReaderTest, ANewReaderResumedInReportedDamageDoesNotReportItAgain) {
  const std::vector<std::string> payloads = Payloads(3);
  const std::string good = FrameRecord(payloads[0]);
  std::string damaged = FrameRecord(payloads[1]);
  damaged[damaged.size() - 6] ^= 0x5a;  // a payload byte: bad data CRC
  Harness first(good + damaged);
  EXPECT_EQ(first.ReadAvailable(), std::vector<std::string>{payloads[0]});
  ASSERT_EQ(first.reports.size(), 1u);
  ASSERT_TRUE(first.reader().resynchronising());

  const std::string later = FrameRecord(payloads[2]);
  Harness second(good + damaged + later, first.reader().offset());
  second.reader().ResumeInDamage();
  EXPECT_EQ(second.ReadAvailable(), std::vector<std::string>{payloads[2]});
  EXPECT_TRUE(second.reports.empty());
  EXPECT_FALSE(second.reader().resynchronising());

  // Without ResumeInDamage the leftover bytes look like fresh damage.
  Harness naive(good + damaged + later, first.reader().offset());
  EXPECT_EQ(naive.ReadAvailable(), std::vector<std::string>{payloads[2]});
  EXPECT_EQ(naive.reports.size(), 1u);
}

TEST(RecordReaderTest, ReadErrorIsReportedAndTheNextCallRetries) {
  const std::vector<std::string> payloads = Payloads(2);
  Harness h(Frame(payloads));
  h.contents().failing_reads = 1;
  std::string_view data;
  uint64_t offset;
  EXPECT_EQ(h.reader().Next(&data, &offset), Result::kIoError);
  EXPECT_EQ(h.reader().last_error().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(h.reader().offset(), 0u);
  EXPECT_EQ(h.ReadAvailable(), payloads);
  EXPECT_TRUE(h.reader().last_error().ok());
}

TEST(RecordReaderTest, ReadsInGrowingChunksNotRecordByRecord) {
  std::vector<std::string> payloads;
  for (int i = 0; i < 100000; ++i) payloads.push_back(absl::StrCat("p", i));
  Harness h(Frame(payloads));  // ~2.2 MB
  EXPECT_EQ(h.ReadAvailable().size(), payloads.size());
  // Reads of 64 KiB, 128 KiB, then 256 KiB at a time (the streaming size,
  // which stays in a core's L2 cache): 9 of those for the rest, then one that
  // sees the end.
  EXPECT_LE(h.contents().reads, 12);
}

TEST(RecordReaderTest, ReadersOneAfterAnotherOnAThreadEachReadTheirOwnFile) {
  // Readers on one thread hand their streaming buffer on: the next must see
  // only its own file's bytes, whether the earlier reader is gone or alive.
  auto payloads = [](const std::string& prefix) {
    std::vector<std::string> p;
    for (int i = 0; i < 40000; ++i) p.push_back(absl::StrCat(prefix, i));
    return p;
  };
  auto read_all = [](RecordReader* reader) {
    std::vector<std::string> out;
    std::string_view data;
    uint64_t at;
    while (reader->Next(&data, &at) == Result::kRecord) out.emplace_back(data);
    return out;
  };
  const auto a = payloads("a"), b = payloads("bb"), c = payloads("ccc");
  {
    auto [file, contents] = GrowingFile::Create(Frame(a));
    RecordReader reader(std::move(file));
    EXPECT_EQ(read_all(&reader), a);
  }
  auto [file_b, contents_b] = GrowingFile::Create(Frame(b));
  RecordReader reader_b(std::move(file_b));
  EXPECT_EQ(read_all(&reader_b), b);
  auto [file_c, contents_c] = GrowingFile::Create(Frame(c));
  RecordReader reader_c(std::move(file_c));
  EXPECT_EQ(read_all(&reader_c), c);
  EXPECT_EQ(read_all(&reader_b), std::vector<std::string>());
}

TEST(RecordReaderTest, OneRecordAtAnOffsetReadsLittle) {
  std::vector<std::string> payloads(20, std::string(100000, 'x'));  // 2 MB
  const uint64_t offset = OffsetOf(payloads, 10);
  auto [file, contents] = GrowingFile::Create(Frame(payloads));
  RecordReader reader(std::move(file), offset);
  std::string_view data;
  uint64_t at;
  ASSERT_EQ(reader.Next(&data, &at), Result::kRecord);
  EXPECT_EQ(at, offset);
  EXPECT_EQ(data.size(), 100000u);
  EXPECT_EQ(contents->reads, 2);  // 64 KiB, then the rest of the record
}

}  // namespace
}  // namespace tbx
