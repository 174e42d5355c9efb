// The profile plugin's routes; see profile_plugin.h.
#include "plugins/profile/profile_plugin.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/params.h"
#include "plugins/profile/overview.h"
#include "plugins/profile/tables.h"
#include "plugins/profile/timeline.h"

namespace tbx::plugins {
namespace {

using profile::ProfileHost;
using profile::ProfileRun;
using profile::TraceIndex;

constexpr char kRoutePrefix[] = "/data/plugin/profile";
constexpr const char* kTools[] = {"overview_page", "op_profile", "kernel_stats",
                                  "memory_profile", "trace_viewer"};

std::optional<ProfileRun> FindRun(const std::vector<ProfileRun>& runs,
                                  const std::string& name) {
  for (const ProfileRun& run : runs)
    if (run.name == name) return run;
  return std::nullopt;
}

Response JsonStrings(const std::vector<std::string>& values) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
  return Response::Json(std::move(out));
}

}  // namespace

ProfilePlugin::ProfilePlugin(const std::string& logdir,
                             absl::Duration active_recheck)
    : catalog_(std::make_unique<profile::ProfileCatalog>(
          profile::ParseLogdirRoots(logdir))),
      active_(active_recheck, [this] { return !catalog_->Runs().empty(); }) {}

FrontendMetadata ProfilePlugin::Frontend() const {
  return FrontendMetadata::CustomElement("profile", "tf-profile-dashboard");
}

bool ProfilePlugin::IsActive(const DataProvider& /*provider*/) const {
  return active_.Get();
}

std::vector<Route> ProfilePlugin::Routes() {
  auto route = [this](const char* path,
                      Response (ProfilePlugin::*method)(const Request&) const) {
    return Route{
        absl::StrCat(kRoutePrefix, path),
        [this, method](const Request& r) { return (this->*method)(r); }};
  };
  return {route("/runs", &ProfilePlugin::Runs),
          route("/run_tools", &ProfilePlugin::RunTools),
          route("/hosts", &ProfilePlugin::Hosts),
          route("/data", &ProfilePlugin::Data)};
}

Response ProfilePlugin::Runs(const Request& /*request*/) const {
  std::vector<std::string> names;
  for (const ProfileRun& run : catalog_->Runs()) names.push_back(run.name);
  return JsonStrings(names);
}

Response ProfilePlugin::RunTools(const Request& request) const {
  std::optional<std::string> run = request.Param("run");
  if (!run) return Response::BadRequest("run must be specified");
  if (!FindRun(catalog_->Runs(), *run))
    return Response::NotFound(
        absl::StrCat("No profile data for run=", PyRepr(*run)));
  return JsonStrings(
      std::vector<std::string>(std::begin(kTools), std::end(kTools)));
}

Response ProfilePlugin::Hosts(const Request& request) const {
  std::optional<std::string> run_name = request.Param("run");
  if (!run_name) return Response::BadRequest("run must be specified");
  std::optional<ProfileRun> run = FindRun(catalog_->Runs(), *run_name);
  if (!run)
    return Response::NotFound(
        absl::StrCat("No profile data for run=", PyRepr(*run_name)));
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const ProfileHost& host : run->hosts) {
    w.BeginObject();
    w.Key("hostname");
    w.String(host.host);
    w.Key("worker");
    w.String(host.worker);
    w.Key("span");
    w.String(host.span);
    w.Key("format");
    w.String(host.xspace ? "xspace" : "pytorch");
    w.EndObject();
  }
  w.EndArray();
  return Response::Json(std::move(out));
}

