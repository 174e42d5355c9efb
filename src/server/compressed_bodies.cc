// Implementation of compressed_bodies.h.
#include "src/server/compressed_bodies.h"

#include <algorithm>

namespace tbx {

void CompressedBodies::EraseLocked(const Key& key) {
  auto found = entries_.find(key);
  if (found == entries_.end()) return;
  bytes_ -= found->second.compressed->size();
  entries_.erase(found);
  order_.erase(std::find(order_.begin(), order_.end(), key));
}

std::shared_ptr<const std::string> CompressedBodies::FindLocked(
    const Key& key, const std::shared_ptr<const std::string>& body) {
  auto found = entries_.find(key);
  if (found == entries_.end()) return nullptr;
  if (found->second.body.lock() == body) return found->second.compressed;
  EraseLocked(key);  // that body is gone; this one took its address
  return nullptr;
}

absl::StatusOr<std::shared_ptr<const std::string>> CompressedBodies::Get(
    const std::shared_ptr<const std::string>& body, std::string_view coding,
    absl::FunctionRef<absl::StatusOr<std::string>()> compress) {
  Key key(body.get(), std::string(coding));
  {
    absl::MutexLock lock(&mu_);
    if (auto kept = FindLocked(key, body)) return kept;
  }
  absl::StatusOr<std::string> made = compress();
  if (!made.ok()) return made.status();
  auto compressed = std::make_shared<const std::string>(*std::move(made));
  if (compressed->size() > max_bytes_) return compressed;
  absl::MutexLock lock(&mu_);
  // Another thread may have stored this body's form meanwhile: the first kept.
  if (auto kept = FindLocked(key, body)) return kept;
  // Entries of bodies that are gone first, then the oldest.
  std::deque<Key> gone;
  for (const Key& held : order_) {
    if (entries_.at(held).body.expired()) gone.push_back(held);
  }
  for (const Key& held : gone) EraseLocked(held);
  while (!order_.empty() && bytes_ + compressed->size() > max_bytes_) {
    EraseLocked(Key(order_.front()));
  }
  bytes_ += compressed->size();
  entries_.emplace(key, Entry{body, compressed});
  order_.push_back(std::move(key));
  return compressed;
}

size_t CompressedBodies::bytes() const {
  absl::MutexLock lock(&mu_);
  return bytes_;
}

}  // namespace tbx
