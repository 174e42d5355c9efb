// Discovery and caching of profile data; see profile_catalog.h.
#include "plugins/profile/profile_catalog.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "plugins/profile/trace_json_reader.h"
#include "plugins/profile/xspace_reader.h"

namespace tbx::plugins::profile {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 12;
constexpr int64_t kMaxEntries = 200000;
constexpr char kTraceJson[] = ".pt.trace.json";
constexpr char kTraceJsonGz[] = ".pt.trace.json.gz";
constexpr char kXplane[] = ".xplane.pb";

bool IsDirectory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

std::string Join(const std::string& prefix, const std::string& name) {
  if (prefix.empty()) return name;
  return absl::StrCat(prefix, "/", name);
}

ProfileHost TorchHost(const std::string& file, const std::string& path) {
  ProfileHost host;
  std::string stem = absl::EndsWith(file, kTraceJsonGz)
                         ? file.substr(0, file.size() - strlen(kTraceJsonGz))
                         : file.substr(0, file.size() - strlen(kTraceJson));
  host.host = stem;
  size_t dot = stem.find('.');
  host.worker = stem.substr(0, dot);
  if (dot != std::string::npos) {
    size_t last = stem.rfind('.');
    host.span = stem.substr(last + 1);
  }
  host.path = path;
  return host;
}

void Walk(const LogdirRoot& root, std::map<std::string, ProfileRun>* runs) {
  std::error_code ec;
  fs::recursive_directory_iterator it(
      root.path, fs::directory_options::skip_permission_denied, ec);
  if (ec) return;
  int64_t seen = 0;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec || ++seen > kMaxEntries) break;
    if (it.depth() > kMaxDepth) {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code file_ec;
    if (!it->is_regular_file(file_ec)) continue;
    const fs::path& path = it->path();
    std::string file = path.filename().string();
    fs::path dir = path.parent_path();
    std::string relative = dir.lexically_relative(root.path).string();
    if (absl::EndsWith(file, kTraceJson) ||
        absl::EndsWith(file, kTraceJsonGz)) {
      std::string name = Join(root.name, relative);
      ProfileRun& run = (*runs)[name];
      run.name = name;
      run.hosts.push_back(TorchHost(file, path.string()));
    } else if (absl::EndsWith(file, kXplane)) {
      // <run>/plugins/profile/<session>/<host>.xplane.pb
      fs::path profile = dir.parent_path();
      if (profile.filename() != "profile" ||
          profile.parent_path().filename() != "plugins")
        continue;
      std::string session = dir.filename().string();
      std::string run_dir = profile.parent_path()
                                .parent_path()
                                .lexically_relative(root.path)
                                .string();
      std::string name =
          Join(root.name, run_dir == "." ? session : Join(run_dir, session));
      ProfileRun& run = (*runs)[name];
      run.name = name;
      ProfileHost host;
      host.host = file.substr(0, file.size() - strlen(kXplane));
      host.worker = host.host;
      host.path = path.string();
      host.xspace = true;
      run.hosts.push_back(std::move(host));
    }
  }
}

}  // namespace

std::vector<LogdirRoot> ParseLogdirRoots(const std::string& spec) {
  std::vector<LogdirRoot> roots;
  if (spec.empty()) return roots;
  if (IsDirectory(spec) || !absl::StrContains(spec, ",")) {
    if (IsDirectory(spec) || !absl::StrContains(spec, ":")) {
      roots.push_back({"", spec});
      return roots;
    }
  }
  for (absl::string_view piece : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    std::string part(piece);
    size_t colon = part.find(':');
    if (IsDirectory(part) || colon == std::string::npos) {
      roots.push_back({"", part});
    } else {
      roots.push_back({part.substr(0, colon), part.substr(colon + 1)});
    }
  }
  return roots;
}

ProfileCatalog::ProfileCatalog(std::vector<LogdirRoot> roots, size_t capacity)
    : roots_(std::move(roots)), capacity_(std::max<size_t>(1, capacity)) {}

std::vector<ProfileRun> ProfileCatalog::Runs() const {
  {
    absl::MutexLock lock(&mu_);
    if (absl::Now() - walked_ < absl::Seconds(2)) return runs_;
  }
  std::map<std::string, ProfileRun> found;
  for (const LogdirRoot& root : roots_) Walk(root, &found);
  std::vector<ProfileRun> runs;
  for (auto& [name, run] : found) {
    std::sort(run.hosts.begin(), run.hosts.end(),
              [](const ProfileHost& a, const ProfileHost& b) {
                return a.host < b.host;
              });
    runs.push_back(std::move(run));
  }
  absl::MutexLock lock(&mu_);
  runs_ = runs;
  walked_ = absl::Now();
  return runs;
}

absl::StatusOr<std::shared_ptr<const TraceIndex>> ProfileCatalog::Load(
    const ProfileHost& host) const {
  struct stat st;
  if (stat(host.path.c_str(), &st) != 0)
    return absl::NotFoundError(absl::StrCat("no file ", host.path));
  std::shared_ptr<Entry> entry;
  {
    absl::MutexLock lock(&mu_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if ((*it)->path == host.path) {
        entry = *it;
        entries_.erase(it);
        break;
      }
    }
    if (entry == nullptr) {
      entry = std::make_shared<Entry>();
      entry->path = host.path;
    }
    entries_.push_front(entry);
    while (entries_.size() > capacity_) entries_.pop_back();
  }
  absl::MutexLock build(&entry->build_mu);
  int64_t mtime =
      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (entry->index != nullptr && entry->size == st.st_size &&
      entry->mtime == mtime)
    return entry->index;
  absl::StatusOr<TraceIndex> index =
      host.xspace ? ReadXSpaceFile(host.path) : ReadJsonTraceFile(host.path);
  if (!index.ok()) return index.status();
  entry->index = std::make_shared<const TraceIndex>(*std::move(index));
  entry->size = st.st_size;
  entry->mtime = mtime;
  {
    absl::MutexLock lock(&mu_);
    ++builds_;
  }
  return entry->index;
}

int64_t ProfileCatalog::builds() const {
  absl::MutexLock lock(&mu_);
  return builds_;
}

}  // namespace tbx::plugins::profile
