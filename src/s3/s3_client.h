// S3Client: the S3 REST calls tbx needs (paged ListObjectsV2 and ranged
// GetObject) over HTTP/1.1 with Boost.Beast, HTTPS through Boost.Asio's SSL
// streams on OpenSSL (peer and host name verified against the system's CA
// store), signed with SigV4 unless anonymous.
//
// Connections are kept alive and reused; at most `max_connections` requests
// are in flight at once (callers beyond that wait). A request that meets a
// network error, a timeout, 429 or a 5xx is tried again up to `max_attempts`
// times with exponential backoff; 403/404 and other 4xx are final. Errors are
// absl::Status values whose message names the object, the HTTP status and
// S3's error code and message.
//
// Thread-safe: any number of threads may call it at once.
#ifndef TBX_SRC_S3_S3_CLIENT_H_
#define TBX_SRC_S3_S3_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "src/s3/s3_config.h"
#include "src/s3/s3_xml.h"

namespace tbx::s3 {

class S3Client {
 public:
  struct Options {
    S3Config config;
    int max_connections = 8;
    int max_attempts = 4;
    absl::Duration timeout = absl::Seconds(20);  // per network operation
    absl::Duration first_backoff = absl::Milliseconds(100);
  };

  explicit S3Client(Options options);
  ~S3Client();
  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;

  // One ListObjectsV2 page of the keys under `prefix` (no delimiter).
  absl::StatusOr<ListPage> ListObjects(const std::string& bucket,
                                       const std::string& prefix,
                                       const std::string& continuation_token,
                                       int max_keys);
  // Every key under `prefix`, page after page (config().list_page_size keys
  // a page).
  absl::StatusOr<std::vector<ObjectInfo>> ListAll(const std::string& bucket,
                                                  const std::string& prefix);
  // Up to `n` bytes of the object from `offset` into *out (replaced); empty at
  // or past the object's end.
  absl::Status GetRange(const std::string& bucket, const std::string& key,
                        uint64_t offset, size_t n, std::string* out);

  // Requests sent (attempts included), for tests and benchmarks.
  int64_t requests_sent() const { return requests_.load(); }
  const S3Config& config() const { return options_.config; }

  struct Connection;  // one kept-alive HTTP(S) connection

 private:
  struct Response {
    int status = 0;
    std::string body;
  };
  // One request with retries. `what` names the object in messages.
  absl::StatusOr<Response> Send(
      const std::string& bucket, const std::string& key,
      const std::vector<std::pair<std::string, std::string>>& query,
      const std::string& range, const std::string& what, size_t body_limit);
  std::unique_ptr<Connection> Acquire() ABSL_LOCKS_EXCLUDED(mu_);
  void Release(std::unique_ptr<Connection> connection, bool reusable)
      ABSL_LOCKS_EXCLUDED(mu_);

  const Options options_;
  struct Tls;
  std::unique_ptr<Tls>
      tls_;  // the shared SSL context, when the endpoint is https
  std::atomic<int64_t> requests_{0};
  absl::Mutex mu_;
  int in_use_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tbx::s3

#endif  // TBX_SRC_S3_S3_CLIENT_H_
