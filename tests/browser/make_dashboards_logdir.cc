// make_dashboards_logdir: writes the logdirs that the browser tests of the
// histogram, distribution, image, audio and text dashboards (and the histogram
// paint benchmark) read, with tbx::EventWriter.
//
//   make_dashboards_logdir fixture DIR
//       run "train": histograms weights/dense (40 steps) and activations/relu
//       (40 steps); images
//         samples/grid (12 steps × 3 samples; the image of step s, sample n is
//         (20 + s) × (10 + n) pixels, so tests can tell which one is shown);
//         video/clip (step 0: an 8 × 8 animated GIF, red then blue, 200 ms
//         a frame, looping, as torch's add_video writes);
//         audio audio/tone (4 steps of 0.25 s WAV); text notes/report (3 steps
//         of Markdown with a table and HTML that must never run).
//       run "eval": weights/dense (20 steps) and notes/report (2 steps).
//       run "<img src=x onerror=window.__xssRun=1>": histogram tag
//         "<img src=x onerror=window.__xssTag=1>" and text tag "<same> text".
//       Every run also has the scalar "progress", so a server can be awaited on
//       scalars/tags.
//   make_dashboards_logdir append-text RUN_DIR STEP
//       writes one more notes/report text at STEP into a new event file of
//       RUN_DIR (live tests).
//   make_dashboards_logdir bench DIR STEPS BUCKETS
//       run "bench": histogram weights/big with STEPS steps of BUCKETS buckets
//       (torch-sized).
//
// Exits 0 on success; prints the error and exits 1 on failure or bad arguments.
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tbx/event_writer.h"
#include "tests/browser/media_encoders.h"

namespace {

constexpr double kStartWallTime = 1700000000.0;
constexpr char kXssRun[] = "<img src=x onerror=window.__xssRun=1>";
constexpr char kXssTag[] = "<img src=x onerror=window.__xssTag=1>";
// A tag's plugin comes from its first event, so the text tag needs a name of
// its own.
constexpr char kXssTextTag[] = "<img src=x onerror=window.__xssTag=1> text";

std::vector<double> NormalSample(std::mt19937& random, int count, double mean,
                                 double stddev) {
  std::normal_distribution<double> normal(mean, stddev);
  std::vector<double> values(count);
  for (double& v : values) v = normal(random);
  return values;
}

// A (20 + step) × (10 + sample) picture: a colour gradient with a bright
// diagonal.
absl::StatusOr<std::string> StepImage(int step, int sample) {
  const int width = 20 + step;
  const int height = 10 + sample;
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &rgb[(static_cast<size_t>(y) * width + x) * 3];
      const bool diagonal = (x + step) % width == y * width / height;
      p[0] = diagonal ? 255 : static_cast<uint8_t>(255 * x / width);
      p[1] = diagonal ? 255 : static_cast<uint8_t>(80 * sample);
      p[2] = diagonal ? 255 : static_cast<uint8_t>(255 * y / height);
    }
  }
  return tbx::testing::EncodePng(width, height, rgb);
}

// Two 8 × 8 frames: all red, then all blue with a white middle row.
absl::StatusOr<std::string> Clip() {
  constexpr int kSide = 8;
  std::vector<uint8_t> red(kSide * kSide, 0), blue(kSide * kSide, 1);
  for (int x = 0; x < kSide; ++x) blue[kSide * kSide / 2 + x] = 2;
  return tbx::testing::EncodeGif(kSide, kSide,
                                 {{255, 0, 0}, {0, 0, 255}, {255, 255, 255}},
                                 {red, blue}, 20);
}

std::string Tone(double frequency) {
  constexpr int kRate = 8000;
  std::vector<int16_t> samples(kRate / 4);
  for (size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<int16_t>(
        12000 * std::sin(2 * M_PI * frequency * i / kRate));
  }
  return tbx::testing::EncodeWav(samples, kRate);
}

std::string Report(int step) {
  return absl::StrCat("# Report for step ", step, "\n\n",
                      "Some **bold** text and `code`.\n\n",
                      "| metric | value |\n|---|---|\n| loss | ",
                      1.0 / (step + 1), " |\n| step | ", step, " |\n\n",
                      "<script>window.__xssText=1</script>\n\n",
                      "<img src=x onerror=\"window.__xssImg=1\">\n");
}

