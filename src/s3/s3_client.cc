#include "src/s3/s3_client.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "src/s3/sigv4.h"

namespace tbx::s3 {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool Retryable(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

// Drives one asynchronous operation to completion on `ioc` from the calling
// thread; the stream's own timer bounds how long it may take.
template <typename Start>
error_code RunOp(asio::io_context& ioc, Start start) {
  error_code result = asio::error::would_block;
  start([&result](error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

}  // namespace

struct S3Client::Tls {
  asio::ssl::context context{asio::ssl::context::tls_client};
};

struct S3Client::Connection {
  asio::io_context ioc;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  std::string host;   // the host it is connected to
  bool used = false;  // has carried a request before

  beast::tcp_stream& lowest() {
    return tls ? beast::get_lowest_layer(*tls) : *plain;
  }
};

S3Client::S3Client(Options options) : options_(std::move(options)) {
  if (options_.config.endpoint.tls) {
    tls_ = std::make_unique<Tls>();
    tls_->context.set_default_verify_paths();
    tls_->context.set_verify_mode(asio::ssl::verify_peer);
  }
}

S3Client::~S3Client() = default;

std::unique_ptr<S3Client::Connection> S3Client::Acquire() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](S3Client* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
        return c->in_use_ < c->options_.max_connections;
      },
      this));
  ++in_use_;
  if (idle_.empty()) return nullptr;
  std::unique_ptr<Connection> c = std::move(idle_.back());
  idle_.pop_back();
  return c;
}

void S3Client::Release(std::unique_ptr<Connection> connection, bool reusable) {
  absl::MutexLock lock(&mu_);
  --in_use_;
  if (connection != nullptr && reusable) idle_.push_back(std::move(connection));
}

absl::StatusOr<S3Client::Response> S3Client::Send(
    const std::string& bucket, const std::string& key,
    const std::vector<std::pair<std::string, std::string>>& query,
    const std::string& range, const std::string& what, size_t body_limit) {
  const S3Config& config = options_.config;
  const Endpoint& endpoint = config.endpoint;
  const std::string host = config.path_style
                               ? endpoint.host
                               : absl::StrCat(bucket, ".", endpoint.host);
  const bool default_port = endpoint.port == (endpoint.tls ? 443 : 80);
  const std::string host_header =
      default_port ? host : absl::StrCat(host, ":", endpoint.port);
  std::string path =
      config.path_style ? absl::StrCat("/", bucket, "/") : std::string("/");
  absl::StrAppend(&path, UriEncode(key, false));
  const std::string canonical_query = CanonicalQuery(query);
  const std::string target =
      canonical_query.empty() ? path : absl::StrCat(path, "?", canonical_query);

  absl::Duration backoff = options_.first_backoff;
  std::mt19937 jitter(std::random_device{}());
  std::string last_error;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    if (attempt > 1) {
      std::uniform_real_distribution<double> spread(0.5, 1.5);
      absl::SleepFor(backoff * spread(jitter));
      backoff = std::min(backoff * 2, absl::Seconds(4));
    }
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, host_header);
    request.set(http::field::user_agent, "tbx");
    if (!range.empty()) request.set(http::field::range, range);
    if (!config.anonymous) {
      const std::string amz_date =
          absl::FormatTime("%Y%m%dT%H%M%SZ", absl::Now(), absl::UTCTimeZone());
      request.set("x-amz-date", amz_date);
      request.set("x-amz-content-sha256", std::string(kEmptySha256));
      SigV4Request to_sign;
      to_sign.method = "GET";
      to_sign.canonical_uri = path;
      to_sign.query = query;
      to_sign.headers = {{"host", host_header},
                         {"x-amz-date", amz_date},
                         {"x-amz-content-sha256", std::string(kEmptySha256)}};
      if (!range.empty()) to_sign.headers.emplace_back("range", range);
      if (!config.credentials.session_token.empty()) {
        request.set("x-amz-security-token", config.credentials.session_token);
        to_sign.headers.emplace_back("x-amz-security-token",
                                     config.credentials.session_token);
      }
      to_sign.payload_sha256 = std::string(kEmptySha256);
      request.set(http::field::authorization,
                  Authorization(to_sign, config.credentials, config.region,
                                "s3", amz_date));
    }

    std::unique_ptr<Connection> c = Acquire();
    ++requests_;
    error_code ec;
    const auto timeout = absl::ToChronoMilliseconds(options_.timeout);
    if (c != nullptr && c->host != host) c.reset();
    const bool reused = c != nullptr;
    if (c == nullptr) {
      c = std::make_unique<Connection>();
      c->host = host;
      tcp::resolver resolver(c->ioc);
      auto endpoints =
          resolver.resolve(host, std::to_string(endpoint.port), ec);
      if (!ec) {
        if (tls_ != nullptr) {
          c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(
              c->ioc, tls_->context);
          SSL_set_tlsext_host_name(c->tls->native_handle(), host.c_str());
          c->tls->set_verify_callback(asio::ssl::host_name_verification(host));
        } else {
          c->plain = std::make_unique<beast::tcp_stream>(c->ioc);
        }
        c->lowest().expires_after(timeout);
        ec = RunOp(c->ioc, [&](auto handler) {
          c->lowest().async_connect(endpoints, std::move(handler));
        });
        if (!ec && c->tls) {
          c->lowest().expires_after(timeout);
          ec = RunOp(c->ioc, [&](auto handler) {
            c->tls->async_handshake(asio::ssl::stream_base::client,
                                    std::move(handler));
          });
        }
      }
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(body_limit);
    if (!ec) {
      c->lowest().expires_after(timeout);
      ec = RunOp(c->ioc, [&](auto handler) {
        if (c->tls) {
          http::async_write(*c->tls, request, std::move(handler));
        } else {
          http::async_write(*c->plain, request, std::move(handler));
        }
      });
    }
    if (!ec) {
      c->lowest().expires_after(timeout);
      ec = RunOp(c->ioc, [&](auto handler) {
        if (c->tls) {
          http::async_read(*c->tls, c->buffer, parser, std::move(handler));
        } else {
          http::async_read(*c->plain, c->buffer, parser, std::move(handler));
        }
      });
    }
    if (ec) {
      Release(nullptr, false);
      last_error = absl::StrCat("network error: ", ec.message());
      // A kept-alive connection the server closed meanwhile: one more try at
      // once on a fresh connection, not counted.
      if (reused && attempt == 1) {
        --attempt;
        backoff = options_.first_backoff;
        continue;
      }
      continue;
    }
    http::response<http::string_body> response = parser.release();
    const bool keep = response.keep_alive();
    c->used = true;
    Release(std::move(c), keep);
    const int status = static_cast<int>(response.result_int());
    if (status / 100 == 2 || status == 416) {
      return Response{status, std::move(response.body())};
    }
    const ErrorBody error = ParseErrorBody(response.body());
    last_error =
        absl::StrCat("HTTP ", status, error.code.empty() ? "" : " ", error.code,
                     error.message.empty() ? "" : ": ", error.message);
    if (Retryable(status) || error.code == "SlowDown") continue;
    const std::string message = absl::StrCat(what, ": ", last_error);
    switch (status) {
      case 403:
        return absl::PermissionDeniedError(absl::StrCat(
            message, " (credentials: ", config.credentials_source, ")"));
      case 404:
        return absl::NotFoundError(message);
      case 400:
        return absl::InvalidArgumentError(message);
      default:
        return absl::UnknownError(message);
    }
  }
  return absl::UnavailableError(absl::StrCat(
      what, ": ", last_error, " (after ", options_.max_attempts, " attempts)"));
}

