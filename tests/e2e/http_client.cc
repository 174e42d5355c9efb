// Implementation of http_client.h.
#include "tests/e2e/http_client.h"

#include <poll.h>

#include "boost/asio/connect.hpp"
#include "boost/asio/write.hpp"
#include "boost/beast/http/read.hpp"
#include "boost/beast/http/write.hpp"

namespace tbx {
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

HttpConnection::HttpConnection(uint16_t port) : socket_(context_) {
  socket_.connect(
      tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
}

HttpResponse HttpConnection::Send(const std::string& method,
                                  const std::string& target,
                                  const Headers& headers,
                                  const std::string& body) {
  HttpRequest request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  http::write(socket_, request);
  return ReadResponse(method == "HEAD");
}

void HttpConnection::WriteRaw(const std::string& bytes) {
  boost::asio::write(socket_, boost::asio::buffer(bytes));
}

HttpResponse HttpConnection::ReadResponse(bool head) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);
  parser.skip(head);
  http::read(socket_, buffer_, parser);
  return parser.release();
}

bool HttpConnection::ClosedByPeer(int timeout_ms) {
  pollfd fd{socket_.native_handle(), POLLIN, 0};
  if (poll(&fd, 1, timeout_ms) <= 0) return false;
  char byte;
  return recv(socket_.native_handle(), &byte, 1, MSG_PEEK) == 0;
}

HttpResponse Fetch(uint16_t port, const std::string& method,
                   const std::string& target, const Headers& headers,
                   const std::string& body) {
  HttpConnection connection(port);
  return connection.Send(method, target, headers, body);
}

}  // namespace tbx
