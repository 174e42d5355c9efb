// make_browser_logdir: writes the logdirs the browser tests and the paint
// benchmark read, with tbx::EventWriter, and appends single points to an
// existing event file (live-update tests).
//
//   make_browser_logdir fixture DIR
//       runs "train", "eval" and "sweep/lr=0.1" (nested, with awkward
//       characters); scalar tags loss/total, loss/aux, accuracy/top1 and
//       learning_rate, 200 steps each.
//   make_browser_logdir bench DIR RUNS TAGS STEPS
//       RUNS runs × TAGS tags × STEPS steps of synthetic scalars.
//   make_browser_logdir append EVENT_FILE TAG STEP VALUE
//       appends one scalar event to EVENT_FILE in place (the file keeps its
//       name and grows).
//   make_browser_logdir corrupt EVENT_FILE TAG STEP VALUE
//       the same, with one byte of the record's data flipped, so that its
//       data CRC is wrong.
//
// Exits 0 on success; prints the error and exits 1 on any failure or bad
// argument.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tbx/event_writer.h"

namespace {

constexpr double kStartWallTime = 1700000000.0;

absl::Status WriteRun(const std::string& dir, double offset, int steps) {
  auto writer = tbx::EventWriter::Create(dir);
  if (!writer.ok()) return writer.status();
  for (int step = 0; step < steps; ++step) {
    const double t = kStartWallTime + 2.0 * step;
    const double decay = std::exp(-step / 60.0);
    const double wiggle = 0.08 * std::sin(step * 0.7 + offset * 5);
    absl::Status status = (*writer)->AddScalar(
        "loss/total", (2.0 + offset) * decay + wiggle + 0.1, step, t,
        "Total training <b>loss</b>");
    if (status.ok()) {
      status =
          (*writer)->AddScalar("loss/aux", 0.5 * decay + offset * 0.1, step, t);
    }
    if (status.ok()) {
      status = (*writer)->AddScalar("accuracy/top1",
                                    1.0 - 0.9 * decay - 0.05 * offset, step, t);
    }
    if (status.ok()) {
      status = (*writer)->AddScalar("learning_rate", step < 100 ? 0.1 : 0.01,
                                    step, t);
    }
    if (!status.ok()) return status;
  }
  return (*writer)->Flush();
}

absl::Status WriteFixture(const std::string& dir) {
  const std::vector<std::pair<std::string, double>> runs = {
      {"train", 0.0}, {"eval", 0.4}, {"sweep/lr=0.1", 0.8}};
  for (const auto& [run, offset] : runs) {
    absl::Status status = WriteRun(dir + "/" + run, offset, 200);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status WriteBench(const std::string& dir, int runs, int tags, int steps) {
  for (int r = 0; r < runs; ++r) {
    auto writer = tbx::EventWriter::Create(absl::StrCat(dir, "/run_", r));
    if (!writer.ok()) return writer.status();
    for (int step = 0; step < steps; ++step) {
      for (int t = 0; t < tags; ++t) {
        const double value =
            std::exp(-step / (steps / 4.0)) * (1.0 + 0.02 * r) +
            0.05 * std::sin(step * 0.37 + r + t);
        absl::Status status =
            (*writer)->AddScalar(absl::StrCat("group_", t % 4, "/metric_", t),
                                 value, step, kStartWallTime + step + r);
        if (!status.ok()) return status;
      }
    }
    absl::Status status = (*writer)->Flush();
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

// Writes the event to a scratch file with EventWriter, then copies its records
// after the first (the file_version record every new file starts with) onto the
// end of `event_file`.
absl::Status AppendScalar(const std::string& event_file, const std::string& tag,
                          int64_t step, double value, bool corrupt) {
  const std::string scratch = event_file + ".append-scratch";
  {
    auto writer = tbx::EventWriter::CreateAtPath(scratch);
    if (!writer.ok()) return writer.status();
    absl::Status status =
        (*writer)->AddScalar(tag, value, step, kStartWallTime + 2.0 * step);
    if (status.ok()) status = (*writer)->Flush();
    if (!status.ok()) return status;
  }
  std::ifstream in(scratch, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  in.close();
  std::filesystem::remove(scratch);
  if (bytes.size() < 16)
    return absl::InternalError("scratch event file is too short");
  uint64_t first_length = 0;
  for (int i = 7; i >= 0; --i) {
    first_length = (first_length << 8) | static_cast<unsigned char>(bytes[i]);
  }
  const uint64_t skip = 8 + 4 + first_length + 4;
  if (skip + 13 > bytes.size()) {
    return absl::InternalError("scratch event file is malformed");
  }
  // Flipping a byte of the record's data (after its 12-byte header) breaks its
  // data CRC.
  if (corrupt) bytes[skip + 12] = static_cast<char>(bytes[skip + 12] ^ 0x5a);
  std::ofstream out(event_file, std::ios::binary | std::ios::app);
  if (!out)
    return absl::NotFoundError(absl::StrCat("cannot open ", event_file));
  out.write(bytes.data() + skip,
            static_cast<std::streamsize>(bytes.size() - skip));
  out.flush();
  if (!out)
    return absl::InternalError(absl::StrCat("cannot append to ", event_file));
  return absl::OkStatus();
}

int Usage() {
  std::cerr << "usage: make_browser_logdir fixture DIR\n"
               "       make_browser_logdir bench DIR RUNS TAGS STEPS\n"
               "       make_browser_logdir append|corrupt EVENT_FILE TAG STEP "
               "VALUE\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::Status status;
  if (args.size() == 2 && args[0] == "fixture") {
    status = WriteFixture(args[1]);
  } else if (args.size() == 5 && args[0] == "bench") {
    int runs = 0, tags = 0, steps = 0;
    if (!absl::SimpleAtoi(args[2], &runs) ||
        !absl::SimpleAtoi(args[3], &tags) ||
        !absl::SimpleAtoi(args[4], &steps) || runs <= 0 || tags <= 0 ||
        steps <= 0) {
      std::cerr << "RUNS, TAGS and STEPS must be positive integers\n";
      return Usage();
    }
    status = WriteBench(args[1], runs, tags, steps);
  } else if (args.size() == 5 &&
             (args[0] == "append" || args[0] == "corrupt")) {
    int64_t step = 0;
    double value = 0;
    if (!absl::SimpleAtoi(args[3], &step) ||
        !absl::SimpleAtod(args[4], &value)) {
      std::cerr << "STEP must be an integer and VALUE a number\n";
      return Usage();
    }
    status = AppendScalar(args[1], args[2], step, value, args[0] == "corrupt");
  } else {
    return Usage();
  }
  if (!status.ok()) {
    std::cerr << "make_browser_logdir: " << status << "\n";
    return 1;
  }
  return 0;
}
