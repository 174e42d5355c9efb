// make_prmesh_logdir: writes the logdirs that the browser tests and benchmarks
// of the PR curves, custom scalars and mesh dashboards read, with
// tbx::EventWriter.
//
//   make_prmesh_logdir fixture DIR
//       runs "run_a" and "run_b": PR curve "pr/class_0" (5 steps, 11
//       thresholds; run_b's classifier is better); scalars loss/train,
//       loss/val, acc/mean, acc/lower, acc/upper (50 steps). run_a also holds
//       a custom scalars layout (category "Losses": multiline chart "loss" over
//       "loss/.*"; category "Accuracy", closed: margin chart "acc" over
//       acc/mean, acc/lower, acc/upper) and meshes: "mesh/tetra" (a coloured
//       tetrahedron, steps 0 and 1, step 1 twice the size), "points/cloud" (500
//       coloured points, no faces), "mesh/samples" (two samples: a small red
//       triangle, a large blue one) and "mesh/bad" (a face pointing past the
//       vertices).
//   make_prmesh_logdir bench-mesh DIR VERTICES
//       run "bench": mesh "mesh/big", a grid of about VERTICES vertices with
//       two triangles per grid square and vertex colours.
//   make_prmesh_logdir bench-pr DIR RUNS STEPS THRESHOLDS
//       runs "run_0".."run_<RUNS-1>": PR curve "pr/big" with STEPS steps of
//       THRESHOLDS thresholds.
//
// Exits 0 on success; prints the error and exits 1 on failure or bad arguments.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "proto/custom_scalars_layout.pb.h"
#include "proto/mesh_plugin_data.pb.h"
#include "tbx/event_writer.h"

namespace {

using ::tbx::DataClass;
using ::tbx::DType;
using ::tbx::EventWriter;
using ::tbx::Tensor;
using ::tensorboard::mesh::MeshPluginData;

constexpr double kStartWallTime = 1700000000.0;

Tensor MakeTensor(DType dtype, std::vector<int64_t> shape,
                  std::vector<double> numbers) {
  Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.numbers = std::move(numbers);
  return t;
}

#define RETURN_IF_ERROR(expr)                           \
  do {                                                  \
    if (absl::Status status_ = (expr); !status_.ok()) { \
      return status_;                                   \
    }                                                   \
  } while (false)

// PrCurvePluginData{version: 0, num_thresholds: n} (field 2, varint).
std::string PrContent(int thresholds) {
  std::string out(1, '\x10');
  for (uint32_t v = static_cast<uint32_t>(thresholds);; v >>= 7) {
    if (v < 0x80) {
      out.push_back(static_cast<char>(v));
      break;
    }
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
  }
  return out;
}

// The [6, n] PR tensor of `labels` scored by `scores`, as the summary writers
// compute it: a prediction counts as positive at threshold t when its score
// is >= t.
Tensor PrTensor(const std::vector<int>& labels,
                const std::vector<double>& scores, int n) {
  Tensor t = MakeTensor(DType::kFloat, {6, n}, std::vector<double>(6 * n));
  for (int i = 0; i < n; ++i) {
    const double threshold = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
    double tp = 0, fp = 0, tn = 0, fn = 0;
    for (size_t k = 0; k < labels.size(); ++k) {
      const bool predicted = scores[k] >= threshold;
      if (predicted && labels[k]) ++tp;
      if (predicted && !labels[k]) ++fp;
      if (!predicted && !labels[k]) ++tn;
      if (!predicted && labels[k]) ++fn;
    }
    t.numbers[0 * n + i] = tp;
    t.numbers[1 * n + i] = fp;
    t.numbers[2 * n + i] = tn;
    t.numbers[3 * n + i] = fn;
    t.numbers[4 * n + i] = tp / std::max(1.0, tp + fp);
    t.numbers[5 * n + i] = tp / std::max(1.0, tp + fn);
  }
  return t;
}

absl::Status WritePr(EventWriter& writer, const std::string& tag, int steps,
                     int thresholds, double skill, std::mt19937& random) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::normal_distribution<double> noise(0.0, 0.2);
  for (int step = 0; step < steps; ++step) {
    std::vector<int> labels(200);
    std::vector<double> scores(200);
    // Positives score higher as training goes on; noise keeps the classes
    // overlapping.
    const double learned = skill * (step + 1) / steps;
    for (size_t k = 0; k < labels.size(); ++k) {
      labels[k] = uniform(random) < 0.5 ? 1 : 0;
      scores[k] =
          std::clamp(0.3 + 0.5 * learned * labels[k] + noise(random), 0.0, 1.0);
    }
    RETURN_IF_ERROR(writer.AddTensor(tag, PrTensor(labels, scores, thresholds),
                                     "pr_curves", PrContent(thresholds), step,
                                     kStartWallTime + step,
                                     DataClass::kTensor));
  }
  return absl::OkStatus();
}

