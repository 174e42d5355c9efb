// Implementation of listener.h.
#include "src/server/listener.h"

#include <iostream>
#include <utility>

#include "boost/asio/dispatch.hpp"
#include "boost/beast/core/bind_handler.hpp"
#include "src/server/http_session.h"

namespace tbx {

Listener::Listener(boost::asio::io_context& context,
                   boost::asio::ip::tcp::acceptor&& acceptor,
                   const HttpHandler* handler, InFlight* in_flight)
    : context_(context),
      strand_(boost::asio::make_strand(context)),
      acceptor_(std::move(acceptor)),
      handler_(handler),
      in_flight_(in_flight) {}

void Listener::Run() {
  boost::asio::dispatch(strand_, boost::beast::bind_front_handler(
                                     &Listener::Accept, shared_from_this()));
}

void Listener::Stop() {
  boost::asio::dispatch(strand_, [self = shared_from_this()] {
    boost::beast::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void Listener::Accept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand.
  acceptor_.async_accept(boost::asio::make_strand(context_),
                         boost::beast::bind_front_handler(&Listener::OnAccept,
                                                          shared_from_this()));
}

void Listener::OnAccept(boost::beast::error_code error,
                        boost::asio::ip::tcp::socket socket) {
  if (error == boost::asio::error::operation_aborted || !acceptor_.is_open())
    return;
  if (error) {
    // E.g. too many open files: report and keep accepting.
    std::cerr << "tbx: accept failed: " << error.message() << std::endl;
  } else {
    std::make_shared<HttpSession>(std::move(socket), handler_, in_flight_)
        ->Run();
  }
  Accept();
}

}  // namespace tbx
