// The audio plugin: TensorBoard's
// /data/plugin/audio/{tags,audio,individualAudio} routes. Audio clips are blob
// sequences (clip N is blob N); their encoding comes from the tag's
// AudioPluginData metadata (WAV -> audio/wav). Unlike TensorBoard (10 sampled
// steps) tbx lists every stored step. Stateless apart from the provider
// pointer: handlers may run on any number of server threads at once.
#ifndef TBX_PLUGINS_AUDIO_AUDIO_PLUGIN_H_
#define TBX_PLUGINS_AUDIO_AUDIO_PLUGIN_H_

#include <string>
#include <string_view>
#include <vector>

#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

// The MIME type of an audio tag's clips from its serialized AudioPluginData:
// "audio/wav" for encoding WAV (11), "application/octet-stream" otherwise.
std::string_view AudioMimeType(std::string_view plugin_content);

class AudioPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit AudioPlugin(const DataProvider* provider) : provider_(provider) {}

  std::string name() const override { return "audio"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"audio"};
  }

  // GET /tags -> {run: {tag: {"displayName", "description", "samples"}}};
  // samples is the largest number of clips at one step.
  Response Tags(const Request& request) const;
  // GET /audio?run=R&tag=T[&sample=N] -> [{"wall_time", "label": "", "step",
  // "contentType", "query": "blob_key=K&content_type=..."}, ...], one entry per
  // step with more than N clips.
  Response Audio(const Request& request) const;
  // GET /individualAudio?blob_key=K&content_type=audio%2Fwav -> the clip, typed
  // as asked.
  Response IndividualAudio(const Request& request) const;

 private:
  const DataProvider* provider_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_AUDIO_AUDIO_PLUGIN_H_