absl::Status WriteTrain(const std::string& dir) {
  auto writer = tbx::EventWriter::Create(dir);
  if (!writer.ok()) return writer.status();
  tbx::EventWriter& w = **writer;
  std::mt19937 random(7);
  for (int step = 0; step < 40; ++step) {
    const double t = kStartWallTime + 3.0 * step;
    absl::Status s = w.AddScalar("progress", step / 40.0, step, t);
    if (s.ok())
      s = w.AddHistogram(
          "weights/dense",
          NormalSample(random, 2000, step * 0.05, 1.0 + step * 0.02), step, t);
    if (s.ok()) {
      std::vector<double> relu = NormalSample(random, 2000, 0.2, 1.0);
      for (double& v : relu) v = std::max(0.0, v);
      s = w.AddHistogram("activations/relu", relu, step, t);
    }
    if (s.ok() && step < 12) {
      std::vector<std::string> images;
      for (int sample = 0; sample < 3; ++sample) {
        absl::StatusOr<std::string> png = StepImage(step, sample);
        if (!png.ok()) return png.status();
        images.push_back(*png);
      }
      s = w.AddImages("samples/grid", 20 + step, 10, images, step, t);
    }
    if (s.ok() && step == 0) {
      absl::StatusOr<std::string> gif = Clip();
      if (!gif.ok()) return gif.status();
      s = w.AddImages("video/clip", 8, 8, {*gif}, step, t);
    }
    if (s.ok() && step < 4)
      s = w.AddAudio("audio/tone", {Tone(220.0 * (1 + step))}, {"tone"}, step,
                     t);
    if (s.ok() && step < 3)
      s = w.AddText("notes/report", Report(step), step, t);
    if (!s.ok()) return s;
  }
  return w.Flush();
}

absl::Status WriteEval(const std::string& dir) {
  auto writer = tbx::EventWriter::Create(dir);
  if (!writer.ok()) return writer.status();
  std::mt19937 random(11);
  for (int step = 0; step < 20; ++step) {
    const double t = kStartWallTime + 6.0 * step;
    absl::Status s = (*writer)->AddScalar("progress", step / 20.0, step, t);
    if (s.ok())
      s = (*writer)->AddHistogram(
          "weights/dense", NormalSample(random, 1000, -0.5, 0.7), step, t);
    if (s.ok() && step < 2)
      s = (*writer)->AddText("notes/report", Report(step), step, t);
    if (!s.ok()) return s;
  }
  return (*writer)->Flush();
}

absl::Status WriteXssRun(const std::string& dir) {
  auto writer = tbx::EventWriter::Create(dir);
  if (!writer.ok()) return writer.status();
  std::mt19937 random(13);
  absl::Status s = (*writer)->AddScalar("progress", 1.0, 0, kStartWallTime);
  if (s.ok())
    s = (*writer)->AddText(kXssTextTag, "A run and a tag named like HTML.", 0,
                           kStartWallTime);
  if (s.ok())
    s = (*writer)->AddHistogram(kXssTag, NormalSample(random, 500, 0, 1), 0,
                                kStartWallTime);
  if (!s.ok()) return s;
  return (*writer)->Flush();
}

absl::Status WriteFixture(const std::string& dir) {
  absl::Status s = WriteTrain(dir + "/train");
  if (s.ok()) s = WriteEval(dir + "/eval");
  if (s.ok()) s = WriteXssRun(absl::StrCat(dir, "/", kXssRun));
  return s;
}

absl::Status AppendText(const std::string& run_dir, int step) {
  auto writer = tbx::EventWriter::Create(run_dir);
  if (!writer.ok()) return writer.status();
  absl::Status s = (*writer)->AddText("notes/report", Report(step), step,
                                      kStartWallTime + 3.0 * step);
  if (!s.ok()) return s;
  return (*writer)->Flush();
}

absl::Status WriteBench(const std::string& dir, int steps, int buckets) {
  auto writer = tbx::EventWriter::Create(dir + "/bench");
  if (!writer.ok()) return writer.status();
  std::mt19937 random(17);
  for (int step = 0; step < steps; ++step) {
    const double t = kStartWallTime + step;
    absl::Status s = (*writer)->AddScalar("progress", step, step, t);
    if (s.ok()) {
      s = (*writer)->AddHistogram(
          "weights/big",
          NormalSample(random, 4 * buckets, std::sin(step / 50.0),
                       1.0 + step / 300.0),
          step, t, buckets);
    }
    if (!s.ok()) return s;
  }
  return (*writer)->Flush();
}

int Usage() {
  std::cerr << "usage: make_dashboards_logdir fixture DIR\n"
               "       make_dashboards_logdir append-text RUN_DIR STEP\n"
               "       make_dashboards_logdir bench DIR STEPS BUCKETS\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::Status status;
  if (args.size() == 2 && args[0] == "fixture") {
    status = WriteFixture(args[1]);
  } else if (args.size() == 3 && args[0] == "append-text") {
    int step = 0;
    if (!absl::SimpleAtoi(args[2], &step) || step < 0) {
      std::cerr << "STEP must be a non-negative integer\n";
      return Usage();
    }
    status = AppendText(args[1], step);
  } else if (args.size() == 4 && args[0] == "bench") {
    int steps = 0, buckets = 0;
    if (!absl::SimpleAtoi(args[2], &steps) ||
        !absl::SimpleAtoi(args[3], &buckets) || steps <= 0 || buckets <= 0) {
      std::cerr << "STEPS and BUCKETS must be positive integers\n";
      return Usage();
    }
    status = WriteBench(args[1], steps, buckets);
  } else {
    return Usage();
  }
  if (!status.ok()) {
    std::cerr << "make_dashboards_logdir: " << status << "\n";
    return 1;
  }
  return 0;
}
