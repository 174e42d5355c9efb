// The images plugin: TensorBoard's
// /data/plugin/images/{tags,images,individualImage} routes. Images are blob
// sequences stored as TensorBoard's string tensor [width, height, image...], so
// image sample N is blob N + 2 and blob keys match TensorBoard's. Unlike
// TensorBoard (10 sampled steps) tbx lists every stored step. Stateless apart
// from the provider pointer: handlers may run on any number of server threads
// at once.
#ifndef TBX_PLUGINS_IMAGES_IMAGES_PLUGIN_H_
#define TBX_PLUGINS_IMAGES_IMAGES_PLUGIN_H_

#include <string>
#include <vector>

#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class ImagesPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit ImagesPlugin(const DataProvider* provider) : provider_(provider) {}

  std::string name() const override { return "images"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override {
    return {"images"};
  }

  // GET /tags -> {run: {tag: {"displayName", "description", "samples"}}};
  // samples is the largest number of images at one step.
  Response Tags(const Request& request) const;
  // GET /images?run=R&tag=T[&sample=N] -> [{"wall_time", "step", "query":
  // "blob_key=K"}, ...], one entry per step (in step order) that has more than
  // N images.
  Response Images(const Request& request) const;
  // GET /individualImage?blob_key=K -> the encoded image, typed from its
  // signature.
  Response IndividualImage(const Request& request) const;

 private:
  const DataProvider* provider_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_IMAGES_IMAGES_PLUGIN_H_
