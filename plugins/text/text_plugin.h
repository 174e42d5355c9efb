// The text plugin: TensorBoard's /data/plugin/text/{tags,text} routes. Text
// summaries are string tensors rendered from Markdown to sanitized HTML
// (text_html.h). Unlike TensorBoard (100 sampled steps) tbx serves every stored
// datum. Stateless apart from the provider pointer: handlers may run on any
// number of server threads at once.
#ifndef TBX_PLUGINS_TEXT_TEXT_PLUGIN_H_
#define TBX_PLUGINS_TEXT_TEXT_PLUGIN_H_

#include <string>
#include <vector>

#include "tbx/data_provider.h"
#include "tbx/http.h"
#include "tbx/plugin.h"

namespace tbx::plugins {

class TextPlugin : public Plugin {
 public:
  // `provider` must outlive the plugin.
  explicit TextPlugin(const DataProvider* provider) : provider_(provider) {}

  std::string name() const override { return "text"; }
  std::vector<Route> Routes() override;
  FrontendMetadata Frontend() const override;
  std::vector<std::string> DataPluginNames() const override { return {"text"}; }

  // GET /tags -> {run: [tag, ...]}.
  Response Tags(const Request& request) const;
  // GET /text?run=R&tag=T[&markdown=false] -> [{"wall_time", "step", "text":
  // html}, ...]; an unknown run or tag gives [] (as in TensorBoard), not an
  // error.
  Response Text(const Request& request) const;

 private:
  const DataProvider* provider_;
};

}  // namespace tbx::plugins

#endif  // TBX_PLUGINS_TEXT_TEXT_PLUGIN_H_
