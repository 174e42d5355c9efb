// Implementation of http_session.h.
#include "src/server/http_session.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "boost/asio/dispatch.hpp"
#include "boost/asio/post.hpp"
#include "boost/beast/core/string.hpp"
#include "boost/beast/http/read.hpp"
#include "boost/beast/http/write.hpp"

namespace tbx {
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace {

// A connection with no complete request for this long is closed. Long-polls
// answer within 30 s.
constexpr std::chrono::seconds kIdleTimeout(75);
constexpr std::chrono::seconds kWriteTimeout(60);

}  // namespace

HttpSession::HttpSession(boost::asio::ip::tcp::socket&& socket,
                         const HttpHandler* handler, InFlight* in_flight)
    : stream_(std::move(socket)), handler_(handler), in_flight_(in_flight) {}

void HttpSession::Run() {
  boost::asio::dispatch(
      stream_.get_executor(),
      beast::bind_front_handler(&HttpSession::Read, shared_from_this()));
}

void HttpSession::Read() {
  if (reading_ || closing_ || pending_.size() >= kMaxPipelined) return;
  reading_ = true;
  parser_.emplace();
  parser_->body_limit(kBodyLimit);
  parser_->header_limit(kHeaderLimit);
  stream_.expires_after(kIdleTimeout);
  http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
}

void HttpSession::OnHeader(beast::error_code error, size_t bytes) {
  if (error || parser_->is_done()) return OnRead(error, bytes);
  // A client that asks before sending its body (curl does for large POSTs)
  // would otherwise wait a second for a go-ahead. An interim response may not
  // cut into another response, so it is sent only when nothing else is queued;
  // the client then sends its body after its own short wait.
  if (beast::iequals(parser_->get()[http::field::expect], "100-continue") &&
      !writing_ && pending_.empty()) {
    writing_ = true;
    continue_.emplace(http::status::continue_, parser_->get().version());
    http::async_write(stream_, *continue_,
                      beast::bind_front_handler(&HttpSession::OnContinue,
                                                shared_from_this()));
    return;
  }
  ReadBody();
}

void HttpSession::OnContinue(beast::error_code error, size_t /*bytes*/) {
  writing_ = false;
  continue_.reset();
  if (error) return OnRead(error, 0);
  ReadBody();
}

void HttpSession::ReadBody() {
  stream_.expires_after(kIdleTimeout);
  http::async_read(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code error, size_t /*bytes*/) {
  reading_ = false;
  if (error) {
    // end_of_stream, a timeout or a malformed request: stop reading; finish
    // queued responses.
    if (error != http::error::end_of_stream && error != beast::error::timeout &&
        error != boost::asio::error::operation_aborted &&
        error != boost::asio::error::eof &&
        error != boost::asio::error::connection_reset) {
      // A request we could not parse (too large, bad syntax): answer 400 and
      // close.
      auto pending = std::make_shared<Pending>();
      HttpResponse response{http::status::bad_request, 11};
      response.set(http::field::content_type, "application/json");
      response.set("X-Content-Type-Options", "nosniff");
      response.body() =
          Response::BadRequest("malformed request: " + error.message()).body;
      response.keep_alive(false);
      response.prepare_payload();
      pending->reply.emplace().message = std::move(response);
      pending_.push_back(std::move(pending));
    }
    closing_ = true;
    if (pending_.empty()) return Close();
    return WriteNext();
  }
  HttpRequest request = parser_->release();
  if (!request.keep_alive()) closing_ = true;
  auto pending = std::make_shared<Pending>();
  pending->in_flight.emplace(in_flight_);
  // Without the query, which may hold a token.
  const std::string_view target = request.target();
  pending->target = std::string(target.substr(0, target.find('?')));
  pending_.push_back(pending);
  auto self = shared_from_this();
  handler_->Handle(request, [self, pending](HttpReply reply) {
    // May run on any thread: hop onto the strand.
    boost::asio::dispatch(self->stream_.get_executor(),
                          [self, pending, reply = std::move(reply)]() mutable {
                            self->OnResponse(pending, std::move(reply));
                          });
  });
  Read();
}

void HttpSession::OnResponse(std::shared_ptr<Pending> pending,
                             HttpReply reply) {
  pending->reply = std::move(reply);
  WriteNext();
}

void HttpSession::WriteNext() {
  if (closed_ || writing_ || pending_.empty() ||
      !pending_.front()->reply.has_value())
    return;
  writing_ = true;
  HttpReply& reply = *pending_.front()->reply;
  if (reply.stream.has_value()) {
    streaming_ = std::make_unique<Streaming>();
    streaming_->message =
        http::response<http::buffer_body>(std::move(reply.message.base()));
    streaming_->body = *std::move(reply.stream);
    reply.stream.reset();
    streaming_->buffer.resize(static_cast<size_t>(
        std::min<uint64_t>(kStreamChunk, streaming_->body.size)));
    streaming_->serializer.emplace(streaming_->message);
    return StreamNext();
  }
  if (reply.shared_body.has_value()) {
    // The bytes go to the socket from where they are: the message and their
    // owner live in the handler until the write completes.
    auto shared = std::make_shared<SharedWrite>();
    shared->message =
        http::response<http::buffer_body>(std::move(reply.message.base()));
    shared->message.body().data = const_cast<char*>(reply.shared_body->data());
    shared->message.body().size = reply.shared_body->size();
    shared->message.body().more = false;
    shared->owner = std::move(reply.body_owner);
    const bool close = shared->message.need_eof();
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, shared->message,
                      [self = shared_from_this(), close, shared](
                          beast::error_code error, size_t bytes) {
                        self->OnWrite(close, error, bytes);
                      });
    return;
  }
  HttpResponse& response = reply.message;
  const bool close = response.need_eof();
  stream_.expires_after(kWriteTimeout);
  http::async_write(stream_, response,
                    beast::bind_front_handler(&HttpSession::OnWrite,
                                              shared_from_this(), close));
}

void HttpSession::OnWrite(bool close, beast::error_code error,
                          size_t /*bytes*/) {
  writing_ = false;
  if (!pending_.empty()) pending_.pop_front();
  if (error || close) {
    closing_ = true;
    pending_.clear();
    return Close();
  }
  if (closing_ && pending_.empty()) return Close();
  WriteNext();
  Read();
}

void HttpSession::StreamNext() {
  Streaming& s = *streaming_;
  const uint64_t left = s.body.size - s.produced;
  size_t n = 0;
  if (left > 0) {
    const std::span<char> buffer(
        s.buffer.data(),
        static_cast<size_t>(std::min<uint64_t>(left, s.buffer.size())));
    absl::StatusOr<size_t> got = absl::InternalError("the producer threw");
    try {
      got = s.body.next(buffer);
    } catch (const std::exception& e) {
      got = absl::InternalError(e.what());
    } catch (...) {
    }
    if (got.ok() && (*got == 0 || *got > buffer.size())) {
      got = absl::InternalError(absl::StrCat("the producer returned ", *got,
                                             " bytes for a buffer of ",
                                             buffer.size()));
    }
    if (!got.ok()) {
      std::cerr << "tbx: streamed body of " << pending_.front()->target
                << " failed after " << s.produced << " of " << s.body.size
                << " bytes: " << got.status().message() << std::endl;
      return OnStreamWrite(boost::asio::error::operation_aborted, 0);
    }
    n = *got;
    s.produced += n;
  }
  s.message.body().data = n > 0 ? s.buffer.data() : nullptr;
  s.message.body().size = n;
  s.message.body().more = s.produced < s.body.size;
  stream_.expires_after(kWriteTimeout);
  http::async_write(stream_, *s.serializer,
                    beast::bind_front_handler(&HttpSession::OnStreamWrite,
                                              shared_from_this()));
}

void HttpSession::OnStreamWrite(beast::error_code error, size_t /*bytes*/) {
  // need_buffer: the serializer took the whole buffer and wants more.
  if (error == http::error::need_buffer) error = {};
  if (!error && !streaming_->serializer->is_done()) return StreamNext();
  const bool close = streaming_->message.need_eof();
  streaming_.reset();  // releases the producer
  OnWrite(close, error, 0);
}

void HttpSession::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send,
                            ignored);
  stream_.close();
}

}  // namespace tbx
