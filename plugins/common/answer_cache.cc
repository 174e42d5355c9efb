// Implementation of answer_cache.h.
#include "plugins/common/answer_cache.h"

#include <utility>

namespace tbx::plugins {

void AnswerCache::MoveToLocked(uint64_t generation) {
  if (generation <= generation_) return;
  generation_ = generation;
  bodies_.clear();
  order_.clear();
  bytes_ = 0;
}

std::shared_ptr<const std::string> AnswerCache::Find(uint64_t generation,
                                                     const std::string& key) {
  absl::MutexLock lock(&mu_);
  MoveToLocked(generation);
  if (generation != generation_) return nullptr;
  auto found = bodies_.find(key);
  return found == bodies_.end() ? nullptr : found->second;
}

void AnswerCache::Store(uint64_t generation, const std::string& key,
                        std::shared_ptr<const std::string> body) {
  if (body == nullptr || body->size() > max_bytes_) return;
  absl::MutexLock lock(&mu_);
  MoveToLocked(generation);
  if (generation != generation_ || bodies_.contains(key)) return;
  while (!order_.empty() && bytes_ + body->size() > max_bytes_) {
    auto oldest = bodies_.find(order_.front());
    bytes_ -= oldest->second->size();
    bodies_.erase(oldest);
    order_.pop_front();
  }
  bytes_ += body->size();
  bodies_.emplace(key, std::move(body));
  order_.push_back(key);
}

size_t AnswerCache::bytes() const {
  absl::MutexLock lock(&mu_);
  return bytes_;
}

}  // namespace tbx::plugins
