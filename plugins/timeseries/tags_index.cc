// The Time Series tag index; see tags_index.h.
#include "plugins/timeseries/tags_index.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/common/blob_sequence.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/markdown.h"
#include "plugins/common/tag_index.h"
#include "plugins/histograms/histograms_plugin.h"
#include "plugins/images/image_steps.h"
#include "plugins/scalars/scalar_reads.h"

namespace tbx::plugins {
namespace {

// Tags in first-seen order, each with its distinct descriptions and the runs
// that gave each one.
struct TagDescriptions {
  std::string tag;
  std::map<std::string, std::set<std::string>> runs_by_description;
};

std::string CombinedDescription(
    const std::map<std::string, std::set<std::string>>& runs_by_description) {
  if (runs_by_description.size() == 1) {
    return runs_by_description.begin()->first;
  }
  std::vector<std::string> parts;
  for (const auto& [description, runs] : runs_by_description) {
    parts.push_back(absl::StrCat("## For ", runs.size() > 1 ? "runs" : "run",
                                 ": ", absl::StrJoin(runs, ", "), "\n",
                                 description));
  }
  return absl::StrCat("# Multiple descriptions\n", absl::StrJoin(parts, "\n"));
}

void WriteRunTagInfo(const RunTagMap<TagMetadata>& tags, JsonWriter& writer) {
  writer.BeginObject();
  for (const RunTags<TagMetadata>& run : tags) {
    std::vector<std::string> names;
    names.reserve(run.tags.size());
    for (const auto& entry : run.tags) names.push_back(entry.first);
    std::sort(names.begin(), names.end());
    writer.Key(run.run);
    writer.BeginArray();
    for (const std::string& name : names) writer.String(name);
    writer.EndArray();
  }
  writer.EndObject();
}

void WriteBasicMapping(const RunTagMap<TagMetadata>& tags, JsonWriter& writer) {
  writer.BeginObject();
  writer.Key("runTagInfo");
  WriteRunTagInfo(tags, writer);
  writer.Key("tagDescriptions");
  writer.Raw(TagDescriptionsJson(tags));
  writer.EndObject();
}

void WriteImageMapping(const DataProvider& provider,
                       const RunTagMap<TagMetadata>& tags, JsonWriter& writer) {
  // tag -> [(run, max samples per step)], tags in first-seen order.
  std::vector<
      std::pair<std::string, std::vector<std::pair<std::string, int64_t>>>>
      by_tag;
  std::map<std::string, size_t> position;
  for (const RunTags<TagMetadata>& run : tags) {
    for (const auto& entry : run.tags) {
      auto [at, inserted] = position.try_emplace(entry.first, by_tag.size());
      if (inserted) by_tag.push_back({entry.first, {}});
      absl::StatusOr<std::vector<BlobSequenceDatum>> data =
          provider.ReadBlobSequence(run.run, entry.first);
      const int64_t most = data.ok() ? MaxBlobs(*data) : 0;
      by_tag[at->second].second.push_back(
          {run.run, std::max<int64_t>(0, most - kFirstImageIndex)});
    }
  }
  writer.BeginObject();
  writer.Key("tagDescriptions");
  writer.Raw(TagDescriptionsJson(tags));
  writer.Key("tagRunSampledInfo");
  writer.BeginObject();
  for (const auto& [tag, runs] : by_tag) {
    writer.Key(tag);
    writer.BeginObject();
    for (const auto& [run, samples] : runs) {
      writer.Key(run);
      writer.BeginObject();
      writer.Key("maxSamplesPerStep");
      writer.Int(samples);
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndObject();
  writer.EndObject();
}

}  // namespace

std::string TagDescriptionsJson(const RunTagMap<TagMetadata>& tags) {
  std::vector<TagDescriptions> described;
  std::map<std::string, size_t> index;
  for (const RunTags<TagMetadata>& run : tags) {
    for (const auto& [tag, metadata] : run.tags) {
      if (metadata.description.empty()) continue;
      auto [it, inserted] = index.try_emplace(tag, described.size());
      if (inserted) described.push_back({tag, {}});
      described[it->second].runs_by_description[metadata.description].insert(
          run.run);
    }
  }
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  for (const TagDescriptions& entry : described) {
    writer.Key(entry.tag);
    writer.String(
        MarkdownToSafeHtml(CombinedDescription(entry.runs_by_description)));
  }
  writer.EndObject();
  return json;
}

std::string TimeSeriesTagsJson(const DataProvider& provider) {
  std::string json;
  JsonWriter writer(&json);
  writer.BeginObject();
  writer.Key("scalars");
  WriteBasicMapping(ScalarTags(provider), writer);
  writer.Key("histograms");
  WriteBasicMapping(TagsOf(provider, kHistogramsPluginName, DataClass::kTensor),
                    writer);
  writer.Key("images");
  WriteImageMapping(
      provider, TagsOf(provider, kImagesPluginName, DataClass::kBlobSequence),
      writer);
  writer.EndObject();
  return json;
}

}  // namespace tbx::plugins
