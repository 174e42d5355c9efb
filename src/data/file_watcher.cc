#include "src/data/file_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>

#include "absl/container/flat_hash_set.h"

namespace tbx {
namespace {
constexpr uint32_t kWatchMask = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE |
                                IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                IN_DELETE_SELF | IN_ONLYDIR;
// After a first notification, writes that follow within this time join the same
// reload.
constexpr int kSettleMillis = 15;
}  // namespace

FileWatcher::FileWatcher() {
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

FileWatcher::~FileWatcher() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

int FileWatcher::WatchDirectories(const std::vector<std::string>& directories) {
  if (inotify_fd_ < 0) return 0;
  absl::flat_hash_set<std::string> wanted(directories.begin(),
                                          directories.end());
  for (auto it = watches_.begin(); it != watches_.end();) {
    if (!wanted.contains(it->first)) {
      inotify_rm_watch(inotify_fd_, it->second);
      directories_.erase(it->second);
      watches_.erase(it++);
    } else {
      ++it;
    }
  }
  if (watch_limit_reached_) return 0;
  int added = 0;
  for (const std::string& dir : directories) {
    if (watches_.contains(dir)) continue;
    int wd = inotify_add_watch(inotify_fd_, dir.c_str(), kWatchMask);
    if (wd >= 0) {
      watches_.emplace(dir, wd);
      directories_[wd] = dir;
      ++added;
    } else if (errno == ENOSPC) {
      std::fprintf(stderr,
                   "tbx: inotify watch limit reached (%zu watches); other "
                   "directories are polled every reload interval\n",
                   watches_.size());
      watch_limit_reached_ = true;
      break;
    }
  }
  return added;
}

bool FileWatcher::Drain(Changes* changes) {
  if (inotify_fd_ < 0) return false;
  bool any = false;
  alignas(struct inotify_event) char buffer[16384];
  while (true) {
    ssize_t n = read(inotify_fd_, buffer, sizeof(buffer));
    if (n <= 0) break;
    any = true;
    for (ssize_t at = 0; at < n;) {
      const auto* event =
          reinterpret_cast<const struct inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(struct inotify_event) + event->len);
      const uint32_t structural_mask = IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM |
                                       IN_DELETE | IN_DELETE_SELF | IN_IGNORED |
                                       IN_Q_OVERFLOW | IN_ISDIR;
      auto dir = directories_.find(event->wd);
      if ((event->mask & structural_mask) != 0 || dir == directories_.end()) {
        changes->structural = true;
      } else if (std::find(changes->modified_directories.begin(),
                           changes->modified_directories.end(), dir->second) ==
                 changes->modified_directories.end()) {
        changes->modified_directories.push_back(dir->second);
      }
    }
  }
  return any;
}

FileWatcher::Changes FileWatcher::Wait(absl::Duration timeout) {
  Changes changes;
  struct pollfd fds[2];
  int count = 0;
  if (wake_fd_ >= 0) fds[count++] = {wake_fd_, POLLIN, 0};
  if (inotify_fd_ >= 0) fds[count++] = {inotify_fd_, POLLIN, 0};
  int64_t millis = absl::ToInt64Milliseconds(timeout);
  if (millis > INT32_MAX) millis = INT32_MAX;
  if (count == 0) {
    usleep(static_cast<useconds_t>(millis * 1000));
    return changes;
  }
  if (poll(fds, count, static_cast<int>(millis)) <= 0) return changes;
  if (wake_fd_ >= 0) {
    uint64_t value;
    if (read(wake_fd_, &value, sizeof(value)) > 0) {
      changes.any = true;
      changes.structural = true;
    }
  }
  if (Drain(&changes)) {
    usleep(kSettleMillis * 1000);
    Drain(&changes);
    changes.any = true;
  }
  return changes;
}

void FileWatcher::Wake() {
  if (wake_fd_ < 0) return;
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof(one));
}

}  // namespace tbx
