// Writes a projector logdir for browser tests, benchmarks and demos:
//   make_projector_logdir <dir> <rows> <dims> [checkpoint|tsv] [sprites]
// Run "emb" gets an events file (one scalar) and `rows` × `dims` float32 points in `clusters`
// Gaussian clusters (fixed seed): as a TF2-style checkpoint (ckpt-1, named
// "embedding/embeddings" by its object graph) or as a TSV tensor file, with a metadata TSV
// (columns "label" and "cluster") and, with "sprites", a sprite sheet of 8 × 8 images coloured by
// cluster.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "proto/tensor.pb.h"
#include "tbx/event_writer.h"
#include "tools/checkpoint_writer.h"
#include "tools/media_encoders.h"

namespace {

constexpr int kClusters = 5;
constexpr int kSpriteSide = 8;

int Fail(const std::string& message) {
  std::cerr << "make_projector_logdir: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    return Fail("usage: make_projector_logdir <dir> <rows> <dims> [checkpoint|tsv] [sprites]");
  }
  const std::string dir = std::string(argv[1]) + "/emb";
  const long rows = std::atol(argv[2]);
  const long dims = std::atol(argv[3]);
  const std::string format = argc > 4 ? argv[4] : "checkpoint";
  const bool sprites = argc > 5 && std::string(argv[5]) == "sprites";
  if (rows <= 0 || dims <= 0) return Fail("rows and dims must be > 0");
  std::filesystem::create_directories(dir);
  auto writer = tbx::EventWriter::Create(dir);
  if (!writer.ok() || !(*writer)->AddScalar("loss", 1.0, 0).ok()) return Fail("cannot write events");

  std::mt19937 random(7);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<std::vector<float>> centres(kClusters, std::vector<float>(dims));
  for (auto& centre : centres)
    for (float& v : centre) v = 6.0f * normal(random);
  std::vector<float> values(static_cast<size_t>(rows * dims));
  std::ofstream metadata(dir + "/metadata.tsv");
  metadata << "label\tcluster\n";
  for (long r = 0; r < rows; ++r) {
    const int cluster = static_cast<int>(r % kClusters);
    for (long d = 0; d < dims; ++d) values[r * dims + d] = centres[cluster][d] + normal(random);
    metadata << "point_" << r << "\tc" << cluster << "\n";
  }
  metadata.close();

  std::string config;
  if (format == "tsv") {
    std::ofstream tsv(dir + "/tensors.tsv");
    for (long r = 0; r < rows; ++r) {
      for (long d = 0; d < dims; ++d) tsv << (d ? "\t" : "") << values[r * dims + d];
      tsv << "\n";
    }
    config = "embeddings {\n  tensor_name: \"points\"\n  tensor_path: \"tensors.tsv\"\n"
             "  metadata_path: \"metadata.tsv\"\n";
  } else {
    const std::string key = "model/embedding/.ATTRIBUTES/VARIABLE_VALUE";
    absl::Status status = tbx::tools::WriteCheckpoint(
        dir + "/ckpt-1",
        {{key, tensorboard::DT_FLOAT, {rows, dims}, tbx::tools::Float32Bytes(values)}}, 1,
        {{"model/embedding", key, "embedding/embeddings"}});
    if (!status.ok() || !tbx::tools::WriteCheckpointState(dir, "ckpt-1").ok())
      return Fail("cannot write the checkpoint");
    config = "embeddings {\n  tensor_name: \"embedding/embeddings\"\n  metadata_path: \"metadata.tsv\"\n";
  }
  if (sprites) {
    const int per_row = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(rows))));
    const int side = per_row * kSpriteSide;
    std::vector<uint8_t> rgb(static_cast<size_t>(side) * side * 3, 255);
    const uint8_t palette[kClusters][3] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40}, {148, 103, 189}};
    for (long r = 0; r < rows; ++r) {
      const int x0 = static_cast<int>(r % per_row) * kSpriteSide;
      const int y0 = static_cast<int>(r / per_row) * kSpriteSide;
      for (int y = 1; y < kSpriteSide - 1; ++y)
        for (int x = 1; x < kSpriteSide - 1; ++x)
          for (int c = 0; c < 3; ++c)
            rgb[((static_cast<size_t>(y0 + y) * side) + x0 + x) * 3 + c] = palette[r % kClusters][c];
    }
    std::ofstream(dir + "/sprite.png", std::ios::binary) << tbx::EncodePng(side, side, rgb);
    config += absl::StrCat("  sprite {\n    image_path: \"sprite.png\"\n    single_image_dim: ", kSpriteSide,
                           "\n    single_image_dim: ", kSpriteSide, "\n  }\n");
  }
  config += "}\n";
  std::ofstream(dir + "/projector_config.pbtxt") << config;
  std::cout << dir << "\n";
  return 0;
}
