// The HTTP transport: accepts connections, parses HTTP/1.1 with Boost.Beast on a small pool of
// I/O threads (C++20 coroutines), enforces limits, and hands each request to a blocking Handler on
// separate worker pools (database work never runs on an I/O thread): reads on a small pool whose
// threads stay busy, writes on a large one whose threads wait for the shared commit.
//
// Limits: request headers 16 KiB (431), bodies per the body_limit callback (413), a deadline for
// reading a whole request (slow clients are cut off), an idle keep-alive timeout, and a maximum
// number of open connections (excess connections get 503 and are closed).
//
// Shutdown: stop() (also called on SIGTERM/SIGINT when handle_signals is set) stops accepting,
// lets requests in flight finish (up to drain_timeout), closes idle keep-alive connections and
// returns from run().
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "http/message.h"

namespace fuwu::http {

struct ServerOptions {
  std::string listen = "127.0.0.1";
  std::uint16_t port = 8080;
  int io_threads = 2;
  int worker_threads = 64;      // run unsafe methods; they block on the database's group commit
  int read_worker_threads = 2;  // run GET/HEAD/OPTIONS; few threads stay hot (fewer wake-ups)
  std::size_t max_header_bytes = 16 * 1024;
  int request_timeout_seconds = 30;  // to read one whole request
  int idle_timeout_seconds = 75;     // keep-alive connection with no request
  int max_connections = 2048;
  int drain_timeout_seconds = 20;
  bool handle_signals = true;
};

using Handler = std::function<Response(Request&)>;
// Largest body accepted for a request, decided from its method and path once the header is read.
using BodyLimit = std::function<std::size_t(std::string_view method, std::string_view path)>;
// Called once per finished request with its latency in seconds (for logs and metrics).
using Observer = std::function<void(const Request&, const Response&, double seconds)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler, BodyLimit body_limit, Observer observer);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the port (port 0 picks a free one; see bound_port()). Fails with `unavailable` when the
  // address is in use.
  Status bind();
  std::uint16_t bound_port() const;
  // Serves until stop(); blocks the calling thread.
  Status run();
  // Thread-safe; may be called from a handler or another thread.
  void stop();

  int active_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fuwu::http
