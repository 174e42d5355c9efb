// Fuzzes RecordReader over a file that grows in fuzzer-chosen steps, with
// valid records, raw bytes and bit flips mixed in. Checks that reading the file
// as it grows returns exactly the records and damage reports that one reader
// over the finished file returns: a record cut off by the end of the data must
// never be mistaken for corruption, and no damage may be reported twice.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "src/data/record_reader.h"
#include "src/data/record_writer.h"
#include "tests/testing/growing_file.h"

namespace tbx {
namespace {

struct Outcome {
  std::vector<std::pair<uint64_t, std::string>> records;  // offset, payload
  std::vector<uint64_t> damage_offsets;
};

class ObservedReader {
 public:
  ObservedReader(std::unique_ptr<ReadableFile> file, Outcome* outcome)
      : reader_(std::move(file)), outcome_(outcome) {
    reader_.set_corruption_callback([this](const CorruptionReport& r) {
      outcome_->damage_offsets.push_back(r.offset);
    });
  }

  void ReadAvailable() {
    std::string_view data;
    uint64_t offset;
    RecordReader::Result result;
    while ((result = reader_.Next(&data, &offset)) ==
           RecordReader::Result::kRecord) {
      outcome_->records.emplace_back(offset, std::string(data));
    }
    if (result != RecordReader::Result::kEndOfData) std::abort();
  }

 private:
  RecordReader reader_;
  Outcome* outcome_;
};

}  // namespace
}  // namespace tbx

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  using tbx::testing::GrowingFile;
  FuzzedDataProvider input(bytes, size);
  std::string file;      // everything written, visible or not
  size_t published = 0;  // bytes the reader may see; never changed again
  auto [growing, contents] = GrowingFile::Create();
  tbx::Outcome incremental;
  tbx::ObservedReader reader(std::move(growing), &incremental);
  while (input.remaining_bytes() > 0) {
    switch (input.ConsumeIntegralInRange(0, 3)) {
      case 0:
        tbx::AppendRecord(input.ConsumeRandomLengthString(300), &file);
        break;
      case 1:
        file += input.ConsumeRandomLengthString(40);
        break;
      case 2:  // damage bytes the reader has not seen yet
        if (file.size() > published) {
          const size_t at =
              input.ConsumeIntegralInRange<size_t>(published, file.size() - 1);
          file[at] ^=
              static_cast<char>(1 << input.ConsumeIntegralInRange(0, 7));
        }
        break;
      case 3:  // the writer flushes part of what it wrote
        published =
            input.ConsumeIntegralInRange<size_t>(published, file.size());
        contents->bytes = file.substr(0, published);
        reader.ReadAvailable();
        break;
    }
  }
  contents->bytes = file;
  reader.ReadAvailable();

  auto [whole, unused] = GrowingFile::Create(file);
  tbx::Outcome at_once;
  tbx::ObservedReader(std::move(whole), &at_once).ReadAvailable();
  if (incremental.records != at_once.records ||
      incremental.damage_offsets != at_once.damage_offsets) {
    std::abort();
  }
  return 0;
}
