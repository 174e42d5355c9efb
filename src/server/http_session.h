// HttpSession: one accepted TCP connection speaking HTTP/1.1 with keep-alive.
// All of its work runs on its own strand. Each request gets a fresh parser
// (body limit, header limit) and a timeout; up to kMaxPipelined requests may be
// in flight, and their responses are written in request order even when an
// asynchronous route answers later. A request with "Expect: 100-continue" gets
// its interim "100 Continue" before its body is read. The session owns itself
// through shared_ptr and ends when the peer closes, a timeout fires or a
// response says "close".
//
// A reply with a streamed body (HttpReply::stream) is written through a
// serializer over a fixed kStreamChunk buffer: the producer fills it, the
// socket takes it, and so on, each write under its own timeout; a producer
// error or a write error closes the connection (the client sees fewer bytes
// than Content-Length). The producer is destroyed as soon as its body is done
// or the connection fails. A reply whose body is shared bytes
// (HttpReply::shared_body: a cached answer, an embedded asset) is written from
// them in one write, its owner held until the write completes.
#ifndef TBX_SERVER_HTTP_SESSION_H_
#define TBX_SERVER_HTTP_SESSION_H_

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "boost/asio/ip/tcp.hpp"
#include "boost/beast/core/flat_buffer.hpp"
#include "boost/beast/core/tcp_stream.hpp"
#include "boost/beast/http/buffer_body.hpp"
#include "boost/beast/http/empty_body.hpp"
#include "boost/beast/http/message.hpp"
#include "boost/beast/http/parser.hpp"
#include "boost/beast/http/serializer.hpp"
#include "src/server/http_handler.h"
#include "src/server/in_flight.h"

namespace tbx {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  static constexpr size_t kMaxPipelined = 8;
  static constexpr size_t kBodyLimit = 32 * 1024 * 1024;
  static constexpr size_t kHeaderLimit = 64 * 1024;
  // The buffer a streamed body is written through (one per streaming
  // connection, allocated while it streams).
  static constexpr size_t kStreamChunk = 256 * 1024;

  // `handler` and `in_flight` must outlive every session (the Server
  // guarantees it).
  HttpSession(boost::asio::ip::tcp::socket&& socket, const HttpHandler* handler,
              InFlight* in_flight);
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Starts reading requests.
  void Run();

 private:
  // A response slot, filled when its request's handler finishes. A request
  // being answered holds an InFlight token until the slot is dropped.
  struct Pending {
    std::optional<HttpReply> reply;
    std::optional<InFlight::Token> in_flight;
    std::string target;  // the request's path, for log lines
  };
  // The streamed reply being written: its header as a buffer_body message,
  // the serializer over it, the producer and the buffer between them.
  struct Streaming {
    boost::beast::http::response<boost::beast::http::buffer_body> message;
    std::optional<boost::beast::http::response_serializer<
        boost::beast::http::buffer_body>>
        serializer;
    BodyStream body;
    uint64_t produced = 0;
    std::vector<char> buffer;
  };

  // A reply whose body is shared bytes (HttpReply::shared_body) being
  // written: the message points at them and `owner` keeps them alive.
  struct SharedWrite {
    boost::beast::http::response<boost::beast::http::buffer_body> message;
    std::shared_ptr<const void> owner;
  };

  void Read();
  void OnHeader(boost::beast::error_code error, size_t bytes);
  void OnContinue(boost::beast::error_code error, size_t bytes);
  void ReadBody();
  void OnRead(boost::beast::error_code error, size_t bytes);
  void OnResponse(std::shared_ptr<Pending> pending, HttpReply reply);
  void WriteNext();
  void OnWrite(bool close, boost::beast::error_code error, size_t bytes);
  // Fills the buffer from the producer and writes it (the header first).
  void StreamNext();
  void OnStreamWrite(boost::beast::error_code error, size_t bytes);
  void Close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  const HttpHandler* handler_;
  InFlight* in_flight_;
  std::optional<
      boost::beast::http::request_parser<boost::beast::http::string_body>>
      parser_;
  // The interim response being written, if any.
  std::optional<boost::beast::http::response<boost::beast::http::empty_body>>
      continue_;
  std::deque<std::shared_ptr<Pending>> pending_;  // in request order
  // Set while pending_.front()'s streamed body is being written.
  std::unique_ptr<Streaming> streaming_;
  bool reading_ = false;
  bool writing_ = false;
  bool closing_ = false;  // a "close" response was queued or the peer went away
  bool closed_ = false;   // the socket is closed; late responses are dropped
};

}  // namespace tbx

#endif  // TBX_SERVER_HTTP_SESSION_H_
