// A small blocking HTTP/1.1 client for end-to-end tests, on Beast: one
// connection that can send several requests (keep-alive), or raw bytes for
// requests a normal client would not send. One thread uses a connection at a
// time.
#ifndef TBX_TESTS_E2E_HTTP_CLIENT_H_
#define TBX_TESTS_E2E_HTTP_CLIENT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/beast/core/flat_buffer.hpp"
#include "src/server/http_handler.h"

namespace tbx {

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port);
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends one request and reads its response (the body is skipped for HEAD).
  HttpResponse Send(const std::string& method, const std::string& target,
                    const Headers& headers = {}, const std::string& body = "");
  // Writes bytes as they are, then reads one response (`head`: the request was
  // a HEAD).
  void WriteRaw(const std::string& bytes);
  HttpResponse ReadResponse(bool head = false);
  // Whether the server has closed the connection (reads EOF within
  // `timeout_ms`).
  bool ClosedByPeer(int timeout_ms);

 private:
  boost::asio::io_context context_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// One request on a fresh connection.
HttpResponse Fetch(uint16_t port, const std::string& method,
                   const std::string& target, const Headers& headers = {},
                   const std::string& body = "");

}  // namespace tbx

#endif  // TBX_TESTS_E2E_HTTP_CLIENT_H_
