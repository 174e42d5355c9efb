// Implementation of http_session.h.
#include "src/server/http_session.h"

#include <chrono>
#include <utility>

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
      pending->response = std::move(response);
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
  pending_.push_back(pending);
  auto self = shared_from_this();
  handler_->Handle(request, [self, pending](HttpResponse response) {
    // May run on any thread: hop onto the strand.
    boost::asio::dispatch(
        self->stream_.get_executor(),
        [self, pending, response = std::move(response)]() mutable {
          self->OnResponse(pending, std::move(response));
        });
  });
  Read();
}

void HttpSession::OnResponse(std::shared_ptr<Pending> pending,
                             HttpResponse response) {
  pending->response = std::move(response);
  WriteNext();
}

void HttpSession::WriteNext() {
  if (closed_ || writing_ || pending_.empty() ||
      !pending_.front()->response.has_value())
    return;
  writing_ = true;
  HttpResponse& response = *pending_.front()->response;
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

void HttpSession::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send,
                            ignored);
  stream_.close();
}

}  // namespace tbx
