// Server: the TCP side of tbx. Bind() resolves and binds the listening sockets
// (so "port in use" is known before anything else starts; "localhost" binds
// both 127.0.0.1 and ::1 when the machine has both, on the same port), Start()
// runs the accept loop and a few I/O threads, Stop() closes the listener, lets
// the requests already read be answered (up to kDrainTimeout), stops the I/O
// threads and joins them. Start and Stop are called by the owning thread only;
// the io_context may be used by any thread for timers.
#ifndef TBX_SERVER_SERVER_H_
#define TBX_SERVER_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "src/server/http_handler.h"
#include "src/server/in_flight.h"

namespace tbx {

class Listener;

struct ServerOptions {
  std::string host =
      "localhost";        // name or address to bind; ignored with bind_all
  bool bind_all = false;  // every interface, IPv6 and IPv4
  uint16_t port = 6006;   // 0 picks a free port
  int io_threads = 4;
};

class Server {
 public:
  // How long Stop() waits for responses in flight.
  static constexpr absl::Duration kDrainTimeout = absl::Seconds(2);

  // Fails with a one-line message: Unavailable when the address is in use or
  // cannot be bound, InvalidArgument when the host does not resolve.
  static absl::StatusOr<std::unique_ptr<Server>> Bind(
      const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (the chosen one when options.port was 0).
  uint16_t port() const { return port_; }
  // Whether every bound address is a loopback address.
  bool loopback_only() const { return loopback_only_; }
  boost::asio::io_context& io_context() { return context_; }
  // Requests read and not yet answered (for tests and diagnostics).
  int64_t requests_in_flight() { return in_flight_.count(); }

  // Starts accepting; `handler` must outlive Stop().
  void Start(const HttpHandler* handler);
  // Stops accepting and serving and joins the I/O threads. Idempotent.
  void Stop();

 private:
  explicit Server(ServerOptions options);

  ServerOptions options_;
  InFlight in_flight_;  // declared before context_: outlives its handlers
  boost::asio::io_context context_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type>
      work_;
  // Bound sockets until Start hands them to listeners.
  std::vector<boost::asio::ip::tcp::acceptor> acceptors_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
  bool loopback_only_ = false;
};

}  // namespace tbx

#endif  // TBX_SERVER_SERVER_H_
