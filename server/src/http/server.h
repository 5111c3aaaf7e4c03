// The HTTP/1.1 server: asynchronous Boost.Beast on a pool of threads.
//
// One io_context is run by `threads` threads; each connection is served on
// its own strand, so a connection's steps never run concurrently while
// different connections use every core. Handlers run synchronously on the
// connection's strand (the database calls they make are short; long exports
// are still bounded by the body and write timeouts).
//
// Per request: the header is read first (16 KiB limit), then the body limit
// of the matched route is applied (413 when exceeded), then the body is
// read, the handler runs and the response is written. Keep-alive is honoured.
// Stop() is graceful: no new connections, idle connections are closed,
// requests in flight finish and are answered.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace vw::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port (tests)
  int threads = 0;             // 0: one per core
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds write_timeout{120};
  std::chrono::seconds shutdown_grace{20};
  std::size_t default_body_limit = 1 << 20;
  bool trust_proxy = false;  // take the client address from X-Forwarded-For
};

// Produces the response for a fully read request. Must be thread-safe.
using Dispatch = std::function<Response(RequestContext&)>;
// Body limit for a request, known after its header was read. Thread-safe.
using BodyLimit = std::function<std::size_t(beast_http::verb, std::string_view path)>;

class Server {
 public:
  Server(ServerOptions options, Dispatch dispatch, BodyLimit body_limit);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; returns the bound port. Throws on bind failure.
  unsigned short Start();
  // Graceful stop; returns when every thread has finished. Idempotent.
  void Stop();
  // Blocks until SIGINT or SIGTERM, then stops gracefully.
  void RunUntilSignal();

  // Process-unique id for a request ("3fa2c1d0-000001").
  std::string NextRequestId();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace vw::http
