// Listener: accepts connections on a bound acceptor and starts an HttpSession
// on its own strand for each. Owns itself through shared_ptr while an accept is
// pending; Stop() (any thread) closes the acceptor, after which no new
// connection is accepted.
#ifndef TBX_SERVER_LISTENER_H_
#define TBX_SERVER_LISTENER_H_

#include <memory>

#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/strand.hpp"
#include "src/server/http_handler.h"
#include "src/server/in_flight.h"

namespace tbx {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // `acceptor` is already bound and listening; `handler` and `in_flight` must
  // outlive the io_context's threads.
  Listener(boost::asio::io_context& context,
           boost::asio::ip::tcp::acceptor&& acceptor,
           const HttpHandler* handler, InFlight* in_flight);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  void Run();
  void Stop();

 private:
  void Accept();
  void OnAccept(boost::beast::error_code error,
                boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& context_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  const HttpHandler* handler_;
  InFlight* in_flight_;
};

}  // namespace tbx

#endif  // TBX_SERVER_LISTENER_H_
