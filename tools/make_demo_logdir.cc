// make_demo_logdir: writes a logdir that shows every dashboard tbx has, with
// tbx::EventWriter.
//   make_demo_logdir <output directory>
// Runs: train, eval, sweep/lr_0.1, sweep/lr_0.01. Scalars with nested tags
// (loss/train, metrics/accuracy/top1, ...), histograms of drifting weights,
// generated PNG images, WAV tones and Markdown text with tables. Deterministic:
// the same directory content on every run, apart from the event file names
// (which hold the host name and time, as every writer's do).
#include <cmath>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tbx/event_writer.h"
#include "tools/media_encoders.h"

namespace tbx {
namespace {

constexpr double kStartTime = 1700000000.0;
constexpr int kScalarSteps = 1000;
constexpr double kPi = 3.14159265358979323846;

absl::Status Check(absl::Status status) {
  if (!status.ok()) std::cerr << "make_demo_logdir: " << status << "\n";
  return status;
}

// Loss-like curve: exponential decay towards `floor` plus seeded noise.
double Loss(int step, double rate, double floor, std::mt19937& random) {
  std::normal_distribution<double> noise(0.0, 0.02);
  return floor + (2.0 - floor) * std::exp(-rate * step) + noise(random);
}

absl::Status WriteScalars(EventWriter& writer, double rate, double offset,
                          int seed) {
  std::mt19937 random(seed);
  for (int step = 0; step < kScalarSteps; ++step) {
    const double wall = kStartTime + offset + step * 0.5;
    const double loss = Loss(step, rate, 0.1, random);
    absl::Status status = writer.AddScalar("loss/train", loss, step, wall);
    if (status.ok() && step % 10 == 0) {
      status = writer.AddScalar("loss/val", loss * 1.1 + 0.05, step, wall);
    }
    if (status.ok()) {
      status = writer.AddScalar("metrics/accuracy/top1", 1.0 - loss / 2.2, step,
                                wall, "Top-1 **accuracy** on the batch");
    }
    if (status.ok()) {
      status = writer.AddScalar("metrics/accuracy/top5",
                                std::min(1.0, 1.2 - loss / 2.2), step, wall);
    }
    if (status.ok()) {
      status = writer.AddScalar("learning_rate",
                                rate * std::pow(0.5, step / 250), step, wall);
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status WriteHistograms(EventWriter& writer, int seed) {
  std::mt19937 random(seed);
  for (int step = 0; step < 50; ++step) {
    const double wall = kStartTime + step * 10;
    for (int layer = 1; layer <= 2; ++layer) {
      std::normal_distribution<double> weights(0.02 * step * layer,
                                               1.0 / (1 + 0.05 * step));
      std::vector<double> values(2000);
      for (double& v : values) v = weights(random);
      absl::Status status = writer.AddHistogram(
          absl::StrCat("weights/layer", layer), values, step * 20, wall);
      if (!status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

// A 64x64 picture: a colour gradient with a bright disc that moves with the
// step.
std::string DemoPng(int step, int variant) {
  constexpr int kSize = 64;
  std::vector<uint8_t> rgb(kSize * kSize * 3);
  const double cx = 32 + 20 * std::cos(step * 0.6 + variant);
  const double cy = 32 + 20 * std::sin(step * 0.6 + variant);
  for (int y = 0; y < kSize; ++y) {
    for (int x = 0; x < kSize; ++x) {
      uint8_t* pixel = &rgb[(y * kSize + x) * 3];
      const bool in_disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < 80;
      pixel[0] = in_disc ? 255 : static_cast<uint8_t>(x * 4);
      pixel[1] = in_disc ? 240 : static_cast<uint8_t>(y * 4);
      pixel[2] = in_disc ? 80 : static_cast<uint8_t>(128 + 40 * variant);
    }
  }
  return EncodePng(kSize, kSize, rgb);
}

absl::Status WriteImages(EventWriter& writer) {
  for (int step = 0; step < 12; ++step) {
    const double wall = kStartTime + step * 60;
    absl::Status status = writer.AddImages(
        "samples/input", 64, 64, {DemoPng(step, 0)}, step * 100, wall);
    if (status.ok()) {
      status = writer.AddImages(
          "samples/batch", 64, 64,
          {DemoPng(step, 0), DemoPng(step, 1), DemoPng(step, 2)}, step * 100,
          wall);
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status WriteAudio(EventWriter& writer) {
  constexpr int kRate = 8000;
  for (int step = 0; step < 5; ++step) {
    const double frequency = 220.0 * std::pow(2.0, step / 4.0);
    std::vector<float> samples(kRate / 2);
    for (size_t i = 0; i < samples.size(); ++i) {
      const double fade = 1.0 - static_cast<double>(i) / samples.size();
      samples[i] = static_cast<float>(
          0.5 * fade * std::sin(2 * kPi * frequency * i / kRate));
    }
    absl::Status status =
        writer.AddAudio("tones/sine", {EncodeWav(kRate, samples)},
                        {absl::StrCat(static_cast<int>(frequency), " Hz")},
                        step * 200, kStartTime + step * 60);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status WriteText(EventWriter& writer) {
  for (int step = 0; step < 3; ++step) {
    const std::string markdown = absl::StrCat(
        "## Evaluation at step ", step * 500, "\n\n",
        "| class | precision | recall |\n|---|---:|---:|\n", "| cat | ",
        0.7 + 0.1 * step, " | ", 0.65 + 0.1 * step, " |\n", "| dog | ",
        0.6 + 0.1 * step, " | ", 0.7 + 0.05 * step, " |\n\n",
        "Notes: *still training*, see `config.yaml`. "
        "<script>alert('escaped')</script>\n");
    absl::Status status = writer.AddText("notes/eval_report", markdown,
                                         step * 500, kStartTime + step * 300);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

int Run(const std::string& root) {
  struct RunSpec {
    std::string name;
    double rate;
    double offset;
    bool rich;  // also histograms, images, audio and text
  };
  const RunSpec runs[] = {{"train", 0.01, 0, true},
                          {"eval", 0.008, 30, false},
                          {"sweep/lr_0.1", 0.03, 60, false},
                          {"sweep/lr_0.01", 0.004, 90, false}};
  int seed = 1;
  for (const RunSpec& run : runs) {
    const std::string dir = (std::filesystem::path(root) / run.name).string();
    auto writer = EventWriter::Create(dir);
    if (!writer.ok()) {
      std::cerr << "make_demo_logdir: " << writer.status() << "\n";
      return 1;
    }
    EventWriter& w = **writer;
    if (!Check(WriteScalars(w, run.rate, run.offset, seed++)).ok()) return 1;
    if (run.rich) {
      if (!Check(WriteHistograms(w, seed++)).ok() ||
          !Check(WriteImages(w)).ok() || !Check(WriteAudio(w)).ok() ||
          !Check(WriteText(w)).ok()) {
        return 1;
      }
    }
    if (!Check(w.Flush()).ok()) return 1;
  }
  std::cout << "wrote a demo logdir with " << std::size(runs) << " runs to "
            << root << "\n";
  return 0;
}

}  // namespace
}  // namespace tbx

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_demo_logdir <output directory>\n";
    return 2;
  }
  return tbx::Run(argv[1]);
}
