#include "src/s3/s3_file_system.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "src/data/string_compat.h"

namespace tbx::s3 {
namespace {

constexpr size_t kFirstBlock = 64 << 10;
constexpr size_t kLargestBlock = 16 << 20;
constexpr int kMaxDepth = 64;

class S3ReadableFile final : public ReadableFile {
 public:
  S3ReadableFile(std::shared_ptr<S3Client> client, ObjectUrl url)
      : client_(std::move(client)), url_(std::move(url)) {}

  absl::StatusOr<size_t> ReadAt(uint64_t offset, char* buf, size_t n) override {
    size_t done = 0;
    while (done < n) {
      const uint64_t pos = offset + done;
      if (pos >= block_start_ && pos < block_start_ + block_.size()) {
        const size_t at = static_cast<size_t>(pos - block_start_);
        const size_t take = std::min(n - done, block_.size() - at);
        std::memcpy(buf + done, block_.data() + at, take);
        done += take;
        continue;
      }
      if (end_known_ && pos >= end_) break;
      const size_t want = std::max(n - done, next_block_);
      next_block_ = std::min(next_block_ * 2, kLargestBlock);
      absl::Status status =
          client_->GetRange(url_.bucket, url_.key, pos, want, &block_);
      if (!status.ok()) {
        block_.clear();
        return status;
      }
      block_start_ = pos;
      if (block_.size() < want) {
        end_known_ = true;  // for this reader: a later one sees growth
        end_ = pos + block_.size();
      }
      if (block_.empty()) break;
    }
    return done;
  }

 private:
  const std::shared_ptr<S3Client> client_;
  const ObjectUrl url_;
  std::string block_;
  uint64_t block_start_ = 0;
  size_t next_block_ = kFirstBlock;
  bool end_known_ = false;
  uint64_t end_ = 0;
};

struct Node {
  std::map<std::string, Node> children;  // by name
  std::vector<FileEntry> files;
};

void Flatten(const Node& node, const std::string& path,
             const std::string& relative, int depth,
             std::vector<DirectoryListing>* out) {
  if (depth > kMaxDepth) return;
  DirectoryListing listing;
  listing.path = path;
  listing.relative = relative;
  listing.files = node.files;
  std::sort(
      listing.files.begin(), listing.files.end(),
      [](const FileEntry& a, const FileEntry& b) { return a.name < b.name; });
  out->push_back(std::move(listing));
  for (const auto& [name, child] : node.children) {
    Flatten(child, absl::StrCat(path, "/", name),
            relative == "." ? name : absl::StrCat(relative, "/", name),
            depth + 1, out);
  }
}

class S3FileSystem final : public FileSystem {
 public:
  explicit S3FileSystem(std::shared_ptr<S3Client> client)
      : client_(std::move(client)) {}

  absl::Status CheckDirectory(const std::string& path) override {
    absl::StatusOr<ObjectUrl> url = ParseObjectUrl(path);
    if (!url.ok()) return url.status();
    return client_->ListObjects(url->bucket, Prefix(*url), "", 1).status();
  }

  absl::StatusOr<std::vector<DirectoryListing>> ListTree(
      const std::string& root) override {
    absl::StatusOr<ObjectUrl> url = ParseObjectUrl(root);
    if (!url.ok()) return url.status();
    const std::string prefix = Prefix(*url);
    absl::StatusOr<std::vector<ObjectInfo>> objects =
        client_->ListAll(url->bucket, prefix);
    if (!objects.ok()) return objects.status();
    Node tree;
    for (ObjectInfo& object : *objects) {
      absl::string_view rest = object.key;
      rest.remove_prefix(std::min(prefix.size(), rest.size()));
      std::vector<absl::string_view> parts = absl::StrSplit(rest, '/');
      Node* node = &tree;
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i].empty()) continue;  // "a//b" in a key
        node = &node->children[std::string(parts[i])];
      }
      if (!parts.back().empty()) {  // not a folder marker
        node->files.push_back(
            FileEntry{std::string(parts.back()), object.size});
      }
    }
    std::vector<DirectoryListing> out;
    Flatten(tree, Root(*url), ".", 0, &out);
    return out;
  }

  absl::StatusOr<std::vector<FileEntry>> ListFiles(
      const std::string& directory) override {
    absl::StatusOr<ObjectUrl> url = ParseObjectUrl(directory);
    if (!url.ok()) return url.status();
    const std::string prefix = Prefix(*url);
    absl::StatusOr<std::vector<ObjectInfo>> objects =
        client_->ListAll(url->bucket, prefix);
    if (!objects.ok()) return objects.status();
    std::vector<FileEntry> files;
    for (ObjectInfo& object : *objects) {
      std::string_view name = object.key;
      name.remove_prefix(std::min(prefix.size(), name.size()));
      if (name.empty() || name.find('/') != std::string_view::npos) continue;
      files.push_back(FileEntry{std::string(name), object.size});
    }
    std::sort(
        files.begin(), files.end(),
        [](const FileEntry& a, const FileEntry& b) { return a.name < b.name; });
    return files;
  }

  absl::StatusOr<std::unique_ptr<ReadableFile>> Open(
      const std::string& path) override {
    absl::StatusOr<ObjectUrl> url = ParseObjectUrl(path);
    if (!url.ok()) return url.status();
    if (url->key.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", path, "' names a bucket, not an object"));
    }
    return std::make_unique<S3ReadableFile>(client_, std::move(*url));
  }

  bool Watchable() const override { return false; }

 private:
  // The listing prefix of a directory: its key and a '/', or "" for a bucket.
  static std::string Prefix(const ObjectUrl& url) {
    return url.key.empty() ? "" : absl::StrCat(url.key, "/");
  }
  static std::string Root(const ObjectUrl& url) {
    return url.key.empty()
               ? absl::StrCat(url.scheme, "://", url.bucket)
               : absl::StrCat(url.scheme, "://", url.bucket, "/", url.key);
  }

  const std::shared_ptr<S3Client> client_;
};

}  // namespace

std::unique_ptr<FileSystem> MakeS3FileSystem(std::shared_ptr<S3Client> client) {
  return std::make_unique<S3FileSystem>(std::move(client));
}

absl::StatusOr<std::unique_ptr<FileSystem>> CreateS3FileSystem(
    std::string_view scheme) {
  absl::StatusOr<S3Config> config = ConfigFromEnvironment(scheme, ProcessEnv());
  if (!config.ok()) return config.status();
  S3Client::Options options;
  options.config = std::move(*config);
  return MakeS3FileSystem(std::make_shared<S3Client>(std::move(options)));
}

}  // namespace tbx::s3
