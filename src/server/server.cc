// Implementation of server.h.
#include "src/server/server.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "boost/asio/ip/v6_only.hpp"
#include "src/server/listener.h"

namespace tbx {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
namespace {

// Opens, binds and listens on one endpoint.
absl::StatusOr<tcp::acceptor> Listen(asio::io_context& context,
                                     const tcp::endpoint& endpoint,
                                     bool dual_stack) {
  tcp::acceptor acceptor(context);
  boost::system::error_code error;
  acceptor.open(endpoint.protocol(), error);
  if (!error)
    acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error && dual_stack)
    acceptor.set_option(asio::ip::v6_only(false), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) return absl::UnavailableError(error.message());
  return acceptor;
}

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)), work_(asio::make_work_guard(context_)) {}

absl::StatusOr<std::unique_ptr<Server>> Server::Bind(
    const ServerOptions& options) {
  std::unique_ptr<Server> server(new Server(options));
  asio::io_context& context = server->context_;
  const std::string where =
      options.bind_all
          ? absl::StrCat("port ", options.port, " on all interfaces")
          : absl::StrCat(options.host, ":", options.port);
  std::vector<std::pair<tcp::endpoint, bool>>
      candidates;  // endpoint, dual stack
  if (options.bind_all) {
    candidates.emplace_back(
        tcp::endpoint(asio::ip::address_v6::any(), options.port), true);
    candidates.emplace_back(
        tcp::endpoint(asio::ip::address_v4::any(), options.port), false);
  } else {
    tcp::resolver resolver(context);
    boost::system::error_code error;
    auto results = resolver.resolve(options.host, std::to_string(options.port),
                                    tcp::resolver::numeric_service, error);
    if (error || results.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot resolve --host '", options.host, "': ", error.message()));
    }
    // Prefer IPv4 (what "localhost" usually means to browsers and scripts),
    // then the rest.
    for (const auto& entry : results) {
      if (entry.endpoint().address().is_v4())
        candidates.emplace_back(entry.endpoint(), false);
    }
    for (const auto& entry : results) {
      if (!entry.endpoint().address().is_v4())
        candidates.emplace_back(entry.endpoint(), false);
    }
  }
  absl::Status last_error = absl::UnavailableError("no address to bind");
  for (const auto& [endpoint, dual_stack] : candidates) {
    absl::StatusOr<tcp::acceptor> acceptor =
        Listen(context, endpoint, dual_stack);
    if (acceptor.ok()) {
      server->port_ = acceptor->local_endpoint().port();
      server->acceptor_ = std::make_unique<tcp::acceptor>(*std::move(acceptor));
      return server;
    }
    last_error = acceptor.status();
  }
  return absl::UnavailableError(
      absl::StrCat("cannot listen on ", where, ": ", last_error.message()));
}

Server::~Server() { Stop(); }

void Server::Start(const HttpHandler* handler) {
  listener_ = std::make_shared<Listener>(context_, std::move(*acceptor_),
                                         handler, &in_flight_);
  acceptor_.reset();
  listener_->Run();
  const int threads = options_.io_threads > 0 ? options_.io_threads : 1;
  for (int i = 0; i < threads; ++i)
    threads_.emplace_back([this] { context_.run(); });
}

void Server::Stop() {
  if (listener_) listener_->Stop();
  // Requests already read are answered (within a bound: a long-poll may not
  // end soon). Idle keep-alive connections hold nothing and are just closed.
  if (!threads_.empty()) in_flight_.WaitUntilIdle(kDrainTimeout);
  work_.reset();
  context_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  listener_.reset();
}

}  // namespace tbx