// One mesh component tag "<name>_<SUFFIX>".
absl::Status WriteComponent(EventWriter& writer, const std::string& name,
                            MeshPluginData::ContentType type, int components,
                            const std::string& config, const Tensor& tensor,
                            int64_t step) {
  MeshPluginData data;
  data.set_name(name);
  data.set_content_type(type);
  data.set_json_config(config);
  for (int64_t d : tensor.shape) data.add_shape(static_cast<int32_t>(d));
  data.set_components(components);
  const std::string suffix = MeshPluginData::ContentType_Name(type);
  return writer.AddTensor(absl::StrCat(name, "_", suffix), tensor, "mesh",
                          data.SerializeAsString(), step, kStartWallTime + step,
                          DataClass::kTensor);
}

constexpr int kVertexBit = 1 << MeshPluginData::VERTEX;
constexpr int kFaceBit = 1 << MeshPluginData::FACE;
constexpr int kColorBit = 1 << MeshPluginData::COLOR;

absl::Status WriteMesh(EventWriter& writer, const std::string& name,
                       int64_t step, const std::vector<double>& vertices,
                       const std::vector<double>& faces,
                       const std::vector<double>& colors,
                       const std::string& config, int64_t samples = 1) {
  // Every sample has the same number of points and faces.
  const int64_t points = static_cast<int64_t>(vertices.size() / 3) / samples;
  const int components = kVertexBit | (faces.empty() ? 0 : kFaceBit) |
                         (colors.empty() ? 0 : kColorBit);
  RETURN_IF_ERROR(WriteComponent(
      writer, name, MeshPluginData::VERTEX, components, config,
      MakeTensor(DType::kFloat, {samples, points, 3}, vertices), step));
  if (!faces.empty()) {
    RETURN_IF_ERROR(WriteComponent(
        writer, name, MeshPluginData::FACE, components, config,
        MakeTensor(DType::kInt32,
                   {samples, static_cast<int64_t>(faces.size() / 3) / samples,
                    3},
                   faces),
        step));
  }
  if (!colors.empty()) {
    RETURN_IF_ERROR(WriteComponent(
        writer, name, MeshPluginData::COLOR, components, config,
        MakeTensor(DType::kUInt8, {samples, points, 3}, colors), step));
  }
  return absl::OkStatus();
}

std::string LayoutBytes() {
  tensorboard::Layout layout;
  tensorboard::Category* losses = layout.add_category();
  losses->set_title("Losses");
  tensorboard::Chart* loss = losses->add_chart();
  loss->set_title("loss");
  loss->mutable_multiline()->add_tag("loss/.*");
  tensorboard::Category* accuracy = layout.add_category();
  accuracy->set_title("Accuracy");
  accuracy->set_closed(true);
  tensorboard::Chart* acc = accuracy->add_chart();
  acc->set_title("acc");
  auto* series = acc->mutable_margin()->add_series();
  series->set_value("acc/mean");
  series->set_lower("acc/lower");
  series->set_upper("acc/upper");
  return layout.SerializeAsString();
}

