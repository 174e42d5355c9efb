// Writes an hparams sweep for the browser tests and benchmark:
// `make_hparams_logdir DIR N` makes N runs trial_<i>, each with a session start
// info (lr, batch_size, optimizer, use_bn), an end info (every seventh session
// failed), and the scalars `acc` and `loss` over five steps. Seeds of one
// configuration share a group name, so groups hold three sessions each.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "proto/hparams_plugin_data.pb.h"
#include "tbx/event_writer.h"

namespace {

namespace hp = ::tensorboard::hparams;

absl::Status WriteSession(const std::string& dir, int i) {
  const std::string run = dir + "/trial_" + std::to_string(i);
  absl::StatusOr<std::unique_ptr<tbx::EventWriter>> writer =
      tbx::EventWriter::Create(run);
  if (!writer.ok()) return writer.status();
  const int config = i / 3;
  const char* optimizers[] = {"adam", "sgd", "rmsprop"};
  const double lr = 1e-4 * (1 + (config * 37) % 1000);
  hp::HParamsPluginData start;
  hp::SessionStartInfo* info = start.mutable_session_start_info();
  info->set_group_name("config_" + std::to_string(config));
  info->set_start_time_secs(1.7e9 + i);
  (*info->mutable_hparams())["lr"].set_number_value(lr);
  (*info->mutable_hparams())["batch_size"].set_number_value(16 << (config % 4));
  (*info->mutable_hparams())["optimizer"].set_string_value(
      optimizers[config % 3]);
  (*info->mutable_hparams())["use_bn"].set_bool_value(config % 2 == 0);
  tbx::Tensor empty;
  empty.dtype = tbx::DType::kFloat;
  empty.numbers = {0};
  absl::Status status = (*writer)->AddTensor(
      "_hparams_/session_start_info", empty, "hparams",
      start.SerializeAsString(), 0, 1.7e9 + i, tbx::DataClass::kTensor);
  if (!status.ok()) return status;
  // Accuracy grows with the step; its final level depends on lr and the seed.
  const double level =
      0.5 + 0.4 * (1 - std::abs(std::log10(lr) + 2.5) / 2) + 0.01 * (i % 3);
  for (int step = 0; step < 5; ++step) {
    const double acc = level * (0.6 + 0.1 * step);
    status = (*writer)->AddScalar("acc", acc, step, 1.7e9 + i + step);
    if (!status.ok()) return status;
    status = (*writer)->AddScalar("loss", 1 - acc, step, 1.7e9 + i + step);
    if (!status.ok()) return status;
  }
  hp::HParamsPluginData end;
  end.mutable_session_end_info()->set_status(i % 7 == 6 ? hp::STATUS_FAILURE
                                                        : hp::STATUS_SUCCESS);
  end.mutable_session_end_info()->set_end_time_secs(1.7e9 + i + 5);
  status = (*writer)->AddTensor("_hparams_/session_end_info", empty, "hparams",
                                end.SerializeAsString(), 0, 1.7e9 + i + 5,
                                tbx::DataClass::kTensor);
  if (!status.ok()) return status;
  return (*writer)->Flush();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_hparams_logdir DIR SESSIONS\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int sessions = std::atoi(argv[2]);
  for (int i = 0; i < sessions; ++i) {
    absl::Status status = WriteSession(dir, i);
    if (!status.ok()) {
      std::fprintf(stderr, "make_hparams_logdir: %s\n",
                   std::string(status.message()).c_str());
      return 1;
    }
  }
  return 0;
}
