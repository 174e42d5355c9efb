#include "src/data/blob_reader.h"

#include "absl/strings/str_cat.h"
#include "proto/event.pb.h"
#include "src/data/data_compat.h"
#include "src/data/file_systems.h"
#include "src/data/readable_file.h"
#include "src/data/record_reader.h"

namespace tbx {

absl::StatusOr<std::string> ReadRecordAt(const std::string& path,
                                         uint64_t offset) {
  absl::StatusOr<FileSystem*> fs = FileSystemFor(path);
  if (!fs.ok()) return fs.status();
  absl::StatusOr<std::unique_ptr<ReadableFile>> file = (*fs)->Open(path);
  if (!file.ok()) return file.status();
  RecordReader reader(std::move(*file), offset);
  std::string_view data;
  uint64_t record_offset = 0;
  bool corrupt = false;
  reader.set_corruption_callback(
      [&](const CorruptionReport&) { corrupt = true; });
  if (reader.Next(&data, &record_offset) != RecordReader::Result::kRecord ||
      corrupt || record_offset != offset) {
    return absl::DataLossError(absl::StrCat(
        "cannot re-read the record at offset ", offset, " of ", path));
  }
  return std::string(data);
}

BlobReader::Record BlobReader::Lookup(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = map_.find(key);
  if (it == map_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void BlobReader::Insert(const std::string& key, Record record) {
  if (record->size() > cache_bytes_) return;
  absl::MutexLock lock(&mu_);
  if (map_.contains(key)) return;
  bytes_ += record->size();
  lru_.emplace_front(key, std::move(record));
  map_[key] = lru_.begin();
  while (bytes_ > cache_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().second->size();
    map_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

absl::StatusOr<std::string> BlobReader::Read(const BlobLocation& location) {
  std::string key = absl::StrCat(location.record_offset, ":", location.path);
  Record record = Lookup(key);
  if (record == nullptr) {
    absl::StatusOr<std::string> bytes =
        ReadRecordAt(location.path, location.record_offset);
    if (!bytes.ok()) return bytes.status();
    record = std::make_shared<const std::string>(std::move(*bytes));
    Insert(key, record);
  }
  tensorboard::Event event;
  if (!event.ParseFromString(*record)) {
    return absl::DataLossError(absl::StrCat("unparsable event at offset ",
                                            location.record_offset, " of ",
                                            location.path));
  }
  return ExtractBlob(event, location.source_index, location.stride,
                     location.element);
}

}  // namespace tbx