absl::Status WriteFixture(const std::string& dir) {
  std::mt19937 random(7);
  for (const std::string run : {"run_a", "run_b"}) {
    absl::StatusOr<std::unique_ptr<EventWriter>> writer =
        EventWriter::Create(absl::StrCat(dir, "/", run));
    if (!writer.ok()) return writer.status();
    EventWriter& w = **writer;
    const double skill = run == "run_a" ? 0.5 : 0.9;
    RETURN_IF_ERROR(WritePr(w, "pr/class_0", 5, 11, skill, random));
    for (int step = 0; step < 50; ++step) {
      const double t = kStartWallTime + step;
      const double base = run == "run_a" ? 1.0 : 0.7;
      RETURN_IF_ERROR(w.AddScalar("loss/train", base / (1 + step), step, t));
      RETURN_IF_ERROR(
          w.AddScalar("loss/val", base * 1.2 / (1 + step), step, t));
      const double mean = 1 - base / (2 + step);
      RETURN_IF_ERROR(w.AddScalar("acc/mean", mean, step, t));
      RETURN_IF_ERROR(w.AddScalar("acc/lower", mean - 0.05, step, t));
      RETURN_IF_ERROR(w.AddScalar("acc/upper", mean + 0.05, step, t));
    }
    if (run != "run_a") continue;
    Tensor layout;
    layout.dtype = DType::kString;
    layout.strings = {LayoutBytes()};
    RETURN_IF_ERROR(w.AddTensor("custom_scalars__config__", layout,
                                "custom_scalars", "", 0, kStartWallTime,
                                DataClass::kTensor));
    const std::string config =
        R"({"camera": {"cls": "PerspectiveCamera", "fov": 75}, "lights": [{"cls": "AmbientLight", "color": "#ffffff", "intensity": 0.75}, {"cls": "DirectionalLight", "color": "#ffffff", "intensity": 0.75, "position": [0, -1, 2]}]})";
    for (int step = 0; step < 2; ++step) {
      const double s = 1.0 + step;
      RETURN_IF_ERROR(WriteMesh(
          w, "mesh/tetra", step, {s, s, s, -s, -s, s, -s, s, -s, s, -s, -s},
          {0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2},
          {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0}, config));
    }
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> cloud, cloud_colors;
    for (int i = 0; i < 500; ++i) {
      for (int c = 0; c < 3; ++c) cloud.push_back(normal(random));
      cloud_colors.insert(cloud_colors.end(), {200.0, 40.0 + (i % 200), 40.0});
    }
    RETURN_IF_ERROR(
        WriteMesh(w, "points/cloud", 0, cloud, {}, cloud_colors, "{}"));
    // Two samples: a small red triangle, then a large blue one.
    RETURN_IF_ERROR(WriteMesh(
        w, "mesh/samples", 0,
        {0, 0, 0, 0.2, 0, 0, 0, 0.2, 0, -2, -2, 0, 2, -2, 0, 0, 2, 0},
        {0, 1, 2, 0, 1, 2},
        {255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 255},
        "{}", 2));
    RETURN_IF_ERROR(WriteMesh(w, "mesh/bad", 0, {0, 0, 0, 1, 0, 0, 0, 1, 0},
                              {0, 1, 7}, {}, "{}"));
  }
  return absl::OkStatus();
}

absl::Status WriteBenchMesh(const std::string& dir, int vertices) {
  const int side = std::max(2, static_cast<int>(std::sqrt(vertices)));
  std::vector<double> positions, faces, colors;
  positions.reserve(3 * side * side);
  colors.reserve(3 * side * side);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const double u = static_cast<double>(x) / (side - 1);
      const double v = static_cast<double>(y) / (side - 1);
      positions.insert(
          positions.end(),
          {u - 0.5, v - 0.5, 0.1 * std::sin(10 * u) * std::cos(10 * v)});
      colors.insert(colors.end(),
                    {std::round(255 * u), std::round(255 * v), 128.0});
    }
  }
  faces.reserve(6 * (side - 1) * (side - 1));
  for (int y = 0; y + 1 < side; ++y) {
    for (int x = 0; x + 1 < side; ++x) {
      const double i = y * side + x;
      faces.insert(faces.end(),
                   {i, i + 1, i + side, i + 1, i + side + 1, i + side});
    }
  }
  absl::StatusOr<std::unique_ptr<EventWriter>> writer =
      EventWriter::Create(absl::StrCat(dir, "/bench"));
  if (!writer.ok()) return writer.status();
  return WriteMesh(**writer, "mesh/big", 0, positions, faces, colors, "{}");
}

absl::Status WriteBenchPr(const std::string& dir, int runs, int steps,
                          int thresholds) {
  std::mt19937 random(11);
  for (int r = 0; r < runs; ++r) {
    absl::StatusOr<std::unique_ptr<EventWriter>> writer =
        EventWriter::Create(absl::StrCat(dir, "/run_", r));
    if (!writer.ok()) return writer.status();
    RETURN_IF_ERROR(
        WritePr(**writer, "pr/big", steps, thresholds, 0.3 + 0.2 * r, random));
  }
  return absl::OkStatus();
}

int Usage() {
  std::cerr << "usage: make_prmesh_logdir fixture DIR\n"
               "       make_prmesh_logdir bench-mesh DIR VERTICES\n"
               "       make_prmesh_logdir bench-pr DIR RUNS STEPS THRESHOLDS\n";
  return 1;
}

bool Positive(const std::string& text, int* value) {
  return absl::SimpleAtoi(text, value) && *value > 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::Status status;
  int a = 0, b = 0, c = 0;
  if (args.size() == 2 && args[0] == "fixture") {
    status = WriteFixture(args[1]);
  } else if (args.size() == 3 && args[0] == "bench-mesh" &&
             Positive(args[2], &a)) {
    status = WriteBenchMesh(args[1], a);
  } else if (args.size() == 5 && args[0] == "bench-pr" &&
             Positive(args[2], &a) && Positive(args[3], &b) &&
             Positive(args[4], &c)) {
    status = WriteBenchPr(args[1], a, b, c);
  } else {
    return Usage();
  }
  if (!status.ok()) {
    std::cerr << "make_prmesh_logdir: " << status << "\n";
    return 1;
  }
  return 0;
}