absl::StatusOr<ListPage> S3Client::ListObjects(
    const std::string& bucket, const std::string& prefix,
    const std::string& continuation_token, int max_keys) {
  std::vector<std::pair<std::string, std::string>> query = {
      {"list-type", "2"}, {"max-keys", std::to_string(max_keys)}};
  if (!prefix.empty()) query.emplace_back("prefix", prefix);
  if (!continuation_token.empty()) {
    query.emplace_back("continuation-token", continuation_token);
  }
  absl::StatusOr<Response> response =
      Send(bucket, "", query, "",
           absl::StrCat("listing s3://", bucket, "/", prefix), 64 << 20);
  if (!response.ok()) return response.status();
  absl::StatusOr<ListPage> page = ParseListPage(response->body);
  if (!page.ok()) {
    return absl::DataLossError(absl::StrCat(
        "listing s3://", bucket, "/", prefix, ": ", page.status().message()));
  }
  return page;
}

absl::StatusOr<std::vector<ObjectInfo>> S3Client::ListAll(
    const std::string& bucket, const std::string& prefix) {
  std::vector<ObjectInfo> all;
  std::string token;
  while (true) {
    absl::StatusOr<ListPage> page =
        ListObjects(bucket, prefix, token, options_.config.list_page_size);
    if (!page.ok()) return page.status();
    for (ObjectInfo& object : page->objects) all.push_back(std::move(object));
    if (!page->truncated) break;
    token = page->next_token;
  }
  return all;
}

absl::Status S3Client::GetRange(const std::string& bucket,
                                const std::string& key, uint64_t offset,
                                size_t n, std::string* out) {
  out->clear();
  if (n == 0) return absl::OkStatus();
  absl::StatusOr<Response> response =
      Send(bucket, key, {}, absl::StrCat("bytes=", offset, "-", offset + n - 1),
           absl::StrCat("s3://", bucket, "/", key), n + 4096);
  if (!response.ok()) return response.status();
  if (response->status == 416) return absl::OkStatus();  // at or past the end
  if (response->status == 200) {
    // A server that ignores Range sends the whole object.
    if (offset >= response->body.size()) return absl::OkStatus();
    *out = response->body.substr(offset, n);
    return absl::OkStatus();
  }
  *out = std::move(response->body);
  if (out->size() > n) out->resize(n);
  return absl::OkStatus();
}

}  // namespace tbx::s3
