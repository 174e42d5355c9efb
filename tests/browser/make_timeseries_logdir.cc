// make_timeseries_logdir: writes the logdirs that the Time Series browser test
// and benchmark read, with tbx::EventWriter.
//
//   make_timeseries_logdir fixture DIR
//       runs "train" and "eval", each with scalars loss and metrics/acc (50
//       steps), histogram weights/dense (20 steps) and images samples/digits
//       (train: steps 0..9, eval: steps 0, 2, ..., 18; the image of step s is
//       (10 + s) × 12 pixels, so tests can tell which step is shown). "mixed"
//       is a scalar in train and an image in eval. Run train also has 120
//       scalar tags zz_filler/tag_000 ... (5 steps each) below the others, so
//       most cards start far from the viewport.
//   make_timeseries_logdir bench DIR SCALAR_TAGS RUNS STEPS HIST_TAGS IMG_TAGS
//       RUNS runs run_000 ... with SCALAR_TAGS scalar tags group_NN/tag_NNNN of
//       STEPS steps each; run_000 also has HIST_TAGS histograms hist/tag_NNN
//       (50 steps of 30 buckets) and IMG_TAGS images image/tag_NNN (10 steps
//       of a 32 × 32 PNG).
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
#include "absl/strings/str_format.h"
#include "tbx/event_writer.h"
#include "tests/browser/media_encoders.h"

namespace {

constexpr double kStartWallTime = 1700000000.0;

// A (10 + step) × 12 picture: a gradient with the step's column marked.
absl::StatusOr<std::string> StepImage(int step) {
  const int width = 10 + step;
  constexpr int kHeight = 12;
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * kHeight * 3);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &rgb[(static_cast<size_t>(y) * width + x) * 3];
      const bool mark = x == step % width;
      p[0] = mark ? 255 : static_cast<uint8_t>(255 * x / width);
      p[1] = mark ? 255 : 60;
      p[2] = mark ? 255 : static_cast<uint8_t>(255 * y / kHeight);
    }
  }
  return tbx::testing::EncodePng(width, kHeight, rgb);
}

std::vector<double> NormalSample(std::mt19937& random, int count, double mean) {
  std::normal_distribution<double> normal(mean, 1.0);
  std::vector<double> values(count);
  for (double& v : values) v = normal(random);
  return values;
}

absl::Status AddImage(tbx::EventWriter& w, const std::string& tag, int step,
                      double t) {
  absl::StatusOr<std::string> png = StepImage(step);
  if (!png.ok()) return png.status();
  return w.AddImages(tag, 10 + step, 12, {*png}, step, t);
}

absl::Status WriteFixtureRun(const std::string& dir, const std::string& run,
                             double offset) {
  auto writer = tbx::EventWriter::Create(absl::StrCat(dir, "/", run));
  if (!writer.ok()) return writer.status();
  tbx::EventWriter& w = **writer;
  std::mt19937 random(run == "train" ? 1 : 2);
  for (int step = 0; step < 50; ++step) {
    const double t = kStartWallTime + 2.0 * step;
    absl::Status s = w.AddScalar("loss", offset + 1.0 / (1 + step), step, t,
                                 "The training *loss*");
    if (s.ok())
      s = w.AddScalar("metrics/acc", 1.0 - offset / (2 + step), step, t);
    if (s.ok() && step < 20) {
      s = w.AddHistogram("weights/dense",
                         NormalSample(random, 200, step / 10.0), step, t);
    }
    if (s.ok() && run == "train" && step < 10) {
      s = AddImage(w, "samples/digits", step, t);
    }
    if (s.ok() && run == "eval" && step < 20 && step % 2 == 0) {
      s = AddImage(w, "samples/digits", step, t);
    }
    if (!s.ok()) return s;
  }
  absl::Status s = run == "train" ? w.AddScalar("mixed", 3.0, 0, kStartWallTime)
                                  : AddImage(w, "mixed", 0, kStartWallTime);
  for (int tag = 0; s.ok() && run == "train" && tag < 120; ++tag) {
    for (int step = 0; s.ok() && step < 5; ++step) {
      s = w.AddScalar(absl::StrFormat("zz_filler/tag_%03d", tag),
                      std::sin(tag + step), step, kStartWallTime + step);
    }
  }
  if (!s.ok()) return s;
  return w.Flush();
}

absl::Status WriteBench(const std::string& dir, int scalar_tags, int runs,
                        int steps, int hist_tags, int image_tags) {
  std::mt19937 random(3);
  for (int run = 0; run < runs; ++run) {
    auto writer =
        tbx::EventWriter::Create(absl::StrFormat("%s/run_%03d", dir, run));
    if (!writer.ok()) return writer.status();
    tbx::EventWriter& w = **writer;
    for (int step = 0; step < steps; ++step) {
      const double t = kStartWallTime + step;
      for (int tag = 0; tag < scalar_tags; ++tag) {
        absl::Status s =
            w.AddScalar(absl::StrFormat("group_%02d/tag_%04d", tag / 50, tag),
                        std::sin(0.01 * step + tag) + 0.1 * run, step, t);
        if (!s.ok()) return s;
      }
    }
    for (int tag = 0; run == 0 && tag < hist_tags; ++tag) {
      for (int step = 0; step < 50; ++step) {
        absl::Status s = w.AddHistogram(absl::StrFormat("hist/tag_%03d", tag),
                                        NormalSample(random, 100, step / 20.0),
                                        step, kStartWallTime + step);
        if (!s.ok()) return s;
      }
    }
    for (int tag = 0; run == 0 && tag < image_tags; ++tag) {
      for (int step = 0; step < 10; ++step) {
        absl::Status s = AddImage(w, absl::StrFormat("image/tag_%03d", tag),
                                  step, kStartWallTime + step);
        if (!s.ok()) return s;
      }
    }
    absl::Status s = w.Flush();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

int Usage() {
  std::cerr << "usage: make_timeseries_logdir fixture DIR\n"
               "       make_timeseries_logdir bench DIR SCALAR_TAGS RUNS STEPS "
               "HIST_TAGS IMG_TAGS\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::Status status;
  if (args.size() == 2 && args[0] == "fixture") {
    status = WriteFixtureRun(args[1], "train", 0.0);
    if (status.ok()) status = WriteFixtureRun(args[1], "eval", 0.5);
  } else if (args.size() == 7 && args[0] == "bench") {
    int n[5];
    for (int i = 0; i < 5; ++i) {
      if (!absl::SimpleAtoi(args[2 + i], &n[i]) || n[i] < 0) return Usage();
    }
    status = WriteBench(args[1], n[0], n[1], n[2], n[3], n[4]);
  } else {
    return Usage();
  }
  if (!status.ok()) {
    std::cerr << "make_timeseries_logdir: " << status << "\n";
    return 1;
  }
  return 0;
}
