// Runs a program as a child process for CLI tests: to completion with its
// output captured, or in the background with its stderr readable line by line.
// One thread uses a Subprocess at a time.
#ifndef TBX_TESTS_E2E_SUBPROCESS_H_
#define TBX_TESTS_E2E_SUBPROCESS_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace tbx {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) and waits at most `timeout_ms`.
ProcessResult RunToExit(const std::vector<std::string>& argv,
                        int timeout_ms = 20000);

class Subprocess {
 public:
  explicit Subprocess(const std::vector<std::string>& argv);
  ~Subprocess();  // SIGKILLs the child if it still runs
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // The next full line of stderr (without '\n'), or nullopt on EOF or after
  // `timeout_ms`.
  std::optional<std::string> ReadErrLine(int timeout_ms);
  // Sends `signal` and waits for exit; returns the exit code (-1 if killed by a
  // signal).
  int Stop(int signal, int timeout_ms = 10000);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string pending_;
};

}  // namespace tbx

#endif  // TBX_TESTS_E2E_SUBPROCESS_H_
