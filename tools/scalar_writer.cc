// scalar_writer: writes one scalar tag for benchmarks, then optionally keeps
// appending to it like a live training job.
//   scalar_writer <run directory> <tag> <initial points> [<append seconds>
//   <points per second>]
// The initial points are flushed before the program prints "ready"; appended
// points are flushed one by one.
#include <chrono>
#include <cmath>
#include <iostream>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "tbx/event_writer.h"

int main(int argc, char** argv) {
  int64_t initial = 0;
  double seconds = 0;
  double rate = 0;
  if ((argc != 4 && argc != 6) || !absl::SimpleAtoi(argv[3], &initial) ||
      (argc == 6 && (!absl::SimpleAtod(argv[4], &seconds) ||
                     !absl::SimpleAtod(argv[5], &rate) || rate <= 0))) {
    std::cerr << "usage: scalar_writer <run dir> <tag> <initial points> "
                 "[<append seconds> "
                 "<points per second>]\n";
    return 2;
  }
  auto writer = tbx::EventWriter::Create(argv[1]);
  if (!writer.ok()) {
    std::cerr << "scalar_writer: " << writer.status() << "\n";
    return 1;
  }
  const std::string tag = argv[2];
  const double start = 1700000000.0;
  int64_t step = 0;
  for (; step < initial; ++step) {
    if (auto status = (*writer)->AddScalar(tag, std::sin(step * 0.01), step,
                                           start + step);
        !status.ok()) {
      std::cerr << "scalar_writer: " << status << "\n";
      return 1;
    }
  }
  if (auto status = (*writer)->Flush(); !status.ok()) {
    std::cerr << "scalar_writer: " << status << "\n";
    return 1;
  }
  std::cout << "ready" << std::endl;
  const auto period = std::chrono::duration<double>(1.0 / std::max(rate, 1e-9));
  const auto end =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(period);
    auto status =
        (*writer)->AddScalar(tag, std::sin(step * 0.01), step, start + step);
    if (status.ok()) status = (*writer)->Flush();
    if (!status.ok()) {
      std::cerr << "scalar_writer: " << status << "\n";
      return 1;
    }
    ++step;
  }
  std::cout << "wrote " << step << " points" << std::endl;
  return 0;
}
