// Reading graphs through the data provider; see graph_source.h.
#include "plugins/graphs/graph_source.h"

#include "absl/strings/str_cat.h"
#include "plugins/common/params.h"
#include "plugins/common/tag_index.h"
#include "plugins/graphs/graph_transform.h"
#include "plugins/graphs/keras_graph.h"

namespace tbx::plugins::graphs {
namespace {

// The last datum of run/tag in the first plugin that has it.
absl::StatusOr<GraphVersion> FindLast(const DataProvider& provider,
                                      const std::vector<std::string>& plugins,
                                      const std::string& run,
                                      const std::string& tag) {
  for (const std::string& plugin : plugins) {
    if (FindTag(TagsOf(provider, plugin, DataClass::kBlobSequence), run, tag) ==
        nullptr) {
      continue;
    }
    absl::StatusOr<std::vector<BlobSequenceDatum>> data =
        provider.ReadBlobSequence(run, tag);
    if (!data.ok() || data->empty() || data->back().num_blobs < 1) continue;
    GraphVersion version;
    version.plugin = plugin;
    version.step = data->back().step;
    version.wall_time = data->back().wall_time;
    version.data = data->size();
    return version;
  }
  return absl::NotFoundError(absl::StrCat("No graph data for run=", PyRepr(run),
                                          ", tag=", PyRepr(tag)));
}

std::vector<std::string> PluginsFor(const GraphSpec& spec) {
  if (spec.conceptual) return {kPluginKerasModel};
  if (!spec.tag.has_value()) return {kPluginGraphs};
  return {kPluginRunMetadata, kPluginRunMetadataGraph};
}

std::string TagFor(const GraphSpec& spec) {
  return spec.tag.value_or(kRunGraphTag);
}

}  // namespace

absl::StatusOr<std::string> ReadLastBlob(
    const DataProvider& provider, const std::vector<std::string>& plugins,
    const std::string& run, const std::string& tag, GraphVersion* version) {
  absl::StatusOr<GraphVersion> found = FindLast(provider, plugins, run, tag);
  if (!found.ok()) return found.status();
  if (version != nullptr) *version = *found;
  return provider.ReadBlob(run, tag, found->step, 0);
}

absl::StatusOr<GraphVersion> FindRunMetadata(const DataProvider& provider,
                                             const std::string& run,
                                             const std::string& tag) {
  return FindLast(provider, {kPluginTaggedRunMetadata, kPluginRunMetadata}, run,
                  tag);
}

absl::StatusOr<GraphVersion> FindGraph(const DataProvider& provider,
                                       const GraphSpec& spec) {
  if (spec.conceptual && !spec.tag.has_value()) {
    return absl::NotFoundError("a conceptual graph needs a tag");
  }
  return FindLast(provider, PluginsFor(spec), spec.run, TagFor(spec));
}

absl::Status ParseGraphDefInto(const std::string& bytes,
                               const std::string& what,
                               tensorboard::GraphDef* graph) {
  if (!graph->ParseFromString(bytes)) {
    return absl::DataLossError(absl::StrCat(
        what, " is not a valid GraphDef (", bytes.size(),
        " bytes that do not decode as a protobuf message; the file may be "
        "truncated or damaged)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<tensorboard::GraphDef> ParseGraphDef(const std::string& bytes,
                                                    const std::string& what) {
  tensorboard::GraphDef graph;
  absl::Status status = ParseGraphDefInto(bytes, what, &graph);
  if (!status.ok()) return status;
  return graph;
}

absl::StatusOr<tensorboard::GraphDef> LoadGraph(const DataProvider& provider,
                                                const GraphSpec& spec,
                                                GraphVersion* version) {
  if (spec.conceptual && !spec.tag.has_value()) {
    return absl::NotFoundError("a conceptual graph needs a tag");
  }
  const std::string tag = TagFor(spec);
  absl::StatusOr<std::string> bytes =
      ReadLastBlob(provider, PluginsFor(spec), spec.run, tag, version);
  if (!bytes.ok()) return bytes.status();
  const std::string what =
      absl::StrCat("the graph of run ", PyRepr(spec.run),
                   spec.tag.has_value() ? absl::StrCat(", tag ", PyRepr(tag))
                                        : std::string());
  if (spec.conceptual) {
    absl::StatusOr<tensorboard::GraphDef> graph = KerasModelToGraph(*bytes);
    if (!graph.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the Keras model of run ", PyRepr(spec.run), ", tag ", PyRepr(tag),
          " cannot be converted: ", graph.status().message()));
    }
    return graph;
  }
  if (!spec.tag.has_value()) return ParseGraphDef(*bytes, what);
  tensorboard::RunMetadata run_metadata;
  if (!run_metadata.ParseFromString(*bytes)) {
    return absl::DataLossError(
        absl::StrCat("the run metadata of run ", PyRepr(spec.run), ", tag ",
                     PyRepr(tag), " is not a valid RunMetadata"));
  }
  return MergeFunctionGraphs(run_metadata);
}

absl::StatusOr<tensorboard::GraphDef*> LoadGraphOnArena(
    const DataProvider& provider, const GraphSpec& spec,
    google::protobuf::Arena* arena, GraphVersion* version) {
  auto* graph =
      google::protobuf::Arena::CreateMessage<tensorboard::GraphDef>(arena);
  if (spec.conceptual || spec.tag.has_value()) {
    absl::StatusOr<tensorboard::GraphDef> loaded =
        LoadGraph(provider, spec, version);
    if (!loaded.ok()) return loaded.status();
    *graph = std::move(*loaded);
    return graph;
  }
  absl::StatusOr<std::string> bytes =
      ReadLastBlob(provider, {kPluginGraphs}, spec.run, kRunGraphTag, version);
  if (!bytes.ok()) return bytes.status();
  absl::Status status = ParseGraphDefInto(
      *bytes, absl::StrCat("the graph of run ", PyRepr(spec.run)), graph);
  if (!status.ok()) return status;
  return graph;
}

absl::StatusOr<tensorboard::RunMetadata> ReadRunMetadata(
    const DataProvider& provider, const std::string& run,
    const std::string& tag, const GraphVersion& version) {
  absl::StatusOr<std::string> bytes =
      provider.ReadBlob(run, tag, version.step, 0);
  if (!bytes.ok()) return bytes.status();
  tensorboard::RunMetadata run_metadata;
  if (!run_metadata.ParseFromString(*bytes)) {
    return absl::DataLossError(absl::StrCat("the run metadata of run ",
                                            PyRepr(run), ", tag ", PyRepr(tag),
                                            " is not a valid RunMetadata"));
  }
  return run_metadata;
}

absl::StatusOr<tensorboard::RunMetadata> LoadRunMetadata(
    const DataProvider& provider, const std::string& run,
    const std::string& tag) {
  absl::StatusOr<GraphVersion> version = FindRunMetadata(provider, run, tag);
  if (!version.ok()) return version.status();
  return ReadRunMetadata(provider, run, tag, *version);
}

}  // namespace tbx::plugins::graphs
