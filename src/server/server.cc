// Implementation of server.h.
#include "src/server/server.h"

#include <cctype>
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

// Binds 127.0.0.1 and then ::1 on the same port (the chosen one when `port`
// is 0). ::1 is skipped when the machine has no IPv6 loopback; a ::1 port in
// use fails the whole bind, so that "localhost" never reaches another server.
absl::Status BindLocalhost(asio::io_context& context, uint16_t port,
                           std::vector<tcp::acceptor>* acceptors) {
  absl::StatusOr<tcp::acceptor> v4 = Listen(
      context, tcp::endpoint(asio::ip::address_v4::loopback(), port), false);
  if (!v4.ok()) return v4.status();
  const uint16_t bound = v4->local_endpoint().port();
  acceptors->push_back(*std::move(v4));
  tcp::acceptor v6(context);
  boost::system::error_code error;
  v6.open(tcp::v6(), error);
  if (error) return absl::OkStatus();  // no IPv6 at all
  v6.set_option(asio::ip::v6_only(true), error);
  if (!error) v6.set_option(asio::socket_base::reuse_address(true), error);
  if (!error)
    v6.bind(tcp::endpoint(asio::ip::address_v6::loopback(), bound), error);
  if (error == boost::system::errc::address_not_available ||
      error == boost::system::errc::address_family_not_supported)
    return absl::OkStatus();
  if (!error) v6.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    acceptors->clear();
    return absl::UnavailableError(
        absl::StrCat("[::1]:", bound, ": ", error.message()));
  }
  acceptors->push_back(std::move(v6));
  return absl::OkStatus();
}

bool IsLocalhostName(const std::string& host) {
  if (host.size() != 9) return false;
  for (size_t i = 0; i < host.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(host[i])) != "localhost"[i])
      return false;
  }
  return true;
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
  if (!options.bind_all && IsLocalhostName(options.host)) {
    // With port 0 the kernel's choice for 127.0.0.1 may be taken on ::1: try
    // a few ports.
    const int attempts = options.port == 0 ? 20 : 1;
    absl::Status status;
    for (int i = 0; i < attempts; ++i) {
      status = BindLocalhost(context, options.port, &server->acceptors_);
      if (status.ok()) break;
    }
    if (!status.ok()) {
      return absl::UnavailableError(
          absl::StrCat("cannot listen on ", where, ": ", status.message()));
    }
    server->port_ = server->acceptors_.front().local_endpoint().port();
    server->loopback_only_ = true;
    return server;
  }
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
    // Prefer IPv4 (what names usually mean to browsers and scripts), then the
    // rest.
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
      server->loopback_only_ = endpoint.address().is_loopback();
      server->acceptors_.push_back(*std::move(acceptor));
      return server;
    }
    last_error = acceptor.status();
  }
  return absl::UnavailableError(
      absl::StrCat("cannot listen on ", where, ": ", last_error.message()));
}

Server::~Server() { Stop(); }

void Server::Start(const HttpHandler* handler) {
  for (tcp::acceptor& acceptor : acceptors_) {
    listeners_.push_back(std::make_shared<Listener>(
        context_, std::move(acceptor), handler, &in_flight_));
    listeners_.back()->Run();
  }
  acceptors_.clear();
  const int threads = options_.io_threads > 0 ? options_.io_threads : 1;
  for (int i = 0; i < threads; ++i)
    threads_.emplace_back([this] { context_.run(); });
}

void Server::Stop() {
  for (const std::shared_ptr<Listener>& listener : listeners_) listener->Stop();
  // Requests already read are answered (within a bound: a long-poll may not
  // end soon). Idle keep-alive connections hold nothing and are just closed.
  if (!threads_.empty()) in_flight_.WaitUntilIdle(kDrainTimeout);
  work_.reset();
  context_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  listeners_.clear();
}

}  // namespace tbx