Response ProfilePlugin::Data(const Request& request) const {
  std::optional<std::string> run_name = request.Param("run");
  std::optional<std::string> tool = request.Param("tag");
  std::optional<std::string> host_name = request.Param("host");
  if (!run_name || !tool)
    return Response::BadRequest(absl::StrCat(
        "run and tag must be specified: run=", PyReprOrNone(run_name),
        ", tag=", PyReprOrNone(tool)));
  if (std::find(std::begin(kTools), std::end(kTools), *tool) ==
      std::end(kTools))
    return Response::NotFound(absl::StrCat(
        "Unknown tool ", PyRepr(*tool),
        "; tools are overview_page, op_profile, kernel_stats, memory_profile, "
        "trace_viewer"));
  std::optional<ProfileRun> run = FindRun(catalog_->Runs(), *run_name);
  if (!run)
    return Response::NotFound(
        absl::StrCat("No profile data for run=", PyRepr(*run_name)));
  const ProfileHost* host = nullptr;
  if (host_name) {
    for (const ProfileHost& h : run->hosts)
      if (h.host == *host_name) host = &h;
    if (host == nullptr)
      return Response::NotFound(absl::StrCat("No host ", PyRepr(*host_name),
                                             " in run ", PyRepr(*run_name)));
  } else if (run->hosts.size() == 1) {
    host = &run->hosts[0];
  } else {
    return Response::BadRequest(absl::StrCat("host must be specified: run ",
                                             PyRepr(*run_name), " has ",
                                             run->hosts.size(), " hosts"));
  }
  // Parameters are checked before the (possibly long) first indexing.
  absl::StatusOr<int64_t> start = IntParam(request, "start_ns", 0, 0);
  absl::StatusOr<int64_t> end = IntParam(request, "end_ns", -1, -1);
  absl::StatusOr<int64_t> width = IntParam(request, "width", 1000, 1, 20000);
  absl::StatusOr<int64_t> event = IntParam(request, "event", -1, 0);
  absl::StatusOr<int64_t> max_points =
      IntParam(request, "max_points", 2000, 2, 1000000);
  for (const absl::Status& status :
       {start.status(), end.status(), width.status(), event.status(),
        max_points.status()})
    if (!status.ok()) return ErrorResponse(status);
  std::optional<std::string> group_by = request.Param("group_by");
  if (group_by && *group_by != "name" && *group_by != "name_and_shape")
    return Response::BadRequest(absl::StrCat(
        "group_by must be name or name_and_shape, got ", PyRepr(*group_by)));

  absl::StatusOr<std::shared_ptr<const TraceIndex>> loaded =
      catalog_->Load(*host);
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const TraceIndex& index = **loaded;
  if (*tool == "overview_page")
    return Response::Json(Cached(*loaded, "overview", [&] {
      return profile::OverviewJson(index, profile::ComputeOverview(index));
    }));
  if (*tool == "op_profile") {
    bool by_shape = group_by.value_or("name") == "name_and_shape";
    return Response::Json(Cached(*loaded, by_shape ? "ops/shape" : "ops", [&] {
      return profile::OperatorsJson(index, by_shape);
    }));
  }
  if (*tool == "kernel_stats")
    return Response::Json(Cached(*loaded, "kernels",
                                 [&] { return profile::KernelsJson(index); }));
  if (*tool == "memory_profile")
    return Response::Json(
        Cached(*loaded, absl::StrCat("memory/", *max_points), [&] {
          return profile::MemoryJson(index, static_cast<size_t>(*max_points),
                                     5000);
        }));
  // trace_viewer: one event's details, or a range.
  if (*event >= 0) {
    if (*event >= static_cast<int64_t>(index.events.size()))
      return Response::NotFound(absl::StrCat(
          "No event ", *event, "; the trace has ", index.events.size()));
    return Response::Json(
        profile::EventJson(index, static_cast<uint32_t>(*event)));
  }
  profile::TimelineQuery query;
  query.start = *start;
  query.end = *end < 0 ? std::max<int64_t>(index.end_ns, 1) : *end;
  query.width = *width;
  if (query.end <= query.start)
    return Response::BadRequest(absl::StrCat(
        "end_ns must be greater than start_ns: start_ns=", query.start,
        ", end_ns=", query.end));
  return Response::Json(profile::TimelineJson(index, query));
}

std::string ProfilePlugin::Cached(
    const std::shared_ptr<const TraceIndex>& index, const std::string& key,
    const std::function<std::string()>& make) const {
  constexpr size_t kCapacity = 24;
  {
    absl::MutexLock lock(&cache_mu_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->key == key && it->index.lock() == index) {
        std::shared_ptr<const std::string> body = it->body;
        cache_.splice(cache_.begin(), cache_, it);
        return *body;
      }
    }
  }
  // Computed outside the lock: two first requests may both compute.
  auto body = std::make_shared<const std::string>(make());
  absl::MutexLock lock(&cache_mu_);
  cache_.remove_if([](const CachedAnswer& a) { return a.index.expired(); });
  cache_.push_front({index, key, body});
  if (cache_.size() > kCapacity) cache_.pop_back();
  return *body;
}

}  // namespace tbx::plugins
