// `tbx export --logdir runs --out site/ [--runs REGEX] [--tags REGEX]`: loads
// the logdir once (local, s3:// or gs://), then writes a static folder showing
// the dashboards with no server (site_exporter.h), with a progress bar and
// the folder's size on stderr. Called by main() on the main thread.
#ifndef TBX_EXPORT_EXPORT_COMMAND_H_
#define TBX_EXPORT_EXPORT_COMMAND_H_

#include <string>
#include <vector>

namespace tbx {

// `args` are the arguments after "export". Returns the process exit code: 0,
// 1 when loading or writing fails, 2 for bad usage (unknown flag, missing
// --logdir or --out, bad regex, an --out that is a file or a non-empty
// folder holding no export). Every failure is one line on stderr.
int RunExportCommand(const std::vector<std::string>& args);

}  // namespace tbx

#endif  // TBX_EXPORT_EXPORT_COMMAND_H_
